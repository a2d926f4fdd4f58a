// RUN: graph-opt %s -graph-to-linalg -split-input-file | FileCheck %s
// The array family lowers to tensor ops (reshapes, concat, slices, pad) and
// linalg (transpose; generic for reversal, tiling and gathering).

// Squeeze and ExpandDims only change unit dims; Transpose is linalg.transpose.
// CHECK-LABEL: func.func @unit_dims
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x1x3xf32>)
// CHECK:         %[[SQ:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2, 3]] : tensor<1x2x1x3xf32> into tensor<2x3xf32>
// CHECK:         %[[ED:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1], [2], [3, 4]] output_shape [1, 2, 1, 3, 1]
// CHECK:         %[[TR:.*]] = linalg.transpose ins(%[[X]] : tensor<1x2x1x3xf32>) outs(%{{.*}} : tensor<3x1x2x1xf32>) permutation = [3, 2, 1, 0]
// CHECK:         return %[[SQ]], %[[ED]], %[[TR]]
func.func @unit_dims(%x: tensor<1x2x1x3xf32>) -> (tensor<2x3xf32>, tensor<1x2x1x3x1xf32>, tensor<3x1x2x1xf32>) {
  %0 = graph.Squeeze %x : (tensor<1x2x1x3xf32>) -> tensor<2x3xf32>
  %m1 = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %1 = graph.ExpandDims %x, %m1 : (tensor<1x2x1x3xf32>, tensor<i32>) -> tensor<1x2x1x3x1xf32>
  %p = graph.Const {value = dense<[3, 2, 1, 0]> : tensor<4xi32>} : tensor<4xi32>
  %2 = graph.Transpose %x, %p : (tensor<1x2x1x3xf32>, tensor<4xi32>) -> tensor<3x1x2x1xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<1x2x1x3x1xf32>, tensor<3x1x2x1xf32>
}

// -----

// ConcatV2 (negative axis) and Pack are tensor.concat; Unpack, Split and
// SplitV are extract_slices (Unpack's drop the axis).
// CHECK-LABEL: func.func @joins
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<2x5xf32>, %[[S:.*]]: tensor<f32>)
// CHECK:         %[[CAT:.*]] = tensor.concat dim(1) %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
// CHECK:         %[[E0:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [2, 3, 1]
// CHECK:         %[[E1:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2]] output_shape [2, 3, 1]
// CHECK:         %[[PACK:.*]] = tensor.concat dim(2) %[[E0]], %[[E1]] : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x2xf32>
// CHECK:         %[[U0:.*]] = tensor.extract_slice %[[X]][0, 0] [2, 1] [1, 1] : tensor<2x3xf32> to tensor<2xf32>
// CHECK:         %[[U2:.*]] = tensor.extract_slice %[[X]][0, 2] [2, 1] [1, 1] : tensor<2x3xf32> to tensor<2xf32>
// CHECK:         %[[V0:.*]] = tensor.extract_slice %[[CAT]][0, 0] [2, 1] [1, 1] : tensor<2x8xf32> to tensor<2x1xf32>
// CHECK:         %[[V1:.*]] = tensor.extract_slice %[[CAT]][0, 1] [2, 5] [1, 1] : tensor<2x8xf32> to tensor<2x5xf32>
// CHECK:         %[[V2:.*]] = tensor.extract_slice %[[CAT]][0, 6] [2, 2] [1, 1] : tensor<2x8xf32> to tensor<2x2xf32>
// CHECK:         %[[SPLIT:.*]] = tensor.extract_slice %[[Y]][0, 0] [1, 5] [1, 1]
// CHECK:         %[[P0:.*]] = tensor.expand_shape %[[S]] [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK:         %[[SCALARS:.*]] = tensor.concat dim(0) %[[P0]], %{{.*}}, %{{.*}} : (tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<3xf32>
// CHECK:         return %[[CAT]], %[[PACK]], %[[U0]], %[[U2]], %[[V0]], %[[V2]], %[[SCALARS]], %[[SPLIT]]
func.func @joins(%x: tensor<2x3xf32>, %y: tensor<2x5xf32>, %s: tensor<f32>) -> (tensor<2x8xf32>, tensor<2x3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2x1xf32>, tensor<2x2xf32>, tensor<3xf32>, tensor<1x5xf32>) {
  %axis = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %0 = graph.ConcatV2 %x, %y, %axis : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<i32>) -> tensor<2x8xf32>
  %1 = graph.Pack %x, %x {axis = -1} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3x2xf32>
  %2:3 = graph.Unpack %x {num = 3, axis = 1} : (tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %sizes = graph.Const {value = dense<[1, -1, 2]> : tensor<3xi64>} : tensor<3xi64>
  %3:3 = graph.SplitV %0, %sizes, %one {num_split = 3} : (tensor<2x8xf32>, tensor<3xi64>, tensor<i32>) -> (tensor<2x1xf32>, tensor<2x5xf32>, tensor<2x2xf32>)
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %4:2 = graph.Split %zero, %y {num_split = 2} : (tensor<i32>, tensor<2x5xf32>) -> (tensor<1x5xf32>, tensor<1x5xf32>)
  %5 = graph.Pack %s, %s, %s : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1, %2#0, %2#2, %3#0, %3#2, %5, %4#0 : tensor<2x8xf32>, tensor<2x3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2x1xf32>, tensor<2x2xf32>, tensor<3xf32>, tensor<1x5xf32>
}

// -----

// Slice is one extract_slice. StridedSlice is an extract_slice with
// positive strides over the input dims; a negative stride reads the same
// elements from the lowest index up and a linalg.generic reverses them;
// new and shrunk axes are unit dims a reshape adds or drops.
// CHECK-DAG: #[[REV:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 2)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @slices
// CHECK-SAME:    (%[[X:.*]]: tensor<4x6xf32>)
// CHECK:         %[[S0:.*]] = tensor.extract_slice %[[X]][1, 1] [2, 5] [1, 1] : tensor<4x6xf32> to tensor<2x5xf32>
// x[:, ::-2] reads columns 5, 3, 1: columns 1, 3, 5 reversed.
// CHECK:         %[[S1:.*]] = tensor.extract_slice %[[X]][0, 1] [4, 3] [1, 2] : tensor<4x6xf32> to tensor<4x3xf32>
// CHECK:         %[[R1:.*]] = linalg.generic {indexing_maps = [#[[REV]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[S1]] : tensor<4x3xf32>)
// CHECK:         %[[S2:.*]] = tensor.extract_slice %[[X]][0, 0] [4, 6] [1, 1]
// CHECK:         %[[E2:.*]] = tensor.expand_shape %[[S2]] {{\[}}[0, 1], [2, 3]] output_shape [1, 4, 1, 6]
// x[-1, -100:100:2] is row 3, columns 0, 2, 4.
// CHECK:         %[[S3:.*]] = tensor.extract_slice %[[X]][3, 0] [1, 3] [1, 2] : tensor<4x6xf32> to tensor<1x3xf32>
// CHECK:         %[[C3:.*]] = tensor.collapse_shape %[[S3]] {{\[}}[0, 1]] : tensor<1x3xf32> into tensor<3xf32>
// CHECK:         return %[[S0]], %[[R1]], %[[E2]], %[[C3]]
func.func @slices(%x: tensor<4x6xf32>) -> (tensor<2x5xf32>, tensor<4x3xf32>, tensor<1x4x1x6xf32>, tensor<3xf32>) {
  %b = graph.Const {value = dense<[1, 1]> : tensor<2xi32>} : tensor<2xi32>
  %s = graph.Const {value = dense<[2, -1]> : tensor<2xi32>} : tensor<2xi32>
  %0 = graph.Slice %x, %b, %s : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x5xf32>
  %b0 = graph.Const {value = dense<[0, 0]> : tensor<2xi32>} : tensor<2xi32>
  %st = graph.Const {value = dense<[1, -2]> : tensor<2xi32>} : tensor<2xi32>
  %1 = graph.StridedSlice %x, %b0, %b0, %st {begin_mask = 3, end_mask = 3} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<4x3xf32>
  %z3 = graph.Const {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
  %o3 = graph.Const {value = dense<1> : tensor<4xi32>} : tensor<4xi32>
  %2 = graph.StridedSlice %x, %z3, %z3, %o3 {new_axis_mask = 5, ellipsis_mask = 2, begin_mask = 8, end_mask = 8} : (tensor<4x6xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x4x1x6xf32>
  %bb = graph.Const {value = dense<[-1, -100]> : tensor<2xi32>} : tensor<2xi32>
  %ee = graph.Const {value = dense<[0, 100]> : tensor<2xi32>} : tensor<2xi32>
  %s2 = graph.Const {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
  %3 = graph.StridedSlice %x, %bb, %ee, %s2 {shrink_axis_mask = 1} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<3xf32>
  return %0, %1, %2, %3 : tensor<2x5xf32>, tensor<4x3xf32>, tensor<1x4x1x6xf32>, tensor<3xf32>
}

// -----

// Pad and PadV2 are tensor.pad (PadV2's value read from its scalar
// operand). MirrorPad REFLECT, one dim at a time: reversed slices that skip
// the edge element, concatenated around the input.
// CHECK-DAG: #[[REV:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 1)>
// CHECK-LABEL: func.func @pads
// CHECK-SAME:    (%[[X:.*]]: tensor<4x6xf32>, %[[C:.*]]: tensor<f32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PAD:.*]] = tensor.pad %[[X]] low[0, 2] high[1, 1]
// CHECK:           tensor.yield %[[ZERO]] : f32
// CHECK:         } : tensor<4x6xf32> to tensor<5x9xf32>
// CHECK:         %[[V:.*]] = tensor.extract %[[C]][] : tensor<f32>
// CHECK:         %[[PADV2:.*]] = tensor.pad %[[X]] low[0, 2] high[1, 1]
// CHECK:           tensor.yield %[[V]] : f32
// Rows: row 2 below (a single row needs no reversal).
// CHECK:         %[[BOTTOM:.*]] = tensor.extract_slice %[[X]][2, 0] [1, 6] [1, 1] : tensor<4x6xf32> to tensor<1x6xf32>
// CHECK:         %[[ROWS:.*]] = tensor.concat dim(0) %[[X]], %[[BOTTOM]] : (tensor<4x6xf32>, tensor<1x6xf32>) -> tensor<5x6xf32>
// Columns: columns 2, 1 on the left, column 4 on the right.
// CHECK:         %[[LEFT:.*]] = tensor.extract_slice %[[ROWS]][0, 1] [5, 2] [1, 1] : tensor<5x6xf32> to tensor<5x2xf32>
// CHECK:         %[[LEFTREV:.*]] = linalg.generic {indexing_maps = [#[[REV]], {{.*}}]{{.*}} ins(%[[LEFT]] : tensor<5x2xf32>)
// CHECK:         %[[RIGHT:.*]] = tensor.extract_slice %[[ROWS]][0, 4] [5, 1] [1, 1] : tensor<5x6xf32> to tensor<5x1xf32>
// CHECK:         %[[MIRROR:.*]] = tensor.concat dim(1) %[[LEFTREV]], %[[ROWS]], %[[RIGHT]] : (tensor<5x2xf32>, tensor<5x6xf32>, tensor<5x1xf32>) -> tensor<5x9xf32>
// CHECK:         return %[[PAD]], %[[PADV2]], %[[MIRROR]]
func.func @pads(%x: tensor<4x6xf32>, %c: tensor<f32>) -> (tensor<5x9xf32>, tensor<5x9xf32>, tensor<5x9xf32>) {
  %p = graph.Const {value = dense<[[0, 1], [2, 1]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %0 = graph.Pad %x, %p : (tensor<4x6xf32>, tensor<2x2xi32>) -> tensor<5x9xf32>
  %1 = graph.PadV2 %x, %p, %c : (tensor<4x6xf32>, tensor<2x2xi32>, tensor<f32>) -> tensor<5x9xf32>
  %2 = graph.MirrorPad %x, %p {mode = "REFLECT"} : (tensor<4x6xf32>, tensor<2x2xi32>) -> tensor<5x9xf32>
  return %0, %1, %2 : tensor<5x9xf32>, tensor<5x9xf32>, tensor<5x9xf32>
}

// -----

// Tile broadcasts [4, 6] into [2, 4, 1, 6] and collapses it to [8, 6];
// Fill is linalg.fill of the scalar operand.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-LABEL: func.func @tile_fill
// CHECK-SAME:    (%[[X:.*]]: tensor<4x6xf32>, %[[C:.*]]: tensor<f32>, %[[I:.*]]: tensor<2xi32>)
// CHECK:         %[[B:.*]] = linalg.generic {indexing_maps = [#[[IN]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<4x6xf32>) outs(%{{.*}} : tensor<2x4x1x6xf32>)
// CHECK:         %[[TILE:.*]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2, 3]] : tensor<2x4x1x6xf32> into tensor<8x6xf32>
// CHECK:         %[[V:.*]] = tensor.extract %[[C]][] : tensor<f32>
// CHECK:         %[[FILL:.*]] = linalg.fill ins(%[[V]] : f32) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK:         return %[[TILE]], %[[FILL]]
func.func @tile_fill(%x: tensor<4x6xf32>, %c: tensor<f32>, %i: tensor<2xi32>) -> (tensor<8x6xf32>, tensor<2x3xf32>) {
  %m = graph.Const {value = dense<[2, 1]> : tensor<2xi64>} : tensor<2xi64>
  %0 = graph.Tile %x, %m : (tensor<4x6xf32>, tensor<2xi64>) -> tensor<8x6xf32>
  %dims = graph.Const {value = dense<[2, 3]> : tensor<2xi32>} : tensor<2xi32>
  %1 = graph.Fill %dims, %c : (tensor<2xi32>, tensor<f32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<8x6xf32>, tensor<2x3xf32>
}

// -----

// GatherV2 reads each index through the generic's indexing map, clamps it
// into [0, 5] and extracts the params element.
// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME:    (%[[X:.*]]: tensor<4x6xf32>, %[[I:.*]]: tensor<2x3xi64>)
// CHECK:         linalg.generic {indexing_maps = [#[[IDX]], {{.*}}]{{.*}} ins(%[[I]] : tensor<2x3xi64>) outs(%{{.*}} : tensor<4x2x3xf32>)
// CHECK:           ^bb0(%[[IN:.*]]: i64, %{{.*}}: f32):
// CHECK:             %[[CAST:.*]] = arith.index_cast %[[IN]] : i64 to index
// CHECK:             %[[LO:.*]] = arith.maxsi %[[CAST]], %{{.*}} : index
// CHECK:             %[[AT:.*]] = arith.minsi %[[LO]], %{{.*}} : index
// CHECK:             %[[ROW:.*]] = linalg.index 0 : index
// CHECK:             %[[E:.*]] = tensor.extract %[[X]][%[[ROW]], %[[AT]]] : tensor<4x6xf32>
// CHECK:             linalg.yield %[[E]] : f32
func.func @gather(%x: tensor<4x6xf32>, %i: tensor<2x3xi64>) -> tensor<4x2x3xf32> {
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %0 = graph.GatherV2 %x, %i, %a : (tensor<4x6xf32>, tensor<2x3xi64>, tensor<i32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// GatherV2 with batch_dims = 1 (axis 1): indices [2, 4] share dim 0 with
// params [2, 3]; result [2, 4]; row b of the result gathers from row b.
// CHECK-DAG: #[[BIDX:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @gather_batch_dims
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xf32>, %[[I:.*]]: tensor<2x4xi32>)
// CHECK:         linalg.generic {indexing_maps = [#[[BIDX]], {{.*}}]{{.*}} ins(%[[I]] : tensor<2x4xi32>) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK:             %[[AT:.*]] = arith.minsi
// CHECK:             %[[B:.*]] = linalg.index 0 : index
// CHECK:             tensor.extract %[[X]][%[[B]], %[[AT]]] : tensor<2x3xf32>
func.func @gather_batch_dims(%x: tensor<2x3xf32>, %i: tensor<2x4xi32>) -> tensor<2x4xf32> {
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %0 = graph.GatherV2 %x, %i, %a {batch_dims = 1} : (tensor<2x3xf32>, tensor<2x4xi32>, tensor<i32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// GatherNd reads the K = 2 coordinates of its row of indices, clamps each
// into its params dim and extracts the element (a generic with no inputs).
// CHECK-LABEL: func.func @gather_nd
// CHECK-SAME:    (%[[X:.*]]: tensor<4x6x5xf32>, %[[I:.*]]: tensor<3x2xi32>)
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<3x5xf32>)
// CHECK:           %[[ROW:.*]] = linalg.index 0 : index
// CHECK:           %[[I0:.*]] = tensor.extract %[[I]][%[[ROW]], %{{.*}}] : tensor<3x2xi32>
// CHECK:           %[[C0:.*]] = arith.index_cast %[[I0]] : i32 to index
// CHECK:           %[[LO0:.*]] = arith.maxsi %[[C0]], %{{.*}} : index
// CHECK:           %[[A0:.*]] = arith.minsi %[[LO0]], %{{.*}} : index
// CHECK:           %[[I1:.*]] = tensor.extract %[[I]][%[[ROW]], %{{.*}}] : tensor<3x2xi32>
// CHECK:           %[[A1:.*]] = arith.minsi
// CHECK:           %[[COL:.*]] = linalg.index 1 : index
// CHECK:           %[[E:.*]] = tensor.extract %[[X]][%[[A0]], %[[A1]], %[[COL]]] : tensor<4x6x5xf32>
// CHECK:           linalg.yield %[[E]] : f32
func.func @gather_nd(%x: tensor<4x6x5xf32>, %i: tensor<3x2xi32>) -> tensor<3x5xf32> {
  %0 = graph.GatherNd %x, %i : (tensor<4x6x5xf32>, tensor<3x2xi32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// Shape queries and ZerosLike/OnesLike of static operands are constants.
// CHECK-LABEL: func.func @constants
// CHECK-DAG:     %[[SHAPE:.*]] = arith.constant dense<[4, 6]> : tensor<2xi64>
// CHECK-DAG:     %[[SIZE:.*]] = arith.constant dense<24> : tensor<i32>
// CHECK-DAG:     %[[ZEROS:.*]] = arith.constant dense<0.000000e+00> : tensor<4x6xf32>
// CHECK-DAG:     %[[ONES:.*]] = arith.constant dense<1> : tensor<2xi32>
// CHECK:         return %[[SHAPE]], %[[SIZE]], %[[ZEROS]], %[[ONES]]
func.func @constants(%x: tensor<4x6xf32>, %i: tensor<2xi32>) -> (tensor<2xi64>, tensor<i32>, tensor<4x6xf32>, tensor<2xi32>) {
  %0 = graph.Shape %x {out_type = i64} : (tensor<4x6xf32>) -> tensor<2xi64>
  %1 = graph.Size %x : (tensor<4x6xf32>) -> tensor<i32>
  %2 = graph.ZerosLike %x : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %3 = graph.OnesLike %i : (tensor<2xi32>) -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<2xi64>, tensor<i32>, tensor<4x6xf32>, tensor<2xi32>
}

// -----

// Range with run-time scalars (a static size given): start + i * delta.
// CHECK-LABEL: func.func @range_lowering
// CHECK: linalg.generic
// CHECK: linalg.index 0
// CHECK: arith.muli
// CHECK: arith.addi
func.func @range_lowering(%s: tensor<i32>, %l: tensor<i32>, %d: tensor<i32>) -> tensor<4xi32> {
  %0 = graph.Range %s, %l, %d : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// DepthToSpace / SpaceToDepth: expand to 6-D, one transpose, collapse.
// CHECK-LABEL: func.func @block_shuffles
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0], [1], [2], [3, 4, 5]] output_shape [1, 2, 3, 2, 2, 3] : tensor<1x2x3x12xf32> into tensor<1x2x3x2x2x3xf32>
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<1x2x3x2x2x3xf32>) outs(%{{.*}} : tensor<1x2x2x3x2x3xf32>) permutation = [0, 1, 3, 2, 4, 5]
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2], [3, 4], [5]] : tensor<1x2x2x3x2x3xf32> into tensor<1x4x6x3xf32>
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3, 4], [5]] output_shape [1, 2, 2, 3, 2, 3] : tensor<1x4x6x3xf32> into tensor<1x2x2x3x2x3xf32>
// CHECK:         linalg.transpose {{.*}} permutation = [0, 1, 3, 2, 4, 5]
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1], [2], [3, 4, 5]] : tensor<1x2x3x2x2x3xf32> into tensor<1x2x3x12xf32>
func.func @block_shuffles(%x: tensor<1x2x3x12xf32>) -> tensor<1x2x3x12xf32> {
  %0 = graph.DepthToSpace %x {block_size = 2} : (tensor<1x2x3x12xf32>) -> tensor<1x4x6x3xf32> loc("d2s")
  %1 = graph.SpaceToDepth %0 {block_size = 2} : (tensor<1x4x6x3xf32>) -> tensor<1x2x3x12xf32> loc("s2d")
  return %1 : tensor<1x2x3x12xf32>
}

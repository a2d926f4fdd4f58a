// RUN: graph-opt %s -split-input-file -canonicalize | FileCheck %s
// Folders of the array family: shape queries of static operands, and every
// op of constants (element by element, as TF computes them).

// Keras' flatten: the reshape target is computed from the input's shape
// at run time; with a static input the whole chain is a constant.
// CHECK-LABEL: func.func @shape_chain
// CHECK-DAG: %[[C:.*]] = graph.Const {value = dense<[2, -1]> : tensor<2xi32>}
// CHECK-DAG: %[[S:.*]] = graph.Const {value = dense<[2, 3, 4]> : tensor<3xi64>}
// CHECK-DAG: %[[N:.*]] = graph.Const {value = dense<24> : tensor<i32>}
// CHECK-DAG: %[[R:.*]] = graph.Const {value = dense<3> : tensor<i32>}
// CHECK-NOT: graph.Shape
// CHECK: return %[[C]], %[[S]], %[[N]], %[[R]]
func.func @shape_chain(%x: tensor<2x3x4xf32>) -> (tensor<2xi32>, tensor<3xi64>, tensor<i32>, tensor<i32>) {
  %shape = graph.Shape %x : (tensor<2x3x4xf32>) -> tensor<3xi32>
  %b = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %e = graph.Const {value = dense<1> : tensor<1xi32>} : tensor<1xi32>
  %batch = graph.StridedSlice %shape, %b, %e, %e {shrink_axis_mask = 1} : (tensor<3xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<i32>
  %m1 = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %target = graph.Pack %batch, %m1 : (tensor<i32>, tensor<i32>) -> tensor<2xi32>
  %s64 = graph.Shape %x {out_type = i64} : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %n = graph.Size %x : (tensor<2x3x4xf32>) -> tensor<i32>
  %r = graph.Rank %x : (tensor<2x3x4xf32>) -> tensor<i32>
  return %target, %s64, %n, %r : tensor<2xi32>, tensor<3xi64>, tensor<i32>, tensor<i32>
}

// -----

// Unit-dim changes, transposes and identities.
// CHECK-LABEL: func.func @reshapes
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<1x3xf32>}
// CHECK-DAG: graph.Const {value = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>}
// CHECK-NOT: graph.Transpose
// CHECK: return
func.func @reshapes(%x: tensor<2x3xf32>) -> (tensor<1x3xf32>, tensor<3xf32>, tensor<3x2xi32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %c = graph.Const {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : tensor<3xf32>
  %z = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %0 = graph.ExpandDims %c, %z : (tensor<3xf32>, tensor<i32>) -> tensor<1x3xf32>
  %1 = graph.Squeeze %0 : (tensor<1x3xf32>) -> tensor<3xf32>
  %m = graph.Const {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>} : tensor<2x3xi32>
  %p = graph.Const {value = dense<[1, 0]> : tensor<2xi32>} : tensor<2xi32>
  %2 = graph.Transpose %m, %p : (tensor<2x3xi32>, tensor<2xi32>) -> tensor<3x2xi32>
  // The identity permutation and a squeeze of nothing forward their input.
  %id = graph.Const {value = dense<[0, 1]> : tensor<2xi32>} : tensor<2xi32>
  %3 = graph.Transpose %x, %id : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  %4 = graph.Squeeze %3 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4 : tensor<1x3xf32>, tensor<3xf32>, tensor<3x2xi32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @joins
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xi32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1, 1], [2, 2]]> : tensor<2x2xi64>}
// CHECK-DAG: graph.Const {value = dense<[1, 3]> : tensor<2xi32>}
// CHECK-DAG: graph.Const {value = dense<[2, 4]> : tensor<2xi32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1, 2]]> : tensor<1x2xi32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[5], [6]]> : tensor<2x1xi32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[true, false]]> : tensor<1x2xi1>}
// CHECK-NOT: graph.ConcatV2
// CHECK-NOT: graph.Pack
// CHECK-NOT: graph.Unpack
// CHECK-NOT: graph.Split
func.func @joins() -> (tensor<2x3xi32>, tensor<2x2xi64>, tensor<2xi32>, tensor<2xi32>, tensor<1x2xi32>, tensor<2x1xi32>, tensor<1x2xi1>) {
  %a = graph.Const {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %b = graph.Const {value = dense<[[5], [6]]> : tensor<2x1xi32>} : tensor<2x1xi32>
  %axis = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %0 = graph.ConcatV2 %a, %b, %axis : (tensor<2x2xi32>, tensor<2x1xi32>, tensor<i32>) -> tensor<2x3xi32>
  %one = graph.Const {value = dense<1> : tensor<2xi64>} : tensor<2xi64>
  %two = graph.Const {value = dense<2> : tensor<2xi64>} : tensor<2xi64>
  %1 = graph.Pack %one, %two : (tensor<2xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  %2:2 = graph.Unpack %a {num = 2, axis = 1} : (tensor<2x2xi32>) -> (tensor<2xi32>, tensor<2xi32>)
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %3:2 = graph.Split %zero, %a {num_split = 2} : (tensor<i32>, tensor<2x2xi32>) -> (tensor<1x2xi32>, tensor<1x2xi32>)
  %sizes = graph.Const {value = dense<[-1, 1]> : tensor<2xi32>} : tensor<2xi32>
  %c1 = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %4:2 = graph.SplitV %0, %sizes, %c1 {num_split = 2} : (tensor<2x3xi32>, tensor<2xi32>, tensor<i32>) -> (tensor<2x2xi32>, tensor<2x1xi32>)
  %bools = graph.Const {value = dense<[[true, false], [false, true]]> : tensor<2x2xi1>} : tensor<2x2xi1>
  %5:2 = graph.Split %zero, %bools {num_split = 2} : (tensor<i32>, tensor<2x2xi1>) -> (tensor<1x2xi1>, tensor<1x2xi1>)
  return %0, %1, %2#0, %2#1, %3#0, %4#1, %5#0 : tensor<2x3xi32>, tensor<2x2xi64>, tensor<2xi32>, tensor<2xi32>, tensor<1x2xi32>, tensor<2x1xi32>, tensor<1x2xi1>
}

// -----

// x = [[0..5], [10..15], [20..25]]
// CHECK-LABEL: func.func @slices
// CHECK-DAG: graph.Const {value = dense<{{\[}}[11, 12], [21, 22]]> : tensor<2x2xi32>}
// CHECK-DAG: graph.Const {value = dense<[25, 23, 21]> : tensor<3xi32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[{{\[}}[20], [22], [24]]]]> : tensor<1x1x3x1xi32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[15, 13], [5, 3]]> : tensor<2x2xi32>}
// CHECK-NOT: graph.Slice
// CHECK-NOT: graph.StridedSlice
func.func @slices() -> (tensor<2x2xi32>, tensor<3xi32>, tensor<1x1x3x1xi32>, tensor<2x2xi32>) {
  %x = graph.Const {value = dense<[[0, 1, 2, 3, 4, 5], [10, 11, 12, 13, 14, 15], [20, 21, 22, 23, 24, 25]]> : tensor<3x6xi32>} : tensor<3x6xi32>
  %b = graph.Const {value = dense<[1, 1]> : tensor<2xi64>} : tensor<2xi64>
  %s = graph.Const {value = dense<[-1, 2]> : tensor<2xi64>} : tensor<2xi64>
  %0 = graph.Slice %x, %b, %s : (tensor<3x6xi32>, tensor<2xi64>, tensor<2xi64>) -> tensor<2x2xi32>
  // x[-1, ::-2]
  %b1 = graph.Const {value = dense<[-1, 0]> : tensor<2xi32>} : tensor<2xi32>
  %e1 = graph.Const {value = dense<[0, 0]> : tensor<2xi32>} : tensor<2xi32>
  %s1 = graph.Const {value = dense<[1, -2]> : tensor<2xi32>} : tensor<2xi32>
  %1 = graph.StridedSlice %x, %b1, %e1, %s1 {shrink_axis_mask = 1, begin_mask = 2, end_mask = 2} : (tensor<3x6xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<3xi32>
  // x[tf.newaxis, 2:, ::2, tf.newaxis]
  %b2 = graph.Const {value = dense<[0, 2, 0, 0]> : tensor<4xi32>} : tensor<4xi32>
  %e2 = graph.Const {value = dense<[0, 0, 0, 0]> : tensor<4xi32>} : tensor<4xi32>
  %s2 = graph.Const {value = dense<[1, 1, 2, 1]> : tensor<4xi32>} : tensor<4xi32>
  %2 = graph.StridedSlice %x, %b2, %e2, %s2 {new_axis_mask = 9, begin_mask = 4, end_mask = 6} : (tensor<3x6xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<1x1x3x1xi32>
  // x[-2:-10:-1, 5:1:-2]: clamped to the first row.
  %b3 = graph.Const {value = dense<[-2, 5]> : tensor<2xi32>} : tensor<2xi32>
  %e3 = graph.Const {value = dense<[-10, 1]> : tensor<2xi32>} : tensor<2xi32>
  %s3 = graph.Const {value = dense<[-1, -2]> : tensor<2xi32>} : tensor<2xi32>
  %3 = graph.StridedSlice %x, %b3, %e3, %s3 : (tensor<3x6xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x2xi32>
  return %0, %1, %2, %3 : tensor<2x2xi32>, tensor<3xi32>, tensor<1x1x3x1xi32>, tensor<2x2xi32>
}

// -----

// CHECK-LABEL: func.func @pads_fills
// CHECK-DAG: graph.Const {value = dense<[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00]> : tensor<6xf32>}
// CHECK-DAG: graph.Const {value = dense<[-1.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, -1.000000e+00, -1.000000e+00]> : tensor<6xf32>}
// CHECK-DAG: graph.Const {value = dense<[3.000000e+00, 2.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 2.000000e+00, 1.000000e+00]> : tensor<7xf32>}
// CHECK-DAG: graph.Const {value = dense<[2.000000e+00, 1.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 3.000000e+00, 2.000000e+00]> : tensor<7xf32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1, 2, 1, 2], [3, 4, 3, 4], [1, 2, 1, 2], [3, 4, 3, 4]]> : tensor<4x4xi32>}
// CHECK-DAG: graph.Const {value = dense<7> : tensor<2x3xi64>}
// CHECK-DAG: graph.Const {value = dense<0.000000e+00> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<true> : tensor<2xi1>}
// CHECK-NOT: graph.Pad
// CHECK-NOT: graph.MirrorPad
// CHECK-NOT: graph.Tile
// CHECK-NOT: graph.Fill
// CHECK-NOT: Like
func.func @pads_fills(%f: tensor<3xf32>, %bools: tensor<2xi1>) -> (tensor<6xf32>, tensor<6xf32>, tensor<7xf32>, tensor<7xf32>, tensor<4x4xi32>, tensor<2x3xi64>, tensor<3xf32>, tensor<2xi1>) {
  %x = graph.Const {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : tensor<3xf32>
  %p = graph.Const {value = dense<[[1, 2]]> : tensor<1x2xi32>} : tensor<1x2xi32>
  %0 = graph.Pad %x, %p : (tensor<3xf32>, tensor<1x2xi32>) -> tensor<6xf32>
  %c = graph.Const {value = dense<-1.0> : tensor<f32>} : tensor<f32>
  %1 = graph.PadV2 %x, %p, %c : (tensor<3xf32>, tensor<1x2xi32>, tensor<f32>) -> tensor<6xf32>
  %pp = graph.Const {value = dense<[[2, 2]]> : tensor<1x2xi64>} : tensor<1x2xi64>
  %2 = graph.MirrorPad %x, %pp {mode = "REFLECT"} : (tensor<3xf32>, tensor<1x2xi64>) -> tensor<7xf32>
  %3 = graph.MirrorPad %x, %pp {mode = "SYMMETRIC"} : (tensor<3xf32>, tensor<1x2xi64>) -> tensor<7xf32>
  %m = graph.Const {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %mul = graph.Const {value = dense<[2, 2]> : tensor<2xi32>} : tensor<2xi32>
  %4 = graph.Tile %m, %mul : (tensor<2x2xi32>, tensor<2xi32>) -> tensor<4x4xi32>
  %dims = graph.Const {value = dense<[2, 3]> : tensor<2xi32>} : tensor<2xi32>
  %seven = graph.Const {value = dense<7> : tensor<i64>} : tensor<i64>
  %5 = graph.Fill %dims, %seven : (tensor<2xi32>, tensor<i64>) -> tensor<2x3xi64>
  // ZerosLike/OnesLike need only a static shape, not a constant operand.
  %6 = graph.ZerosLike %f : (tensor<3xf32>) -> tensor<3xf32>
  %7 = graph.OnesLike %bools : (tensor<2xi1>) -> tensor<2xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<6xf32>, tensor<6xf32>, tensor<7xf32>, tensor<7xf32>, tensor<4x4xi32>, tensor<2x3xi64>, tensor<3xf32>, tensor<2xi1>
}

// -----

// CHECK-LABEL: func.func @gathers
// CHECK-DAG: graph.Const {value = dense<{{\[}}[3, 1], [6, 4]]> : tensor<2x2xi32>}
// CHECK-DAG: graph.Const {value = dense<[4, 5, 6]> : tensor<3xi32>}
// CHECK-DAG: graph.Const {value = dense<[6, 2]> : tensor<2xi32>}
// CHECK: %[[G:.*]] = graph.GatherV2
// CHECK: return {{.*}}, {{.*}}, %[[G]]
func.func @gathers() -> (tensor<2x2xi32>, tensor<3xi32>, tensor<3xi32>, tensor<2xi32>) {
  %m = graph.Const {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>} : tensor<2x3xi32>
  %i = graph.Const {value = dense<[2, 0]> : tensor<2xi32>} : tensor<2xi32>
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %0 = graph.GatherV2 %m, %i, %a : (tensor<2x3xi32>, tensor<2xi32>, tensor<i32>) -> tensor<2x2xi32>
  %one = graph.Const {value = dense<1> : tensor<i64>} : tensor<i64>
  %z = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %1 = graph.GatherV2 %m, %one, %z : (tensor<2x3xi32>, tensor<i64>, tensor<i32>) -> tensor<3xi32>
  // An out-of-range index is TF's run-time error: not folded.
  %bad = graph.Const {value = dense<2> : tensor<i64>} : tensor<i64>
  %2 = graph.GatherV2 %m, %bad, %z : (tensor<2x3xi32>, tensor<i64>, tensor<i32>) -> tensor<3xi32>
  %nd = graph.Const {value = dense<[[1, 2], [0, 1]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %3 = graph.GatherNd %m, %nd : (tensor<2x3xi32>, tensor<2x2xi32>) -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<2x2xi32>, tensor<3xi32>, tensor<3xi32>, tensor<2xi32>
}

// -----

// DepthToSpace of a constant, element by element (out[0, h*2+i, w*2+j, 0] =
// in[0, h, w, i*2+j]), and SpaceToDepth back to the input.
// CHECK-LABEL: func.func @block_shuffles
// CHECK-DAG: graph.Const {value = dense<{{\[\[\[\[}}0], [1], [4], [5]], {{\[\[}}2], [3], [6], [7]]]]> : tensor<1x2x4x1xi32>}
// CHECK-DAG: %[[IN:.*]] = graph.Const {value = dense<{{\[\[\[\[}}0, 1, 2, 3], [4, 5, 6, 7]]]]> : tensor<1x1x2x4xi32>}
// CHECK-NOT: graph.DepthToSpace
// CHECK-NOT: graph.SpaceToDepth
// CHECK: return %{{.*}}, %[[IN]]
func.func @block_shuffles() -> (tensor<1x2x4x1xi32>, tensor<1x1x2x4xi32>) {
  %x = graph.Const {value = dense<[[[[0, 1, 2, 3], [4, 5, 6, 7]]]]> : tensor<1x1x2x4xi32>} : tensor<1x1x2x4xi32>
  %0 = graph.DepthToSpace %x {block_size = 2} : (tensor<1x1x2x4xi32>) -> tensor<1x2x4x1xi32>
  %1 = graph.SpaceToDepth %0 {block_size = 2} : (tensor<1x2x4x1xi32>) -> tensor<1x1x2x4xi32>
  return %0, %1 : tensor<1x2x4x1xi32>, tensor<1x1x2x4xi32>
}

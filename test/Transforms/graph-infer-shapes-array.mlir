// RUN: graph-opt %s -split-input-file -graph-infer-shapes | FileCheck %s
// Shape functions of the array family, from operand types and constant
// index operands (TF's shape functions).

// CHECK-LABEL: func.func @unit_dims
// CHECK: graph.Squeeze {{.*}} -> tensor<2x3xf32>
// CHECK: graph.Squeeze {{.*}} -> tensor<2x1x3xf32>
// CHECK: graph.Squeeze {{.*}} -> tensor<*xf32>
// CHECK: graph.ExpandDims {{.*}} -> tensor<1x2x1x3x1xf32>
// CHECK: graph.ExpandDims {{.*}} -> tensor<1x2x1x1x3xf32>
// CHECK: graph.Transpose {{.*}} -> tensor<3x1x2x1xf32>
// CHECK: graph.Transpose {{.*}} -> tensor<?x?xf32>
func.func @unit_dims(%x: tensor<1x2x1x3xf32>, %u: tensor<?x1xf32>, %r: tensor<*xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = graph.Squeeze %x : (tensor<1x2x1x3xf32>) -> tensor<*xf32>
  %1 = graph.Squeeze %x {squeeze_dims = [0]} : (tensor<1x2x1x3xf32>) -> tensor<*xf32>
  // An unknown dim might be 1: the rank is unknown.
  %2 = graph.Squeeze %u : (tensor<?x1xf32>) -> tensor<*xf32>
  %m1 = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %3 = graph.ExpandDims %x, %m1 : (tensor<1x2x1x3xf32>, tensor<i32>) -> tensor<*xf32>
  %two = graph.Const {value = dense<[3]> : tensor<1xi64>} : tensor<1xi64>
  %4 = graph.ExpandDims %x, %two : (tensor<1x2x1x3xf32>, tensor<1xi64>) -> tensor<*xf32>
  %p = graph.Const {value = dense<[3, 2, 1, 0]> : tensor<4xi32>} : tensor<4xi32>
  %5 = graph.Transpose %x, %p : (tensor<1x2x1x3xf32>, tensor<4xi32>) -> tensor<*xf32>
  %p2 = graph.Const {value = dense<[1, 0]> : tensor<2xi32>} : tensor<2xi32>
  %6 = graph.Transpose %r, %p2 : (tensor<*xf32>, tensor<2xi32>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @joins
// CHECK: graph.ConcatV2 {{.*}} -> tensor<2x8xf32>
// CHECK: graph.ConcatV2 {{.*}} -> tensor<2x?xf32>
// CHECK: graph.Pack {{.*}} -> tensor<2x3x2xf32>
// CHECK: graph.Pack {{.*}} -> tensor<2xi32>
// CHECK: graph.Unpack {{.*}} -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
// CHECK: graph.Split {{.*}} -> (tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK: graph.SplitV {{.*}} -> (tensor<2x1xf32>, tensor<2x5xf32>, tensor<2x2xf32>)
func.func @joins(%x: tensor<2x3xf32>, %y: tensor<2x5xf32>, %d: tensor<?x?xf32>, %s: tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xi32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %axis = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %0 = graph.ConcatV2 %x, %y, %axis : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<i32>) -> tensor<*xf32>
  // Unknown sizes merge with known ones outside the axis.
  %1 = graph.ConcatV2 %x, %d, %axis : (tensor<2x3xf32>, tensor<?x?xf32>, tensor<i32>) -> tensor<*xf32>
  %2 = graph.Pack %x, %x {axis = -1} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  %3 = graph.Pack %s, %s : (tensor<i32>, tensor<i32>) -> tensor<*xi32>
  %4:3 = graph.Unpack %x {num = 3, axis = 1} : (tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %5:2 = graph.Split %one, %0 {num_split = 2} : (tensor<i32>, tensor<*xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  %sizes = graph.Const {value = dense<[1, -1, 2]> : tensor<3xi64>} : tensor<3xi64>
  %6:3 = graph.SplitV %0, %sizes, %one {num_split = 3} : (tensor<*xf32>, tensor<3xi64>, tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0, %1, %2, %3, %4#1, %5#1, %6#1 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xi32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Slice: size -1 runs to the end. StridedSlice: TF's masks and clamping.
// CHECK-LABEL: func.func @slices
// CHECK: graph.Slice {{.*}} -> tensor<2x5xf32>
// CHECK: graph.Slice {{.*}} -> tensor<2x?xf32>
// CHECK: graph.StridedSlice {{.*}} -> tensor<4x3xf32>
// CHECK: graph.StridedSlice {{.*}} -> tensor<3xf32>
// CHECK: graph.StridedSlice {{.*}} -> tensor<1x4x1x6xf32>
// CHECK: graph.StridedSlice {{.*}} -> tensor<2x6xf32>
// CHECK: graph.StridedSlice {{.*}} -> tensor<f32>
// CHECK: graph.StridedSlice {{.*}} -> tensor<0x6xf32>
// CHECK: graph.StridedSlice {{.*}} -> tensor<4xf32>
func.func @slices(%x: tensor<4x6xf32>, %d: tensor<4x?xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %b = graph.Const {value = dense<[1, 1]> : tensor<2xi32>} : tensor<2xi32>
  %s = graph.Const {value = dense<[2, -1]> : tensor<2xi32>} : tensor<2xi32>
  %0 = graph.Slice %x, %b, %s : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  %1 = graph.Slice %d, %b, %s : (tensor<4x?xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  // x[:, ::-2]: begin/end masked on dim 1, stride -2.
  %b0 = graph.Const {value = dense<[0, 0]> : tensor<2xi32>} : tensor<2xi32>
  %st = graph.Const {value = dense<[1, -2]> : tensor<2xi32>} : tensor<2xi32>
  %2 = graph.StridedSlice %x, %b0, %b0, %st {begin_mask = 3, end_mask = 3} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  // x[-1, -100:100:2]: shrink dim 0 (negative index), clamp dim 1.
  %bb = graph.Const {value = dense<[-1, -100]> : tensor<2xi32>} : tensor<2xi32>
  %ee = graph.Const {value = dense<[0, 100]> : tensor<2xi32>} : tensor<2xi32>
  %s2 = graph.Const {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
  %3 = graph.StridedSlice %x, %bb, %ee, %s2 {shrink_axis_mask = 1} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  // x[tf.newaxis, ..., tf.newaxis, :]: new axes around an ellipsis.
  %z3 = graph.Const {value = dense<0> : tensor<4xi32>} : tensor<4xi32>
  %o3 = graph.Const {value = dense<1> : tensor<4xi32>} : tensor<4xi32>
  %4 = graph.StridedSlice %x, %z3, %z3, %o3 {new_axis_mask = 5, ellipsis_mask = 2, begin_mask = 8, end_mask = 8} : (tensor<4x6xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) -> tensor<*xf32>
  // x[1:3]: the implicit ellipsis keeps dim 1 whole.
  %b1 = graph.Const {value = dense<[1]> : tensor<1xi32>} : tensor<1xi32>
  %e1 = graph.Const {value = dense<[3]> : tensor<1xi32>} : tensor<1xi32>
  %s1 = graph.Const {value = dense<[1]> : tensor<1xi32>} : tensor<1xi32>
  %5 = graph.StridedSlice %x, %b1, %e1, %s1 : (tensor<4x6xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xf32>
  // x[2, 3]: both shrunk.
  %b23 = graph.Const {value = dense<[2, 3]> : tensor<2xi32>} : tensor<2xi32>
  %6 = graph.StridedSlice %x, %b23, %b23, %b {shrink_axis_mask = 3} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  // x[3:1]: empty with a positive stride.
  %b3 = graph.Const {value = dense<[3]> : tensor<1xi32>} : tensor<1xi32>
  %7 = graph.StridedSlice %x, %b3, %b1, %s1 : (tensor<4x6xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xf32>
  // d[..., 0]: the unknown dim is shrunk, the known one stays.
  %m0 = graph.Const {value = dense<[0]> : tensor<1xi32>} : tensor<1xi32>
  %eb = graph.Const {value = dense<[0, 0]> : tensor<2xi32>} : tensor<2xi32>
  %ee2 = graph.Const {value = dense<[0, 1]> : tensor<2xi32>} : tensor<2xi32>
  %8 = graph.StridedSlice %d, %eb, %ee2, %b {ellipsis_mask = 1, shrink_axis_mask = 2} : (tensor<4x?xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @pads_fills
// CHECK: graph.Pad {{.*}} -> tensor<5x9xf32>
// CHECK: graph.PadV2 {{.*}} -> tensor<5x9xf32>
// CHECK: graph.MirrorPad {{.*}} -> tensor<5x9xf32>
// CHECK: graph.Tile {{.*}} -> tensor<8x6xf32>
// CHECK: graph.Fill {{.*}} -> tensor<2x0x3xf32>
// CHECK: graph.ZerosLike {{.*}} -> tensor<4x6xf32>
// CHECK: graph.OnesLike {{.*}} -> tensor<4x6xf32>
func.func @pads_fills(%x: tensor<4x6xf32>, %c: tensor<f32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %p = graph.Const {value = dense<[[0, 1], [2, 1]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %0 = graph.Pad %x, %p : (tensor<4x6xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  %1 = graph.PadV2 %x, %p, %c : (tensor<4x6xf32>, tensor<2x2xi32>, tensor<f32>) -> tensor<*xf32>
  %2 = graph.MirrorPad %x, %p {mode = "REFLECT"} : (tensor<4x6xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  %m = graph.Const {value = dense<[2, 1]> : tensor<2xi64>} : tensor<2xi64>
  %3 = graph.Tile %x, %m : (tensor<4x6xf32>, tensor<2xi64>) -> tensor<*xf32>
  %dims = graph.Const {value = dense<[2, 0, 3]> : tensor<3xi32>} : tensor<3xi32>
  %4 = graph.Fill %dims, %c : (tensor<3xi32>, tensor<f32>) -> tensor<*xf32>
  %5 = graph.ZerosLike %x : (tensor<4x6xf32>) -> tensor<*xf32>
  %6 = graph.OnesLike %x : (tensor<4x6xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @gather_queries
// CHECK: graph.GatherV2 {{.*}} -> tensor<4x2x3xf32>
// CHECK: graph.GatherV2 {{.*}} -> tensor<2x3x6xf32>
// CHECK: graph.GatherNd {{.*}} -> tensor<2x3x6xf32>
// CHECK: graph.GatherNd {{.*}} -> tensor<7xf32>
// CHECK: graph.Shape {{.*}} -> tensor<2xi32>
// CHECK: graph.Shape {{.*}} -> tensor<3xi64>
// CHECK: graph.Size {{.*}} -> tensor<i32>
// CHECK: graph.Rank {{.*}} -> tensor<i32>
func.func @gather_queries(%x: tensor<4x6xf32>, %i: tensor<2x3xi32>, %u: tensor<?x?x?xf32>, %i1: tensor<2x3x1xi32>, %i2: tensor<7x2xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xi32>, tensor<*xi64>, tensor<*xi32>, tensor<*xi32>, tensor<*xf32>, tensor<*xf32>) {
  %a = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %0 = graph.GatherV2 %x, %i, %a : (tensor<4x6xf32>, tensor<2x3xi32>, tensor<i32>) -> tensor<*xf32>
  %z = graph.Const {value = dense<0> : tensor<i64>} : tensor<i64>
  %1 = graph.GatherV2 %x, %i, %z : (tensor<4x6xf32>, tensor<2x3xi32>, tensor<i64>) -> tensor<*xf32>
  %n1 = graph.GatherNd %x, %i1 : (tensor<4x6xf32>, tensor<2x3x1xi32>) -> tensor<*xf32>
  %n2 = graph.GatherNd %x, %i2 : (tensor<4x6xf32>, tensor<7x2xi64>) -> tensor<*xf32>
  %2 = graph.Shape %x : (tensor<4x6xf32>) -> tensor<*xi32>
  %3 = graph.Shape %u {out_type = i64} : (tensor<?x?x?xf32>) -> tensor<*xi64>
  %4 = graph.Size %x : (tensor<4x6xf32>) -> tensor<*xi32>
  %5 = graph.Rank %x : (tensor<4x6xf32>) -> tensor<*xi32>
  return %0, %1, %2, %3, %4, %5, %n1, %n2 : tensor<*xf32>, tensor<*xf32>, tensor<*xi32>, tensor<*xi64>, tensor<*xi32>, tensor<*xi32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// TF.js's converter writes ConcatV2's axis as a 1-element vector (movenet).
// CHECK-LABEL: func.func @concat_vector_axis
// CHECK: graph.ConcatV2 {{.*}} -> tensor<5x3xf32>
func.func @concat_vector_axis(%x: tensor<2x3xf32>, %y: tensor<3x3xf32>) -> tensor<*xf32> {
  %axis = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %0 = graph.ConcatV2 %x, %y, %axis : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<1xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// DepthToSpace / SpaceToDepth: NHWC block shuffles; a dynamic dim stays
// dynamic, NCHW (which TF's CPU does not run) is left alone.
// CHECK-LABEL: func.func @block_shuffles
// CHECK: graph.DepthToSpace {{.*}} -> tensor<1x4x6x3xf32>
// CHECK: graph.SpaceToDepth {{.*}} -> tensor<1x1x2x27xf32>
// CHECK: graph.DepthToSpace {{.*}} -> tensor<?x4x6x3xf32>
// CHECK: graph.DepthToSpace {{.*}} -> tensor<*xf32>
func.func @block_shuffles(%x: tensor<1x2x3x12xf32>, %y: tensor<1x3x6x3xf32>, %d: tensor<?x2x3x12xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = graph.DepthToSpace %x {block_size = 2} : (tensor<1x2x3x12xf32>) -> tensor<*xf32>
  %1 = graph.SpaceToDepth %y {block_size = 3} : (tensor<1x3x6x3xf32>) -> tensor<*xf32>
  %2 = graph.DepthToSpace %d {block_size = 2} : (tensor<?x2x3x12xf32>) -> tensor<*xf32>
  %3 = graph.DepthToSpace %x {block_size = 2, data_format = "NCHW"} : (tensor<1x2x3x12xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

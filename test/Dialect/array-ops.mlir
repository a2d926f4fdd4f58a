// RUN: graph-opt %s | graph-opt | FileCheck %s
// Every op of the array family (GraphArrayOps.td) prints and parses back,
// with its declared attrs (defaults elided).

// CHECK-LABEL: func.func @reshaping
func.func @reshaping(%x: tensor<1x2x1x3xf32>, %i: tensor<i32>, %p: tensor<4xi32>) {
  // CHECK: graph.Squeeze %{{.*}} : (tensor<1x2x1x3xf32>) -> tensor<2x3xf32>
  %0 = graph.Squeeze %x : (tensor<1x2x1x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Squeeze %{{.*}} {squeeze_dims = [0, -2]}
  %1 = graph.Squeeze %x {squeeze_dims = [0, -2]} : (tensor<1x2x1x3xf32>) -> tensor<*xf32>
  // CHECK: graph.ExpandDims %{{.*}}, %{{.*}} : (tensor<1x2x1x3xf32>, tensor<i32>) -> tensor<*xf32>
  %2 = graph.ExpandDims %x, %i : (tensor<1x2x1x3xf32>, tensor<i32>) -> tensor<*xf32>
  // CHECK: graph.Transpose %{{.*}}, %{{.*}} : (tensor<1x2x1x3xf32>, tensor<4xi32>) -> tensor<*xf32>
  %3 = graph.Transpose %x, %p : (tensor<1x2x1x3xf32>, tensor<4xi32>) -> tensor<*xf32>
  return
}

// CHECK-LABEL: func.func @joining
func.func @joining(%x: tensor<2x3xf32>, %y: tensor<2x5xf32>, %a: tensor<i32>, %s: tensor<2xi64>) {
  // CHECK: graph.ConcatV2 %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<i32>) -> tensor<2x8xf32>
  %0 = graph.ConcatV2 %x, %y, %a : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<i32>) -> tensor<2x8xf32>
  // CHECK: graph.Pack %{{.*}}, %{{.*}} {axis = -1 : i64}
  %1 = graph.Pack %x, %x {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3x2xf32>
  // CHECK: graph.Pack %{{.*}} : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  %2 = graph.Pack %x : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  // CHECK: graph.Unpack %{{.*}} {axis = 1 : i64, num = 3 : i64} : (tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  %3:3 = graph.Unpack %x {num = 3, axis = 1} : (tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  // CHECK: graph.Split %{{.*}}, %{{.*}} {num_split = 2 : i64} : (tensor<i32>, tensor<2x3xf32>) -> (tensor<1x3xf32>, tensor<1x3xf32>)
  %4:2 = graph.Split %a, %x {num_split = 2} : (tensor<i32>, tensor<2x3xf32>) -> (tensor<1x3xf32>, tensor<1x3xf32>)
  // CHECK: graph.SplitV %{{.*}}, %{{.*}}, %{{.*}} {num_split = 2 : i64}
  %5:2 = graph.SplitV %y, %s, %a {num_split = 2} : (tensor<2x5xf32>, tensor<2xi64>, tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// CHECK-LABEL: func.func @slicing
func.func @slicing(%x: tensor<4x6xf32>, %b: tensor<2xi32>) {
  // CHECK: graph.Slice %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  %0 = graph.Slice %x, %b, %b : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  // CHECK: graph.StridedSlice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  %1 = graph.StridedSlice %x, %b, %b, %b : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  // CHECK: graph.StridedSlice {{.*}} {begin_mask = 1 : i64, ellipsis_mask = 2 : i64, end_mask = 3 : i64, new_axis_mask = 4 : i64, shrink_axis_mask = 8 : i64}
  %2 = graph.StridedSlice %x, %b, %b, %b {begin_mask = 1, end_mask = 3, ellipsis_mask = 2, new_axis_mask = 4, shrink_axis_mask = 8} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// CHECK-LABEL: func.func @padding_filling
func.func @padding_filling(%x: tensor<4x6xf32>, %p: tensor<2x2xi32>, %c: tensor<f32>, %m: tensor<2xi64>, %i: tensor<3xi32>) {
  // CHECK: graph.Pad %{{.*}}, %{{.*}} : (tensor<4x6xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  %0 = graph.Pad %x, %p : (tensor<4x6xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  // CHECK: graph.PadV2 %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x6xf32>, tensor<2x2xi32>, tensor<f32>) -> tensor<*xf32>
  %1 = graph.PadV2 %x, %p, %c : (tensor<4x6xf32>, tensor<2x2xi32>, tensor<f32>) -> tensor<*xf32>
  // CHECK: graph.MirrorPad %{{.*}}, %{{.*}} {mode = "SYMMETRIC"}
  %2 = graph.MirrorPad %x, %p {mode = "SYMMETRIC"} : (tensor<4x6xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  // CHECK: graph.Tile %{{.*}}, %{{.*}} : (tensor<4x6xf32>, tensor<2xi64>) -> tensor<*xf32>
  %3 = graph.Tile %x, %m : (tensor<4x6xf32>, tensor<2xi64>) -> tensor<*xf32>
  // CHECK: graph.Fill %{{.*}}, %{{.*}} : (tensor<3xi32>, tensor<f32>) -> tensor<*xf32>
  %4 = graph.Fill %i, %c : (tensor<3xi32>, tensor<f32>) -> tensor<*xf32>
  // CHECK: graph.ZerosLike %{{.*}} : (tensor<4x6xf32>) -> tensor<4x6xf32>
  %5 = graph.ZerosLike %x : (tensor<4x6xf32>) -> tensor<4x6xf32>
  // CHECK: graph.OnesLike %{{.*}} : (tensor<3xi32>) -> tensor<3xi32>
  %6 = graph.OnesLike %i : (tensor<3xi32>) -> tensor<3xi32>
  return
}

// CHECK-LABEL: func.func @gather_query
func.func @gather_query(%x: tensor<4x6xf32>, %i: tensor<2x3xi64>, %a: tensor<i32>, %n: tensor<3x2xi32>) {
  // CHECK: graph.GatherV2 %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x6xf32>, tensor<2x3xi64>, tensor<i32>) -> tensor<*xf32>
  %0 = graph.GatherV2 %x, %i, %a : (tensor<4x6xf32>, tensor<2x3xi64>, tensor<i32>) -> tensor<*xf32>
  // CHECK: graph.GatherV2 {{.*}} {batch_dims = 1 : i64}
  %1 = graph.GatherV2 %x, %i, %a {batch_dims = 1} : (tensor<4x6xf32>, tensor<2x3xi64>, tensor<i32>) -> tensor<*xf32>
  // CHECK: graph.GatherNd %{{.*}}, %{{.*}} : (tensor<4x6xf32>, tensor<3x2xi32>) -> tensor<*xf32>
  %g = graph.GatherNd %x, %n : (tensor<4x6xf32>, tensor<3x2xi32>) -> tensor<*xf32>
  // CHECK: graph.Shape %{{.*}} : (tensor<4x6xf32>) -> tensor<2xi32>
  %2 = graph.Shape %x : (tensor<4x6xf32>) -> tensor<2xi32>
  // CHECK: graph.Shape %{{.*}} {out_type = i64} : (tensor<4x6xf32>) -> tensor<?xi64>
  %3 = graph.Shape %x {out_type = i64} : (tensor<4x6xf32>) -> tensor<?xi64>
  // CHECK: graph.Size %{{.*}} : (tensor<4x6xf32>) -> tensor<i32>
  %4 = graph.Size %x : (tensor<4x6xf32>) -> tensor<i32>
  // CHECK: graph.Rank %{{.*}} : (tensor<4x6xf32>) -> tensor<i32>
  %5 = graph.Rank %x : (tensor<4x6xf32>) -> tensor<i32>
  return
}

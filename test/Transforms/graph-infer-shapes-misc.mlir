// RUN: graph-opt %s -split-input-file -graph-infer-shapes | FileCheck %s
// Shape functions of the misc ops (TF's): resize to the constant size,
// space/batch block arithmetic, Dequantize keeps the input shape, BlockLSTM
// gives [time, batch, cell] for all seven outputs.

// CHECK-LABEL: func.func @resize
// CHECK: graph.ResizeBilinear {{.*}} -> tensor<2x8x12x3xf32>
// CHECK: graph.ResizeNearestNeighbor {{.*}} -> tensor<2x8x12x3xi32>
// CHECK: graph.ResizeBilinear {{.*}} -> tensor<?x?x?x3xf32>
func.func @resize(%x: tensor<2x4x5x3xf32>, %i: tensor<2x4x5x3xi32>, %u: tensor<?x4x5x3xf32>, %s: tensor<2xi32>) -> (tensor<*xf32>, tensor<*xi32>, tensor<*xf32>) {
  %size = graph.Const {value = dense<[8, 12]> : tensor<2xi32>} : tensor<2xi32>
  %0 = graph.ResizeBilinear %x, %size : (tensor<2x4x5x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  %1 = graph.ResizeNearestNeighbor %i, %size : (tensor<2x4x5x3xi32>, tensor<2xi32>) -> tensor<*xi32>
  %2 = graph.ResizeBilinear %u, %s : (tensor<?x4x5x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xi32>, tensor<*xf32>
}

// -----

// The atrous_conv2d pattern: SpaceToBatchND pads 7x7 by 2/3 to 12x12 and
// moves the 2x2 blocks into the batch, [4, 6, 6, C]; BatchToSpaceND puts
// them back (12x12) and crops 5 at the end of each spatial dim.
// CHECK-LABEL: func.func @space_batch
// CHECK: graph.SpaceToBatchND {{.*}} -> tensor<4x6x6x3xf32>
// CHECK: graph.BatchToSpaceND {{.*}} -> tensor<1x7x7x3xf32>
// CHECK: graph.SpaceToBatchND {{.*}} -> tensor<6x2x2x5xf32>
// CHECK: graph.BatchToSpaceND {{.*}} -> tensor<?x7x2xf32>
func.func @space_batch(%x: tensor<1x7x7x3xf32>, %y: tensor<1x4x6x5xf32>, %z: tensor<?x4x2xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %block = graph.Const {value = dense<2> : tensor<2xi32>} : tensor<2xi32>
  %pads = graph.Const {value = dense<[[2, 3], [2, 3]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %crops = graph.Const {value = dense<[[0, 5], [0, 5]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x7x7x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  %1 = graph.BatchToSpaceND %0, %block, %crops : (tensor<*xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  %block23 = graph.Const {value = dense<[2, 3]> : tensor<2xi64>} : tensor<2xi64>
  %pads23 = graph.Const {value = dense<0> : tensor<2x2xi64>} : tensor<2x2xi64>
  %2 = graph.SpaceToBatchND %y, %block23, %pads23 : (tensor<1x4x6x5xf32>, tensor<2xi64>, tensor<2x2xi64>) -> tensor<*xf32>
  %block1 = graph.Const {value = dense<[2]> : tensor<1xi32>} : tensor<1xi32>
  %crop1 = graph.Const {value = dense<[[0, 1]]> : tensor<1x2xi32>} : tensor<1x2xi32>
  %3 = graph.BatchToSpaceND %z, %block1, %crop1 : (tensor<?x4x2xf32>, tensor<1xi32>, tensor<1x2xi32>) -> tensor<*xf32>
  return %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @dequantize_lstm
// CHECK: graph.Dequantize {{.*}} -> tensor<3x2xf32>
// CHECK: graph.Dequantize {{.*}} -> tensor<3x2xbf16>
// CHECK: graph.BlockLSTM {{.*}} -> (tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>)
// CHECK: graph.BlockLSTMV2 {{.*}} -> (tensor<?x2x4xf32>, tensor<?x2x4xf32>, tensor<?x2x4xf32>, tensor<?x2x4xf32>, tensor<?x2x4xf32>, tensor<?x2x4xf32>, tensor<?x2x4xf32>)
func.func @dequantize_lstm(%q: tensor<3x2xui8>, %r: tensor<f32>, %n: tensor<i64>, %x: tensor<5x2x3xf32>, %xu: tensor<?x?x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) -> (tensor<*xf32>, tensor<*xbf16>, tensor<*xf32>, tensor<*xf32>) {
  %0 = graph.Dequantize %q, %r, %r : (tensor<3x2xui8>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  %1 = graph.Dequantize %q, %r, %r : (tensor<3x2xui8>, tensor<f32>, tensor<f32>) -> tensor<*xbf16>
  %2:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %3:7 = graph.BlockLSTMV2 %n, %xu, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<?x?x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0, %1, %2#6, %3#6 : tensor<*xf32>, tensor<*xbf16>, tensor<*xf32>, tensor<*xf32>
}

// -----

// TopKV2: [..., n] -> [..., k] values and indices, from a constant k.
// CHECK-LABEL: func.func @top_k
// CHECK: graph.TopKV2 {{.*}} -> (tensor<2x3x4xf32>, tensor<2x3x4xi32>)
// CHECK: graph.TopKV2 {{.*}} -> (tensor<?xf32>, tensor<?xi64>)
func.func @top_k(%x: tensor<2x3x10xf32>, %v: tensor<7xf32>, %k: tensor<i32>) -> (tensor<*xf32>, tensor<*xi32>, tensor<*xf32>, tensor<*xi64>) {
  %four = graph.Const {value = dense<4> : tensor<i32>} : tensor<i32>
  %0:2 = graph.TopKV2 %x, %four : (tensor<2x3x10xf32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xi32>)
  %1:2 = graph.TopKV2 %v, %k : (tensor<7xf32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xi64>)
  return %0#0, %0#1, %1#0, %1#1 : tensor<*xf32>, tensor<*xi32>, tensor<*xf32>, tensor<*xi64>
}

// RUN: graph-opt %s -split-input-file -graph-infer-shapes | FileCheck %s
// Shape functions of the NN family (GraphNNOps.cpp), as TF's.

// Depthwise: C * M channels, Conv2D's window arithmetic (SAME, VALID with
// strides, EXPLICIT with dilations, NCHW).
// CHECK-LABEL: func.func @depthwise
// CHECK: graph.DepthwiseConv2dNative {{.*}} -> tensor<1x8x8x6xf32>
// CHECK: graph.DepthwiseConv2dNative {{.*}} -> tensor<1x3x3x6xf32>
// CHECK: graph.DepthwiseConv2dNative {{.*}} -> tensor<1x8x6x3xf32>
// CHECK: graph.FusedDepthwiseConv2dNative {{.*}} -> tensor<1x4x4x6xf32>
func.func @depthwise(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x2xf32>, %w1: tensor<3x3x8x1xf32>, %b: tensor<6xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = graph.DepthwiseConv2dNative %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>) -> tensor<*xf32>
  %1 = graph.DepthwiseConv2dNative %x, %w {padding = "VALID", strides = [1, 2, 2, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>) -> tensor<*xf32>
  // NCHW [1, 8, 8, 3], dilation 2: rows 8 + 2 - 5 + 1 = 6, cols 3 + 4 - 5 + 1 = 3.
  %2 = graph.DepthwiseConv2dNative %x, %w1 {data_format = "NCHW", dilations = [1, 1, 2, 2], explicit_paddings = [0, 0, 0, 0, 1, 1, 2, 2], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x8x1xf32>) -> tensor<*xf32>
  %3 = graph.FusedDepthwiseConv2dNative %x, %w, %b {fused_ops = ["BiasAdd"], num_args = 1 : i64, padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Conv2DBackpropInput takes its shape from the constant input_sizes.
// CHECK-LABEL: func.func @backprop
// CHECK: graph.Conv2DBackpropInput {{.*}} -> tensor<1x8x8x4xf32>
// CHECK: graph.Conv2DBackpropInput {{.*}} -> tensor<*xf32>
func.func @backprop(%w: tensor<3x3x4x3xf32>, %g: tensor<1x4x4x3xf32>, %s: tensor<4xi32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %sizes = graph.Const {value = dense<[1, 8, 8, 4]> : tensor<4xi32>} : tensor<4xi32>
  %0 = graph.Conv2DBackpropInput %sizes, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<*xf32>
  %1 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// Batched products: adjoints, V2 broadcasting of batch dims (missing leading
// dims, size-1 dims), V3's own result type.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: graph.BatchMatMul {{.*}} -> tensor<2x4x4xf32>
// CHECK: graph.BatchMatMulV2 {{.*}} -> tensor<5x2x3x6xf32>
// CHECK: graph.BatchMatMulV3 {{.*}} -> tensor<3x3xi32>
func.func @batch_matmul(%x: tensor<2x3x4xf32>, %y: tensor<5x1x6x4xf32>, %i: tensor<3x4xi8>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xi32>) {
  %0 = graph.BatchMatMul %x, %x {adj_x = true} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<*xf32>
  %1 = graph.BatchMatMulV2 %x, %y {adj_y = true} : (tensor<2x3x4xf32>, tensor<5x1x6x4xf32>) -> tensor<*xf32>
  %2 = graph.BatchMatMulV3 %i, %i {adj_y = true} : (tensor<3x4xi8>, tensor<3x4xi8>) -> tensor<*xi32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xi32>
}

// -----

// Batch norm: y is x's type, the statistics [C] from x's channel dim (the
// training-mode mean/variance inputs may be empty), V3's reserve_space_3 a
// scalar.
// CHECK-LABEL: func.func @batch_norm
// CHECK: graph.FusedBatchNorm {{.*}} -> (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
// CHECK: graph.FusedBatchNormV3 {{.*}} -> (tensor<1x2x4x4xf16>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
func.func @batch_norm(%x: tensor<1x4x4x2xf32>, %c: tensor<2xf32>, %e: tensor<0xf32>, %h: tensor<1x2x4x4xf16>) -> (tensor<*xf32>, tensor<*xf16>) {
  %0:5 = graph.FusedBatchNorm %x, %c, %c, %e, %e : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<0xf32>, tensor<0xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %1:6 = graph.FusedBatchNormV3 %h, %c, %c, %c, %c {data_format = "NCHW", is_training = false} : (tensor<1x2x4x4xf16>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<*xf16>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return %0#0, %1#0 : tensor<*xf32>, tensor<*xf16>
}

// -----

// Prelu is x's shape; the fused ops are their base op's.
// CHECK-LABEL: func.func @fused
// CHECK: graph.Prelu {{.*}} -> tensor<1x8x8x3xf32>
// CHECK: graph._FusedConv2D {{.*}} -> tensor<1x4x4x4xf32>
// CHECK: graph._FusedMatMul {{.*}} -> tensor<2x4xf32>
func.func @fused(%x: tensor<1x8x8x3xf32>, %a: tensor<1x1x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>, %m: tensor<3x2xf32>, %n: tensor<4x3xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = graph.Prelu %x, %a : (tensor<1x8x8x3xf32>, tensor<1x1x3xf32>) -> tensor<*xf32>
  %1 = graph._FusedConv2D %x, %w, %b {fused_ops = ["BiasAdd", "Relu6"], num_args = 1 : i64, padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  %2 = graph._FusedMatMul %m, %n, %b {fused_ops = ["BiasAdd"], num_args = 1 : i64, transpose_a = true, transpose_b = true} : (tensor<3x2xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Einsum: each output label's size from the operands (MultiHeadAttention's
// query projection and attention scores).
// CHECK-LABEL: func.func @einsum
// CHECK: graph.Einsum {{.*}} -> tensor<1x32x4x16xf32>
// CHECK: graph.Einsum {{.*}} -> tensor<1x4x32x32xf32>
func.func @einsum(%x: tensor<1x32x64xf32>, %w: tensor<64x4x16xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %q = graph.Einsum %x, %w {equation = "abc,cde->abde"} : (tensor<1x32x64xf32>, tensor<64x4x16xf32>) -> tensor<*xf32>
  %s = graph.Einsum %q, %q {equation = "aecd,abcd->acbe"} : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %q, %s : tensor<*xf32>, tensor<*xf32>
}

// RUN: graph-opt %s | graph-opt | FileCheck %s
// Every op of the NN family (GraphNNOps.td) prints and parses back, with its
// declared attrs (and their defaults elided).

// CHECK-LABEL: func.func @convolutions
func.func @convolutions(%x: tensor<1x8x8x3xf32>, %xc: tensor<1x3x8x8xf32>, %dw: tensor<3x3x3x2xf32>, %w: tensor<3x3x4x3xf32>, %g: tensor<1x4x4x3xf32>) {
  // CHECK: graph.DepthwiseConv2dNative %{{.*}}, %{{.*}} {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>) -> tensor<1x8x8x6xf32>
  %0 = graph.DepthwiseConv2dNative %x, %dw {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>) -> tensor<1x8x8x6xf32>
  // CHECK: graph.DepthwiseConv2dNative {{.*}}data_format = "NCHW", dilations = [1, 1, 2, 2], explicit_paddings = [0, 0, 0, 0, 1, 1, 2, 2], padding = "EXPLICIT"
  %1 = graph.DepthwiseConv2dNative %xc, %dw {data_format = "NCHW", dilations = [1, 1, 2, 2], explicit_paddings = [0, 0, 0, 0, 1, 1, 2, 2], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<1x3x8x8xf32>, tensor<3x3x3x2xf32>) -> tensor<*xf32>
  %sizes = graph.Const {value = dense<[1, 8, 8, 4]> : tensor<4xi32>} : tensor<4xi32>
  // CHECK: graph.Conv2DBackpropInput %{{.*}}, %{{.*}}, %{{.*}} {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x8x8x4xf32>
  %2 = graph.Conv2DBackpropInput %sizes, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// CHECK-LABEL: func.func @batch_matmul
func.func @batch_matmul(%x: tensor<2x3x4xf32>, %y: tensor<2x4x5xf32>, %z: tensor<4x5xf32>, %i: tensor<2x3x4xi8>) {
  // CHECK: graph.BatchMatMul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %0 = graph.BatchMatMul %x, %y : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  // CHECK: graph.BatchMatMulV2 %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  %1 = graph.BatchMatMulV2 %x, %z : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  // CHECK: graph.BatchMatMul %{{.*}}, %{{.*}} {adj_x = true} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x4x4xf32>
  %3 = graph.BatchMatMul %x, %x {adj_x = true} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x4x4xf32>
  // CHECK: graph.BatchMatMulV3 %{{.*}}, %{{.*}} {adj_y = true} : (tensor<2x3x4xi8>, tensor<2x3x4xi8>) -> tensor<2x3x3xi32>
  %2 = graph.BatchMatMulV3 %i, %i {adj_y = true} : (tensor<2x3x4xi8>, tensor<2x3x4xi8>) -> tensor<2x3x3xi32>
  return
}

// CHECK-LABEL: func.func @batch_norm
func.func @batch_norm(%x: tensor<1x4x4x2xf32>, %c: tensor<2xf32>, %e: tensor<0xf32>, %h: tensor<1x2x4x4xf16>) {
  // CHECK: graph.FusedBatchNorm %{{.*}} {epsilon = 1.000000e-03 : f32, is_training = false} : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  %0:5 = graph.FusedBatchNorm %x, %c, %c, %c, %c {epsilon = 0.001 : f32, is_training = false} : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  // CHECK: graph.FusedBatchNormV2 %{{.*}} : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<0xf32>, tensor<0xf32>) -> (tensor<*xf32>,
  %1:5 = graph.FusedBatchNormV2 %x, %c, %c, %e, %e : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<0xf32>, tensor<0xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  // CHECK: graph.FusedBatchNormV3 %{{.*}} {data_format = "NCHW", exponential_avg_factor = 5.000000e-01 : f32} : (tensor<1x2x4x4xf16>, {{.*}}) -> (tensor<1x2x4x4xf16>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
  %2:6 = graph.FusedBatchNormV3 %h, %c, %c, %c, %c {data_format = "NCHW", exponential_avg_factor = 0.5 : f32} : (tensor<1x2x4x4xf16>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf16>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
  return
}

// CHECK-LABEL: func.func @fused
func.func @fused(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %dw: tensor<3x3x3x1xf32>, %b4: tensor<4xf32>, %b3: tensor<3xf32>, %a: tensor<2x3xf32>, %m: tensor<4x3xf32>) {
  // CHECK: graph.Prelu %{{.*}}, %{{.*}} : (tensor<1x8x8x3xf32>, tensor<3xf32>) -> tensor<1x8x8x3xf32>
  %0 = graph.Prelu %x, %b3 : (tensor<1x8x8x3xf32>, tensor<3xf32>) -> tensor<1x8x8x3xf32>
  // CHECK: graph._FusedConv2D %{{.*}}, %{{.*}}, %{{.*}} {fused_ops = ["BiasAdd", "Relu"], num_args = 1 : i64, padding = "SAME", strides = [1, 1, 1, 1]}
  %1 = graph._FusedConv2D %x, %w, %b4 {fused_ops = ["BiasAdd", "Relu"], num_args = 1 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
  // CHECK: graph._FusedConv2D {{.*}}epsilon = 1.000000e-03 : f32, fused_ops = ["FusedBatchNorm", "LeakyRelu"], leakyrelu_alpha = 1.000000e-01 : f32, num_args = 4 : i64
  %2 = graph._FusedConv2D %x, %w, %b4, %b4, %b4, %b4 {epsilon = 0.001 : f32, fused_ops = ["FusedBatchNorm", "LeakyRelu"], leakyrelu_alpha = 0.1 : f32, num_args = 4 : i64, padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<*xf32>
  // CHECK: graph.FusedDepthwiseConv2dNative %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {fused_ops = ["BiasAdd", "Prelu"], num_args = 2 : i64, padding = "SAME", strides = [1, 2, 2, 1]}
  %3 = graph.FusedDepthwiseConv2dNative %x, %dw, %b3, %b3 {fused_ops = ["BiasAdd", "Prelu"], num_args = 2 : i64, padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  // CHECK: graph._FusedMatMul %{{.*}}, %{{.*}}, %{{.*}} {fused_ops = ["BiasAdd"], num_args = 1 : i64, transpose_b = true}
  %4 = graph._FusedMatMul %a, %m, %b4 {fused_ops = ["BiasAdd"], num_args = 1 : i64, transpose_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

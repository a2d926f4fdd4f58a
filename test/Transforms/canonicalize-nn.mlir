// RUN: graph-opt %s -split-input-file -canonicalize | FileCheck %s
// Folds of the NN family (GraphNNOps.cpp): Prelu and the batched products
// of constants, computed element by element in the element type.

// Prelu: x > 0 ? x : alpha * x, alpha broadcast over the last dim.
// CHECK-LABEL: func.func @prelu
// CHECK-NEXT: %[[C:.*]] = graph.Const {value = dense<{{\[}}[1.000000e+00, -5.000000e-01], [-0.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>}
// CHECK-NEXT: return %[[C]]
func.func @prelu() -> tensor<2x2xf32> {
  %x = graph.Const {value = dense<[[1.0, -2.0], [-0.0, 2.0]]> : tensor<2x2xf32>} : tensor<2x2xf32>
  %a = graph.Const {value = dense<[0.5, 0.25]> : tensor<2xf32>} : tensor<2xf32>
  %0 = graph.Prelu %x, %a : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// BatchMatMulV2 with a broadcast batch dim and adj_y; integer BatchMatMul
// wraps like TF's int32 kernel.
// CHECK-LABEL: func.func @batch_matmul
// CHECK-NEXT: %[[F:.*]] = graph.Const {value = dense<{{\[}}{{\[}}[5.000000e+00, 1.100000e+01]], {{\[}}[1.100000e+01, 2.500000e+01]]]> : tensor<2x1x2xf32>}
// CHECK-NEXT: %[[I:.*]] = graph.Const {value = dense<-2147483648> : tensor<1x1x1xi32>}
// CHECK-NEXT: return %[[F]], %[[I]]
func.func @batch_matmul() -> (tensor<2x1x2xf32>, tensor<1x1x1xi32>) {
  // x: [2, 1, 2] = [[[1, 2]], [[3, 4]]]; y: [1, 2, 2] = [[1, 2], [3, 4]],
  // adj_y: out[b] = x[b] . y^T.
  %x = graph.Const {value = dense<[[[1.0, 2.0]], [[3.0, 4.0]]]> : tensor<2x1x2xf32>} : tensor<2x1x2xf32>
  %y = graph.Const {value = dense<[[[1.0, 2.0], [3.0, 4.0]]]> : tensor<1x2x2xf32>} : tensor<1x2x2xf32>
  %0 = graph.BatchMatMulV2 %x, %y {adj_y = true} : (tensor<2x1x2xf32>, tensor<1x2x2xf32>) -> tensor<2x1x2xf32>
  %i = graph.Const {value = dense<[[[65536, 32768]]]> : tensor<1x1x2xi32>} : tensor<1x1x2xi32>
  %j = graph.Const {value = dense<[[[32768], [0]]]> : tensor<1x2x1xi32>} : tensor<1x2x1xi32>
  %1 = graph.BatchMatMul %i, %j : (tensor<1x1x2xi32>, tensor<1x2x1xi32>) -> tensor<1x1x1xi32>
  return %0, %1 : tensor<2x1x2xf32>, tensor<1x1x1xi32>
}

// -----

// Not constant: nothing folds.
// CHECK-LABEL: func.func @not_constant
// CHECK: graph.BatchMatMulV3
// CHECK: graph.Prelu
func.func @not_constant(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %a = graph.Const {value = dense<0.5> : tensor<2xf32>} : tensor<2xf32>
  %0 = graph.BatchMatMulV3 %x, %x : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = graph.Prelu %x, %a : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// Conv2D with one input channel per group (Keras's Conv2D(groups=C), as
// ConvNeXt's 7x7 depthwise convs are built) is DepthwiseConv2dNative on the
// filter reshaped [kh, kw, 1, O] -> [kh, kw, C, O / C], window kept.
// CHECK-LABEL: func.func @grouped_conv
// CHECK: %[[S:.*]] = graph.Const {value = dense<[3, 3, 4, 2]> : tensor<4xi32>}
// CHECK: %[[W:.*]] = graph.Reshape %arg1, %[[S]] : (tensor<3x3x1x8xf32>, tensor<4xi32>) -> tensor<3x3x4x2xf32>
// CHECK: graph.DepthwiseConv2dNative %arg0, %[[W]] {{.*}}padding = "SAME", strides = [1, 2, 2, 1]
// CHECK-NOT: graph.Conv2D
func.func @grouped_conv(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x1x8xf32>) -> tensor<1x4x4x8xf32> {
  %0 = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<1x8x8x4xf32>, tensor<3x3x1x8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

// A grouped conv with more than one channel per group stays a Conv2D (and
// is reported as unsupported when lowered).
// CHECK-LABEL: func.func @grouped_conv_two_per_group
// CHECK: graph.Conv2D
func.func @grouped_conv_two_per_group(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x2x8xf32>) -> tensor<1x8x8x8xf32> {
  %0 = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x4xf32>, tensor<3x3x2x8xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// RUN: graph-opt %s -split-input-file -graph-fold-batch-norm -canonicalize | FileCheck %s
// Inference batch norms folded into the preceding conv/matmul weights and a
// BiasAdd. epsilon = 0.25 and variances chosen so that variance + epsilon is
// 4 or 1 (rsqrt 0.5 or 1), so every folded value is exact:
//   f = scale * rsqrt(var + eps), W' = W * f (per output channel),
//   bias' = (b - mean) * f + offset (b = 0 without a BiasAdd).

// Conv2D (HWIO 1x1x2x2, W = [[1, 2], [3, 4]]): scale [3, 0.5], var [3.75,
// 0.75] -> f = [3 * 0.5, 0.5 * 1] = [1.5, 0.5]; W' = [[1.5, 1], [4.5, 2]];
// mean [0.5, 2], offset [1, -1] -> bias' = [-0.75 + 1, -1 - 1] = [0.25, -2].
// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[W:.*]] = graph.Const {value = dense<{{\[}}{{\[}}{{\[}}[1.500000e+00, 1.000000e+00], [4.500000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>}
// CHECK-DAG: %[[B:.*]] = graph.Const {value = dense<[2.500000e-01, -2.000000e+00]> : tensor<2xf32>}
// CHECK: %[[C:.*]] = graph.Conv2D %arg0, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = graph.BiasAdd %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @conv(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = graph.Const {value = dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>} : tensor<1x1x2x2xf32>
  %scale = graph.Const {value = dense<[3.0, 0.5]> : tensor<2xf32>} : tensor<2xf32>
  %offset = graph.Const {value = dense<[1.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %mean = graph.Const {value = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %var = graph.Const {value = dense<[3.75, 0.75]> : tensor<2xf32>} : tensor<2xf32>
  %c = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y:6 = graph.FusedBatchNormV3 %c, %scale, %offset, %mean, %var {epsilon = 0.25 : f32, is_training = false} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
  return %y#0 : tensor<1x2x2x2xf32>
}

// -----

// The same with a BiasAdd b = [1, 4] between (FusedBatchNorm, V1):
// bias' = [(1 - 0.5) * 1.5 + 1, (4 - 2) * 0.5 - 1] = [1.75, 0].
// CHECK-LABEL: func.func @conv_bias
// CHECK-DAG: %[[W:.*]] = graph.Const {value = dense<{{\[}}{{\[}}{{\[}}[1.500000e+00, 1.000000e+00], [4.500000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>}
// CHECK-DAG: %[[B:.*]] = graph.Const {value = dense<[1.750000e+00, 0.000000e+00]> : tensor<2xf32>}
// CHECK: %[[C:.*]] = graph.Conv2D %arg0, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = graph.BiasAdd %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @conv_bias(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = graph.Const {value = dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>} : tensor<1x1x2x2xf32>
  %b = graph.Const {value = dense<[1.0, 4.0]> : tensor<2xf32>} : tensor<2xf32>
  %scale = graph.Const {value = dense<[3.0, 0.5]> : tensor<2xf32>} : tensor<2xf32>
  %offset = graph.Const {value = dense<[1.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %mean = graph.Const {value = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %var = graph.Const {value = dense<[3.75, 0.75]> : tensor<2xf32>} : tensor<2xf32>
  %c = graph.Conv2D %x, %w {padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  %cb = graph.BiasAdd %c, %b : (tensor<1x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %y:5 = graph.FusedBatchNorm %cb, %scale, %offset, %mean, %var {epsilon = 0.25 : f32, is_training = false} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %y#0 : tensor<1x2x2x2xf32>
}

// -----

// DepthwiseConv2dNative, filter [1, 1, C = 2, M = 2] = [[1, 2], [3, 4]]:
// output channel c * 2 + m has weight [1, 2, 3, 4]; var + eps = 1, so
// f = scale = [1, 2, 0.5, -1]: W' = [[1, 4], [1.5, -4]]; mean 1, offset 0:
// bias' = -f = [-1, -2, -0.5, 1].
// CHECK-LABEL: func.func @depthwise
// CHECK-DAG: %[[W:.*]] = graph.Const {value = dense<{{\[}}{{\[}}{{\[}}[1.000000e+00, 4.000000e+00], [1.500000e+00, -4.000000e+00]]]]> : tensor<1x1x2x2xf32>}
// CHECK-DAG: %[[B:.*]] = graph.Const {value = dense<[-1.000000e+00, -2.000000e+00, -5.000000e-01, 1.000000e+00]> : tensor<4xf32>}
// CHECK: %[[C:.*]] = graph.DepthwiseConv2dNative %arg0, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = graph.BiasAdd %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @depthwise(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x4xf32> {
  %w = graph.Const {value = dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>} : tensor<1x1x2x2xf32>
  %scale = graph.Const {value = dense<[1.0, 2.0, 0.5, -1.0]> : tensor<4xf32>} : tensor<4xf32>
  %offset = graph.Const {value = dense<0.0> : tensor<4xf32>} : tensor<4xf32>
  %mean = graph.Const {value = dense<1.0> : tensor<4xf32>} : tensor<4xf32>
  %var = graph.Const {value = dense<0.75> : tensor<4xf32>} : tensor<4xf32>
  %c = graph.DepthwiseConv2dNative %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x3x3x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x3x3x4xf32>
  %y:6 = graph.FusedBatchNormV3 %c, %scale, %offset, %mean, %var {epsilon = 0.25 : f32, is_training = false} : (tensor<1x3x3x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<1x3x3x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>)
  return %y#0 : tensor<1x3x3x4xf32>
}

// -----

// grappler's _FusedConv2D with FusedBatchNorm leading its epilogue, then a
// fused Add of %side and a Relu: the same numbers as @conv, folded in place:
// epilogue BiasAdd [0.25, -2], Add %side, Relu.
// CHECK-LABEL: func.func @fused_conv
// CHECK-DAG: %[[W:.*]] = graph.Const {value = dense<{{\[}}{{\[}}{{\[}}[1.500000e+00, 1.000000e+00], [4.500000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>}
// CHECK-DAG: %[[B:.*]] = graph.Const {value = dense<[2.500000e-01, -2.000000e+00]> : tensor<2xf32>}
// CHECK: %[[Y:.*]] = graph._FusedConv2D %arg0, %[[W]], %[[B]], %arg1 {{{.*}}fused_ops = ["BiasAdd", "Add", "Relu"], num_args = 2 : i64
// CHECK-NEXT: return %[[Y]]
func.func @fused_conv(%x: tensor<1x2x2x2xf32>, %side: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = graph.Const {value = dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>} : tensor<1x1x2x2xf32>
  %scale = graph.Const {value = dense<[3.0, 0.5]> : tensor<2xf32>} : tensor<2xf32>
  %offset = graph.Const {value = dense<[1.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  %mean = graph.Const {value = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %var = graph.Const {value = dense<[3.75, 0.75]> : tensor<2xf32>} : tensor<2xf32>
  %y = graph._FusedConv2D %x, %w, %scale, %offset, %mean, %var, %side {epsilon = 0.25 : f32, fused_ops = ["FusedBatchNorm", "Add", "Relu"], num_args = 5 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

// Not folded: the conv result has a second use; training mode; a variance
// that is not constant; a used batch_mean.
// CHECK-LABEL: func.func @not_folded
// CHECK-COUNT-4: graph.FusedBatchNormV3
func.func @not_folded(%x: tensor<1x2x2x2xf32>, %v: tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<2xf32>) {
  %w = graph.Const {value = dense<1.0> : tensor<1x1x2x2xf32>} : tensor<1x1x2x2xf32>
  %s = graph.Const {value = dense<1.0> : tensor<2xf32>} : tensor<2xf32>
  %c0 = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y0:6 = graph.FusedBatchNormV3 %c0, %s, %s, %s, %s {is_training = false} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
  %c1 = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y1:6 = graph.FusedBatchNormV3 %c1, %s, %s, %s, %s {is_training = true} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
  %c2 = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y2:6 = graph.FusedBatchNormV3 %c2, %s, %s, %s, %v {is_training = false} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
  %c3 = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y3:6 = graph.FusedBatchNormV3 %c3, %s, %s, %s, %s {is_training = false} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>)
  return %y0#0, %c0, %y1#0, %y2#0, %y3#0, %y3#1 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<2xf32>
}

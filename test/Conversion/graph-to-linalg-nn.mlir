// RUN: graph-opt %s -graph-to-linalg -split-input-file | FileCheck %s
// Lowering of the NN family (NNPatterns.cpp) to linalg named ops and
// generics.

// Depthwise: multiplier 1 -> depthwise_conv_2d_nhwc_hwc on the collapsed
// filter (SAME, stride 2: TF pads 0 before and 1 after); NCHW with
// multiplier 2 -> transposes around _hwcm, whose [C, M] collapse into C * M.

// CHECK-LABEL: func.func @depthwise
// CHECK-SAME:    (%[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x1xf32>, %[[XC:.*]]: tensor<1x3x8x8xf32>, %[[W2:.*]]: tensor<3x3x3x2xf32>)
// CHECK:         %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK:         %[[W3:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1], [2, 3]] : tensor<3x3x3x1xf32> into tensor<3x3x3xf32>
// CHECK:         %[[DW:.*]] = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[W3]] : tensor<1x9x9x3xf32>, tensor<3x3x3xf32>)
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[XC]] : tensor<1x3x8x8xf32>) {{.*}} permutation = [0, 2, 3, 1]
// CHECK:         %[[DWM:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm {{.*}} ins(%[[T]], %[[W2]] : tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>) {{.*}} -> tensor<1x6x6x3x2xf32>
// CHECK:         %[[C:.*]] = tensor.collapse_shape %[[DWM]] {{\[}}[0], [1], [2], [3, 4]] : tensor<1x6x6x3x2xf32> into tensor<1x6x6x6xf32>
// CHECK:         %[[R:.*]] = linalg.transpose ins(%[[C]] : tensor<1x6x6x6xf32>) {{.*}} permutation = [0, 3, 1, 2]
// CHECK:         return %[[DW]], %[[R]]
func.func @depthwise(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>, %xc: tensor<1x3x8x8xf32>, %w2: tensor<3x3x3x2xf32>) -> (tensor<1x4x4x3xf32>, tensor<1x6x6x6xf32>) {
  %0 = graph.DepthwiseConv2dNative %x, %w {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<1x4x4x3xf32> loc("dw")
  %1 = graph.DepthwiseConv2dNative %xc, %w2 {data_format = "NCHW", padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x3x8x8xf32>, tensor<3x3x3x2xf32>) -> tensor<1x6x6x6xf32> loc("dw2")
  return %0, %1 : tensor<1x4x4x3xf32>, tensor<1x6x6x6xf32>
}

// -----

// Transposed convolution (stride 2, SAME, 2x2 kernel, 4x4 input): the
// gradient lands every 2nd element from offset (K - 1) - pad_before = 1 of
// a 5x5 zero tensor; the constant filter is flipped and its channels
// swapped at compile time; then a stride-1 convolution.

// CHECK-LABEL: func.func @backprop
// CHECK-SAME:    (%[[G:.*]]: tensor<1x2x2x1xf32>)
// CHECK:         %[[Z:.*]] = linalg.fill {{.*}} -> tensor<1x5x5x1xf32>
// CHECK:         %[[S:.*]] = tensor.insert_slice %[[G]] into %[[Z]][0, 1, 1, 0] [1, 2, 2, 1] [1, 2, 2, 1]
// CHECK:         %[[F:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[7.000000e+00, 8.000000e+00]], {{\[}}[5.000000e+00, 6.000000e+00]]], {{\[}}{{\[}}[3.000000e+00, 4.000000e+00]], {{\[}}[1.000000e+00, 2.000000e+00]]]]> : tensor<2x2x1x2xf32>
// CHECK:         %[[R:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[S]], %[[F]] : tensor<1x5x5x1xf32>, tensor<2x2x1x2xf32>)
// CHECK:         return %[[R]]
func.func @backprop(%g: tensor<1x2x2x1xf32>) -> tensor<1x4x4x2xf32> {
  %s = graph.Const {value = dense<[1, 4, 4, 2]> : tensor<4xi32>} : tensor<4xi32>
  %w = graph.Const {value = dense<[[[[1.0], [2.0]], [[3.0], [4.0]]], [[[5.0], [6.0]], [[7.0], [8.0]]]]> : tensor<2x2x2x1xf32>} : tensor<2x2x2x1xf32>
  %0 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<2x2x2x1xf32>, tensor<1x2x2x1xf32>) -> tensor<1x4x4x2xf32> loc("deconv")
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// A padding larger than the window (EXPLICIT) crops the gradient: rows
// before the first that reaches the input are sliced off. A non-constant
// filter is flipped by a linalg.generic.

// CHECK-DAG:   #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (-d0 + 1, -d1, d3, d2)>
// CHECK-LABEL: func.func @backprop_crop
// CHECK-SAME:    (%[[W:.*]]: tensor<2x1x1x1xf32>, %[[G:.*]]: tensor<1x4x3x1xf32>)
// CHECK:         %[[E:.*]] = tensor.extract_slice %[[G]][0, 2, 0, 0] [1, 2, 3, 1] [1, 1, 1, 1]
// CHECK:         %[[S:.*]] = tensor.insert_slice %[[E]] into %{{.*}}[0, 0, 0, 0] [1, 2, 3, 1] [1, 1, 1, 1] : tensor<1x2x3x1xf32> into tensor<1x3x3x1xf32>
// CHECK:         %[[F:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]{{.*}} ins(%[[W]] : tensor<2x1x1x1xf32>)
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[S]], %[[F]] : tensor<1x3x3x1xf32>, tensor<2x1x1x1xf32>)
func.func @backprop_crop(%w: tensor<2x1x1x1xf32>, %g: tensor<1x4x3x1xf32>) -> tensor<1x2x3x1xf32> {
  %s = graph.Const {value = dense<[1, 2, 3, 1]> : tensor<4xi32>} : tensor<4xi32>
  %0 = graph.Conv2DBackpropInput %s, %w, %g {explicit_paddings = [0, 0, 3, 0, 0, 0, 0, 0], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<4xi32>, tensor<2x1x1x1xf32>, tensor<1x4x3x1xf32>) -> tensor<1x2x3x1xf32> loc("deconv")
  return %0 : tensor<1x2x3x1xf32>
}

// -----

// BatchMatMulV2: y's missing batch dim is materialized, adj_y is an
// indexing map of linalg.batch_matmul.

// CHECK-DAG:   #[[YB:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[MX:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:   #[[MY:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG:   #[[MO:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @batch_matmul
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3x4xf32>, %[[Y:.*]]: tensor<5x4xf32>)
// CHECK:         %[[YY:.*]] = linalg.generic {indexing_maps = [#[[YB]], {{.*}}]{{.*}} ins(%[[Y]] : tensor<5x4xf32>) outs(%{{.*}} : tensor<2x5x4xf32>)
// CHECK:         %[[R:.*]] = linalg.batch_matmul indexing_maps = [#[[MX]], #[[MY]], #[[MO]]] ins(%[[X]], %[[YY]] : tensor<2x3x4xf32>, tensor<2x5x4xf32>)
// CHECK:         return %[[R]]
func.func @batch_matmul(%x: tensor<2x3x4xf32>, %y: tensor<5x4xf32>) -> tensor<2x3x5xf32> {
  %0 = graph.BatchMatMulV2 %x, %y {adj_y = true} : (tensor<2x3x4xf32>, tensor<5x4xf32>) -> tensor<2x3x5xf32> loc("bmm")
  return %0 : tensor<2x3x5xf32>
}

// -----

// Rank-4 BatchMatMul: batch dims collapse to one and expand back.

// CHECK-LABEL: func.func @batch_matmul_4d
// CHECK:         %[[X:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1], [2], [3]] : tensor<2x3x4x5xi32> into tensor<6x4x5xi32>
// CHECK:         %[[Y:.*]] = tensor.collapse_shape %arg1 {{\[}}[0, 1], [2], [3]] : tensor<2x3x5x2xi32> into tensor<6x5x2xi32>
// CHECK:         %[[R:.*]] = linalg.batch_matmul ins(%[[X]], %[[Y]] : tensor<6x4x5xi32>, tensor<6x5x2xi32>)
// CHECK:         tensor.expand_shape %[[R]] {{\[}}[0, 1], [2], [3]] {{.*}} : tensor<6x4x2xi32> into tensor<2x3x4x2xi32>
func.func @batch_matmul_4d(%x: tensor<2x3x4x5xi32>, %y: tensor<2x3x5x2xi32>) -> tensor<2x3x4x2xi32> {
  %0 = graph.BatchMatMul %x, %y : (tensor<2x3x4x5xi32>, tensor<2x3x5x2xi32>) -> tensor<2x3x4x2xi32> loc("bmm")
  return %0 : tensor<2x3x4x2xi32>
}

// -----

// Inference batch norm with constant scale and variance: TF's factor
// rsqrt(variance + epsilon) * scale is a constant ([rsqrt(4) * 2,
// rsqrt(16) * 4]); y = (x - mean) * factor + offset by channel; the
// statistics outputs are mean and variance.

// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @batch_norm
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x2x2xf32>, %[[M:.*]]: tensor<2xf32>)
// CHECK:         %[[F:.*]] = arith.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]]{{.*}} ins(%[[X]], %[[M]], %[[F]], %[[M]] :
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[MEAN:.*]]: f32, %[[FACTOR:.*]]: f32, %[[OFFSET:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[C:.*]] = arith.subf %[[IN]], %[[MEAN]]
// CHECK-NEXT:      %[[S:.*]] = arith.mulf %[[C]], %[[FACTOR]]
// CHECK-NEXT:      %[[O:.*]] = arith.addf %[[S]], %[[OFFSET]]
// CHECK-NEXT:      linalg.yield %[[O]]
// CHECK:         return %[[Y]], %[[M]]
func.func @batch_norm(%x: tensor<1x2x2x2xf32>, %m: tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>) {
  %s = graph.Const {value = dense<[2.0, 4.0]> : tensor<2xf32>} : tensor<2xf32>
  %v = graph.Const {value = dense<[3.0, 15.0]> : tensor<2xf32>} : tensor<2xf32>
  %0:5 = graph.FusedBatchNorm %x, %s, %m, %m, %v {epsilon = 1.0 : f32, is_training = false} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) loc("bn")
  return %0#0, %0#1 : tensor<1x2x2x2xf32>, tensor<2xf32>
}

// -----

// Training batch norm (NCHW): per-channel sums over N, H, W times 1/n,
// the same for the squared deviations, the factor from the batch variance;
// batch_variance is Bessel-corrected (n / (n - 1) = 4/3), reserve_space_3 a
// scalar 0.

// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm_training
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CH]]], iterator_types = ["reduction", "parallel", "reduction", "reduction"]}
// CHECK:           arith.addf
// CHECK:         %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xf32>)
// CHECK:           arith.constant 2.500000e-01 : f32
// CHECK:         %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]]], iterator_types = ["reduction", "parallel", "reduction", "reduction"]} ins(%arg0, %[[MEAN]] :
// CHECK:           arith.subf
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         %[[VAR:.*]] = linalg.generic {{.*}} ins(%[[SQ]] : tensor<2xf32>)
// CHECK:         %[[FACTOR:.*]] = linalg.generic {{.*}} ins(%[[VAR]], %arg1 :
// CHECK:           arith.constant 9.99999974E-5 : f32
// CHECK:           math.sqrt
// CHECK:           arith.divf
// CHECK:           arith.mulf
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} ins(%arg0, %[[MEAN]], %[[FACTOR]], %arg1 :
// CHECK:         %[[BESSEL:.*]] = linalg.generic {{.*}} ins(%[[VAR]] : tensor<2xf32>)
// CHECK:           arith.constant 1.33333337 : f32
// CHECK:         %[[R3:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// CHECK:         return %[[Y]], %[[MEAN]], %[[BESSEL]], %[[VAR]], %[[R3]]
func.func @batch_norm_training(%x: tensor<1x2x2x2xf32>, %c: tensor<2xf32>, %e: tensor<0xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>) {
  %0:6 = graph.FusedBatchNormV3 %x, %c, %c, %e, %e {data_format = "NCHW"} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<0xf32>, tensor<0xf32>) -> (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>) loc("bn")
  return %0#0, %0#1, %0#2, %0#4, %0#5 : tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<f32>
}

// -----

// Half-precision x with float statistics: computed in f32, rounded back.

// CHECK-LABEL: func.func @batch_norm_half
// CHECK:         ^bb0(%[[IN:.*]]: f16, %[[MEAN:.*]]: f32, %[[FACTOR:.*]]: f32, %[[OFFSET:.*]]: f32, %{{.*}}: f16):
// CHECK-NEXT:      %[[E:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK-NEXT:      %[[C:.*]] = arith.subf %[[E]], %[[MEAN]]
// CHECK:           %[[O:.*]] = arith.addf
// CHECK-NEXT:      %[[T:.*]] = arith.truncf %[[O]] : f32 to f16
// CHECK-NEXT:      linalg.yield %[[T]]
func.func @batch_norm_half(%x: tensor<1x2x2x2xf16>, %c: tensor<2xf32>) -> tensor<1x2x2x2xf16> {
  %0:5 = graph.FusedBatchNormV2 %x, %c, %c, %c, %c {is_training = false} : (tensor<1x2x2x2xf16>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf16>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) loc("bn")
  return %0#0 : tensor<1x2x2x2xf16>
}

// -----

// Prelu: alpha broadcast by its indexing map; x > 0 ? x : alpha * x.

// CHECK-DAG:   #[[A:.*]] = affine_map<(d0, d1, d2, d3) -> (0, 0, d3)>
// CHECK-LABEL: func.func @prelu
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #[[A]], #{{.*}}]
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[AL:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[P:.*]] = arith.cmpf ogt, %[[X]], %[[Z]] : f32
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[X]], %[[AL]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.select %[[P]], %[[X]], %[[M]] : f32
// CHECK-NEXT:      linalg.yield %[[S]]
func.func @prelu(%x: tensor<1x2x2x3xf32>, %a: tensor<1x1x3xf32>) -> tensor<1x2x2x3xf32> {
  %0 = graph.Prelu %x, %a : (tensor<1x2x2x3xf32>, tensor<1x1x3xf32>) -> tensor<1x2x2x3xf32> loc("prelu")
  return %0 : tensor<1x2x2x3xf32>
}

// -----

// Fused ops: the convolution / matmul, then one generic for the epilogue.

// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG:   #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @fused
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[ID]]]{{.*}} ins(%[[CONV]], %arg2 :
// CHECK-NEXT:    ^bb0(%[[V:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[A:.*]] = arith.addf %[[V]], %[[B]] : f32
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[R:.*]] = arith.maximumf %[[A]], %[[Z]] : f32
// CHECK-NEXT:      linalg.yield %[[R]]
// CHECK:         %[[MM:.*]] = linalg.matmul
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #[[COL]], #{{.*}}]{{.*}} ins(%[[MM]], %arg2 :
// CHECK:           arith.addf
// CHECK:           arith.cmpf olt
// CHECK:           math.exp
// CHECK:           arith.subf
// CHECK:           arith.select
func.func @fused(%x: tensor<1x4x4x3xf32>, %w: tensor<1x1x3x2xf32>, %b: tensor<2xf32>, %a: tensor<2x3xf32>, %m: tensor<3x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<2x2xf32>) {
  %0 = graph._FusedConv2D %x, %w, %b {fused_ops = ["BiasAdd", "Relu"], num_args = 1 : i64, padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x4x4x3xf32>, tensor<1x1x3x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32> loc("fc")
  %1 = graph._FusedMatMul %a, %m, %b {fused_ops = ["BiasAdd", "Elu"], num_args = 1 : i64} : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<2x2xf32> loc("fm")
  return %0, %1 : tensor<1x4x4x2xf32>, tensor<2x2xf32>
}

// -----

// Fused batch norm + LeakyRelu on an NCHW convolution: the epilogue runs
// after the transpose back, by channel dim 1, with the constant factor;
// FusedDepthwiseConv2dNative with BiasAdd + Prelu.

// CHECK-DAG:   #[[C1:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @fused_nchw
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[CONV]] : tensor<1x4x4x2xf32>) {{.*}} permutation = [0, 3, 1, 2]
// CHECK:         %[[F:.*]] = arith.constant dense<5.000000e-01> : tensor<2xf32>
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #[[C1]], #[[C1]], #[[C1]], #{{.*}}]{{.*}} ins(%[[T]], %arg2, %[[F]], %arg2 :
// CHECK:           arith.subf
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:           arith.constant 1.000000e-01 : f32
// CHECK:           arith.cmpf ogt
// CHECK:           arith.mulf
// CHECK:           arith.select
// CHECK:         %[[DW:.*]] = linalg.depthwise_conv_2d_nhwc_hwc
// CHECK:         linalg.generic {{.*}} ins(%[[DW]], %arg4, %arg4 :
// CHECK:           arith.addf
// CHECK:           arith.cmpf ogt
// CHECK:           arith.mulf
// CHECK:           arith.select
func.func @fused_nchw(%x: tensor<1x3x4x4xf32>, %w: tensor<1x1x3x2xf32>, %c: tensor<2xf32>, %xh: tensor<1x4x4x3xf32>, %c3: tensor<3xf32>, %dw: tensor<3x3x3x1xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x4x4x3xf32>) {
  %s = graph.Const {value = dense<1.0> : tensor<2xf32>} : tensor<2xf32>
  %v = graph.Const {value = dense<3.0> : tensor<2xf32>} : tensor<2xf32>
  %0 = graph._FusedConv2D %x, %w, %s, %c, %c, %v {data_format = "NCHW", epsilon = 1.0 : f32, fused_ops = ["FusedBatchNorm", "LeakyRelu"], leakyrelu_alpha = 0.1 : f32, num_args = 4 : i64, padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x3x4x4xf32>, tensor<1x1x3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32> loc("fc")
  %1 = graph.FusedDepthwiseConv2dNative %xh, %dw, %c3, %c3 {fused_ops = ["BiasAdd", "Prelu"], num_args = 2 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x4x4x3xf32>, tensor<3x3x3x1xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32> loc("fdw")
  return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x4x4x3xf32>
}

// RUN: graph-opt %s -graph-to-linalg -split-input-file -verify-diagnostics
// What the NN family's patterns (NNPatterns.cpp) decline, each reported up
// front with the node and the reason.

func.func @convolutions(%x: tensor<1x5x5x4xi32>, %w: tensor<3x3x4x1xi32>, %xf: tensor<1x5x5x4xf32>, %wf: tensor<3x3x4x1xf32>, %s: tensor<4xi32>, %g: tensor<1x3x3x4xf32>, %bw: tensor<3x3x2x4xf32>) -> (tensor<1x3x3x4xi32>, tensor<1x3x3x4xf32>, tensor<1x5x5x4xf32>) {
  // expected-error @unknown {{node 'dw_int': cannot lower DepthwiseConv2dNative: element type i32 is not supported (floating-point only)}}
  %0 = graph.DepthwiseConv2dNative %x, %w {padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x5x5x4xi32>, tensor<3x3x4x1xi32>) -> tensor<1x3x3x4xi32> loc("dw_int")
  // expected-error @unknown {{node 'dw_batch_stride': cannot lower DepthwiseConv2dNative: strides and dilations over batch or channels must be 1}}
  %1 = graph.DepthwiseConv2dNative %xf, %wf {padding = "VALID", strides = [2, 1, 1, 1]} : (tensor<1x5x5x4xf32>, tensor<3x3x4x1xf32>) -> tensor<1x3x3x4xf32> loc("dw_batch_stride")
  // expected-error @unknown {{node 'deconv_grouped': cannot lower Conv2DBackpropInput: grouped convolution (filter in-channels 2, input channels 4) is not supported}}
  %2 = graph.Conv2DBackpropInput %s, %bw, %g {padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x5x5x4xf32> loc("deconv_grouped")
  return %0, %1, %2 : tensor<1x3x3x4xi32>, tensor<1x3x3x4xf32>, tensor<1x5x5x4xf32>
}

// -----

func.func @explicit_channel_padding(%x: tensor<1x5x5x4xf32>, %w: tensor<3x3x4x1xf32>) -> tensor<1x3x3x4xf32> {
  // expected-error @unknown {{node 'dw_pad_c': cannot lower DepthwiseConv2dNative: explicit padding of batch or channels is not supported}}
  %0 = graph.DepthwiseConv2dNative %x, %w {explicit_paddings = [0, 0, 0, 0, 0, 0, 1, 1], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<1x5x5x4xf32>, tensor<3x3x4x1xf32>) -> tensor<1x3x3x4xf32> loc("dw_pad_c")
  return %0 : tensor<1x3x3x4xf32>
}

// -----

func.func @batch_matmul_mixed(%x: tensor<2x3x4xi8>) -> tensor<2x3x3xi32> {
  // expected-error @unknown {{node 'bmm_i8': cannot lower BatchMatMulV3: operands and result of different element types are not supported}}
  %0 = graph.BatchMatMulV3 %x, %x {adj_y = true} : (tensor<2x3x4xi8>, tensor<2x3x4xi8>) -> tensor<2x3x3xi32> loc("bmm_i8")
  return %0 : tensor<2x3x3xi32>
}

// -----

func.func @batch_norm(%x: tensor<1x2x2x2xi32>, %c: tensor<2xi32>, %e: tensor<0x2x2x2xf32>, %f: tensor<2xf32>) -> (tensor<1x2x2x2xi32>, tensor<0x2x2x2xf32>) {
  // expected-error @unknown {{node 'bn_int': cannot lower FusedBatchNorm: element type i32 is not supported (floating-point only)}}
  %0:5 = graph.FusedBatchNorm %x, %c, %c, %c, %c : (tensor<1x2x2x2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> (tensor<1x2x2x2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) loc("bn_int")
  // expected-error @unknown {{node 'bn_empty': cannot lower FusedBatchNormV2: an empty x is not supported}}
  %1:5 = graph.FusedBatchNormV2 %e, %f, %f, %f, %f : (tensor<0x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<0x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) loc("bn_empty")
  return %0#0, %1#0 : tensor<1x2x2x2xi32>, tensor<0x2x2x2xf32>
}

// -----

func.func @prelu_int(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @unknown {{node 'prelu_int': cannot lower Prelu: element type i32 is not supported (floating-point only)}}
  %0 = graph.Prelu %x, %x : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32> loc("prelu_int")
  return %0 : tensor<4xi32>
}

// -----

// Fused ops: an op graphc does not know, args of the wrong shape.

func.func @fused(%x: tensor<1x4x4x3xf32>, %w: tensor<1x1x3x2xf32>, %b: tensor<2xf32>, %b3: tensor<3xf32>, %side: tensor<1x4x4x1xf32>, %alpha: tensor<3xf32>, %a: tensor<2x3xf32>, %m: tensor<3x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<2x2xf32>) {
  // expected-error @unknown {{node 'swish': cannot lower _FusedConv2D: unsupported fused op '_MklSwish'}}
  %0 = graph._FusedConv2D %x, %w, %b {fused_ops = ["BiasAdd", "_MklSwish"], num_args = 1 : i64, padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x4x4x3xf32>, tensor<1x1x3x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32> loc("swish")
  // expected-error @unknown {{node 'bias3': cannot lower _FusedConv2D: fused BiasAdd needs 1 1-D arg(s) of 2 elements}}
  %1 = graph._FusedConv2D %x, %w, %b3 {fused_ops = ["BiasAdd"], num_args = 1 : i64, padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x4x4x3xf32>, tensor<1x1x3x2xf32>, tensor<3xf32>) -> tensor<1x4x4x2xf32> loc("bias3")
  // expected-error @unknown {{node 'add_side': cannot lower _FusedConv2D: fused Add needs an arg of the result type tensor<1x4x4x2xf32>}}
  %2 = graph._FusedConv2D %x, %w, %b, %side {fused_ops = ["BiasAdd", "Add"], num_args = 2 : i64, padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x4x4x3xf32>, tensor<1x1x3x2xf32>, tensor<2xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> loc("add_side")
  // expected-error @unknown {{node 'prelu3': cannot lower _FusedConv2D: fused Prelu alpha does not broadcast to tensor<1x4x4x2xf32>}}
  %3 = graph._FusedConv2D %x, %w, %b, %alpha {fused_ops = ["BiasAdd", "Prelu"], num_args = 2 : i64, padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x4x4x3xf32>, tensor<1x1x3x2xf32>, tensor<2xf32>, tensor<3xf32>) -> tensor<1x4x4x2xf32> loc("prelu3")
  // expected-error @unknown {{node 'bn3': cannot lower _FusedMatMul: fused FusedBatchNorm needs 4 1-D arg(s) of 2 elements}}
  %4 = graph._FusedMatMul %a, %m, %b, %b, %b3, %b {fused_ops = ["FusedBatchNorm"], num_args = 4 : i64} : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x2xf32> loc("bn3")
  return %0, %1, %2, %3, %4 : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<2x2xf32>
}

// -----

// AvgPool's table of window sizes is bounded (kMaxLoweringTable, 2^20
// positions).
func.func @avg_pool_huge(%x: tensor<1x2048x1024x1xf32>) -> tensor<1x2048x1024x1xf32> {
  // expected-error @unknown {{node 'avg': cannot lower AvgPool: an output of 2048 x 1024 positions: graphc's table of window sizes holds at most 1048576}}
  %0 = graph.AvgPool %x {ksize = [1, 3, 3, 1], strides = [1, 1, 1, 1], padding = "SAME"} : (tensor<1x2048x1024x1xf32>) -> tensor<1x2048x1024x1xf32> loc("avg")
  return %0 : tensor<1x2048x1024x1xf32>
}

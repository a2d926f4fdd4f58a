// RUN: graph-opt %s -split-input-file -verify-diagnostics
// Every verifier rule of the NN family (GraphNNOps.cpp).

func.func @depthwise_format(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>) {
  // expected-error @+1 {{unsupported data_format 'NDHWC' (expected NHWC or NCHW)}}
  %0 = graph.DepthwiseConv2dNative %x, %w {data_format = "NDHWC", padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthwise_strides(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>) {
  // expected-error @+1 {{attr 'strides' must have 4 values, got 2}}
  %0 = graph.DepthwiseConv2dNative %x, %w {padding = "SAME", strides = [1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthwise_dilations(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>) {
  // expected-error @+1 {{attr 'dilations' values must be positive integers}}
  %0 = graph.DepthwiseConv2dNative %x, %w {dilations = [1, 0, 1, 1], padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthwise_padding(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>) {
  // expected-error @+1 {{unsupported padding 'FULL'}}
  %0 = graph.DepthwiseConv2dNative %x, %w {padding = "FULL", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthwise_explicit(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>) {
  // expected-error @+1 {{padding EXPLICIT needs 8 explicit_paddings, got 4}}
  %0 = graph.DepthwiseConv2dNative %x, %w {explicit_paddings = [1, 1, 1, 1], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthwise_negative_pad(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>) {
  // expected-error @+1 {{explicit_paddings must be non-negative integers}}
  %0 = graph.DepthwiseConv2dNative %x, %w {explicit_paddings = [0, 0, -1, 1, 1, 1, 0, 0], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthwise_rank(%x: tensor<8x8x3xf32>, %w: tensor<3x3x3x1xf32>) {
  // expected-error @+1 {{input and filter must be 4-D}}
  %0 = graph.DepthwiseConv2dNative %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<8x8x3xf32>, tensor<3x3x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthwise_channels(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x4x1xf32>) {
  // expected-error @+1 {{filter in-channels (4) do not match the input channels (3)}}
  %0 = graph.DepthwiseConv2dNative %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x4x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @backprop_sizes(%s: tensor<3xi32>, %w: tensor<3x3x4x3xf32>, %g: tensor<1x4x4x3xf32>) {
  // expected-error @+1 {{input_sizes must be a 4-element vector, got 'tensor<3xi32>'}}
  %0 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<3xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @backprop_sizes_type(%s: tensor<4xi64>, %w: tensor<3x3x4x3xf32>, %g: tensor<1x4x4x3xf32>) {
  // expected-error @+1 {{input_sizes must be int32}}
  %0 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi64>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @backprop_channels(%s: tensor<4xi32>, %w: tensor<3x3x4x3xf32>, %g: tensor<1x4x4x5xf32>) {
  // expected-error @+1 {{filter out-channels (3) do not match out_backprop's channels (5)}}
  %0 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @backprop_result_rank(%s: tensor<4xi32>, %w: tensor<3x3x4x3xf32>, %g: tensor<1x4x4x3xf32>) {
  // expected-error @+1 {{result must be 4-D}}
  %0 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @backprop_negative(%w: tensor<3x3x4x3xf32>, %g: tensor<1x4x4x3xf32>) {
  %s = graph.Const {value = dense<[1, -8, 8, 4]> : tensor<4xi32>} : tensor<4xi32>
  // expected-error @+1 {{input_sizes must be non-negative}}
  %0 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x4x4x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @backprop_forward_shape(%w: tensor<3x3x4x3xf32>, %g: tensor<1x5x4x3xf32>) {
  %s = graph.Const {value = dense<[1, 8, 8, 4]> : tensor<4xi32>} : tensor<4xi32>
  // expected-error @+1 {{out_backprop 'tensor<1x5x4x3xf32>' is not the output of the forward convolution of input_sizes, which is 'tensor<1x4x4x3xf32>'}}
  %0 = graph.Conv2DBackpropInput %s, %w, %g {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<4xi32>, tensor<3x3x4x3xf32>, tensor<1x5x4x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @batch_matmul_rank(%x: tensor<4xf32>, %y: tensor<4x5xf32>) {
  // expected-error @+1 {{operands must have rank >= 2}}
  %0 = graph.BatchMatMulV2 %x, %y : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @batch_matmul_inner(%x: tensor<2x3x4xf32>, %y: tensor<2x3x5xf32>) {
  // expected-error @+1 {{inner dimensions differ: 'tensor<2x3x4xf32>' x 'tensor<2x3x5xf32>' (adj_x=0, adj_y=0)}}
  %0 = graph.BatchMatMulV2 %x, %y : (tensor<2x3x4xf32>, tensor<2x3x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @batch_matmul_no_broadcast(%x: tensor<2x3x4xf32>, %y: tensor<1x4x5xf32>) {
  // expected-error @+1 {{batch dims of 'tensor<2x3x4xf32>' and 'tensor<1x4x5xf32>' differ (BatchMatMul does not broadcast)}}
  %0 = graph.BatchMatMul %x, %y : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @batch_matmul_broadcast(%x: tensor<2x3x4xf32>, %y: tensor<3x4x5xf32>) {
  // expected-error @+1 {{batch dims of 'tensor<2x3x4xf32>' and 'tensor<3x4x5xf32>' are not broadcast-compatible}}
  %0 = graph.BatchMatMulV2 %x, %y : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @batch_matmul_types(%x: tensor<2x3x4xf32>, %y: tensor<2x4x5xf16>) {
  // expected-error @+1 {{failed to verify that all of {x, y, output} have same element type}}
  %0 = graph.BatchMatMulV2 %x, %y : (tensor<2x3x4xf32>, tensor<2x4x5xf16>) -> tensor<*xf32>
  return
}

// -----

func.func @batch_norm_format(%x: tensor<1x4x4x2xf32>, %c: tensor<2xf32>) {
  // expected-error @+1 {{unsupported data_format 'NDHWC' (expected NHWC or NCHW)}}
  %0:5 = graph.FusedBatchNorm %x, %c, %c, %c, %c {data_format = "NDHWC"} : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @batch_norm_rank(%x: tensor<1x4x4x2xf32>, %c: tensor<2xf32>) {
  // expected-error @+1 {{x must be 5-D for data_format 'NDHWC', got 'tensor<1x4x4x2xf32>'}}
  %0:5 = graph.FusedBatchNormV2 %x, %c, %c, %c, %c {data_format = "NDHWC"} : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @batch_norm_stats_rank(%x: tensor<1x4x4x2xf32>, %c: tensor<2xf32>, %o: tensor<1x2xf32>) {
  // expected-error @+1 {{offset must be 1-D, got 'tensor<1x2xf32>'}}
  %0:5 = graph.FusedBatchNorm %x, %c, %o, %c, %c : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @batch_norm_scale(%x: tensor<1x4x4x2xf32>, %c: tensor<2xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{scale has 3 elements but x has 2 channels}}
  %0:5 = graph.FusedBatchNorm %x, %s, %c, %c, %c : (tensor<1x4x4x2xf32>, tensor<3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @batch_norm_inference_stats(%x: tensor<1x4x4x2xf32>, %c: tensor<2xf32>, %e: tensor<0xf32>) {
  // expected-error @+1 {{mean has 0 elements but x has 2 channels (is_training=false)}}
  %0:5 = graph.FusedBatchNorm %x, %c, %c, %e, %c {is_training = false} : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<0xf32>, tensor<2xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @batch_norm_average_stats(%x: tensor<1x2x4x4xf32>, %c: tensor<2xf32>, %e: tensor<0xf32>) {
  // expected-error @+1 {{variance has 0 elements but x has 2 channels (exponential_avg_factor != 1)}}
  %0:6 = graph.FusedBatchNormV3 %x, %c, %c, %c, %e {data_format = "NCHW", exponential_avg_factor = 0.5 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<0xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @prelu_alpha(%x: tensor<1x4x4x2xf32>, %a: tensor<3xf32>) {
  // expected-error @+1 {{alpha 'tensor<3xf32>' does not broadcast to the shape of x 'tensor<1x4x4x2xf32>'}}
  %0 = graph.Prelu %x, %a : (tensor<1x4x4x2xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @prelu_alpha_rank(%x: tensor<4x2xf32>, %a: tensor<1x4x2xf32>) {
  // expected-error @+1 {{alpha 'tensor<1x4x2xf32>' does not broadcast to the shape of x 'tensor<4x2xf32>'}}
  %0 = graph.Prelu %x, %a : (tensor<4x2xf32>, tensor<1x4x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_num_args(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{has 1 args but num_args is 2}}
  %0 = graph._FusedConv2D %x, %w, %b {fused_ops = ["BiasAdd"], num_args = 2 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_args_used(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{fused_ops ["FusedBatchNorm", "Relu"] take 4 args but num_args is 1}}
  %0 = graph._FusedConv2D %x, %w, %b {fused_ops = ["FusedBatchNorm", "Relu"], num_args = 1 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_filter_format(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{unsupported filter_format 'OIHW' (expected HWIO)}}
  %0 = graph._FusedConv2D %x, %w, %b {filter_format = "OIHW", fused_ops = ["BiasAdd"], num_args = 1 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_conv_window(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{unsupported padding 'FULL'}}
  %0 = graph._FusedConv2D %x, %w, %b {fused_ops = ["BiasAdd"], num_args = 1 : i64, padding = "FULL", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_depthwise_channels(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x2x1xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{filter in-channels (2) do not match the input channels (3)}}
  %0 = graph.FusedDepthwiseConv2dNative %x, %w, %b {fused_ops = ["BiasAdd"], num_args = 1 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_depthwise_args(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{fused_ops ["BiasAdd", "Prelu"] take 2 args but num_args is 1}}
  %0 = graph.FusedDepthwiseConv2dNative %x, %w, %b {fused_ops = ["BiasAdd", "Prelu"], num_args = 1 : i64, padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x8x8x3xf32>, tensor<3x3x3x1xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_matmul_rank(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf32>) {
  // expected-error @+1 {{operands must be 2-D}}
  %0 = graph._FusedMatMul %a, %b, %c {fused_ops = ["BiasAdd"], num_args = 1 : i64} : (tensor<2x3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_matmul_inner(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf32>) {
  // expected-error @+1 {{inner dimensions differ: 'tensor<2x3xf32>' x 'tensor<4x5xf32>' (transpose_a=0, transpose_b=0)}}
  %0 = graph._FusedMatMul %a, %b, %c {fused_ops = ["BiasAdd"], num_args = 1 : i64} : (tensor<2x3xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @fused_matmul_negative(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{attr 'num_args' must be >= 0}}
  %0 = graph._FusedMatMul %a, %b {num_args = -1 : i64} : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @einsum_no_arrow(%x: tensor<2x3xf32>, %y: tensor<3x4xf32>) {
  // expected-error @+1 {{equation 'ab,bc' has no '->'}}
  %0 = graph.Einsum %x, %y {equation = "ab,bc"} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @einsum_ellipsis(%x: tensor<2x3xf32>, %y: tensor<3x4xf32>) {
  // expected-error @+1 {{ellipsis (broadcast dims) is not supported}}
  %0 = graph.Einsum %x, %y {equation = "...b,bc->...c"} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @einsum_sizes(%x: tensor<2x3xf32>, %y: tensor<4x5xf32>) {
  // expected-error @+1 {{equation 'ab,bc->ac': label 'b' has size 3 and 4}}
  %0 = graph.Einsum %x, %y {equation = "ab,bc->ac"} : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @einsum_rank(%x: tensor<2x3x4xf32>, %y: tensor<3x4xf32>) {
  // expected-error @+1 {{operand 0 has rank 3, the equation gives it 2 labels}}
  %0 = graph.Einsum %x, %y {equation = "ab,bc->ac"} : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @einsum_output_label(%x: tensor<2x3xf32>, %y: tensor<3x4xf32>) {
  // expected-error @+1 {{output label 'z' is not a label of an operand, or repeats}}
  %0 = graph.Einsum %x, %y {equation = "ab,bc->az"} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<*xf32>
  return
}

// RUN: graph-opt %s -split-input-file -verify-diagnostics
// Every verifier rule of the graph dialect.

func.func @const_type(%x: tensor<2xf32>) {
  // expected-error @+1 {{value has element type 'i32' but the result is 'f32'}}
  %0 = graph.Const {value = dense<1> : tensor<2xi32>} : tensor<2xf32>
  return
}

// -----

func.func @const_shape() {
  // expected-error @+1 {{value type 'tensor<3xf32>' does not match result type 'tensor<2xf32>'}}
  %0 = graph.Const {value = dense<1.0> : tensor<3xf32>} : tensor<2xf32>
  return
}

// -----

func.func @broadcast(%x: tensor<2x3xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{operand shapes 'tensor<2x3xf32>' and 'tensor<4xf32>' are not broadcast-compatible}}
  %0 = graph.AddV2 %x, %y : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @element_types(%x: tensor<2xf32>, %y: tensor<2xi32>) {
  // expected-error @+1 {{failed to verify that all of {x, y, z} have same element type}}
  %0 = graph.Mul %x, %y : (tensor<2xf32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @matmul_inner(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{inner dimensions differ: 'tensor<2x3xf32>' x 'tensor<4x5xf32>' (transpose_a=0, transpose_b=0)}}
  %0 = graph.MatMul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @matmul_rank(%a: tensor<2xf32>, %b: tensor<2x5xf32>) {
  // expected-error @+1 {{operands must be 2-D}}
  %0 = graph.MatMul %a, %b : (tensor<2xf32>, tensor<2x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @bias_rank(%x: tensor<2x3xf32>, %b: tensor<1x3xf32>) {
  // expected-error @+1 {{bias must be 1-D, got rank 2}}
  %0 = graph.BiasAdd %x, %b : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @bias_channels(%x: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{bias has 4 elements but the value has 3 channels}}
  %0 = graph.BiasAdd %x, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @bias_format(%x: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{unsupported data_format 'NDHWC' (expected NHWC or NCHW)}}
  %0 = graph.BiasAdd %x, %b {data_format = "NDHWC"} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_padding(%x: tensor<1x4x4x2xf32>, %f: tensor<3x3x2x4xf32>) {
  // expected-error @+1 {{unsupported padding 'FULL'}}
  %0 = graph.Conv2D %x, %f {padding = "FULL", strides = [1, 1, 1, 1]} : (tensor<1x4x4x2xf32>, tensor<3x3x2x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_strides(%x: tensor<1x4x4x2xf32>, %f: tensor<3x3x2x4xf32>) {
  // expected-error @+1 {{attr 'strides' must have 4 values, got 2}}
  %0 = graph.Conv2D %x, %f {padding = "SAME", strides = [1, 1]} : (tensor<1x4x4x2xf32>, tensor<3x3x2x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_explicit(%x: tensor<1x4x4x2xf32>, %f: tensor<3x3x2x4xf32>) {
  // expected-error @+1 {{padding EXPLICIT needs 8 explicit_paddings, got 2}}
  %0 = graph.Conv2D %x, %f {padding = "EXPLICIT", explicit_paddings = [1, 1], strides = [1, 1, 1, 1]} : (tensor<1x4x4x2xf32>, tensor<3x3x2x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<4x4x2xf32>, %f: tensor<3x3x2x4xf32>) {
  // expected-error @+1 {{input and filter must be 4-D}}
  %0 = graph.Conv2D %x, %f {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<4x4x2xf32>, tensor<3x3x2x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @pool_ksize(%x: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{attr 'ksize' values must be positive integers}}
  %0 = graph.MaxPool %x {ksize = [1, 0, 2, 1], strides = [1, 2, 2, 1], padding = "VALID"} : (tensor<1x4x4x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @pool_padding(%x: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{unsupported padding 'EXPLICIT'}}
  %0 = graph.AvgPool %x {ksize = [1, 2, 2, 1], strides = [1, 2, 2, 1], padding = "EXPLICIT"} : (tensor<1x4x4x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>, %s: tensor<2xi32>) {
  // expected-error @+1 {{cannot reshape 'tensor<2x3xf32>' (6 elements) to 'tensor<4x2xf32>'}}
  %0 = graph.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @reshape_shape(%x: tensor<2x3xf32>, %s: tensor<2xf32>) {
  // expected-error @+1 {{shape operand must be int32 or int64}}
  %0 = graph.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @identity_n(%x: tensor<2xf32>) {
  // expected-error @+1 {{has 1 inputs but 2 outputs}}
  %0:2 = graph.IdentityN %x : (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}

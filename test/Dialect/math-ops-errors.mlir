// RUN: graph-opt %s -split-input-file -verify-diagnostics
// Every verifier rule of the math family (GraphMathOps.cpp).

func.func @binary_broadcast(%x: tensor<2x3xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{operand shapes 'tensor<2x3xf32>', 'tensor<4xf32>' are not broadcast-compatible}}
  %0 = graph.Maximum %x, %y : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @binary_types(%x: tensor<2xf32>, %y: tensor<2xi32>) {
  // expected-error @+1 {{failed to verify that all of {x, y, z} have same element type}}
  %0 = graph.Pow %x, %y : (tensor<2xf32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @compare_broadcast(%x: tensor<2x3xf32>, %y: tensor<2xf32>) {
  // expected-error @+1 {{operand shapes 'tensor<2x3xf32>', 'tensor<2xf32>' are not broadcast-compatible}}
  %0 = graph.Equal %x, %y : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<*xi1>
  return
}

// -----

func.func @compare_bool(%x: tensor<2xi1>) {
  // expected-error @+1 {{is not defined on bool operands}}
  %0 = graph.Less %x, %x : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  return
}

// -----

func.func @compare_result(%x: tensor<2xf32>) {
  // expected-error @+1 {{result #0 must be tensor of 1-bit signless integer values}}
  %0 = graph.Greater %x, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @addn_empty() {
  // expected-error @+1 {{needs at least one input}}
  %0 = graph.AddN : () -> tensor<2xf32>
  return
}

// -----

func.func @addn_types(%x: tensor<2xf32>, %y: tensor<2xf16>) {
  // expected-error @+1 {{input element type 'f16' differs from the result's 'f32'}}
  %0 = graph.AddN %x, %y : (tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return
}

// -----

func.func @addn_shapes(%x: tensor<2xf32>, %y: tensor<3xf32>) {
  // expected-error @+1 {{inputs and result must have the same shape}}
  %0 = graph.AddN %x, %y : (tensor<2xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @select_data(%c: tensor<2xi1>, %t: tensor<2x3xf32>, %e: tensor<2x4xf32>) {
  // expected-error @+1 {{t and e must have the same shape, got 'tensor<2x3xf32>' and 'tensor<2x4xf32>'}}
  %0 = graph.Select %c, %t, %e : (tensor<2xi1>, tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @select_rows(%c: tensor<3xi1>, %t: tensor<2x3xf32>) {
  // expected-error @+1 {{a 1-D condition must match dim 0 of t: 'tensor<3xi1>' vs 'tensor<2x3xf32>'}}
  %0 = graph.Select %c, %t, %t : (tensor<3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

// (A scalar condition is valid: TF's SelectOp picks t or e whole.)
func.func @select_condition_shape(%c: tensor<2x2xi1>, %t: tensor<2x3xf32>) {
  // expected-error @+1 {{condition must have the shape of t, or be 1-D matching its dim 0: 'tensor<2x2xi1>' vs 'tensor<2x3xf32>'}}
  %0 = graph.Select %c, %t, %t : (tensor<2x2xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @select_condition_type(%c: tensor<2xf32>, %t: tensor<2xf32>) {
  // expected-error @+1 {{operand #0 must be tensor of 1-bit signless integer values}}
  %0 = graph.Select %c, %t, %t : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @select_v2(%c: tensor<4xi1>, %t: tensor<2x3xf32>) {
  // expected-error @+1 {{operand shapes 'tensor<4xi1>', 'tensor<2x3xf32>', 'tensor<2x3xf32>' are not broadcast-compatible}}
  %0 = graph.SelectV2 %c, %t, %t : (tensor<4xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @cast_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result shape must be the operand's: 'tensor<2x3xf32>' vs 'tensor<3x2xi32>'}}
  %0 = graph.Cast %x : (tensor<2x3xf32>) -> tensor<3x2xi32>
  return
}

// -----

func.func @reduction_indices_type(%x: tensor<2x3xf32>, %axes: tensor<1xf32>) {
  // expected-error @+1 {{reduction_indices must be int32 or int64, got 'f32'}}
  %0 = graph.Sum %x, %axes : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @reduction_indices_rank(%x: tensor<2x3xf32>, %axes: tensor<1x1xi32>) {
  // expected-error @+1 {{reduction_indices must be a scalar or 1-D, got 'tensor<1x1xi32>'}}
  %0 = graph.Max %x, %axes : (tensor<2x3xf32>, tensor<1x1xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @argmax_dimension(%x: tensor<2x3xf32>, %d: tensor<2xi32>) {
  // expected-error @+1 {{dimension must be a scalar (or a 1-element vector), got 'tensor<2xi32>'}}
  %0 = graph.ArgMax %x, %d : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<*xi64>
  return
}

// -----

func.func @argmax_dimension_type(%x: tensor<2x3xf32>, %d: tensor<f32>) {
  // expected-error @+1 {{dimension must be int32 or int64, got 'f32'}}
  %0 = graph.ArgMin %x, %d : (tensor<2x3xf32>, tensor<f32>) -> tensor<*xi64>
  return
}

// -----

func.func @argmax_output_type(%x: tensor<2x3xf32>, %d: tensor<i32>) {
  // expected-error @+1 {{output_type must be int16, int32 or int64, got 'f32'}}
  %0 = graph.ArgMax %x, %d : (tensor<2x3xf32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @log_softmax_rank(%x: tensor<f32>) {
  // expected-error @+1 {{logits must have rank >= 1, got 'tensor<f32>'}}
  %0 = graph.LogSoftmax %x : (tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @unary_types(%x: tensor<2xf32>) {
  // expected-error @+1 {{failed to verify that all of {x, y} have same element type}}
  %0 = graph.Exp %x : (tensor<2xf32>) -> tensor<2xf16>
  return
}

// RUN: graph-opt %s -graph-to-linalg -split-input-file -verify-diagnostics
// What the math-family patterns refuse up front, with the reason, naming the
// node (MathPatterns.cpp `check`).

func.func @float_only(%i: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @unknown {{node 'exp': cannot lower Exp: element type i32 is not supported (floating-point only)}}
  %0 = graph.Exp %i : (tensor<4xi32>) -> tensor<4xi32> loc("exp")
  return %0 : tensor<4xi32>
}

// -----

func.func @bool_arith(%b: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @unknown {{node 'max': cannot lower Maximum: element type i1 is not supported}}
  %0 = graph.Maximum %b, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1> loc("max")
  return %0 : tensor<4xi1>
}

// -----

func.func @dynamic_axes(%x: tensor<2x3xf32>, %axes: tensor<1xi32>) -> tensor<2xf32> {
  // expected-error @unknown {{node 'sum': cannot lower Sum: reduction_indices must be constants in [-rank, rank)}}
  %0 = graph.Sum %x, %axes : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2xf32> loc("sum")
  return %0 : tensor<2xf32>
}

// -----

func.func @dynamic_dimension(%x: tensor<2x3xf32>, %d: tensor<i32>) -> tensor<2xi64> {
  // expected-error @unknown {{node 'argmax': cannot lower ArgMax: dimension must be a constant in [-rank, rank)}}
  %0 = graph.ArgMax %x, %d : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xi64> loc("argmax")
  return %0 : tensor<2xi64>
}

// -----

func.func @bool_reduction(%b: tensor<4xi1>) -> tensor<i1> {
  %a = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32> loc("a")
  // expected-error @unknown {{node 'any': cannot lower Max: element type i1 is not supported}}
  %0 = graph.Max %b, %a : (tensor<4xi1>, tensor<i32>) -> tensor<i1> loc("any")
  return %0 : tensor<i1>
}

// RUN: graph-opt %s -split-input-file -graph-infer-shapes -verify-diagnostics
// Shape-function errors of the math family: axes out of range, and a
// broadcast that only fails once shapes are known.

func.func @sum_axis(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{reduction index 2 is out of range for rank 2}}
  %0 = graph.Sum %x, %a : (tensor<2x3xf32>, tensor<i32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @argmax_dimension(%x: tensor<2x3xf32>) -> tensor<*xi64> {
  %d = graph.Const {value = dense<-3> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{dimension -3 is out of range for rank 2}}
  %0 = graph.ArgMax %x, %d : (tensor<2x3xf32>, tensor<i32>) -> tensor<*xi64>
  return %0 : tensor<*xi64>
}

// -----

func.func @compare_late(%x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<*xi1> {
  %0 = graph.Exp %y : (tensor<4xf32>) -> tensor<*xf32>
  // expected-error @+1 {{operand shapes 'tensor<2x3xf32>' and 'tensor<4xf32>' are not broadcast-compatible}}
  %1 = graph.Less %x, %0 : (tensor<2x3xf32>, tensor<*xf32>) -> tensor<*xi1>
  return %1 : tensor<*xi1>
}

// -----

func.func @select_v2_late(%c: tensor<3xi1>, %x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<*xf32> {
  %0 = graph.Exp %y : (tensor<4xf32>) -> tensor<*xf32>
  // expected-error @+1 {{operand shapes 'tensor<3xi1>', 'tensor<2x3xf32>', 'tensor<4xf32>' are not broadcast-compatible}}
  %1 = graph.SelectV2 %c, %x, %0 : (tensor<3xi1>, tensor<2x3xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

// RUN: graph-opt %s -split-input-file -graph-simplify -verify-diagnostics
// Range's size rule rejects what TF's kernel rejects.

func.func @range_zero_delta() -> tensor<*xi32> {
  %c0 = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %c5 = graph.Const {value = dense<5> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{delta must not be 0}}
  %0 = graph.Range %c0, %c5, %c0 : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

// -----

func.func @range_wrong_direction() -> tensor<*xi32> {
  %c0 = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %c5 = graph.Const {value = dense<5> : tensor<i32>} : tensor<i32>
  %c1 = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{start 5 and limit 0 are inconsistent with delta 1}}
  %0 = graph.Range %c5, %c0, %c1 : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<*xi32>
  return %0 : tensor<*xi32>
}

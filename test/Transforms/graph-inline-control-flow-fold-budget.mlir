// RUN: graph-opt %s -split-input-file -graph-inline-control-flow=max-fold-bytes=40 -verify-diagnostics
// The folded-bytes budget: each iteration folds the loop's [4 x i32] value
// plus one into a new 16-byte dense constant (scalars and splats cost
// nothing); the third passes max-fold-bytes=40.
func.func private @cond(%i: tensor<i32>, %v: tensor<4xi32>) -> tensor<*xi1> {
  %n = graph.Const {value = dense<3> : tensor<i32>} : tensor<i32>
  %c = graph.Less %i, %n : (tensor<i32>, tensor<i32>) -> tensor<*xi1>
  return %c : tensor<*xi1>
}
func.func private @body(%i: tensor<i32>, %v: tensor<4xi32>) -> (tensor<*xi32>, tensor<*xi32>) {
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %j = graph.AddV2 %i, %one : (tensor<i32>, tensor<i32>) -> tensor<*xi32>
  %w = graph.AddV2 %v, %one : (tensor<4xi32>, tensor<i32>) -> tensor<*xi32>
  return %j, %w : tensor<*xi32>, tensor<*xi32>
}
func.func @fold_budget() -> tensor<*xi32> {
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %v = graph.Const {value = dense<[1, 2, 3, 4]> : tensor<4xi32>} : tensor<4xi32>
  // expected-error @+1 {{unrolling the loop folds more bytes of constants than allowed (max-fold-bytes)}}
  %r:2 = "graph.While"(%zero, %v) {body = @body, cond = @cond} : (tensor<i32>, tensor<4xi32>) -> (tensor<*xi32>, tensor<*xi32>)
  return %r#1 : tensor<*xi32>
}

// -----

// Two iterations (32 bytes) fit.
func.func private @cond(%i: tensor<i32>, %v: tensor<4xi32>) -> tensor<*xi1> {
  %n = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  %c = graph.Less %i, %n : (tensor<i32>, tensor<i32>) -> tensor<*xi1>
  return %c : tensor<*xi1>
}
func.func private @body(%i: tensor<i32>, %v: tensor<4xi32>) -> (tensor<*xi32>, tensor<*xi32>) {
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %j = graph.AddV2 %i, %one : (tensor<i32>, tensor<i32>) -> tensor<*xi32>
  %w = graph.AddV2 %v, %one : (tensor<4xi32>, tensor<i32>) -> tensor<*xi32>
  return %j, %w : tensor<*xi32>, tensor<*xi32>
}
func.func @fits() -> tensor<*xi32> {
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %v = graph.Const {value = dense<[1, 2, 3, 4]> : tensor<4xi32>} : tensor<4xi32>
  %r:2 = "graph.While"(%zero, %v) {body = @body, cond = @cond} : (tensor<i32>, tensor<4xi32>) -> (tensor<*xi32>, tensor<*xi32>)
  return %r#1 : tensor<*xi32>
}

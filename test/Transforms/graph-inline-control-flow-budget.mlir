// RUN: graph-opt %s -graph-inline-control-flow=max-ops=5 -verify-diagnostics
// The op budget: three iterations clone 14 ops (the condition, 2 ops, four
// times; the body, 2 ops, three times), more than max-ops=5 allows.
func.func private @cond(%i: tensor<i32>) -> tensor<*xi1> {
  %n = graph.Const {value = dense<3> : tensor<i32>} : tensor<i32>
  %c = graph.Less %i, %n : (tensor<i32>, tensor<i32>) -> tensor<*xi1>
  return %c : tensor<*xi1>
}
func.func private @body(%i: tensor<i32>) -> tensor<*xi32> {
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %j = graph.AddV2 %i, %one : (tensor<i32>, tensor<i32>) -> tensor<*xi32>
  return %j : tensor<*xi32>
}
func.func @budget() -> tensor<*xi32> {
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{unrolling the loop clones more ops than allowed (max-ops)}}
  %r = "graph.While"(%zero) {body = @body, cond = @cond} : (tensor<i32>) -> tensor<*xi32>
  return %r : tensor<*xi32>
}


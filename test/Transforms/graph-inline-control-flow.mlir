// RUN: graph-opt %s -split-input-file -graph-inline-control-flow -verify-diagnostics -mlir-print-debuginfo -mlir-print-local-scope | FileCheck %s
// graph-inline-control-flow: a While whose condition folds on the loop values is
// replaced by copies of its body (3 here: i = 0, 1, 2 < 3), each named
// LOOP/iteration_K/NODE; the counter folds as it is cloned; the loop
// functions are erased.

// CHECK-LABEL: func.func @three_steps
// CHECK: %[[A:.*]] = graph.Mul %arg0, %arg0 {{.*}} loc("loop/iteration_0/square"
// CHECK: %[[B:.*]] = graph.Mul %[[A]], %[[A]] {{.*}} loc("loop/iteration_1/square"
// CHECK: %[[C:.*]] = graph.Mul %[[B]], %[[B]] {{.*}} loc("loop/iteration_2/square"
// CHECK-NOT: graph.Mul
// CHECK: return %[[C]]
// CHECK-NOT: graph.While
// CHECK-NOT: func.func private
func.func private @cond(%i: tensor<i32>, %x: tensor<*xf32>) -> tensor<*xi1> {
  %n = graph.Const {value = dense<3> : tensor<i32>} : tensor<i32> loc("cond/n")
  %c = graph.Less %i, %n : (tensor<i32>, tensor<i32>) -> tensor<*xi1> loc("cond/less")
  return %c : tensor<*xi1>
}
func.func private @body(%i: tensor<i32>, %x: tensor<*xf32>) -> (tensor<*xi32>, tensor<*xf32>) {
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32> loc("body/one")
  %j = graph.AddV2 %i, %one : (tensor<i32>, tensor<i32>) -> tensor<*xi32> loc("body/next")
  %y = graph.Mul %x, %x : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32> loc("body/square")
  return %j, %y : tensor<*xi32>, tensor<*xf32>
}
func.func @three_steps(%x: tensor<2xf32>) -> tensor<*xf32> {
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %r:2 = "graph.While"(%zero, %x) {body = @body, cond = @cond} : (tensor<i32>, tensor<2xf32>) -> (tensor<*xi32>, tensor<*xf32>) loc("loop")
  return %r#1 : tensor<*xf32>
}

// -----

// A condition on fed data has no compile-time trip count: refused.
func.func private @cond(%x: tensor<*xf32>) -> tensor<*xi1> {
  %zero = graph.Const {value = dense<0.0> : tensor<f32>} : tensor<f32>
  %c = graph.Less %x, %zero : (tensor<*xf32>, tensor<f32>) -> tensor<*xi1>
  return %c : tensor<*xi1>
}
func.func private @body(%x: tensor<*xf32>) -> tensor<*xf32> {
  %y = graph.Mul %x, %x : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}
func.func @data_dependent(%x: tensor<f32>) -> tensor<*xf32> {
  // expected-error @+1 {{the loop condition does not fold to a constant at iteration 0: graphc unrolls loops whose trip count follows from constants and the feeds' shapes}}
  %r = "graph.While"(%x) {body = @body, cond = @cond} : (tensor<f32>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

// -----

// A loop that never ends (i < 3 with i never incremented) stops at
// max-trip-count instead of cloning without end.
func.func private @cond(%i: tensor<*xi32>) -> tensor<*xi1> {
  %n = graph.Const {value = dense<3> : tensor<i32>} : tensor<i32>
  %c = graph.Less %i, %n : (tensor<*xi32>, tensor<i32>) -> tensor<*xi1>
  return %c : tensor<*xi1>
}
func.func private @body(%i: tensor<*xi32>) -> tensor<*xi32> {
  return %i : tensor<*xi32>
}
func.func @endless() -> tensor<*xi32> {
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{the loop runs more than 100000 iterations (max-trip-count)}}
  %r = "graph.While"(%zero) {body = @body, cond = @cond} : (tensor<i32>) -> tensor<*xi32>
  return %r : tensor<*xi32>
}

// -----

func.func @no_functions(%x: tensor<f32>) -> tensor<*xf32> {
  // expected-error @+1 {{While needs 'cond' and 'body' functions in the module}}
  %r = "graph.While"(%x) {body = @nowhere, cond = @nothing} : (tensor<f32>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

// -----

func.func private @cond(%i: tensor<i32>) -> tensor<i1> {
  %t = graph.Const {value = dense<true> : tensor<i1>} : tensor<i1>
  return %t : tensor<i1>
}
func.func private @body(%i: tensor<i32>, %x: tensor<f32>) -> tensor<i32> {
  return %i : tensor<i32>
}
func.func @arity(%i: tensor<i32>) -> tensor<*xi32> {
  // expected-error @+1 {{While with 1 loop values and 1 results, but cond takes 1 and body takes 2 and returns 1}}
  %r = "graph.While"(%i) {body = @body, cond = @cond} : (tensor<i32>) -> tensor<*xi32>
  return %r : tensor<*xi32>
}

// RUN: graph-opt %s -split-input-file -graph-inline-control-flow -verify-diagnostics -mlir-print-debuginfo -mlir-print-local-scope | FileCheck %s
// graph-inline-control-flow on If / StatelessIf: a constant condition
// inlines the branch it takes (IF/then/NODE or IF/else/NODE); a run-time
// bool scalar inlines both and selects each result with SelectV2; the
// branch functions are erased.

func.func private @then(%x: tensor<*xf32>) -> tensor<*xf32> {
  %y = graph.Relu %x : (tensor<*xf32>) -> tensor<*xf32> loc("then/relu")
  return %y : tensor<*xf32>
}
func.func private @else(%x: tensor<*xf32>) -> tensor<*xf32> {
  %y = graph.Neg %x : (tensor<*xf32>) -> tensor<*xf32> loc("else/neg")
  return %y : tensor<*xf32>
}

// CHECK-LABEL: func.func @constant_condition
// CHECK: %[[N:.*]] = graph.Neg %arg0 {{.*}} loc("if/else/neg"
// CHECK-NOT: graph.Relu
// CHECK: %[[R:.*]] = graph.Relu %arg0 {{.*}} loc("sif/then/relu"
// CHECK: return %[[N]], %[[R]]
func.func @constant_condition(%x: tensor<3xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %false = graph.Const {value = dense<false> : tensor<i1>} : tensor<i1>
  %0 = "graph.If"(%false, %x) {then_branch = @then, else_branch = @else} : (tensor<i1>, tensor<3xf32>) -> tensor<*xf32> loc("if")
  // TF's rule for a non-bool condition: a scalar is true when non-zero.
  %two = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  %1 = "graph.StatelessIf"(%two, %x) {then_branch = @then, else_branch = @else} : (tensor<i32>, tensor<3xf32>) -> tensor<*xf32> loc("sif")
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// CHECK-LABEL: func.func @runtime_condition
// CHECK-DAG: %[[R:.*]] = graph.Relu %arg1 {{.*}} loc("if/then/relu"
// CHECK-DAG: %[[N:.*]] = graph.Neg %arg1 {{.*}} loc("if/else/neg"
// CHECK: %[[S:.*]] = graph.SelectV2 %arg0, %[[R]], %[[N]] {{.*}} loc("if/select_0"
// CHECK: return %[[S]]
// CHECK-NOT: func.func private
func.func @runtime_condition(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<*xf32> {
  %0 = "graph.If"(%p, %x) {then_branch = @then, else_branch = @else} : (tensor<i1>, tensor<3xf32>) -> tensor<*xf32> loc("if")
  return %0 : tensor<*xf32>
}

// -----

func.func private @then(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}
func.func private @else(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}
// A run-time condition that is not a bool scalar: TF would test it for
// emptiness at run time; graphc refuses, naming the If.
func.func @vector_condition(%p: tensor<2xi1>, %x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @unknown {{the condition ('tensor<2xi1>') is not a constant and not a bool scalar; graphc selects between both branches on a run-time bool}}
  %0 = "graph.If"(%p, %x) {then_branch = @then, else_branch = @else} : (tensor<2xi1>, tensor<3xf32>) -> tensor<*xf32> loc("if")
  return %0 : tensor<*xf32>
}

// -----

func.func private @then(%x: tensor<*xf32>, %y: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}
func.func private @else(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}
func.func @arity(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @unknown {{If with 1 inputs and 1 results, but branch @then takes 2 and returns 1}}
  %0 = "graph.If"(%p, %x) {then_branch = @then, else_branch = @else} : (tensor<i1>, tensor<3xf32>) -> tensor<*xf32> loc("if")
  return %0 : tensor<*xf32>
}

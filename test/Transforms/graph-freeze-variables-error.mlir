// RUN: not graph-opt %s -split-input-file -graph-freeze-variables 2>&1 | FileCheck %s
// Node names come from NameLocs, so the messages are checked on stderr.

// A write in the fetches' path: freezing would change the results.
func.func @written(%x: tensor<f32>) -> tensor<f32> {
  %v = graph.VariableV2 : tensor<f32> loc("counter")
  %one = graph.Const {value = dense<1.0> : tensor<f32>} : tensor<f32> loc("one")
  // CHECK: error: loc("counter/AssignAdd"): variable 'counter' cannot be frozen: node 'counter/AssignAdd' (AssignAdd) writes it and the fetches depend on that write (fetch <- 'out' <- 'counter/AssignAdd')
  %inc = "graph.AssignAdd"(%v, %one) : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("counter/AssignAdd")
  %out = graph.AddV2 %x, %inc : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("out")
  return %out : tensor<f32>
}

// -----

// A write reached only through a control dependency counts too.
func.func @written_via_control(%x: tensor<f32>) -> tensor<f32> {
  %v = graph.VariableV2 : tensor<f32> loc("v")
  %c = graph.Const {value = dense<1.0> : tensor<f32>} : tensor<f32> loc("c")
  // CHECK: error: loc("v/Assign"): variable 'v' cannot be frozen: node 'v/Assign' (Assign) writes it and the fetches depend on that write (fetch <- 'y' <- 'v/Assign')
  %a = graph.Assign %v, %c : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("v/Assign")
  %y = graph.Identity %x {graph.control_inputs = ["v/Assign"]} : (tensor<f32>) -> tensor<f32> loc("y")
  return %y : tensor<f32>
}

// -----

// No checkpoint and a non-constant initializer: no value.
func.func @no_value(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: error: loc("w"): variable 'w' has no value: no constant initializer
  %w = graph.VariableV2 : tensor<2xf32> loc("w")
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32> loc("w/Initializer/shape")
  %rnd = graph.RandomUniform %shape : (tensor<1xi32>) -> tensor<2xf32> loc("w/Initializer/random")
  %a = graph.Assign %w, %rnd : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("w/Assign")
  %r = graph.Identity %w : (tensor<2xf32>) -> tensor<2xf32> loc("w/read")
  return %r : tensor<2xf32>
}

// -----

func.func @bad_value_type(%x: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: error: loc("w"): variable 'w' is declared as 'tensor<2xf32>' but its value has type 'tensor<3xf32>'
  %w = graph.VariableV2 : tensor<2xf32> loc("w")
  %c = graph.Const {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : tensor<3xf32> loc("c")
  %a = graph.Assign %w, %c {validate_shape = false} : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32> loc("w/Assign")
  %r = graph.Identity %w : (tensor<2xf32>) -> tensor<2xf32> loc("w/read")
  return %r : tensor<2xf32>
}

// -----

// Two constant assignments and neither is TF's initializer 'v/Assign': the
// value is ambiguous (the graph needs a checkpoint).
func.func @ambiguous_initializer(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: error: loc("v"): variable 'v' has 2 constant assignments ('set_a', 'set_b') and none is its initializer 'v/Assign': give its value with --checkpoint
  %v = graph.VariableV2 : tensor<f32> loc("v")
  %a = graph.Const {value = dense<1.0> : tensor<f32>} : tensor<f32> loc("a")
  %b = graph.Const {value = dense<2.0> : tensor<f32>} : tensor<f32> loc("b")
  %sa = graph.Assign %v, %a : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("set_a")
  %sb = graph.Assign %v, %b : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("set_b")
  %y = graph.Mul %x, %v : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("y")
  return %y : tensor<f32>
}

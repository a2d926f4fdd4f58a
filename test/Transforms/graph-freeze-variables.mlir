// RUN: graph-opt %s -split-input-file -graph-freeze-variables | FileCheck %s

// TF1 ref variable read through Identity(x/read), initialized by Assign.
// CHECK-LABEL: func.func @tf1_ref_variable
// CHECK: %[[C:.*]] = graph.Const {value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>} : tensor<2xf32>
// CHECK: graph.Assign
// CHECK: %[[R:.*]] = graph.Identity %[[C]]
// CHECK: %[[S:.*]] = graph.AddV2 %arg0, %[[R]]
// CHECK: return %[[S]]
func.func @tf1_ref_variable(%x: tensor<2xf32>) -> tensor<2xf32> {
  %w = graph.VariableV2 {shared_name = ""} : tensor<2xf32> loc("w")
  %init = graph.Const {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32> loc("w/Initializer/Const")
  %a = graph.Assign %w, %init : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("w/Assign")
  %r = graph.Identity %w : (tensor<2xf32>) -> tensor<2xf32> loc("w/read")
  %s = graph.AddV2 %x, %r : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("add")
  return %s : tensor<2xf32>
}

// -----

// Resource variable: VarHandleOp + AssignVariableOp + ReadVariableOp; the
// initializer goes through an Identity. The read becomes an Identity of the
// constant (TF's convert_variables_to_constants does the same).
// CHECK-LABEL: func.func @resource_variable
// CHECK-NOT: graph.ReadVariableOp
// CHECK: %[[C:.*]] = graph.Const {value = dense<3.000000e+00> : tensor<f32>} : tensor<f32>
// CHECK-NOT: graph.ReadVariableOp
// CHECK: %[[R:.*]] = graph.Identity %[[C]] {T = f32} : (tensor<f32>) -> tensor<f32>
// CHECK: graph.Mul %arg0, %[[R]]
func.func @resource_variable(%x: tensor<f32>) -> tensor<f32> {
  %h = graph.VarHandleOp {dtype = f32, shared_name = "scale"} : tensor<!graph.resource> loc("scale")
  %c = graph.Const {value = dense<3.0> : tensor<f32>} : tensor<f32> loc("scale/init")
  %i = graph.Identity %c : (tensor<f32>) -> tensor<f32> loc("scale/init/id")
  graph.AssignVariableOp %h, %i : tensor<!graph.resource>, tensor<f32> loc("scale/Assign")
  %v = graph.ReadVariableOp %h : (tensor<!graph.resource>) -> tensor<f32> loc("scale/Read")
  %m = graph.Mul %x, %v : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("mul")
  return %m : tensor<f32>
}

// -----

// A variable nothing reads needs no value and is left alone.
// CHECK-LABEL: func.func @unused_variable
// CHECK: graph.VariableV2
func.func @unused_variable(%x: tensor<f32>) -> tensor<f32> {
  %w = graph.VariableV2 : tensor<f32> loc("unused")
  return %x : tensor<f32>
}

// -----

// A TF1 program that ran `v.assign(5.0)` has a second constant Assign in
// its graph: the initializer is the one named '<variable>/Assign'
// (tf.Variable's initializer_name), not the later assignment.
// CHECK-LABEL: func.func @initializer_among_assigns
// CHECK: %[[C:.*]] = graph.Const {value = dense<2.000000e+00> : tensor<f32>} : tensor<f32>
// CHECK: graph.Mul %arg0, %[[C]]
func.func @initializer_among_assigns(%x: tensor<f32>) -> tensor<f32> {
  %v = graph.VariableV2 : tensor<f32> loc("m")
  %later = graph.Const {value = dense<5.0> : tensor<f32>} : tensor<f32> loc("Assign/value")
  %set = graph.Assign %v, %later : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("Assign")
  %init = graph.Const {value = dense<2.0> : tensor<f32>} : tensor<f32> loc("m/initial_value")
  %a = graph.Assign %v, %init : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("m/Assign")
  %y = graph.Mul %x, %v : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("y")
  return %y : tensor<f32>
}

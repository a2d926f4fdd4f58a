// RUN: graph-opt %s -graph-freeze-variables="keep-variables=scale,w" | FileCheck %s
// keep-variables: 'scale' (a resource variable) and 'w' (a ref variable)
// become inputs after the feed, in the order given, with their initial
// values as arg attrs; 'bias' is frozen as usual.
// CHECK-LABEL: func.func @kept
// CHECK-SAME:    (%[[X:[^:]*]]: tensor<2xf32> {graph.feed = "x"}, %[[S:[^:]*]]: tensor<f32> {graph.feed = "scale", graph.initial_value = dense<3.000000e+00> : tensor<f32>, graph.variable}, %[[W:[^:]*]]: tensor<2xf32> {graph.feed = "w", graph.initial_value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, graph.variable})
// CHECK-NOT:   graph.ReadVariableOp
// CHECK-DAG:   %[[B:.*]] = graph.Const {value = dense<5.000000e-01> : tensor<f32>}
// CHECK-DAG:   %[[R:.*]] = graph.Identity %[[W]]
// CHECK:       %[[M:.*]] = graph.Mul %[[X]], %[[S]]
// CHECK:       %[[A:.*]] = graph.AddV2 %[[M]], %[[R]]
// CHECK:       graph.AddV2 %[[A]], %[[B]]
func.func @kept(%x: tensor<2xf32> {graph.feed = "x"}) -> tensor<2xf32> {
  %h = graph.VarHandleOp {dtype = f32, shared_name = "scale"} : tensor<!graph.resource> loc("scale")
  %c = graph.Const {value = dense<3.0> : tensor<f32>} : tensor<f32> loc("scale/init")
  graph.AssignVariableOp %h, %c : tensor<!graph.resource>, tensor<f32> loc("scale/Assign")
  %s = graph.ReadVariableOp %h : (tensor<!graph.resource>) -> tensor<f32> loc("scale/Read")
  %w = graph.VariableV2 : tensor<2xf32> loc("w")
  %wc = graph.Const {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32> loc("w/init")
  %wa = graph.Assign %w, %wc : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("w/Assign")
  %wr = graph.Identity %w : (tensor<2xf32>) -> tensor<2xf32> loc("w/read")
  %b = graph.VariableV2 : tensor<f32> loc("bias")
  %bc = graph.Const {value = dense<0.5> : tensor<f32>} : tensor<f32> loc("bias/init")
  %ba = graph.Assign %b, %bc : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("bias/Assign")
  %m = graph.Mul %x, %s : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32> loc("mul")
  %a = graph.AddV2 %m, %wr : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("add")
  %y = graph.AddV2 %a, %b : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32> loc("y")
  return %y : tensor<2xf32>
}

// RUN: graph-opt %s -graph-prune | FileCheck %s

// Only what the return needs survives: initializers, the NoOp, an unused
// unknown op and the variable go.
// CHECK-LABEL: func.func @prune
// CHECK-NEXT: %[[C:.*]] = graph.Const
// CHECK-NEXT: %[[R:.*]] = graph.Relu %[[C]]
// CHECK-NEXT: return %[[R]]
func.func @prune() -> tensor<2xf32> {
  %w = graph.VariableV2 : tensor<2xf32> loc("w")
  %c = graph.Const {value = dense<[1.0, -2.0]> : tensor<2xf32>} : tensor<2xf32> loc("c")
  %a = graph.Assign %w, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("w/Assign")
  graph.NoOp {graph.control_inputs = ["w/Assign"]} loc("init")
  %s = "graph.SaveV2"(%w) : (tensor<2xf32>) -> tensor<2xf32> loc("save")
  %r = graph.Relu %c : (tensor<2xf32>) -> tensor<2xf32> loc("relu")
  return %r : tensor<2xf32>
}

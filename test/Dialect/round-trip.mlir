// RUN: graph-opt %s | graph-opt | FileCheck %s
// Every op of the dialect prints and parses back; unknown TF ops stay generic.

// CHECK-LABEL: func.func @all_ops
func.func @all_ops(%x: tensor<1x4x4x2xf32>, %m: tensor<2x3xf32>, %p: tensor<f32>, %b4: tensor<4xf32>) -> tensor<*xf32> {
  // CHECK: graph.Const {value = dense<1.000000e+00> : tensor<3x2xf32>} : tensor<3x2xf32>
  %w = graph.Const {value = dense<1.0> : tensor<3x2xf32>} : tensor<3x2xf32>
  // CHECK: graph.Placeholder {dtype = f32} : tensor<2xf32>
  %ph = graph.Placeholder {dtype = f32} : tensor<2xf32>
  // CHECK: graph.PlaceholderWithDefault
  %pd = graph.PlaceholderWithDefault %p : (tensor<f32>) -> tensor<f32>
  // CHECK: graph.Identity
  %i = graph.Identity %m : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.StopGradient
  %sg = graph.StopGradient %i : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Snapshot
  %sn = graph.Snapshot %i : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.IdentityN
  %in:2 = graph.IdentityN %m, %p : (tensor<2x3xf32>, tensor<f32>) -> (tensor<2x3xf32>, tensor<f32>)
  // CHECK: graph.NoOp {graph.control_inputs = ["a"]}
  graph.NoOp {graph.control_inputs = ["a"]}
  // CHECK: graph.VariableV2 {shared_name = "v"} : tensor<2xf32>
  %v = graph.VariableV2 {shared_name = "v"} : tensor<2xf32>
  // CHECK: graph.Variable : tensor<2xf32>
  %v1 = graph.Variable : tensor<2xf32>
  // CHECK: graph.VarHandleOp {dtype = f32} : tensor<!graph.resource>
  %h = graph.VarHandleOp {dtype = f32} : tensor<!graph.resource>
  // CHECK: graph.ReadVariableOp
  %r = graph.ReadVariableOp %h : (tensor<!graph.resource>) -> tensor<f32>
  // CHECK: graph.Assign {{.*}}validate_shape = false
  %a = graph.Assign %v, %ph {validate_shape = false} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  // CHECK: graph.AssignVariableOp
  graph.AssignVariableOp %h, %p : tensor<!graph.resource>, tensor<f32>
  // CHECK: graph.MatMul {{.*}}transpose_a = true
  %mm = graph.MatMul %m, %m {transpose_a = true} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  // CHECK: graph.BiasAdd {{.*}}data_format = "NCHW"
  %ba = graph.BiasAdd %x, %b4 {data_format = "NCHW"} : (tensor<1x4x4x2xf32>, tensor<4xf32>) -> tensor<*xf32>
  // CHECK: graph.Add
  %add = graph.Add %m, %p : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.AddV2
  %add2 = graph.AddV2 %m, %p : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.Sub
  %sub = graph.Sub %m, %p : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.Mul
  %mul = graph.Mul %m, %p : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.RealDiv
  %div = graph.RealDiv %m, %p : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.Relu
  %relu = graph.Relu %m : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Relu6
  %relu6 = graph.Relu6 %m : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Sigmoid
  %sig = graph.Sigmoid %m : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Tanh
  %tanh = graph.Tanh %m : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Softmax
  %sm = graph.Softmax %m : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Reshape
  %shape = graph.Const {value = dense<[3, 2]> : tensor<2xi32>} : tensor<2xi32>
  %rs = graph.Reshape %m, %shape : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  // CHECK: graph.Conv2D {{.*}}padding = "SAME"
  %f = graph.Const {value = dense<1.0> : tensor<3x3x2x4xf32>} : tensor<3x3x2x4xf32>
  %conv = graph.Conv2D %x, %f {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x4x4x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x4x4x4xf32>
  // CHECK: graph.MaxPool
  %mp = graph.MaxPool %x {ksize = [1, 2, 2, 1], strides = [1, 2, 2, 1], padding = "VALID"} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  // CHECK: graph.AvgPool
  %ap = graph.AvgPool %x {ksize = [1, 2, 2, 1], strides = [1, 2, 2, 1], padding = "SAME"} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  // CHECK: graph.Mean {{.*}}keep_dims = true
  %axes = graph.Const {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
  %mean = graph.Mean %x, %axes {keep_dims = true} : (tensor<1x4x4x2xf32>, tensor<2xi32>) -> tensor<1x1x1x2xf32>
  // CHECK: "graph.SomethingNew"(%{{.*}}) {flavor = "x"} : (tensor<2x3xf32>) -> tensor<*xf32>
  %u = "graph.SomethingNew"(%m) {flavor = "x"} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %u : tensor<*xf32>
}

// RUN: graph-opt %s -split-input-file -graph-infer-shapes | FileCheck %s

// CHECK-LABEL: func.func @mlp
// CHECK-SAME: -> tensor<1x4xf32>
// CHECK: graph.MatMul {{.*}} -> tensor<1x16xf32>
// CHECK: graph.BiasAdd {{.*}} -> tensor<1x16xf32>
// CHECK: graph.Relu {{.*}} -> tensor<1x16xf32>
// CHECK: graph.MatMul {{.*}}transpose_b = true{{.*}} -> tensor<1x4xf32>
// CHECK: graph.Softmax {{.*}} -> tensor<1x4xf32>
func.func @mlp(%x: tensor<1x8xf32>, %w1: tensor<8x16xf32>, %b1: tensor<16xf32>, %w2: tensor<4x16xf32>) -> tensor<*xf32> {
  %0 = graph.MatMul %x, %w1 : (tensor<1x8xf32>, tensor<8x16xf32>) -> tensor<*xf32>
  %1 = graph.BiasAdd %0, %b1 : (tensor<*xf32>, tensor<16xf32>) -> tensor<*xf32>
  %2 = graph.Relu %1 : (tensor<*xf32>) -> tensor<*xf32>
  %3 = graph.MatMul %2, %w2 {transpose_b = true} : (tensor<*xf32>, tensor<4x16xf32>) -> tensor<*xf32>
  %4 = graph.Softmax %3 : (tensor<*xf32>) -> tensor<*xf32>
  return %4 : tensor<*xf32>
}

// -----

// SAME and VALID windows, strides, dilations; NCHW pooling; broadcasting;
// Reshape with -1; Mean with keep_dims.
// CHECK-LABEL: func.func @conv_pool
// CHECK: graph.Conv2D {{.*}} -> tensor<1x4x4x8xf32>
// CHECK: graph.Conv2D {{.*}} -> tensor<1x3x3x8xf32>
// CHECK: graph.Conv2D {{.*}} -> tensor<1x3x3x8xf32>
// CHECK: graph.MaxPool {{.*}} -> tensor<1x8x2x2xf32>
// CHECK: graph.AddV2 {{.*}} -> tensor<1x4x4x8xf32>
// CHECK: graph.Reshape {{.*}} -> tensor<2x64xf32>
// CHECK: graph.Mean {{.*}} -> tensor<1x1x1x8xf32>
func.func @conv_pool(%x: tensor<1x7x7x3xf32>, %f: tensor<3x3x3x8xf32>, %n: tensor<1x8x4x4xf32>, %b: tensor<8xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %same = graph.Conv2D %x, %f {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<1x7x7x3xf32>, tensor<3x3x3x8xf32>) -> tensor<*xf32>
  %valid = graph.Conv2D %x, %f {padding = "VALID", strides = [1, 2, 2, 1]} : (tensor<1x7x7x3xf32>, tensor<3x3x3x8xf32>) -> tensor<*xf32>
  %dil = graph.Conv2D %x, %f {padding = "VALID", strides = [1, 1, 1, 1], dilations = [1, 2, 2, 1]} : (tensor<1x7x7x3xf32>, tensor<3x3x3x8xf32>) -> tensor<*xf32>
  %pool = graph.MaxPool %n {ksize = [1, 1, 2, 2], strides = [1, 1, 2, 2], padding = "VALID", data_format = "NCHW"} : (tensor<1x8x4x4xf32>) -> tensor<*xf32>
  %add = graph.AddV2 %same, %b : (tensor<*xf32>, tensor<8xf32>) -> tensor<*xf32>
  %shape = graph.Const {value = dense<[2, -1]> : tensor<2xi32>} : tensor<2xi32>
  %r = graph.Reshape %add, %shape : (tensor<*xf32>, tensor<2xi32>) -> tensor<*xf32>
  %axes = graph.Const {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
  %m = graph.Mean %same, %axes {keep_dims = true} : (tensor<*xf32>, tensor<2xi32>) -> tensor<*xf32>
  return %same, %valid, %dil, %pool, %add, %r, %m : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Unknown ops keep their types; what they feed stays unknown.
// CHECK-LABEL: func.func @unknown
// CHECK: "graph.Mystery"{{.*}} -> tensor<*xf32>
// CHECK: graph.Relu {{.*}} -> tensor<*xf32>
func.func @unknown(%x: tensor<2xf32>) -> tensor<*xf32> {
  %0 = "graph.Mystery"(%x) : (tensor<2xf32>) -> tensor<*xf32>
  %1 = graph.Relu %0 : (tensor<*xf32>) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

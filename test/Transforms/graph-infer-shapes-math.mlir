// RUN: graph-opt %s -split-input-file -graph-infer-shapes | FileCheck %s
// Shape functions of the math family: unary ops keep the shape, binary ops
// and comparisons broadcast (comparisons give i1), Select follows t/e (and a
// full-shape condition), SelectV2 broadcasts all three, Cast keeps the shape
// with its own element type, reductions drop or keep the constant axes,
// ArgMax/ArgMin drop their dimension.

// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: -> (tensor<2x3xf32>, tensor<4x2x3xf32>, tensor<4x2x3xi1>, tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xf32>)
// CHECK: graph.Elu {{.*}} -> tensor<2x3xf32>
// CHECK: graph.LeakyRelu {{.*}} -> tensor<2x3xf32>
// CHECK: graph.LogSoftmax {{.*}} -> tensor<2x3xf32>
// CHECK: graph.Pow {{.*}} -> tensor<4x2x3xf32>
// CHECK: graph.GreaterEqual {{.*}} -> tensor<4x2x3xi1>
// CHECK: graph.AddN {{.*}} -> tensor<2x3xf32>
// CHECK: graph.Cast {{.*}} -> tensor<2x3xi32>
// CHECK: graph.Rsqrt {{.*}} -> tensor<2x3xf32>
func.func @elementwise(%x: tensor<2x3xf32>, %y: tensor<4x1x3xf32>, %u: tensor<?x3xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xi1>, tensor<*xf32>, tensor<*xi32>, tensor<*xf32>) {
  %0 = graph.Elu %x : (tensor<2x3xf32>) -> tensor<*xf32>
  %1 = graph.LeakyRelu %0 : (tensor<*xf32>) -> tensor<*xf32>
  %2 = graph.LogSoftmax %1 : (tensor<*xf32>) -> tensor<*xf32>
  %3 = graph.Pow %2, %y : (tensor<*xf32>, tensor<4x1x3xf32>) -> tensor<*xf32>
  %4 = graph.GreaterEqual %3, %x : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<*xi1>
  // AddN takes the static sizes of any input.
  %5 = graph.AddN %u, %x : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  %6 = graph.Cast %5 : (tensor<*xf32>) -> tensor<*xi32>
  %7 = graph.Rsqrt %x : (tensor<2x3xf32>) -> tensor<*xf32>
  return %2, %3, %4, %5, %6, %7 : tensor<*xf32>, tensor<*xf32>, tensor<*xi1>, tensor<*xf32>, tensor<*xi32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @select
// CHECK: graph.Select {{.*}} -> tensor<2x3xf32>
// CHECK: graph.Select {{.*}} -> tensor<2x3xf32>
// CHECK: graph.SelectV2 {{.*}} -> tensor<5x2x3xf32>
func.func @select(%rows: tensor<2xi1>, %full: tensor<2x3xi1>, %t: tensor<?x3xf32>, %e: tensor<2x?xf32>, %c: tensor<5x1x1xi1>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = graph.Select %rows, %t, %e : (tensor<2xi1>, tensor<?x3xf32>, tensor<2x?xf32>) -> tensor<*xf32>
  %1 = graph.Select %full, %t, %t : (tensor<2x3xi1>, tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<*xf32>
  %2 = graph.SelectV2 %c, %0, %e : (tensor<5x1x1xi1>, tensor<*xf32>, tensor<2x?xf32>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func.func @reductions
// CHECK: graph.Sum {{.*}} -> tensor<2x5xf32>
// CHECK: graph.Prod {{.*}} -> tensor<1x3x1xf32>
// CHECK: graph.Max {{.*}} -> tensor<f32>
// CHECK: graph.Min {{.*}} -> tensor<2x3x5xf32>
// CHECK: graph.ArgMax {{.*}} -> tensor<2x5xi64>
// CHECK: graph.ArgMin {{.*}} -> tensor<2x3xi32>
// CHECK: graph.ArgMax {{.*}} -> tensor<i64>
// CHECK: graph.ArgMax {{.*}} -> tensor<?x?xi64>
// CHECK: graph.ArgMax {{.*}} -> tensor<2x3xi64>
func.func @reductions(%x: tensor<2x3x5xf32>, %v: tensor<7xf32>, %d: tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xi64>, tensor<*xi32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>) {
  %a1 = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %0 = graph.Sum %x, %a1 : (tensor<2x3x5xf32>, tensor<i32>) -> tensor<*xf32>
  %a02 = graph.Const {value = dense<[0, -1]> : tensor<2xi64>} : tensor<2xi64>
  %1 = graph.Prod %x, %a02 {keep_dims = true} : (tensor<2x3x5xf32>, tensor<2xi64>) -> tensor<*xf32>
  %all = graph.Const {value = dense<[2, 1, 0, 1]> : tensor<4xi32>} : tensor<4xi32>
  %2 = graph.Max %x, %all : (tensor<2x3x5xf32>, tensor<4xi32>) -> tensor<*xf32>
  %none = graph.Const {value = dense<> : tensor<0xi32>} : tensor<0xi32>
  %3 = graph.Min %x, %none : (tensor<2x3x5xf32>, tensor<0xi32>) -> tensor<*xf32>
  %4 = graph.ArgMax %x, %a1 : (tensor<2x3x5xf32>, tensor<i32>) -> tensor<*xi64>
  %m1 = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %5 = graph.ArgMin %x, %m1 : (tensor<2x3x5xf32>, tensor<i32>) -> tensor<*xi32>
  %6 = graph.ArgMax %v, %d : (tensor<7xf32>, tensor<i32>) -> tensor<*xi64>
  %7 = graph.ArgMax %x, %d : (tensor<2x3x5xf32>, tensor<i32>) -> tensor<*xi64>
  // A 1-element vector dimension, as TF.js's converter writes it.
  %last = graph.Const {value = dense<[2]> : tensor<1xi32>} : tensor<1xi32>
  %8 = graph.ArgMax %x, %last : (tensor<2x3x5xf32>, tensor<1xi32>) -> tensor<*xi64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xi64>, tensor<*xi32>, tensor<*xi64>, tensor<*xi64>, tensor<*xi64>
}

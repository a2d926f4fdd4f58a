// RUN: graph-opt %s | graph-opt | FileCheck %s
// Every op of the math family (GraphMathOps.td) prints and parses back, with
// its declared attrs (and their defaults elided).

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<2x3xf32>, %i: tensor<4xi32>) {
  // CHECK: graph.Elu %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = graph.Elu %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Selu
  %1 = graph.Selu %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.LeakyRelu %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = graph.LeakyRelu %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.LeakyRelu %{{.*}} {alpha = 1.000000e-01 : f32}
  %3 = graph.LeakyRelu %x {alpha = 0.1 : f32} : (tensor<2x3xf32>) -> tensor<*xf32>
  // CHECK: graph.Exp
  %4 = graph.Exp %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Log
  %5 = graph.Log %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Sqrt
  %6 = graph.Sqrt %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Rsqrt
  %7 = graph.Rsqrt %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Square
  %8 = graph.Square %i : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: graph.Abs
  %9 = graph.Abs %i : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: graph.Neg
  %10 = graph.Neg %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Floor
  %11 = graph.Floor %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.LogSoftmax
  %12 = graph.LogSoftmax %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @binary
func.func @binary(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %b: tensor<2x3xi1>) {
  // CHECK: graph.Maximum
  %0 = graph.Maximum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Minimum
  %1 = graph.Minimum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.SquaredDifference
  %2 = graph.SquaredDifference %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Pow
  %3 = graph.Pow %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<*xf32>
  // CHECK: graph.Div
  %d0 = graph.Div %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.FloorDiv
  %d1 = graph.FloorDiv %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.FloorMod
  %d2 = graph.FloorMod %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.AddN %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = graph.AddN %x, %x, %0 : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Less {{.*}} -> tensor<2x3xi1>
  %5 = graph.Less %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: graph.LessEqual
  %6 = graph.LessEqual %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: graph.Greater
  %7 = graph.Greater %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: graph.GreaterEqual
  %8 = graph.GreaterEqual %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<*xi1>
  // CHECK: graph.Equal %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<2x3xi1>)
  %9 = graph.Equal %b, %b : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // CHECK: graph.NotEqual {{.*}}{incompatible_shape_error = false}
  %10 = graph.NotEqual %x, %y {incompatible_shape_error = false} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return
}

// CHECK-LABEL: func.func @select_cast
func.func @select_cast(%c: tensor<2xi1>, %t: tensor<2x3xf32>, %s: tensor<i1>, %y: tensor<3xf32>) {
  // CHECK: graph.Select
  %0 = graph.Select %c, %t, %t : (tensor<2xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.SelectV2
  %1 = graph.SelectV2 %s, %t, %y : (tensor<i1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Cast %{{.*}} {DstT = i32, SrcT = f32} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  %2 = graph.Cast %t {SrcT = f32, DstT = i32} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  // CHECK: graph.Cast %{{.*}} {Truncate = true} : (tensor<2x3xf32>) -> tensor<2x3xf16>
  %3 = graph.Cast %t {Truncate = true} : (tensor<2x3xf32>) -> tensor<2x3xf16>
  return
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<2x3xf32>, %axes: tensor<1xi32>, %d: tensor<i64>) {
  // CHECK: graph.Sum %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<*xf32>
  %0 = graph.Sum %x, %axes : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<*xf32>
  // CHECK: graph.Prod {{.*}}{keep_dims = true}
  %1 = graph.Prod %x, %axes {keep_dims = true} : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<*xf32>
  // CHECK: graph.Max
  %2 = graph.Max %x, %axes : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<*xf32>
  // CHECK: graph.Min
  %3 = graph.Min %x, %axes : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<*xf32>
  // CHECK: graph.ArgMax {{.*}} -> tensor<*xi64>
  %4 = graph.ArgMax %x, %d : (tensor<2x3xf32>, tensor<i64>) -> tensor<*xi64>
  // CHECK: graph.ArgMin {{.*}} -> tensor<2xi32>
  %5 = graph.ArgMin %x, %d : (tensor<2x3xf32>, tensor<i64>) -> tensor<2xi32>
  return
}

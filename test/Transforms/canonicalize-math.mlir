// RUN: graph-opt %s -split-input-file -canonicalize | FileCheck %s
// Folders of the math family: constant operands give constants computed the
// way TF's kernels compute them; a few ops also forward an operand.

// Unary math in the element type (exp/log/sqrt in double, rounded).
// CHECK-LABEL: func.func @unary
// CHECK-DAG: graph.Const {value = dense<[-0.632120549, 0.000000e+00, 2.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[-1.11133075, 0.000000e+00, 2.10140204]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[-2.000000e-01, 0.000000e+00, 2.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[-5.000000e-01, 0.000000e+00, 2.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[0.36787945, 1.000000e+00, 7.3890562]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[0.000000e+00, 0.693147182, 1.38629436]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[1.000000e+00, 1.41421354, 2.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[1.000000e+00, 0.707106769, 5.000000e-01]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[1.000000e+00, 0.000000e+00, 4.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[1.000000e+00, -0.000000e+00, -2.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[-2.000000e+00, -1.000000e+00, 2.000000e+00]> : tensor<3xf32>}
// CHECK-DAG: graph.Const {value = dense<[3, -2147483648, 0]> : tensor<3xi32>}
// CHECK-DAG: graph.Const {value = dense<[-3, -2147483648, 0]> : tensor<3xi32>}
// CHECK-DAG: graph.Const {value = dense<[9, 0, 0]> : tensor<3xi32>}
// CHECK-NOT: graph.{{Elu|Selu|LeakyRelu|Exp|Log|Sqrt|Rsqrt|Square|Abs|Neg|Floor}}
func.func @unary() -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) {
  %x = graph.Const {value = dense<[-1.0, 0.0, 2.0]> : tensor<3xf32>} : tensor<3xf32>
  %p = graph.Const {value = dense<[1.0, 2.0, 4.0]> : tensor<3xf32>} : tensor<3xf32>
  %f = graph.Const {value = dense<[-1.5, -0.5, 2.5]> : tensor<3xf32>} : tensor<3xf32>
  %i = graph.Const {value = dense<[3, -2147483648, 0]> : tensor<3xi32>} : tensor<3xi32>
  %0 = graph.Elu %x : (tensor<3xf32>) -> tensor<3xf32>
  %1 = graph.Selu %x : (tensor<3xf32>) -> tensor<3xf32>
  %2 = graph.LeakyRelu %x : (tensor<3xf32>) -> tensor<3xf32>
  %3 = graph.LeakyRelu %x {alpha = 0.5 : f32} : (tensor<3xf32>) -> tensor<3xf32>
  %4 = graph.Exp %x : (tensor<3xf32>) -> tensor<3xf32>
  %5 = graph.Log %p : (tensor<3xf32>) -> tensor<3xf32>
  %6 = graph.Sqrt %p : (tensor<3xf32>) -> tensor<3xf32>
  %7 = graph.Rsqrt %p : (tensor<3xf32>) -> tensor<3xf32>
  %8 = graph.Square %x : (tensor<3xf32>) -> tensor<3xf32>
  %9 = graph.Neg %x : (tensor<3xf32>) -> tensor<3xf32>
  %10 = graph.Floor %f : (tensor<3xf32>) -> tensor<3xf32>
  // Integers wrap: Abs, Neg and Square of INT_MIN.
  %11 = graph.Abs %i : (tensor<3xi32>) -> tensor<3xi32>
  %12 = graph.Neg %i : (tensor<3xi32>) -> tensor<3xi32>
  %13 = graph.Square %i : (tensor<3xi32>) -> tensor<3xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>
}

// -----

// Binary ops broadcast; Maximum/Minimum propagate NaN; integer Pow by
// squaring (pow(1, NaN) is 1, as in C); AddN adds left to right.
// CHECK-LABEL: func.func @binary
// CHECK-DAG: graph.Const {value = dense<{{\[}}[2.000000e+00, 0x7FC00000], [3.000000e+00, 0x7FC00000]]> : tensor<2x2xf32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1.000000e+00, 0x7FC00000], [2.000000e+00, 0x7FC00000]]> : tensor<2x2xf32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1.000000e+00, 0x7FC00000], [1.000000e+00, 0x7FC00000]]> : tensor<2x2xf32>}
// CHECK-DAG: graph.Const {value = dense<{{\[}}[1.000000e+00, 1.000000e+00], [9.000000e+00, 0x7FC00000]]> : tensor<2x2xf32>}
// CHECK-DAG: graph.Const {value = dense<[8, 1, -27]> : tensor<3xi32>}
// CHECK-DAG: graph.Const {value = dense<[8, 7, 3]> : tensor<3xi32>}
// CHECK-DAG: graph.Const {value = dense<[6.000000e+00, 1.200000e+01]> : tensor<2xf32>}
// CHECK-NOT: graph.{{Maximum|Minimum|SquaredDifference|Pow|AddN}}
func.func @binary() -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<3xi32>, tensor<3xi32>, tensor<2xf32>) {
  %x = graph.Const {value = dense<[[1.0], [3.0]]> : tensor<2x1xf32>} : tensor<2x1xf32>
  %y = graph.Const {value = dense<[2.0, 0x7FC00000]> : tensor<2xf32>} : tensor<2xf32>
  %0 = graph.Maximum %x, %y : (tensor<2x1xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %1 = graph.Minimum %x, %y : (tensor<2x1xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %2 = graph.SquaredDifference %x, %y : (tensor<2x1xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %3 = graph.Pow %x, %y : (tensor<2x1xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %b = graph.Const {value = dense<[2, -1, -3]> : tensor<3xi32>} : tensor<3xi32>
  %e = graph.Const {value = dense<[3, 4, 3]> : tensor<3xi32>} : tensor<3xi32>
  %4 = graph.Pow %b, %e : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %5 = graph.Maximum %e, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %6 = graph.AddN %5, %e, %b : (tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %s = graph.Const {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %7 = graph.AddN %s, %s, %s, %s, %s, %s : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %6, %7 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<3xi32>, tensor<3xi32>, tensor<2xf32>
}

// -----

// An integer to a negative power is a run-time error in TF: no fold. AddN
// of one input is that input.
// CHECK-LABEL: func.func @no_fold
// CHECK: graph.Pow
// CHECK: return %{{.*}}, %arg0
func.func @no_fold(%x: tensor<2xf32>) -> (tensor<1xi32>, tensor<2xf32>) {
  %b = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %e = graph.Const {value = dense<-1> : tensor<1xi32>} : tensor<1xi32>
  %0 = graph.Pow %b, %e : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>
  %1 = graph.AddN %x : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<1xi32>, tensor<2xf32>
}

// -----

// Comparisons: NaN is unordered (only NotEqual is true); integers signed.
// CHECK-LABEL: func.func @compare
// CHECK-DAG: %[[LT:.*]] = graph.Const {value = dense<[true, false, false]> : tensor<3xi1>}
// CHECK-DAG: %[[LE:.*]] = graph.Const {value = dense<[true, true, false]> : tensor<3xi1>}
// CHECK-DAG: %[[GT:.*]] = graph.Const {value = dense<false> : tensor<3xi1>}
// CHECK-DAG: %[[GE:.*]] = graph.Const {value = dense<[false, true, false]> : tensor<3xi1>}
// CHECK-DAG: %[[NE:.*]] = graph.Const {value = dense<[true, false, true]> : tensor<3xi1>}
// CHECK-DAG: %[[ILT:.*]] = graph.Const {value = dense<[true, false]> : tensor<2xi1>}
// CHECK: return %[[LT]], %[[LE]], %[[GT]], %[[GE]], %[[GE]], %[[NE]], %[[ILT]], %[[NE]]
func.func @compare() -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<2xi1>, tensor<3xi1>) {
  %x = graph.Const {value = dense<[1.0, 2.0, 0x7FC00000]> : tensor<3xf32>} : tensor<3xf32>
  %y = graph.Const {value = dense<2.0> : tensor<f32>} : tensor<f32>
  %0 = graph.Less %x, %y : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %1 = graph.LessEqual %x, %y : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %2 = graph.Greater %x, %y : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %3 = graph.GreaterEqual %x, %y : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %4 = graph.Equal %x, %y : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %5 = graph.NotEqual %x, %y : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %i = graph.Const {value = dense<[-1, 1]> : tensor<2xi32>} : tensor<2xi32>
  %j = graph.Const {value = dense<0> : tensor<2xi32>} : tensor<2xi32>
  %6 = graph.Less %i, %j : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi1>
  %b = graph.Const {value = dense<[true, false, true]> : tensor<3xi1>} : tensor<3xi1>
  %f = graph.Const {value = dense<false> : tensor<3xi1>} : tensor<3xi1>
  %7 = graph.NotEqual %b, %f : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<2xi1>, tensor<3xi1>
}

// -----

// Select picks elements or (1-D condition) rows; SelectV2 broadcasts; equal
// branches forward.
// CHECK-LABEL: func.func @select
// CHECK-DAG: %[[ROWS:.*]] = graph.Const {value = dense<{{\[}}[1, 2], [7, 8]]> : tensor<2x2xi32>}
// CHECK-DAG: %[[ELEM:.*]] = graph.Const {value = dense<{{\[}}[1, 6], [7, 4]]> : tensor<2x2xi32>}
// CHECK-DAG: %[[V2:.*]] = graph.Const {value = dense<{{\[}}[1, 0], [3, 0]]> : tensor<2x2xi32>}
// CHECK: return %[[ROWS]], %[[ELEM]], %[[V2]], %arg1
func.func @select(%c: tensor<2xi1>, %x: tensor<2xf32>) -> (tensor<2x2xi32>, tensor<2x2xi32>, tensor<2x2xi32>, tensor<2xf32>) {
  %rows = graph.Const {value = dense<[true, false]> : tensor<2xi1>} : tensor<2xi1>
  %full = graph.Const {value = dense<[[true, false], [false, true]]> : tensor<2x2xi1>} : tensor<2x2xi1>
  %cols = graph.Const {value = dense<[true, false]> : tensor<2xi1>} : tensor<2xi1>
  %t = graph.Const {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %e = graph.Const {value = dense<[[5, 6], [7, 8]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %0 = graph.Select %rows, %t, %e : (tensor<2xi1>, tensor<2x2xi32>, tensor<2x2xi32>) -> tensor<2x2xi32>
  %1 = graph.Select %full, %t, %e : (tensor<2x2xi1>, tensor<2x2xi32>, tensor<2x2xi32>) -> tensor<2x2xi32>
  %2 = graph.SelectV2 %cols, %t, %zero : (tensor<2xi1>, tensor<2x2xi32>, tensor<i32>) -> tensor<2x2xi32>
  %3 = graph.Select %c, %x, %x : (tensor<2xi1>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3 : tensor<2x2xi32>, tensor<2x2xi32>, tensor<2x2xi32>, tensor<2xf32>
}

// -----

// A constant scalar condition picks a whole non-constant side (an inlined
// If whose condition froze to a constant).
// CHECK-LABEL: func.func @select_side
// CHECK-NOT: graph.SelectV2
// CHECK: return %arg1, %arg0
func.func @select_side(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %false = graph.Const {value = dense<false> : tensor<i1>} : tensor<i1>
  %true = graph.Const {value = dense<true> : tensor<i1>} : tensor<i1>
  %0 = graph.SelectV2 %false, %x, %y : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = graph.SelectV2 %true, %x, %y : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Cast: floats truncate toward zero into integers, anything is `!= 0` as
// bool, bool is 0/1, narrowing rounds to nearest even unless Truncate=true
// clears the extra mantissa bits first; a cast to the same type forwards.
// CHECK-LABEL: func.func @cast
// CHECK-DAG: %[[I:.*]] = graph.Const {value = dense<[-2, 0, 2, 3]> : tensor<4xi32>}
// CHECK-DAG: %[[B:.*]] = graph.Const {value = dense<[true, true, true, false]> : tensor<4xi1>}
// CHECK-DAG: %[[F:.*]] = graph.Const {value = dense<[1.000000e+00, 1.000000e+00, 1.000000e+00, 0.000000e+00]> : tensor<4xf16>}
// CHECK-DAG: %[[R:.*]] = graph.Const {value = dense<[1.000000e+00, 1.000980e+00]> : tensor<2xf16>}
// CHECK-DAG: %[[T:.*]] = graph.Const {value = dense<1.000000e+00> : tensor<2xf16>}
// CHECK-DAG: %[[L:.*]] = graph.Const {value = dense<[-1, 255]> : tensor<2xi64>}
// CHECK-DAG: %[[N:.*]] = graph.Const {value = dense<-1> : tensor<2xi8>}
// CHECK: return %[[I]], %[[B]], %[[F]], %[[R]], %[[T]], %[[L]], %[[N]], %arg0
func.func @cast(%x: tensor<2xf32>) -> (tensor<4xi32>, tensor<4xi1>, tensor<4xf16>, tensor<2xf16>, tensor<2xf16>, tensor<2xi64>, tensor<2xi8>, tensor<2xf32>) {
  %f = graph.Const {value = dense<[-2.9, -0.5, 2.5, 3.0]> : tensor<4xf32>} : tensor<4xf32>
  %0 = graph.Cast %f : (tensor<4xf32>) -> tensor<4xi32>
  %z = graph.Const {value = dense<[-2.9, 0x7FC00000, 1.0e-30, 0.0]> : tensor<4xf32>} : tensor<4xf32>
  %1 = graph.Cast %z : (tensor<4xf32>) -> tensor<4xi1>
  %2 = graph.Cast %1 : (tensor<4xi1>) -> tensor<4xf16>
  // 1 + 3 * 2^-12 is between two f16 values (1 + 2^-10 * {0, 1}): rounding
  // gives 1 + 2^-10, truncation 1.
  %h = graph.Const {value = dense<[1.0, 1.000732421875]> : tensor<2xf32>} : tensor<2xf32>
  %3 = graph.Cast %h : (tensor<2xf32>) -> tensor<2xf16>
  %4 = graph.Cast %h {Truncate = true} : (tensor<2xf32>) -> tensor<2xf16>
  %i = graph.Const {value = dense<[-1, 255]> : tensor<2xi32>} : tensor<2xi32>
  %5 = graph.Cast %i : (tensor<2xi32>) -> tensor<2xi64>
  %6 = graph.Cast %i : (tensor<2xi32>) -> tensor<2xi8>
  %7 = graph.Cast %x : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xi32>, tensor<4xi1>, tensor<4xf16>, tensor<2xf16>, tensor<2xf16>, tensor<2xi64>, tensor<2xi8>, tensor<2xf32>
}

// -----

// A float that does not fit the integer type is undefined in TF: no fold.
// CHECK-LABEL: func.func @cast_out_of_range
// CHECK: graph.Cast
func.func @cast_out_of_range() -> tensor<1xi8> {
  %f = graph.Const {value = dense<300.0> : tensor<1xf32>} : tensor<1xf32>
  %0 = graph.Cast %f : (tensor<1xf32>) -> tensor<1xi8>
  return %0 : tensor<1xi8>
}

// -----

// Reductions over constant axes, in input order; the Keras Flatten chain
// Shape -> StridedSlice -> Prod folds through Prod.
// CHECK-LABEL: func.func @reductions
// CHECK-DAG: %[[SUM:.*]] = graph.Const {value = dense<[6.000000e+00, 1.500000e+01]> : tensor<2xf32>}
// CHECK-DAG: %[[PROD:.*]] = graph.Const {value = dense<{{\[}}[4.000000e+00, 1.000000e+01, 1.800000e+01]]> : tensor<1x3xf32>}
// CHECK-DAG: %[[MAX:.*]] = graph.Const {value = dense<6.000000e+00> : tensor<f32>}
// CHECK-DAG: %[[MIN:.*]] = graph.Const {value = dense<[1, -7]> : tensor<2xi32>}
// CHECK-DAG: %[[FLAT:.*]] = graph.Const {value = dense<96> : tensor<i32>}
// CHECK-DAG: %[[AMAX:.*]] = graph.Const {value = dense<[2, 0]> : tensor<2xi64>}
// CHECK-DAG: %[[AMIN:.*]] = graph.Const {value = dense<[0, 1, 0]> : tensor<3xi32>}
// CHECK: return %[[SUM]], %[[PROD]], %[[MAX]], %[[MIN]], %[[FLAT]], %[[AMAX]], %[[AMIN]]
func.func @reductions() -> (tensor<2xf32>, tensor<1x3xf32>, tensor<f32>, tensor<2xi32>, tensor<i32>, tensor<2xi64>, tensor<3xi32>) {
  %x = graph.Const {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : tensor<2x3xf32>
  %a1 = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %a0 = graph.Const {value = dense<[0]> : tensor<1xi32>} : tensor<1xi32>
  %all = graph.Const {value = dense<[0, 1]> : tensor<2xi32>} : tensor<2xi32>
  %0 = graph.Sum %x, %a1 : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xf32>
  %1 = graph.Prod %x, %a0 {keep_dims = true} : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<1x3xf32>
  %2 = graph.Max %x, %all : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<f32>
  %i = graph.Const {value = dense<[[1, 5], [3, -7]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %3 = graph.Min %i, %a1 : (tensor<2x2xi32>, tensor<i32>) -> tensor<2xi32>
  %dims = graph.Const {value = dense<[2, 4, 12]> : tensor<3xi32>} : tensor<3xi32>
  %m1 = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32>
  %4 = graph.Prod %dims, %m1 : (tensor<3xi32>, tensor<i32>) -> tensor<i32>
  // Ties and NaN: the first index of the extreme wins, NaN never does.
  %v = graph.Const {value = dense<[[1.0, 0x7FC00000, 3.0], [5.0, 5.0, 0x7FC00000]]> : tensor<2x3xf32>} : tensor<2x3xf32>
  %5 = graph.ArgMax %v, %a1 : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xi64>
  %j = graph.Const {value = dense<[[3, 1, 2], [3, 0, 2]]> : tensor<2x3xi32>} : tensor<2x3xi32>
  %z = graph.Const {value = dense<0> : tensor<i64>} : tensor<i64>
  %6 = graph.ArgMin %j, %z : (tensor<2x3xi32>, tensor<i64>) -> tensor<3xi32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2xf32>, tensor<1x3xf32>, tensor<f32>, tensor<2xi32>, tensor<i32>, tensor<2xi64>, tensor<3xi32>
}

// -----

// Division: Div truncates integers, FloorDiv floors, FloorMod takes the
// divisor's sign (TF's floor_fmod / safe_floor_mod); an integer division by
// zero is a run-time error in TF and does not fold.
// CHECK-LABEL: func.func @division
// CHECK-DAG: %[[DIV:.*]] = graph.Const {value = dense<[-3, -3, 3, 3]> : tensor<4xi32>}
// CHECK-DAG: %[[FDIV:.*]] = graph.Const {value = dense<[-4, -4, 3, 3]> : tensor<4xi32>}
// CHECK-DAG: %[[FMOD:.*]] = graph.Const {value = dense<[2, -2, 1, -1]> : tensor<4xi32>}
// CHECK-DAG: %[[FFDIV:.*]] = graph.Const {value = dense<[-4.000000e+00, 3.000000e+00]> : tensor<2xf32>}
// CHECK-DAG: %[[FFMOD:.*]] = graph.Const {value = dense<[5.000000e-01, -1.500000e+00]> : tensor<2xf32>}
// CHECK: %[[BYZERO:.*]] = graph.FloorDiv
// CHECK: return %[[DIV]], %[[FDIV]], %[[FMOD]], %[[FFDIV]], %[[FFMOD]], %[[BYZERO]]
func.func @division() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<2xf32>, tensor<2xf32>, tensor<1xi32>) {
  %x = graph.Const {value = dense<[-10, 10, 10, -10]> : tensor<4xi32>} : tensor<4xi32>
  %y = graph.Const {value = dense<[3, -3, 3, -3]> : tensor<4xi32>} : tensor<4xi32>
  %0 = graph.Div %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = graph.FloorDiv %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = graph.FloorMod %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %f = graph.Const {value = dense<[-3.5, 4.5]> : tensor<2xf32>} : tensor<2xf32>
  %g = graph.Const {value = dense<[1.0, -3.0]> : tensor<2xf32>} : tensor<2xf32>
  %h = graph.Const {value = dense<[1.0, 1.5]> : tensor<2xf32>} : tensor<2xf32>
  %3 = graph.FloorDiv %f, %h : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %4 = graph.FloorMod %f, %g : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %one = graph.Const {value = dense<1> : tensor<1xi32>} : tensor<1xi32>
  %zero = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %5 = graph.FloorDiv %one, %zero : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<2xf32>, tensor<2xf32>, tensor<1xi32>
}

// -----

// Graph_LibmUnaryOp folds with its C function in double, rounded to the
// element type (sin(0.5) = 0.479425538..., round(2.5) = 2 and
// round(-1.5) = -2: half to even); All/Any fold on bools.
// CHECK-LABEL: func.func @fold_libm_and_logical
// CHECK-DAG: graph.Const {{.*}}dense<[0.000000e+00, 0.47942555]> : tensor<2xf32>
// CHECK-DAG: graph.Const {{.*}}dense<[2.000000e+00, -2.000000e+00, 1.000000e+00]> : tensor<3xf32>
// CHECK-DAG: graph.Const {{.*}}dense<[false, true]> : tensor<2xi1>
// CHECK-DAG: graph.Const {{.*}}dense<true> : tensor<2xi1>
// CHECK-NOT: graph.Sin
// CHECK-NOT: graph.Round
// CHECK-NOT: graph.All
// CHECK-NOT: graph.Any
func.func @fold_libm_and_logical() -> (tensor<2xf32>, tensor<3xf32>, tensor<2xi1>, tensor<2xi1>) {
  %x = graph.Const {value = dense<[0.0, 0.5]> : tensor<2xf32>} : tensor<2xf32>
  %s = graph.Sin %x : (tensor<2xf32>) -> tensor<2xf32>
  %h = graph.Const {value = dense<[2.5, -1.5, 0.75]> : tensor<3xf32>} : tensor<3xf32>
  %r = graph.Round %h : (tensor<3xf32>) -> tensor<3xf32>
  %b = graph.Const {value = dense<[[true, false], [true, true]]> : tensor<2x2xi1>} : tensor<2x2xi1>
  %axis = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %all = graph.All %b, %axis : (tensor<2x2xi1>, tensor<i32>) -> tensor<2xi1>
  %any = graph.Any %b, %axis : (tensor<2x2xi1>, tensor<i32>) -> tensor<2xi1>
  return %s, %r, %all, %any : tensor<2xf32>, tensor<3xf32>, tensor<2xi1>, tensor<2xi1>
}

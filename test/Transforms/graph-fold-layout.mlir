// RUN: graph-opt %s -split-input-file -graph-fold-layout -canonicalize | FileCheck %s
// Transposes composed, reshape chains collapsed, trivial transposes as
// reshapes.

// NHWC -> NCHW -> NHWC cancels: [0, 3, 1, 2] then [0, 2, 3, 1] composes to
// r[i] = p[q[i]] = [p[0], p[2], p[3], p[1]] = [0, 1, 2, 3].
// CHECK-LABEL: func.func @cancel
// CHECK-NEXT: return %arg0
func.func @cancel(%x: tensor<1x4x5x3xf32>) -> tensor<1x4x5x3xf32> {
  %p = graph.Const {value = dense<[0, 3, 1, 2]> : tensor<4xi32>} : tensor<4xi32>
  %q = graph.Const {value = dense<[0, 2, 3, 1]> : tensor<4xi32>} : tensor<4xi32>
  %a = graph.Transpose %x, %p : (tensor<1x4x5x3xf32>, tensor<4xi32>) -> tensor<1x3x4x5xf32>
  %b = graph.Transpose %a, %q : (tensor<1x3x4x5xf32>, tensor<4xi32>) -> tensor<1x4x5x3xf32>
  return %b : tensor<1x4x5x3xf32>
}

// -----

// Two transposes that do not cancel: p = [1, 2, 0], q = [1, 2, 0] give
// r = [p[1], p[2], p[0]] = [2, 0, 1]: 2x3x4 -> 4x2x3.
// CHECK-LABEL: func.func @compose
// CHECK: %[[R:.*]] = graph.Const {value = dense<[2, 0, 1]> : tensor<3xi32>}
// CHECK-NEXT: %[[T:.*]] = graph.Transpose %arg0, %[[R]] : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<4x2x3xf32>
// CHECK-NEXT: return %[[T]]
func.func @compose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %p = graph.Const {value = dense<[1, 2, 0]> : tensor<3xi32>} : tensor<3xi32>
  %a = graph.Transpose %x, %p : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<3x4x2xf32>
  %b = graph.Transpose %a, %p : (tensor<3x4x2xf32>, tensor<3xi32>) -> tensor<4x2x3xf32>
  return %b : tensor<4x2x3xf32>
}

// -----

// Reshape of ExpandDims of Reshape: one Reshape of the argument; a
// Reshape back to the argument's shape disappears.
// CHECK-LABEL: func.func @reshape_chain
// CHECK: %[[S:.*]] = graph.Const {value = dense<[4, 6]> : tensor<2xi32>}
// CHECK-NEXT: %[[R:.*]] = graph.Reshape %arg0, %[[S]] : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<4x6xf32>
// CHECK-NEXT: return %[[R]], %arg0
func.func @reshape_chain(%x: tensor<2x3x4xf32>) -> (tensor<4x6xf32>, tensor<2x3x4xf32>) {
  %s1 = graph.Const {value = dense<[6, 4]> : tensor<2xi32>} : tensor<2xi32>
  %d = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %s2 = graph.Const {value = dense<[4, 6]> : tensor<2xi32>} : tensor<2xi32>
  %s3 = graph.Const {value = dense<[2, 3, 4]> : tensor<3xi32>} : tensor<3xi32>
  %a = graph.Reshape %x, %s1 : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<6x4xf32>
  %b = graph.ExpandDims %a, %d : (tensor<6x4xf32>, tensor<i32>) -> tensor<1x6x4xf32>
  %c = graph.Reshape %b, %s2 : (tensor<1x6x4xf32>, tensor<2xi32>) -> tensor<4x6xf32>
  %e = graph.Reshape %a, %s3 : (tensor<6x4xf32>, tensor<3xi32>) -> tensor<2x3x4xf32>
  return %c, %e : tensor<4x6xf32>, tensor<2x3x4xf32>
}

// -----

// Moving only size-1 dims ([1, 1, 5, 3] by [0, 2, 1, 3]: the 5 and the 3
// keep their order) is a Reshape to 1x5x1x3; moving the 5 past the 3 is not.
// CHECK-LABEL: func.func @trivial
// CHECK-DAG: %[[S:.*]] = graph.Const {value = dense<[1, 5, 1, 3]> : tensor<4xi32>}
// CHECK-DAG: graph.Reshape %arg0, %[[S]] : (tensor<1x1x5x3xf32>, tensor<4xi32>) -> tensor<1x5x1x3xf32>
// CHECK-DAG: graph.Transpose %arg0
func.func @trivial(%x: tensor<1x1x5x3xf32>) -> (tensor<1x5x1x3xf32>, tensor<1x1x3x5xf32>) {
  %p = graph.Const {value = dense<[0, 2, 1, 3]> : tensor<4xi32>} : tensor<4xi32>
  %q = graph.Const {value = dense<[0, 1, 3, 2]> : tensor<4xi32>} : tensor<4xi32>
  %a = graph.Transpose %x, %p : (tensor<1x1x5x3xf32>, tensor<4xi32>) -> tensor<1x5x1x3xf32>
  %b = graph.Transpose %x, %q : (tensor<1x1x5x3xf32>, tensor<4xi32>) -> tensor<1x1x3x5xf32>
  return %a, %b : tensor<1x5x1x3xf32>, tensor<1x1x3x5xf32>
}

// -----

// Squeeze then ExpandDims of the same dim (MoveNet's input) is the input;
// ExpandDims of a Squeeze to another shape is one Reshape.
// CHECK-LABEL: func.func @squeeze_expand
// CHECK-DAG: %[[S:.*]] = graph.Const {value = dense<[4, 4, 1, 3]> : tensor<4xi32>}
// CHECK-DAG: %[[R:.*]] = graph.Reshape %arg0, %[[S]] : (tensor<1x4x4x3xf32>, tensor<4xi32>) -> tensor<4x4x1x3xf32>
// CHECK: return %arg0, %[[R]]
func.func @squeeze_expand(%x: tensor<1x4x4x3xf32>) -> (tensor<1x4x4x3xf32>, tensor<4x4x1x3xf32>) {
  %d0 = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %d2 = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  %s = graph.Squeeze %x {squeeze_dims = [0]} : (tensor<1x4x4x3xf32>) -> tensor<4x4x3xf32>
  %e = graph.ExpandDims %s, %d0 : (tensor<4x4x3xf32>, tensor<1xi32>) -> tensor<1x4x4x3xf32>
  %f = graph.ExpandDims %s, %d2 : (tensor<4x4x3xf32>, tensor<i32>) -> tensor<4x4x1x3xf32>
  return %e, %f : tensor<1x4x4x3xf32>, tensor<4x4x1x3xf32>
}

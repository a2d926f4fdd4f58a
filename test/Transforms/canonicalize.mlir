// RUN: graph-opt %s -split-input-file -canonicalize | FileCheck %s

// Identity / StopGradient / IdentityN / NoOp chains vanish.
// CHECK-LABEL: func.func @identity_chains
// CHECK-NEXT: %[[R:.*]] = graph.Relu %arg0
// CHECK-NEXT: return %[[R]], %[[R]]
func.func @identity_chains(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %0 = graph.Identity %x : (tensor<2xf32>) -> tensor<2xf32>
  %1 = graph.StopGradient %0 : (tensor<2xf32>) -> tensor<2xf32>
  %2 = graph.Relu %1 : (tensor<2xf32>) -> tensor<2xf32>
  %3:2 = graph.IdentityN %2, %2 : (tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  graph.NoOp
  %4 = graph.Snapshot %3#1 : (tensor<2xf32>) -> tensor<2xf32>
  return %3#0, %4 : tensor<2xf32>, tensor<2xf32>
}

// -----

// Constant subgraphs fold, with broadcasting, in the element type's own
// arithmetic (the batch-norm scale/shift computation of a frozen graph).
// CHECK-LABEL: func.func @fold_constants
// CHECK-NEXT: %[[C:.*]] = graph.Const {value = dense<{{\[}}[2.250000e+00, 4.500000e+00], [6.250000e+00, 8.500000e+00]]> : tensor<2x2xf32>}
// CHECK-NEXT: %[[I:.*]] = graph.Const {value = dense<[9, -4]> : tensor<2xi32>}
// CHECK-NEXT: return %[[C]], %[[I]]
func.func @fold_constants() -> (tensor<2x2xf32>, tensor<2xi32>) {
  %a = graph.Const {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} : tensor<2x2xf32>
  %b = graph.Const {value = dense<[0.5, 1.0]> : tensor<2xf32>} : tensor<2xf32>
  %two = graph.Const {value = dense<2.0> : tensor<f32>} : tensor<f32>
  %0 = graph.Mul %a, %two : (tensor<2x2xf32>, tensor<f32>) -> tensor<2x2xf32>
  %1 = graph.RealDiv %b, %two : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %2 = graph.Sub %0, %1 : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %3 = graph.AddV2 %2, %b : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %i = graph.Const {value = dense<[3, -1]> : tensor<2xi32>} : tensor<2xi32>
  %j = graph.Const {value = dense<[2, 3]> : tensor<2xi32>} : tensor<2xi32>
  %k = graph.Mul %i, %j : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %l = graph.Add %k, %i : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %m = graph.Sub %l, %i : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %n = graph.Add %m, %j : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %o = graph.Sub %n, %j : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %p = graph.Add %o, %i : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %3, %p : tensor<2x2xf32>, tensor<2xi32>
}

// -----

// Reshape of a constant folds; Reshape to the same type disappears.
// CHECK-LABEL: func.func @fold_reshape
// CHECK-NEXT: %[[C:.*]] = graph.Const {value = dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]]> : tensor<1x4xf32>}
// CHECK-NEXT: return %[[C]], %arg0
func.func @fold_reshape(%x: tensor<2x2xf32>) -> (tensor<1x4xf32>, tensor<2x2xf32>) {
  %c = graph.Const {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} : tensor<2x2xf32>
  %s = graph.Const {value = dense<[1, 4]> : tensor<2xi32>} : tensor<2xi32>
  %r = graph.Reshape %c, %s : (tensor<2x2xf32>, tensor<2xi32>) -> tensor<1x4xf32>
  %s2 = graph.Const {value = dense<[2, 2]> : tensor<2xi32>} : tensor<2xi32>
  %r2 = graph.Reshape %x, %s2 : (tensor<2x2xf32>, tensor<2xi32>) -> tensor<2x2xf32>
  return %r, %r2 : tensor<1x4xf32>, tensor<2x2xf32>
}

// RUN: graph-opt %s -split-input-file -graph-fuse-prelu -canonicalize | FileCheck %s
// The unfused PReLU patterns become graph.Prelu.

// TF.js: Relu(x) - alpha * Relu(x * -1), alpha [1, 1, 2] = [0.25, 0.5].
// CHECK-LABEL: func.func @tfjs
// CHECK: %[[A:.*]] = graph.Const {value = dense<{{\[}}{{\[}}[2.500000e-01, 5.000000e-01]]]> : tensor<1x1x2xf32>}
// CHECK-NEXT: %[[P:.*]] = graph.Prelu %arg0, %[[A]]
// CHECK-NEXT: return %[[P]]
func.func @tfjs(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32> {
  %m1 = graph.Const {value = dense<-1.0> : tensor<1xf32>} : tensor<1xf32>
  %a = graph.Const {value = dense<[[[0.25, 0.5]]]> : tensor<1x1x2xf32>} : tensor<1x1x2xf32>
  %pos = graph.Relu %x : (tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %negx = graph.Mul %x, %m1 : (tensor<1x3x3x2xf32>, tensor<1xf32>) -> tensor<1x3x3x2xf32>
  %r = graph.Relu %negx : (tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %neg = graph.Mul %r, %a : (tensor<1x3x3x2xf32>, tensor<1x1x2xf32>) -> tensor<1x3x3x2xf32>
  %y = graph.Sub %pos, %neg : (tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  return %y : tensor<1x3x3x2xf32>
}

// -----

// Keras: (-alpha) * Relu(Neg(x)) + Relu(x), constant first in the Mul and
// the Relu second in the AddV2; c = [-0.25, 2] gives alpha = [0.25, -2].
// CHECK-LABEL: func.func @keras
// CHECK: %[[A:.*]] = graph.Const {value = dense<[2.500000e-01, -2.000000e+00]> : tensor<2xf32>}
// CHECK-NEXT: %[[P:.*]] = graph.Prelu %arg0, %[[A]]
// CHECK-NEXT: return %[[P]]
func.func @keras(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %c = graph.Const {value = dense<[-0.25, 2.0]> : tensor<2xf32>} : tensor<2xf32>
  %pos = graph.Relu %x : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %negx = graph.Neg %x : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %r = graph.Relu %negx : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %neg = graph.Mul %c, %r : (tensor<2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = graph.AddV2 %neg, %pos : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Not fused: Relu(x) is also returned; the negation multiplies by -2; the
// Relus read different tensors; Sub with the operands swapped
// (alpha * Relu(-x) - Relu(x) is not a PReLU).
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT: graph.Prelu
// CHECK: return
func.func @not_fused(%x: tensor<4x2xf32>, %z: tensor<4x2xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>) {
  %m1 = graph.Const {value = dense<-1.0> : tensor<f32>} : tensor<f32>
  %m2 = graph.Const {value = dense<-2.0> : tensor<f32>} : tensor<f32>
  %a = graph.Const {value = dense<0.5> : tensor<2xf32>} : tensor<2xf32>
  %p0 = graph.Relu %x : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %n0 = graph.Mul %x, %m1 : (tensor<4x2xf32>, tensor<f32>) -> tensor<4x2xf32>
  %r0 = graph.Relu %n0 : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %q0 = graph.Mul %r0, %a : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %y0 = graph.Sub %p0, %q0 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %p1 = graph.Relu %x : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %n1 = graph.Mul %x, %m2 : (tensor<4x2xf32>, tensor<f32>) -> tensor<4x2xf32>
  %r1 = graph.Relu %n1 : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %q1 = graph.Mul %r1, %a : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %y1 = graph.Sub %p1, %q1 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %p2 = graph.Relu %x : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %n2 = graph.Mul %z, %m1 : (tensor<4x2xf32>, tensor<f32>) -> tensor<4x2xf32>
  %r2 = graph.Relu %n2 : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %q2 = graph.Mul %r2, %a : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %y2 = graph.Sub %p2, %q2 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %p3 = graph.Relu %x : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %n3 = graph.Mul %x, %m1 : (tensor<4x2xf32>, tensor<f32>) -> tensor<4x2xf32>
  %r3 = graph.Relu %n3 : (tensor<4x2xf32>) -> tensor<4x2xf32>
  %q3 = graph.Mul %r3, %a : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %y3 = graph.Sub %q3, %p3 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y0, %p0, %y1, %y2, %y3 : tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>
}

// RUN: graph-opt %s -split-input-file -graph-fold-pad -canonicalize | FileCheck %s
// Zero Pad of H and W folded into the padding of the conv it feeds.

// Keras' ZeroPadding2D(((0, 1), (0, 1))) before a stride-2 VALID 3x3
// depthwise conv on 8x8: SAME would pad total (4 - 1) * 2 + 3 - 8 = 1, split
// (0, 1), which is the Pad: padding becomes SAME.
// CHECK-LABEL: func.func @same_equivalent
// CHECK-NOT: graph.Pad
// CHECK: graph.DepthwiseConv2dNative %arg0, %{{.*}} {padding = "SAME", strides = [1, 2, 2, 1]} : (tensor<1x8x8x4xf32>, tensor<3x3x4x1xf32>) -> tensor<1x4x4x4xf32>
func.func @same_equivalent(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  %p = graph.Const {value = dense<[[0, 0], [0, 1], [0, 1], [0, 0]]> : tensor<4x2xi32>} : tensor<4x2xi32>
  %w = graph.Const {value = dense<1.0> : tensor<3x3x4x1xf32>} : tensor<3x3x4x1xf32>
  %xp = graph.Pad %x, %p : (tensor<1x8x8x4xf32>, tensor<4x2xi32>) -> tensor<1x9x9x4xf32>
  %c = graph.DepthwiseConv2dNative %xp, %w {padding = "VALID", strides = [1, 2, 2, 1]} : (tensor<1x9x9x4xf32>, tensor<3x3x4x1xf32>) -> tensor<1x4x4x4xf32>
  return %c : tensor<1x4x4x4xf32>
}

// -----

// Symmetric (1, 1) and (2, 0) before a stride-2 VALID Conv2D on 8x7 is not
// SAME's split: EXPLICIT [0, 0, 1, 1, 2, 0, 0, 0]; H out (8 + 2 - 3) / 2 + 1
// = 4, W out (7 + 2 - 3) / 2 + 1 = 4 as before.
// CHECK-LABEL: func.func @explicit
// CHECK: graph.Conv2D %arg0, %{{.*}} {explicit_paddings = [0, 0, 1, 1, 2, 0, 0, 0], padding = "EXPLICIT", strides = [1, 2, 2, 1]} : (tensor<1x8x7x3xf32>, tensor<3x3x3x2xf32>) -> tensor<1x4x4x2xf32>
func.func @explicit(%x: tensor<1x8x7x3xf32>) -> tensor<1x4x4x2xf32> {
  %p = graph.Const {value = dense<[[0, 0], [1, 1], [2, 0], [0, 0]]> : tensor<4x2xi64>} : tensor<4x2xi64>
  %w = graph.Const {value = dense<1.0> : tensor<3x3x3x2xf32>} : tensor<3x3x3x2xf32>
  %xp = graph.Pad %x, %p : (tensor<1x8x7x3xf32>, tensor<4x2xi64>) -> tensor<1x10x9x3xf32>
  %c = graph.Conv2D %xp, %w {padding = "VALID", strides = [1, 2, 2, 1]} : (tensor<1x10x9x3xf32>, tensor<3x3x3x2xf32>) -> tensor<1x4x4x2xf32>
  return %c : tensor<1x4x4x2xf32>
}

// -----

// A PadV2 of 0.0 (1, 1) before a SAME 3x3 stride-1 conv on 4x4: the conv
// pads the padded 6x6 by (1, 1) itself, so the total is (2, 2) per dim
// (output 6x6); an EXPLICIT conv's own pads add up the same way.
// CHECK-LABEL: func.func @onto_same_and_explicit
// CHECK: graph.Conv2D %arg0, %{{.*}} {explicit_paddings = [0, 0, 2, 2, 2, 2, 0, 0], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<1x4x4x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x6x6x1xf32>
// CHECK: graph.Conv2D %arg0, %{{.*}} {explicit_paddings = [0, 0, 1, 2, 3, 1, 0, 0], padding = "EXPLICIT", strides = [1, 1, 1, 1]} : (tensor<1x4x4x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x5x6x1xf32>
func.func @onto_same_and_explicit(%x: tensor<1x4x4x1xf32>) -> (tensor<1x6x6x1xf32>, tensor<1x5x6x1xf32>) {
  %p = graph.Const {value = dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi32>} : tensor<4x2xi32>
  %zero = graph.Const {value = dense<0.0> : tensor<f32>} : tensor<f32>
  %w = graph.Const {value = dense<1.0> : tensor<3x3x1x1xf32>} : tensor<3x3x1x1xf32>
  %xp = graph.PadV2 %x, %p, %zero : (tensor<1x4x4x1xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x6x6x1xf32>
  %c0 = graph.Conv2D %xp, %w {padding = "SAME", strides = [1, 1, 1, 1]} : (tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x6x6x1xf32>
  %c1 = graph.Conv2D %xp, %w {padding = "EXPLICIT", explicit_paddings = [0, 0, 0, 1, 2, 0, 0, 0], strides = [1, 1, 1, 1]} : (tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x5x6x1xf32>
  return %c0, %c1 : tensor<1x6x6x1xf32>, tensor<1x5x6x1xf32>
}

// -----

// Not folded: a channel pad; a PadV2 of 1.0; a MaxPool consumer (pads with
// -inf, not 0).
// CHECK-LABEL: func.func @not_folded
// CHECK: graph.Pad
// CHECK: graph.Conv2D
// CHECK: graph.PadV2
// CHECK: graph.Conv2D
// CHECK: graph.MaxPool
func.func @not_folded(%x: tensor<1x4x4x1xf32>) -> (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>, tensor<1x3x3x1xf32>) {
  %pc = graph.Const {value = dense<[[0, 0], [1, 1], [1, 1], [1, 0]]> : tensor<4x2xi32>} : tensor<4x2xi32>
  %p = graph.Const {value = dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi32>} : tensor<4x2xi32>
  %one = graph.Const {value = dense<1.0> : tensor<f32>} : tensor<f32>
  %w = graph.Const {value = dense<1.0> : tensor<3x3x2x1xf32>} : tensor<3x3x2x1xf32>
  %w1 = graph.Const {value = dense<1.0> : tensor<3x3x1x1xf32>} : tensor<3x3x1x1xf32>
  %a = graph.Pad %x, %pc : (tensor<1x4x4x1xf32>, tensor<4x2xi32>) -> tensor<1x6x6x2xf32>
  %c0 = graph.Conv2D %a, %w {padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x6x6x2xf32>, tensor<3x3x2x1xf32>) -> tensor<1x4x4x1xf32>
  %b = graph.PadV2 %x, %p, %one : (tensor<1x4x4x1xf32>, tensor<4x2xi32>, tensor<f32>) -> tensor<1x6x6x1xf32>
  %c1 = graph.Conv2D %b, %w1 {padding = "VALID", strides = [1, 1, 1, 1]} : (tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x4x4x1xf32>
  %c = graph.Pad %x, %p : (tensor<1x4x4x1xf32>, tensor<4x2xi32>) -> tensor<1x6x6x1xf32>
  %c2 = graph.MaxPool %c {ksize = [1, 2, 2, 1], padding = "VALID", strides = [1, 2, 2, 1]} : (tensor<1x6x6x1xf32>) -> tensor<1x3x3x1xf32>
  return %c0, %c1, %c2 : tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>, tensor<1x3x3x1xf32>
}

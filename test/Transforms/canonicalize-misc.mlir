// RUN: graph-opt %s -split-input-file -canonicalize | FileCheck %s
// Misc ops of constants fold to constants. Expected values were computed
// with numpy float32 arithmetic spelling out TF's kernels (dequantize_op.cc,
// quantization_utils.h, resize_*_op.cc, space/batch as pad + reshape +
// transpose), not with graphc.

// MIN_FIRST quint8 [-1, 1]: step = float(2 / 255), min rounds to -127 steps
// (float -1 / step = -127.49999), offset = -127 * step. MIN_COMBINED qint8:
// ((x + 128) * 2/255) - 1. SCALED qint8 narrow per axis 1:
// max(min / -127, max / 127). bf16: MIN_COMBINED rounded to nearest even.
// CHECK-LABEL: func.func @dequantize
// CHECK-NEXT: graph.Const {value = dense<[-0.996078491, -0.988235354, 0.00784313678, 1.00392151]> : tensor<4xf32>}
// CHECK-NEXT: graph.Const {value = dense<[-1.000000e+00, 0.003921628, 1.000000e+00]> : tensor<3xf32>}
// CHECK-NEXT: graph.Const {value = dense<{{\[\[}}-1.000000e+00, 2.01574802], [0.00787401571, 4.000000e+00]]> : tensor<2x2xf32>}
// CHECK-NEXT: graph.Const {value = dense<[-1.000000e+00, 3.936770e-03, 1.000000e+00]> : tensor<3xbf16>}
// CHECK-NEXT: return
func.func @dequantize() -> (tensor<4xf32>, tensor<3xf32>, tensor<2x2xf32>, tensor<3xbf16>) {
  %q = graph.Const {value = dense<[0, 1, 128, 255]> : tensor<4xui8>} : tensor<4xui8>
  %lo = graph.Const {value = dense<-1.0> : tensor<f32>} : tensor<f32>
  %hi = graph.Const {value = dense<1.0> : tensor<f32>} : tensor<f32>
  %0 = graph.Dequantize %q, %lo, %hi {mode = "MIN_FIRST"} : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %s = graph.Const {value = dense<[-128, 0, 127]> : tensor<3xi8>} : tensor<3xi8>
  %1 = graph.Dequantize %s, %lo, %hi : (tensor<3xi8>, tensor<f32>, tensor<f32>) -> tensor<3xf32>
  %p = graph.Const {value = dense<[[-127, 64], [1, 127]]> : tensor<2x2xi8>} : tensor<2x2xi8>
  %plo = graph.Const {value = dense<[-1.0, -2.0]> : tensor<2xf32>} : tensor<2xf32>
  %phi = graph.Const {value = dense<[1.0, 4.0]> : tensor<2xf32>} : tensor<2xf32>
  %2 = graph.Dequantize %p, %plo, %phi {mode = "SCALED", narrow_range = true, axis = 1} : (tensor<2x2xi8>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %3 = graph.Dequantize %s, %lo, %hi {dtype = bf16} : (tensor<3xi8>, tensor<f32>, tensor<f32>) -> tensor<3xbf16>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<3xf32>, tensor<2x2xf32>, tensor<3xbf16>
}

// -----

// 2x3 -> 3x4 bilinear (legacy, align_corners, half_pixel_centers) and
// 2x3 -> 3x5 nearest (legacy floor, align_corners round, half-pixel).
// CHECK-LABEL: func.func @resize
// CHECK-NEXT: dense<{{\[\[\[\[}}1.000000e+00], [1.750000e+00], [2.500000e+00], [3.000000e+00]], {{\[\[}}3.000000e+00], [3.750000e+00], [4.500000e+00], [5.000000e+00]], {{\[\[}}4.000000e+00], [4.750000e+00], [5.500000e+00], [6.000000e+00]]]]>
// CHECK-NEXT: dense<{{\[\[\[\[}}1.000000e+00], [1.66666675], [2.33333349], [3.000000e+00]], {{\[\[}}2.500000e+00], [3.16666651], [3.83333349], [4.500000e+00]], {{\[\[}}4.000000e+00], [4.66666651], [5.33333349], [6.000000e+00]]]]>
// CHECK-NEXT: dense<{{\[\[\[\[}}1.000000e+00], [1.625000e+00], [2.375000e+00], [3.000000e+00]], {{\[\[}}2.500000e+00], [3.125000e+00], [3.875000e+00], [4.500000e+00]], {{\[\[}}4.000000e+00], [4.625000e+00], [5.375000e+00], [6.000000e+00]]]]>
// CHECK-NEXT: dense<{{\[\[\[\[}}1], [1], [2], [2], [3]], {{\[\[}}1], [1], [2], [2], [3]], {{\[\[}}4], [4], [5], [5], [6]]]]>
// CHECK-NEXT: dense<{{\[\[\[\[}}1], [2], [2], [3], [3]], {{\[\[}}4], [5], [5], [6], [6]], {{\[\[}}4], [5], [5], [6], [6]]]]>
// CHECK-NEXT: dense<{{\[\[\[\[}}1], [1], [2], [3], [3]], {{\[\[}}4], [4], [5], [6], [6]], {{\[\[}}4], [4], [5], [6], [6]]]]>
// CHECK-NEXT: return
func.func @resize() -> (tensor<1x3x4x1xf32>, tensor<1x3x4x1xf32>, tensor<1x3x4x1xf32>, tensor<1x3x5x1xi32>, tensor<1x3x5x1xi32>, tensor<1x3x5x1xi32>) {
  %img = graph.Const {value = dense<[[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]]]]> : tensor<1x2x3x1xf32>} : tensor<1x2x3x1xf32>
  %iimg = graph.Const {value = dense<[[[[1], [2], [3]], [[4], [5], [6]]]]> : tensor<1x2x3x1xi32>} : tensor<1x2x3x1xi32>
  %s = graph.Const {value = dense<[3, 4]> : tensor<2xi32>} : tensor<2xi32>
  %s5 = graph.Const {value = dense<[3, 5]> : tensor<2xi32>} : tensor<2xi32>
  %0 = graph.ResizeBilinear %img, %s : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x3x4x1xf32>
  %1 = graph.ResizeBilinear %img, %s {align_corners = true} : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x3x4x1xf32>
  %2 = graph.ResizeBilinear %img, %s {half_pixel_centers = true} : (tensor<1x2x3x1xf32>, tensor<2xi32>) -> tensor<1x3x4x1xf32>
  %3 = graph.ResizeNearestNeighbor %iimg, %s5 : (tensor<1x2x3x1xi32>, tensor<2xi32>) -> tensor<1x3x5x1xi32>
  %4 = graph.ResizeNearestNeighbor %iimg, %s5 {align_corners = true} : (tensor<1x2x3x1xi32>, tensor<2xi32>) -> tensor<1x3x5x1xi32>
  %5 = graph.ResizeNearestNeighbor %iimg, %s5 {half_pixel_centers = true} : (tensor<1x2x3x1xi32>, tensor<2xi32>) -> tensor<1x3x5x1xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<1x3x4x1xf32>, tensor<1x3x4x1xf32>, tensor<1x3x4x1xf32>, tensor<1x3x5x1xi32>, tensor<1x3x5x1xi32>, tensor<1x3x5x1xi32>
}

// -----

// SpaceToBatchND pads 3x4 to 4x6 and splits 2x2 blocks into the batch;
// BatchToSpaceND with the same crops gives the input back; a 1-D block on a
// 2-D input with a crop at the start.
// CHECK-LABEL: func.func @space_batch
// CHECK-NEXT: dense<{{\[\[\[\[}}0], [1], [3]], {{\[\[}}0], [9], [11]]], {{\[\[\[}}0], [2], [0]], {{\[\[}}8], [10], [0]]], {{\[\[\[}}0], [5], [7]], {{\[\[}}0], [0], [0]]], {{\[\[\[}}4], [6], [0]], {{\[\[}}0], [0], [0]]]]> : tensor<4x2x3x1xi32>
// CHECK-NEXT: dense<{{\[\[\[\[}}0], [1], [2], [3]], {{\[\[}}4], [5], [6], [7]], {{\[\[}}8], [9], [10], [11]]]]> : tensor<1x3x4x1xi32>
// CHECK-NEXT: dense<{{\[\[}}6.000000e+00, 1.000000e+00, 7.000000e+00, 2.000000e+00, 8.000000e+00], [9.000000e+00, 4.000000e+00, 1.000000e+01, 5.000000e+00, 1.100000e+01]]> : tensor<2x5xf32>
// CHECK-NEXT: return
func.func @space_batch() -> (tensor<4x2x3x1xi32>, tensor<1x3x4x1xi32>, tensor<2x5xf32>) {
  %x = graph.Const {value = dense<[[[[0], [1], [2], [3]], [[4], [5], [6], [7]], [[8], [9], [10], [11]]]]> : tensor<1x3x4x1xi32>} : tensor<1x3x4x1xi32>
  %block = graph.Const {value = dense<2> : tensor<2xi32>} : tensor<2xi32>
  %pads = graph.Const {value = dense<[[0, 1], [1, 1]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x3x4x1xi32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x3x1xi32>
  %1 = graph.BatchToSpaceND %0, %block, %pads : (tensor<4x2x3x1xi32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x3x4x1xi32>
  %w = graph.Const {value = dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0], [9.0, 10.0, 11.0]]> : tensor<4x3xf32>} : tensor<4x3xf32>
  %b1 = graph.Const {value = dense<2> : tensor<1xi64>} : tensor<1xi64>
  %c1 = graph.Const {value = dense<[[1, 0]]> : tensor<1x2xi64>} : tensor<1x2xi64>
  %2 = graph.BatchToSpaceND %w, %b1, %c1 : (tensor<4x3xf32>, tensor<1xi64>, tensor<1x2xi64>) -> tensor<2x5xf32>
  return %0, %1, %2 : tensor<4x2x3x1xi32>, tensor<1x3x4x1xi32>, tensor<2x5xf32>
}

// -----

// Run-time inputs do not fold.
// CHECK-LABEL: func.func @not_constant
// CHECK: graph.Dequantize
// CHECK: graph.ResizeNearestNeighbor
// CHECK: graph.SpaceToBatchND
func.func @not_constant(%q: tensor<4xi8>, %img: tensor<1x2x2x1xf32>) -> (tensor<4xf32>, tensor<1x4x4x1xf32>, tensor<4x1x1x1xf32>) {
  %lo = graph.Const {value = dense<-1.0> : tensor<f32>} : tensor<f32>
  %0 = graph.Dequantize %q, %lo, %lo : (tensor<4xi8>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %s = graph.Const {value = dense<4> : tensor<2xi32>} : tensor<2xi32>
  %1 = graph.ResizeNearestNeighbor %img, %s : (tensor<1x2x2x1xf32>, tensor<2xi32>) -> tensor<1x4x4x1xf32>
  %block = graph.Const {value = dense<2> : tensor<2xi32>} : tensor<2xi32>
  %pads = graph.Const {value = dense<0> : tensor<2x2xi32>} : tensor<2x2xi32>
  %2 = graph.SpaceToBatchND %img, %block, %pads : (tensor<1x2x2x1xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x1x1x1xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<1x4x4x1xf32>, tensor<4x1x1x1xf32>
}

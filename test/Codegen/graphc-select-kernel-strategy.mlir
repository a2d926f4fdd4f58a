// RUN: graph-opt %s -split-input-file -graphc-select-kernel-strategy="vector-width=8" | FileCheck %s --check-prefixes=CHECK,W8
// RUN: graph-opt %s -split-input-file -graphc-select-kernel-strategy="vector-width=16" | FileCheck %s --check-prefixes=CHECK,W16
// The tile sizes chosen per kernel kind for AVX2 (8 fp32 lanes) and
// AVX-512 (16): output register tiles of rows x (2 x width) columns for
// matmul/conv, a few pixels x channels for depthwise/pooling, the innermost
// loop for elementwise ops; sizes always divide the loop extents.

// matmul M=8 K=16 N=32: N in two registers (16 at width 8, 32 at width 16),
// rows = largest divisor of 8 not above 6 (at most 12 accumulators); K in
// steps of 8. The fill and the bias+relu epilogue are elementwise.
// CHECK-LABEL: func.func @matmul_bias_relu
// W8:  linalg.fill {graphc.tiles = {kind = "generic", parallel = array<i64: 2, 32>, reduction = array<i64: 0, 0>}}
// W16: linalg.fill {graphc.tiles = {kind = "generic", parallel = array<i64: 4, 32>, reduction = array<i64: 0, 0>}}
// W8:  linalg.matmul {graphc.tiles = {interchange = array<i64: 1, 0>, kind = "matmul", parallel = array<i64: 4, 16, 0>, reduction = array<i64: 0, 0, 8>}}
// W16: linalg.matmul {graphc.tiles = {interchange = array<i64: 1, 0>, kind = "matmul", parallel = array<i64: 4, 32, 0>, reduction = array<i64: 0, 0, 8>}}
// CHECK:    linalg.generic
// W8-SAME:  graphc.tiles = {kind = "generic", parallel = array<i64: 2, 32>, reduction = array<i64: 0, 0>}
// W16-SAME: graphc.tiles = {kind = "generic", parallel = array<i64: 4, 32>, reduction = array<i64: 0, 0>}
#id = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @matmul_bias_relu(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<8x32xf32>, tensor<32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// batch_matmul: the batch loop is cut to 1.
// CHECK-LABEL: func.func @batch_matmul
// W8:  linalg.batch_matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 1, 6, 16, 0>, reduction = array<i64: 0, 0, 0, 4>}}
// W16: linalg.batch_matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 1, 6, 16, 0>, reduction = array<i64: 0, 0, 0, 4>}}
func.func @batch_matmul(%a: tensor<2x12x4xf32>, %b: tensor<2x4x16xf32>, %c: tensor<2x12x16xf32>) -> tensor<2x12x16xf32> {
  %r = linalg.batch_matmul ins(%a, %b : tensor<2x12x4xf32>, tensor<2x4x16xf32>) outs(%c : tensor<2x12x16xf32>) -> tensor<2x12x16xf32>
  return %r : tensor<2x12x16xf32>
}

// -----

// conv_2d_nhwc_hwcf (n, oh, ow, f, kh, kw, c): one output row, 4 pixels x
// 2 registers of filters; with only 8 input channels a whole filter row per
// reduction step (kw untiled), channels by 8; the filter (3x3x32 per
// channel) outweighs the 8x8 pixels, so filter tiles are the outer loop.
// CHECK-LABEL: func.func @conv
// W8:  linalg.conv_2d_nhwc_hwcf {{{.*}}graphc.tiles = {interchange = array<i64: 0, 3, 1, 2>, kind = "conv", parallel = array<i64: 1, 1, 4, 16, 0, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 0, 8>}
// W16: linalg.conv_2d_nhwc_hwcf {{{.*}}graphc.tiles = {interchange = array<i64: 0, 3, 1, 2>, kind = "conv", parallel = array<i64: 1, 1, 4, 32, 0, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 0, 8>}
func.func @conv(%in: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x32xf32>, %init: tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32> {
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x32xf32>) outs(%init : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  return %c : tensor<1x8x8x32xf32>
}

// -----

// depthwise (n, oh, ow, c, kh, kw): 4 pixels x 2 registers of channels, one
// filter row at a time (its taps unrolled by the vectorizer).
// CHECK-LABEL: func.func @depthwise
// W8:  linalg.depthwise_conv_2d_nhwc_hwc {{{.*}}graphc.tiles = {kind = "depthwise", parallel = array<i64: 1, 1, 4, 16, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 0>}
// W16: linalg.depthwise_conv_2d_nhwc_hwc {{{.*}}graphc.tiles = {kind = "depthwise", parallel = array<i64: 1, 1, 4, 32, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 0>}
func.func @depthwise(%in: tensor<1x10x10x32xf32>, %w: tensor<3x3x32xf32>, %init: tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32> {
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : tensor<1x10x10x32xf32>, tensor<3x3x32xf32>) outs(%init : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  return %c : tensor<1x8x8x32xf32>
}

// -----

// pooling_nhwc_max 2x2 stride 2 over 16 channels: one register of 16 at
// width 16, two of 8 at width 8; the same tile either way.
// CHECK-LABEL: func.func @max_pool
// CHECK: linalg.pooling_nhwc_max {{{.*}}graphc.tiles = {kind = "pooling", parallel = array<i64: 1, 1, 4, 16, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 0>}
func.func @max_pool(%in: tensor<1x8x8x16xf32>, %init: tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32> {
  %win = tensor.empty() : tensor<2x2xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%in, %win : tensor<1x8x8x16xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  return %p : tensor<1x4x4x16xf32>
}

// -----

// Elementwise: innermost loops first, up to 8 registers (64 / 128
// elements) per tile, each size a divisor of its extent.
// CHECK-LABEL: func.func @elementwise
// W8:  graphc.tiles = {kind = "generic", parallel = array<i64: 1, 1, 40>, reduction = array<i64: 0, 0, 0>}
// W16: graphc.tiles = {kind = "generic", parallel = array<i64: 1, 3, 40>, reduction = array<i64: 0, 0, 0>}
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @elementwise(%x: tensor<4x6x40xf32>) -> tensor<4x6x40xf32> {
  %e = tensor.empty() : tensor<4x6x40xf32>
  %r = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : tensor<4x6x40xf32>) outs(%e : tensor<4x6x40xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<4x6x40xf32>
  return %r : tensor<4x6x40xf32>
}

// -----

// A reduction steps its reduced loop by one (TensorFlow's summation order);
// its parallel loops fit one tile. The fill is one tile already: untiled.
// CHECK-LABEL: func.func @row_sum
// CHECK: linalg.fill ins
// CHECK: linalg.generic
// CHECK-SAME: graphc.tiles = {kind = "generic", parallel = array<i64: 4, 6, 0>, reduction = array<i64: 0, 0, 1>}
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#red = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @row_sum(%x: tensor<4x6x40xf32>) -> tensor<4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %r = linalg.generic {indexing_maps = [#id3, #red], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<4x6x40xf32>) outs(%f : tensor<4x6xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// -----

// Left untiled: a read through a map that is not a projected permutation
// (MirrorPad's reversed index), a loop nest that is one tile already, and
// a dynamic shape.
// CHECK-LABEL: func.func @untiled
// CHECK-NOT: graphc.tiles
// CHECK: return
func.func @untiled(%x: tensor<4x64xf32>, %s: tensor<8xf32>, %d: tensor<?x64xf32>) -> (tensor<4x64xf32>, tensor<8xf32>, tensor<?x64xf32>) {
  %e = tensor.empty() : tensor<4x64xf32>
  %rev = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 63 - d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x64xf32>) outs(%e : tensor<4x64xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<4x64xf32>
  %e8 = tensor.empty() : tensor<8xf32>
  %neg = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%s : tensor<8xf32>) outs(%e8 : tensor<8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %d, %c0 : tensor<?x64xf32>
  %ed = tensor.empty(%n) : tensor<?x64xf32>
  %dyn = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%d : tensor<?x64xf32>) outs(%ed : tensor<?x64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.negf %a : f32
    linalg.yield %m : f32
  } -> tensor<?x64xf32>
  return %rev, %neg, %dyn : tensor<4x64xf32>, tensor<8xf32>, tensor<?x64xf32>
}

// -----

// Booleans get a strategy like any elementwise op (graphc-vectorize keeps
// them scalar).
// CHECK-LABEL: func.func @compare
// W8:  graphc.tiles = {kind = "generic", parallel = array<i64: 1, 64>, reduction = array<i64: 0, 0>}
// W16: graphc.tiles = {kind = "generic", parallel = array<i64: 2, 64>, reduction = array<i64: 0, 0>}
func.func @compare(%x: tensor<4x64xf32>) -> tensor<4x64xi1> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x64xi1>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x64xf32>) outs(%e : tensor<4x64xi1>) {
  ^bb0(%a: f32, %o: i1):
    %c = arith.cmpf ogt, %a, %zero : f32
    linalg.yield %c : i1
  } -> tensor<4x64xi1>
  return %r : tensor<4x64xi1>
}

// -----

// More input channels: one filter tap at a time. 24 filters are three
// 8-lane registers (width 8) or a 16-lane register whose
// 8-wide remainder graphc-tile-and-fuse peels (width 16), never a 24-lane
// vector; 29 output pixels (prime) get 4-pixel tiles, the last one peeled.
// CHECK-LABEL: func.func @conv_peeled
// W8:  linalg.conv_2d_nhwc_hwcf {{{.*}}graphc.tiles = {kind = "conv", parallel = array<i64: 1, 1, 4, 8, 0, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 1, 8>}
// W16: linalg.conv_2d_nhwc_hwcf {{{.*}}graphc.tiles = {kind = "conv", parallel = array<i64: 1, 1, 4, 16, 0, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 1, 8>}
func.func @conv_peeled(%in: tensor<1x31x31x16xf32>, %w: tensor<3x3x16x24xf32>, %init: tensor<1x29x29x24xf32>) -> tensor<1x29x29x24xf32> {
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : tensor<1x31x31x16xf32>, tensor<3x3x16x24xf32>) outs(%init : tensor<1x29x29x24xf32>) -> tensor<1x29x29x24xf32>
  return %c : tensor<1x29x29x24xf32>
}

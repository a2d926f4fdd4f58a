// RUN: graph-opt %s -split-input-file -graphc-tile-and-fuse -canonicalize -cse | FileCheck %s
// Tiling by graphc.tiles (written here by hand, so the test does not depend
// on graphc-select-kernel-strategy): a conv/matmul root whose only user is
// an elementwise generic is computed tile by tile inside that consumer's
// loops, with its fill; the root's reduction loops are tiled inside the
// tile. (-canonicalize -cse, as in the graphc-kernels stage, drop the
// slices of the untiled ops the pass leaves dead.)

// matmul 8x32 (K=16) + bias + relu: i by 4, j by 16; inside the (i, j) tile
// the fill, the k loop (step 8) over a 4x8 * 8x16 matmul, then the epilogue
// on the 4x16 accumulator, then the tile is inserted. No 8x32 matmul is left.
// CHECK-LABEL: func.func @matmul_bias_relu
// CHECK-NOT:   linalg.matmul ins({{.*}}tensor<8x16xf32>
// CHECK:       scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %c4
// CHECK:         scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK:           %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<4x16xf32>
// CHECK:           %[[ACC:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8 iter_args(%[[A:.*]] = %[[FILL]]) -> (tensor<4x16xf32>)
// CHECK:             %[[MM:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[A]] : tensor<4x16xf32>)
// CHECK:             scf.yield %[[MM]]
// CHECK:           %[[EPI:.*]] = linalg.generic {{.*}} ins(%[[ACC]], %{{.*}} : tensor<4x16xf32>, tensor<16xf32>)
// CHECK:             arith.maximumf
// CHECK:           tensor.insert_slice %[[EPI]] into %{{.*}}[%[[I]], %[[J]]] [4, 16]
// CHECK-NOT:   linalg.generic
// CHECK:       return
#id = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @matmul_bias_relu(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill {graphc.tiles = {kind = "generic", parallel = array<i64: 2, 32>, reduction = array<i64: 0, 0>}} ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 16, 0>, reduction = array<i64: 0, 0, 8>}}
      ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<8x32xf32>, tensor<32xf32>) outs(%e : tensor<8x32xf32>)
      attrs = {graphc.tiles = {kind = "generic", parallel = array<i64: 2, 32>, reduction = array<i64: 0, 0>}} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// conv 3x3 (16 -> 32 channels) + bias + relu: tiles of one output row x 4
// pixels x 16 filters; inside, the fill, the kh, kw (step 1) and c (step 8)
// loops over a 1x1x4x8 * 1x1x8x16 conv, then the epilogue on the tile.
// CHECK-LABEL: func.func @conv_bias_relu
// CHECK-NOT:   linalg.conv_2d_nhwc_hwcf {{.*}}tensor<1x10x10x16xf32>
// CHECK:       scf.for {{.*}} to %c8 step %c1
// CHECK:         scf.for {{.*}} to %c8 step %c4
// CHECK:           scf.for {{.*}} to %c32 step %c16
// CHECK:             %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<1x1x4x16xf32>
// CHECK:             %[[ACC:.*]] = scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args(%{{.*}} = %[[FILL]])
// CHECK:               scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK:                 scf.for %{{.*}} = %c0 to %c16 step %c8
// CHECK:                   linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x4x8xf32>, tensor<1x1x8x16xf32>) outs(%{{.*}} : tensor<1x1x4x16xf32>)
// CHECK:             %[[EPI:.*]] = linalg.generic {{.*}} ins(%[[ACC]], %{{.*}} : tensor<1x1x4x16xf32>, tensor<16xf32>)
// CHECK:             tensor.insert_slice %[[EPI]]
// CHECK:       return
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d3)>
func.func @conv_bias_relu(%in: tensor<1x10x10x16xf32>, %w: tensor<3x3x16x32xf32>, %b: tensor<32xf32>) -> tensor<1x8x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
      graphc.tiles = {kind = "conv", parallel = array<i64: 1, 1, 4, 16, 0, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 1, 8>}}
      ins(%in, %w : tensor<1x10x10x16xf32>, tensor<3x3x16x32xf32>) outs(%f : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %r = linalg.generic {indexing_maps = [#id4, #ch, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c, %b : tensor<1x8x8x32xf32>, tensor<32xf32>) outs(%e : tensor<1x8x8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x8x32xf32>
  return %r : tensor<1x8x8x32xf32>
}

// -----

// depthwise 3x3 + relu6-like clamp: 4 pixels x 16 channels, the filter rows
// (kh) stepped inside the tile, a filter row's taps (kw) left whole.
// CHECK-LABEL: func.func @depthwise_clamp
// CHECK:       scf.for {{.*}} step %c4
// CHECK:         scf.for {{.*}} step %c16
// CHECK:           %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<1x1x4x16xf32>
// CHECK:           %[[ACC:.*]] = scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args(%{{.*}} = %[[FILL]])
// CHECK:             linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x6x16xf32>, tensor<1x3x16xf32>) outs(%{{.*}} : tensor<1x1x4x16xf32>)
// CHECK:           linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x1x4x16xf32>)
// CHECK:             arith.minimumf
// CHECK:       return
func.func @depthwise_clamp(%in: tensor<1x10x10x32xf32>, %w: tensor<3x3x32xf32>) -> tensor<1x8x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  %e = tensor.empty() : tensor<1x8x8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
      graphc.tiles = {kind = "depthwise", parallel = array<i64: 1, 1, 4, 16, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 0>}}
      ins(%in, %w : tensor<1x10x10x32xf32>, tensor<3x3x32xf32>) outs(%f : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : tensor<1x8x8x32xf32>) outs(%e : tensor<1x8x8x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %lo = arith.maximumf %x, %zero : f32
    %hi = arith.minimumf %lo, %six : f32
    linalg.yield %hi : f32
  } -> tensor<1x8x8x32xf32>
  return %r : tensor<1x8x8x32xf32>
}

// -----

// A root with two users (its value is also returned) is not fused: it is
// tiled alone (with its fill), and the epilogue by its own tiles.
// CHECK-LABEL: func.func @matmul_two_users
// CHECK:       %[[MM:.*]] = scf.for {{.*}} step %c4
// CHECK:         scf.for {{.*}} step %c16
// CHECK:           linalg.fill {{.*}} -> tensor<4x16xf32>
// CHECK:           scf.for {{.*}} step %c8
// CHECK:             linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x16xf32>)
// CHECK-NOT:         linalg.generic
// CHECK:       %[[EPI:.*]] = scf.for {{.*}} step %c2
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<2x32xf32>, tensor<32xf32>)
// CHECK:       return %[[EPI]], %[[MM]]
#id = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @matmul_two_users(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 16, 0>, reduction = array<i64: 0, 0, 8>}}
      ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<8x32xf32>, tensor<32xf32>) outs(%e : tensor<8x32xf32>)
      attrs = {graphc.tiles = {kind = "generic", parallel = array<i64: 2, 32>, reduction = array<i64: 0, 0>}} {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %r, %mm : tensor<8x32xf32>, tensor<8x32xf32>
}

// -----

// A reduction alone: parallel and reduction loops tiled in one go, the
// reduced loop innermost, by one (TensorFlow's summation order).
// CHECK-LABEL: func.func @row_sum
// CHECK:       scf.for %{{.*}} = %c0 to %c40 step %c1
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%{{.*}} : tensor<4x6x1xf32>) outs(%{{.*}} : tensor<4x6xf32>)
// CHECK:       return
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#red = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @row_sum(%x: tensor<4x6x40xf32>, %init: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %r = linalg.generic {indexing_maps = [#id3, #red], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<4x6x40xf32>) outs(%init : tensor<4x6xf32>)
      attrs = {graphc.tiles = {kind = "generic", parallel = array<i64: 4, 6, 0>, reduction = array<i64: 0, 0, 1>}} {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// -----

// Elementwise alone, 1 x 1 x 40 tiles; the attribute is gone afterwards.
// CHECK-LABEL: func.func @elementwise
// CHECK-NOT:   graphc.tiles
// CHECK:       scf.for {{.*}} to %c4 step %c1
// CHECK:         scf.for {{.*}} to %c6 step %c1
// CHECK:           linalg.generic {{.*}} ins(%{{.*}} : tensor<1x1x40xf32>)
// CHECK:             math.tanh
// CHECK-NOT:   graphc.tiles
// CHECK:       return
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @elementwise(%x: tensor<4x6x40xf32>) -> tensor<4x6x40xf32> {
  %e = tensor.empty() : tensor<4x6x40xf32>
  %r = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : tensor<4x6x40xf32>) outs(%e : tensor<4x6x40xf32>)
      attrs = {graphc.tiles = {kind = "generic", parallel = array<i64: 1, 1, 40>, reduction = array<i64: 0, 0, 0>}} {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<4x6x40xf32>
  return %r : tensor<4x6x40xf32>
}

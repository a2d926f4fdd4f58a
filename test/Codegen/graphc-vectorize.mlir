// RUN: graph-opt %s -split-input-file -graphc-vectorize | FileCheck %s
// RUN: graph-opt %s -split-input-file -graphc-vectorize=max-vector-elements=256 | FileCheck %s --check-prefix=SMALL
// Tiles (as graphc-tile-and-fuse leaves them) become vector code: matmul
// and 1x1-window conv tiles vector.contract, depthwise rows vector.fma per
// filter tap, pooling rows arith.maximumf; a tile's result is forwarded to
// its epilogue without a round trip through the tensor. Ops the vectorizer
// must not or cannot handle stay linalg.

// Matmul tile + fill + bias: the fill folds into the contraction's
// accumulator, the contraction's result feeds the bias add directly.
// CHECK-LABEL: func.func @matmul_epilogue
// CHECK-DAG:   %[[A:.*]] = vector.transfer_read %arg0{{.*}} : tensor<4x8xf32>, vector<4x8xf32>
// CHECK-DAG:   %[[B:.*]] = vector.transfer_read %arg1{{.*}} : tensor<8x16xf32>, vector<8x16xf32>
// CHECK:       %[[C:.*]] = vector.contract {{.*}}iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %[[A]], %[[B]], %{{.*}} : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
// CHECK:       %[[BIAS:.*]] = vector.broadcast %{{.*}} : vector<16xf32> to vector<4x16xf32>
// CHECK:       %[[S:.*]] = arith.addf %[[C]], %[[BIAS]] : vector<4x16xf32>
// CHECK:       vector.transfer_write %[[S]]
// CHECK-NOT:   linalg.
// CHECK:       return
// Above max-vector-elements (4 x 16 x 8 = 512 points) the matmul stays.
// SMALL-LABEL: func.func @matmul_epilogue
// SMALL:       linalg.matmul
// SMALL-NOT:   vector.contract
func.func @matmul_epilogue(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %bias: tensor<16xf32>) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%f : tensor<4x16xf32>) -> tensor<4x16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<4x16xf32>, tensor<16xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

// A conv tile of one output row and one filter tap is decomposed to 1-D and
// becomes a contraction over the 8 input channels.
// CHECK-LABEL: func.func @conv_tile
// CHECK-NOT:   linalg.conv
// CHECK:       vector.contract {{.*}} : vector<1x4x8xf32>, vector<8x16xf32> into vector<1x4x16xf32>
// CHECK:       return
func.func @conv_tile(%in: tensor<1x1x4x8xf32>, %w: tensor<1x1x8x16xf32>, %c: tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : tensor<1x1x4x8xf32>, tensor<1x1x8x16xf32>) outs(%c : tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
  return %r : tensor<1x1x4x16xf32>
}

// -----

// A depthwise tile of one filter row (3 taps): one FMA per tap over 4 pixels
// x 16 channels, each on the previous one's result.
// CHECK-LABEL: func.func @depthwise_tile
// CHECK-NOT:   linalg.depthwise
// CHECK:       %[[ACC:.*]] = vector.transfer_read %{{.*}} : tensor<1x4x16xf32>, vector<1x4x16xf32>
// CHECK:       %[[F0:.*]] = vector.fma %{{.*}}, %{{.*}}, %[[ACC]] : vector<1x4x16xf32>
// CHECK:       %[[F1:.*]] = vector.fma %{{.*}}, %{{.*}}, %[[F0]] : vector<1x4x16xf32>
// CHECK:       %[[F2:.*]] = vector.fma %{{.*}}, %{{.*}}, %[[F1]] : vector<1x4x16xf32>
// CHECK:       vector.transfer_write %[[F2]]
// CHECK-NOT:   vector.fma
// CHECK:       return
func.func @depthwise_tile(%in: tensor<1x1x6x16xf32>, %w: tensor<1x3x16xf32>, %c: tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32> {
  %r = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : tensor<1x1x6x16xf32>, tensor<1x3x16xf32>) outs(%c : tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
  return %r : tensor<1x1x4x16xf32>
}

// -----

// A max-pool tile (1x2 window, stride 2, 4 output pixels): 8 maxima of
// 16-channel vectors.
// CHECK-LABEL: func.func @pool_tile
// CHECK-NOT:   linalg.pooling
// CHECK-COUNT-8: arith.maximumf %{{.*}}, %{{.*}} : vector<1x1x16xf32>
// CHECK-NOT:   arith.maximumf
// CHECK:       return
func.func @pool_tile(%in: tensor<1x1x8x16xf32>, %c: tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32> {
  %win = tensor.empty() : tensor<1x2xf32>
  %r = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%in, %win : tensor<1x1x8x16xf32>, tensor<1x2xf32>) outs(%c : tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
  return %r : tensor<1x1x4x16xf32>
}

// -----

// A reduction tile (one step of the reduced loop) becomes a
// multi_reduction into the accumulator.
// CHECK-LABEL: func.func @sum_step
// CHECK:       vector.multi_reduction <add>, %{{.*}}, %{{.*}} [2] : vector<4x6x1xf32> to vector<4x6xf32>
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @sum_step(%x: tensor<4x6x1xf32>, %acc: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<4x6x1xf32>) outs(%acc : tensor<4x6xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// -----

// Left to loops: an i1 result (a memref<...xi1> holds a byte per element, a
// vector<Nxi1> in memory N bits), a read through a reversed index, and an op
// too large to be a tile (4096 points at most by default).
// CHECK-LABEL: func.func @not_vectorized
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<1x64xi1>)
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<4x64xf32>)
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<64x128xf32>)
// CHECK-NOT:   vector.
// CHECK:       return
func.func @not_vectorized(%x: tensor<1x64xf32>, %y: tensor<4x64xf32>, %z: tensor<64x128xf32>) -> (tensor<1x64xi1>, tensor<4x64xf32>, tensor<64x128xf32>) {
  %zero = arith.constant 0.0 : f32
  %eb = tensor.empty() : tensor<1x64xi1>
  %cmp = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x64xf32>) outs(%eb : tensor<1x64xi1>) {
  ^bb0(%a: f32, %o: i1):
    %c = arith.cmpf ogt, %a, %zero : f32
    linalg.yield %c : i1
  } -> tensor<1x64xi1>
  %er = tensor.empty() : tensor<4x64xf32>
  %rev = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 63 - d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<4x64xf32>) outs(%er : tensor<4x64xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<4x64xf32>
  %el = tensor.empty() : tensor<64x128xf32>
  %big = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%z : tensor<64x128xf32>) outs(%el : tensor<64x128xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<64x128xf32>
  return %cmp, %rev, %big : tensor<1x64xi1>, tensor<4x64xf32>, tensor<64x128xf32>
}

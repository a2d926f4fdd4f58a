// RUN: graph-opt %s -graphc-tile-and-fuse -canonicalize | FileCheck %s

// Tiles that do not divide their loop (7 pixels by 4, 24 filters by 16):
// the partial last tile of each loop is peeled into a loop of its own,
// innermost first, so the conv + bias group is computed in four static
// shapes (4x16, 4x8, 3x16, 3x8), each with its fill, and every one of them
// vectorizes. (The single-iteration loops fold away under -canonicalize.)
// CHECK-LABEL: func.func @peel
// CHECK:       linalg.fill {{.*}} -> tensor<1x1x4x16xf32>
// CHECK-NEXT:  linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x1x4x16xf32>)
// CHECK:       linalg.generic
// CHECK:       } -> tensor<1x1x4x16xf32>
// CHECK:       linalg.fill {{.*}} -> tensor<1x1x4x8xf32>
// CHECK-NEXT:  linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x1x4x8xf32>)
// CHECK:       linalg.generic
// CHECK:       } -> tensor<1x1x4x8xf32>
// CHECK:       linalg.fill {{.*}} -> tensor<1x1x3x16xf32>
// CHECK-NEXT:  linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x1x3x16xf32>)
// CHECK:       linalg.generic
// CHECK:       } -> tensor<1x1x3x16xf32>
// CHECK:       linalg.fill {{.*}} -> tensor<1x1x3x8xf32>
// CHECK-NEXT:  linalg.conv_2d_nhwc_hwcf {{.*}} outs({{.*}} : tensor<1x1x3x8xf32>)
// CHECK:       linalg.generic
// CHECK:       } -> tensor<1x1x3x8xf32>
// CHECK-NOT:   tensor<1x1x7x24xf32>) outs
// CHECK-NOT:   tensor<?
// CHECK:       return
func.func @peel(%in: tensor<1x1x7x8xf32>, %w: tensor<1x1x8x24xf32>, %b: tensor<24xf32>) -> tensor<1x1x7x24xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1x7x24xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1x1x7x24xf32>) -> tensor<1x1x7x24xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, graphc.tiles = {kind = "conv", parallel = array<i64: 1, 1, 4, 16, 0, 0, 0>, reduction = array<i64: 0, 0, 0, 0, 1, 1, 8>}}
      ins(%in, %w : tensor<1x1x7x8xf32>, tensor<1x1x8x24xf32>) outs(%f : tensor<1x1x7x24xf32>) -> tensor<1x1x7x24xf32>
  %e2 = tensor.empty() : tensor<1x1x7x24xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %b : tensor<1x1x7x24xf32>, tensor<24xf32>) outs(%e2 : tensor<1x1x7x24xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<1x1x7x24xf32>
  return %r : tensor<1x1x7x24xf32>
}

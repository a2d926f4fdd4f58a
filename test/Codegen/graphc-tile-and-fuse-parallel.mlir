// RUN: graph-opt %s -split-input-file -graphc-tile-and-fuse | FileCheck %s
// graphc-tile-and-fuse marks the tile loops of parallel dimensions with
// graphc.parallel (each iteration writes a tile of its own), the ground
// on which intra-op threads are to split iterations; reduction loops stay
// unmarked, since their iterations accumulate into the same tile.

// matmul + bias: the (i, j) tile loops are parallel, the k loop inside the
// tile is not.
// CHECK-LABEL: func.func @matmul_bias
// CHECK:       scf.for {{.*}} step %c4
// CHECK:         scf.for {{.*}} step %c16
// CHECK:           scf.for {{.*}} step %c8
// CHECK:             linalg.matmul
// CHECK:             scf.yield
// CHECK-NEXT:      }{{$}}
// CHECK:           tensor.insert_slice
// CHECK:         } {graphc.parallel}
// CHECK:       } {graphc.parallel}
#id = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @matmul_bias(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 16, 0>, reduction = array<i64: 0, 0, 8>}}
      ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<8x32xf32>, tensor<32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// A reduction tiled with its parallel loops in one go: the row loop (by 1
// of 4) is parallel, the reduced loop (by 1 of 40) inside it is not.
// CHECK-LABEL: func.func @row_sum
// CHECK:       scf.for {{.*}} to %c4 step %c1
// CHECK:         scf.for {{.*}} to %c40 step %c1
// CHECK:           linalg.generic
// CHECK:         }{{$}}
// CHECK:       } {graphc.parallel}
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#red = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @row_sum(%x: tensor<4x6x40xf32>, %init: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %r = linalg.generic {indexing_maps = [#id3, #red], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<4x6x40xf32>) outs(%init : tensor<4x6xf32>)
      attrs = {graphc.tiles = {kind = "generic", parallel = array<i64: 1, 0, 0>, reduction = array<i64: 0, 0, 1>}} {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

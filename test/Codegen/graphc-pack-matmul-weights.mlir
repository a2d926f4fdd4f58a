// RUN: graph-opt %s -split-input-file -graphc-tile-and-fuse -canonicalize -cse -graphc-pack-matmul-weights -canonicalize | FileCheck %s
// The matmul tiles read B from panels [ceil(N/nt), K, nt], nt the n tile:
// a constant B is relaid out at compile time, a fed B is packed once per
// call before the loops (when A has enough rows), and each tile's slice of
// B becomes a rank-reduced slice of one panel. (Tiles by hand, as in
// graphc-tile-and-fuse.mlir.)

// Constant 4x8 B with n tile 4: two 4x4 panels, columns 0-3 then 4-7 of
// each row. The k-th 2x4 tile of panel j is read at [j, k, 0]; the
// original constant is gone.
// CHECK-LABEL: func.func @constant_b
// CHECK-NOT:   tensor<4x8xf32>
// CHECK:       %[[P:.*]] = arith.constant dense<{{\[}}{{\[}}[0.0{{.*}}, 1.0{{.*}}, 2.0{{.*}}, 3.0{{.*}}], [8.0{{.*}}, 9.0{{.*}}, 1.0{{.*}}e+01, 1.1{{.*}}e+01], [1.6{{.*}}e+01, 1.7{{.*}}e+01, 1.8{{.*}}e+01, 1.9{{.*}}e+01], [2.4{{.*}}e+01, 2.5{{.*}}e+01, 2.6{{.*}}e+01, 2.7{{.*}}e+01]], {{\[}}[4.0{{.*}}, 5.0{{.*}}, 6.0{{.*}}, 7.0{{.*}}], [1.2{{.*}}e+01, 1.3{{.*}}e+01, 1.4{{.*}}e+01, 1.5{{.*}}e+01], [2.0{{.*}}e+01, 2.1{{.*}}e+01, 2.2{{.*}}e+01, 2.3{{.*}}e+01], [2.8{{.*}}e+01, 2.9{{.*}}e+01, 3.0{{.*}}e+01, 3.1{{.*}}e+01]]]> : tensor<2x4x4xf32>
// CHECK:       scf.for
// CHECK:         scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %c4
// CHECK:           scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %c2
// CHECK:             %[[PANEL:.*]] = affine.apply #{{.*}}(%[[J]])
// CHECK:             %[[BT:.*]] = tensor.extract_slice %[[P]][%[[PANEL]], %[[K]], 0] [1, 2, 4] [1, 1, 1] : tensor<2x4x4xf32> to tensor<2x4xf32>
// CHECK:             linalg.matmul ins(%{{.*}}, %[[BT]] : tensor<4x2xf32>, tensor<2x4xf32>)
func.func @constant_b(%a: tensor<8x4xf32>) -> tensor<8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %b = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0], [24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0]]> : tensor<4x8xf32>
  %e = tensor.empty() : tensor<8x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 4, 0>, reduction = array<i64: 0, 0, 2>}}
      ins(%a, %b : tensor<8x4xf32>, tensor<4x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %mm : tensor<8x8xf32>
}

// -----

// A constant B of N = 6 with n tile 4: the last panel is zero padded.
// CHECK-LABEL: func.func @constant_b_padded
// CHECK:       arith.constant dense<{{\[}}{{\[}}[1.0{{.*}}, 2.0{{.*}}, 3.0{{.*}}, 4.0{{.*}}]], {{\[}}[5.0{{.*}}, 6.0{{.*}}, 0.0{{.*}}, 0.0{{.*}}]]]> : tensor<2x1x4xf32>
func.func @constant_b_padded(%a: tensor<8x1xf32>) -> tensor<8x6xf32> {
  %zero = arith.constant 0.0 : f32
  %b = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]> : tensor<1x6xf32>
  %e = tensor.empty() : tensor<8x6xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x6xf32>) -> tensor<8x6xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 4, 0>, reduction = array<i64: 0, 0, 1>}}
      ins(%a, %b : tensor<8x1xf32>, tensor<1x6xf32>) outs(%f : tensor<8x6xf32>) -> tensor<8x6xf32>
  return %mm : tensor<8x6xf32>
}

// -----

// A fed 32x40 B, 64 rows of A, n tile 16: packed once before the loops
// (pad N to 48, split it into 3 x 16, panels outermost); the full tiles
// read panel j/16, the peeled 8-wide remainder reads panel 2.
// CHECK-LABEL: func.func @fed_b
// CHECK-SAME:    (%{{.*}}: tensor<64x32xf32>, %[[B:.*]]: tensor<32x40xf32>)
// CHECK:       %[[PAD:.*]] = tensor.pad %[[B]] low[0, 0] high[0, 8]
// CHECK:       %[[EXP:.*]] = tensor.expand_shape %[[PAD]] {{\[}}[0], [1, 2]] output_shape [32, 3, 16] : tensor<32x48xf32> into tensor<32x3x16xf32>
// CHECK:       %[[P:.*]] = linalg.transpose ins(%[[EXP]] : tensor<32x3x16xf32>) outs(%{{.*}} : tensor<3x32x16xf32>) permutation = [1, 0, 2]
// CHECK:       scf.for
// CHECK:         scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %c16
// CHECK:           scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %c8
// CHECK:             %[[PANEL:.*]] = affine.apply #{{.*}}(%[[J]])
// CHECK:             tensor.extract_slice %[[P]][%[[PANEL]], %[[K]], 0] [1, 8, 16] [1, 1, 1] : tensor<3x32x16xf32> to tensor<8x16xf32>
// CHECK:         scf.for %[[K2:.*]] = %{{.*}} to %{{.*}} step %c8
// CHECK:           tensor.extract_slice %[[P]][2, %[[K2]], 0] [1, 8, 8] [1, 1, 1] : tensor<3x32x16xf32> to tensor<8x8xf32>
func.func @fed_b(%a: tensor<64x32xf32>, %b: tensor<32x40xf32>) -> tensor<64x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x40xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x40xf32>) -> tensor<64x40xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 16, 0>, reduction = array<i64: 0, 0, 8>}}
      ins(%a, %b : tensor<64x32xf32>, tensor<32x40xf32>) outs(%f : tensor<64x40xf32>) -> tensor<64x40xf32>
  return %mm : tensor<64x40xf32>
}

// -----

// A fed B with only 8 rows of A (below min-rows-to-pack = 64): packing
// would cost more than it saves, B is read in place.
// CHECK-LABEL: func.func @few_rows
// CHECK-NOT:   linalg.transpose
// CHECK-NOT:   tensor<2x32x16xf32>
// CHECK:       tensor.extract_slice %{{.*}}[0, %{{.*}}] [32, 16] [1, 1] : tensor<32x32xf32> to tensor<32x16xf32>
func.func @few_rows(%a: tensor<8x32xf32>, %b: tensor<32x32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 16, 0>, reduction = array<i64: 0, 0, 8>}}
      ins(%a, %b : tensor<8x32xf32>, tensor<32x32xf32>) outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %mm : tensor<8x32xf32>
}

// -----

// One panel would be B itself (n tile = N): left alone.
// CHECK-LABEL: func.func @one_panel
// CHECK-NOT:   tensor<1x4x16xf32>
// CHECK:       linalg.matmul
func.func @one_panel(%a: tensor<64x4xf32>, %b: tensor<4x16xf32>) -> tensor<64x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x16xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x16xf32>) -> tensor<64x16xf32>
  %mm = linalg.matmul {graphc.tiles = {kind = "matmul", parallel = array<i64: 4, 16, 0>, reduction = array<i64: 0, 0, 4>}}
      ins(%a, %b : tensor<64x4xf32>, tensor<4x16xf32>) outs(%f : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %mm : tensor<64x16xf32>
}

// RUN: graph-opt %s -split-input-file -graphc-lower-vectors | FileCheck %s
// n-D vector code to what convert-vector-to-llvm turns into instructions:
// contractions to one vector.fma per row and reduction step, multi-
// reductions to sequential adds, n-D math to 1-D rows, transposed transfers
// to plain reads and shuffles.

// The 4x16 (K=8) matmul micro-kernel after graphc-optimize-vector-transfers:
// 4 rows x 8 steps = 32 FMAs on 16 lanes; no contraction or outer product.
// CHECK-LABEL: func.func @matmul_kernel
// CHECK:       scf.for
// CHECK-NOT:   vector.contract
// CHECK-NOT:   vector.outerproduct
// CHECK-COUNT-32: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-NOT:   vector.fma
// CHECK-NOT:   vector.contract
// CHECK-NOT:   vector.outerproduct
// CHECK:       scf.yield
#mapA = affine_map<(d0, d1, d2) -> (d0, d2)>
#mapB = affine_map<(d0, d1, d2) -> (d2, d1)>
#mapC = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @matmul_kernel(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %c: memref<8x32xf32>, %m: index, %j: index) {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %p = ub.poison : f32
  %init = vector.transfer_read %c[%m, %j], %p {in_bounds = [true, true]} : memref<8x32xf32>, vector<4x16xf32>
  %acc = scf.for %k = %c0 to %c16 step %c8 iter_args(%arg = %init) -> (vector<4x16xf32>) {
    %va = vector.transfer_read %a[%m, %k], %p {in_bounds = [true, true]} : memref<8x16xf32>, vector<4x8xf32>
    %vb = vector.transfer_read %b[%k, %j], %p {in_bounds = [true, true]} : memref<16x32xf32>, vector<8x16xf32>
    %r = vector.contract {indexing_maps = [#mapA, #mapB, #mapC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %va, %vb, %arg : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
    scf.yield %r : vector<4x16xf32>
  }
  vector.transfer_write %acc, %c[%m, %j] {in_bounds = [true, true]} : vector<4x16xf32>, memref<8x32xf32>
  return
}

// -----

// A 3-step multi-reduction: three adds in the order of the reduced index,
// each on the previous sum (no tree, no reassociation).
// CHECK-LABEL: func.func @reduce_rows
// CHECK-NOT:   vector.multi_reduction
// CHECK:       %[[S0:.*]] = arith.addf %{{.*}}, %{{.*}} : vector<24xf32>
// CHECK:       %[[S1:.*]] = arith.addf %{{.*}}, %[[S0]] : vector<24xf32>
// CHECK:       %[[S2:.*]] = arith.addf %{{.*}}, %[[S1]] : vector<24xf32>
// CHECK-NOT:   arith.addf
// CHECK-NOT:   vector.reduction
// CHECK:       return
func.func @reduce_rows(%x: vector<4x6x3xf32>, %acc: vector<4x6xf32>) -> vector<4x6xf32> {
  %r = vector.multi_reduction <add>, %x, %acc [2] : vector<4x6x3xf32> to vector<4x6xf32>
  return %r : vector<4x6xf32>
}

// -----

// Math on an n-D tile is unrolled to rows (not every math op lowers to LLVM
// on n-D vectors).
// CHECK-LABEL: func.func @nd_math
// CHECK-COUNT-4: math.tanh %{{.*}} : vector<16xf32>
// CHECK-NOT:   math.tanh
// CHECK:       return
func.func @nd_math(%x: vector<1x4x16xf32>) -> vector<1x4x16xf32> {
  %r = math.tanh %x : vector<1x4x16xf32>
  return %r : vector<1x4x16xf32>
}

// -----

// A transposed read becomes a minor-identity read and a shuffle.
// CHECK-LABEL: func.func @transposed_read
// CHECK-NOT:   permutation_map
// CHECK:       vector.transfer_read %arg0{{.*}} : memref<16x8xf32>, vector<16x8xf32>
// CHECK:       vector.shuffle
// CHECK-NOT:   vector.transpose
// CHECK:       return
func.func @transposed_read(%m: memref<16x8xf32>) -> vector<8x16xf32> {
  %c0 = arith.constant 0 : index
  %p = ub.poison : f32
  %v = vector.transfer_read %m[%c0, %c0], %p {in_bounds = [true, true], permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : memref<16x8xf32>, vector<8x16xf32>
  return %v : vector<8x16xf32>
}

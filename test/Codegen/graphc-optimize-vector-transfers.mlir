// RUN: graph-opt %s -split-input-file -graphc-optimize-vector-transfers | FileCheck %s
// RUN: graph-opt %s -split-input-file -graphc-optimize-vector-transfers | FileCheck %s --check-prefix=NOSUB
// NOSUB-NOT: memref.subview
// After bufferization: transfers through subviews are folded into their
// base buffers, and the accumulator's read/write pair is hoisted out of the
// reduction loop, which then carries it in registers (iter_args).
// (The inputs hold an affine.apply: without one the pass crashes, since it
// creates affine ops without declaring the dialect; see the codegen tests'
// report.)

// A 4x16 matmul tile whose accumulator is read and written through a
// subview in every step of the k loop.
// CHECK-LABEL: func.func @matmul_tile
// CHECK:       scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:         %[[M:.*]] = affine.apply
// CHECK:         scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:           %[[INIT:.*]] = vector.transfer_read %arg2[%[[M]], %[[J]]], {{.*}} : memref<8x32xf32>, vector<4x16xf32>
// CHECK:           %[[ACC:.*]] = scf.for %[[K:.*]] = {{.*}} iter_args(%[[C:.*]] = %[[INIT]]) -> (vector<4x16xf32>) {
// CHECK:             vector.transfer_read %arg0[%[[M]], %[[K]]]{{.*}} : memref<8x16xf32>, vector<4x8xf32>
// CHECK:             vector.transfer_read %arg1[%[[K]], %[[J]]]{{.*}} : memref<16x32xf32>, vector<8x16xf32>
// CHECK-NOT:         vector.transfer_read %arg2
// CHECK:             %[[R:.*]] = vector.contract {{.*}}, %[[C]] : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
// CHECK-NOT:         vector.transfer_write
// CHECK:             scf.yield %[[R]] : vector<4x16xf32>
// CHECK:           }
// CHECK:           vector.transfer_write %[[ACC]], %arg2[%[[M]], %[[J]]]{{.*}} : vector<4x16xf32>, memref<8x32xf32>
#mapA = affine_map<(d0, d1, d2) -> (d0, d2)>
#mapB = affine_map<(d0, d1, d2) -> (d2, d1)>
#mapC = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @matmul_tile(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %c: memref<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %p = ub.poison : f32
  scf.for %i = %c0 to %c2 step %c1 {
    %m = affine.apply affine_map<(d0) -> (d0 * 4)>(%i)
    scf.for %j = %c0 to %c32 step %c16 {
      %acc = memref.subview %c[%m, %j] [4, 16] [1, 1] : memref<8x32xf32> to memref<4x16xf32, strided<[32, 1], offset: ?>>
      scf.for %k = %c0 to %c16 step %c8 {
        %sa = memref.subview %a[%m, %k] [4, 8] [1, 1] : memref<8x16xf32> to memref<4x8xf32, strided<[16, 1], offset: ?>>
        %sb = memref.subview %b[%k, %j] [8, 16] [1, 1] : memref<16x32xf32> to memref<8x16xf32, strided<[32, 1], offset: ?>>
        %va = vector.transfer_read %sa[%c0, %c0], %p {in_bounds = [true, true]} : memref<4x8xf32, strided<[16, 1], offset: ?>>, vector<4x8xf32>
        %vb = vector.transfer_read %sb[%c0, %c0], %p {in_bounds = [true, true]} : memref<8x16xf32, strided<[32, 1], offset: ?>>, vector<8x16xf32>
        %vc = vector.transfer_read %acc[%c0, %c0], %p {in_bounds = [true, true]} : memref<4x16xf32, strided<[32, 1], offset: ?>>, vector<4x16xf32>
        %r = vector.contract {indexing_maps = [#mapA, #mapB, #mapC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %va, %vb, %vc : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
        vector.transfer_write %r, %acc[%c0, %c0] {in_bounds = [true, true]} : vector<4x16xf32>, memref<4x16xf32, strided<[32, 1], offset: ?>>
      }
    }
  }
  return
}

// -----

// Depthwise-style accumulation over the 3 filter rows: the accumulator
// leaves the loop, the filter-row reads stay inside.
// CHECK-LABEL: func.func @fma_rows
// CHECK:       %[[INIT:.*]] = vector.transfer_read %arg2[{{.*}}]{{.*}} : memref<4x16xf32>, vector<4x16xf32>
// CHECK:       %[[ACC:.*]] = scf.for {{.*}} iter_args(%[[C:.*]] = %[[INIT]]) -> (vector<4x16xf32>)
// CHECK:         vector.transfer_read %arg0
// CHECK:         vector.transfer_read %arg1
// CHECK:         %[[F:.*]] = vector.fma %{{.*}}, %{{.*}}, %[[C]] : vector<4x16xf32>
// CHECK:         scf.yield %[[F]]
// CHECK:       vector.transfer_write %[[ACC]], %arg2
// CHECK:       return
func.func @fma_rows(%x: memref<6x16xf32>, %w: memref<3x4x16xf32>, %out: memref<4x16xf32>, %off: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %p = ub.poison : f32
  %o = affine.apply affine_map<(d0) -> (d0 floordiv 16)>(%off)
  scf.for %kh = %c0 to %c3 step %c1 {
    %vx = vector.transfer_read %x[%kh, %c0], %p {in_bounds = [true, true]} : memref<6x16xf32>, vector<4x16xf32>
    %vw = vector.transfer_read %w[%kh, %c0, %c0], %p {in_bounds = [true, true]} : memref<3x4x16xf32>, vector<4x16xf32>
    %va = vector.transfer_read %out[%o, %c0], %p {in_bounds = [true, true]} : memref<4x16xf32>, vector<4x16xf32>
    %f = vector.fma %vx, %vw, %va : vector<4x16xf32>
    vector.transfer_write %f, %out[%o, %c0] {in_bounds = [true, true]} : vector<4x16xf32>, memref<4x16xf32>
  }
  return
}

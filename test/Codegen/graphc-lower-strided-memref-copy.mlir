// RUN: graph-opt %s -split-input-file -graphc-lower-strided-memref-copy | FileCheck %s
// A memref.copy that finalize-memref-to-llvm would turn into a call to
// `memrefCopy` (libmlir_c_runner_utils) becomes a linalg.copy, i.e. loops;
// copies between contiguous buffers stay, to become llvm.memcpy.

// CHECK-LABEL: func.func @copies
// CHECK-SAME:  (%[[A:[^:]*]]: memref<4x8xf32>, %[[B:[^:]*]]: memref<4x8xf32>, %[[BIG:[^:]*]]: memref<6x10xf32>
// Identity layouts: kept.
// CHECK:       memref.copy %[[A]], %[[B]] : memref<4x8xf32> to memref<4x8xf32>
// Into the interior of a larger buffer (tensor.pad, insert_slice): loops.
// CHECK:       %[[S:.*]] = memref.subview %[[BIG]][1, 1] [4, 8] [1, 1]
// CHECK:       linalg.copy ins(%[[A]] : memref<4x8xf32>) outs(%[[S]] : memref<4x8xf32, strided<[10, 1], offset: 11>>)
// Whole contiguous rows at static offsets: still a memcpy.
// CHECK:       %[[R0:.*]] = memref.subview %[[BIG]][2, 0]
// CHECK:       %[[R1:.*]] = memref.subview %[[BIG]][3, 0]
// CHECK:       memref.copy %[[R0]], %[[R1]]
// Zero elements, identity layout: kept.
// CHECK:       memref.copy %{{.*}}, %{{.*}} : memref<0x3xf32> to memref<0x3xf32>
// CHECK-NOT:   linalg.copy
// CHECK:       return
func.func @copies(%a: memref<4x8xf32>, %b: memref<4x8xf32>, %big: memref<6x10xf32>, %e: memref<0x3xf32>, %e2: memref<0x3xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  %s = memref.subview %big[1, 1] [4, 8] [1, 1] : memref<6x10xf32> to memref<4x8xf32, strided<[10, 1], offset: 11>>
  memref.copy %a, %s : memref<4x8xf32> to memref<4x8xf32, strided<[10, 1], offset: 11>>
  %row = memref.subview %big[2, 0] [1, 10] [1, 1] : memref<6x10xf32> to memref<10xf32, strided<[1], offset: 20>>
  %r2 = memref.subview %big[3, 0] [1, 10] [1, 1] : memref<6x10xf32> to memref<10xf32, strided<[1], offset: 30>>
  memref.copy %row, %r2 : memref<10xf32, strided<[1], offset: 20>> to memref<10xf32, strided<[1], offset: 30>>
  memref.copy %e, %e2 : memref<0x3xf32> to memref<0x3xf32>
  return
}

// -----

// A dynamic offset keeps a contiguous 1-D view contiguous; a step of 2 does
// not: either side strided makes the copy loops.
// CHECK-LABEL: func.func @dynamic_offset_and_step
// CHECK:       %[[S:.*]] = memref.subview %{{.*}}[%{{.*}}] [4] [1]
// CHECK:       %[[T:.*]] = memref.subview %{{.*}}[0] [4] [2]
// CHECK:       linalg.copy ins(%[[S]] : memref<4xf32, strided<[1], offset: ?>>) outs(%[[T]] : memref<4xf32, strided<[2]>>)
// CHECK:       memref.copy %[[S]], %{{.*}} : memref<4xf32, strided<[1], offset: ?>> to memref<4xf32>
// CHECK:       return
func.func @dynamic_offset_and_step(%a: memref<8xf32>, %o: index, %out: memref<4xf32>) {
  %s = memref.subview %a[%o] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: ?>>
  %t = memref.subview %a[0] [4] [2] : memref<8xf32> to memref<4xf32, strided<[2]>>
  memref.copy %s, %t : memref<4xf32, strided<[1], offset: ?>> to memref<4xf32, strided<[2]>>
  memref.copy %s, %out : memref<4xf32, strided<[1], offset: ?>> to memref<4xf32>
  return
}

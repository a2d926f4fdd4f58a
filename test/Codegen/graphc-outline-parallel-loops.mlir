// RUN: graph-opt %s -graphc-outline-parallel-loops | FileCheck %s
// A marked loop becomes @F_parallel0(first, last, captures...) running
// iterations [first, last), and one no_inline call over all of them; the
// subview it reads through is recomputed inside, so the function takes the
// whole buffer. Unmarked loops and loops with one iteration stay where
// they are.

// CHECK-LABEL: func.func @f(
// CHECK-SAME:    %[[IN:.*]]: memref<8x16xf32>, %[[OUT:.*]]: memref<8x16xf32>)
// CHECK:         %[[C4:.*]] = arith.constant 4 : index
// CHECK:         call @f_parallel0(%{{.*}}, %[[C4]], %[[IN]], %[[OUT]]) {no_inline}
// CHECK:         scf.for
// CHECK:         } {graphc.parallel}
// CHECK:         scf.for
// CHECK-NOT:     graphc.parallel
// CHECK:         return
// CHECK:       func.func private @f_parallel0(%[[FIRST:.*]]: index, %[[LAST:.*]]: index, %[[A:.*]]: memref<8x16xf32>, %[[B:.*]]: memref<8x16xf32>) attributes {graphc.parallel_body}
// CHECK:         %[[OFF:.*]] = arith.muli %[[FIRST]], %{{.*}} : index
// CHECK:         %[[LO:.*]] = arith.addi %{{.*}}, %[[OFF]] : index
// CHECK:         %[[OFF2:.*]] = arith.muli %[[LAST]], %{{.*}} : index
// CHECK:         %[[HI:.*]] = arith.addi %{{.*}}, %[[OFF2]] : index
// CHECK:         scf.for %[[I:.*]] = %[[LO]] to %[[HI]] step %{{.*}} {
// CHECK:           memref.subview %[[A]][%[[I]], 0] [2, 16]
// CHECK:           memref.subview %[[B]][%[[I]], 0] [2, 16]
// CHECK:           memref.copy
// CHECK:         }
// CHECK-NOT:     graphc.parallel
// CHECK:         return
func.func @f(%in: memref<8x16xf32>, %out: memref<8x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c2 {
    %s = memref.subview %in[%i, 0] [2, 16] [1, 1] : memref<8x16xf32> to memref<2x16xf32, strided<[16, 1], offset: ?>>
    %d = memref.subview %out[%i, 0] [2, 16] [1, 1] : memref<8x16xf32> to memref<2x16xf32, strided<[16, 1], offset: ?>>
    memref.copy %s, %d : memref<2x16xf32, strided<[16, 1], offset: ?>> to memref<2x16xf32, strided<[16, 1], offset: ?>>
  } {graphc.parallel}
  // One iteration: nothing to split.
  scf.for %i = %c0 to %c2 step %c2 {
    %s = memref.subview %in[%i, 0] [2, 16] [1, 1] : memref<8x16xf32> to memref<2x16xf32, strided<[16, 1], offset: ?>>
    %d = memref.subview %out[%i, 0] [2, 16] [1, 1] : memref<8x16xf32> to memref<2x16xf32, strided<[16, 1], offset: ?>>
    memref.copy %s, %d : memref<2x16xf32, strided<[16, 1], offset: ?>> to memref<2x16xf32, strided<[16, 1], offset: ?>>
  } {graphc.parallel}
  // Not marked (a reduction, say).
  scf.for %i = %c0 to %c8 step %c1 {
    %v = memref.load %in[%i, %c0] : memref<8x16xf32>
    memref.store %v, %out[%c0, %c0] : memref<8x16xf32>
  }
  return
}

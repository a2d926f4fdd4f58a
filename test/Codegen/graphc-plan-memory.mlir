// RUN: graph-opt %s -split-input-file -graphc-plan-memory | FileCheck %s

// Three scratch buffers: a (64 floats = 256 bytes) dies at the copy into b
// (32 floats = 128 bytes), so c (256 bytes, allocated after that) gets a's
// bytes at offset 0, and b, live across both, the next 64-byte-aligned
// offset after the larger ones: 256. Workspace: 256 + 128 = 384 bytes, a
// trailing argument; the deallocations are gone.
// CHECK:       module attributes {graphc.workspace_bytes = 384 : i64}
// CHECK-LABEL: func.func @chain
// CHECK-SAME:  %[[WS:[^:]*]]: memref<384xi8> {graphc.workspace}
// CHECK:       %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:  %[[A:.*]] = memref.view %[[WS]][%[[C0]]][] : memref<384xi8> to memref<64xf32>
// CHECK:       %[[C256:.*]] = arith.constant 256 : index
// CHECK-NEXT:  %[[B:.*]] = memref.view %[[WS]][%[[C256]]][] : memref<384xi8> to memref<32xf32>
// CHECK:       %[[C0B:.*]] = arith.constant 0 : index
// CHECK-NEXT:  %[[C:.*]] = memref.view %[[WS]][%[[C0B]]][] : memref<384xi8> to memref<64xf32>
// CHECK-NOT:   memref.alloc
// CHECK-NOT:   memref.dealloc
// CHECK:       return
func.func @chain(%x: memref<64xf32>, %y: memref<64xf32>) {
  %a = memref.alloc() : memref<64xf32>
  linalg.copy ins(%x : memref<64xf32>) outs(%a : memref<64xf32>)
  %b = memref.alloc() : memref<32xf32>
  %sa = memref.subview %a[0] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1]>>
  linalg.copy ins(%sa : memref<32xf32, strided<[1]>>) outs(%b : memref<32xf32>)
  memref.dealloc %a : memref<64xf32>
  %c = memref.alloc() : memref<64xf32>
  %sc = memref.subview %c[0] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1]>>
  linalg.copy ins(%b : memref<32xf32>) outs(%sc : memref<32xf32, strided<[1]>>)
  linalg.copy ins(%c : memref<64xf32>) outs(%y : memref<64xf32>)
  memref.dealloc %b : memref<32xf32>
  memref.dealloc %c : memref<64xf32>
  return
}

// -----

// Sizes round up to the alignment: 3 floats take 64 bytes; two buffers
// live at once take 128. A dynamically shaped buffer stays a malloc.
// CHECK:       module attributes {graphc.workspace_bytes = 128 : i64}
// CHECK-LABEL: func.func @small
// CHECK:       memref.view {{.*}} to memref<3xf32>
// CHECK:       memref.view {{.*}} to memref<3xf32>
// CHECK:       memref.alloc(%{{.*}}) : memref<?xf32>
func.func @small(%x: memref<3xf32>, %y: memref<3xf32>, %n: index) {
  %a = memref.alloc() : memref<3xf32>
  %b = memref.alloc() : memref<3xf32>
  %d = memref.alloc(%n) : memref<?xf32>
  linalg.copy ins(%x : memref<3xf32>) outs(%a : memref<3xf32>)
  linalg.copy ins(%a : memref<3xf32>) outs(%b : memref<3xf32>)
  linalg.copy ins(%b : memref<3xf32>) outs(%y : memref<3xf32>)
  memref.dealloc %d : memref<?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @none
// CHECK-SAME:  memref<0xi8> {graphc.workspace}
func.func @none(%x: memref<3xf32>, %y: memref<3xf32>) {
  linalg.copy ins(%x : memref<3xf32>) outs(%y : memref<3xf32>)
  return
}

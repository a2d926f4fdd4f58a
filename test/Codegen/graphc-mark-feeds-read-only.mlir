// RUN: graph-opt %s -split-input-file -graphc-mark-feeds-read-only | FileCheck %s
// RUN: graph-opt %s -split-input-file -graphc-mark-feeds-read-only -one-shot-bufferize=bufferize-function-boundaries | FileCheck %s --check-prefix=BUF
// RUN: graph-opt %s -split-input-file -one-shot-bufferize=bufferize-function-boundaries | FileCheck %s --check-prefix=UNMARKED
// The tensor arguments of public functions (the feeds) are marked
// non-writable, so one-shot bufferization copies rather than updating a
// caller's input buffer in place.

// A linalg op with the feed as `outs` would write into the feed; with the
// mark, bufferization copies the feed into a new buffer and updates that;
// without it (UNMARKED), the feed itself is written.
// CHECK-LABEL: func.func @in_place_update
// CHECK-SAME:  (%{{.*}}: tensor<4xf32> {bufferization.writable = false}, %{{.*}}: index)
// BUF-LABEL:   func.func @in_place_update
// BUF-SAME:    (%[[X:[^:]*]]: memref<4xf32{{.*}}>, %{{[^:]*}}: index)
// BUF:         %[[NEW:.*]] = memref.alloc
// BUF:         memref.copy %[[X]], %[[NEW]]
// BUF:         linalg.generic {{.*}}outs(%[[NEW]] : memref<4xf32>)
// BUF:         return %[[NEW]]
// UNMARKED-LABEL: func.func @in_place_update
// UNMARKED-SAME:  (%[[X:[^:]*]]: memref<4xf32{{.*}}>, %{{[^:]*}}: index)
// UNMARKED-NOT:   memref.alloc
// UNMARKED:       linalg.generic {{.*}}outs(%[[X]] :
// UNMARKED:       return %[[X]]
func.func @in_place_update(%x: tensor<4xf32>, %i: index) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      outs(%x : tensor<4xf32>) {
  ^bb0(%o: f32):
    %n = arith.negf %o : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// Only tensor arguments of public functions with bodies are marked.
// CHECK-LABEL: func.func @mixed
// CHECK-SAME:  (%{{.*}}: tensor<2xi32> {bufferization.writable = false}, %{{.*}}: f32, %{{.*}}: tensor<f32> {bufferization.writable = false})
// CHECK-LABEL: func.func private @internal
// CHECK-NOT:   bufferization.writable
// CHECK-LABEL: func.func private @external
// CHECK-NOT:   bufferization.writable
func.func @mixed(%a: tensor<2xi32>, %s: f32, %b: tensor<f32>) -> tensor<2xi32> {
  return %a : tensor<2xi32>
}
func.func private @internal(%a: tensor<2xi32>) -> tensor<2xi32> {
  return %a : tensor<2xi32>
}
func.func private @external(%a: tensor<2xi32>) -> tensor<2xi32>

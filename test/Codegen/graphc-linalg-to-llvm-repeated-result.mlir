// RUN: graph-opt %s -graphc-linalg-to-llvm | FileCheck %s
// RUN: graph-opt %s -graphc-linalg-to-llvm=naive=1 | FileCheck %s
// A function returning the same value twice (two fetches that CSE merged)
// must lower with two out-parameters, each written.
// XFAIL: *
// Crashes (segfault in buffer-results-to-out-params) with the bufferization
// stage in the tree today: eliminate-empty-tensors, now run before one-shot
// bufferization, replaces the fresh tensor that graphc-copy-repeated-results
// copies the repeated value into with the value itself
// (`linalg.copy ins(%v) outs(%v)`), so the function again returns one memref
// twice. Also `graph-compile emotion.pb --fetch Identity --fetch Identity`.
// Remove the XFAIL when that is fixed.

// CHECK-LABEL: llvm.func @twice
// CHECK-SAME:  (%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr
// CHECK:       llvm.return
func.func @twice(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %e = tensor.empty() : tensor<4x8xf32>
  %v = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<4x8xf32>
  return %v, %v : tensor<4x8xf32>, tensor<4x8xf32>
}

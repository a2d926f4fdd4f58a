// RUN: graph-opt %s -graphc-linalg-to-llvm | FileCheck %s
// RUN: graph-opt %s -graphc-linalg-to-llvm=naive=1 | FileCheck %s
// RUN: graph-opt %s -graphc-bufferize | FileCheck %s --check-prefix=BUF
// A function returning the same value twice (two fetches that CSE merged)
// must lower with two out-parameters, each written.
// (It crashed in buffer-results-to-out-params while eliminate-empty-tensors
// ran after graphc-copy-repeated-results: that turned the copy's fresh init
// into the copied value itself, `linalg.copy ins(%v) outs(%v)`, and the
// function returned one memref twice again.)

// BUF-LABEL: func.func @twice
// BUF-SAME:  (%{{[^:]*}}: memref<4x8xf32>, %[[O1:[^:]*]]: memref<4x8xf32>, %[[O2:[^:]*]]: memref<4x8xf32>
// BUF:       linalg.generic {{.*}}outs(%[[O1]] : memref<4x8xf32>)
// BUF:       copy {{.*}}%[[O1]]{{.*}}, {{.*}}%[[O2]]
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

// RUN: graph-opt %s -split-input-file -graphc-copy-repeated-results | FileCheck %s
// Every result of a public function gets a tensor of its own: a feed
// fetched as it is and a value returned twice (two fetches CSE merged) are
// copied into fresh tensors, so each out-parameter gets its own writes.

// The same computed value returned twice: the first use stays, the second
// is a copy.
// CHECK-LABEL: func.func @same_value_twice
// CHECK:       %[[V:.*]] = linalg.generic
// CHECK:       %[[E:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:       %[[C:.*]] = linalg.copy ins(%[[V]] : tensor<4xf32>) outs(%[[E]] : tensor<4xf32>) -> tensor<4xf32>
// CHECK-NOT:   linalg.copy
// CHECK:       return %[[V]], %[[C]] : tensor<4xf32>, tensor<4xf32>
func.func @same_value_twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %v = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  return %v, %v : tensor<4xf32>, tensor<4xf32>
}

// -----

// A returned argument is always copied, also when it appears once; each
// appearance gets its own copy. Scalars are left alone.
// CHECK-LABEL: func.func @returns_arguments
// CHECK-SAME:  (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<4xi32>)
// CHECK:       %[[C1:.*]] = linalg.copy ins(%[[Y]] : tensor<4xi32>)
// CHECK:       %[[C2:.*]] = linalg.copy ins(%[[X]] : tensor<2x3xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK:       %[[C3:.*]] = linalg.copy ins(%[[Y]] : tensor<4xi32>)
// CHECK:       return %[[C1]], %[[C2]], %[[C3]], %{{.*}} : tensor<4xi32>, tensor<2x3xf32>, tensor<4xi32>, f32
func.func @returns_arguments(%x: tensor<2x3xf32>, %y: tensor<4xi32>) -> (tensor<4xi32>, tensor<2x3xf32>, tensor<4xi32>, f32) {
  %c = arith.constant 1.0 : f32
  return %y, %x, %y, %c : tensor<4xi32>, tensor<2x3xf32>, tensor<4xi32>, f32
}

// -----

// Distinct results need nothing; private functions are not the ABI and are
// left as they are.
// CHECK-LABEL: func.func @distinct
// CHECK-NOT:   linalg.copy
// CHECK:       return
// CHECK-LABEL: func.func private @helper
// CHECK-NOT:   linalg.copy
// CHECK:       return %arg0, %arg0
func.func @distinct(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %n = arith.negf %i : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %n = math.absf %i : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  return %a, %b : tensor<4xf32>, tensor<4xf32>
}
func.func private @helper(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}

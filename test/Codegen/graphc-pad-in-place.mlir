// RUN: graph-opt %s -split-input-file -graphc-pad-in-place | FileCheck %s

// A single-use linalg result that is padded: the fill of the padded shape
// is placed before the producer (and before the tensor.empty it writes),
// and the value is inserted into the fill's interior at the low padding.
// CHECK-LABEL: func.func @padded_result
// CHECK:       arith.constant
// CHECK-NEXT:  %[[PAD:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:  %[[E:.*]] = tensor.empty() : tensor<1x6x6x8xf32>
// CHECK-NEXT:  %[[F:.*]] = linalg.fill ins(%[[PAD]] : f32) outs(%[[E]] : tensor<1x6x6x8xf32>)
// CHECK-NEXT:  tensor.empty() : tensor<1x4x4x8xf32>
// CHECK:       %[[V:.*]] = linalg.generic
// CHECK:       tensor.insert_slice %[[V]] into %[[F]][0, 1, 1, 0] [1, 4, 4, 8] [1, 1, 1, 1]
// CHECK-NOT:   tensor.pad
func.func @padded_result(%x: tensor<1x4x4x8xf32>) -> tensor<1x6x6x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x8xf32>
  %v = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x4x4x8xf32>) outs(%e : tensor<1x4x4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x4x4x8xf32>
  %p = tensor.pad %v low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x8xf32> to tensor<1x6x6x8xf32>
  return %p : tensor<1x6x6x8xf32>
}

// -----

// Left alone: a padded feed (no producer to write in place), a value with
// another user (bufferization would copy it back out), a non-constant
// padding value.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-3: tensor.pad
// CHECK-NOT:   linalg.fill
func.func @kept(%x: tensor<1x4x4x8xf32>, %c: f32) -> (tensor<1x6x6x8xf32>, tensor<1x4x4x8xf32>, tensor<1x6x6x8xf32>, tensor<1x6x6x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %p0 = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x8xf32> to tensor<1x6x6x8xf32>
  %e = tensor.empty() : tensor<1x4x4x8xf32>
  %v = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x4x4x8xf32>) outs(%e : tensor<1x4x4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x4x4x8xf32>
  %p1 = tensor.pad %v low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x8xf32> to tensor<1x6x6x8xf32>
  %w = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x4x4x8xf32>) outs(%e : tensor<1x4x4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.minimumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x4x4x8xf32>
  %p2 = tensor.pad %w low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %c : f32
  } : tensor<1x4x4x8xf32> to tensor<1x6x6x8xf32>
  return %p0, %v, %p1, %p2 : tensor<1x6x6x8xf32>, tensor<1x4x4x8xf32>, tensor<1x6x6x8xf32>, tensor<1x6x6x8xf32>
}

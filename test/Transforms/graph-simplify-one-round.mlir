// RUN: graph-opt %s -graph-simplify=max-iterations=2 | FileCheck %s
// graph-simplify refines and folds in one walk, so three Reshapes whose
// shapes are computed from the previous one's (Shape -> Prod -> Pack, as
// Keras 3's Dense on a 4-D input builds them, 36 chains deep in ConvNeXt)
// all become static in the first round; the second sees nothing change.
// Folding only in the canonicalizer needed one round per chain.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: -> tensor<6x4xf32>
// CHECK-NOT: graph.Shape
// CHECK-NOT: graph.Prod
func.func @chain(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  %axis = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %all = graph.Const {value = dense<[0, 1]> : tensor<2xi32>} : tensor<2xi32>
  %last = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %s0 = graph.Shape %x {out_type = i32} : (tensor<2x3x4xf32>) -> tensor<*xi32>
  %lead0 = graph.GatherV2 %s0, %all, %zero : (tensor<*xi32>, tensor<2xi32>, tensor<i32>) -> tensor<*xi32>
  %rows0 = graph.Prod %lead0, %axis : (tensor<*xi32>, tensor<1xi32>) -> tensor<*xi32>
  %cols0 = graph.GatherV2 %s0, %last, %zero : (tensor<*xi32>, tensor<1xi32>, tensor<i32>) -> tensor<*xi32>
  %c0 = graph.Prod %cols0, %axis : (tensor<*xi32>, tensor<1xi32>) -> tensor<*xi32>
  %shape0 = graph.Pack %rows0, %c0 {axis = 0 : i64} : (tensor<*xi32>, tensor<*xi32>) -> tensor<*xi32>
  %r0 = graph.Reshape %x, %shape0 : (tensor<2x3x4xf32>, tensor<*xi32>) -> tensor<*xf32>
  %s1 = graph.Shape %r0 {out_type = i32} : (tensor<*xf32>) -> tensor<*xi32>
  %r1 = graph.Reshape %r0, %s1 : (tensor<*xf32>, tensor<*xi32>) -> tensor<*xf32>
  %s2 = graph.Shape %r1 {out_type = i32} : (tensor<*xf32>) -> tensor<*xi32>
  %r2 = graph.Reshape %r1, %s2 : (tensor<*xf32>, tensor<*xi32>) -> tensor<*xf32>
  return %r2 : tensor<*xf32>
}

// RUN: timeout 60 graph-opt %s -graph-to-linalg | FileCheck %s
// Batch-norm factors over constants are computed at compile time only up to
// kMaxLoweringTable (2^20) channels: these 2^40 splat channels would have
// been 2^40 iterations building a 4 TB table. Past the bound, the factor is
// a linalg.generic at run time.
// CHECK-LABEL: func.func @bn_huge_channels
// CHECK-NOT: arith.constant dense<{{.*}}> : tensor<1099511627776xf32>
// CHECK: linalg.generic
// CHECK: math.sqrt
func.func @bn_huge_channels(%x: tensor<1x1x1x1099511627776xf32>) -> tensor<1x1x1x1099511627776xf32> {
  %s = graph.Const {value = dense<1.0> : tensor<1099511627776xf32>} : tensor<1099511627776xf32>
  %0:6 = graph.FusedBatchNormV3 %x, %s, %s, %s, %s {epsilon = 0.001 : f32, is_training = false} : (tensor<1x1x1x1099511627776xf32>, tensor<1099511627776xf32>, tensor<1099511627776xf32>, tensor<1099511627776xf32>, tensor<1099511627776xf32>) -> (tensor<1x1x1x1099511627776xf32>, tensor<1099511627776xf32>, tensor<1099511627776xf32>, tensor<1099511627776xf32>, tensor<1099511627776xf32>, tensor<0xf32>)
  return %0#0 : tensor<1x1x1x1099511627776xf32>
}

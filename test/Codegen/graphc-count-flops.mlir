// RUN: graph-opt %s -graphc-count-flops | FileCheck %s

// 2 x iteration points per node: matmul 8x16x32 = 2*8*32*16 = 8192; the
// conv 1x4x4x8 output, 3x3x2 window = 2*1*4*4*8*3*3*2 = 4608, plus the
// depthwise conv of the same node 2*1*4*4*2*3*3 = 576 -> 5184. Elementwise
// ops count nothing.
// CHECK: module attributes {graphc.node_flops = {c = 5184 : i64, m = 8192 : i64}}
func.func @f(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %x: tensor<1x6x6x2xf32>, %w: tensor<3x3x2x8xf32>, %dw: tensor<3x3x2xf32>) -> (tensor<8x32xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x2xf32>) {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %m = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32> loc("m")
  %e2 = tensor.empty() : tensor<1x4x4x8xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x6x6x2xf32>, tensor<3x3x2x8xf32>) outs(%e2 : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> loc("c")
  %e3 = tensor.empty() : tensor<1x4x4x2xf32>
  %d = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %dw : tensor<1x6x6x2xf32>, tensor<3x3x2xf32>) outs(%e3 : tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> loc("c")
  return %m, %c, %d : tensor<8x32xf32>, tensor<1x4x4x8xf32>, tensor<1x4x4x2xf32>
}

// The registered codegen pipelines: each stage alone (graphc-kernels,
// graphc-bufferize, graphc-lower-to-llvm), all three (graphc-linalg-to-llvm),
// and the naive -O0 pipeline (naive=1) kept as an independent reference.
// RUN: graph-opt %s -split-input-file -graphc-kernels | FileCheck %s --check-prefix=KERNELS
// RUN: graph-opt %s -split-input-file -graphc-kernels=naive=1 | FileCheck %s --check-prefix=NOKERNELS
// RUN: graph-opt %s -split-input-file -graphc-kernels -graphc-bufferize | FileCheck %s --check-prefix=BUF
// RUN: graph-opt %s -split-input-file -graphc-kernels -graphc-bufferize | graph-opt -graphc-lower-to-llvm | FileCheck %s --check-prefix=LLVM
// RUN: graph-opt %s -split-input-file -graphc-linalg-to-llvm | FileCheck %s --check-prefix=LLVM
// RUN: graph-opt %s -split-input-file -graphc-linalg-to-llvm=vector-width=16 | FileCheck %s --check-prefix=W16
// RUN: graph-opt %s -split-input-file -graphc-linalg-to-llvm=naive=1 | FileCheck %s --check-prefix=NAIVE

// matmul 8x32 (K=16) + bias + relu.
// Stage 1: one fused, vectorized tile loop nest on tensors; the accumulator
// is carried by the k loop as a vector; the epilogue is applied to it.
// KERNELS-LABEL: func.func @matmul_bias_relu
// KERNELS-NOT:   linalg.
// (B, 16x32, outweighs A, 8x16: its column panels are the outer loop.)
// KERNELS:       scf.for {{.*}} step %c16
// KERNELS:         scf.for {{.*}} step %c4
// KERNELS:           %[[ACC:.*]] = scf.for {{.*}} step %c8 iter_args(%{{.*}} = %{{.*}}) -> (vector<4x16xf32>)
// KERNELS:             vector.contract
// KERNELS:           arith.addf %[[ACC]]
// KERNELS:           arith.maximumf
// KERNELS:           vector.transfer_write {{.*}} : vector<4x16xf32>, tensor<4x16xf32>
// KERNELS-NOT:   linalg.
// KERNELS:       return
// naive=1 skips stage 1: the ops are unchanged.
// NOKERNELS-LABEL: func.func @matmul_bias_relu
// NOKERNELS:       linalg.fill
// NOKERNELS:       linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x16xf32>, tensor<16x32xf32>)
// NOKERNELS:       linalg.generic
// NOKERNELS-NOT:   vector.
// Stage 2: buffers; the result is an out-parameter after the feeds.
// BUF-LABEL: func.func @matmul_bias_relu
// BUF-SAME:  (%{{[^:]*}}: memref<8x16xf32>, %{{[^:]*}}: memref<16x32xf32>, %{{[^:]*}}: memref<32xf32>, %[[OUT:[^:]*]]: memref<8x32xf32>
// BUF-NOT:   tensor<
// BUF:       vector.contract
// BUF:       return
// Stage 3 (and the whole pipeline): LLVM dialect, bare pointers, the
// contraction as FMAs on 16 lanes (2 AVX2 registers); no vector.contract,
// loop or memref op left.
// LLVM-LABEL: llvm.func @matmul_bias_relu
// LLVM-SAME:  (%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr
// LLVM-NOT:   vector.contract
// LLVM-NOT:   scf.
// LLVM-NOT:   memref.
// LLVM:       llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// LLVM-NOT:   vector.contract
// LLVM-NOT:   scf.
// LLVM-NOT:   memref.
// LLVM:       llvm.return
// vector-width=16: 4 x 32 output tiles, FMAs on 32 lanes.
// W16-LABEL: llvm.func @matmul_bias_relu
// W16:       llvm.intr.fmuladd({{.*}}) : (vector<32xf32>, vector<32xf32>, vector<32xf32>) -> vector<32xf32>
// naive=1: scalar loops, separate multiply and add (no FMA contraction).
// NAIVE-LABEL: llvm.func @matmul_bias_relu
// NAIVE-NOT:   vector<
// NAIVE-NOT:   llvm.intr.fmuladd
// NAIVE:       llvm.fmul %{{.*}}, %{{.*}} : f32
// NAIVE:       llvm.fadd %{{.*}}, %{{.*}} : f32
// NAIVE-NOT:   vector<
// NAIVE-NOT:   llvm.intr.fmuladd
// NAIVE:       llvm.return
#id = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
func.func @matmul_bias_relu(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%f : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<8x32xf32>, tensor<32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// Depthwise conv + relu6 and a fed-through argument: the conv tile becomes
// FMAs, the argument is copied into its own out-parameter (one
// memref.copy: a memcpy).
// KERNELS-LABEL: func.func @depthwise_and_argument
// KERNELS:       vector.fma {{.*}} : vector<1x4x16xf32>
// KERNELS:       arith.minimumf
// KERNELS:       return
// BUF-LABEL: func.func @depthwise_and_argument
// BUF-SAME:  (%[[IN:[^:]*]]: memref<1x10x10x32xf32>, %{{[^:]*}}: memref<3x3x32xf32>, %{{[^:]*}}: memref<1x8x8x32xf32>, %[[OUT2:[^:]*]]: memref<1x10x10x32xf32>
// BUF:       memref.copy %[[IN]], %[[OUT2]]
// LLVM-LABEL: llvm.func @depthwise_and_argument
// LLVM:       llvm.intr.fmuladd
// LLVM:       llvm.return
// NAIVE-LABEL: llvm.func @depthwise_and_argument
// NAIVE-NOT:   vector<
// NAIVE:       llvm.return
func.func @depthwise_and_argument(%in: tensor<1x10x10x32xf32>, %w: tensor<3x3x32xf32>) -> (tensor<1x8x8x32xf32>, tensor<1x10x10x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  %e = tensor.empty() : tensor<1x8x8x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : tensor<1x10x10x32xf32>, tensor<3x3x32xf32>) outs(%f : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : tensor<1x8x8x32xf32>) outs(%e : tensor<1x8x8x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %lo = arith.maximumf %x, %zero : f32
    %hi = arith.minimumf %lo, %six : f32
    linalg.yield %hi : f32
  } -> tensor<1x8x8x32xf32>
  return %r, %in : tensor<1x8x8x32xf32>, tensor<1x10x10x32xf32>
}

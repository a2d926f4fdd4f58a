//===- Pipeline.h - linalg on tensors to the LLVM dialect -------*- C++ -*-===//
//
// The codegen pipeline, composed of stages in the way IREE's LLVMCPU
// pipeline is: its input is a module holding the model as
//   func.func @NAME(%feed0: tensor<...>, ...) -> (tensor<...>, ...)
// (public, static shapes, linalg/tensor/arith/math/scf on tensors with
// dense constant weights); its output the same function in the LLVM
// dialect with one bare pointer per feed and per fetch.
//
//   1. kernels (CodegenOptions::tileAndVectorize): fuse elementwise ops,
//      choose a tile strategy per op, tile and fuse epilogues into the
//      tiles, read B of matmul tiles from packed panels, decompose and
//      vectorize the tiles (graphc/Codegen/Passes.td);
//   2. bufferization: tensors to buffers, results to caller-owned
//      out-parameters, temporaries freed;
//   3. LLVM: accumulators hoisted into registers, vectors lowered to FMAs,
//      what is left to loops, everything to the LLVM dialect.
//
// With tileAndVectorize off (-O0), stage 1 is skipped and stage 3 turns
// every linalg op into scalar loops: the naive pipeline, kept as a second,
// independent implementation to test the fast one against.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_CODEGEN_PIPELINE_H
#define GRAPHC_CODEGEN_PIPELINE_H

#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir {
class DialectRegistry;
class OpPassManager;
} // namespace mlir

namespace graphc {

struct CodegenOptions {
  /// LLVM optimization level (0-3) of the IR pipeline and code generator.
  /// 0 also switches the kernel stage off (the naive pipeline).
  unsigned optLevel = 3;
  /// LLVM CPU name; "host" is the CPU graphc runs on, with all its features.
  std::string cpu = "host";
  /// Extra subtarget features, e.g. "+avx2,-avx512f".
  std::string features;
  /// Target triple; empty means the host's. Linking a .so for another
  /// target needs that target's libc.
  std::string triple;
  /// Stage 1: tile, fuse and vectorize the kernels.
  bool tileAndVectorize = true;
  /// Stage 1: read matmul tiles' B from panels (compile-time relayout of
  /// constant weights; one linalg.pack per call otherwise).
  bool packMatmulWeights = true;
  /// fp32 lanes of the widest vector register the kernels use; 0 means
  /// "ask the target" (emitArtifacts sets it: 16 with AVX-512, else 8).
  unsigned vectorWidth = 0;
  /// Count cycles per kernel and export NAME_profile() (--profile).
  bool profile = false;
  /// Threads the parallel tile loops are split across (--threads); 1 runs
  /// everything on the caller's thread, as without the pool.
  unsigned threads = 1;
  /// --sanitize: "thread" or "address" instruments the generated code (the
  /// kernels and the embedded thread pool) with that LLVM sanitizer, for
  /// testing graphc's code generation; the library then resolves the
  /// sanitizer's runtime from a program built with -fsanitize=... and is no
  /// longer self-contained. Empty: none (the default).
  std::string sanitize;
};

/// Stage 1 (tensors): fusion, strategy, tiling, vectorization.
void buildKernelPipeline(mlir::OpPassManager &pm,
                         const CodegenOptions &options);
/// Stage 2: bufferization, out-parameters, deallocation.
void buildBufferizationPipeline(mlir::OpPassManager &pm,
                                const CodegenOptions &options);
/// Stage 3: buffers and vectors to the LLVM dialect.
void buildLLVMLoweringPipeline(mlir::OpPassManager &pm,
                               const CodegenOptions &options);
/// All three stages.
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm,
                               const CodegenOptions &options);

/// Registers graphc's codegen passes and the pipelines
/// `graphc-linalg-to-llvm` (all stages, default options; `naive=1` for the
/// -O0 pipeline), `graphc-kernels`, `graphc-bufferize` and
/// `graphc-lower-to-llvm` (one stage each), for graph-opt. Idempotent.
void registerCodegenPipelines();

/// Registers the dialects, bufferization / deallocation external models
/// and LLVM IR translations that the pipeline needs.
void registerCodegenDialects(mlir::DialectRegistry &registry);

} // namespace graphc

#endif // GRAPHC_CODEGEN_PIPELINE_H

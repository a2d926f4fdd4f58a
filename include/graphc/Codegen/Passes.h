//===- Passes.h - codegen passes --------------------------------*- C++ -*-===//
#ifndef GRAPHC_CODEGEN_PASSES_H
#define GRAPHC_CODEGEN_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace graphc {

/// Marks the functions graphc-outline-parallel-loops creates, body(first,
/// last, captures...), whose calls graphc-dispatch-parallel-calls splits
/// across threads.
constexpr llvm::StringLiteral kParallelBodyAttrName = "graphc.parallel_body";

/// The thread pool entry the generated code calls (lib/Target/runtime):
///   void graphc_rt_parallel_for(void (*task)(void *ctx, int64_t first,
///                               int64_t last), void *ctx, int64_t n,
///                               int32_t threads)
constexpr llvm::StringLiteral kParallelForName = "graphc_rt_parallel_for";

#define GEN_PASS_DECL
#include "graphc/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "graphc/Codegen/Passes.h.inc"

} // namespace graphc

#endif // GRAPHC_CODEGEN_PASSES_H

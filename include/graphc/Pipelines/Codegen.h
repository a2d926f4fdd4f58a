//===- Codegen.h - Linalg on tensors to a shared library --------*- C++ -*-===//
//
// The back half of graphc. Its input is a module holding the model as
//   func.func @NAME(%feed0: tensor<...>, ...) -> (tensor<...>, ...)
// (public, static shapes, a body in linalg/tensor/arith/math/scf on tensors
// with dense constant weights). lowerToLLVMDialect runs the three stages of
// lib/Codegen (graphc/Codegen/Pipeline.h: kernels, bufferization with the
// workspace plan, LLVM lowering), so @NAME takes one plain pointer per feed
// and fetch and then the workspace. emitArtifacts then adds the exported
// ABI of graphc-c/Runtime.h and writes PREFIX.{o,so,h,...}.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_PIPELINES_CODEGEN_H
#define GRAPHC_PIPELINES_CODEGEN_H

#include "graphc/Pipelines/PhaseReport.h"
#include "graphc/Codegen/Pipeline.h"
#include "graphc/Target/ModelSignature.h"

#include "mlir/Support/LLVM.h"

#include <functional>
#include <memory>
#include <set>
#include <string>

namespace mlir {
class DialectRegistry;
class ModuleOp;
class OpPassManager;
class Pass;
class PassManager;
} // namespace mlir

namespace graphc {

/// What to write, and where.
struct EmitOptions {
  /// Path prefix: "out/mlp" writes out/mlp.o, out/mlp.so, ... The folder is
  /// created if missing.
  std::string outputPrefix;
  /// Any of: "obj" (.o), "so" (.so), "h" (.h), "mlir" (.mlir: the input,
  /// linalg on tensors), "bufferized" (.bufferized.mlir: after
  /// bufferization), "llvm-dialect" (.llvm-dialect.mlir: the LLVM dialect),
  /// "llvm" (.ll: LLVM IR after -O), "asm" (.s).
  std::set<std::string> emit = {"obj", "so", "h"};
  CodegenOptions codegen;
  /// Called on the MLIR pass manager before it runs (e.g. to apply
  /// --mlir-print-ir-after-all); may fail.
  std::function<mlir::LogicalResult(mlir::PassManager &)> configurePassManager;
  /// Reports the codegen phases (PhaseReport.h); null: silent.
  PhaseReporter *reporter = nullptr;
};

/// The file kinds EmitOptions::emit accepts.
const std::set<std::string> &getEmitKinds();

/// Checks that `module` holds a public func.func @NAME whose arguments and
/// results match `signature` (count, order, static shape, element type).
mlir::LogicalResult verifyEntryFunction(mlir::ModuleOp module,
                                        const ModelSignature &signature);

/// Lowers `module` in place to the LLVM dialect with the three stages of
/// buildLinalgToLLVMPipeline, calling `afterBufferization` (if set) between
/// stages 2 and 3.
mlir::LogicalResult lowerToLLVMDialect(
    mlir::ModuleOp module, const CodegenOptions &options,
    const std::function<mlir::LogicalResult(mlir::PassManager &)>
        &configurePassManager = nullptr,
    const std::function<mlir::LogicalResult(mlir::ModuleOp)>
        &afterBufferization = nullptr);

/// The whole back end: verify, lower `linalgModule` (in place), add the
/// exported entry point and metadata, optimize, and write the requested
/// files. Reports every error as an MLIR diagnostic on the module.
mlir::LogicalResult emitArtifacts(mlir::ModuleOp linalgModule,
                                  const ModelSignature &signature,
                                  const EmitOptions &options);

} // namespace graphc

#endif // GRAPHC_PIPELINES_CODEGEN_H

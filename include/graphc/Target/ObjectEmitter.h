//===- ObjectEmitter.h - LLVM dialect to objects and assembly ---*- C++ -*-===//
//
// The in-process LLVM back end of graphc: translate a module in the MLIR LLVM
// dialect to LLVM IR for a TargetMachine (the host CPU unless told
// otherwise), optimize it with LLVM's own -O3 pipeline (the new pass
// manager's per-module default pipeline, which includes the loop and SLP
// vectorizers a bare `llc` would skip), and emit position-independent
// object code or assembly. No fast-math: results stay IEEE-exact per
// operation, as TensorFlow computes them.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_OBJECTEMITTER_H
#define GRAPHC_TARGET_OBJECTEMITTER_H

#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace graphc {

/// Which machine to generate code for.
struct TargetMachineOptions {
  /// Target triple; empty means the host's (sys::getProcessTriple()).
  std::string triple;
  /// LLVM CPU name ("znver3", "x86-64-v3", ...); "host" means the CPU this
  /// process runs on, with all of its features.
  std::string cpu = "host";
  /// Extra subtarget features ("+avx2,-avx512f"), applied after the CPU's.
  std::string features;
  /// 0-3: the LLVM IR optimization level and the code generator's.
  unsigned optLevel = 3;
};

/// Creates a PIC TargetMachine for `options`. Initializes the native target
/// (and every target, if `options.triple` names another one) on first use.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetMachineOptions &options);

/// Translates `module` (LLVM dialect only) into LLVM IR in `llvmContext`,
/// sets the triple and data layout of `machine`, and tags every function
/// with the machine's CPU and features. MLIR diagnostics go to the module's
/// context; the returned error only summarizes.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                  llvm::TargetMachine &machine);

/// Tags every function defined in `module` with the CPU and features of
/// `machine`. With `replace`, existing tags (and tune-cpu) are dropped
/// first, as for code compiled elsewhere for another CPU; without it a
/// function's own tags win.
void setTargetAttributes(llvm::Module &module, llvm::TargetMachine &machine,
                         bool replace);

/// Runs LLVM's default per-module pipeline at `optLevel` (0-3) with loop
/// and SLP vectorization, then verifies the module. `sanitize` ("thread",
/// "address" or empty) adds that sanitizer's instrumentation last, as
/// clang's -fsanitize does.
llvm::Error optimizeModule(llvm::Module &module, llvm::TargetMachine &machine,
                           unsigned optLevel, llvm::StringRef sanitize = "");

/// fp32 lanes of the widest vector registers `machine` may use: 16 with
/// AVX-512F, 8 with AVX, 4 otherwise (SSE, NEON).
unsigned getVectorWidthInFloats(const llvm::TargetMachine &machine);

enum class MachineCodeKind { Object, Assembly };

/// Runs the code generator of `machine` on a copy of `module` (code
/// generation changes the IR it runs on, so the caller's module stays
/// reusable, e.g. to emit both assembly and an object) and writes an ELF
/// object or assembly text to `os`.
llvm::Error emitMachineCode(const llvm::Module &module,
                            llvm::TargetMachine &machine, MachineCodeKind kind,
                            llvm::raw_pwrite_stream &os);

} // namespace graphc

#endif // GRAPHC_TARGET_OBJECTEMITTER_H

//===- Runtime.h - the support code linked into generated libraries -*- C++ -*-===//
//
// The pieces of a generated library graphc does not generate: today the
// thread pool behind --threads (lib/Target/runtime/ThreadPool.c), compiled
// to LLVM IR when graphc is built and embedded in it.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_RUNTIME_H
#define GRAPHC_TARGET_RUNTIME_H

#include "llvm/Support/Error.h"

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace graphc {

/// Links the runtime into `module` if it calls the runtime (a declaration
/// of graphc_rt_parallel_for), re-targeted to `machine`, with every runtime
/// symbol made internal: two models in one program never share or clash.
llvm::Error linkRuntime(llvm::Module &module, llvm::TargetMachine &machine);

} // namespace graphc

#endif // GRAPHC_TARGET_RUNTIME_H

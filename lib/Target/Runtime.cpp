//===- Runtime.cpp - link the embedded runtime into a model ---------------===//
//
// See graphc/Target/Runtime.h. The IR text comes from ThreadPool.c through
// clang at build time (lib/Target/CMakeLists.txt); it includes no system
// header, so re-targeting it is a matter of triple, data layout and CPU.
//
//===----------------------------------------------------------------------===//

#include "graphc/Target/Runtime.h"
#include "graphc/Target/ObjectEmitter.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;

static const char kThreadPoolIR[] =
#include "ThreadPool.inc"
    ;

Error graphc::linkRuntime(Module &module, TargetMachine &machine) {
  Function *entry = module.getFunction("graphc_rt_parallel_for");
  if (!entry || !entry->isDeclaration())
    return Error::success();
  SMDiagnostic diagnostic;
  std::unique_ptr<Module> runtime =
      parseAssemblyString(kThreadPoolIR, diagnostic, module.getContext());
  if (!runtime)
    return createStringError(inconvertibleErrorCode(),
                             "the embedded runtime does not parse: " +
                                 diagnostic.getMessage());
  runtime->setTargetTriple(module.getTargetTriple());
  runtime->setDataLayout(module.getDataLayout());
  // Compiled by clang for a generic CPU: re-tag it for the model's.
  setTargetAttributes(*runtime, machine, /*replace=*/true);
  if (Linker::linkModules(module, std::move(runtime)))
    return createStringError(inconvertibleErrorCode(),
                             "cannot link the runtime into the model");
  // Each model its own pool: nothing of the runtime is exported.
  for (Function &fn : module.functions())
    if (!fn.isDeclaration() && fn.getName().starts_with("graphc_rt_"))
      fn.setLinkage(GlobalValue::InternalLinkage);
  for (GlobalVariable &global : module.globals())
    if (!global.isDeclaration() && global.getName().starts_with("graphc_rt_"))
      global.setLinkage(GlobalValue::InternalLinkage);
  return Error::success();
}

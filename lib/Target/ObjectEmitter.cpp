//===- ObjectEmitter.cpp - LLVM dialect to LLVM IR, assembly, objects -----===//
//
// Everything runs in-process (no `opt`/`llc` subprocess), so the driver's
// options reach LLVM directly and errors come back as llvm::Error. The
// shape follows IREE's LLVMCPU target: the new pass manager for the IR
// pipeline, the legacy pass manager for the code generator (the only one
// TargetMachine::addPassesToEmitFile supports).
//
//===----------------------------------------------------------------------===//

#include "graphc/Target/ObjectEmitter.h"

#include "llvm/MC/MCSubtargetInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/AliasAnalysis.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/IPO/LoopExtractor.h"
#include "llvm/Transforms/Instrumentation/AddressSanitizer.h"
#include "llvm/Transforms/Instrumentation/ThreadSanitizer.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <mutex>

using namespace graphc;
using namespace llvm;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

static CodeGenOptLevel getCodeGenOptLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return CodeGenOptLevel::None;
  case 1:
    return CodeGenOptLevel::Less;
  case 2:
    return CodeGenOptLevel::Default;
  default:
    return CodeGenOptLevel::Aggressive;
  }
}

Expected<std::unique_ptr<TargetMachine>>
graphc::createTargetMachine(const TargetMachineOptions &options) {
  Triple triple(options.triple.empty() ? sys::getProcessTriple()
                                       : Triple::normalize(options.triple));
  // "x86_64-linux-gnu" names the host as well as "x86_64-pc-linux-gnu".
  Triple host(sys::getProcessTriple());
  bool isHost = triple.getArch() == host.getArch() &&
                triple.getOS() == host.getOS() &&
                triple.getEnvironment() == host.getEnvironment();
  static std::once_flag nativeOnce, allOnce;
  std::call_once(nativeOnce, [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
  });
  if (!isHost)
    std::call_once(allOnce, [] {
      InitializeAllTargetInfos();
      InitializeAllTargets();
      InitializeAllTargetMCs();
      InitializeAllAsmPrinters();
    });

  std::string lookupError;
  const Target *target = TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return makeError("no LLVM target for triple '" + triple.str() +
                     "': " + lookupError);

  std::string cpu = options.cpu;
  SubtargetFeatures features;
  if (cpu.empty() || cpu == "host") {
    if (!isHost)
      return makeError("CPU 'host' needs the host triple; name a CPU for '" +
                       triple.str() + "'");
    cpu = sys::getHostCPUName().str();
    for (const auto &feature : sys::getHostCPUFeatures())
      features.AddFeature(feature.getKey(), feature.getValue());
  }
  if (!options.features.empty())
    features.addFeaturesVector(
        SubtargetFeatures(options.features).getFeatures());

  llvm::TargetOptions targetOptions; // IEEE: no fast-math flags of any kind
  // Constructors and destructors (the thread pool's, which stops and joins
  // its workers before the library is unloaded) in .init_array/.fini_array,
  // as clang emits them: LLVM's default is the old .ctors/.dtors, which
  // nothing runs in a library linked without crtbegin.o. Without it a worker
  // still spinning when the program exited ran into unmapped code (a rare
  // SIGSEGV at exit of graph-run under load).
  targetOptions.UseInitArray = true;
  std::unique_ptr<TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features.getString(), targetOptions, Reloc::PIC_,
      std::nullopt, getCodeGenOptLevel(options.optLevel)));
  if (!machine)
    return makeError("cannot create a target machine for '" + triple.str() +
                     "' (cpu '" + cpu + "')");
  return machine;
}

Expected<std::unique_ptr<Module>>
graphc::translateToLLVMIR(mlir::ModuleOp module, LLVMContext &llvmContext,
                          TargetMachine &machine) {
  // Harmless if the caller's registry already had them; needed otherwise.
  mlir::registerBuiltinDialectTranslation(*module->getContext());
  mlir::registerLLVMDialectTranslation(*module->getContext());
  std::unique_ptr<Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext, "graphc");
  if (!llvmModule)
    return makeError("cannot translate the module to LLVM IR (is every op "
                     "lowered to the LLVM dialect?)");
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());
  // Make the .ll self-describing: opt/llc on it would otherwise pick a
  // generic CPU.
  setTargetAttributes(*llvmModule, machine, /*replace=*/false);
  return llvmModule;
}

void graphc::setTargetAttributes(Module &module, TargetMachine &machine,
                                 bool replace) {
  StringRef cpu = machine.getTargetCPU();
  StringRef features = machine.getTargetFeatureString();
  for (Function &fn : module.functions()) {
    if (replace) {
      fn.removeFnAttr("target-cpu");
      fn.removeFnAttr("target-features");
      fn.removeFnAttr("tune-cpu");
    }
    if (fn.isDeclaration())
      continue;
    if (!cpu.empty() && !fn.hasFnAttribute("target-cpu"))
      fn.addFnAttr("target-cpu", cpu);
    if (!features.empty() && !fn.hasFnAttribute("target-features"))
      fn.addFnAttr("target-features", features);
  }
}

/// verifyModule's findings as an error.
static Error verify(const Module &module, StringRef when) {
  std::string problems;
  raw_string_ostream os(problems);
  if (!verifyModule(module, &os))
    return Error::success();
  return makeError("LLVM IR is invalid " + when + ": " +
                   StringRef(problems).trim());
}

Error graphc::optimizeModule(Module &module, TargetMachine &machine,
                             unsigned optLevel, StringRef sanitize) {
  if (Error err = verify(module, "before optimization"))
    return err;
  if (!sanitize.empty() && sanitize != "thread" && sanitize != "address")
    return makeError("unknown sanitizer '" + sanitize +
                     "' (expected thread or address)");
  // The sanitizer passes instrument only functions carrying their
  // attribute, as clang sets it under -fsanitize.
  for (Function &fn : module)
    if (!fn.isDeclaration() && !sanitize.empty())
      fn.addFnAttr(sanitize == "thread" ? Attribute::SanitizeThread
                                        : Attribute::SanitizeAddress);
  if (optLevel == 0 && sanitize.empty())
    return Error::success();

  LoopAnalysisManager loopAM;
  FunctionAnalysisManager functionAM;
  CGSCCAnalysisManager cgsccAM;
  ModuleAnalysisManager moduleAM;
  PassInstrumentationCallbacks callbacks;
  StandardInstrumentations instrumentations(module.getContext(),
                                            /*DebugLogging=*/false);
  instrumentations.registerCallbacks(callbacks, &moduleAM);

  // PipelineTuningOptions leaves SLP vectorization off by default; clang
  // turns both vectorizers on from -O2, and so do we.
  PipelineTuningOptions tuning;
  tuning.LoopVectorization = optLevel >= 2;
  tuning.SLPVectorization = optLevel >= 2;
  tuning.LoopInterleaving = optLevel >= 2;
  tuning.LoopUnrolling = true;
  PassBuilder passBuilder(&machine, tuning, std::nullopt, &callbacks);
  functionAM.registerPass([&] { return passBuilder.buildDefaultAAPipeline(); });
  passBuilder.registerModuleAnalyses(moduleAM);
  passBuilder.registerCGSCCAnalyses(cgsccAM);
  passBuilder.registerFunctionAnalyses(functionAM);
  passBuilder.registerLoopAnalyses(loopAM);
  passBuilder.crossRegisterProxies(loopAM, functionAM, cgsccAM, moduleAM);

  // Instrumentation at the end of the pipeline, where clang adds it.
  passBuilder.registerOptimizerLastEPCallback(
      [sanitize](ModulePassManager &pm, OptimizationLevel,
                 ThinOrFullLTOPhase) {
        if (sanitize == "thread") {
          pm.addPass(ModuleThreadSanitizerPass());
          pm.addPass(createModuleToFunctionPassAdaptor(ThreadSanitizerPass()));
        } else if (sanitize == "address") {
          pm.addPass(AddressSanitizerPass(AddressSanitizerOptions()));
        }
      });
  // -O0 with a sanitizer (the only way here at -O0) takes O1's pipeline.
  OptimizationLevel level = optLevel <= 1   ? OptimizationLevel::O1
                            : optLevel == 2 ? OptimizationLevel::O2
                                            : OptimizationLevel::O3;
  // A whole model is one function with hundreds of loop nests, and LLVM's
  // loop passes (SCEV-based IndVarSimplify, LoopVectorize) grow faster than
  // linearly with function size: blazepose-lite spent 64 s in O3. Upstream's
  // LoopExtractor moves each top-level loop nest into a function of its own
  // (kept out of line, so O3 sees small functions; one call per op is
  // nothing at run time), which brings that to ~14 s. Measured on
  // blazepose-lite_unfused: graph-compile 88 s -> 26 s, inference median
  // 167 ms either way.
  {
    llvm::SmallPtrSet<Function *, 8> before;
    for (Function &fn : module)
      before.insert(&fn);
    ModulePassManager extractPM;
    extractPM.addPass(LoopExtractorPass());
    extractPM.run(module, moduleAM);
    for (Function &fn : module)
      if (!before.contains(&fn) && !fn.isDeclaration())
        fn.addFnAttr(Attribute::NoInline);
    moduleAM.clear();
  }
  ModulePassManager modulePM = passBuilder.buildPerModuleDefaultPipeline(level);
  modulePM.run(module, moduleAM);

  return verify(module, "after optimization");
}

Error graphc::emitMachineCode(const Module &module, TargetMachine &machine,
                              MachineCodeKind kind, raw_pwrite_stream &os) {
  std::unique_ptr<Module> copy = CloneModule(module);
  legacy::PassManager codegenPM;
  codegenPM.add(new TargetLibraryInfoWrapperPass(machine.getTargetTriple()));
  CodeGenFileType fileType = kind == MachineCodeKind::Object
                                 ? CodeGenFileType::ObjectFile
                                 : CodeGenFileType::AssemblyFile;
  if (machine.addPassesToEmitFile(codegenPM, os, /*DwoOut=*/nullptr, fileType))
    return makeError("target '" + machine.getTargetTriple().str() +
                     "' cannot emit this kind of file");
  codegenPM.run(*copy);
  return Error::success();
}

unsigned graphc::getVectorWidthInFloats(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo *info = machine.getMCSubtargetInfo();
  if (!machine.getTargetTriple().isX86() || !info)
    return 4;
  if (info->checkFeatures("+avx512f"))
    return 16;
  if (info->checkFeatures("+avx"))
    return 8;
  return 4;
}

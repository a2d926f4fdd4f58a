//===- Codegen.cpp - Linalg on tensors to a shared library ----------------===//
//
// The back end's driver: checks the entry function against the signature,
// runs the three codegen stages of lib/Codegen (graphc/Codegen/Pipeline.h)
// with the target's vector width, and drives lib/Target: translation to
// LLVM IR, the exported entry points, LLVM -O3, object, lld, header, each
// file written through an ArtifactWriter (all or none).
//
//===----------------------------------------------------------------------===//

#include "graphc/Pipelines/Codegen.h"

#include "graphc/Target/ArtifactWriter.h"
#include "graphc/Target/EntryPoint.h"
#include "graphc/Target/HeaderWriter.h"
#include "graphc/Target/Linker.h"
#include "graphc/Target/ObjectEmitter.h"
#include "graphc/Target/Runtime.h"
#include "graphc/Target/SignatureUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Target/TargetMachine.h"


using namespace mlir;
using namespace graphc;

//===----------------------------------------------------------------------===//
// Artifacts
//===----------------------------------------------------------------------===//

const std::set<std::string> &graphc::getEmitKinds() {
  static const std::set<std::string> kinds = {
      "obj", "so", "h", "mlir", "bufferized", "llvm-dialect", "llvm", "asm"};
  return kinds;
}

/// True if `type` can hold elements of graphc dtype `dtype`. Signless
/// integers stand for both signednesses (TF's uint8 and int8 are both i8 in
/// linalg); bool is i1, stored as one byte.
static bool matchesDType(Type type, int dtype) {
  switch (dtype) {
  case 1:
    return type.isF32();
  case 2:
    return type.isF64();
  case 19:
    return type.isF16();
  case 10:
    return type.isInteger(1) || type.isInteger(8);
  default:
    break;
  }
  auto intType = dyn_cast<IntegerType>(type);
  return intType && !getDTypeName(dtype).starts_with("float") &&
         intType.getWidth() == 8 * getDTypeSize(dtype) &&
         (intType.isSignless() ||
          intType.isUnsigned() == getDTypeName(dtype).starts_with("u"));
}

static LogicalResult verifyTensorType(func::FuncOp func, Type type,
                                      const TensorSpec &spec, StringRef kind,
                                      size_t index) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  auto fail = [&]() {
    return func.emitError()
           << kind << " " << index << " ('" << spec.name << "') of @"
           << func.getSymName() << " has type " << type
           << ", but the signature "
           << "says " << getDTypeName(spec.dtype) << " ["
           << llvm::make_range(spec.shape.begin(), spec.shape.end()) << "]";
  };
  if (!tensorType || !tensorType.hasStaticShape() ||
      tensorType.getShape() != ArrayRef<int64_t>(spec.shape) ||
      !matchesDType(tensorType.getElementType(), spec.dtype))
    return fail();
  return success();
}

LogicalResult graphc::verifyEntryFunction(ModuleOp module,
                                          const ModelSignature &signature) {
  auto func = module.lookupSymbol<func::FuncOp>(signature.name);
  if (!func || func.isExternal())
    return module.emitError() << "the module has no func.func @"
                              << signature.name << " with a body";
  if (!func.isPublic())
    return func.emitError() << "@" << signature.name << " must be public";
  FunctionType type = func.getFunctionType();
  if (type.getNumInputs() != signature.inputs.size() ||
      type.getNumResults() != signature.outputs.size())
    return func.emitError()
           << "@" << signature.name << " takes " << type.getNumInputs()
           << " arguments and returns " << type.getNumResults()
           << " results, but the signature has " << signature.inputs.size()
           << " inputs and " << signature.outputs.size() << " outputs";
  for (auto [i, spec] : llvm::enumerate(signature.inputs))
    if (failed(verifyTensorType(func, type.getInput(i), spec, "input", i)))
      return failure();
  for (auto [i, spec] : llvm::enumerate(signature.outputs))
    if (failed(verifyTensorType(func, type.getResult(i), spec, "output", i)))
      return failure();
  return success();
}

LogicalResult graphc::lowerToLLVMDialect(
    ModuleOp module, const CodegenOptions &options,
    const std::function<LogicalResult(PassManager &)> &configurePassManager,
    const std::function<LogicalResult(ModuleOp)> &afterBufferization) {
  auto run = [&](auto build, StringRef what) -> LogicalResult {
    PassManager pm(module->getContext());
    if (configurePassManager && failed(configurePassManager(pm)))
      return failure();
    build(pm, options);
    if (failed(pm.run(module)))
      return module.emitError() << what << " failed";
    return success();
  };
  if (failed(run(buildKernelPipeline, "tiling and vectorization")) ||
      failed(run(buildBufferizationPipeline, "bufferization")))
    return failure();
  if (afterBufferization && failed(afterBufferization(module)))
    return failure();
  return run(buildLLVMLoweringPipeline, "lowering to the LLVM dialect");
}


LogicalResult graphc::emitArtifacts(ModuleOp module,
                                    const ModelSignature &signature,
                                    const EmitOptions &options) {
  if (llvm::Error err = verifyModelSignature(signature))
    return module.emitError() << llvm::toString(std::move(err));
  for (const std::string &kind : options.emit)
    if (!getEmitKinds().count(kind))
      return module.emitError() << "unknown output kind '" << kind
                                << "' (expected obj, so, h, mlir, "
                                   "bufferized, llvm-dialect, llvm or asm)";
  if (options.outputPrefix.empty())
    return module.emitError() << "no output prefix given";
  if (failed(verifyEntryFunction(module, signature)))
    return failure();
  auto wants = [&](StringRef kind) {
    return options.emit.count(kind.str()) != 0;
  };

  StringRef folder = llvm::sys::path::parent_path(options.outputPrefix);
  if (!folder.empty())
    if (std::error_code ec = llvm::sys::fs::create_directories(folder))
      return module.emitError()
             << "cannot create the folder '" << folder << "': " << ec.message();
  ArtifactWriter writer(module, options.outputPrefix);

  // The header states the workspace size, which lowering decides.
  ModelSignature lowered = signature;
  auto writeHeaderFile = [&]() -> LogicalResult {
    if (!wants("h"))
      return success();
    llvm::raw_fd_ostream *os = writer.open(writer.path("h"), /*text=*/true);
    if (!os)
      return failure();
    writeHeader(lowered, *os);
    return success();
  };

  // The input IR needs no compilation.
  if (wants("mlir")) {
    llvm::raw_fd_ostream *os = writer.open(writer.path("mlir"), /*text=*/true);
    if (!os)
      return failure();
    module->print(*os);
  }

  if (wants("obj") || wants("so") || wants("llvm") || wants("asm") ||
      wants("bufferized") || wants("llvm-dialect") || wants("h")) {
    // The target decides the kernels' vector width.
    TargetMachineOptions machineOptions;
    machineOptions.triple = options.codegen.triple;
    machineOptions.cpu = options.codegen.cpu;
    machineOptions.features = options.codegen.features;
    machineOptions.optLevel = options.codegen.optLevel;
    auto machine = createTargetMachine(machineOptions);
    if (!machine)
      return writer.fail("cannot set up code generation", machine.takeError());
    CodegenOptions codegen = options.codegen;
    if (codegen.vectorWidth == 0)
      codegen.vectorWidth = getVectorWidthInFloats(**machine);

    // MLIR: linalg on tensors -> LLVM dialect, written after bufferization
    // and at the end if asked for.
    auto dump = [&](StringRef kind, ModuleOp m) -> LogicalResult {
      if (!wants(kind))
        return success();
      llvm::raw_fd_ostream *os =
          writer.open(writer.path((kind + ".mlir").str()), /*text=*/true);
      if (!os)
        return failure();
      m->print(*os);
      return success();
    };
    PhaseReporter silent(llvm::errs(), false, false);
    PhaseReporter &report = options.reporter ? *options.reporter : silent;
    report.begin("codegen (MLIR)");
    if (failed(lowerToLLVMDialect(
            module, codegen, options.configurePassManager,
            [&](ModuleOp m) { return dump("bufferized", m); })) ||
        failed(dump("llvm-dialect", module)))
      return failure();
    report.end();
    // graphc-plan-memory: the body's last argument is the workspace.
    if (auto bytes = module->getAttrOfType<IntegerAttr>(
            "graphc.workspace_bytes"))
      lowered.workspaceBytes = bytes.getValue().getZExtValue();
    // graphc-instrument-profile: the kernels its counters count.
    if (auto kernels = module->getAttrOfType<ArrayAttr>("graphc.profile")) {
      lowered.profile.emplace();
      for (Attribute kernel : kernels) {
        auto fields = cast<ArrayAttr>(kernel);
        lowered.profile->push_back(
            {cast<StringAttr>(fields[0]).getValue().str(),
             cast<StringAttr>(fields[1]).getValue().str(),
             cast<IntegerAttr>(fields[2]).getInt()});
      }
    }
    if (failed(writeHeaderFile()))
      return failure();
    if (!wants("obj") && !wants("so") && !wants("llvm") && !wants("asm")) {
      if (failed(writer.flush()))
        return failure();
      writer.commit();
      return success();
    }

    // LLVM IR for the target machine, with the exported ABI, optimized.
    report.begin("LLVM IR -O" + std::to_string(options.codegen.optLevel));
    llvm::LLVMContext llvmContext;
    auto llvmModule = translateToLLVMIR(module, llvmContext, **machine);
    if (!llvmModule)
      return writer.fail("translation to LLVM IR failed",
                         llvmModule.takeError());
    if (llvm::Error err = addEntryPoint(**llvmModule, lowered))
      return writer.fail("cannot add the entry point", std::move(err));
    if (llvm::Error err = linkRuntime(**llvmModule, **machine))
      return writer.fail("cannot link the runtime", std::move(err));
    if (llvm::Error err =
            optimizeModule(**llvmModule, **machine, options.codegen.optLevel,
                           options.codegen.sanitize))
      return writer.fail("LLVM optimization failed", std::move(err));

    report.end();
    if (wants("llvm")) {
      llvm::raw_fd_ostream *os = writer.open(writer.path("ll"), /*text=*/true);
      if (!os)
        return failure();
      (*llvmModule)->print(*os, /*AAW=*/nullptr);
    }
    if (wants("asm")) {
      llvm::raw_fd_ostream *os = writer.open(writer.path("s"), /*text=*/true);
      if (!os)
        return failure();
      if (llvm::Error err = emitMachineCode(**llvmModule, **machine,
                                            MachineCodeKind::Assembly, *os))
        return writer.fail("cannot emit assembly", std::move(err));
    }

    if (wants("obj") || wants("so")) {
      // PREFIX.o if asked for, else a temporary object for the linker.
      std::string objectPath = writer.path("o");
      if (!wants("obj")) {
        llvm::SmallString<128> tempPath;
        if (std::error_code ec =
                llvm::sys::fs::getPotentiallyUniqueTempFileName(
                    "graphc-" + signature.name, "o", tempPath))
          return module.emitError()
                 << "cannot name a temporary object file: " << ec.message();
        objectPath = tempPath.str().str();
      }
      llvm::raw_fd_ostream *os =
          writer.open(objectPath, /*text=*/false, /*temporary=*/!wants("obj"));
      if (!os)
        return failure();
      report.begin("machine code");
      if (llvm::Error err = emitMachineCode(**llvmModule, **machine,
                                            MachineCodeKind::Object, *os))
        return writer.fail("cannot emit the object file", std::move(err));
      report.end();
      // The linker reads the object from disk.
      if (failed(writer.flush()))
        return failure();

      if (wants("so")) {
        // lld writes to a temporary and renames: no partial PREFIX.so.
        LinkOptions link;
        link.soname = llvm::sys::path::filename(writer.path("so")).str();
        link.triple = options.codegen.triple;
        link.allowUndefined = !options.codegen.sanitize.empty();
        report.begin("link");
        if (llvm::Error err =
                linkSharedLibrary({objectPath}, writer.path("so"), link))
          return writer.fail("cannot link '" + writer.path("so") + "'",
                             std::move(err));
        report.end();
      }
    }
  }

  if (failed(writer.flush()))
    return failure();
  writer.commit();
  return success();
}

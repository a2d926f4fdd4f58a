//===- Compile.cpp - the whole TF-model-to-library pipeline ---------------===//
#include "graphc/Import/DataTypes.h"
#include "graphc/Pipelines/Compile.h"

#include "graphc/Conversion/Passes.h"
#include "graphc/Export/ExportGraphDef.h"
#include "graphc/Pipelines/FoldConstants.h"
#include "graphc/Import/ImportModel.h"
#include "graphc/Import/TFGraph.h"
#include "graphc/Transforms/Passes.h"
#include "graphc/Transforms/VariableValueSource.h"

#include "Graph/GraphDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace graphc;

const std::set<std::string> &graphc::getCompileEmitKinds() {
  static const std::set<std::string> kinds = [] {
    std::set<std::string> k = getEmitKinds();
    k.insert("graph");
    k.insert("frozen-pb");
    k.insert("frozen-pbtxt");
    k.insert("import");
    k.insert("freeze");
    return k;
  }();
  return kinds;
}

void graphc::buildGraphOptimizationPipeline(OpPassManager &pm) {
  buildGraphFreezePipeline(pm);
  buildGraphSimplifyPipeline(pm);
  buildGraphFoldPipeline(pm);
}

void graphc::buildGraphFreezePipeline(
    OpPassManager &pm,
    std::vector<std::shared_ptr<VariableValueSource>> valueSources,
    std::vector<std::string> keepVariables) {
  // While loops (Keras RNNs) unrolled into straight-line code, their
  // TensorLists into tensor ops: freezing then sees every variable read.
  pm.addPass(createGraphInlineControlFlow());
  OpPassManager &f = pm.nest<func::FuncOp>();
  f.addPass(createGraphLowerTensorLists());
  // Freeze first: it reads the initializers that pruning would remove.
  // Values come from the checkpoints (if any), then constant initializers.
  f.addPass(createGraphFreezeVariablesPass(std::move(valueSources),
                                           std::move(keepVariables)));
  // Drop everything the fetches do not need (Assign, init, save/restore).
  f.addPass(createGraphPrune());
}

void graphc::buildGraphSimplifyPipeline(OpPassManager &pm) {
  OpPassManager &f = pm.nest<func::FuncOp>();
  // Shapes from the feeds and folds (Identity chains, constant subgraphs,
  // run-time shape chains) in turn until neither changes anything.
  f.addPass(createGraphSimplify());
  f.addPass(createCSEPass());
  // Folding can cut stateful ops (RandomUniform) off the fetches, e.g. the
  // branch an inlined If no longer takes; DCE keeps them, prune does not.
  f.addPass(createGraphPrune());
}

void graphc::buildGraphFoldPipeline(OpPassManager &pm) {
  OpPassManager &f = pm.nest<func::FuncOp>();
  // Zero Pad of H/W -> the padding of the conv it feeds.
  f.addPass(createGraphFoldPad());
  // Relu(x) - a * Relu(-x) -> Prelu(x, a) (before the scale folds, which
  // must not see its Mul(x, -1)).
  f.addPass(createGraphFusePrelu());
  // Inference batch norms into the conv/matmul weights and a BiasAdd.
  f.addPass(createGraphFoldBatchNorm());
  // Mul/Add of constants after conv/matmul (unfused batch norms, scale
  // layers) into the weights and bias; consecutive biases merged.
  f.addPass(createGraphFoldScaleShift());
  // Transpose pairs composed, reshape chains collapsed, transposes of
  // size-1 dims as reshapes.
  f.addPass(createGraphFoldLayout());
  // Drop the replaced weights and the ops the folds left dead, share
  // the constants that came out equal.
  f.addPass(createCanonicalizerPass());
  f.addPass(createCSEPass());
}

std::string graphc::defaultModelName(llvm::StringRef outputPrefix) {
  std::string name = llvm::sys::path::filename(outputPrefix).str();
  for (char &c : name)
    if (!isalnum(static_cast<unsigned char>(c)))
      c = '_';
  if (name.empty() || isdigit(static_cast<unsigned char>(name[0])))
    name = "model_" + name;
  return name;
}

namespace {
/// ModelSignature from the function's feed/fetch names and the types of
/// `graphType`, its type before graph-to-linalg (which keeps TF's unsigned
/// dtypes; the lowered function computes on signless integers).
FailureOr<ModelSignature> signatureOf(func::FuncOp func,
                                      FunctionType graphType) {
  ModelSignature signature;
  signature.name = func.getSymName().str();
  auto spec = [&](Type type, StringAttr name, StringRef what,
                  unsigned index) -> FailureOr<TensorSpec> {
    auto ranked = dyn_cast<RankedTensorType>(type);
    if (!ranked || !ranked.hasStaticShape())
      return func.emitError() << what << " " << index << " ('"
                              << (name ? name.getValue() : "") << "') has type "
                              << type << "; give a static shape with --feed";
    TensorSpec t;
    t.name = name ? name.str() : (what + std::to_string(index)).str();
    t.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
    Type element = ranked.getElementType();
    t.dtype = importer::dataTypeOf(element);
    // What a library passes: GRAPHC_DT_* (graphc-c/Runtime.h).
    if (t.dtype == tf::DT_BFLOAT16 || t.dtype == tf::DT_STRING ||
        t.dtype == tf::DT_RESOURCE)
      t.dtype = tf::DT_INVALID;
    if (t.dtype == tf::DT_INVALID)
      return func.emitError() << what << " '" << t.name << "' has element type "
                              << element << ", which a library cannot pass";
    return t;
  };
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto t = spec(graphType.getInput(i),
                  func.getArgAttrOfType<StringAttr>(i, kFeedNameAttr), "input", i);
    if (failed(t))
      return failure();
    if (func.getArgAttr(i, kVariableInputAttr)) {
      t->variable = true;
      auto value =
          func.getArgAttrOfType<DenseElementsAttr>(i, kInitialValueAttr);
      if (!value)
        return func.emitError() << "the value of kept variable '" << t->name
                                << "' cannot be exported";
      std::vector<uint8_t> bytes = getDenseBytes(value);
      t->initialValue.assign(bytes.begin(), bytes.end());
    }
    signature.inputs.push_back(*t);
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    auto t = spec(graphType.getResult(i),
                  func.getResultAttrOfType<StringAttr>(i, kFetchNameAttr),
                  "output", i);
    if (failed(t))
      return failure();
    signature.outputs.push_back(*t);
  }
  return signature;
}

/// Writes the frozen GraphDef of the model function (emit kinds frozen-pb,
/// frozen-pbtxt) to PREFIX.pb / PREFIX.pbtxt.
LogicalResult writeFrozenGraphDef(func::FuncOp func, const std::string &path) {
  FailureOr<tf::GraphDef> graph = exportGraphDef(func);
  if (failed(graph))
    return failure();
  std::string error;
  if (!tf::writeGraphDef(*graph, path, error))
    return emitError(FileLineColLoc::get(func.getContext(), path, 0, 0))
           << error;
  return success();
}

LogicalResult writeModule(ModuleOp module, const std::string &path) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file)
    return module.emitError() << "cannot write '" << path << "': " << error;
  module.print(file->os());
  file->keep();
  return success();
}
} // namespace

LogicalResult graphc::compileModel(MLIRContext &context,
                                   const CompileOptions &options) {
  DialectRegistry registry;
  registerCodegenDialects(registry);
  registry.insert<graph::GraphDialect>();
  context.appendDialectRegistry(registry);
  context.loadAllAvailableDialects();

  for (const std::string &kind : options.emit)
    if (!getCompileEmitKinds().count(kind))
      return emitError(UnknownLoc::get(&context))
             << "unknown --emit kind '" << kind << "'";

  ImportOptions importOptions = options.import;
  importOptions.functionName = options.name.empty()
                                   ? defaultModelName(options.outputPrefix)
                                   : options.name;
  // GraphDef, MetaGraphDef or SavedModel; signature, inlining, checkpoints.
  ModelImportOptions modelOptions;
  modelOptions.path = options.modelPath;
  modelOptions.checkpoint = options.checkpoint;
  modelOptions.savedModelTags = options.savedModelTags;
  modelOptions.signature = options.signature;
  modelOptions.import = importOptions;
  PhaseReporter silent(llvm::errs(), false, false);
  PhaseReporter &report = options.reporter ? *options.reporter : silent;
  std::string dir = llvm::sys::path::parent_path(options.outputPrefix).str();
  // --emit import / freeze: the module after that phase, for debugging.
  auto dumpPhase = [&](StringRef kind, ModuleOp m) -> LogicalResult {
    if (!options.emit.count(kind.str()))
      return success();
    if (!dir.empty())
      llvm::sys::fs::create_directories(dir);
    return writeModule(m, options.outputPrefix + "." + kind.str() + ".mlir");
  };
  report.begin("import");
  FailureOr<ImportedModel> imported = importModel(&context, modelOptions);
  if (failed(imported))
    return failure();
  OwningOpRef<ModuleOp> module = std::move(imported->module);
  report.end(*module);
  if (failed(dumpPhase("import", *module)))
    return failure();

  PassManager graphPM(&context);
  if (options.configurePassManager &&
      failed(options.configurePassManager(graphPM)))
    return failure();
  buildGraphFreezePipeline(graphPM, imported->valueSources,
                           options.keepVariables);
  report.begin("freeze");
  if (failed(graphPM.run(*module)))
    return failure();
  report.end(*module);
  if (failed(dumpPhase("freeze", *module)))
    return failure();
  if (options.foldConstants &&
      (options.emit.count("frozen-pb") || options.emit.count("frozen-pbtxt"))) {
    auto func = module->lookupSymbol<func::FuncOp>(importOptions.functionName);
    if (failed(foldConstantSubgraphs(func, options.codegen,
                                     options.configurePassManager)))
      return failure();
  }
  // The frozen GraphDef: taken before shape inference and folding, so node
  // names, Identity nodes and attrs survive as TF's freeze_graph keeps them.
  for (auto [kind, ext] : {std::pair{"frozen-pb", ".pb"},
                           std::pair{"frozen-pbtxt", ".pbtxt"}}) {
    if (!options.emit.count(kind))
      continue;
    if (!dir.empty())
      llvm::sys::fs::create_directories(dir);
    auto func = module->lookupSymbol<func::FuncOp>(importOptions.functionName);
    if (failed(writeFrozenGraphDef(func, options.outputPrefix + ext)))
      return failure();
  }
  std::set<std::string> codegenKinds;
  for (const std::string &kind : options.emit)
    if (kind != "graph" && kind != "frozen-pb" && kind != "frozen-pbtxt" &&
        kind != "import" && kind != "freeze")
      codegenKinds.insert(kind);
  if (codegenKinds.empty() && !options.emit.count("graph"))
    return success();

  PassManager simplifyPM(&context);
  if (options.configurePassManager &&
      failed(options.configurePassManager(simplifyPM)))
    return failure();
  buildGraphSimplifyPipeline(simplifyPM);
  if (options.graphFolds)
    buildGraphFoldPipeline(simplifyPM);
  report.begin("optimize");
  if (failed(simplifyPM.run(*module)))
    return failure();
  report.end(*module);

  if (options.emit.count("graph")) {
    if (!dir.empty())
      llvm::sys::fs::create_directories(dir);
    if (failed(writeModule(*module, options.outputPrefix + ".graph.mlir")))
      return failure();
  }
  if (codegenKinds.empty())
    return success();

  // --profile names each kernel's op types: remember them per node before
  // the graph ops are gone.
  if (options.codegen.profile) {
    Builder b(&context);
    llvm::StringMap<StringRef> types;
    module->walk([&](Operation *op) {
      if (!op->getDialect() || op->getDialect()->getNamespace() != "graph")
        return;
      if (auto name = dyn_cast<NameLoc>(op->getLoc()))
        types[name.getName().getValue()] = op->getName().stripDialect();
    });
    SmallVector<NamedAttribute> entries;
    for (auto &entry : types)
      entries.push_back(b.getNamedAttr(entry.getKey(),
                                       b.getStringAttr(entry.second)));
    (*module)->setAttr("graphc.node_types", b.getDictionaryAttr(entries));
  }

  PassManager convertPM(&context);
  if (options.configurePassManager &&
      failed(options.configurePassManager(convertPM)))
    return failure();
  convertPM.nest<func::FuncOp>().addPass(createGraphToLinalgPass());
  auto func = module->lookupSymbol<func::FuncOp>(importOptions.functionName);
  FunctionType graphType = func.getFunctionType();
  report.begin("lower to linalg");
  if (failed(convertPM.run(*module)))
    return failure();
  report.end();

  FailureOr<ModelSignature> signature = signatureOf(func, graphType);
  if (failed(signature))
    return failure();
  // The names now live in the signature; LLVM IR has no place for them.
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    func.removeArgAttr(i, kFeedNameAttr);
    func.removeArgAttr(i, kVariableInputAttr);
    func.removeArgAttr(i, kInitialValueAttr);
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    func.removeResultAttr(i, StringAttr::get(&context, kFetchNameAttr));

  EmitOptions emit;
  emit.outputPrefix = options.outputPrefix;
  emit.emit = codegenKinds;
  emit.codegen = options.codegen;
  emit.configurePassManager = options.configurePassManager;
  emit.reporter = options.reporter;
  return emitArtifacts(*module, *signature, emit);
}

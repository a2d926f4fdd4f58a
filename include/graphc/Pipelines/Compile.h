//===- Compile.h - the whole TF-model-to-library pipeline -------*- C++ -*-===//
//
// graph-compile in one function (like circt's firtool library): import,
// graph-level passes (freeze, prune, infer shapes, fold), conversion to
// linalg, codegen and artifact emission, driven by one options struct.
// Every phase can be stopped at and emitted (--emit), like IREE's phases.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_PIPELINES_COMPILE_H
#define GRAPHC_PIPELINES_COMPILE_H

#include "graphc/Pipelines/PhaseReport.h"
#include "graphc/Import/ImportGraphDef.h"
#include "graphc/Transforms/VariableValueSource.h"
#include "graphc/Pipelines/Codegen.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <set>
#include <string>

namespace graphc {

struct CompileOptions {
  /// A GraphDef (.pb/.pbtxt), a MetaGraphDef (.meta) or a SavedModel
  /// directory.
  std::string modelPath;
  /// --checkpoint PREFIX: variable values (for a GraphDef or .meta; for a
  /// SavedModel consulted before its own variables/).
  std::string checkpoint;
  /// --saved-model-tags: load the SavedModel MetaGraphDef with these tags.
  std::vector<std::string> savedModelTags = {"serve"};
  /// --signature: the signature giving feeds and fetches (default
  /// serving_default when the model has one and no --fetch is given).
  std::string signature;
  /// Output prefix: PREFIX.o, PREFIX.so, PREFIX.h, ...
  std::string outputPrefix;
  /// Entry point symbol; defaults to the prefix's file name.
  std::string name;
  /// Feeds and fetches (the function's name is set from `name`).
  ImportOptions import;
  /// obj, so, h, mlir (linalg), llvm, asm, graph (the graph dialect
  /// after freezing and folding, PREFIX.graph.mlir), and frozen-pb /
  /// frozen-pbtxt (a frozen GraphDef after freezing and pruning, PREFIX.pb /
  /// PREFIX.pbtxt); for debugging, the module after any phase: import
  /// (PREFIX.import.mlir), freeze (PREFIX.freeze.mlir), graph, mlir,
  /// bufferized, llvm-dialect.
  std::set<std::string> emit = {"obj", "so", "h"};
  /// --fold-constants: before the frozen-pb export, replace the subgraphs
  /// that compute only on constants by Consts of their values (TF's
  /// fold_constants transform), for runtimes such as OpenCV's DNN module
  /// that expect a layer's weights, not its data, to be constant.
  bool foldConstants = false;
  /// The graph optimizations (buildGraphFoldPipeline) between simplify
  /// and graph-to-linalg; --graph-folds=false turns them off.
  bool graphFolds = true;
  /// --keep-variable NAME...: variables left unfrozen, passed by the caller
  /// as inputs after the feeds (starting values exported in the library).
  std::vector<std::string> keepVariables;
  CodegenOptions codegen;
  /// Applied to every pass manager the pipeline runs (IR printing, timing).
  std::function<mlir::LogicalResult(mlir::PassManager &)> configurePassManager;
  /// Reports each phase (graph-compile -v, or a terminal status); null:
  /// silent.
  PhaseReporter *reporter = nullptr;
};

/// Every --emit kind graph-compile accepts.
const std::set<std::string> &getCompileEmitKinds();

/// The graph-level pipeline: freeze, fold, prune, infer shapes, fold again.
/// It is the freeze phase followed by the simplify phase.
void buildGraphOptimizationPipeline(mlir::OpPassManager &pm);

/// Graph phase 1: freeze variables and prune to the fetches. Node names,
/// Identity nodes and attrs are still the GraphDef's: the frozen-pb export
/// is taken here.
void buildGraphFreezePipeline(
    mlir::OpPassManager &pm,
    std::vector<std::shared_ptr<VariableValueSource>> valueSources = {},
    std::vector<std::string> keepVariables = {});

/// Graph phase 2: infer shapes and fold (twice), then CSE.
void buildGraphSimplifyPipeline(mlir::OpPassManager &pm);

/// Graph phase 3, the graph optimizations: zero Pad into conv padding,
/// inference batch norm and constant scale/shift into conv/matmul weights
/// and bias, then canonicalize and CSE. Runs before graph-to-linalg.
void buildGraphFoldPipeline(mlir::OpPassManager &pm);
/// A C identifier made from a file name ("my-model.v2" -> "my_model_v2").
std::string defaultModelName(llvm::StringRef outputPrefix);

/// Runs the whole pipeline. Problems are reported through the context's
/// diagnostics (with file and node names) and give failure.
mlir::LogicalResult compileModel(mlir::MLIRContext &context,
                                 const CompileOptions &options);

} // namespace graphc

#endif // GRAPHC_PIPELINES_COMPILE_H

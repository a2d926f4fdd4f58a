//===- ImportModel.h - any TF model file to the graph dialect ---*- C++ -*-===//
//
// What graph-compile's MODEL argument may be: a GraphDef (.pb/.pbtxt), a
// MetaGraphDef (.meta, e.g. a TF1 checkpoint's graph) or a SavedModel
// directory (saved_model.pb + variables/). For MetaGraphDefs and SavedModels
// a signature gives the feeds and fetches with their user-facing names
// (the signature's keys, e.g. `x`/`y` for the tensors `x:0`/`y:0`); function
// calls the fetches depend on are inlined (TF2 keeps the computation in the
// function library); and the variables' values come from the checkpoint
// (`--checkpoint PREFIX`, then the SavedModel's variables/variables), handed
// back as value sources for graph-freeze-variables.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_IMPORTMODEL_H
#define GRAPHC_IMPORT_IMPORTMODEL_H

#include "graphc/Import/ImportGraphDef.h"
#include "graphc/Transforms/VariableValueSource.h"

#include <memory>
#include <string>
#include <vector>

namespace graphc {

struct ModelImportOptions {
  /// .pb/.pbtxt GraphDef, .meta MetaGraphDef, or a SavedModel directory.
  std::string path;
  /// Checkpoint prefix (PREFIX.index + PREFIX.data-*; or a legacy V1
  /// checkpoint file); consulted before the SavedModel's own variables.
  std::string checkpoint;
  /// The SavedModel MetaGraphDef to load: the one with exactly these tags.
  std::vector<std::string> savedModelTags = {"serve"};
  /// Signature key; empty: `serving_default` when the model has one and no
  /// --fetch is given.
  std::string signature;
  /// Feeds and fetches. With a signature, feeds and fetches default to the
  /// signature's inputs and outputs (sorted by key); a --feed naming a
  /// signature key gives that input's shape; a --fetch naming a key selects
  /// that output; other names are graph tensors.
  ImportOptions import;
};

struct ImportedModel {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// Checkpoint value sources for graph-freeze-variables, in order.
  std::vector<std::shared_ptr<VariableValueSource>> valueSources;
};

/// Loads and imports the model. Problems are reported through the context's
/// diagnostics (naming the file, and the node where one is at fault) and
/// give failure.
mlir::FailureOr<ImportedModel> importModel(mlir::MLIRContext *context,
                                           const ModelImportOptions &options);

} // namespace graphc

#endif // GRAPHC_IMPORT_IMPORTMODEL_H

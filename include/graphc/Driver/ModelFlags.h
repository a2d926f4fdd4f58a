//===- ModelFlags.h - the model options every tool takes ---------*- C++ -*-===//
//
// graph-compile and graph-translate take the same description of a model:
// --feed NAME[:INDEX][:SHAPE]..., --fetch NAME[:INDEX]..., --checkpoint,
// --saved-model-tags, --signature. This parses their values into
// ModelImportOptions once, for both.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_DRIVER_MODELFLAGS_H
#define GRAPHC_DRIVER_MODELFLAGS_H

#include "graphc/Import/ImportModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace graphc {

/// The command-line values describing a model, as given.
struct ModelFlags {
  std::string path;
  llvm::ArrayRef<std::string> feeds, fetches;
  std::string checkpoint;
  /// Comma-separated.
  std::string savedModelTags = "serve";
  std::string signature;
};

/// `flags` as ModelImportOptions; false with `error` (the malformed
/// --feed / --fetch value and why).
bool parseModelFlags(const ModelFlags &flags, ModelImportOptions &options,
                     std::string &error);

} // namespace graphc

#endif // GRAPHC_DRIVER_MODELFLAGS_H

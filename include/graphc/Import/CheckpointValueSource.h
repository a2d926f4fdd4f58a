//===- CheckpointValueSource.h - variable values from a checkpoint -*- C++ -*-===//
//
// The VariableValueSource that graph-freeze-variables consults for
// `--checkpoint PREFIX` and a SavedModel's variables/variables. A variable's
// checkpoint key is, in order: the key the graph's own restore ops read for
// it (RestoreV2 tensor_names -> Assign*), the key the object graph gives its
// name (TF2: "<path>/.ATTRIBUTES/VARIABLE_VALUE"), its shared_name, its node
// name. Values are read lazily, only for variables the fetches read.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_CHECKPOINTVALUESOURCE_H
#define GRAPHC_IMPORT_CHECKPOINTVALUESOURCE_H

#include "graphc/Transforms/VariableValueSource.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace graphc {
namespace tf {
class TensorBundleReader;
}

struct CheckpointKeyHints {
  /// Variable node name -> key, from the graph's restore ops.
  std::map<std::string, std::string> restoredKeys;
  /// Key -> variable name, from an object graph (the checkpoint's or the
  /// SavedModel's).
  std::map<std::string, std::string> objectGraphKeys;
  /// (node name, variable name) of every variable of the whole model, also
  /// those the import pruned away: their keys are not reported as unused.
  std::vector<std::pair<std::string, std::string>> modelVariables;
};

/// A value source reading from `reader`; `description` names it in messages
/// ("checkpoint 'model'").
std::shared_ptr<VariableValueSource>
createCheckpointValueSource(std::shared_ptr<tf::TensorBundleReader> reader,
                            CheckpointKeyHints hints, std::string description);

} // namespace graphc

#endif // GRAPHC_IMPORT_CHECKPOINTVALUESOURCE_H

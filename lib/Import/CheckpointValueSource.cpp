//===- CheckpointValueSource.cpp - variable values from a checkpoint ------===//
//
// See CheckpointValueSource.h. A lookup finds the variable's key, records it
// as matched (for the unmatched-keys warning), and for variables the fetches
// read, reads the tensor (checksum-verified by TensorBundleReader) and turns
// it into an ElementsAttr with the importer's own TensorProto mapping.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/CheckpointValueSource.h"

#include "ConvertTF.h"
#include "Graph/GraphOps.h"
#include "graphc/Import/CheckpointKeys.h"
#include "graphc/Import/TensorBundle.h"

#include <set>

using namespace mlir;
using namespace graphc;

namespace {

class CheckpointValueSource : public VariableValueSource {
public:
  CheckpointValueSource(std::shared_ptr<tf::TensorBundleReader> reader,
                        CheckpointKeyHints hints, std::string description)
      : reader(std::move(reader)), hints(std::move(hints)),
        description(std::move(description)) {
    for (const auto &[key, name] : this->hints.objectGraphKeys)
      keyOfName.emplace(name, key);
    for (const auto &[node, name] : this->hints.modelVariables)
      if (const std::string *key = keyFor(name, node))
        matched.insert(*key);
  }

  FailureOr<ElementsAttr> lookup(const VariableRef &var) override {
    std::string node = graph::getNodeName(var.op).str();
    const std::string *key = keyFor(var.name, node);
    if (!key)
      return ElementsAttr();
    matched.insert(*key);
    if (!var.needed)
      return ElementsAttr();
    tf::Tensor tensor;
    std::string error;
    if (!reader->read(*key, tensor, error))
      return var.op->emitError()
             << "variable '" << var.name << "': cannot read its value from "
             << description << ": " << error;
    ElementsAttr value =
        importer::convertTensor(tensor, var.op->getContext(), error);
    if (!value)
      return var.op->emitError()
             << "variable '" << var.name << "': " << description
             << " entry '" << *key << "': " << error;
    return value;
  }

  std::vector<std::string> unusedKeys() const override {
    std::vector<std::string> unused;
    for (const std::string &key : reader->keys())
      if (!matched.count(key) && key != tf::kObjectGraphKey)
        unused.push_back(key);
    return unused;
  }

  std::string describe() const override { return description; }

private:
  /// The first candidate key the checkpoint holds.
  const std::string *keyFor(const std::string &name, const std::string &node) {
    candidates.clear();
    if (auto it = hints.restoredKeys.find(node); it != hints.restoredKeys.end())
      candidates.push_back(it->second);
    for (const std::string *n : {&name, &node})
      if (auto it = keyOfName.find(*n); it != keyOfName.end())
        candidates.push_back(it->second);
    candidates.push_back(name);
    candidates.push_back(node);
    for (const std::string &key : candidates)
      if (!key.empty() && reader->find(key))
        return &key;
    return nullptr;
  }

  std::shared_ptr<tf::TensorBundleReader> reader;
  CheckpointKeyHints hints;
  std::string description;
  std::multimap<std::string, std::string> keyOfName;
  std::vector<std::string> candidates;
  std::set<std::string> matched;
};

} // namespace

std::shared_ptr<VariableValueSource> graphc::createCheckpointValueSource(
    std::shared_ptr<tf::TensorBundleReader> reader, CheckpointKeyHints hints,
    std::string description) {
  return std::make_shared<CheckpointValueSource>(
      std::move(reader), std::move(hints), std::move(description));
}

//===- CheckpointKeys.cpp - which checkpoint key holds which variable -----===//
//
// See CheckpointKeys.h. The restore analysis follows inputs backwards
// through Identity nodes: from each Assign/AssignVariableOp's first input to
// the variable node, and from its value to `RestoreV2:K`, whose second input
// is the Const of key names.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/CheckpointKeys.h"

#include "graphc/Import/TensorBundle.h"

#include "proto/trackable_object_graph.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <unordered_map>

namespace graphc::tf {

namespace {
struct TensorRef {
  const NodeDef *node = nullptr;
  int index = 0;
};

class GraphIndex {
public:
  explicit GraphIndex(const GraphDef &graph) {
    for (const NodeDef &node : graph.nodes)
      byName[node.name] = &node;
  }

  /// The tensor a NodeDef input names, looking through Identity nodes.
  TensorRef resolve(const std::string &input) const {
    TensorRef ref;
    std::string name = input;
    for (int steps = 0; steps < 100; ++steps) {
      if (name.empty() || name[0] == '^')
        return {};
      int index = 0;
      size_t colon = name.rfind(':');
      if (colon != std::string::npos) {
        std::string digits = name.substr(colon + 1);
        if (!digits.empty() &&
            digits.find_first_not_of("0123456789") == std::string::npos &&
            digits.size() < 9) {
          index = std::stoi(digits);
          name.resize(colon);
        }
      }
      auto it = byName.find(name);
      if (it == byName.end())
        return {};
      const NodeDef *node = it->second;
      if ((node->op == "Identity" || node->op == "Snapshot") && index == 0 &&
          !node->inputs.empty()) {
        name = node->inputs[0];
        continue;
      }
      if (node->op == "IdentityN" && index < (int)node->inputs.size()) {
        name = node->inputs[index];
        continue;
      }
      ref.node = node;
      ref.index = index;
      return ref;
    }
    return {};
  }

private:
  std::unordered_map<std::string, const NodeDef *> byName;
};

bool isVariableOp(const std::string &op) {
  return op == "VariableV2" || op == "Variable" || op == "VarHandleOp";
}

/// The string values of a Const node's `value`.
const std::vector<std::string> *constStrings(const NodeDef *node) {
  if (!node || node->op != "Const")
    return nullptr;
  auto it = node->attrs.find("value");
  if (it == node->attrs.end() || !it->second.tensor ||
      it->second.tensor->dtype != DT_STRING)
    return nullptr;
  return &it->second.tensor->strings;
}
} // namespace

std::map<std::string, std::string> restoredVariableKeys(const GraphDef &graph) {
  GraphIndex index(graph);
  std::map<std::string, std::string> keys;
  for (const NodeDef &node : graph.nodes) {
    if ((node.op != "Assign" && node.op != "AssignVariableOp") ||
        node.inputs.size() < 2)
      continue;
    TensorRef variable = index.resolve(node.inputs[0]);
    TensorRef value = index.resolve(node.inputs[1]);
    if (!variable.node || !isVariableOp(variable.node->op) || !value.node)
      continue;
    const std::string &op = value.node->op;
    // RestoreV2(prefix, tensor_names, shape_and_slices) -> one per name;
    // Restore/RestoreSlice(file_pattern, tensor_name, ...) -> one tensor.
    if (op != "RestoreV2" && op != "Restore" && op != "RestoreSlice")
      continue;
    if (value.node->inputs.size() < 2)
      continue;
    const std::vector<std::string> *names =
        constStrings(index.resolve(value.node->inputs[1]).node);
    size_t k = op == "RestoreV2" ? value.index : 0;
    if (names && k < names->size())
      keys[variable.node->name] = (*names)[k];
  }
  return keys;
}

bool checkpointObjectGraphKeys(const TensorBundleReader &reader,
                               std::map<std::string, std::string> &keys,
                               std::string &error) {
  keys.clear();
  if (!reader.find(kObjectGraphKey))
    return true;
  Tensor tensor;
  if (!reader.read(kObjectGraphKey, tensor, error))
    return false;
  if (tensor.dtype != DT_STRING || tensor.strings.size() != 1) {
    error = std::string("tensor '") + kObjectGraphKey +
            "': expected one serialized object graph";
    return false;
  }
  google::protobuf::LogSilencer silence;
  tensorflow::TrackableObjectGraph graph;
  if (!graph.ParseFromString(tensor.strings[0])) {
    error = std::string("tensor '") + kObjectGraphKey +
            "': not a valid TrackableObjectGraph";
    return false;
  }
  for (const auto &object : graph.nodes())
    for (const auto &attribute : object.attributes())
      if (!attribute.checkpoint_key().empty() && !attribute.full_name().empty())
        keys[attribute.checkpoint_key()] = attribute.full_name();
  return true;
}

} // namespace graphc::tf

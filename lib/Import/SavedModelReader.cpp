//===- SavedModelReader.cpp - MetaGraphDefs and SavedModels ---------------===//
//
// Entry points readMetaGraphDef / readSavedModel of TFGraph.h. A SavedModel
// directory holds saved_model.pb (a SavedModel message: one MetaGraphDef per
// tag set) and variables/variables.{index,data-*} (the checkpoint, read by
// TensorBundle.cpp). A MetaGraphDef holds the GraphDef, the signatures, the
// SaverDef, the OpDefs of the ops it uses and, for TF2, the object graph,
// from which the checkpoint key of each variable is derived:
// the path of (escaped) child names from the root + "/.ATTRIBUTES/
// VARIABLE_VALUE", breadth-first as TF names them.
//
//===----------------------------------------------------------------------===//
#include "ProtoConvert.h"
#include "TensorDecode.h"

#include "graphc/Import/TFGraph.h"

#include "proto/meta_graph.pb.h"
#include "proto/op_def.pb.h"
#include "proto/saved_model.pb.h"

#include "ProtoFile.h"

#include <google/protobuf/stubs/logging.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <set>

namespace graphc::tf {

static bool readFile(const std::string &path, std::string &bytes,
                     std::string &error) {
  return detail::readProtoFile(path, bytes, error);
}

static bool isTextName(const std::string &path) {
  for (const char *ext : {".pbtxt", ".pbtext", ".txt"}) {
    size_t len = std::strlen(ext);
    if (path.size() >= len && path.compare(path.size() - len, len, ext) == 0)
      return true;
  }
  return false;
}

/// Parses `bytes` as message `proto` (binary, or text when `text`).
static bool parseMessage(const std::string &bytes, bool text,
                         google::protobuf::Message &proto) {
  std::string error;
  return text ? detail::parseTextProto(bytes, proto, error)
              : detail::parseBinaryProto(bytes, proto);
}

static void convertArgDef(const tensorflow::OpDef::ArgDef &proto, ArgDef &arg) {
  arg.name = proto.name();
  arg.type = static_cast<DataType>(proto.type());
  arg.typeAttr = proto.type_attr();
  arg.numberAttr = proto.number_attr();
  arg.typeListAttr = proto.type_list_attr();
  arg.isRef = proto.is_ref();
}

static bool convertOpDef(const tensorflow::OpDef &proto, OpDef &op,
                         std::string &error) {
  op.name = proto.name();
  op.inputArgs.resize(proto.input_arg_size());
  for (int i = 0; i < proto.input_arg_size(); ++i)
    convertArgDef(proto.input_arg(i), op.inputArgs[i]);
  op.outputArgs.resize(proto.output_arg_size());
  for (int i = 0; i < proto.output_arg_size(); ++i)
    convertArgDef(proto.output_arg(i), op.outputArgs[i]);
  for (const auto &attr : proto.attr()) {
    if (!attr.has_default_value())
      continue;
    if (!detail::convertAttrValue(attr.default_value(),
                                  op.attrDefaults[attr.name()], error)) {
      error = "op '" + op.name + "': attr '" + attr.name() + "': " + error;
      return false;
    }
  }
  return true;
}

static bool convertTensorInfo(const tensorflow::TensorInfo &proto,
                              TensorInfo &info, std::string &error) {
  if (proto.encoding_case() != tensorflow::TensorInfo::kName) {
    error = "is a sparse or composite tensor, which graphc does not support";
    return false;
  }
  info.name = proto.name();
  info.dtype = static_cast<DataType>(proto.dtype());
  if (!proto.has_tensor_shape()) {
    info.shape.unknownRank = true;
    return true;
  }
  return detail::convertShape(proto.tensor_shape(), info.shape, error);
}

/// TF's escaping of a child name in a checkpoint key ("." -> "..",
/// "/" -> ".S").
static std::string escapeLocalName(const std::string &name) {
  std::string out;
  for (char c : name) {
    if (c == '.')
      out += "..";
    else if (c == '/')
      out += ".S";
    else
      out += c;
  }
  return out;
}

/// Checkpoint keys of the object graph's variables, breadth-first from the
/// root (the first path found is the one TF names a node by).
static void
objectGraphVariables(const tensorflow::SavedObjectGraph &graph,
                     std::map<std::string, std::string> &variables) {
  if (graph.nodes_size() == 0)
    return;
  std::vector<std::string> path(graph.nodes_size());
  std::vector<bool> seen(graph.nodes_size(), false);
  std::deque<int> queue{0};
  seen[0] = true;
  while (!queue.empty()) {
    int id = queue.front();
    queue.pop_front();
    const tensorflow::SavedObject &node = graph.nodes(id);
    if (node.kind_case() == tensorflow::SavedObject::kVariable && id != 0)
      variables[path[id] + "/.ATTRIBUTES/VARIABLE_VALUE"] =
          node.variable().name();
    for (const auto &child : node.children()) {
      int next = child.node_id();
      if (next < 0 || next >= graph.nodes_size() || seen[next])
        continue;
      seen[next] = true;
      std::string name = escapeLocalName(child.local_name());
      path[next] = path[id].empty() ? name : path[id] + "/" + name;
      queue.push_back(next);
    }
  }
}

static bool convertMetaGraph(const tensorflow::MetaGraphDef &proto,
                             MetaGraph &meta, std::string &error) {
  meta = MetaGraph();
  const auto &info = proto.meta_info_def();
  meta.tags.assign(info.tags().begin(), info.tags().end());
  meta.tensorflowVersion = info.tensorflow_version();
  for (const tensorflow::OpDef &op : info.stripped_op_list().op()) {
    meta.ops.emplace_back();
    if (!convertOpDef(op, meta.ops.back(), error))
      return false;
  }
  if (!detail::convertGraphDef(proto.graph_def(), meta.graph, error))
    return false;
  for (const auto &[key, sig] : proto.signature_def()) {
    SignatureDef &signature = meta.signatures[key];
    signature.methodName = sig.method_name();
    for (const auto &[name, tensor] : sig.inputs())
      if (!convertTensorInfo(tensor, signature.inputs[name], error)) {
        error = "signature '" + key + "': input '" + name + "' " + error;
        return false;
      }
    for (const auto &[name, tensor] : sig.outputs())
      if (!convertTensorInfo(tensor, signature.outputs[name], error)) {
        error = "signature '" + key + "': output '" + name + "' " + error;
        return false;
      }
  }
  const auto &saver = proto.saver_def();
  meta.saver.filenameTensorName = saver.filename_tensor_name();
  meta.saver.saveTensorName = saver.save_tensor_name();
  meta.saver.restoreOpName = saver.restore_op_name();
  meta.saver.version = saver.version();
  objectGraphVariables(proto.object_graph_def(), meta.objectGraphVariables);
  return true;
}

bool readMetaGraphDef(const std::string &path, MetaGraph &meta,
                      std::string &error) {
  std::string bytes;
  if (!readFile(path, bytes, error))
    return false;
  google::protobuf::LogSilencer silence;
  tensorflow::MetaGraphDef proto;
  if (!parseMessage(bytes, isTextName(path), proto) ||
      (!proto.has_graph_def() && !proto.has_meta_info_def())) {
    error = "not a valid MetaGraphDef (truncated or not a protobuf file)";
    return false;
  }
  return convertMetaGraph(proto, meta, error);
}

static std::string tagSet(const std::set<std::string> &tags) {
  std::string text = "{";
  for (const std::string &tag : tags)
    text += (text.size() > 1 ? "," : "") + tag;
  return text + "}";
}

bool readSavedModel(const std::string &dir,
                    const std::vector<std::string> &tags, MetaGraph &meta,
                    std::string &error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string path = (fs::path(dir) / "saved_model.pb").string();
  bool text = false;
  if (!fs::exists(path, ec)) {
    std::string textPath = (fs::path(dir) / "saved_model.pbtxt").string();
    if (fs::exists(textPath, ec)) {
      path = textPath;
      text = true;
    }
  }
  std::string bytes;
  if (!readFile(path, bytes, error)) {
    error = fs::path(path).filename().string() + ": " + error;
    return false;
  }
  google::protobuf::LogSilencer silence;
  tensorflow::SavedModel proto;
  if (!parseMessage(bytes, text, proto) || proto.meta_graphs_size() == 0) {
    error = fs::path(path).filename().string() +
            ": not a valid SavedModel (truncated, not a protobuf file, or no "
            "MetaGraphDef)";
    return false;
  }
  std::set<std::string> wanted(tags.begin(), tags.end());
  std::string available;
  for (const tensorflow::MetaGraphDef &candidate : proto.meta_graphs()) {
    const auto &have = candidate.meta_info_def().tags();
    std::set<std::string> haveSet(have.begin(), have.end());
    if (haveSet == wanted)
      return convertMetaGraph(candidate, meta, error);
    available += (available.empty() ? "" : ", ") + tagSet(haveSet);
  }
  error = "no MetaGraphDef in " + fs::path(path).filename().string() +
          " has exactly the tags " + tagSet(wanted) + "; it has " + available +
          ": choose one with --saved-model-tags";
  return false;
}

} // namespace graphc::tf

//===- ImportModel.cpp - any TF model file to the graph dialect -----------===//
//
// importModel: reads the model (GraphDef, MetaGraphDef or SavedModel),
// resolves the signature into feeds and fetches, inlines the function calls
// the fetches depend on, imports the graph, and opens the checkpoints whose
// values graph-freeze-variables will use, with the key hints the graph gives
// (restore ops of the fully inlined graph, object graphs).
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/ImportModel.h"
#include "graphc/Import/ImportLoopFunctions.h"

#include "graphc/Import/CheckpointKeys.h"
#include "graphc/Import/CheckpointValueSource.h"
#include "graphc/Import/InlineFunctions.h"
#include "graphc/Import/RaiseSwitchMerge.h"
#include "graphc/Import/RaiseWhileLoops.h"
#include "graphc/Import/TFGraph.h"
#include "graphc/Import/TensorBundle.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <set>

using namespace mlir;
using namespace graphc;

namespace {

/// "x:0" -> {"x", 0}; "x" -> {"x", 0}.
std::pair<std::string, int> splitTensorName(const std::string &name) {
  llvm::StringRef s(name);
  auto [node, index] = s.rsplit(':');
  unsigned value;
  if (node != s && !index.getAsInteger(10, value))
    return {node.str(), static_cast<int>(value)};
  return {name, 0};
}

std::string joinKeys(const std::map<std::string, tf::SignatureDef> &sigs) {
  std::string keys;
  for (const auto &[key, sig] : sigs)
    if (key != "__saved_model_init_op")
      keys += (keys.empty() ? "" : ", ") + key;
  return keys.empty() ? "none" : keys;
}

/// Feeds and fetches from the signature and the user's --feed/--fetch.
void applySignature(const tf::SignatureDef &signature,
                    const ImportOptions &user, ImportOptions &result) {
  result.feeds.clear();
  result.fetches.clear();
  for (const auto &[key, info] : signature.inputs) {
    auto [node, index] = splitTensorName(info.name);
    result.feeds.push_back(FeedSpec{node, index, std::nullopt, key});
  }
  for (const FeedSpec &feed : user.feeds) {
    auto match = llvm::find_if(result.feeds, [&](const FeedSpec &f) {
      return (f.name == feed.node && feed.index == 0) ||
             (f.node == feed.node && f.index == feed.index);
    });
    if (match == result.feeds.end()) {
      result.feeds.push_back(feed);
      continue;
    }
    if (feed.shape)
      match->shape = feed.shape;
  }
  if (user.fetches.empty()) {
    for (const auto &[key, info] : signature.outputs) {
      auto [node, index] = splitTensorName(info.name);
      result.fetches.push_back(FetchSpec{node, index, key});
    }
    return;
  }
  for (const FetchSpec &fetch : user.fetches) {
    auto output = signature.outputs.find(fetch.node);
    if (output != signature.outputs.end() && fetch.index == 0) {
      auto [node, index] = splitTensorName(output->second.name);
      result.fetches.push_back(FetchSpec{node, index, fetch.node});
    } else {
      result.fetches.push_back(fetch);
    }
  }
}

bool fileExists(const std::string &path) {
  return llvm::sys::fs::is_regular_file(path);
}

/// The node and output index of a NodeDef input ("x", "x:1"; "^x" -> -1).
std::pair<std::string, int> parseInput(const std::string &input) {
  if (!input.empty() && input[0] == '^')
    return {input.substr(1), -1};
  return splitTensorName(input);
}

const tf::AttrValue *findAttr(const tf::NodeDef &node, const char *name) {
  auto it = node.attrs.find(name);
  return it == node.attrs.end() ? nullptr : &it->second;
}

/// Keeps what the fetches need from a SavedModel's or MetaGraphDef's graph,
/// which also holds serving-time input parsing (ParseExample), the saver,
/// other signatures and training: those need not import at all. Kept:
///   - what the fetches depend on (data and control inputs), stopping at
///     fed tensors; a fed node whose used outputs are all fed becomes a
///     Placeholder (the graph is cut there, as TF's feeding cuts it);
///   - the constant initializers (Assign/AssignVariableOp of a Const) of the
///     variables kept: freezing reads them when no checkpoint has a value.
void pruneToFetches(tf::GraphDef &graph, const ImportOptions &options) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    index[graph.nodes[i].name] = i;
  std::set<std::pair<std::string, int>> fed;
  for (const FeedSpec &feed : options.feeds)
    fed.insert({feed.node, feed.index});

  // Which outputs of each node anything uses.
  std::map<std::string, std::set<int>> used;
  for (const tf::NodeDef &node : graph.nodes)
    for (const std::string &input : node.inputs) {
      auto [from, k] = parseInput(input);
      if (k >= 0)
        used[from].insert(k);
    }
  for (const FetchSpec &fetch : options.fetches)
    used[fetch.node].insert(fetch.index);

  // Fed nodes whose every used output is fed become Placeholders.
  for (const FeedSpec &feed : options.feeds) {
    auto it = index.find(feed.node);
    if (it == index.end())
      continue;
    tf::NodeDef &node = graph.nodes[it->second];
    if (node.op == "Placeholder")
      continue;
    bool allFed = llvm::all_of(used[node.name], [&](int k) {
      return fed.count({node.name, k});
    });
    const tf::AttrValue *dtype = nullptr;
    for (const char *name : {"dtype", "T", "out_type", "DstT", "output_type"})
      if ((dtype = findAttr(node, name)) && dtype->kind == tf::AttrValue::Type)
        break;
    if (!allFed || feed.index != 0 || !dtype ||
        dtype->kind != tf::AttrValue::Type)
      continue;
    tf::NodeDef placeholder;
    placeholder.name = node.name;
    placeholder.op = "Placeholder";
    placeholder.device = node.device;
    placeholder.attrs["dtype"] = *dtype;
    const tf::AttrValue *shape = findAttr(node, "shape");
    const tf::AttrValue *shapes = findAttr(node, "_output_shapes");
    if (shape && shape->kind == tf::AttrValue::Shape)
      placeholder.attrs["shape"] = *shape;
    else if (shapes && shapes->list && !shapes->list->shape.empty()) {
      tf::AttrValue s;
      s.kind = tf::AttrValue::Shape;
      s.shape = shapes->list->shape[0];
      placeholder.attrs["shape"] = s;
    }
    node = std::move(placeholder);
  }

  std::vector<bool> keep(graph.nodes.size(), false);
  std::vector<size_t> work;
  auto visit = [&](const std::string &name) {
    auto it = index.find(name);
    if (it != index.end() && !keep[it->second]) {
      keep[it->second] = true;
      work.push_back(it->second);
    }
  };
  auto closure = [&] {
    while (!work.empty()) {
      const tf::NodeDef &node = graph.nodes[work.back()];
      work.pop_back();
      for (const std::string &input : node.inputs) {
        auto [from, k] = parseInput(input);
        if (k >= 0 && fed.count({from, k}))
          continue;
        visit(from);
      }
    }
  };
  for (const FetchSpec &fetch : options.fetches)
    visit(fetch.node);
  for (const FeedSpec &feed : options.feeds)
    visit(feed.node);
  closure();

  // Initializers of the kept variables; new variables they reach get theirs
  // on the next round.
  auto resolvesTo = [&](std::string input, auto &&pred) -> const tf::NodeDef * {
    for (int steps = 0; steps < 100; ++steps) {
      auto it = index.find(parseInput(input).first);
      if (it == index.end())
        return nullptr;
      const tf::NodeDef &node = graph.nodes[it->second];
      if (pred(node))
        return &node;
      if ((node.op != "Identity" && node.op != "Snapshot" &&
           node.op != "StopGradient") ||
          node.inputs.empty())
        return nullptr;
      input = node.inputs[0];
    }
    return nullptr;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      const tf::NodeDef &node = graph.nodes[i];
      if (keep[i] || (node.op != "Assign" && node.op != "AssignVariableOp") ||
          node.inputs.size() < 2)
        continue;
      const tf::NodeDef *var =
          resolvesTo(node.inputs[0], [&](const tf::NodeDef &n) {
            return n.op == "VariableV2" || n.op == "Variable" ||
                   n.op == "VarHandleOp";
          });
      if (!var || !keep[index[var->name]])
        continue;
      // Only constant initializers give values (graph-freeze-variables
      // reads Assign(var, Const)); random ones and restores are dropped.
      if (!resolvesTo(node.inputs[1],
                      [](const tf::NodeDef &n) { return n.op == "Const"; }))
        continue;
      visit(node.name);
      closure();
      changed = true;
    }
  }

  std::vector<tf::NodeDef> kept;
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    if (keep[i])
      kept.push_back(std::move(graph.nodes[i]));
  graph.nodes = std::move(kept);
}

} // namespace

FailureOr<ImportedModel> graphc::importModel(MLIRContext *context,
                                             const ModelImportOptions &options) {
  const std::string &path = options.path;
  bool savedModel = llvm::sys::fs::is_directory(path);
  bool metaGraph = savedModel || llvm::StringRef(path).ends_with(".meta");
  std::string fileName = path;
  if (savedModel) {
    llvm::SmallString<256> pb(path);
    llvm::sys::path::append(pb, "saved_model.pb");
    fileName = pb.str().str();
  }
  Location fileLoc = FileLineColLoc::get(context, fileName, 0, 0);

  tf::MetaGraph meta;
  std::string error;
  if (savedModel) {
    llvm::SmallString<256> pbtxt(path);
    llvm::sys::path::append(pbtxt, "saved_model.pbtxt");
    if (!fileExists(fileName) && !fileExists(pbtxt.str().str()))
      return emitError(FileLineColLoc::get(context, path, 0, 0))
             << "a directory, but not a SavedModel (no saved_model.pb)";
    if (!tf::readSavedModel(path, options.savedModelTags, meta, error))
      return emitError(FileLineColLoc::get(context, path, 0, 0)) << error;
  } else if (metaGraph) {
    if (!tf::readMetaGraphDef(path, meta, error))
      return emitError(fileLoc) << error;
  } else if (!tf::readGraphDef(path, meta.graph, error)) {
    return emitError(fileLoc) << error;
  }

  // The signature's feeds and fetches.
  ImportOptions importOptions = options.import;
  std::string signatureKey = options.signature;
  if (signatureKey.empty() && metaGraph && options.import.fetches.empty()) {
    if (meta.signatures.count("serving_default"))
      signatureKey = "serving_default";
    else if (savedModel)
      return emitError(fileLoc)
             << "the SavedModel has no 'serving_default' signature; choose "
                "one with --signature ("
             << joinKeys(meta.signatures)
             << ") or name the outputs with --fetch";
  }
  if (!signatureKey.empty()) {
    if (!metaGraph)
      return emitError(fileLoc)
             << "--signature needs a SavedModel or a .meta MetaGraphDef; a "
                "GraphDef has no signatures";
    auto it = meta.signatures.find(signatureKey);
    if (it == meta.signatures.end())
      return emitError(fileLoc)
             << "no signature '" << signatureKey << "'; the model has: "
             << joinKeys(meta.signatures);
    if (it->second.outputs.empty())
      return emitError(fileLoc)
             << "signature '" << signatureKey << "' has no outputs";
    applySignature(it->second, options.import, importOptions);
  }

  size_t nodes = meta.graph.nodes.size();
  for (const tf::FunctionDef &f : meta.graph.functions)
    nodes += f.nodes.size();
  if (nodes > tf::kMaxGraphNodes)
    return emitError(fileLoc)
           << "the graph and its function library have " << nodes
           << " nodes; graphc compiles at most " << tf::kMaxGraphNodes;

  // Calls the fetches depend on are replaced by their bodies.
  if (!meta.graph.functions.empty()) {
    std::vector<std::string> roots;
    for (const FetchSpec &fetch : importOptions.fetches)
      roots.push_back(fetch.node);
    if (!tf::inlineFunctionCalls(meta.graph, meta.ops, roots, error))
      return emitError(fileLoc) << error;
  }

  // Checkpoints: --checkpoint first, then the SavedModel's variables.
  std::vector<std::pair<std::string, std::string>> checkpoints;
  if (!options.checkpoint.empty())
    checkpoints.emplace_back(options.checkpoint,
                             "checkpoint '" + options.checkpoint + "'");
  if (savedModel) {
    llvm::SmallString<256> variables(path);
    llvm::sys::path::append(variables, "variables", "variables");
    std::string prefix = variables.str().str();
    if (fileExists(prefix + ".index") || fileExists(prefix))
      checkpoints.emplace_back(prefix, "SavedModel checkpoint '" +
                                           prefix + "'");
  }
  ImportedModel model;
  if (!checkpoints.empty()) {
    CheckpointKeyHints hints;
    // The restore ops may sit in functions nothing fetches (TF2's
    // __inference__traced_restore): look at a fully inlined copy.
    tf::GraphDef restore = meta.graph;
    if (!restore.functions.empty() &&
        !tf::inlineFunctionCalls(restore, meta.ops, {}, error))
      return emitError(fileLoc) << error;
    hints.restoredKeys = tf::restoredVariableKeys(restore);
    for (const tf::NodeDef &node : restore.nodes) {
      if (node.op != "VariableV2" && node.op != "Variable" &&
          node.op != "VarHandleOp")
        continue;
      std::string name = node.name;
      if (const tf::AttrValue *shared = findAttr(node, "shared_name");
          shared && shared->kind == tf::AttrValue::String && !shared->s.empty())
        name = shared->s;
      hints.modelVariables.emplace_back(node.name, name);
    }
    for (const auto &[key, name] : meta.objectGraphVariables)
      hints.objectGraphKeys[key] = name;
    for (const auto &[prefix, description] : checkpoints) {
      std::shared_ptr<tf::TensorBundleReader> reader =
          tf::TensorBundleReader::open(prefix, error);
      if (!reader)
        return emitError(fileLoc)
               << "cannot open " << description << ": " << error;
      CheckpointKeyHints readerHints = hints;
      std::map<std::string, std::string> objectKeys;
      if (!tf::checkpointObjectGraphKeys(*reader, objectKeys, error))
        return emitError(fileLoc) << description << ": " << error;
      readerHints.objectGraphKeys.insert(objectKeys.begin(), objectKeys.end());
      model.valueSources.push_back(createCheckpointValueSource(
          std::move(reader), std::move(readerHints), description));
    }
  }

  if (metaGraph && !importOptions.fetches.empty())
    pruneToFetches(meta.graph, importOptions);
  // TF1 tf.while_loop frames raised to While + functions, then tf.cond
  // (Switch/Merge) to Identity + SelectV2.
  if (!tf::raiseWhileLoops(meta.graph, error) ||
      !tf::raiseSwitchMerge(meta.graph, error))
    return emitError(fileLoc) << error;
  model.module = importGraphDef(meta.graph, context, importOptions, fileName);
  if (!model.module)
    return failure();
  // While loops name their cond/body functions: bring those in as private
  // funcs for graph-inline-control-flow.
  if (failed(importLoopFunctions(*model.module, meta.graph, meta.ops,
                                 fileName)))
    return failure();
  return model;
}

//===- InlineFunctions.cpp - splice function calls into the graph ---------===//
//
// See InlineFunctions.h. Works on a deque of nodes: a call is replaced by
// its renamed body (pushed back to the front, so calls inside it are
// expanded in turn) and an IdentityN/NoOp standing for the call's outputs.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/InlineFunctions.h"

#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace graphc::tf {

namespace {

constexpr int kMaxCallDepth = 64;

std::string quote(const std::string &s) { return "'" + s + "'"; }

/// Splits "a:b:c" at ':'.
std::vector<std::string> splitColons(const std::string &text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string::npos)
      return parts;
    start = colon + 1;
  }
}

bool parseIndex(const std::string &text, int &index) {
  if (text.empty() || text.size() > 9)
    return false;
  for (char c : text)
    if (c < '0' || c > '9')
      return false;
  index = std::stoi(text);
  return true;
}

/// "node" or "node:K" (TF omits ":0").
std::string tensorName(const std::string &node, int index) {
  return index == 0 ? node : node + ":" + std::to_string(index);
}

/// The node name part of a graph-level input ("^x", "x:2" -> "x").
std::string inputNode(const std::string &input) {
  std::string s = input[0] == '^' ? input.substr(1) : input;
  size_t colon = s.rfind(':');
  int index;
  if (colon != std::string::npos && parseIndex(s.substr(colon + 1), index))
    s.resize(colon);
  return s;
}

class Inliner {
public:
  Inliner(GraphDef &graph, const std::vector<OpDef> &ops) : graph(graph) {
    for (const FunctionDef &f : graph.functions)
      functions[f.name] = &f;
    for (const OpDef &op : ops)
      opDefs[op.name] = &op;
    // The call ops themselves, in case the op list is missing.
    for (const char *name : {"StatefulPartitionedCall", "PartitionedCall"}) {
      OpDef call;
      call.name = name;
      ArgDef args;
      args.name = "args";
      args.typeListAttr = "Tin";
      call.inputArgs.push_back(args);
      ArgDef output;
      output.name = "output";
      output.typeListAttr = "Tout";
      call.outputArgs.push_back(output);
      builtin.push_back(call);
    }
    // The multi-output ops graphc models, for a GraphDef that carries no
    // op list (a bare .pb): in a body, "TopKV2:indices:0" is output 1.
    static const std::pair<const char *, std::vector<const char *>>
        kOutputArgs[] = {
            {"TopKV2", {"values", "indices"}},
            {"FusedBatchNorm",
             {"y", "batch_mean", "batch_variance", "reserve_space_1",
              "reserve_space_2"}},
            {"FusedBatchNormV2",
             {"y", "batch_mean", "batch_variance", "reserve_space_1",
              "reserve_space_2"}},
            {"FusedBatchNormV3",
             {"y", "batch_mean", "batch_variance", "reserve_space_1",
              "reserve_space_2", "reserve_space_3"}},
            {"NonMaxSuppressionV4", {"selected_indices", "valid_outputs"}},
            {"NonMaxSuppressionV5",
             {"selected_indices", "selected_scores", "valid_outputs"}},
            {"TensorArrayV3", {"handle", "flow"}},
            {"BlockLSTM", {"i", "cs", "f", "o", "ci", "co", "h"}},
            {"BlockLSTMV2", {"i", "cs", "f", "o", "ci", "co", "h"}},
            {"Switch", {"output_false", "output_true"}},
            {"Merge", {"output", "value_index"}},
            {"Unique", {"y", "idx"}},
        };
    for (const auto &[name, outputs] : kOutputArgs) {
      OpDef op;
      op.name = name;
      for (const char *output : outputs) {
        ArgDef arg;
        arg.name = output;
        op.outputArgs.push_back(arg);
      }
      builtin.push_back(op);
    }
    for (const OpDef &op : builtin)
      opDefs.emplace(op.name, &op);
  }

  bool run(const std::vector<std::string> &roots, std::string &error);

private:
  /// The function a node calls and the attrs its placeholders take, or
  /// null if the node is no call.
  const FunctionDef *calledFunction(const NodeDef &node,
                                    const std::map<std::string, AttrValue> **attrs);
  bool expand(const NodeDef &call, const FunctionDef &f,
              const std::map<std::string, AttrValue> &callAttrs, int depth,
              std::vector<NodeDef> &body, NodeDef &result, std::string &error);
  /// Number of tensors `arg` stands for on `node` (list args count their
  /// elements).
  bool argSize(const ArgDef &arg, const NodeDef &node, const OpDef *opDef,
               int &size, std::string &error);
  /// The flat output index of `outputArg`[`index`] of body node `node`.
  bool flatOutputIndex(const NodeDef &node, const std::string &outputArg,
                       int index, int &flat, std::string &error);
  std::set<std::string> reachableCalls(const std::vector<std::string> &roots);
  /// Nodes that inlining `f` makes, its nested calls included (saturating
  /// at kMaxGraphNodes + 1; a recursive call counts as too many).
  uint64_t expandedSize(const FunctionDef &f,
                        std::unordered_map<const FunctionDef *, uint64_t> &memo);

  GraphDef &graph;
  std::unordered_map<std::string, const FunctionDef *> functions;
  std::unordered_map<std::string, const OpDef *> opDefs;
  std::vector<OpDef> builtin;
  /// Library functions' signatures as OpDefs, for calls inside bodies.
  std::map<std::string, OpDef> functionSignatures;
  /// expandedSize's functions being counted, and whether one called itself.
  std::unordered_set<const FunctionDef *> active;
  bool recursive = false;
};

const FunctionDef *
Inliner::calledFunction(const NodeDef &node,
                        const std::map<std::string, AttrValue> **attrs) {
  if (node.op == "StatefulPartitionedCall" || node.op == "PartitionedCall") {
    auto f = node.attrs.find("f");
    if (f == node.attrs.end() || f->second.kind != AttrValue::Func ||
        !f->second.func)
      return nullptr;
    auto it = functions.find(f->second.func->name);
    if (it == functions.end())
      return nullptr;
    *attrs = &f->second.func->attrs;
    return it->second;
  }
  auto it = functions.find(node.op);
  if (it == functions.end())
    return nullptr;
  *attrs = &node.attrs;
  return it->second;
}

bool Inliner::argSize(const ArgDef &arg, const NodeDef &node,
                      const OpDef *opDef, int &size, std::string &error) {
  size = 1;
  const std::string &attrName =
      !arg.numberAttr.empty() ? arg.numberAttr : arg.typeListAttr;
  if (attrName.empty())
    return true;
  const AttrValue *value = nullptr;
  auto it = node.attrs.find(attrName);
  if (it != node.attrs.end())
    value = &it->second;
  else if (opDef) {
    auto d = opDef->attrDefaults.find(attrName);
    if (d != opDef->attrDefaults.end())
      value = &d->second;
  }
  if (value && !arg.numberAttr.empty() && value->kind == AttrValue::Int) {
    size = static_cast<int>(value->i);
    return true;
  }
  if (value && !arg.typeListAttr.empty() && value->kind == AttrValue::List &&
      value->list) {
    size = static_cast<int>(value->list->type.size());
    return true;
  }
  error = "node " + quote(node.name) + " (" + node.op + ") has no attr " +
          quote(attrName) + " giving the length of its argument " +
          quote(arg.name);
  return false;
}

bool Inliner::flatOutputIndex(const NodeDef &node, const std::string &outputArg,
                              int index, int &flat, std::string &error) {
  const OpDef *opDef = nullptr;
  auto sig = functionSignatures.find(node.op);
  if (sig != functionSignatures.end()) {
    opDef = &sig->second;
  } else if (auto it = opDefs.find(node.op); it != opDefs.end()) {
    opDef = it->second;
  } else if (auto f = functions.find(node.op); f != functions.end()) {
    OpDef &made = functionSignatures[node.op];
    made.name = node.op;
    made.inputArgs = f->second->inputArgs;
    made.outputArgs = f->second->outputArgs;
    opDef = &made;
  }
  if (!opDef) {
    // An op no OpDef describes: assume one output argument (true of almost
    // every op); its index is the flat index.
    flat = index;
    return true;
  }
  flat = 0;
  for (const ArgDef &arg : opDef->outputArgs) {
    int size;
    if (!argSize(arg, node, opDef, size, error))
      return false;
    if (arg.name == outputArg) {
      if (index >= size) {
        error = "output " + quote(outputArg) + " of node " +
                quote(node.name) + " has " + std::to_string(size) +
                " tensors, index " + std::to_string(index) + " is past it";
        return false;
      }
      flat += index;
      return true;
    }
    flat += size;
  }
  error = "op " + quote(node.op) + " of node " + quote(node.name) +
          " has no output " + quote(outputArg);
  return false;
}

bool Inliner::expand(const NodeDef &call, const FunctionDef &f,
                     const std::map<std::string, AttrValue> &callAttrs,
                     int depth, std::vector<NodeDef> &body, NodeDef &result,
                     std::string &error) {
  std::string context = "function " + quote(f.name) + " (called by node " +
                        quote(call.name) + "): ";
  if (depth > kMaxCallDepth) {
    error = context + "calls nest deeper than " +
            std::to_string(kMaxCallDepth) + " (a recursive function?)";
    return false;
  }
  std::string prefix = call.name + "/";

  // The call's data inputs, by input argument.
  std::vector<std::string> dataInputs, controlInputs;
  for (const std::string &input : call.inputs)
    (input[0] == '^' ? controlInputs : dataInputs).push_back(input);
  std::map<std::string, std::vector<std::string>> argInputs;
  size_t next = 0;
  for (const ArgDef &arg : f.inputArgs) {
    int size = 1;
    if (!arg.numberAttr.empty() || !arg.typeListAttr.empty()) {
      NodeDef attrs;
      attrs.name = call.name;
      attrs.op = f.name;
      attrs.attrs = callAttrs;
      if (!argSize(arg, attrs, nullptr, size, error))
        return error = context + error, false;
    }
    for (int k = 0; k < size; ++k) {
      if (next >= dataInputs.size()) {
        error = context + "the call has " + std::to_string(dataInputs.size()) +
                " inputs, the function takes more";
        return false;
      }
      argInputs[arg.name].push_back(dataInputs[next++]);
    }
  }
  if (next != dataInputs.size()) {
    error = context + "the call has " + std::to_string(dataInputs.size()) +
            " inputs, the function takes " + std::to_string(next);
    return false;
  }

  std::unordered_map<std::string, const NodeDef *> bodyNodes;
  for (const NodeDef &node : f.nodes)
    bodyNodes[node.name] = &node;

  // A reference inside the body, as a graph-level input.
  auto resolve = [&](const std::string &ref, const std::string &where,
                     std::string &out) -> bool {
    bool control = ref[0] == '^';
    std::string text = control ? ref.substr(1) : ref;
    std::vector<std::string> parts = splitColons(text);
    auto arg = argInputs.find(parts[0]);
    if (arg != argInputs.end() && parts.size() <= 2) {
      int index = 0;
      if (parts.size() == 2 && !parseIndex(parts[1], index)) {
        error = context + where + "malformed input " + quote(ref);
        return false;
      }
      if (index >= (int)arg->second.size()) {
        error = context + where + "input " + quote(ref) + " is past the " +
                "argument's " + std::to_string(arg->second.size()) +
                " tensors";
        return false;
      }
      out = arg->second[index];
      if (control)
        out = "^" + inputNode(out);
      return true;
    }
    auto node = bodyNodes.find(parts[0]);
    if (node == bodyNodes.end()) {
      error = context + where + "input " + quote(ref) +
              " names neither a node nor an argument of the function";
      return false;
    }
    if (control) {
      out = "^" + prefix + parts[0];
      return true;
    }
    int index = 0, flat = 0;
    if (parts.size() == 1) {
      flat = 0;
    } else if (parts.size() == 2 && parseIndex(parts[1], index)) {
      flat = index; // "node:K" (graph-style) also appears
    } else if (parts.size() != 3 || !parseIndex(parts[2], index) ||
               !flatOutputIndex(*node->second, parts[1], index, flat,
                                error)) {
      if (error.empty())
        error = "malformed input " + quote(ref);
      error = context + where + error;
      return false;
    }
    out = tensorName(prefix + parts[0], flat);
    return true;
  };

  for (const NodeDef &original : f.nodes) {
    NodeDef node = original;
    node.name = prefix + original.name;
    std::string where = "node " + quote(original.name) + ": ";
    for (auto &[name, value] : node.attrs) {
      if (value.kind != AttrValue::Placeholder)
        continue;
      auto given = callAttrs.find(value.s);
      if (given == callAttrs.end()) {
        error = context + where + "attr " + quote(name) +
                " refers to function attr " + quote(value.s) +
                ", which the call does not set";
        return false;
      }
      value = given->second;
    }
    node.inputs.clear();
    for (const std::string &input : original.inputs) {
      std::string resolved;
      if (!resolve(input, where, resolved))
        return false;
      node.inputs.push_back(resolved);
    }
    if (node.inputs.empty())
      node.inputs = controlInputs;
    body.push_back(std::move(node));
  }

  // The call's outputs.
  result = NodeDef();
  result.name = call.name;
  result.device = call.device;
  std::vector<DataType> types;
  auto tout = call.attrs.find("Tout");
  for (const ArgDef &arg : f.outputArgs) {
    if (!arg.numberAttr.empty() || !arg.typeListAttr.empty()) {
      error = context + "output " + quote(arg.name) +
              " is a list, which graphc cannot inline";
      return false;
    }
    auto ret = f.ret.find(arg.name);
    if (ret == f.ret.end()) {
      error = context + "output " + quote(arg.name) + " has no return value";
      return false;
    }
    std::string resolved;
    if (!resolve(ret->second, "return value " + quote(arg.name) + ": ",
                 resolved))
      return false;
    result.inputs.push_back(resolved);
    DataType type = arg.type;
    if (!arg.typeAttr.empty())
      if (auto t = callAttrs.find(arg.typeAttr);
          t != callAttrs.end() && t->second.kind == AttrValue::Type)
        type = t->second.type;
    if (tout != call.attrs.end() && tout->second.list &&
        types.size() < tout->second.list->type.size())
      type = tout->second.list->type[types.size()];
    types.push_back(type);
  }
  for (const auto &[name, node] : f.controlRet) {
    if (!bodyNodes.count(node)) {
      error = context + "control output " + quote(name) + " names no node";
      return false;
    }
    result.inputs.push_back("^" + prefix + node);
  }
  if (types.empty()) {
    result.op = "NoOp";
    if (result.inputs.empty())
      result.inputs = controlInputs;
    return true;
  }
  result.op = "IdentityN";
  AttrValue t;
  t.kind = AttrValue::List;
  t.list = std::make_shared<AttrList>();
  t.list->type = types;
  result.attrs["T"] = t;
  if (auto shapes = call.attrs.find("_output_shapes");
      shapes != call.attrs.end())
    result.attrs["_output_shapes"] = shapes->second;
  return true;
}

std::set<std::string>
Inliner::reachableCalls(const std::vector<std::string> &roots) {
  std::unordered_map<std::string, const NodeDef *> byName;
  for (const NodeDef &node : graph.nodes)
    byName[node.name] = &node;
  std::set<std::string> calls;
  std::unordered_set<std::string> seen;
  std::vector<std::string> work;
  for (const std::string &root : roots)
    if (seen.insert(root).second)
      work.push_back(root);
  while (!work.empty()) {
    std::string name = work.back();
    work.pop_back();
    auto it = byName.find(name);
    if (it == byName.end())
      continue;
    const std::map<std::string, AttrValue> *attrs;
    if (calledFunction(*it->second, &attrs))
      calls.insert(name);
    for (const std::string &input : it->second->inputs) {
      std::string from = inputNode(input);
      if (seen.insert(from).second)
        work.push_back(from);
    }
  }
  return calls;
}

uint64_t Inliner::expandedSize(
    const FunctionDef &f,
    std::unordered_map<const FunctionDef *, uint64_t> &memo) {
  const uint64_t tooMany = kMaxGraphNodes + 1;
  if (auto it = memo.find(&f); it != memo.end())
    return it->second;
  if (!active.insert(&f).second) {
    recursive = true; // reported by the depth check, with its own message
    return 0;
  }
  uint64_t size = 0;
  for (const NodeDef &node : f.nodes) {
    const std::map<std::string, AttrValue> *attrs = nullptr;
    const FunctionDef *callee = calledFunction(node, &attrs);
    size += 1 + (callee ? expandedSize(*callee, memo) : 0);
    if (size >= tooMany) {
      size = tooMany;
      break;
    }
  }
  active.erase(&f);
  return memo[&f] = size;
}

bool Inliner::run(const std::vector<std::string> &roots, std::string &error) {
  std::set<std::string> selected;
  if (!roots.empty())
    selected = reachableCalls(roots);
  // What inlining will make, counted before making any of it: calls
  // nested in calls multiply (f calls g twice, g calls h twice, ...).
  {
    std::unordered_map<const FunctionDef *, uint64_t> memo;
    uint64_t total = graph.nodes.size();
    for (const NodeDef &node : graph.nodes) {
      const std::map<std::string, AttrValue> *attrs = nullptr;
      const FunctionDef *f = calledFunction(node, &attrs);
      if (!f || (!roots.empty() && !selected.count(node.name)))
        continue;
      total += expandedSize(*f, memo);
      if (recursive)
        break; // the depth check below names the recursion
      if (total > kMaxGraphNodes) {
        error = "inlining function " + quote(f->name) + " (called by node " +
                quote(node.name) + ") would make more than " +
                std::to_string(kMaxGraphNodes) +
                " nodes (calls nested in calls multiply)";
        return false;
      }
    }
  }
  std::unordered_set<std::string> names;
  for (const NodeDef &node : graph.nodes)
    names.insert(node.name);

  // Works on a copy: on failure the graph is left as it was.
  std::deque<std::pair<NodeDef, int>> work;
  for (const NodeDef &node : graph.nodes)
    work.emplace_back(node, 0);
  std::vector<NodeDef> out;
  while (!work.empty()) {
    auto [node, depth] = std::move(work.front());
    work.pop_front();
    const std::map<std::string, AttrValue> *attrs = nullptr;
    const FunctionDef *f = calledFunction(node, &attrs);
    // Top-level calls are inlined when selected; calls inside an inlined
    // body always.
    if (!f || (depth == 0 && !roots.empty() && !selected.count(node.name))) {
      out.push_back(std::move(node));
      continue;
    }
    std::vector<NodeDef> body;
    NodeDef result;
    if (!expand(node, *f, *attrs, depth + 1, body, result, error))
      return false;
    for (const NodeDef &b : body)
      if (!names.insert(b.name).second) {
        error = "function " + quote(f->name) + " (called by node " +
                quote(node.name) + "): inlined node " + quote(b.name) +
                " would clash with an existing node";
        return false;
      }
    // Calls nested in calls can multiply (f calls g twice, g calls h twice,
    // ...): bound what inlining makes, not only its depth.
    if (names.size() > kMaxGraphNodes) { // recursion that stayed shallow
      error = "inlining function " + quote(f->name) + " (called by node " +
              quote(node.name) + ") makes more than " +
              std::to_string(kMaxGraphNodes) + " nodes";
      return false;
    }
    out.push_back(std::move(result));
    for (auto it = body.rbegin(); it != body.rend(); ++it)
      work.emplace_front(std::move(*it), depth + 1);
  }
  graph.nodes = std::move(out);
  return true;
}

} // namespace

bool inlineFunctionCalls(GraphDef &graph, const std::vector<OpDef> &ops,
                         const std::vector<std::string> &roots,
                         std::string &error) {
  error.clear();
  return Inliner(graph, ops).run(roots, error);
}

} // namespace graphc::tf

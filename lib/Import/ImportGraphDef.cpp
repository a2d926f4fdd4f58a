//===- ImportGraphDef.cpp - TF GraphDef to the graph dialect --------------===//
//
// Builds `func.func @main(feeds...) -> (fetches...)` from a GraphDef:
//   1. index the nodes and check every input names an existing node;
//   2. resolve feeds (arguments) and fetches (results);
//   3. order the nodes topologically over data and control edges (a cycle is
//      an error naming its nodes);
//   4. create one op per node, `graph.<TF op>`, registered or not, with the
//      node's attrs (plus TF's defaults for attrs old graphs omit), its
//      control inputs as `graph.control_inputs`, and a NameLoc with the node
//      name; inputs are checked against the op's argument dtypes.
// Every node is imported, even those the fetches do not need: freezing reads
// variable initializers from them and graph-prune removes them later.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/ImportGraphDef.h"

#include "ConvertTF.h"
#include "OpTable.h"
#include "Graph/GraphOps.h"
#include "graphc/Import/TFGraph.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"

#include <map>
#include <queue>
#include <unordered_map>
#include <unordered_set>

using namespace mlir;
using namespace graphc;
using namespace graphc::importer;

namespace {

/// One entry of NodeDef.input: "node", "node:2" or "^node".
struct InputRef {
  std::string node;
  int index = 0;
  bool control = false;
};

InputRef parseInput(const std::string &text) {
  InputRef ref;
  StringRef s(text);
  if (s.consume_front("^")) {
    ref.control = true;
    ref.node = s.str();
    return ref;
  }
  auto [name, index] = s.rsplit(':');
  unsigned value;
  if (!index.empty() && !index.getAsInteger(10, value) && name != s) {
    ref.node = name.str();
    ref.index = value;
  } else {
    ref.node = s.str();
  }
  return ref;
}

std::string tensorKey(const std::string &node, int index) {
  return node + ":" + std::to_string(index);
}

class GraphImporter {
public:
  GraphImporter(const tf::GraphDef &graph, MLIRContext *context,
                const ImportOptions &options, StringRef fileName)
      : graph(graph), context(context), options(options),
        fileLoc(FileLineColLoc::get(context, fileName, 0, 0)) {}

  OwningOpRef<ModuleOp> run();

private:
  Location nodeLoc(const std::string &name) {
    return NameLoc::get(StringAttr::get(context, name), fileLoc);
  }
  InFlightDiagnostic nodeError(const tf::NodeDef &node) {
    return emitError(nodeLoc(node.name));
  }
  const tf::AttrValue *attr(const tf::NodeDef &node, const std::string &name) {
    auto it = node.attrs.find(name);
    if (it != node.attrs.end())
      return &it->second;
    if (const OpSpec *spec = lookupOpSpec(node.op))
      for (auto &[key, value] : spec->defaults)
        if (name == key)
          return &value;
    return nullptr;
  }
  tf::DataType typeAttr(const tf::NodeDef &node, const std::string &name) {
    const tf::AttrValue *a = attr(node, name);
    return a && a->kind == tf::AttrValue::Type ? a->type : tf::DT_INVALID;
  }
  /// Resolves an OpSpec argument type ("T", "=bool") to a dtype.
  tf::DataType resolveArgType(const tf::NodeDef &node, StringRef rule);
  /// Expands the spec's input rules for this node ("N*T" repeated N times).
  std::optional<std::vector<std::string>> inputRules(const tf::NodeDef &node,
                                                     const OpSpec &spec);

  LogicalResult indexNodes();
  LogicalResult resolveFeeds();
  LogicalResult resolveFetches();
  LogicalResult checkInputsExist();
  LogicalResult sortNodes();
  SmallVector<Type> outputTypes(const tf::NodeDef &node);
  LogicalResult importNode(OpBuilder &builder, const tf::NodeDef &node);
  /// The node with type attrs its inputs determine filled in, when the
  /// GraphDef leaves them unset or empty; nullopt when nothing is missing.
  std::optional<tf::NodeDef> completeTypeAttrs(const tf::NodeDef &node,
                                               ArrayRef<Value> operands);
  /// Checks the operands' dtypes against the node's OpDef; an int32/int64
  /// constant of the other width (TF.js's converter writes int32 constants
  /// into int64 ops) is replaced, with a warning, by a converted copy.
  LogicalResult checkInputTypes(OpBuilder &builder, const tf::NodeDef &node,
                                MutableArrayRef<Value> operands);
  /// `value` as a constant of `expected` when it is an int32/int64 constant
  /// whose values fit, else null; one copy per (constant, dtype).
  Value convertIntConstant(OpBuilder &builder, Value value,
                           tf::DataType expected);
  /// TF.js's Pack reshapes a value whose shape differs from the first
  /// value's only by size-1 dims (a [1] among scalars) to the first's
  /// shape; TF refuses such a graph. Does the same, with a warning.
  void reshapePackValues(OpBuilder &builder, const tf::NodeDef &node,
                         MutableArrayRef<Value> operands);

  const tf::GraphDef &graph;
  MLIRContext *context;
  const ImportOptions &options;
  Location fileLoc;

  std::unordered_map<std::string, size_t> nodeIndex;
  /// convertIntConstant's copies, by (constant, dtype).
  std::map<std::pair<void *, int>, Value> convertedConstants;
  std::vector<std::vector<InputRef>> inputs; // parsed inputs per node
  std::vector<int> maxOutputUsed;            // per node, -1 if none
  std::vector<FeedSpec> feeds;
  std::vector<FetchSpec> fetches;
  std::unordered_map<std::string, size_t> feedByTensor; // "x:0" -> feed #
  std::unordered_set<size_t> replacedNodes; // fed Placeholders
  std::vector<size_t> order;
  std::vector<Value> arguments;
  std::unordered_map<std::string, SmallVector<Value>> values;
};

LogicalResult GraphImporter::indexNodes() {
  inputs.resize(graph.nodes.size());
  maxOutputUsed.assign(graph.nodes.size(), -1);
  for (auto [i, node] : llvm::enumerate(graph.nodes)) {
    if (node.name.empty())
      return emitError(fileLoc) << "node #" << i << " (" << node.op
                                << ") has no name";
    if (!nodeIndex.emplace(node.name, i).second)
      return nodeError(node) << "duplicate node name";
    for (const std::string &text : node.inputs)
      inputs[i].push_back(parseInput(text));
  }
  for (auto &refs : inputs)
    for (const InputRef &ref : refs) {
      auto it = nodeIndex.find(ref.node);
      if (it != nodeIndex.end() && !ref.control)
        maxOutputUsed[it->second] =
            std::max(maxOutputUsed[it->second], ref.index);
    }
  return success();
}

LogicalResult GraphImporter::resolveFeeds() {
  feeds = options.feeds;
  if (feeds.empty())
    for (const tf::NodeDef &node : graph.nodes)
      if (node.op == "Placeholder")
        feeds.push_back(FeedSpec{node.name, 0, std::nullopt});
  for (auto [i, feed] : llvm::enumerate(feeds)) {
    auto it = nodeIndex.find(feed.node);
    if (it == nodeIndex.end())
      return emitError(fileLoc) << "feed '" << feed.node
                                << "' names no node in the graph";
    if (!feedByTensor.emplace(tensorKey(feed.node, feed.index), i).second)
      return emitError(fileLoc) << "feed '" << feed.node << ":" << feed.index
                                << "' is given twice";
    const tf::NodeDef &node = graph.nodes[it->second];
    if (node.op == "Placeholder" && feed.index == 0)
      replacedNodes.insert(it->second);
  }
  return success();
}

LogicalResult GraphImporter::resolveFetches() {
  fetches = options.fetches;
  if (fetches.empty()) {
    // Sinks: nodes nothing consumes (by data or control edge) that produce a
    // tensor.
    std::unordered_set<std::string> consumed;
    for (auto &refs : inputs)
      for (const InputRef &ref : refs)
        consumed.insert(ref.node);
    for (const tf::NodeDef &node : graph.nodes) {
      if (consumed.count(node.name))
        continue;
      // Not results anyone wants: ops without outputs, variable writes
      // (initializers) and checkpoint save/restore.
      const OpSpec *spec = lookupOpSpec(node.op);
      StringRef op = node.op;
      if ((spec && spec->outputs.empty() && op != "IdentityN") ||
          op.starts_with("Assign") || op.starts_with("Apply") ||
          op.starts_with("ResourceApply") || op.starts_with("Save") ||
          op.starts_with("Restore") || op == "MergeV2Checkpoints")
        continue;
      fetches.push_back(FetchSpec{node.name, 0});
    }
    if (fetches.empty())
      return emitError(fileLoc)
             << "the graph has no sink node producing a tensor; name the "
                "outputs with --fetch NAME";
  }
  for (const FetchSpec &fetch : fetches)
    if (!nodeIndex.count(fetch.node))
      return emitError(fileLoc) << "fetch '" << fetch.node
                                << "' names no node in the graph";
  return success();
}

LogicalResult GraphImporter::checkInputsExist() {
  for (auto [i, node] : llvm::enumerate(graph.nodes)) {
    if (replacedNodes.count(i))
      continue;
    for (auto [k, ref] : llvm::enumerate(inputs[i])) {
      if (!ref.control && feedByTensor.count(tensorKey(ref.node, ref.index)))
        continue;
      if (!nodeIndex.count(ref.node))
        return nodeError(node)
               << (ref.control ? "control input '" : "input '")
               << node.inputs[k] << "' names a node that does not exist";
    }
  }
  return success();
}

LogicalResult GraphImporter::sortNodes() {
  // Kahn's algorithm, smallest node index first so the order stays close to
  // the file's. Edges into fed tensors are cut.
  size_t n = graph.nodes.size();
  std::vector<std::vector<size_t>> users(n);
  std::vector<int> pending(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (replacedNodes.count(i))
      continue;
    for (const InputRef &ref : inputs[i]) {
      if (!ref.control && feedByTensor.count(tensorKey(ref.node, ref.index)))
        continue;
      size_t from = nodeIndex.at(ref.node);
      if (replacedNodes.count(from))
        continue; // a control edge from a fed placeholder: nothing to order
      users[from].push_back(i);
      ++pending[i];
    }
  }
  std::priority_queue<size_t, std::vector<size_t>, std::greater<size_t>> ready;
  for (size_t i = 0; i < n; ++i)
    if (!replacedNodes.count(i) && pending[i] == 0)
      ready.push(i);
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    order.push_back(i);
    for (size_t user : users[i])
      if (--pending[user] == 0)
        ready.push(user);
  }
  if (order.size() + replacedNodes.size() == n)
    return success();

  // Name one cycle: walk back along unfinished inputs until a node repeats.
  size_t start = 0;
  while (pending[start] == 0)
    ++start;
  std::vector<size_t> path;
  std::unordered_map<size_t, size_t> seenAt;
  size_t cur = start;
  while (!seenAt.count(cur)) {
    seenAt[cur] = path.size();
    path.push_back(cur);
    for (const InputRef &ref : inputs[cur]) {
      if (!ref.control && feedByTensor.count(tensorKey(ref.node, ref.index)))
        continue;
      size_t from = nodeIndex.at(ref.node);
      if (pending[from] > 0) {
        cur = from;
        break;
      }
    }
  }
  std::string cycle;
  for (size_t k = seenAt[cur]; k < path.size(); ++k)
    cycle += "'" + graph.nodes[path[k]].name + "' <- ";
  cycle += "'" + graph.nodes[cur].name + "'";
  return nodeError(graph.nodes[cur])
         << "the graph has a cycle (" << cycle
         << "); TF1 control flow (Enter/Merge/Switch/NextIteration loops) is not supported";
}

tf::DataType GraphImporter::resolveArgType(const tf::NodeDef &node,
                                           StringRef rule) {
  if (rule.empty())
    return tf::DT_INVALID;
  if (rule.consume_front("=")) {
    return llvm::StringSwitch<tf::DataType>(rule)
        .Case("resource", tf::DT_RESOURCE)
        .Case("bool", tf::DT_BOOL)
        .Case("int32", tf::DT_INT32)
        .Case("int64", tf::DT_INT64)
        .Case("float", tf::DT_FLOAT)
        .Case("string", tf::DT_STRING)
        .Default(tf::DT_INVALID);
  }
  return typeAttr(node, rule.str());
}

std::optional<std::vector<std::string>>
GraphImporter::inputRules(const tf::NodeDef &node, const OpSpec &spec) {
  std::vector<std::string> rules;
  for (StringRef rule : spec.inputs) {
    auto [count, type] = rule.split('*');
    if (type.empty() || rule == count) {
      rules.push_back(rule.str());
      continue;
    }
    const tf::AttrValue *n = attr(node, count.str());
    if (!n || n->kind != tf::AttrValue::Int)
      return std::nullopt;
    for (int64_t k = 0; k < n->i; ++k)
      rules.push_back(type.str());
  }
  return rules;
}

SmallVector<Type> GraphImporter::outputTypes(const tf::NodeDef &node) {
  SmallVector<tf::DataType> dtypes;
  const OpSpec *spec = lookupOpSpec(node.op);
  // Ops whose outputs are typed by a list attr: IdentityN (T) and the
  // checkpoint restore op TF1 graphs carry (RestoreV2: dtypes).
  // An If's (StatelessIf's) outputs by its Tout list, a While's by T.
  const char *listAttr = node.op == "IdentityN"   ? "T"
                         : node.op == "RestoreV2" ? "dtypes"
                         : node.op == "While" || node.op == "StatelessWhile"
                             ? "T"
                         : node.op == "If" || node.op == "StatelessIf"
                             ? "Tout"
                             : nullptr;
  if (listAttr) {
    if (const tf::AttrValue *t = attr(node, listAttr); t && t->list)
      dtypes.assign(t->list->type.begin(), t->list->type.end());
  } else if (spec) {
    for (StringRef rule : spec->outputs) {
      // "N*T": attr N outputs of dtype attr T (Split, Unpack, ...).
      auto [count, type] = rule.split('*');
      if (!type.empty() && rule != count) {
        const tf::AttrValue *n = attr(node, count.str());
        int64_t repeat = n && n->kind == tf::AttrValue::Int ? n->i : 0;
        for (int64_t k = 0; k < repeat; ++k)
          dtypes.push_back(resolveArgType(node, type));
        continue;
      }
      dtypes.push_back(resolveArgType(node, rule));
    }
  } else {
    // Not modeled: as many outputs as consumers or _output_shapes say, typed
    // by the usual dtype attrs.
    size_t count = std::max(maxOutputUsed[nodeIndex.at(node.name)] + 1, 1);
    if (const tf::AttrValue *shapes = attr(node, "_output_shapes");
        shapes && shapes->list)
      count = std::max(count, shapes->list->shape.size());
    tf::DataType dtype = tf::DT_INVALID;
    for (const char *name : {"T", "dtype", "out_type", "DstT", "output_type"})
      if ((dtype = typeAttr(node, name)) != tf::DT_INVALID)
        break;
    dtypes.assign(count, dtype);
  }

  const tf::AttrValue *shapes = attr(node, "_output_shapes");
  SmallVector<Type> types;
  for (auto [i, dtype] : llvm::enumerate(dtypes)) {
    Type element = convertDataType(dtype, context);
    tf::TensorShape shape;
    shape.unknownRank = true;
    if (shapes && shapes->list && i < shapes->list->shape.size())
      shape = shapes->list->shape[i];
    if (i == 0 && (node.op == "Placeholder" || node.op == "VariableV2" ||
                   node.op == "Variable" ||
                   node.op == "PlaceholderWithDefault"))
      if (const tf::AttrValue *s = attr(node, "shape");
          s && s->kind == tf::AttrValue::Shape)
        shape = s->shape;
    if (i == 0 && node.op == "Const")
      if (const tf::AttrValue *v = attr(node, "value"); v && v->tensor)
        shape = v->tensor->shape;
    if (dtype == tf::DT_RESOURCE)
      shape = tf::TensorShape{}; // a scalar handle
    types.push_back(convertShape(shape, element));
  }
  return types;
}

Value GraphImporter::convertIntConstant(OpBuilder &builder, Value value,
                                        tf::DataType expected) {
  if (expected != tf::DT_INT32 && expected != tf::DT_INT64)
    return {};
  auto constant = value.getDefiningOp<graph::ConstOp>();
  auto attr = constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue())
                       : DenseIntElementsAttr();
  if (!attr || !(attr.getElementType().isInteger(32) ||
                 attr.getElementType().isInteger(64)))
    return {};
  auto key = std::make_pair(value.getAsOpaquePointer(), int(expected));
  if (auto it = convertedConstants.find(key); it != convertedConstants.end())
    return it->second;
  unsigned width = expected == tf::DT_INT32 ? 32 : 64;
  SmallVector<APInt> values;
  for (const APInt &v : attr.getValues<APInt>()) {
    if (width == 32 && !v.isSignedIntN(32))
      return {}; // would not fit: the mismatch is an error
    values.push_back(v.sextOrTrunc(width));
  }
  auto type = attr.getType().clone(builder.getIntegerType(width));
  std::string name = graph::getNodeName(constant).str() + "/as_" +
                     (width == 32 ? "int32" : "int64");
  auto converted = graph::ConstOp::create(
      builder, NameLoc::get(builder.getStringAttr(name)), type,
      DenseIntElementsAttr::get(type, values));
  return convertedConstants[key] = converted.getResult();
}

/// `shape` without its size-1 dims.
static SmallVector<int64_t> squeezed(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> dims;
  for (int64_t d : shape)
    if (d != 1)
      dims.push_back(d);
  return dims;
}

void GraphImporter::reshapePackValues(OpBuilder &builder,
                                      const tf::NodeDef &node,
                                      MutableArrayRef<Value> operands) {
  if (node.op != "Pack" || operands.size() < 2)
    return;
  auto first = dyn_cast<RankedTensorType>(operands[0].getType());
  if (!first || !first.hasStaticShape())
    return;
  for (auto [k, operand] : llvm::enumerate(operands)) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type || !type.hasStaticShape() ||
        type.getShape() == first.getShape() ||
        type.getElementType() != first.getElementType() ||
        squeezed(type.getShape()) != squeezed(first.getShape()))
      continue;
    std::string name = node.name + "/reshaped_value_" + std::to_string(k);
    auto shapeType = RankedTensorType::get({first.getRank()},
                                           builder.getIntegerType(32));
    SmallVector<int32_t> dims(first.getShape().begin(), first.getShape().end());
    Value shape = graph::ConstOp::create(
        builder, NameLoc::get(builder.getStringAttr(name + "/shape")),
        shapeType, DenseIntElementsAttr::get(shapeType, ArrayRef(dims)));
    Value reshaped = graph::ReshapeOp::create(
        builder, NameLoc::get(builder.getStringAttr(name)),
        first.clone(first.getElementType()), operand, shape);
    emitWarning(nodeLoc(node.name))
        << "value " << k << " ('" << node.inputs[k] << "') has shape "
        << type << " but value 0 has " << first
        << "; reshaped to it, as TF.js does (TF would refuse the graph)";
    operands[k] = reshaped;
  }
}

LogicalResult GraphImporter::checkInputTypes(OpBuilder &builder,
                                             const tf::NodeDef &node,
                                             MutableArrayRef<Value> operands) {
  const OpSpec *spec = lookupOpSpec(node.op);
  if (!spec)
    return success();
  auto rules = inputRules(node, *spec);
  if (!rules)
    return success();
  bool variadic = !spec->inputs.empty() && StringRef(spec->inputs.back()).empty();
  if (!variadic && operands.size() != rules->size())
    return nodeError(node) << node.op << " expects " << rules->size()
                           << " inputs, got " << operands.size();
  for (auto [k, rule] : llvm::enumerate(*rules)) {
    if (k >= operands.size())
      break;
    tf::DataType expected = resolveArgType(node, rule);
    if (expected == tf::DT_INVALID)
      continue;
    Type element = cast<TensorType>(operands[k].getType()).getElementType();
    tf::DataType actual = dataTypeOf(element);
    if (isa<graph::OpaqueType>(element)) {
      // The producer is an op graphc does not know that has no dtype attr:
      // nothing says what it outputs (TF would reject an unknown op here).
      Operation *producer = operands[k].getDefiningOp();
      StringRef producerOp =
          producer ? producer->getName().stripDialect() : StringRef("?");
      bool isFunction =
          llvm::any_of(graph.functions, [&](const tf::FunctionDef &f) {
            return f.name == producerOp;
          });
      // TF requires the input's dtype to be the one this node expects, so
      // that is the unknown op's output dtype: type it and keep going. The
      // op stays in the graph and is reported by name if it has to be
      // lowered ("unsupported TensorFlow ops: ..."), not at all if the
      // fetches do not need it.
      if (!isFunction && producer) {
        Value input = operands[k];
        input.setType(cast<TensorType>(input.getType())
                          .clone(convertDataType(expected, context)));
        continue;
      }
      return nodeError(node)
             << "input " << k << " ('" << node.inputs[k]
             << "') comes from a '" << producerOp << "' node, which is "
             << (isFunction ? "a function call graphc cannot inline yet"
                            : "neither a TensorFlow op graphc knows nor a "
                              "function in the graph's library")
             << ", so its dtype is unknown";
    }
    if (actual != tf::DT_INVALID &&
        convertDataType(expected, context) != element) {
      if (Value converted = convertIntConstant(builder, operands[k], expected)) {
        emitWarning(nodeLoc(node.name))
            << "input " << k << " ('" << node.inputs[k] << "') is a "
            << tf::dataTypeName(actual) << " constant but " << node.op
            << " expects " << tf::dataTypeName(expected)
            << "; using it as " << tf::dataTypeName(expected)
            << " (TF would refuse the graph; TF.js's converter writes such "
               "constants)";
        operands[k] = converted;
        continue;
      }
      return nodeError(node)
             << "input " << k << " ('" << node.inputs[k] << "') has dtype "
             << tf::dataTypeName(actual) << " but " << node.op << " expects "
             << tf::dataTypeName(expected)
             << (rule[0] == '=' ? std::string()
                                : " (attr " + rule + ")");
    }
  }
  return success();
}

std::optional<tf::NodeDef>
GraphImporter::completeTypeAttrs(const tf::NodeDef &node,
                                 ArrayRef<Value> operands) {
  const OpSpec *spec = lookupOpSpec(node.op);
  if (!spec)
    return std::nullopt;
  auto rules = inputRules(node, *spec);
  if (!rules)
    return std::nullopt;
  std::optional<tf::NodeDef> completed;
  for (auto [k, rule] : llvm::enumerate(*rules)) {
    if (k >= operands.size() || rule.empty() || rule[0] == '=')
      continue;
    if (typeAttr(completed ? *completed : node, rule) != tf::DT_INVALID)
      continue;
    Type element = cast<TensorType>(operands[k].getType()).getElementType();
    tf::DataType actual = dataTypeOf(element);
    if (actual == tf::DT_INVALID)
      continue;
    if (!completed)
      completed = node;
    tf::AttrValue value;
    value.kind = tf::AttrValue::Type;
    value.type = actual;
    completed->attrs[rule] = value;
  }
  return completed;
}

LogicalResult GraphImporter::importNode(OpBuilder &builder,
                                        const tf::NodeDef &node) {
  size_t index = nodeIndex.at(node.name);
  SmallVector<Value> operands;
  SmallVector<Attribute> controls;
  for (auto [k, ref] : llvm::enumerate(inputs[index])) {
    if (ref.control) {
      controls.push_back(builder.getStringAttr(ref.node));
      continue;
    }
    auto fed = feedByTensor.find(tensorKey(ref.node, ref.index));
    if (fed != feedByTensor.end()) {
      operands.push_back(arguments[fed->second]);
      continue;
    }
    SmallVector<Value> &produced = values[ref.node];
    if (ref.index >= (int)produced.size())
      return nodeError(node) << "input '" << node.inputs[k] << "' asks for output "
                             << ref.index << " of '" << ref.node
                             << "', which has " << produced.size()
                             << " outputs";
    operands.push_back(produced[ref.index]);
  }
  // Some converters (TF.js's unfused export) write a type attr with no
  // value; TF infers a missing type attr from the inputs, and so do we.
  std::optional<tf::NodeDef> completed = completeTypeAttrs(node, operands);
  const tf::NodeDef &n = completed ? *completed : node;
  if (failed(checkInputTypes(builder, n, operands)))
    return failure();
  reshapePackValues(builder, n, operands);

  NamedAttrList attrs;
  std::string error;
  for (auto &[name, value] : n.attrs) {
    Attribute converted = convertAttr(value, context, error);
    if (!converted)
      return nodeError(n) << "attr '" << name << "': " << error;
    attrs.set(name, converted);
  }
  if (const OpSpec *spec = lookupOpSpec(n.op))
    for (auto &[name, value] : spec->defaults)
      if (!n.attrs.count(name) && value.kind != tf::AttrValue::None)
        attrs.set(name, convertAttr(value, context, error));
  if (!controls.empty())
    attrs.set(graph::kControlInputsAttr, builder.getArrayAttr(controls));
  if (!n.device.empty())
    attrs.set("device", builder.getStringAttr(n.device));

  OperationState state(nodeLoc(n.name), "graph." + n.op);
  state.addOperands(operands);
  state.addTypes(outputTypes(n));
  Operation *op = builder.create(state);
  // Splits inherent attrs (properties of registered ops) from the rest.
  op->setAttrs(attrs.getDictionary(context));
  // A property silently drops a value of the wrong kind (transpose_a given
  // as an int, or an empty AttrValue): refuse instead of compiling a default.
  for (NamedAttribute named : attrs) {
    std::optional<Attribute> stored = op->getInherentAttr(named.getName());
    if (stored && *stored != named.getValue()) {
      std::string kind;
      llvm::raw_string_ostream os(kind);
      named.getValue().print(os);
      op->erase();
      return nodeError(n) << "attr '" << named.getName().getValue()
                          << "' of " << n.op << " has a value of the wrong kind ("
                          << kind << ")";
    }
  }
  // The op's own checks (a Const without `value`, attrs out of range) before
  // anything reads it: the importer's later steps look into the ops made
  // so far (a Const's value, a producer's type). Found by fuzzing.
  if (failed(mlir::verify(op, /*verifyRecursively=*/false))) {
    op->erase();
    return failure();
  }
  values[n.name].assign(op->result_begin(), op->result_end());
  return success();
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  if (failed(indexNodes()) || failed(resolveFeeds()) ||
      failed(resolveFetches()) || failed(checkInputsExist()) ||
      failed(sortNodes()))
    return nullptr;

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  OpBuilder builder(context);
  // versions.producer, for a frozen GraphDef export (kProducerAttr).
  if (graph.producer != 0)
    (*module)->setAttr("graph.producer",
                       builder.getI64IntegerAttr(graph.producer));
  builder.setInsertionPointToEnd(module->getBody());

  // Argument types: the given shape, else the node's declared one.
  SmallVector<Type> argTypes;
  for (const FeedSpec &feed : feeds) {
    const tf::NodeDef &node = graph.nodes[nodeIndex.at(feed.node)];
    SmallVector<Type> declared = outputTypes(node);
    if (feed.index >= (int)declared.size())
      return emitError(fileLoc) << "feed '" << feed.node << ":" << feed.index
                                << "': node has " << declared.size()
                                << " outputs",
             nullptr;
    auto type = cast<TensorType>(declared[feed.index]);
    if (feed.shape) {
      tf::TensorShape given;
      given.dims = *feed.shape;
      auto givenType = cast<RankedTensorType>(
          convertShape(given, type.getElementType()));
      if (auto ranked = dyn_cast<RankedTensorType>(type)) {
        bool compatible = ranked.getRank() == givenType.getRank();
        for (int64_t d = 0; compatible && d < ranked.getRank(); ++d)
          compatible = ranked.isDynamicDim(d) || givenType.isDynamicDim(d) ||
                       ranked.getDimSize(d) == givenType.getDimSize(d);
        if (!compatible)
          return emitError(nodeLoc(node.name))
                     << "feed shape " << givenType
                     << " conflicts with the declared shape " << ranked,
                 nullptr;
      }
      type = givenType;
    }
    argTypes.push_back(type);
  }

  auto func = func::FuncOp::create(builder, fileLoc, options.functionName,
                                   builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  arguments.assign(body->args_begin(), body->args_end());
  for (auto [i, feed] : llvm::enumerate(feeds)) {
    std::string name = !feed.name.empty() ? feed.name
                       : feed.index == 0      ? feed.node
                                              : tensorKey(feed.node, feed.index);
    func.setArgAttr(i, kFeedNameAttr, builder.getStringAttr(name));
    body->getArgument(i).setLoc(nodeLoc(feed.node));
  }

  builder.setInsertionPointToEnd(body);
  for (size_t i : order)
    if (failed(importNode(builder, graph.nodes[i])))
      return nullptr;

  SmallVector<Value> results;
  for (const FetchSpec &fetch : fetches) {
    auto fed = feedByTensor.find(tensorKey(fetch.node, fetch.index));
    if (fed != feedByTensor.end()) {
      results.push_back(arguments[fed->second]);
      continue;
    }
    SmallVector<Value> &produced = values[fetch.node];
    if (fetch.index >= (int)produced.size())
      return emitError(nodeLoc(fetch.node))
                 << "fetch '" << fetch.node << ":" << fetch.index
                 << "': the node has " << produced.size() << " outputs",
             nullptr;
    results.push_back(produced[fetch.index]);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setType(builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [j, fetch] : llvm::enumerate(fetches)) {
    std::string name = !fetch.name.empty() ? fetch.name
                       : fetch.index == 0      ? fetch.node
                                               : tensorKey(fetch.node, fetch.index);
    func.setResultAttr(j, kFetchNameAttr, builder.getStringAttr(name));
  }

  if (failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace

OwningOpRef<ModuleOp> graphc::importGraphDef(const tf::GraphDef &graph,
                                             MLIRContext *context,
                                             const ImportOptions &options,
                                             StringRef fileName) {
  context->loadDialect<graph::GraphDialect, func::FuncDialect>();
  return GraphImporter(graph, context, options, fileName).run();
}

OwningOpRef<ModuleOp> graphc::importGraphDefFile(StringRef path,
                                                 MLIRContext *context,
                                                 const ImportOptions &options) {
  tf::GraphDef graph;
  std::string error;
  if (!tf::readGraphDef(path.str(), graph, error)) {
    emitError(FileLineColLoc::get(context, path, 0, 0)) << error;
    return nullptr;
  }
  return importGraphDef(graph, context, options, path);
}

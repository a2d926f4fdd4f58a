//===- ExportGraphDef.cpp - the graph dialect back to a GraphDef ----------===//
//
// Walks a graph-dialect function in block order (a topological order) and
// writes one NodeDef per op, after a Placeholder per argument. Values map back
// to TF's input spelling through the producing op's node name; attributes go
// through the inverse of the importer's AttrValue mapping (ConvertTF.h):
//   StringAttr -> s        ("*" under a *shape(s) attr -> unknown-rank shape)
//   IntegerAttr -> i, BoolAttr -> b, FloatAttr -> f, TypeAttr -> type,
//   DenseI64ArrayAttr -> shape, ElementsAttr -> tensor, ArrayAttr -> list,
//   UnitAttr -> an empty AttrValue.
// Attributes whose name holds a '.' (graph.control_inputs, other dialects'
// annotations) are graphc's own and are not written; TF attr names never
// contain one.
//
//===----------------------------------------------------------------------===//
#include "graphc/Export/ExportGraphDef.h"

#include "ConvertTF.h"
#include "Graph/GraphOps.h"
#include "graphc/Import/ImportGraphDef.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace graphc;

namespace {

/// True for attrs holding shapes, where the importer writes an unknown-rank
/// shape as the string "*" (shape, element_shape, _output_shapes, ...).
bool isShapeAttrName(StringRef name) {
  return name.ends_with("shape") || name.ends_with("shapes");
}

tf::TensorShape shapeOf(ShapedType type) {
  tf::TensorShape shape;
  if (!type.hasRank()) {
    shape.unknownRank = true;
    return shape;
  }
  for (int64_t d : type.getShape())
    shape.dims.push_back(ShapedType::isDynamic(d) ? -1 : d);
  return shape;
}

} // namespace

std::vector<uint8_t> graphc::getDenseBytes(DenseElementsAttr dense) {
  std::vector<uint8_t> bytes;
  if (dense.getElementType().isInteger(1)) {
    for (bool b : dense.getValues<bool>())
      bytes.push_back(b ? 1 : 0);
    return bytes;
  }
  ArrayRef<char> raw = dense.getRawData();
  if (!dense.isSplat())
    return std::vector<uint8_t>(raw.begin(), raw.end());
  int64_t count = dense.getNumElements();
  bytes.reserve(raw.size() * count);
  for (int64_t k = 0; k < count; ++k)
    bytes.insert(bytes.end(), raw.begin(), raw.end());
  return bytes;
}

namespace {

/// A constant's value as a TF tensor (dense, row-major, little-endian).
LogicalResult convertTensor(ElementsAttr attr, tf::Tensor &tensor,
                            std::string &error) {
  auto type = cast<ShapedType>(attr.getType());
  if (!type.hasStaticShape()) {
    error = "tensor has no static shape";
    return failure();
  }
  Type element = type.getElementType();
  tensor.dtype = importer::dataTypeOf(element);
  tensor.shape = shapeOf(type);
  int64_t count = type.getNumElements();
  if (auto strings = dyn_cast<DenseStringElementsAttr>(attr)) {
    for (StringRef s : strings.getValues<StringRef>())
      tensor.strings.push_back(s.str());
    return success();
  }
  int size = tf::dataTypeSize(tensor.dtype);
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense || size == 0) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "cannot write a constant of type " << type
       << (dense ? "" : " that is not a dense elements attribute");
    error = text;
    return failure();
  }
  if (dense.isSplat() && count > 1) {
    // One element, written as TF writes splats (one typed value).
    tensor.splat = true;
    tensor.data = getDenseBytes(DenseElementsAttr::get(
        RankedTensorType::get({1}, dense.getElementType()),
        dense.getSplatValue<Attribute>()));
    return success();
  }
  tensor.data = getDenseBytes(dense);
  if (element.isInteger(1))
    return success();
  if ((int64_t)tensor.data.size() != count * size) {
    error = "constant holds " + std::to_string(tensor.data.size()) +
            " bytes, expected " + std::to_string(count * size);
    return failure();
  }
  return success();
}

/// The inverse of importer::convertAttr for one (non-list) value.
LogicalResult convertScalarAttr(Attribute attr, bool shapeContext,
                                tf::AttrValue &value, std::string &error) {
  value = tf::AttrValue();
  if (isa<UnitAttr>(attr)) {
    value.kind = tf::AttrValue::None;
  } else if (auto s = dyn_cast<StringAttr>(attr)) {
    if (shapeContext && s.getValue() == "*") {
      value.kind = tf::AttrValue::Shape;
      value.shape.unknownRank = true;
    } else {
      value.kind = tf::AttrValue::String;
      value.s = s.str();
    }
  } else if (auto b = dyn_cast<BoolAttr>(attr)) {
    value.kind = tf::AttrValue::Bool;
    value.b = b.getValue();
  } else if (auto i = dyn_cast<IntegerAttr>(attr)) {
    value.kind = tf::AttrValue::Int;
    value.i = i.getType().isUnsignedInteger() ? (int64_t)i.getUInt()
                                              : i.getInt();
  } else if (auto f = dyn_cast<FloatAttr>(attr)) {
    value.kind = tf::AttrValue::Float;
    value.f = static_cast<float>(f.getValueAsDouble());
  } else if (auto t = dyn_cast<TypeAttr>(attr)) {
    value.kind = tf::AttrValue::Type;
    value.type = importer::dataTypeOf(t.getValue());
    if (value.type == tf::DT_INVALID) {
      std::string text;
      llvm::raw_string_ostream os(text);
      os << "type " << t.getValue() << " has no TensorFlow dtype";
      error = text;
      return failure();
    }
  } else if (auto shape = dyn_cast<DenseI64ArrayAttr>(attr)) {
    value.kind = tf::AttrValue::Shape;
    value.shape.dims.assign(shape.asArrayRef().begin(),
                            shape.asArrayRef().end());
  } else if (auto elements = dyn_cast<ElementsAttr>(attr)) {
    value.kind = tf::AttrValue::TensorKind;
    value.tensor = std::make_shared<tf::Tensor>();
    return convertTensor(elements, *value.tensor, error);
  } else if (auto func = dyn_cast<FlatSymbolRefAttr>(attr)) {
    error = "it names function '" + func.getValue().str() +
            "', and a frozen GraphDef export writes no function library";
    return failure();
  } else {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "attribute " << attr << " has no TensorFlow AttrValue equivalent";
    error = text;
    return failure();
  }
  return success();
}

LogicalResult convertAttr(Attribute attr, StringRef name, tf::AttrValue &value,
                          std::string &error) {
  bool shapeContext = isShapeAttrName(name);
  auto array = dyn_cast<ArrayAttr>(attr);
  if (!array)
    return convertScalarAttr(attr, shapeContext, value, error);
  value = tf::AttrValue();
  value.kind = tf::AttrValue::List;
  value.list = std::make_shared<tf::AttrList>();
  tf::AttrList &list = *value.list;
  for (auto [k, item] : llvm::enumerate(array)) {
    tf::AttrValue element;
    if (isa<ArrayAttr>(item)) {
      error = "list item " + std::to_string(k) + " is itself a list";
      return failure();
    }
    if (failed(convertScalarAttr(item, shapeContext, element, error))) {
      error = "list item " + std::to_string(k) + ": " + error;
      return failure();
    }
    switch (element.kind) {
    case tf::AttrValue::String: list.s.push_back(element.s); break;
    case tf::AttrValue::Int: list.i.push_back(element.i); break;
    case tf::AttrValue::Float: list.f.push_back(element.f); break;
    case tf::AttrValue::Bool: list.b.push_back(element.b); break;
    case tf::AttrValue::Type: list.type.push_back(element.type); break;
    case tf::AttrValue::Shape: list.shape.push_back(element.shape); break;
    case tf::AttrValue::TensorKind:
      list.tensor.push_back(std::move(*element.tensor));
      break;
    default:
      error = "list item " + std::to_string(k) + " cannot be in a list";
      return failure();
    }
  }
  return success();
}

class GraphExporter {
public:
  explicit GraphExporter(func::FuncOp func) : func(func) {}
  FailureOr<tf::GraphDef> run();

private:
  /// Picks every node's name first, so inputs and control inputs can be
  /// checked against the whole set.
  LogicalResult nameNodes();
  LogicalResult exportArgument(BlockArgument arg);
  LogicalResult exportOp(Operation *op);
  std::string inputName(Value value);

  func::FuncOp func;
  tf::GraphDef graph;
  SmallVector<std::string> argNames;
  llvm::DenseMap<Operation *, std::string> opNames;
  llvm::StringSet<> allNames;
};

LogicalResult GraphExporter::nameNodes() {
  Block &body = func.getBody().front();
  // A GraphDef's names are unique, but a pass may give its helper ops the
  // name of the node they serve (freezing's ResourceGather -> GatherV2 adds
  // an axis Const). The last op of a name keeps it (helpers are created
  // before the op they serve); the others, like ops without a NameLoc, get
  // "<name>/<op>" names after the feeds have taken theirs.
  llvm::StringMap<Operation *> lastOfName;
  for (Operation &op : body.without_terminator())
    if (StringRef name = graph::getNodeName(&op); !name.empty())
      lastOfName[name] = &op;
  SmallVector<Operation *> renamed;
  for (Operation &op : body.without_terminator()) {
    StringRef name = graph::getNodeName(&op);
    if (name.empty() || lastOfName.lookup(name) != &op) {
      renamed.push_back(&op);
      continue;
    }
    allNames.insert(name);
    opNames[&op] = name.str();
  }
  for (BlockArgument arg : body.getArguments()) {
    // The fed node's name (a SavedModel's signature key is no node name).
    std::string name;
    if (auto loc = dyn_cast<NameLoc>(arg.getLoc()))
      name = loc.getName().str();
    else if (auto feed = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                           kFeedNameAttr))
      name = StringRef(feed.getValue()).split(':').first.str();
    else
      name = "input_" + std::to_string(arg.getArgNumber());
    if (!allNames.insert(name).second) {
      auto feed =
          func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), kFeedNameAttr);
      return emitError(arg.getLoc())
             << "feed '" << (feed ? feed.getValue() : StringRef(name))
             << "' would become a Placeholder named '" << name
             << "', but the frozen graph still needs node '" << name
             << "' for its other outputs; a frozen GraphDef can only feed "
                "whole nodes";
    }
    argNames.push_back(name);
  }
  for (Operation *op : renamed) {
    StringRef node = graph::getNodeName(op);
    std::string base = (node.empty() ? "" : node.str() + "/") +
                       op->getName().stripDialect().str();
    std::string name = base;
    for (int k = 1; allNames.contains(name); ++k)
      name = base + "_" + std::to_string(k);
    allNames.insert(name);
    opNames[op] = name;
  }
  return success();
}

std::string GraphExporter::inputName(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value))
    return argNames[arg.getArgNumber()];
  auto result = cast<OpResult>(value);
  std::string name = opNames.lookup(result.getOwner());
  if (result.getResultNumber() > 0)
    name += ":" + std::to_string(result.getResultNumber());
  return name;
}

LogicalResult GraphExporter::exportArgument(BlockArgument arg) {
  auto type = cast<ShapedType>(arg.getType());
  tf::NodeDef node;
  node.name = argNames[arg.getArgNumber()];
  node.op = "Placeholder";
  tf::AttrValue dtype;
  dtype.kind = tf::AttrValue::Type;
  dtype.type = importer::dataTypeOf(type.getElementType());
  if (dtype.type == tf::DT_INVALID)
    return emitError(arg.getLoc())
           << "feed '" << node.name << "' has element type "
           << type.getElementType() << ", which has no TensorFlow dtype";
  node.attrs["dtype"] = dtype;
  tf::AttrValue shape;
  shape.kind = tf::AttrValue::Shape;
  shape.shape = shapeOf(type);
  node.attrs["shape"] = shape;
  graph.nodes.push_back(std::move(node));
  return success();
}

LogicalResult GraphExporter::exportOp(Operation *op) {
  if (op->getName().getDialectNamespace() !=
      graph::GraphDialect::getDialectNamespace())
    return op->emitError() << "'" << op->getName()
                           << "' is not a TensorFlow op (graph dialect); a "
                              "GraphDef can only hold graph-dialect ops";
  if (op->getNumRegions() != 0)
    return op->emitError() << "ops with regions cannot be exported";
  tf::NodeDef node;
  node.name = opNames.lookup(op);
  node.op = op->getName().stripDialect().str();
  for (Value operand : op->getOperands())
    node.inputs.push_back(inputName(operand));
  if (auto controls = op->getAttrOfType<ArrayAttr>(graph::kControlInputsAttr)) {
    llvm::StringSet<> seen;
    for (auto name : controls.getAsRange<StringAttr>())
      // Control inputs naming pruned nodes (initializers, save/restore) go.
      if (allNames.contains(name.getValue()) &&
          seen.insert(name.getValue()).second)
        node.inputs.push_back("^" + name.str());
  }
  for (NamedAttribute attr : op->getAttrs()) {
    StringRef name = attr.getName().getValue();
    if (name.contains('.'))
      continue; // graphc's own (graph.control_inputs) or another dialect's
    if (name == "device") {
      if (auto device = dyn_cast<StringAttr>(attr.getValue()))
        node.device = device.str();
      continue;
    }
    std::string error;
    if (failed(convertAttr(attr.getValue(), name, node.attrs[name.str()],
                           error)))
      return op->emitError() << "attr '" << name << "': " << error;
  }
  // Colocation with a pruned node ("loc:@x/Assign") would make TF's importer
  // refuse the graph: keep only constraints naming exported nodes.
  if (auto it = node.attrs.find("_class");
      it != node.attrs.end() && it->second.list) {
    std::vector<std::string> &classes = it->second.list->s;
    llvm::erase_if(classes, [&](const std::string &c) {
      StringRef target(c);
      return target.consume_front("loc:@") && !allNames.contains(target);
    });
    if (classes.empty())
      node.attrs.erase(it);
  }
  // Const nodes need their dtype; frozen variables come without one.
  if (node.op == "Const" && !node.attrs.count("dtype")) {
    if (auto value = op->getAttrOfType<ElementsAttr>("value")) {
      tf::AttrValue dtype;
      dtype.kind = tf::AttrValue::Type;
      dtype.type = importer::dataTypeOf(value.getElementType());
      node.attrs["dtype"] = dtype;
    }
  }
  graph.nodes.push_back(std::move(node));
  return success();
}

FailureOr<tf::GraphDef> GraphExporter::run() {
  if (func.getBody().empty() || !func.getBody().hasOneBlock())
    return func.emitError() << "can only export a function with one block";
  if (auto module = func->getParentOfType<ModuleOp>())
    if (auto producer = module->getAttrOfType<IntegerAttr>(kProducerAttr))
      graph.producer = static_cast<int>(producer.getInt());
  if (failed(nameNodes()))
    return failure();
  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments())
    if (failed(exportArgument(arg)))
      return failure();
  for (Operation &op : body.without_terminator())
    if (failed(exportOp(&op)))
      return failure();
  return std::move(graph);
}

} // namespace

FailureOr<tf::GraphDef> graphc::exportGraphDef(func::FuncOp func) {
  return GraphExporter(func).run();
}

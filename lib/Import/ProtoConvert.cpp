//===- ProtoConvert.cpp - Generated TF messages to TFGraph.h structs ------===//
//
// Walks a parsed tensorflow::GraphDef and copies it into graphc::tf structs:
// nodes with their attrs (every AttrValue kind, recursively through lists and
// function attrs), versions, and the function library with signatures,
// bodies and return mappings. Tensors are decoded by TensorDecode.cpp; this
// file adds the "node 'x': attr 'y': " context to any error.
//
//===----------------------------------------------------------------------===//

#include "ProtoConvert.h"
#include "TensorDecode.h"

#include "proto/op_def.pb.h"

#include <memory>

namespace graphc::tf::detail {

static std::string quoted(const std::string &name) { return "'" + name + "'"; }

static bool convertAttrMap(
    const google::protobuf::Map<std::string, tensorflow::AttrValue> &protoAttrs,
    std::map<std::string, AttrValue> &attrs, std::string &error);

static bool convertNameAttrList(const tensorflow::NameAttrList &proto,
                                NameAttrList &func, std::string &error) {
  func.name = proto.name();
  return convertAttrMap(proto.attr(), func.attrs, error);
}

static bool convertList(const tensorflow::AttrValue::ListValue &proto,
                        AttrList &list, std::string &error) {
  list.s.assign(proto.s().begin(), proto.s().end());
  list.i.assign(proto.i().begin(), proto.i().end());
  list.f.assign(proto.f().begin(), proto.f().end());
  list.b.assign(proto.b().begin(), proto.b().end());
  list.type.clear();
  for (int type : proto.type())
    list.type.push_back(static_cast<DataType>(type));

  list.shape.resize(proto.shape_size());
  for (int i = 0; i < proto.shape_size(); ++i) {
    if (!convertShape(proto.shape(i), list.shape[i], error)) {
      error = "list shape " + std::to_string(i) + ": " + error;
      return false;
    }
  }
  list.tensor.resize(proto.tensor_size());
  for (int i = 0; i < proto.tensor_size(); ++i) {
    if (!decodeTensor(proto.tensor(i), list.tensor[i], error)) {
      error = "list tensor " + std::to_string(i) + ": " + error;
      return false;
    }
  }
  list.func.resize(proto.func_size());
  for (int i = 0; i < proto.func_size(); ++i) {
    if (!convertNameAttrList(proto.func(i), list.func[i], error)) {
      error = "list func " + std::to_string(i) + ": " + error;
      return false;
    }
  }
  return true;
}

bool convertAttrValue(const tensorflow::AttrValue &proto, AttrValue &value,
                      std::string &error) {
  value = AttrValue();
  switch (proto.value_case()) {
  case tensorflow::AttrValue::VALUE_NOT_SET:
    value.kind = AttrValue::None;
    return true;
  case tensorflow::AttrValue::kS:
    value.kind = AttrValue::String;
    value.s = proto.s();
    return true;
  case tensorflow::AttrValue::kI:
    value.kind = AttrValue::Int;
    value.i = proto.i();
    return true;
  case tensorflow::AttrValue::kF:
    value.kind = AttrValue::Float;
    value.f = proto.f();
    return true;
  case tensorflow::AttrValue::kB:
    value.kind = AttrValue::Bool;
    value.b = proto.b();
    return true;
  case tensorflow::AttrValue::kType:
    value.kind = AttrValue::Type;
    value.type = static_cast<DataType>(proto.type());
    return true;
  case tensorflow::AttrValue::kShape:
    value.kind = AttrValue::Shape;
    return convertShape(proto.shape(), value.shape, error);
  case tensorflow::AttrValue::kTensor:
    value.kind = AttrValue::TensorKind;
    value.tensor = std::make_shared<Tensor>();
    return decodeTensor(proto.tensor(), *value.tensor, error);
  case tensorflow::AttrValue::kList:
    value.kind = AttrValue::List;
    value.list = std::make_shared<AttrList>();
    return convertList(proto.list(), *value.list, error);
  case tensorflow::AttrValue::kFunc:
    value.kind = AttrValue::Func;
    value.func = std::make_shared<NameAttrList>();
    return convertNameAttrList(proto.func(), *value.func, error);
  case tensorflow::AttrValue::kPlaceholder:
    value.kind = AttrValue::Placeholder;
    value.s = proto.placeholder();
    return true;
  }
  error = "attr value of unknown kind " + std::to_string(proto.value_case());
  return false;
}

static bool convertAttrMap(
    const google::protobuf::Map<std::string, tensorflow::AttrValue> &protoAttrs,
    std::map<std::string, AttrValue> &attrs, std::string &error) {
  attrs.clear();
  for (const auto &[name, protoValue] : protoAttrs) {
    if (!convertAttrValue(protoValue, attrs[name], error)) {
      error = "attr " + quoted(name) + ": " + error;
      return false;
    }
  }
  return true;
}

bool convertNodeDef(const tensorflow::NodeDef &proto, NodeDef &node,
                    std::string &error) {
  node.name = proto.name();
  node.op = proto.op();
  node.inputs.assign(proto.input().begin(), proto.input().end());
  node.device = proto.device();
  if (!convertAttrMap(proto.attr(), node.attrs, error)) {
    error = "node " + quoted(proto.name()) + ": " + error;
    return false;
  }
  return true;
}

static void convertArgDef(const tensorflow::OpDef::ArgDef &proto, ArgDef &arg) {
  arg.name = proto.name();
  arg.type = static_cast<DataType>(proto.type());
  arg.typeAttr = proto.type_attr();
  arg.numberAttr = proto.number_attr();
  arg.typeListAttr = proto.type_list_attr();
  arg.isRef = proto.is_ref();
}

bool convertFunctionDef(const tensorflow::FunctionDef &proto,
                        FunctionDef &function, std::string &error) {
  const tensorflow::OpDef &signature = proto.signature();
  function.name = signature.name();
  function.inputArgs.resize(signature.input_arg_size());
  for (int i = 0; i < signature.input_arg_size(); ++i)
    convertArgDef(signature.input_arg(i), function.inputArgs[i]);
  function.outputArgs.resize(signature.output_arg_size());
  for (int i = 0; i < signature.output_arg_size(); ++i)
    convertArgDef(signature.output_arg(i), function.outputArgs[i]);

  std::string prefix = "function " + quoted(function.name) + ": ";
  if (!convertAttrMap(proto.attr(), function.attrs, error)) {
    error = prefix + error;
    return false;
  }
  function.nodes.resize(proto.node_def_size());
  for (int i = 0; i < proto.node_def_size(); ++i) {
    if (!convertNodeDef(proto.node_def(i), function.nodes[i], error)) {
      error = prefix + error;
      return false;
    }
  }
  function.ret.clear();
  function.ret.insert(proto.ret().begin(), proto.ret().end());
  function.controlRet.clear();
  function.controlRet.insert(proto.control_ret().begin(),
                             proto.control_ret().end());
  return true;
}

bool convertGraphDef(const tensorflow::GraphDef &proto, GraphDef &graph,
                     std::string &error) {
  graph = GraphDef();
  graph.producer = proto.versions().producer();
  graph.minConsumer = proto.versions().min_consumer();
  graph.nodes.resize(proto.node_size());
  for (int i = 0; i < proto.node_size(); ++i)
    if (!convertNodeDef(proto.node(i), graph.nodes[i], error))
      return false;
  const tensorflow::FunctionDefLibrary &library = proto.library();
  graph.functions.resize(library.function_size());
  for (int i = 0; i < library.function_size(); ++i)
    if (!convertFunctionDef(library.function(i), graph.functions[i], error))
      return false;
  return true;
}

} // namespace graphc::tf::detail

//===- TFGraphWriter.cpp - Write GraphDef files (binary and text) ---------===//
//
// The inverse of TFGraphReader.cpp + ProtoConvert.cpp: copies graphc::tf
// structs into the generated TensorFlow messages and serializes them, so
// graphc can hand a frozen graph to tools that read GraphDefs (TensorFlow,
// OpenCV's DNN module, converters). Tensors are written the way TF's own
// tensor_util does for numeric data, as raw little-endian `tensor_content`
// (string tensors as `string_val`); binary output is deterministic (map
// entries sorted), so the same graph always gives the same bytes.
//
//===----------------------------------------------------------------------===//

#include "graphc/Import/TFGraph.h"

#include "proto/graph.pb.h"
#include "proto/op_def.pb.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>

namespace graphc::tf {

static std::string quoted(const std::string &name) { return "'" + name + "'"; }

static void encodeShape(const TensorShape &shape,
                        tensorflow::TensorShapeProto &proto) {
  proto.Clear();
  if (shape.unknownRank) {
    proto.set_unknown_rank(true);
    return;
  }
  for (int64_t dim : shape.dims)
    proto.add_dim()->set_size(dim);
}

/// A splat Tensor (one element for its whole shape) as TF writes one: the
/// shape and one value in the dtype's typed field.
static bool encodeSplatValue(const Tensor &tensor, int size,
                             tensorflow::TensorProto &proto,
                             std::string &error) {
  if (static_cast<int>(tensor.data.size()) != size) {
    error = "splat tensor data has " + std::to_string(tensor.data.size()) +
            " bytes, expected " + std::to_string(size);
    return false;
  }
  const uint8_t *p = tensor.data.data();
  auto read = [&](auto value) {
    std::memcpy(&value, p, sizeof(value));
    return value;
  };
  switch (tensor.dtype) {
  case DT_FLOAT: proto.add_float_val(read(float())); return true;
  case DT_DOUBLE: proto.add_double_val(read(double())); return true;
  case DT_INT32: case DT_QINT32: proto.add_int_val(read(int32_t())); return true;
  case DT_INT16: case DT_QINT16: proto.add_int_val(read(int16_t())); return true;
  case DT_UINT16: case DT_QUINT16:
    proto.add_int_val(read(uint16_t()));
    return true;
  case DT_INT8: case DT_QINT8: proto.add_int_val(read(int8_t())); return true;
  case DT_UINT8: case DT_QUINT8: proto.add_int_val(read(uint8_t())); return true;
  case DT_BOOL: proto.add_bool_val(read(uint8_t()) != 0); return true;
  case DT_INT64: proto.add_int64_val(read(int64_t())); return true;
  case DT_UINT32: proto.add_uint32_val(read(uint32_t())); return true;
  case DT_UINT64: proto.add_uint64_val(read(uint64_t())); return true;
  case DT_HALF: case DT_BFLOAT16:
    proto.add_half_val(read(uint16_t()));
    return true;
  default:
    error = "cannot write a splat tensor of dtype " +
            dataTypeName(tensor.dtype);
    return false;
  }
}

static bool encodeTensor(const Tensor &tensor, tensorflow::TensorProto &proto,
                         std::string &error) {
  proto.Clear();
  proto.set_dtype(static_cast<tensorflow::DataType>(tensor.dtype));
  encodeShape(tensor.shape, *proto.mutable_tensor_shape());
  int64_t count = tensor.shape.numElements();
  if (count < 0) {
    error = "tensor has an unknown shape";
    return false;
  }
  if (tensor.dtype == DT_STRING) {
    if (static_cast<int64_t>(tensor.strings.size()) != count) {
      error = "string tensor has " + std::to_string(tensor.strings.size()) +
              " values, expected " + std::to_string(count);
      return false;
    }
    for (const std::string &s : tensor.strings)
      proto.add_string_val(s);
    return true;
  }
  int size = dataTypeSize(tensor.dtype);
  if (size == 0) {
    error = "cannot write a tensor of dtype " + dataTypeName(tensor.dtype);
    return false;
  }
  if (tensor.splat)
    return encodeSplatValue(tensor, size, proto, error);
  if (static_cast<int64_t>(tensor.data.size()) != count * size) {
    error = "tensor data has " + std::to_string(tensor.data.size()) +
            " bytes, expected " + std::to_string(count * size);
    return false;
  }
  proto.set_tensor_content(tensor.data.data(), tensor.data.size());
  return true;
}

static bool encodeAttrMap(const std::map<std::string, AttrValue> &attrs,
                          google::protobuf::Map<std::string,
                                                tensorflow::AttrValue> &proto,
                          std::string &error);

static bool encodeNameAttrList(const NameAttrList &func,
                               tensorflow::NameAttrList &proto,
                               std::string &error) {
  proto.set_name(func.name);
  return encodeAttrMap(func.attrs, *proto.mutable_attr(), error);
}

static bool encodeList(const AttrList &list,
                       tensorflow::AttrValue::ListValue &proto,
                       std::string &error) {
  for (const std::string &s : list.s)
    proto.add_s(s);
  for (int64_t i : list.i)
    proto.add_i(i);
  for (float f : list.f)
    proto.add_f(f);
  for (bool b : list.b)
    proto.add_b(b);
  for (DataType type : list.type)
    proto.add_type(static_cast<tensorflow::DataType>(type));
  for (const TensorShape &shape : list.shape)
    encodeShape(shape, *proto.add_shape());
  for (size_t k = 0; k < list.tensor.size(); ++k) {
    if (!encodeTensor(list.tensor[k], *proto.add_tensor(), error)) {
      error = "list tensor " + std::to_string(k) + ": " + error;
      return false;
    }
  }
  for (size_t k = 0; k < list.func.size(); ++k) {
    if (!encodeNameAttrList(list.func[k], *proto.add_func(), error)) {
      error = "list func " + std::to_string(k) + ": " + error;
      return false;
    }
  }
  return true;
}

/// One AttrValue; `value`'s shared members must be set for their kinds.
static bool encodeAttrValue(const AttrValue &value,
                            tensorflow::AttrValue &proto, std::string &error) {
  proto.Clear();
  switch (value.kind) {
  case AttrValue::None:
    return true;
  case AttrValue::String:
    proto.set_s(value.s);
    return true;
  case AttrValue::Int:
    proto.set_i(value.i);
    return true;
  case AttrValue::Float:
    proto.set_f(value.f);
    return true;
  case AttrValue::Bool:
    proto.set_b(value.b);
    return true;
  case AttrValue::Type:
    proto.set_type(static_cast<tensorflow::DataType>(value.type));
    return true;
  case AttrValue::Shape:
    encodeShape(value.shape, *proto.mutable_shape());
    return true;
  case AttrValue::TensorKind:
    if (!value.tensor) {
      error = "tensor attr without a tensor";
      return false;
    }
    return encodeTensor(*value.tensor, *proto.mutable_tensor(), error);
  case AttrValue::List:
    if (!value.list) {
      proto.mutable_list();
      return true;
    }
    return encodeList(*value.list, *proto.mutable_list(), error);
  case AttrValue::Func:
    if (!value.func) {
      error = "func attr without a function";
      return false;
    }
    return encodeNameAttrList(*value.func, *proto.mutable_func(), error);
  case AttrValue::Placeholder:
    proto.set_placeholder(value.s);
    return true;
  }
  error = "attr value of unknown kind " + std::to_string(value.kind);
  return false;
}

static bool encodeAttrMap(const std::map<std::string, AttrValue> &attrs,
                          google::protobuf::Map<std::string,
                                                tensorflow::AttrValue> &proto,
                          std::string &error) {
  proto.clear();
  for (const auto &[name, value] : attrs) {
    if (!encodeAttrValue(value, proto[name], error)) {
      error = "attr " + quoted(name) + ": " + error;
      return false;
    }
  }
  return true;
}

static bool encodeNodeDef(const NodeDef &node, tensorflow::NodeDef &proto,
                          std::string &error) {
  proto.set_name(node.name);
  proto.set_op(node.op);
  for (const std::string &input : node.inputs)
    proto.add_input(input);
  if (!node.device.empty())
    proto.set_device(node.device);
  if (!encodeAttrMap(node.attrs, *proto.mutable_attr(), error)) {
    error = "node " + quoted(node.name) + ": " + error;
    return false;
  }
  return true;
}

static void encodeArgDef(const ArgDef &arg, tensorflow::OpDef::ArgDef &proto) {
  proto.set_name(arg.name);
  proto.set_type(static_cast<tensorflow::DataType>(arg.type));
  proto.set_type_attr(arg.typeAttr);
  proto.set_number_attr(arg.numberAttr);
  proto.set_type_list_attr(arg.typeListAttr);
  proto.set_is_ref(arg.isRef);
}

static bool encodeFunctionDef(const FunctionDef &function,
                              tensorflow::FunctionDef &proto,
                              std::string &error) {
  tensorflow::OpDef &signature = *proto.mutable_signature();
  signature.set_name(function.name);
  for (const ArgDef &arg : function.inputArgs)
    encodeArgDef(arg, *signature.add_input_arg());
  for (const ArgDef &arg : function.outputArgs)
    encodeArgDef(arg, *signature.add_output_arg());
  std::string prefix = "function " + quoted(function.name) + ": ";
  if (!encodeAttrMap(function.attrs, *proto.mutable_attr(), error)) {
    error = prefix + error;
    return false;
  }
  for (const NodeDef &node : function.nodes) {
    if (!encodeNodeDef(node, *proto.add_node_def(), error)) {
      error = prefix + error;
      return false;
    }
  }
  proto.mutable_ret()->insert(function.ret.begin(), function.ret.end());
  proto.mutable_control_ret()->insert(function.controlRet.begin(),
                                      function.controlRet.end());
  return true;
}

static bool encodeGraphDef(const GraphDef &graph, tensorflow::GraphDef &proto,
                           std::string &error) {
  proto.Clear();
  proto.mutable_versions()->set_producer(graph.producer);
  proto.mutable_versions()->set_min_consumer(graph.minConsumer);
  for (const NodeDef &node : graph.nodes)
    if (!encodeNodeDef(node, *proto.add_node(), error))
      return false;
  for (const FunctionDef &function : graph.functions)
    if (!encodeFunctionDef(function, *proto.mutable_library()->add_function(),
                           error))
      return false;
  return true;
}

static bool hasTextExtension(const std::string &path) {
  for (const char *ext : {".pbtxt", ".pbtext", ".txt"}) {
    size_t len = std::strlen(ext);
    if (path.size() >= len && path.compare(path.size() - len, len, ext) == 0)
      return true;
  }
  return false;
}

bool serializeGraphDef(const GraphDef &graph, bool textFormat,
                       std::string &bytes, std::string &error) {
  tensorflow::GraphDef proto;
  if (!encodeGraphDef(graph, proto, error))
    return false;
  bytes.clear();
  if (textFormat) {
    if (!google::protobuf::TextFormat::PrintToString(proto, &bytes)) {
      error = "cannot print the GraphDef in text format";
      return false;
    }
    return true;
  }
  if (proto.ByteSizeLong() > static_cast<size_t>(INT_MAX)) {
    error = "the GraphDef is larger than protobuf's 2 GiB limit";
    return false;
  }
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    proto.SerializeWithCachedSizes(&coded);
    if (coded.HadError()) {
      error = "cannot serialize the GraphDef";
      return false;
    }
  }
  return true;
}

bool writeGraphDef(const GraphDef &graph, const std::string &path,
                   std::string &error) {
  std::string bytes;
  if (!serializeGraphDef(graph, hasTextExtension(path), bytes, error))
    return false;
  std::ofstream file(path, std::ios::out | std::ios::binary | std::ios::trunc);
  if (!file) {
    error = std::string("cannot write file: ") + std::strerror(errno);
    return false;
  }
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    error = std::string("cannot write file: ") + std::strerror(errno);
    return false;
  }
  return true;
}

} // namespace graphc::tf

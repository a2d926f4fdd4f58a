//===- TFGraphReaderTest.cpp - Tests for reading TensorFlow GraphDefs -----===//
//
// Unit tests of GraphcTFProto (include/graphc/Import/TFGraph.h): every
// TensorProto encoding and dtype, TensorFlow's fill-with-last-value rule,
// attrs of every kind, the function library, binary vs text format, and the
// errors for truncated files and malformed tensors. Inputs are built with the
// generated protobuf classes (or written as text format) in the tests.
//
//===----------------------------------------------------------------------===//

#include "graphc/Import/TFGraph.h"

#include "proto/graph.pb.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace graphc::tf;

namespace {

constexpr const char *kNotAGraphDef =
    "not a valid GraphDef (truncated or not a protobuf file)";

/// A file in the temp directory that is removed when it goes out of scope.
class TempFile {
public:
  TempFile(const std::string &suffix, const std::string &contents) {
    static int counter = 0;
    path = (std::filesystem::temp_directory_path() /
            ("graphc-tfgraph-" + std::to_string(getpid()) + "-" +
             std::to_string(counter++) + suffix))
               .string();
    std::ofstream out(path, std::ios::binary);
    out << contents;
  }
  ~TempFile() { std::filesystem::remove(path); }

  std::string path;
};

void setShape(tensorflow::TensorShapeProto *shape,
              std::initializer_list<int64_t> dims) {
  for (int64_t dim : dims)
    shape->add_dim()->set_size(dim);
}

tensorflow::TensorProto makeTensor(tensorflow::DataType dtype,
                                   std::initializer_list<int64_t> dims) {
  tensorflow::TensorProto tensor;
  tensor.set_dtype(dtype);
  setShape(tensor.mutable_tensor_shape(), dims);
  return tensor;
}

/// Adds a Const node `name` holding `tensor` to `graph`.
void addConst(tensorflow::GraphDef &graph, const std::string &name,
              const tensorflow::TensorProto &tensor) {
  tensorflow::NodeDef *node = graph.add_node();
  node->set_name(name);
  node->set_op("Const");
  (*node->mutable_attr())["dtype"].set_type(tensor.dtype());
  *(*node->mutable_attr())["value"].mutable_tensor() = tensor;
}

bool parseBinary(const tensorflow::GraphDef &proto, GraphDef &graph,
                 std::string &error) {
  return parseGraphDef(proto.SerializeAsString(), /*textFormat=*/false, graph,
                       error);
}

/// Decodes `tensor` by passing it through a one-Const graph, as it would
/// arrive from a file. Fails the test on error.
Tensor decode(const tensorflow::TensorProto &tensor) {
  tensorflow::GraphDef proto;
  addConst(proto, "c", tensor);
  GraphDef graph;
  std::string error;
  EXPECT_TRUE(parseBinary(proto, graph, error)) << error;
  if (graph.nodes.size() != 1 || !graph.nodes[0].attrs["value"].tensor)
    return Tensor();
  return *graph.nodes[0].attrs["value"].tensor;
}

/// Returns the error from decoding `tensor` in Const node "c".
std::string decodeError(const tensorflow::TensorProto &tensor) {
  tensorflow::GraphDef proto;
  addConst(proto, "c", tensor);
  GraphDef graph;
  std::string error;
  EXPECT_FALSE(parseBinary(proto, graph, error));
  return error;
}

/// Every element of `tensor`, a splat (one stored element) expanded to its
/// shape: what TF means by the proto, however it is stored.
template <typename T> std::vector<T> values(const Tensor &tensor) {
  EXPECT_EQ(tensor.data.size() % sizeof(T), 0u);
  std::vector<T> result(tensor.data.size() / sizeof(T));
  if (!result.empty())
    std::memcpy(result.data(), tensor.data.data(), tensor.data.size());
  if (tensor.splat) {
    EXPECT_EQ(result.size() * sizeof(T), tensor.data.size());
    int64_t count = tensor.shape.numElements();
    // A complex splat stores its two parts.
    std::vector<T> expanded;
    for (int64_t i = 0; i < count; ++i)
      expanded.insert(expanded.end(), result.begin(), result.end());
    return expanded;
  }
  return result;
}

template <typename T> std::string bytesOf(std::initializer_list<T> elements) {
  std::string bytes;
  for (T element : elements)
    bytes.append(reinterpret_cast<const char *>(&element), sizeof(T));
  return bytes;
}

//===----------------------------------------------------------------------===//
// DataType and TensorShape helpers
//===----------------------------------------------------------------------===//

TEST(DataTypeTest, Names) {
  EXPECT_EQ(dataTypeName(DT_FLOAT), "DT_FLOAT");
  EXPECT_EQ(dataTypeName(DT_HALF), "DT_HALF");
  EXPECT_EQ(dataTypeName(DT_BFLOAT16), "DT_BFLOAT16");
  EXPECT_EQ(dataTypeName(DT_UINT64), "DT_UINT64");
  EXPECT_EQ(dataTypeName(DT_INVALID), "DT_INVALID");
  EXPECT_EQ(dataTypeName(DataType(DT_REF_OFFSET + DT_FLOAT)), "DT_FLOAT_REF");
  EXPECT_EQ(dataTypeName(DataType(25)), "DT_FLOAT8_E4M3FN");
  EXPECT_EQ(dataTypeName(DataType(77)), "DT_77");
}

TEST(DataTypeTest, Sizes) {
  EXPECT_EQ(dataTypeSize(DT_FLOAT), 4);
  EXPECT_EQ(dataTypeSize(DT_DOUBLE), 8);
  EXPECT_EQ(dataTypeSize(DT_HALF), 2);
  EXPECT_EQ(dataTypeSize(DT_BFLOAT16), 2);
  EXPECT_EQ(dataTypeSize(DT_INT8), 1);
  EXPECT_EQ(dataTypeSize(DT_UINT8), 1);
  EXPECT_EQ(dataTypeSize(DT_INT16), 2);
  EXPECT_EQ(dataTypeSize(DT_INT32), 4);
  EXPECT_EQ(dataTypeSize(DT_INT64), 8);
  EXPECT_EQ(dataTypeSize(DT_BOOL), 1);
  EXPECT_EQ(dataTypeSize(DT_QINT8), 1);
  EXPECT_EQ(dataTypeSize(DT_QINT32), 4);
  EXPECT_EQ(dataTypeSize(DT_COMPLEX64), 8);
  EXPECT_EQ(dataTypeSize(DT_COMPLEX128), 16);
  EXPECT_EQ(dataTypeSize(DT_UINT32), 4);
  EXPECT_EQ(dataTypeSize(DT_UINT64), 8);
  EXPECT_EQ(dataTypeSize(DT_STRING), 0);
  EXPECT_EQ(dataTypeSize(DT_RESOURCE), 0);
  EXPECT_EQ(dataTypeSize(DT_VARIANT), 0);
  EXPECT_EQ(dataTypeSize(DT_INVALID), 0);
  EXPECT_EQ(dataTypeSize(DataType(DT_REF_OFFSET + DT_HALF)), 2);
  EXPECT_EQ(dataTypeSize(DataType(24)), 0);
}

TEST(TensorShapeTest, NumElements) {
  TensorShape scalar;
  EXPECT_EQ(scalar.numElements(), 1);
  EXPECT_EQ((TensorShape{false, {2, 3, 4}}).numElements(), 24);
  EXPECT_EQ((TensorShape{false, {2, 0, 4}}).numElements(), 0);
  EXPECT_EQ((TensorShape{false, {2, -1}}).numElements(), -1);
  EXPECT_EQ((TensorShape{true, {}}).numElements(), -1);
  EXPECT_EQ(
      (TensorShape{false, {int64_t(1) << 40, int64_t(1) << 40}}).numElements(),
      -1);
}

//===----------------------------------------------------------------------===//
// TensorProto encodings
//===----------------------------------------------------------------------===//

TEST(TensorDecodeTest, FloatTensorContent) {
  auto proto = makeTensor(tensorflow::DT_FLOAT, {2, 2});
  proto.set_tensor_content(bytesOf<float>({1.5f, -2.0f, 3.25f, 0.0f}));
  Tensor tensor = decode(proto);
  EXPECT_EQ(tensor.dtype, DT_FLOAT);
  EXPECT_EQ(tensor.shape.dims, (std::vector<int64_t>{2, 2}));
  EXPECT_FALSE(tensor.shape.unknownRank);
  EXPECT_EQ(values<float>(tensor),
            (std::vector<float>{1.5f, -2.0f, 3.25f, 0.0f}));
}

TEST(TensorDecodeTest, FloatVal) {
  auto proto = makeTensor(tensorflow::DT_FLOAT, {3});
  for (float v : {1.0f, 2.0f, 3.0f})
    proto.add_float_val(v);
  EXPECT_EQ(values<float>(decode(proto)), (std::vector<float>{1, 2, 3}));
}

TEST(TensorDecodeTest, FewerValuesRepeatTheLast) {
  auto proto = makeTensor(tensorflow::DT_FLOAT, {5});
  proto.add_float_val(1.0f);
  proto.add_float_val(2.0f);
  EXPECT_EQ(values<float>(decode(proto)), (std::vector<float>{1, 2, 2, 2, 2}));
}

TEST(TensorDecodeTest, OneValueFillsTheShape) {
  auto proto = makeTensor(tensorflow::DT_INT32, {2, 3});
  proto.add_int_val(7);
  EXPECT_EQ(values<int32_t>(decode(proto)), std::vector<int32_t>(6, 7));
}

TEST(TensorDecodeTest, NoValuesMeansZeros) {
  auto proto = makeTensor(tensorflow::DT_FLOAT, {2, 2});
  Tensor tensor = decode(proto);
  // Stored as one zero element (a splat), meaning four.
  EXPECT_TRUE(tensor.splat);
  EXPECT_EQ(tensor.data.size(), 4u);
  EXPECT_EQ(values<float>(tensor), std::vector<float>(4, 0.0f));
}

TEST(TensorDecodeTest, HugeSplatStaysOneElement) {
  // A few bytes of proto declaring 9e8 elements: kept as one element.
  auto proto = makeTensor(tensorflow::DT_FLOAT, {30000, 30000});
  proto.add_float_val(1.5f);
  Tensor tensor = decode(proto);
  EXPECT_TRUE(tensor.splat);
  EXPECT_EQ(tensor.data.size(), 4u);
  EXPECT_EQ(tensor.shape.numElements(), 900000000);
}

TEST(TensorDecodeTest, Scalar) {
  auto proto = makeTensor(tensorflow::DT_FLOAT, {});
  proto.add_float_val(3.5f);
  Tensor tensor = decode(proto);
  EXPECT_TRUE(tensor.shape.dims.empty());
  EXPECT_EQ(values<float>(tensor), std::vector<float>{3.5f});
}

TEST(TensorDecodeTest, EmptyTensors) {
  Tensor tensor = decode(makeTensor(tensorflow::DT_FLOAT, {0}));
  EXPECT_EQ(tensor.shape.dims, std::vector<int64_t>{0});
  EXPECT_TRUE(tensor.data.empty());

  tensor = decode(makeTensor(tensorflow::DT_INT64, {3, 0, 2}));
  EXPECT_EQ(tensor.shape.numElements(), 0);
  EXPECT_TRUE(tensor.data.empty());

  tensor = decode(makeTensor(tensorflow::DT_STRING, {0}));
  EXPECT_TRUE(tensor.strings.empty());
}

TEST(TensorDecodeTest, Double) {
  auto proto = makeTensor(tensorflow::DT_DOUBLE, {3});
  proto.add_double_val(0.1);
  proto.add_double_val(-1e300);
  EXPECT_EQ(values<double>(decode(proto)),
            (std::vector<double>{0.1, -1e300, -1e300}));

  proto.clear_double_val();
  proto.set_tensor_content(bytesOf<double>({1.0, 2.0, 3.0}));
  EXPECT_EQ(values<double>(decode(proto)), (std::vector<double>{1, 2, 3}));
}

TEST(TensorDecodeTest, Half) {
  // 1.0 and 2.0 as IEEE half bit patterns.
  auto proto = makeTensor(tensorflow::DT_HALF, {3});
  proto.add_half_val(0x3C00);
  proto.add_half_val(0x4000);
  Tensor tensor = decode(proto);
  EXPECT_EQ(tensor.data.size(), 6u);
  EXPECT_EQ(values<uint16_t>(tensor),
            (std::vector<uint16_t>{0x3C00, 0x4000, 0x4000}));

  // Negative half values: the sign bit sets bit 15 of the int32.
  proto.clear_half_val();
  proto.add_half_val(0xBC00); // -1.0
  EXPECT_EQ(values<uint16_t>(decode(proto)), std::vector<uint16_t>(3, 0xBC00));

  proto.clear_half_val();
  proto.set_tensor_content(bytesOf<uint16_t>({0x3C00, 0x0000, 0xC000}));
  EXPECT_EQ(values<uint16_t>(decode(proto)),
            (std::vector<uint16_t>{0x3C00, 0x0000, 0xC000}));
}

TEST(TensorDecodeTest, BFloat16) {
  // bfloat16 uses half_val too: 1.0 is 0x3F80.
  auto proto = makeTensor(tensorflow::DT_BFLOAT16, {3});
  proto.add_half_val(0x3F80);
  Tensor tensor = decode(proto);
  EXPECT_EQ(tensor.dtype, DT_BFLOAT16);
  EXPECT_EQ(values<uint16_t>(tensor), std::vector<uint16_t>(3, 0x3F80));
}

TEST(TensorDecodeTest, Int32) {
  auto proto = makeTensor(tensorflow::DT_INT32, {3});
  proto.add_int_val(-5);
  proto.add_int_val(2147483647);
  proto.add_int_val(0);
  EXPECT_EQ(values<int32_t>(decode(proto)),
            (std::vector<int32_t>{-5, 2147483647, 0}));

  proto.clear_int_val();
  proto.set_tensor_content(bytesOf<int32_t>({1, -2, 3}));
  EXPECT_EQ(values<int32_t>(decode(proto)), (std::vector<int32_t>{1, -2, 3}));
}

TEST(TensorDecodeTest, NarrowIntegersUseIntVal) {
  auto i8 = makeTensor(tensorflow::DT_INT8, {3});
  i8.add_int_val(-1);
  i8.add_int_val(127);
  EXPECT_EQ(values<int8_t>(decode(i8)), (std::vector<int8_t>{-1, 127, 127}));

  auto u8 = makeTensor(tensorflow::DT_UINT8, {2});
  u8.add_int_val(255);
  u8.add_int_val(1);
  Tensor tensor = decode(u8);
  EXPECT_EQ(tensor.data, (std::vector<uint8_t>{255, 1}));

  auto i16 = makeTensor(tensorflow::DT_INT16, {2});
  i16.add_int_val(-300);
  EXPECT_EQ(values<int16_t>(decode(i16)), (std::vector<int16_t>{-300, -300}));

  auto u16 = makeTensor(tensorflow::DT_UINT16, {1});
  u16.add_int_val(65535);
  EXPECT_EQ(values<uint16_t>(decode(u16)), std::vector<uint16_t>{65535});

  auto q8 = makeTensor(tensorflow::DT_QUINT8, {2});
  q8.add_int_val(200);
  EXPECT_EQ(values<uint8_t>(decode(q8)), (std::vector<uint8_t>{200, 200}));

  auto u8Content = makeTensor(tensorflow::DT_UINT8, {4});
  u8Content.set_tensor_content(std::string("\x01\x02\xfe\xff", 4));
  EXPECT_EQ(decode(u8Content).data, (std::vector<uint8_t>{1, 2, 254, 255}));
}

TEST(TensorDecodeTest, Int64) {
  auto proto = makeTensor(tensorflow::DT_INT64, {3});
  proto.add_int64_val(int64_t(1) << 40);
  proto.add_int64_val(-7);
  EXPECT_EQ(values<int64_t>(decode(proto)),
            (std::vector<int64_t>{int64_t(1) << 40, -7, -7}));

  proto.clear_int64_val();
  proto.set_tensor_content(bytesOf<int64_t>({-1, 0, 1}));
  EXPECT_EQ(values<int64_t>(decode(proto)), (std::vector<int64_t>{-1, 0, 1}));
}

TEST(TensorDecodeTest, Bool) {
  auto proto = makeTensor(tensorflow::DT_BOOL, {4});
  proto.add_bool_val(false);
  proto.add_bool_val(true);
  Tensor tensor = decode(proto);
  EXPECT_EQ(tensor.data, (std::vector<uint8_t>{0, 1, 1, 1}));

  proto.clear_bool_val();
  proto.set_tensor_content(std::string("\x01\x00\x00\x01", 4));
  EXPECT_EQ(decode(proto).data, (std::vector<uint8_t>{1, 0, 0, 1}));
}

TEST(TensorDecodeTest, Unsigned32And64) {
  auto u32 = makeTensor(tensorflow::DT_UINT32, {2});
  u32.add_uint32_val(4000000000u);
  EXPECT_EQ(values<uint32_t>(decode(u32)),
            (std::vector<uint32_t>{4000000000u, 4000000000u}));

  auto u64 = makeTensor(tensorflow::DT_UINT64, {2});
  u64.add_uint64_val(~uint64_t(0));
  u64.add_uint64_val(3);
  EXPECT_EQ(values<uint64_t>(decode(u64)),
            (std::vector<uint64_t>{~uint64_t(0), 3}));
}

TEST(TensorDecodeTest, Complex) {
  auto c64 = makeTensor(tensorflow::DT_COMPLEX64, {3});
  for (float v : {1.0f, 2.0f, 3.0f, 4.0f})
    c64.add_scomplex_val(v);
  // Two (re, im) pairs given; the last pair fills the third element.
  EXPECT_EQ(values<float>(decode(c64)), (std::vector<float>{1, 2, 3, 4, 3, 4}));

  auto c128 = makeTensor(tensorflow::DT_COMPLEX128, {1});
  c128.add_dcomplex_val(0.5);
  c128.add_dcomplex_val(-0.5);
  EXPECT_EQ(values<double>(decode(c128)), (std::vector<double>{0.5, -0.5}));

  c64.add_scomplex_val(5.0f); // Odd number of scalars.
  EXPECT_NE(decodeError(c64).find("scomplex_val has 5 values"),
            std::string::npos);
}

TEST(TensorDecodeTest, Strings) {
  auto proto = makeTensor(tensorflow::DT_STRING, {3});
  proto.add_string_val("a");
  proto.add_string_val(std::string("b\0c", 3));
  Tensor tensor = decode(proto);
  EXPECT_TRUE(tensor.data.empty());
  EXPECT_EQ(tensor.strings,
            (std::vector<std::string>{"a", std::string("b\0c", 3),
                                      std::string("b\0c", 3)}));

  // No values: empty strings.
  EXPECT_EQ(decode(makeTensor(tensorflow::DT_STRING, {2})).strings,
            (std::vector<std::string>{"", ""}));

  // tensor_content: varint lengths first, then the bytes.
  auto content = makeTensor(tensorflow::DT_STRING, {2});
  content.set_tensor_content(std::string("\x02\x03hixyz", 7));
  EXPECT_EQ(decode(content).strings, (std::vector<std::string>{"hi", "xyz"}));
  content.set_tensor_content(std::string("\x02\x03hixy", 6));
  EXPECT_NE(decodeError(content).find("tensor_content string list"),
            std::string::npos);
}

//===----------------------------------------------------------------------===//
// Tensor errors
//===----------------------------------------------------------------------===//

TEST(TensorErrorTest, TensorContentSizeMismatch) {
  auto proto = makeTensor(tensorflow::DT_FLOAT, {4});
  proto.set_tensor_content(bytesOf<float>({1, 2, 3}));
  tensorflow::GraphDef graph;
  addConst(graph, "w", proto);
  GraphDef out;
  std::string error;
  EXPECT_FALSE(parseBinary(graph, out, error));
  EXPECT_EQ(error,
            "node 'w': attr 'value': tensor_content has 12 bytes, expected 16");
}

TEST(TensorErrorTest, MoreValuesThanElements) {
  auto proto = makeTensor(tensorflow::DT_FLOAT, {2});
  for (float v : {1.0f, 2.0f, 3.0f})
    proto.add_float_val(v);
  EXPECT_EQ(decodeError(proto),
            "node 'c': attr 'value': float_val has 3 values, more than the 2 "
            "elements of the shape");

  auto strings = makeTensor(tensorflow::DT_STRING, {});
  strings.add_string_val("x");
  strings.add_string_val("y");
  EXPECT_NE(decodeError(strings).find("string_val has 2 values"),
            std::string::npos);
}

TEST(TensorErrorTest, UnsupportedDtypes) {
  EXPECT_EQ(decodeError(makeTensor(tensorflow::DT_RESOURCE, {1})),
            "node 'c': attr 'value': cannot decode tensor of dtype "
            "DT_RESOURCE");
  EXPECT_EQ(decodeError(makeTensor(tensorflow::DT_VARIANT, {})),
            "node 'c': attr 'value': cannot decode tensor of dtype "
            "DT_VARIANT");
  EXPECT_EQ(decodeError(makeTensor(tensorflow::DT_FLOAT8_E5M2, {2})),
            "node 'c': attr 'value': cannot decode tensor of dtype "
            "DT_FLOAT8_E5M2");
  EXPECT_EQ(decodeError(makeTensor(tensorflow::DT_INVALID, {1})),
            "node 'c': attr 'value': tensor has dtype DT_INVALID");
  EXPECT_EQ(decodeError(makeTensor(tensorflow::DT_FLOAT_REF, {1})),
            "node 'c': attr 'value': tensor has reference dtype DT_FLOAT_REF");
}

TEST(TensorErrorTest, UnknownShapes) {
  auto unknownDim = makeTensor(tensorflow::DT_FLOAT, {2, -1});
  EXPECT_EQ(decodeError(unknownDim),
            "node 'c': attr 'value': tensor shape [2, ?] has an unknown "
            "dimension");

  auto unknownRank = makeTensor(tensorflow::DT_FLOAT, {});
  unknownRank.mutable_tensor_shape()->set_unknown_rank(true);
  EXPECT_EQ(decodeError(unknownRank),
            "node 'c': attr 'value': tensor shape has unknown rank");

  auto badDim = makeTensor(tensorflow::DT_FLOAT, {-3});
  EXPECT_EQ(decodeError(badDim),
            "node 'c': attr 'value': shape has invalid dimension -3");
}

TEST(TensorErrorTest, HugeExpansionIsRefused) {
  // Two values repeated over 2^40 elements would have to be expanded:
  // refused. (One value is a splat, kept as one element: the test above.)
  auto proto = makeTensor(tensorflow::DT_FLOAT, {1 << 20, 1 << 20});
  proto.add_float_val(1.0f);
  proto.add_float_val(2.0f);
  EXPECT_NE(decodeError(proto).find("too large to decode"), std::string::npos);

  auto overflow =
      makeTensor(tensorflow::DT_FLOAT, {int64_t(1) << 40, int64_t(1) << 40});
  EXPECT_NE(decodeError(overflow).find("too many elements"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// Nodes and attrs
//===----------------------------------------------------------------------===//

TEST(NodeDefTest, NameOpInputsDeviceVersions) {
  tensorflow::GraphDef proto;
  proto.mutable_versions()->set_producer(1205);
  proto.mutable_versions()->set_min_consumer(12);
  tensorflow::NodeDef *node = proto.add_node();
  node->set_name("add");
  node->set_op("AddV2");
  node->add_input("a");
  node->add_input("b:1");
  node->add_input("^c");
  node->set_device("/device:CPU:0");

  GraphDef graph;
  std::string error;
  ASSERT_TRUE(parseBinary(proto, graph, error)) << error;
  EXPECT_EQ(graph.producer, 1205);
  EXPECT_EQ(graph.minConsumer, 12);
  ASSERT_EQ(graph.nodes.size(), 1u);
  EXPECT_EQ(graph.nodes[0].name, "add");
  EXPECT_EQ(graph.nodes[0].op, "AddV2");
  EXPECT_EQ(graph.nodes[0].inputs,
            (std::vector<std::string>{"a", "b:1", "^c"}));
  EXPECT_EQ(graph.nodes[0].device, "/device:CPU:0");
  EXPECT_TRUE(graph.nodes[0].attrs.empty());
  EXPECT_TRUE(graph.functions.empty());
}

TEST(AttrTest, EveryKind) {
  tensorflow::GraphDef proto;
  tensorflow::NodeDef *node = proto.add_node();
  node->set_name("n");
  node->set_op("Op");
  auto &attrs = *node->mutable_attr();
  attrs["s"].set_s(std::string("bytes\0!", 7));
  attrs["i"].set_i(-(int64_t(1) << 40));
  attrs["f"].set_f(0.25f);
  attrs["b"].set_b(true);
  attrs["type"].set_type(tensorflow::DT_HALF);
  setShape(attrs["shape"].mutable_shape(), {-1, 224, 224, 3});
  attrs["unknown_rank"].mutable_shape()->set_unknown_rank(true);
  attrs["scalar_shape"].mutable_shape();
  *attrs["tensor"].mutable_tensor() = makeTensor(tensorflow::DT_INT32, {2});
  attrs["tensor"].mutable_tensor()->add_int_val(9);
  attrs["empty_list"].mutable_list();
  attrs["placeholder"].set_placeholder("T");
  attrs["none"];
  tensorflow::NameAttrList *func = attrs["func"].mutable_func();
  func->set_name("my_function");
  (*func->mutable_attr())["Tin"].set_type(tensorflow::DT_FLOAT);

  GraphDef graph;
  std::string error;
  ASSERT_TRUE(parseBinary(proto, graph, error)) << error;
  auto &out = graph.nodes.at(0).attrs;

  EXPECT_EQ(out["s"].kind, AttrValue::String);
  EXPECT_EQ(out["s"].s, std::string("bytes\0!", 7));
  EXPECT_EQ(out["i"].kind, AttrValue::Int);
  EXPECT_EQ(out["i"].i, -(int64_t(1) << 40));
  EXPECT_EQ(out["f"].kind, AttrValue::Float);
  EXPECT_EQ(out["f"].f, 0.25f);
  EXPECT_EQ(out["b"].kind, AttrValue::Bool);
  EXPECT_TRUE(out["b"].b);
  EXPECT_EQ(out["type"].kind, AttrValue::Type);
  EXPECT_EQ(out["type"].type, DT_HALF);

  EXPECT_EQ(out["shape"].kind, AttrValue::Shape);
  EXPECT_FALSE(out["shape"].shape.unknownRank);
  EXPECT_EQ(out["shape"].shape.dims, (std::vector<int64_t>{-1, 224, 224, 3}));
  EXPECT_EQ(out["shape"].shape.numElements(), -1);
  EXPECT_EQ(out["unknown_rank"].kind, AttrValue::Shape);
  EXPECT_TRUE(out["unknown_rank"].shape.unknownRank);
  EXPECT_EQ(out["scalar_shape"].kind, AttrValue::Shape);
  EXPECT_TRUE(out["scalar_shape"].shape.dims.empty());
  EXPECT_FALSE(out["scalar_shape"].shape.unknownRank);

  EXPECT_EQ(out["tensor"].kind, AttrValue::TensorKind);
  ASSERT_TRUE(out["tensor"].tensor);
  EXPECT_EQ(values<int32_t>(*out["tensor"].tensor),
            (std::vector<int32_t>{9, 9}));

  EXPECT_EQ(out["empty_list"].kind, AttrValue::List);
  ASSERT_TRUE(out["empty_list"].list);
  EXPECT_TRUE(out["empty_list"].list->i.empty());
  EXPECT_TRUE(out["empty_list"].list->type.empty());

  EXPECT_EQ(out["placeholder"].kind, AttrValue::Placeholder);
  EXPECT_EQ(out["placeholder"].s, "T");
  EXPECT_EQ(out["none"].kind, AttrValue::None);

  EXPECT_EQ(out["func"].kind, AttrValue::Func);
  ASSERT_TRUE(out["func"].func);
  EXPECT_EQ(out["func"].func->name, "my_function");
  EXPECT_EQ(out["func"].func->attrs["Tin"].kind, AttrValue::Type);
  EXPECT_EQ(out["func"].func->attrs["Tin"].type, DT_FLOAT);
}

TEST(AttrTest, Lists) {
  tensorflow::GraphDef proto;
  tensorflow::NodeDef *node = proto.add_node();
  node->set_name("n");
  node->set_op("Op");
  auto *list = (*node->mutable_attr())["l"].mutable_list();
  list->add_s("x");
  list->add_s("yz");
  list->add_i(1);
  list->add_i(-2);
  list->add_f(0.5f);
  list->add_b(true);
  list->add_b(false);
  list->add_type(tensorflow::DT_FLOAT);
  list->add_type(tensorflow::DT_INT64);
  setShape(list->add_shape(), {1, -1});
  list->add_shape()->set_unknown_rank(true);
  *list->add_tensor() = makeTensor(tensorflow::DT_FLOAT, {2});
  list->mutable_tensor(0)->add_float_val(4.0f);
  auto *func = list->add_func();
  func->set_name("g");
  (*func->mutable_attr())["N"].set_i(3);

  GraphDef graph;
  std::string error;
  ASSERT_TRUE(parseBinary(proto, graph, error)) << error;
  const AttrValue &l = graph.nodes.at(0).attrs.at("l");
  ASSERT_EQ(l.kind, AttrValue::List);
  ASSERT_TRUE(l.list);
  EXPECT_EQ(l.list->s, (std::vector<std::string>{"x", "yz"}));
  EXPECT_EQ(l.list->i, (std::vector<int64_t>{1, -2}));
  EXPECT_EQ(l.list->f, std::vector<float>{0.5f});
  EXPECT_EQ(l.list->b, (std::vector<bool>{true, false}));
  EXPECT_EQ(l.list->type, (std::vector<DataType>{DT_FLOAT, DT_INT64}));
  ASSERT_EQ(l.list->shape.size(), 2u);
  EXPECT_EQ(l.list->shape[0].dims, (std::vector<int64_t>{1, -1}));
  EXPECT_TRUE(l.list->shape[1].unknownRank);
  ASSERT_EQ(l.list->tensor.size(), 1u);
  EXPECT_EQ(values<float>(l.list->tensor[0]), (std::vector<float>{4, 4}));
  ASSERT_EQ(l.list->func.size(), 1u);
  EXPECT_EQ(l.list->func[0].name, "g");
  EXPECT_EQ(l.list->func[0].attrs.at("N").i, 3);
}

TEST(AttrTest, NestedErrorsNameTheirPlace) {
  tensorflow::GraphDef proto;
  tensorflow::NodeDef *node = proto.add_node();
  node->set_name("n");
  node->set_op("Op");
  auto *list = (*node->mutable_attr())["values"].mutable_list();
  *list->add_tensor() = makeTensor(tensorflow::DT_FLOAT, {1});
  *list->add_tensor() = makeTensor(tensorflow::DT_FLOAT, {2});
  list->mutable_tensor(1)->set_tensor_content("abc");
  GraphDef graph;
  std::string error;
  EXPECT_FALSE(parseBinary(proto, graph, error));
  EXPECT_EQ(error, "node 'n': attr 'values': list tensor 1: tensor_content "
                   "has 3 bytes, expected 8");

  proto.Clear();
  node = proto.add_node();
  node->set_name("call");
  node->set_op("PartitionedCall");
  auto *func = (*node->mutable_attr())["f"].mutable_func();
  func->set_name("fn");
  *(*func->mutable_attr())["k"].mutable_tensor() =
      makeTensor(tensorflow::DT_VARIANT, {});
  EXPECT_FALSE(parseBinary(proto, graph, error));
  EXPECT_EQ(error, "node 'call': attr 'f': attr 'k': cannot decode tensor of "
                   "dtype DT_VARIANT");
}

//===----------------------------------------------------------------------===//
// Function library
//===----------------------------------------------------------------------===//

tensorflow::FunctionDef makeFunction() {
  tensorflow::FunctionDef fn;
  tensorflow::OpDef *sig = fn.mutable_signature();
  sig->set_name("scale_fn");
  auto *x = sig->add_input_arg();
  x->set_name("x");
  x->set_type_attr("T");
  auto *xs = sig->add_input_arg();
  xs->set_name("xs");
  xs->set_type(tensorflow::DT_INT32);
  xs->set_number_attr("N");
  auto *mixed = sig->add_input_arg();
  mixed->set_name("mixed");
  mixed->set_type_list_attr("Tlist");
  auto *ref = sig->add_input_arg();
  ref->set_name("var");
  ref->set_type(tensorflow::DT_FLOAT);
  ref->set_is_ref(true);
  auto *y = sig->add_output_arg();
  y->set_name("y");
  y->set_type(tensorflow::DT_FLOAT);
  sig->add_control_output("side_effect");

  (*fn.mutable_attr())["_noinline"].set_b(true);

  tensorflow::NodeDef *k = fn.add_node_def();
  k->set_name("k");
  k->set_op("Const");
  (*k->mutable_attr())["dtype"].set_placeholder("T");
  auto tensor = makeTensor(tensorflow::DT_FLOAT, {});
  tensor.add_float_val(2.0f);
  *(*k->mutable_attr())["value"].mutable_tensor() = tensor;

  tensorflow::NodeDef *mul = fn.add_node_def();
  mul->set_name("mul");
  mul->set_op("Mul");
  mul->add_input("x");
  mul->add_input("k:output:0");
  (*mul->mutable_attr())["T"].set_placeholder("T");

  (*fn.mutable_ret())["y"] = "mul:z:0";
  (*fn.mutable_control_ret())["side_effect"] = "mul";
  return fn;
}

TEST(FunctionLibraryTest, ConvertsSignatureBodyAndReturns) {
  tensorflow::GraphDef proto;
  *proto.mutable_library()->add_function() = makeFunction();
  tensorflow::NodeDef *call = proto.add_node();
  call->set_name("call");
  call->set_op("StatefulPartitionedCall");
  (*call->mutable_attr())["f"].mutable_func()->set_name("scale_fn");

  GraphDef graph;
  std::string error;
  ASSERT_TRUE(parseBinary(proto, graph, error)) << error;
  ASSERT_EQ(graph.functions.size(), 1u);
  const FunctionDef &fn = graph.functions[0];
  EXPECT_EQ(fn.name, "scale_fn");

  ASSERT_EQ(fn.inputArgs.size(), 4u);
  EXPECT_EQ(fn.inputArgs[0].name, "x");
  EXPECT_EQ(fn.inputArgs[0].type, DT_INVALID);
  EXPECT_EQ(fn.inputArgs[0].typeAttr, "T");
  EXPECT_EQ(fn.inputArgs[1].type, DT_INT32);
  EXPECT_EQ(fn.inputArgs[1].numberAttr, "N");
  EXPECT_EQ(fn.inputArgs[2].typeListAttr, "Tlist");
  EXPECT_FALSE(fn.inputArgs[2].isRef);
  EXPECT_TRUE(fn.inputArgs[3].isRef);
  ASSERT_EQ(fn.outputArgs.size(), 1u);
  EXPECT_EQ(fn.outputArgs[0].name, "y");
  EXPECT_EQ(fn.outputArgs[0].type, DT_FLOAT);

  EXPECT_EQ(fn.attrs.at("_noinline").kind, AttrValue::Bool);
  ASSERT_EQ(fn.nodes.size(), 2u);
  EXPECT_EQ(fn.nodes[0].name, "k");
  EXPECT_EQ(fn.nodes[0].attrs.at("dtype").kind, AttrValue::Placeholder);
  EXPECT_EQ(fn.nodes[0].attrs.at("dtype").s, "T");
  EXPECT_EQ(values<float>(*fn.nodes[0].attrs.at("value").tensor),
            std::vector<float>{2.0f});
  EXPECT_EQ(fn.nodes[1].inputs, (std::vector<std::string>{"x", "k:output:0"}));
  EXPECT_EQ(fn.ret, (std::map<std::string, std::string>{{"y", "mul:z:0"}}));
  EXPECT_EQ(fn.controlRet,
            (std::map<std::string, std::string>{{"side_effect", "mul"}}));

  EXPECT_EQ(graph.nodes.at(0).attrs.at("f").func->name, "scale_fn");
}

TEST(FunctionLibraryTest, ErrorsNameTheFunction) {
  tensorflow::GraphDef proto;
  tensorflow::FunctionDef fn = makeFunction();
  fn.mutable_node_def(0)
      ->mutable_attr()
      ->at("value")
      .mutable_tensor()
      ->set_tensor_content("xx");
  *proto.mutable_library()->add_function() = fn;
  GraphDef graph;
  std::string error;
  EXPECT_FALSE(parseBinary(proto, graph, error));
  EXPECT_EQ(error, "function 'scale_fn': node 'k': attr 'value': "
                   "tensor_content has 2 bytes, expected 4");
}

//===----------------------------------------------------------------------===//
// Binary vs text format, files and malformed input
//===----------------------------------------------------------------------===//

tensorflow::GraphDef makeSmallGraph() {
  tensorflow::GraphDef proto;
  proto.mutable_versions()->set_producer(27);
  tensorflow::NodeDef *input = proto.add_node();
  input->set_name("input");
  input->set_op("Placeholder");
  (*input->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  setShape((*input->mutable_attr())["shape"].mutable_shape(), {-1, 3});
  auto weights = makeTensor(tensorflow::DT_FLOAT, {3, 2});
  weights.set_tensor_content(bytesOf<float>({1, 2, 3, 4, 5, 6}));
  addConst(proto, "weights", weights);
  auto bias = makeTensor(tensorflow::DT_HALF, {2});
  bias.add_half_val(0x3C00);
  addConst(proto, "bias", bias);
  tensorflow::NodeDef *matmul = proto.add_node();
  matmul->set_name("matmul");
  matmul->set_op("MatMul");
  matmul->add_input("input");
  matmul->add_input("weights");
  (*matmul->mutable_attr())["transpose_a"].set_b(false);
  *proto.mutable_library()->add_function() = makeFunction();
  return proto;
}

void expectSmallGraph(const GraphDef &graph) {
  EXPECT_EQ(graph.producer, 27);
  ASSERT_EQ(graph.nodes.size(), 4u);
  EXPECT_EQ(graph.nodes[0].name, "input");
  EXPECT_EQ(graph.nodes[0].attrs.at("shape").shape.dims,
            (std::vector<int64_t>{-1, 3}));
  EXPECT_EQ(values<float>(*graph.nodes[1].attrs.at("value").tensor),
            (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(values<uint16_t>(*graph.nodes[2].attrs.at("value").tensor),
            (std::vector<uint16_t>{0x3C00, 0x3C00}));
  EXPECT_EQ(graph.nodes[3].inputs,
            (std::vector<std::string>{"input", "weights"}));
  ASSERT_EQ(graph.functions.size(), 1u);
  EXPECT_EQ(graph.functions[0].name, "scale_fn");
}

TEST(FormatTest, BinaryAndTextAgree) {
  tensorflow::GraphDef proto = makeSmallGraph();
  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(proto, &text));

  GraphDef fromBinary, fromText;
  std::string error;
  ASSERT_TRUE(
      parseGraphDef(proto.SerializeAsString(), false, fromBinary, error))
      << error;
  expectSmallGraph(fromBinary);
  ASSERT_TRUE(parseGraphDef(text, true, fromText, error)) << error;
  expectSmallGraph(fromText);
}

TEST(FormatTest, ReadFiles) {
  tensorflow::GraphDef proto = makeSmallGraph();
  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(proto, &text));

  std::string error;
  {
    TempFile file(".pb", proto.SerializeAsString());
    GraphDef graph;
    ASSERT_TRUE(readGraphDef(file.path, graph, error)) << error;
    expectSmallGraph(graph);
  }
  for (const char *suffix : {".pbtxt", ".pbtext", ".txt"}) {
    TempFile file(suffix, text);
    GraphDef graph;
    ASSERT_TRUE(readGraphDef(file.path, graph, error)) << suffix << error;
    expectSmallGraph(graph);
  }
  {
    // A text file with a binary extension: falls back to the text parser.
    TempFile file(".pb", text);
    GraphDef graph;
    ASSERT_TRUE(readGraphDef(file.path, graph, error)) << error;
    expectSmallGraph(graph);
  }
}

TEST(FormatTest, HandWrittenTextFormat) {
  // The way TensorFlow's tf.io.write_graph(..., as_text=True) spells things:
  // enum names, escaped tensor_content, map entries as key/value.
  const char *text = R"pb(
    node {
      name: "c"
      op: "Const"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } }
            tensor_content: "\000\000\200?\000\000\000@"
          }
        }
      }
      experimental_debug_info { original_node_names: "c0" }
    }
    node {
      name: "shape"
      op: "Placeholder"
      attr { key: "shape" value { shape { unknown_rank: true } } }
      attr { key: "list" value { list { i: [1, 2, 3] type: DT_INT32 } } }
    }
    library {
      function {
        signature {
          name: "f"
          input_arg { name: "a" type: DT_FLOAT }
          output_arg { name: "b" type: DT_FLOAT }
        }
        ret { key: "b" value: "a" }
      }
    }
    versions { producer: 1087 }
  )pb";
  GraphDef graph;
  std::string error;
  ASSERT_TRUE(parseGraphDef(text, true, graph, error)) << error;
  ASSERT_EQ(graph.nodes.size(), 2u);
  EXPECT_EQ(values<float>(*graph.nodes[0].attrs.at("value").tensor),
            (std::vector<float>{1.0f, 2.0f}));
  EXPECT_TRUE(graph.nodes[1].attrs.at("shape").shape.unknownRank);
  EXPECT_EQ(graph.nodes[1].attrs.at("list").list->i,
            (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(graph.nodes[1].attrs.at("list").list->type,
            std::vector<DataType>{DT_INT32});
  ASSERT_EQ(graph.functions.size(), 1u);
  EXPECT_EQ(graph.functions[0].ret.at("b"), "a");
  EXPECT_EQ(graph.producer, 1087);
}

TEST(FormatTest, EmptyTextGraph) {
  GraphDef graph;
  std::string error;
  EXPECT_TRUE(parseGraphDef("", true, graph, error)) << error;
  EXPECT_TRUE(graph.nodes.empty());
  TempFile file(".pbtxt", "# just a comment\n");
  EXPECT_TRUE(readGraphDef(file.path, graph, error)) << error;
  EXPECT_TRUE(graph.nodes.empty());
}

TEST(FormatTest, TextErrorsGiveLineAndColumn) {
  GraphDef graph;
  std::string error;
  EXPECT_FALSE(parseGraphDef("node {\n  name: \"x\"\n  bogus: 1\n}\n", true,
                             graph, error));
  EXPECT_EQ(error, "not a valid GraphDef (text format error at line 3, "
                   "column 8: Message type \"tensorflow.NodeDef\" has no "
                   "field named \"bogus\")");

  // A text file without a text extension reports the text error too.
  TempFile file(".pb", "node { name: \"x\" ");
  EXPECT_FALSE(readGraphDef(file.path, graph, error));
  EXPECT_NE(error.find("text format error at line 1"), std::string::npos)
      << error;

  // A SavedModel in text form is not a GraphDef.
  EXPECT_FALSE(
      parseGraphDef("saved_model_schema_version: 1", true, graph, error));
  EXPECT_NE(error.find("saved_model_schema_version"), std::string::npos);
}

TEST(MalformedInputTest, TruncatedBinary) {
  std::string bytes = makeSmallGraph().SerializeAsString();
  GraphDef graph;
  std::string error;
  EXPECT_FALSE(
      parseGraphDef(bytes.substr(0, bytes.size() / 2), false, graph, error));
  EXPECT_EQ(error, kNotAGraphDef);

  TempFile file(".pb", bytes.substr(0, bytes.size() - 3));
  EXPECT_FALSE(readGraphDef(file.path, graph, error));
  EXPECT_EQ(error, kNotAGraphDef);
}

TEST(MalformedInputTest, EveryPrefixFailsCleanly) {
  // No prefix of a valid file may crash; each either parses (when cut at a
  // field boundary) or reports the generic error.
  std::string bytes = makeSmallGraph().SerializeAsString();
  for (size_t length = 0; length < bytes.size(); ++length) {
    GraphDef graph;
    std::string error;
    if (!parseGraphDef(bytes.substr(0, length), false, graph, error)) {
      EXPECT_FALSE(error.empty()) << length;
    }
  }
}

TEST(MalformedInputTest, Garbage) {
  GraphDef graph;
  std::string error;
  std::string garbage("\xff\xff\xff\xff\x0f\x00\x01\x02garbage", 16);
  EXPECT_FALSE(parseGraphDef(garbage, false, graph, error));
  EXPECT_EQ(error, kNotAGraphDef);

  TempFile file(".pb", garbage);
  EXPECT_FALSE(readGraphDef(file.path, graph, error));
  EXPECT_EQ(error, kNotAGraphDef);

  // Binary bytes given to the text parser fail cleanly as well.
  EXPECT_FALSE(
      parseGraphDef(makeSmallGraph().SerializeAsString(), true, graph, error));
  EXPECT_EQ(error.rfind("not a valid GraphDef (", 0), 0u);
}

TEST(MalformedInputTest, OtherProtobufMessage) {
  // Field 9 (varint) is not a GraphDef field: a different message, such as
  // a SavedModel's fingerprint.pb.
  GraphDef graph;
  std::string error;
  EXPECT_FALSE(parseGraphDef(std::string("\x48\x05", 2), false, graph, error));
  EXPECT_EQ(error,
            "not a valid GraphDef (protobuf data of some other message type)");
  TempFile file(".pb", std::string("\x48\x05", 2));
  EXPECT_FALSE(readGraphDef(file.path, graph, error));
  EXPECT_EQ(error,
            "not a valid GraphDef (protobuf data of some other message type)");

  // An empty binary file is an empty GraphDef, as for TensorFlow.
  EXPECT_TRUE(parseGraphDef("", false, graph, error)) << error;
  EXPECT_TRUE(graph.nodes.empty());

  // Unknown fields next to real nodes (a newer TensorFlow) are fine.
  tensorflow::GraphDef proto = makeSmallGraph();
  std::string bytes = proto.SerializeAsString() + std::string("\x48\x05", 2);
  EXPECT_TRUE(parseGraphDef(bytes, false, graph, error)) << error;
  expectSmallGraph(graph);
}

TEST(MalformedInputTest, MissingFileAndDirectory) {
  GraphDef graph;
  std::string error;
  EXPECT_FALSE(readGraphDef("/nonexistent/graphc/model.pb", graph, error));
  EXPECT_EQ(error, "cannot open file: No such file or directory");

  EXPECT_FALSE(readGraphDef(std::filesystem::temp_directory_path().string(),
                            graph, error));
  EXPECT_EQ(error, "cannot open file: Is a directory");
}

//===----------------------------------------------------------------------===//
// A real TensorFlow file
//===----------------------------------------------------------------------===//

TEST(RealFileTest, OpenCVMatMulNet) {
  const char *path = "/work/shared/models/opencv_tf/matmul_net.pb";
  if (!std::filesystem::exists(path))
    GTEST_SKIP() << path << " is not available";
  GraphDef graph;
  std::string error;
  ASSERT_TRUE(readGraphDef(path, graph, error)) << error;
  EXPECT_GT(graph.nodes.size(), 0u);

  const NodeDef *weights = nullptr;
  for (const NodeDef &node : graph.nodes)
    if (node.name == "matmul_weights")
      weights = &node;
  ASSERT_NE(weights, nullptr);
  EXPECT_EQ(weights->op, "Const");
  const AttrValue &value = weights->attrs.at("value");
  ASSERT_EQ(value.kind, AttrValue::TensorKind);
  EXPECT_EQ(value.tensor->dtype, DT_FLOAT);
  EXPECT_EQ(value.tensor->shape.dims, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(value.tensor->data.size(), 3u * 4u * sizeof(float));

  // Every Const in the file decodes to exactly numElements * elemSize bytes.
  for (const NodeDef &node : graph.nodes) {
    if (node.op != "Const")
      continue;
    const Tensor &tensor = *node.attrs.at("value").tensor;
    EXPECT_EQ(static_cast<int64_t>(tensor.data.size()),
              tensor.shape.numElements() * dataTypeSize(tensor.dtype))
        << node.name;
  }
}

} // namespace

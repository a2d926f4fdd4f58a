//===- ConvertTF.cpp - TF dtypes, shapes, tensors, attrs to MLIR ----------===//
#include "ConvertTF.h"

#include "Graph/GraphDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace graphc;
using namespace graphc::importer;

Type graphc::importer::convertDataType(tf::DataType type, MLIRContext *ctx) {
  int base = type >= tf::DT_REF_OFFSET ? type - tf::DT_REF_OFFSET : type;
  Builder b(ctx);
  switch (base) {
  case tf::DT_FLOAT: return b.getF32Type();
  case tf::DT_DOUBLE: return b.getF64Type();
  case tf::DT_HALF: return b.getF16Type();
  case tf::DT_BFLOAT16: return b.getBF16Type();
  case tf::DT_INT8: case tf::DT_QINT8: return b.getIntegerType(8);
  case tf::DT_INT16: case tf::DT_QINT16: return b.getIntegerType(16);
  case tf::DT_INT32: case tf::DT_QINT32: return b.getIntegerType(32);
  case tf::DT_INT64: return b.getIntegerType(64);
  case tf::DT_UINT8: case tf::DT_QUINT8: return b.getIntegerType(8, false);
  case tf::DT_UINT16: case tf::DT_QUINT16: return b.getIntegerType(16, false);
  case tf::DT_UINT32: return b.getIntegerType(32, false);
  case tf::DT_UINT64: return b.getIntegerType(64, false);
  case tf::DT_BOOL: return b.getI1Type();
  case tf::DT_STRING: return graph::StringType::get(ctx);
  case tf::DT_RESOURCE: return graph::ResourceType::get(ctx);
  default: return graph::OpaqueType::get(ctx);
  }
}

tf::DataType graphc::importer::dataTypeOf(Type t) {
  if (t.isF32()) return tf::DT_FLOAT;
  if (t.isF64()) return tf::DT_DOUBLE;
  if (t.isF16()) return tf::DT_HALF;
  if (t.isBF16()) return tf::DT_BFLOAT16;
  if (t.isInteger(1)) return tf::DT_BOOL;
  if (auto i = dyn_cast<IntegerType>(t)) {
    bool u = i.isUnsigned();
    switch (i.getWidth()) {
    case 8: return u ? tf::DT_UINT8 : tf::DT_INT8;
    case 16: return u ? tf::DT_UINT16 : tf::DT_INT16;
    case 32: return u ? tf::DT_UINT32 : tf::DT_INT32;
    case 64: return u ? tf::DT_UINT64 : tf::DT_INT64;
    }
  }
  if (isa<graph::StringType>(t)) return tf::DT_STRING;
  if (isa<graph::ResourceType>(t)) return tf::DT_RESOURCE;
  return tf::DT_INVALID;
}

TensorType graphc::importer::convertShape(const tf::TensorShape &shape,
                                          Type elementType) {
  if (shape.unknownRank)
    return UnrankedTensorType::get(elementType);
  SmallVector<int64_t> dims;
  for (int64_t d : shape.dims)
    dims.push_back(d < 0 ? ShapedType::kDynamic : d);
  return RankedTensorType::get(dims, elementType);
}

ElementsAttr graphc::importer::convertTensor(const tf::Tensor &tensor,
                                             MLIRContext *ctx,
                                             std::string &error) {
  Type element = convertDataType(tensor.dtype, ctx);
  if (tensor.shape.unknownRank || tensor.shape.numElements() < 0) {
    error = "tensor has an unknown shape";
    return {};
  }
  auto type = cast<RankedTensorType>(convertShape(tensor.shape, element));
  if (isa<graph::StringType>(element)) {
    SmallVector<StringRef> strings(tensor.strings.begin(),
                                   tensor.strings.end());
    if ((int64_t)strings.size() != type.getNumElements()) {
      error = "string tensor has " + std::to_string(strings.size()) +
              " values, expected " + std::to_string(type.getNumElements());
      return {};
    }
    return DenseStringElementsAttr::get(type, strings);
  }
  if (isa<graph::OpaqueType, graph::ResourceType>(element)) {
    error = "constants of dtype " + tf::dataTypeName(tensor.dtype) +
            " are not supported";
    return {};
  }
  int64_t count = type.getNumElements();
  int size = tf::dataTypeSize(tensor.dtype);
  if (tensor.splat) {
    // One element for the whole shape: a splat attribute, never expanded.
    if ((int64_t)tensor.data.size() != size) {
      error = "splat tensor data has " + std::to_string(tensor.data.size()) +
              " bytes, expected one element of " + std::to_string(size);
      return {};
    }
    if (element.isInteger(1))
      return DenseElementsAttr::get(type, tensor.data[0] != 0);
    ArrayRef<char> one(reinterpret_cast<const char *>(tensor.data.data()),
                       tensor.data.size());
    return DenseElementsAttr::getFromRawBuffer(type, one);
  }
  if ((int64_t)tensor.data.size() != count * size) {
    error = "tensor data has " + std::to_string(tensor.data.size()) +
            " bytes, expected " + std::to_string(count * size);
    return {};
  }
  if (element.isInteger(1)) {
    SmallVector<bool> values(tensor.data.begin(), tensor.data.end());
    return DenseElementsAttr::get(type, values);
  }
  ArrayRef<char> raw(reinterpret_cast<const char *>(tensor.data.data()),
                     tensor.data.size());
  return DenseElementsAttr::getFromRawBuffer(type, raw);
}

Attribute graphc::importer::convertAttr(const tf::AttrValue &value,
                                        MLIRContext *ctx, std::string &error) {
  Builder b(ctx);
  auto shapeAttr = [&](const tf::TensorShape &shape) -> Attribute {
    if (shape.unknownRank)
      return b.getStringAttr("*");
    return b.getDenseI64ArrayAttr(shape.dims);
  };
  switch (value.kind) {
  case tf::AttrValue::None:
    return b.getUnitAttr();
  case tf::AttrValue::String:
    return b.getStringAttr(value.s);
  case tf::AttrValue::Int:
    return b.getI64IntegerAttr(value.i);
  case tf::AttrValue::Float:
    return b.getF32FloatAttr(value.f);
  case tf::AttrValue::Bool:
    return b.getBoolAttr(value.b);
  case tf::AttrValue::Type:
    return TypeAttr::get(convertDataType(value.type, ctx));
  case tf::AttrValue::Shape:
    return shapeAttr(value.shape);
  case tf::AttrValue::TensorKind:
    return convertTensor(*value.tensor, ctx, error);
  case tf::AttrValue::Func:
    return FlatSymbolRefAttr::get(ctx, value.func->name);
  case tf::AttrValue::Placeholder:
    return b.getStringAttr("$" + value.s);
  case tf::AttrValue::List:
    break;
  }
  const tf::AttrList &l = *value.list;
  SmallVector<Attribute> items;
  for (const std::string &s : l.s)
    items.push_back(b.getStringAttr(s));
  for (int64_t i : l.i)
    items.push_back(b.getI64IntegerAttr(i));
  for (float f : l.f)
    items.push_back(b.getF32FloatAttr(f));
  for (bool x : l.b)
    items.push_back(b.getBoolAttr(x));
  for (tf::DataType t : l.type)
    items.push_back(TypeAttr::get(convertDataType(t, ctx)));
  for (const tf::TensorShape &s : l.shape)
    items.push_back(shapeAttr(s));
  for (const tf::Tensor &t : l.tensor) {
    Attribute a = convertTensor(t, ctx, error);
    if (!a)
      return {};
    items.push_back(a);
  }
  for (const tf::NameAttrList &f : l.func)
    items.push_back(FlatSymbolRefAttr::get(ctx, f.name));
  return b.getArrayAttr(items);
}

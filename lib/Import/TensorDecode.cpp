//===- TensorDecode.cpp - TensorProto to dense bytes ---------------------===//
//
// A TensorProto stores its values in one of several encodings: raw bytes in
// `tensor_content`, or a typed repeated field (`float_val`, `int_val`,
// `half_val`, ...) that may hold fewer values than the shape has elements, in
// which case TensorFlow repeats the last value (and uses zeros when there is
// none). This file reduces all of them to the dense little-endian `data`
// bytes (or `strings`) of graphc::tf::Tensor, so the MLIR side never sees the
// difference.
//
//===----------------------------------------------------------------------===//

#include "TensorDecode.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

// tensor_content holds the writer's in-memory bytes, which TensorFlow only
// produces little-endian; copying them as-is is only right on such a host.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "graphc's TensorProto decoding assumes a little-endian host");

namespace graphc::tf::detail {

/// Upper bound on the bytes one decoded tensor may take. A small file can
/// describe a huge splat constant ("one value, shape [1e6, 1e6]"); refuse to
/// expand those rather than exhaust memory.
static constexpr uint64_t kMaxDecodedBytes = uint64_t(1) << 32;

/// Upper bound on the bytes TensorFlow's "repeat the last value" rule may
/// add to the values a TensorProto holds: two values and a shape of [1e9]
/// would otherwise take 4 GB from a few bytes of file (issue 11). Values
/// present in the file are bounded by its size; one value (a splat) is kept
/// as one element at any size. Real graphs repeat little, if at all.
static constexpr uint64_t kMaxRepeatedBytes = uint64_t(64) << 20;

/// Refuses a fill that would add more than kMaxRepeatedBytes.
static bool checkRepeatedFill(int64_t count, int64_t present,
                              uint64_t bytesPerElement, const char *field,
                              std::string &error) {
  if (present >= count)
    return true;
  uint64_t extra = static_cast<uint64_t>(count - present);
  if (extra <= kMaxRepeatedBytes / std::max<uint64_t>(bytesPerElement, 1))
    return true;
  error = std::string(field) + " has " + std::to_string(present) +
          " values for " + std::to_string(count) +
          " elements; repeating the last one, as TensorFlow does, would add " +
          std::to_string(extra * bytesPerElement / (1 << 20)) +
          " MiB (more than the " + std::to_string(kMaxRepeatedBytes >> 20) +
          " MiB graphc allows from so few bytes of file)";
  return false;
}

static std::string shapeString(const TensorShape &shape) {
  if (shape.unknownRank)
    return "<unknown rank>";
  std::string text = "[";
  for (size_t i = 0; i < shape.dims.size(); ++i) {
    if (i)
      text += ", ";
    text +=
        shape.dims[i] < 0 ? std::string("?") : std::to_string(shape.dims[i]);
  }
  return text + "]";
}

bool convertShape(const tensorflow::TensorShapeProto &proto, TensorShape &shape,
                  std::string &error) {
  shape.unknownRank = proto.unknown_rank();
  shape.dims.clear();
  shape.dims.reserve(proto.dim_size());
  for (const auto &dim : proto.dim()) {
    if (dim.size() < -1) {
      error = "shape has invalid dimension " + std::to_string(dim.size());
      return false;
    }
    shape.dims.push_back(dim.size());
  }
  if (shape.unknownRank && !shape.dims.empty()) {
    error = "shape has unknown_rank set but also " +
            std::to_string(shape.dims.size()) + " dimensions";
    return false;
  }
  return true;
}

/// Writes `count` elements of type `Out` into `data`, converting from the
/// repeated proto field `values` (whose element type may be wider, e.g. int32
/// holding int8 values) with TensorFlow's fill-with-last-value rule.
/// `group` > 1 treats consecutive values as one element (complex numbers).
template <typename Out, typename Values>
static bool fillFromValues(const Values &values, int64_t count, int group,
                           const char *fieldName, std::vector<uint8_t> &data,
                           std::string &error) {
  int64_t numValues = values.size();
  if (numValues % group != 0) {
    error = std::string(fieldName) + " has " + std::to_string(numValues) +
            " values, not a whole number of (real, imaginary) pairs";
    return false;
  }
  int64_t numElements = numValues / group;
  if (numElements > count) {
    error = std::string(fieldName) + " has " + std::to_string(numElements) +
            " values, more than the " + std::to_string(count) +
            " elements of the shape";
    return false;
  }
  // One value (or none: zeros) fills the shape: kept as one element, a
  // splat (Tensor::splat), never expanded.
  if (numElements <= 1 && count > 1) {
    data.assign(group * sizeof(Out), 0);
    Out *out = reinterpret_cast<Out *>(data.data());
    for (int64_t i = 0; i < numElements * group; ++i)
      out[i] = static_cast<Out>(values.Get(static_cast<int>(i)));
    return true;
  }
  if (!checkRepeatedFill(count, numElements, group * sizeof(Out), fieldName,
                         error))
    return false;
  data.assign(static_cast<size_t>(count) * group * sizeof(Out), 0);
  if (numElements == 0)
    return true; // No values: all zeros.

  Out *out = reinterpret_cast<Out *>(data.data());
  int64_t numScalars = numElements * group;
  for (int64_t i = 0; i < numScalars; ++i)
    out[i] = static_cast<Out>(values.Get(static_cast<int>(i)));
  // Repeat the last element (all `group` scalars of it) to fill the shape.
  const Out *last = out + (numElements - 1) * group;
  for (int64_t e = numElements; e < count; ++e)
    std::memcpy(out + e * group, last, group * sizeof(Out));
  return true;
}

/// Decodes `tensor_content` of a DT_STRING tensor: TensorFlow writes the
/// varint32 length of every string first, then all the bytes.
static bool decodeStringContent(const std::string &content, int64_t count,
                                std::vector<std::string> &strings,
                                std::string &error) {
  size_t pos = 0;
  // Every length takes at least one byte: more strings than bytes is
  // malformed, refused before reserving for them.
  if (static_cast<uint64_t>(count) > content.size()) {
    error = "tensor_content has " + std::to_string(content.size()) +
            " bytes, too few for the lengths of " + std::to_string(count) +
            " strings";
    return false;
  }
  std::vector<uint64_t> lengths;
  lengths.reserve(static_cast<size_t>(count));
  uint64_t total = 0;
  for (int64_t i = 0; i < count; ++i) {
    uint64_t length = 0;
    int shift = 0;
    while (true) {
      if (pos >= content.size() || shift > 28) {
        error = "tensor_content is not a valid string list for " +
                std::to_string(count) + " strings";
        return false;
      }
      uint8_t byte = static_cast<uint8_t>(content[pos++]);
      length |= uint64_t(byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80))
        break;
    }
    lengths.push_back(length);
    total += length;
  }
  if (total != content.size() - pos) {
    error = "tensor_content string list holds " +
            std::to_string(content.size() - pos) + " bytes of data, expected " +
            std::to_string(total);
    return false;
  }
  strings.clear();
  strings.reserve(static_cast<size_t>(count));
  for (uint64_t length : lengths) {
    strings.push_back(content.substr(pos, length));
    pos += length;
  }
  return true;
}

static bool decodeStrings(const tensorflow::TensorProto &proto, int64_t count,
                          Tensor &tensor, std::string &error) {
  if (static_cast<uint64_t>(count) > kMaxDecodedBytes / sizeof(std::string)) {
    error = "string tensor of " + std::to_string(count) +
            " elements is too large to decode";
    return false;
  }
  if (!proto.tensor_content().empty())
    return decodeStringContent(proto.tensor_content(), count, tensor.strings,
                               error);
  int64_t numValues = proto.string_val_size();
  if (numValues > count) {
    error = "string_val has " + std::to_string(numValues) +
            " values, more than the " + std::to_string(count) +
            " elements of the shape";
    return false;
  }
  uint64_t lastBytes =
      numValues > 0 ? proto.string_val(static_cast<int>(numValues - 1)).size()
                    : 0;
  if (!checkRepeatedFill(count, numValues, sizeof(std::string) + lastBytes,
                         "string_val", error))
    return false;
  tensor.strings.assign(proto.string_val().begin(), proto.string_val().end());
  if (numValues > 0)
    tensor.strings.resize(static_cast<size_t>(count),
                          proto.string_val(static_cast<int>(numValues - 1)));
  else
    tensor.strings.resize(static_cast<size_t>(count));
  return true;
}

/// How many elements the typed `*_val` field for `dtype` holds (complex
/// values count as pairs).
static int typedValueCount(const tensorflow::TensorProto &proto,
                           DataType dtype) {
  switch (dtype) {
  case DT_FLOAT: return proto.float_val_size();
  case DT_DOUBLE: return proto.double_val_size();
  case DT_INT32: case DT_INT16: case DT_INT8: case DT_UINT8: case DT_UINT16:
  case DT_QINT8: case DT_QUINT8: case DT_QINT16: case DT_QUINT16:
  case DT_QINT32:
    return proto.int_val_size();
  case DT_BOOL: return proto.bool_val_size();
  case DT_INT64: return proto.int64_val_size();
  case DT_UINT32: return proto.uint32_val_size();
  case DT_UINT64: return proto.uint64_val_size();
  case DT_HALF: case DT_BFLOAT16: return proto.half_val_size();
  case DT_COMPLEX64: return proto.scomplex_val_size() / 2;
  case DT_COMPLEX128: return proto.dcomplex_val_size() / 2;
  default: return 2; // not a splat
  }
}

/// Decodes the typed `*_val` field that TensorFlow uses for `dtype`.
static bool decodeTypedValues(const tensorflow::TensorProto &proto,
                              DataType dtype, int64_t count,
                              std::vector<uint8_t> &data, std::string &error) {
  switch (dtype) {
  case DT_FLOAT:
    return fillFromValues<float>(proto.float_val(), count, 1, "float_val", data,
                                 error);
  case DT_DOUBLE:
    return fillFromValues<double>(proto.double_val(), count, 1, "double_val",
                                  data, error);
  case DT_INT32:
  case DT_QINT32:
    return fillFromValues<int32_t>(proto.int_val(), count, 1, "int_val", data,
                                   error);
  case DT_INT16:
  case DT_QINT16:
    return fillFromValues<int16_t>(proto.int_val(), count, 1, "int_val", data,
                                   error);
  case DT_UINT16:
  case DT_QUINT16:
    return fillFromValues<uint16_t>(proto.int_val(), count, 1, "int_val", data,
                                    error);
  case DT_INT8:
  case DT_QINT8:
    return fillFromValues<int8_t>(proto.int_val(), count, 1, "int_val", data,
                                  error);
  case DT_UINT8:
  case DT_QUINT8:
    return fillFromValues<uint8_t>(proto.int_val(), count, 1, "int_val", data,
                                   error);
  case DT_BOOL:
    return fillFromValues<uint8_t>(proto.bool_val(), count, 1, "bool_val", data,
                                   error);
  case DT_INT64:
    return fillFromValues<int64_t>(proto.int64_val(), count, 1, "int64_val",
                                   data, error);
  case DT_UINT32:
    return fillFromValues<uint32_t>(proto.uint32_val(), count, 1, "uint32_val",
                                    data, error);
  case DT_UINT64:
    return fillFromValues<uint64_t>(proto.uint64_val(), count, 1, "uint64_val",
                                    data, error);
  case DT_HALF:
  case DT_BFLOAT16:
    // half_val holds the 16-bit patterns, one per int32.
    return fillFromValues<uint16_t>(proto.half_val(), count, 1, "half_val",
                                    data, error);
  case DT_COMPLEX64:
    return fillFromValues<float>(proto.scomplex_val(), count, 2, "scomplex_val",
                                 data, error);
  case DT_COMPLEX128:
    return fillFromValues<double>(proto.dcomplex_val(), count, 2,
                                  "dcomplex_val", data, error);
  default:
    error = "cannot decode tensor of dtype " + dataTypeName(dtype);
    return false;
  }
}

bool decodeTensor(const tensorflow::TensorProto &proto, Tensor &tensor,
                  std::string &error) {
  tensor = Tensor();
  DataType dtype = static_cast<DataType>(proto.dtype());
  tensor.dtype = dtype;
  if (dtype == DT_INVALID) {
    error = "tensor has dtype DT_INVALID";
    return false;
  }
  if (static_cast<int>(dtype) > DT_REF_OFFSET) {
    error = "tensor has reference dtype " + dataTypeName(dtype);
    return false;
  }

  if (!convertShape(proto.tensor_shape(), tensor.shape, error))
    return false;
  if (tensor.shape.unknownRank) {
    error = "tensor shape has unknown rank";
    return false;
  }
  for (int64_t dim : tensor.shape.dims) {
    if (dim < 0) {
      error = "tensor shape " + shapeString(tensor.shape) +
              " has an unknown dimension";
      return false;
    }
  }
  int64_t count = tensor.shape.numElements();
  if (count < 0) {
    error =
        "tensor shape " + shapeString(tensor.shape) + " has too many elements";
    return false;
  }

  if (dtype == DT_STRING)
    return decodeStrings(proto, count, tensor, error);

  int elemSize = dataTypeSize(dtype);
  if (elemSize == 0) {
    error = "cannot decode tensor of dtype " + dataTypeName(dtype);
    return false;
  }
  const std::string &content = proto.tensor_content();
  int numTyped = typedValueCount(proto, dtype);
  // A splat (one typed value, or none) stays one element however large
  // its shape; anything else is expanded, within a bound.
  if (content.empty() && numTyped <= 1 && count > 1) {
    tensor.splat = true;
    return decodeTypedValues(proto, dtype, count, tensor.data, error);
  }
  if (static_cast<uint64_t>(count) > kMaxDecodedBytes / elemSize) {
    error = "tensor of shape " + shapeString(tensor.shape) + " and dtype " +
            dataTypeName(dtype) + " is too large to decode";
    return false;
  }
  uint64_t expectedBytes = static_cast<uint64_t>(count) * elemSize;

  if (!content.empty()) {
    if (content.size() != expectedBytes) {
      error = "tensor_content has " + std::to_string(content.size()) +
              " bytes, expected " + std::to_string(expectedBytes);
      return false;
    }
    tensor.data.assign(content.begin(), content.end());
    return true;
  }
  return decodeTypedValues(proto, dtype, count, tensor.data, error);
}

} // namespace graphc::tf::detail

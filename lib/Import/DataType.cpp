//===- DataType.cpp - TensorFlow dtype names and element sizes ------------===//
//
// The small dtype and shape helpers declared in TFGraph.h. They need no
// protobuf, but live in GraphcTFProto so that the MLIR side sees one library
// implementing the whole of TFGraph.h.
//
//===----------------------------------------------------------------------===//

#include "graphc/Import/TFGraph.h"

#include <limits>

namespace graphc::tf {

/// The name of a non-reference dtype, or nullptr if unknown. Also names the
/// newer TensorFlow dtypes (float8, int4, int2) that graphc reads but cannot
/// decode, so that error messages can still spell them.
static const char *baseTypeName(int type) {
  switch (type) {
  case DT_INVALID:
    return "DT_INVALID";
  case DT_FLOAT:
    return "DT_FLOAT";
  case DT_DOUBLE:
    return "DT_DOUBLE";
  case DT_INT32:
    return "DT_INT32";
  case DT_UINT8:
    return "DT_UINT8";
  case DT_INT16:
    return "DT_INT16";
  case DT_INT8:
    return "DT_INT8";
  case DT_STRING:
    return "DT_STRING";
  case DT_COMPLEX64:
    return "DT_COMPLEX64";
  case DT_INT64:
    return "DT_INT64";
  case DT_BOOL:
    return "DT_BOOL";
  case DT_QINT8:
    return "DT_QINT8";
  case DT_QUINT8:
    return "DT_QUINT8";
  case DT_QINT32:
    return "DT_QINT32";
  case DT_BFLOAT16:
    return "DT_BFLOAT16";
  case DT_QINT16:
    return "DT_QINT16";
  case DT_QUINT16:
    return "DT_QUINT16";
  case DT_UINT16:
    return "DT_UINT16";
  case DT_COMPLEX128:
    return "DT_COMPLEX128";
  case DT_HALF:
    return "DT_HALF";
  case DT_RESOURCE:
    return "DT_RESOURCE";
  case DT_VARIANT:
    return "DT_VARIANT";
  case DT_UINT32:
    return "DT_UINT32";
  case DT_UINT64:
    return "DT_UINT64";
  case 24:
    return "DT_FLOAT8_E5M2";
  case 25:
    return "DT_FLOAT8_E4M3FN";
  case 26:
    return "DT_FLOAT8_E4M3FNUZ";
  case 27:
    return "DT_FLOAT8_E4M3B11FNUZ";
  case 28:
    return "DT_FLOAT8_E5M2FNUZ";
  case 29:
    return "DT_INT4";
  case 30:
    return "DT_UINT4";
  case 31:
    return "DT_INT2";
  case 32:
    return "DT_UINT2";
  default:
    return nullptr;
  }
}

std::string dataTypeName(DataType type) {
  int value = static_cast<int>(type);
  if (value > DT_REF_OFFSET) {
    if (const char *base = baseTypeName(value - DT_REF_OFFSET))
      return std::string(base) + "_REF";
  } else if (const char *name = baseTypeName(value)) {
    return name;
  }
  return "DT_" + std::to_string(value);
}

int dataTypeSize(DataType type) {
  int value = static_cast<int>(type);
  if (value > DT_REF_OFFSET)
    value -= DT_REF_OFFSET;
  switch (value) {
  case DT_FLOAT:
  case DT_INT32:
  case DT_QINT32:
  case DT_UINT32:
    return 4;
  case DT_DOUBLE:
  case DT_INT64:
  case DT_UINT64:
  case DT_COMPLEX64:
    return 8;
  case DT_COMPLEX128:
    return 16;
  case DT_INT16:
  case DT_UINT16:
  case DT_QINT16:
  case DT_QUINT16:
  case DT_HALF:
  case DT_BFLOAT16:
    return 2;
  case DT_INT8:
  case DT_UINT8:
  case DT_QINT8:
  case DT_QUINT8:
  case DT_BOOL:
    return 1;
  default:
    // DT_STRING, DT_RESOURCE, DT_VARIANT, DT_INVALID and unknown dtypes.
    return 0;
  }
}

int64_t TensorShape::numElements() const {
  if (unknownRank)
    return -1;
  int64_t count = 1;
  for (int64_t dim : dims) {
    if (dim < 0)
      return -1;
    if (__builtin_mul_overflow(count, dim, &count))
      return -1;
  }
  return count;
}

} // namespace graphc::tf

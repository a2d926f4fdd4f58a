//===- TensorValues.cpp - Read and format elements of any dtype -----------===//
//
// The runner handles outputs of every graphc dtype generically: it reads an
// element as a widened number (for comparisons and statistics) or formats it
// as text (for printing). float16 is converted through halfToFloat; integers
// keep their exact value.
//
//===----------------------------------------------------------------------===//

#include "RunnerInternal.h"

#include "llvm/Support/raw_ostream.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

using namespace graphc;
using namespace graphc::runner;

namespace {
template <typename T> T loadAs(const void *data, int64_t index) {
  T value;
  std::memcpy(&value, static_cast<const uint8_t *>(data) + index * sizeof(T),
              sizeof(T));
  return value;
}
} // namespace

float runner::halfToFloat(uint16_t bits) {
  uint32_t sign = uint32_t(bits & 0x8000u) << 16;
  uint32_t exponent = (bits >> 10) & 0x1fu;
  uint32_t mantissa = bits & 0x3ffu;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in float.
    float magnitude = std::ldexp(float(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  uint32_t result;
  if (exponent == 0x1f)
    result = sign | 0x7f800000u | (mantissa << 13); // Inf or NaN
  else
    result = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  float f;
  std::memcpy(&f, &result, sizeof(f));
  return f;
}

bool runner::isFloatingDType(int dtype) {
  return dtype == GRAPHC_DT_FLOAT || dtype == GRAPHC_DT_DOUBLE ||
         dtype == GRAPHC_DT_HALF;
}

long double runner::loadValue(int dtype, const void *data, int64_t index) {
  switch (dtype) {
  case GRAPHC_DT_FLOAT:
    return loadAs<float>(data, index);
  case GRAPHC_DT_DOUBLE:
    return loadAs<double>(data, index);
  case GRAPHC_DT_HALF:
    return halfToFloat(loadAs<uint16_t>(data, index));
  case GRAPHC_DT_INT8:
    return loadAs<int8_t>(data, index);
  case GRAPHC_DT_INT16:
    return loadAs<int16_t>(data, index);
  case GRAPHC_DT_INT32:
    return loadAs<int32_t>(data, index);
  case GRAPHC_DT_INT64:
    return loadAs<int64_t>(data, index);
  case GRAPHC_DT_UINT8:
    return loadAs<uint8_t>(data, index);
  case GRAPHC_DT_UINT16:
    return loadAs<uint16_t>(data, index);
  case GRAPHC_DT_UINT32:
    return loadAs<uint32_t>(data, index);
  case GRAPHC_DT_UINT64:
    return loadAs<uint64_t>(data, index);
  case GRAPHC_DT_BOOL:
    return loadAs<uint8_t>(data, index) != 0 ? 1 : 0;
  default:
    return 0;
  }
}

std::string runner::formatValue(int dtype, const void *data, int64_t index) {
  char buffer[64];
  switch (dtype) {
  case GRAPHC_DT_FLOAT:
  case GRAPHC_DT_DOUBLE:
  case GRAPHC_DT_HALF:
    std::snprintf(buffer, sizeof(buffer), "%.6g",
                  double(loadValue(dtype, data, index)));
    break;
  case GRAPHC_DT_UINT64:
    std::snprintf(buffer, sizeof(buffer), "%" PRIu64,
                  loadAs<uint64_t>(data, index));
    break;
  case GRAPHC_DT_INT64:
    std::snprintf(buffer, sizeof(buffer), "%" PRId64,
                  loadAs<int64_t>(data, index));
    break;
  default: // Narrower integers and bool are exact as int64.
    std::snprintf(buffer, sizeof(buffer), "%" PRId64,
                  int64_t(loadValue(dtype, data, index)));
    break;
  }
  return buffer;
}

std::string runner::formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string result = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      result += ",";
    result += std::to_string(shape[i]);
  }
  return result + "]";
}

std::string runner::formatIndex(llvm::ArrayRef<int64_t> shape,
                                int64_t index) {
  std::vector<int64_t> position(shape.size(), 0);
  for (size_t k = shape.size(); k > 0; --k) {
    int64_t dim = shape[k - 1];
    if (dim > 0) {
      position[k - 1] = index % dim;
      index /= dim;
    }
  }
  return formatShape(position);
}

bool runner::shapesEqualIgnoringOnes(llvm::ArrayRef<int64_t> a,
                                     llvm::ArrayRef<int64_t> b) {
  std::vector<int64_t> squeezedA, squeezedB;
  for (int64_t d : a)
    if (d != 1)
      squeezedA.push_back(d);
  for (int64_t d : b)
    if (d != 1)
      squeezedB.push_back(d);
  return squeezedA == squeezedB;
}

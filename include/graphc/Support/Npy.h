//===- Npy.h - Read and write NumPy .npy files ------------------*- C++ -*-===//
//
// graph-run feeds compiled models from .npy files and writes their results
// back as .npy, and tests compare against .npy references that TensorFlow
// produced. This header is the whole interface to that file format: format
// versions 1.0, 2.0 and 3.0, the numeric dtypes graphc supports (numbered as
// TensorFlow's DataType, like graphc_dtype in graphc-c/Runtime.h), 0-d
// scalars, empty arrays and Fortran-ordered files (transposed to C order on
// read).
//
// It is plain C++17 with no LLVM dependency so that any part of graphc (and
// any test) can use it.
//
//===----------------------------------------------------------------------===//

#ifndef GRAPHC_SUPPORT_NPY_H
#define GRAPHC_SUPPORT_NPY_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace graphc {

/// A dense, row-major (C order) array as stored in a .npy file.
struct NpyArray {
  /// Element type, a graphc_dtype value (TensorFlow DataType numbering);
  /// 0 when unset.
  int dtype = 0;
  /// Dimensions; empty for a 0-d scalar.
  std::vector<int64_t> shape;
  /// numElements() * npyElementSize(dtype) bytes in host (little-endian)
  /// byte order.
  std::vector<uint8_t> data;

  /// The product of the dimensions: 1 for a scalar, 0 for an empty array.
  int64_t numElements() const;
};

/// The size in bytes of one element of \p dtype, or 0 when .npy I/O does not
/// support \p dtype.
size_t npyElementSize(int dtype);

/// A NumPy-style name for \p dtype ("float32", "int64", "bool", ...), or
/// "unknown" for an unsupported value.
const char *npyDTypeName(int dtype);

/// The .npy descriptor graphc writes for \p dtype ("<f4", "|u1", ...), or
/// nullptr for an unsupported value.
const char *npyDescr(int dtype);

/// Decodes a whole .npy file held in memory. On failure returns false and
/// sets \p error to a one-line reason (without any file name).
bool parseNpy(const uint8_t *bytes, size_t size, NpyArray &out,
              std::string &error);

/// Reads the .npy file at \p path. On failure returns false and sets
/// \p error to a one-line reason (without the path; callers prefix it).
bool readNpy(const std::string &path, NpyArray &out, std::string &error);

/// Encodes \p a as a .npy file into \p out. \p majorVersion 0 picks the
/// oldest format that can hold the header (1.0, else 2.0); 1, 2 or 3 forces
/// that version. Fails if \p a is inconsistent (unknown dtype, negative
/// dimension, data size not matching the shape).
bool encodeNpy(const NpyArray &a, std::vector<uint8_t> &out,
               std::string &error, int majorVersion = 0);

/// Writes \p a to \p path as a .npy file (format 1.0 unless the header needs
/// 2.0). On failure returns false and sets \p error to a one-line reason.
bool writeNpy(const std::string &path, const NpyArray &a, std::string &error);

} // namespace graphc

#endif // GRAPHC_SUPPORT_NPY_H

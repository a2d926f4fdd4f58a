//===- TensorDecode.h - TensorProto to graphc::tf::Tensor -------*- C++ -*-===//
//
// Private to GraphcTFProto: turns the generated protobuf messages for shapes
// and tensors into the plain structs of TFGraph.h. Errors are returned as a
// reason without context ("tensor_content has 12 bytes, expected 16"); the
// caller prefixes the node and attr.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_TENSORDECODE_H
#define GRAPHC_LIB_IMPORT_TENSORDECODE_H

#include "graphc/Import/TFGraph.h"

#include "proto/tensor.pb.h"
#include "proto/tensor_shape.pb.h"

#include <string>

namespace graphc::tf::detail {

/// Converts a (possibly partial) shape, as used by shape attrs: -1 dims and
/// unknown rank are allowed; dims below -1, or dims with unknown rank, are
/// errors.
bool convertShape(const tensorflow::TensorShapeProto &proto, TensorShape &shape,
                  std::string &error);

/// Decodes a TensorProto into `tensor`, following TensorFlow's rules:
/// non-empty `tensor_content` holds the raw bytes (its size must match the
/// shape); otherwise the typed `*_val` field for the dtype holds the values,
/// and if it holds fewer than the shape's element count the last value is
/// repeated to fill it (no values means zeros). The shape must be fully
/// known. Unlike TensorFlow, which ignores surplus values, more values than
/// elements is an error.
bool decodeTensor(const tensorflow::TensorProto &proto, Tensor &tensor,
                  std::string &error);

} // namespace graphc::tf::detail

#endif // GRAPHC_LIB_IMPORT_TENSORDECODE_H

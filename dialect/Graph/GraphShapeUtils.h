//===- GraphShapeUtils.h - helpers for op shape functions -------*- C++ -*-===//
//
// Shared by every family's refineResultTypes() (GraphShapeInference.cpp,
// Graph*Ops.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_GRAPHSHAPEUTILS_H
#define GRAPH_GRAPHSHAPEUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

#include <optional>

namespace graphc::graph {

/// Sets `result`'s type to `inferred` where that is more precise; emits an
/// error and fails on a conflict between two static sizes or ranks.
mlir::LogicalResult refineResult(mlir::Operation *op, mlir::Value result,
                                 mlir::Type inferred);

/// Constant integer values of `v` (through m_Constant), if it is one.
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value v);

/// Result 0 gets operand 0's type.
mlir::LogicalResult refineSameAsOperand(mlir::Operation *op);

/// Result 0 gets the numpy broadcast of operands 0 and 1, with
/// `elementType` (null: operand 0's).
mlir::LogicalResult refineBroadcast(mlir::Operation *op,
                                    mlir::Type elementType = nullptr);

/// Element `i` of an integer array attr (strides, ksize, ...), or `dflt`.
int64_t intAt(mlir::ArrayAttr a, unsigned i, int64_t dflt = 1);

/// TF's output size of one windowed spatial dim (conv_ops / pooling shape
/// functions); dynamic if `in` or `window` is.
int64_t windowedOutputSize(int64_t in, int64_t window, int64_t stride,
                           int64_t dilation, llvm::StringRef padding,
                           int64_t padBefore, int64_t padAfter);

/// NHWC/NCHW 4-D windowed op result (Conv2D, pools): [N, OH, OW, C] or
/// [N, C, OH, OW] for a KH x KW window and `channels` output channels.
mlir::RankedTensorType
windowedResultType(mlir::RankedTensorType input, int64_t channels, int64_t kh,
                   int64_t kw, mlir::ArrayAttr strides, mlir::ArrayAttr dilations,
                   llvm::StringRef padding, mlir::ArrayAttr explicitPaddings,
                   llvm::StringRef format);

} // namespace graphc::graph

#endif // GRAPH_GRAPHSHAPEUTILS_H

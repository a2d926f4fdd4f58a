//===- GraphShapeUtils.h - helpers for op shape functions -------*- C++ -*-===//
//
// Shared by every family's refineResultTypes() (GraphShapeInference.cpp,
// Graph*Ops.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_GRAPHSHAPEUTILS_H
#define GRAPH_GRAPHSHAPEUTILS_H

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

} // namespace graphc::graph

#endif // GRAPH_GRAPHSHAPEUTILS_H

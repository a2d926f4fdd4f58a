//===- GraphShapeUtils.h - helpers for op shape functions -------*- C++ -*-===//
//
// Shared by every family's verifiers, folders and refineResultTypes()
// (defined in GraphShapeUtils.cpp, Graph*Ops.cpp; the methods op classes
// define call the class rules at the end): one definition of each helper.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_GRAPHSHAPEUTILS_H
#define GRAPH_GRAPHSHAPEUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/TypeUtilities.h"

#include <optional>
#include <string>

namespace graphc::graph {

/// Largest non-splat constant a folder creates or reads (elements); every
/// family's folders use this one limit.
inline constexpr int64_t kMaxFoldElements = int64_t(1) << 20;

/// `v`'s type if it is ranked, else null.
inline mlir::RankedTensorType rankedOf(mlir::Value v) {
  return llvm::dyn_cast<mlir::RankedTensorType>(v.getType());
}

/// Rank of `v`'s type, or -1 if unranked.
inline int64_t rankOf(mlir::Value v) {
  auto type = rankedOf(v);
  return type ? type.getRank() : -1;
}

/// `v`'s element type (its type if it is not shaped).
inline mlir::Type elementOf(mlir::Value v) {
  return mlir::getElementTypeOrSelf(v.getType());
}

/// Bytes of one element of `element`: its bit width rounded down to bytes,
/// at least 1 (i1), and 1 for types without a width (strings, resources).
int64_t getElementBytes(mlir::Type element);

/// True if the static dims of `type` (dynamic ones left out) times its
/// element size fit in 63 bits: sizes computed from a larger type (folds,
/// buffers) would wrap around.
bool hasRepresentableSize(mlir::RankedTensorType type);

/// `dims` as "2x?x3" (dynamic dims as "?").
std::string shapeToString(llvm::ArrayRef<int64_t> dims);

/// Sets `result`'s type to `inferred` where that is more precise; emits an
/// error and fails on a conflict between two static sizes or ranks, or on
/// a shape without a representable size (hasRepresentableSize).
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

/// The numpy broadcast of the ranked `operands`' shapes, or failure (after
/// an error listing every operand type) if they do not broadcast. Unranked
/// operands are skipped; `shape` is empty with `ranked` false if any was
/// unranked.
mlir::LogicalResult broadcastShapes(mlir::Operation *op,
                                    mlir::ValueRange operands,
                                    llvm::SmallVectorImpl<int64_t> &shape,
                                    bool &ranked);

/// `operands` broadcast (broadcastShapes' check and error).
mlir::LogicalResult verifyBroadcastable(mlir::Operation *op,
                                        mlir::ValueRange operands);

/// Operands 0 and 1 broadcast (the check and error of refineBroadcast,
/// which names the two types "'A' and 'B'").
mlir::LogicalResult verifyBroadcastPair(mlir::Operation *op);

/// An identity-like op folds to its input when that changes no type.
inline mlir::OpFoldResult forwardIfSameType(mlir::Value input,
                                            mlir::Value output) {
  return input.getType() == output.getType() ? mlir::OpFoldResult(input)
                                             : mlir::OpFoldResult();
}

/// The walk of a numpy broadcast that every broadcasting constant folder
/// makes: calls `fn(offsets)` for each element of `resultShape` in
/// row-major order, `offsets[i]` being the row-major offset, in operand `i`
/// of shape `operandShapes[i]` (aligned to the right; its size-1 dims
/// broadcast), of the element that result element reads. Returns false, not
/// calling `fn`, if an operand does not broadcast to `resultShape`, and
/// false as soon as `fn` does (it declines an element).
bool forEachBroadcastElement(
    llvm::ArrayRef<int64_t> resultShape,
    llvm::ArrayRef<llvm::ArrayRef<int64_t>> operandShapes,
    llvm::function_ref<bool(llvm::ArrayRef<int64_t>)> fn);

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

//===----------------------------------------------------------------------===//
// Rules of the op classes: the methods a TableGen class defines for every
// op of the class (its extraClassDefinition) call these.
//===----------------------------------------------------------------------===//

/// Graph_PoolOp (MaxPool, AvgPool): TF's attr rules and the pooled shape.
mlir::LogicalResult verifyPool(mlir::Operation *op, mlir::ArrayAttr ksize,
                               mlir::ArrayAttr strides,
                               llvm::StringRef padding,
                               llvm::StringRef format);
mlir::LogicalResult refinePool(mlir::Operation *op, mlir::Value input,
                               mlir::ArrayAttr ksize, mlir::ArrayAttr strides,
                               llvm::StringRef padding,
                               llvm::StringRef format);

/// Graph_CompareOp: ordered comparisons (Less, ...) refuse bool operands,
/// and the operands broadcast; the result is the broadcast shape of i1.
mlir::LogicalResult verifyOrderedCompare(mlir::Operation *op);
mlir::LogicalResult refineCompare(mlir::Operation *op);

/// Graph_ReductionOp (Sum, Prod, Max, Min): `indices` is an int32/int64
/// scalar or vector; the result drops (or, with `keepDims`, keeps as 1) the
/// constant reduced dims.
mlir::LogicalResult verifyReductionIndices(mlir::Operation *op,
                                           mlir::Value indices);
mlir::LogicalResult refineReduction(mlir::Operation *op, mlir::Value input,
                                    mlir::Value indices, bool keepDims);

/// Graph_ArgReductionOp (ArgMax, ArgMin): `dimension` is an int32/int64
/// scalar and the output int16/32/64; the result is the input shape without
/// `dimension` (TF's ArgOpShape).
mlir::LogicalResult verifyArgReduction(mlir::Operation *op,
                                       mlir::Value dimension,
                                       mlir::Value output);
mlir::LogicalResult refineArgReduction(mlir::Operation *op, mlir::Value input,
                                       mlir::Value dimension);

/// Fold of a float-only unary op computed by `fn` in double and rounded
/// to the element type (Graph_LibmUnaryOp); null if `x` is no constant.
mlir::Attribute foldFloatUnaryInDouble(mlir::Attribute x, mlir::Value result,
                                       double (*fn)(double));

} // namespace graphc::graph

#endif // GRAPH_GRAPHSHAPEUTILS_H

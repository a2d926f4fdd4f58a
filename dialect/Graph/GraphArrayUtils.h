//===- GraphArrayUtils.h - array-op rules shared with the lowering -*- C++ -*-===//
//
// TF's StridedSlice resolution (ValidateStridedSliceOp), used by the op's
// shape function and folder (GraphArraySliceOps.cpp) and by its lowering
// (lib/Conversion/GraphToLinalg/ArrayPatterns.cpp), so all three agree;
// the block-shuffle rules the DepthToSpace/SpaceToDepth classes share
// (GraphArrayLayoutOps.cpp); and, in `detail`, the helpers the array
// family's files share (GraphArrayUtils.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_GRAPHARRAYUTILS_H
#define GRAPH_GRAPHARRAYUTILS_H

#include "Graph/GraphOps.h"

#include <optional>

namespace graphc::graph {

/// A StridedSlice resolved against its input shape: per input dim the first
/// index read, the stride and the number of elements read (kDynamic where
/// the input dim is dynamic), and the result shape after new axes are added
/// and shrunk dims dropped.
struct StridedSliceSpec {
  llvm::SmallVector<int64_t> begin, strides, sizes;
  llvm::SmallVector<int64_t> resultShape;
};

/// Resolves `op` for `inputShape` from the values of its `begin`, `end` and
/// `strides` operands and its masks; emits TF's error and fails on an
/// invalid spec (out-of-range shrink index, zero stride, ...).
mlir::FailureOr<StridedSliceSpec>
resolveStridedSlice(StridedSliceOp op, llvm::ArrayRef<int64_t> inputShape,
                    llvm::ArrayRef<int64_t> begin, llvm::ArrayRef<int64_t> end,
                    llvm::ArrayRef<int64_t> strides);

/// DepthToSpace (`toSpace`) and SpaceToDepth, whose methods the op class
/// (Graph_BlockShuffleOp in GraphArrayOps.td) forwards here: TF's rules, the
/// NHWC shape function, the folder of a constant input.
mlir::LogicalResult verifyBlockShuffle(mlir::Operation *op, mlir::Value input,
                                       int64_t block, llvm::StringRef format,
                                       bool toSpace);
mlir::LogicalResult refineBlockShuffle(mlir::Operation *op, mlir::Value input,
                                       mlir::Value output, int64_t block,
                                       llvm::StringRef format, bool toSpace);
mlir::OpFoldResult foldBlockShuffle(mlir::Value output,
                                    mlir::Attribute inputAttr, int64_t block,
                                    llvm::StringRef format, bool toSpace);

//===----------------------------------------------------------------------===//
// Helpers of the array family's own files (GraphArray*Ops.cpp), defined in
// GraphArrayUtils.cpp. Internal to the family: the lowering does not use
// them, and they live in `detail` so that they cannot clash with its names.
//===----------------------------------------------------------------------===//

namespace detail {

inline constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

/// Static element count of `v`'s type, or -1.
int64_t staticCountOf(mlir::Value v);

/// The single value of a constant integer operand (a scalar or a
/// one-element tensor).
std::optional<int64_t> getConstantInt(mlir::Value v);

/// `axis` in [-rank, rank) as an index in [0, rank), or nullopt.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Fails with `message` unless `v` is (or may be, being unranked) of rank
/// `rank`.
mlir::LogicalResult verifyRank(mlir::Operation *op, mlir::Value v,
                               int64_t rank, llvm::StringRef name);

/// Fails unless `v` is an int32 or int64 tensor.
mlir::LogicalResult verifyIndexType(mlir::Operation *op, mlir::Value v,
                                    llvm::StringRef name);

/// Fails unless every value in `values` has `element` as element type.
mlir::LogicalResult verifyElementTypes(mlir::Operation *op,
                                       mlir::ValueRange values,
                                       mlir::Type element,
                                       llvm::StringRef what);

/// Merges `a` into `merged` dim by dim (dynamic dims take the other side);
/// false on a conflict between two static sizes.
bool mergeDims(llvm::SmallVectorImpl<int64_t> &merged,
               llvm::ArrayRef<int64_t> a);

/// The static type of `result` if its shape is static and the constant it
/// would fold to is small enough (or `splat`), else null.
mlir::RankedTensorType foldableType(mlir::Value result, bool splat = false);

/// Calls fn(index) for every multi-index of `shape`, in row-major order.
void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  llvm::function_ref<void(llvm::ArrayRef<int64_t>)> fn);

/// Row-major flat index of `index` in `shape`.
int64_t flatIndex(llvm::ArrayRef<int64_t> index,
                  llvm::ArrayRef<int64_t> shape);

/// Where an element of a folded result comes from: element `index` of
/// source `source` (-1: the fill value).
struct SourceElement {
  int source;
  int64_t index;
};
using SourceFn = llvm::function_ref<SourceElement(llvm::ArrayRef<int64_t>)>;

/// A constant of `type` whose element at each index is the source element
/// `fn` names. Sources (and `fill`, a one-element constant) must have
/// `type`'s element type. Null if an element type is not int or float.
mlir::DenseElementsAttr
gatherConstant(llvm::ArrayRef<mlir::DenseElementsAttr> sources,
               mlir::DenseElementsAttr fill, mlir::RankedTensorType type,
               SourceFn fn);

/// `value` (a constant) reinterpreted as `type` (same elements, row-major).
mlir::OpFoldResult foldReshape(mlir::Attribute value, mlir::Value result);

/// The splat constant of `result`'s static type holding `value` (0 or 1).
mlir::OpFoldResult foldSplat(mlir::Value result, int64_t value);

/// The integer constant of `result`'s static type holding `values`.
mlir::OpFoldResult foldInts(mlir::Value result, llvm::ArrayRef<int64_t> values);

/// The DenseElementsAttrs of `attrs`, if all are.
std::optional<llvm::SmallVector<mlir::DenseElementsAttr>>
getDenseAttrs(llvm::ArrayRef<mlir::Attribute> attrs);

} // namespace detail

} // namespace graphc::graph

#endif // GRAPH_GRAPHARRAYUTILS_H

//===- GraphArrayUtils.h - array-op rules shared with the lowering -*- C++ -*-===//
//
// TF's StridedSlice resolution (ValidateStridedSliceOp), used by the op's
// shape function and folder (GraphArrayOps.cpp) and by its lowering
// (lib/Conversion/GraphToLinalg/ArrayPatterns.cpp), so all three agree;
// the block-shuffle rules the DepthToSpace/SpaceToDepth classes share.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_GRAPHARRAYUTILS_H
#define GRAPH_GRAPHARRAYUTILS_H

#include "Graph/GraphOps.h"

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

} // namespace graphc::graph

#endif // GRAPH_GRAPHARRAYUTILS_H

//===- FoldValues.h - fold ops on demand, before the folding passes -*- C++ -*-===//
//
// graph-inline-control-flow and graph-lower-tensor-lists run before
// freezing and graph-simplify, yet need some values as constants right
// away: a loop's trip count, a TensorArray's size and indices, which
// TF graphs often compute from shapes (`Range(0, Shape(x)[0])`). These
// helpers fold just the ops such a value depends on, with the dialect's
// own folders, leaving the originals for graph-prune.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TRANSFORMS_FOLDVALUES_H
#define GRAPHC_TRANSFORMS_FOLDVALUES_H

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>

namespace graphc {

/// `op`'s results as folded with operand constants `constants` (null where
/// not constant), folded constants materialized at `builder`'s point;
/// nullopt when the op does not fold (or folds in place). `op` is left as
/// it is.
std::optional<llvm::SmallVector<mlir::Value>>
foldToValues(mlir::OpBuilder &builder, mlir::Operation *op,
             llvm::ArrayRef<mlir::Attribute> constants);

/// `v` as a constant when its producers fold (recursively, up to `depth`
/// ops deep), else `v`. Constants are created at `builder`'s point;
/// `memo` caches answers across calls.
mlir::Value constantize(mlir::OpBuilder &builder, mlir::Value v,
                        llvm::DenseMap<mlir::Value, mlir::Value> &memo,
                        int depth = 32);

} // namespace graphc

#endif // GRAPHC_TRANSFORMS_FOLDVALUES_H

//===- FoldCost.h - what folding a constant op would cost -------*- C++ -*-===//
//
// Private to GraphcPipelines. foldConstantSubgraphs compiles and runs the
// constant part of a graph at compile time, so a hostile graph (a Fill of
// 10^5 x 10^5 feeding a MatMul) would make the compiler allocate and compute
// what the graph says. These estimates bound it: an op over the limits, or
// one that would take the subgraph's total past them, is left to run time.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_PIPELINES_FOLDCOST_H
#define GRAPHC_LIB_PIPELINES_FOLDCOST_H

#include "mlir/IR/Operation.h"

#include <cstdint>

namespace graphc {

/// Limits of --fold-constants: bytes of one op's results, bytes of all the
/// folded ops' results, and multiply-adds (or element visits) in all. A
/// few seconds of work and a GiB of memory at most; the constant subgraphs of
/// real models (weight transposes, scales, shape arithmetic) are far below.
inline constexpr int64_t kMaxFoldResultBytes = int64_t(1) << 28;
inline constexpr int64_t kMaxFoldTotalBytes = int64_t(1) << 30;
inline constexpr int64_t kMaxFoldTotalWork = int64_t(1) << 33;

struct FoldCost {
  /// Bytes of the op's statically shaped results (INT64_MAX on overflow).
  int64_t bytes = 0;
  /// Multiply-adds for contractions (MatMul, BatchMatMul, Conv2D and its
  /// kin, Einsum), elements read and written for the rest; INT64_MAX when
  /// it overflows or a shape it needs is not static.
  int64_t work = 0;
};

FoldCost estimateFoldCost(mlir::Operation *op);

/// Adds `cost` to `total` if the op stays within the limits above (its own
/// results, and the running totals with it); else leaves `total` as it is
/// and returns false.
bool addWithinFoldLimits(FoldCost &total, const FoldCost &cost);

} // namespace graphc

#endif // GRAPHC_LIB_PIPELINES_FOLDCOST_H

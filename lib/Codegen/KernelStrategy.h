//===- KernelStrategy.h - tile sizes per linalg op --------------*- C++ -*-===//
//
// The strategy graphc-select-kernel-strategy attaches to each linalg op, and
// the helpers that read it back. Kept apart from the passes so the choice
// of tile sizes lives in one readable place (KernelStrategy.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_CODEGEN_KERNELSTRATEGY_H
#define GRAPHC_LIB_CODEGEN_KERNELSTRATEGY_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace graphc {

/// The kinds of kernels the strategy tells apart.
enum class KernelKind {
  Matmul,        // linalg.matmul / batch_matmul (any indexing maps)
  Conv,          // linalg.conv_2d_nhwc_hwcf
  Depthwise,     // linalg.depthwise_conv_2d_nhwc_hwc
  Pooling,       // linalg.pooling_nhwc_{max,sum}
  Generic,       // everything else with TilingInterface (elementwise, ...)
};

/// Tile sizes per loop of an op's iteration space (0 = not tiled).
/// `parallel` holds the register tile of the parallel loops (0 at reduction
/// loops), `reduction` the step of the reduction loops (0 at parallel ones).
struct KernelTiles {
  KernelKind kind = KernelKind::Generic;
  llvm::SmallVector<int64_t> parallel;
  llvm::SmallVector<int64_t> reduction;
  /// Order of the parallel tile loops (a permutation of the output dims),
  /// empty for the natural order.
  llvm::SmallVector<int64_t> interchange;
};

/// Name of the discardable attribute holding the choice.
constexpr llvm::StringLiteral kTilesAttrName = "graphc.tiles";

/// Name of the unit attribute graphc-tile-and-fuse puts on the tile loops
/// of parallel dimensions (each iteration writes its own tile).
constexpr llvm::StringLiteral kParallelLoopAttrName = "graphc.parallel";

/// The tiles for `op`, or nullopt when it is left untiled (dynamic shapes,
/// nothing to gain). `vectorWidth` is the number of fp32 lanes.
std::optional<KernelTiles> chooseKernelTiles(mlir::linalg::LinalgOp op,
                                             unsigned vectorWidth);

/// The kind of kernel `op` is.
KernelKind classifyKernel(mlir::linalg::LinalgOp op);

/// True for the kinds whose elementwise consumers are fused into the tiles.
bool isRootKind(KernelKind kind);

/// Attaches / reads back `graphc.tiles`.
void setKernelTiles(mlir::Operation *op, const KernelTiles &tiles);
std::optional<KernelTiles> getKernelTiles(mlir::Operation *op);

} // namespace graphc

#endif // GRAPHC_LIB_CODEGEN_KERNELSTRATEGY_H

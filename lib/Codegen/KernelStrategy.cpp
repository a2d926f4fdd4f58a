//===- KernelStrategy.cpp - tile sizes per linalg op ----------------------===//
//
// graphc-select-kernel-strategy: the register-level tile of every kernel.
// The shapes follow the CPU micro-kernels of XNNPACK (MRx16 GEMM tiles,
// channel-vectorized depthwise kernels) as ../shared/docs/CODEGEN.md sums
// them up, and IREE's CPU tile-size selection (KernelDispatch.cpp): an
// output tile small enough to live in the 16 vector registers of AVX2,
// reduction loops stepped a few elements at a time.
//
//===----------------------------------------------------------------------===//

#include "KernelStrategy.h"

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace graphc {
#define GEN_PASS_DEF_SELECTKERNELSTRATEGY
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc;

/// The largest divisor of `extent` that is at most `cap` (at least 1).
static int64_t largestDivisorAtMost(int64_t extent, int64_t cap) {
  for (int64_t d = std::min(extent, std::max<int64_t>(cap, 1)); d > 1; --d)
    if (extent % d == 0)
      return d;
  return 1;
}

/// A vector-friendly tile of a loop along which the kernel vectorizes: two
/// registers if they divide it, else one; an extent below one register is
/// one tile; otherwise one register, and graphc-tile-and-fuse peels the
/// remainder (88 channels with 16 lanes: 5 x 16 + 8, not 4 x 22). Vectors
/// of 1.5 registers (24 lanes) would cost a shuffle per broadcast.
static int64_t vectorTile(int64_t extent, unsigned width) {
  if (extent % (2 * width) == 0)
    return 2 * width;
  if (extent % width == 0)
    return width;
  return std::min<int64_t>(extent, width);
}

/// Rows of the output register tile for `columns` vector columns: at most
/// 3/4 of the vector registers hold accumulators (12 of AVX2's 16 ymm, 24
/// of AVX-512's 32 zmm), the rest operands.
/// The largest divisor of the extent when there is a good one (at least
/// 4, or the whole extent); otherwise 4 rows, and graphc-tile-and-fuse
/// peels the remainder into a loop of its own (a 29-wide feature map would
/// else run one output pixel per tile).
static int64_t rowTile(int64_t extent, int64_t columns, unsigned width,
                       int64_t maxRows) {
  int64_t registersPerRow = std::max<int64_t>(1, columns / width);
  int64_t accumulators = width >= 16 ? 24 : 12;
  int64_t rows = std::min<int64_t>(maxRows, accumulators / registersPerRow);
  int64_t divisor = largestDivisorAtMost(extent, rows);
  if (divisor >= std::min<int64_t>(4, extent) || rows < 4)
    return divisor;
  return 4;
}

KernelKind graphc::classifyKernel(linalg::LinalgOp op) {
  if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op))
    return KernelKind::Matmul;
  if (isa<linalg::Conv2DNhwcHwcfOp>(op))
    return KernelKind::Conv;
  if (isa<linalg::DepthwiseConv2DNhwcHwcOp>(op))
    return KernelKind::Depthwise;
  if (isa<linalg::PoolingNhwcMaxOp, linalg::PoolingNhwcMaxUnsignedOp,
          linalg::PoolingNhwcSumOp>(op))
    return KernelKind::Pooling;
  return KernelKind::Generic;
}

bool graphc::isRootKind(KernelKind kind) {
  return kind != KernelKind::Generic;
}

static StringRef kindName(KernelKind kind) {
  switch (kind) {
  case KernelKind::Matmul:
    return "matmul";
  case KernelKind::Conv:
    return "conv";
  case KernelKind::Depthwise:
    return "depthwise";
  case KernelKind::Pooling:
    return "pooling";
  case KernelKind::Generic:
    return "generic";
  }
  return "generic";
}

std::optional<KernelTiles> graphc::chooseKernelTiles(linalg::LinalgOp op,
                                                     unsigned vectorWidth) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape())
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ranges.empty() || llvm::any_of(ranges, [](int64_t r) { return r <= 0; }))
    return std::nullopt;
  unsigned numLoops = ranges.size();
  KernelTiles tiles;
  tiles.kind = classifyKernel(op);
  tiles.parallel.assign(numLoops, 0);
  tiles.reduction.assign(numLoops, 0);
  const int64_t w = vectorWidth;

  switch (tiles.kind) {
  case KernelKind::Matmul: {
    // (b,) m, n, k: rows x 2 registers of columns, k in steps of up to 8.
    unsigned m = numLoops - 3, n = numLoops - 2, k = numLoops - 1;
    for (unsigned i = 0; i < m; ++i)
      tiles.parallel[i] = 1;
    tiles.parallel[n] = vectorTile(ranges[n], w);
    tiles.parallel[m] = rowTile(ranges[m], tiles.parallel[n], w, 6);
    tiles.reduction[k] = largestDivisorAtMost(ranges[k], 8);
    // More weights than activations: column panels outermost, so each
    // panel of B stays in cache while every row block passes over it.
    if (ranges[n] >= ranges[m] && m == 0)
      tiles.interchange = {1, 0};
    break;
  }
  case KernelKind::Conv: {
    // n, oh, ow, f, kh, kw, c: one output row, a few pixels x 2 registers
    // of filters; one filter tap at a time, channels in steps of up to 8.
    tiles.parallel = {1, 1, 0, vectorTile(ranges[3], w), 0, 0, 0};
    tiles.parallel[2] = rowTile(ranges[2], tiles.parallel[3], w, 6);
    tiles.reduction = {0, 0, 0, 0, 1, 1, largestDivisorAtMost(ranges[6], 8)};
    // Few input channels (an RGB stem): a whole filter row per step, so
    // the vectorizer unrolls its taps over one load of the input row and
    // each step has enough FMAs to hide the loop.
    if (ranges[6] <= 8)
      tiles.reduction[5] = 0;
    // A filter larger than the input (the 1x1 convs of a network's last
    // stages: 448 x 1792 weights on 7x7 pixels): filter tiles outermost,
    // so each filter panel is read from memory once, not once per row.
    if (ranges[3] * ranges[4] * ranges[5] > ranges[1] * ranges[2])
      tiles.interchange = {0, 3, 1, 2};
    break;
  }
  case KernelKind::Depthwise:
  case KernelKind::Pooling: {
    // n, oh, ow, c, kh, kw: a few pixels x 2 registers of channels, one
    // filter row at a time, the row's taps unrolled by the vectorizer.
    tiles.parallel = {1, 1, 0, vectorTile(ranges[3], w), 0, 0};
    tiles.parallel[2] = rowTile(ranges[2], tiles.parallel[3], w, 4);
    tiles.reduction = {0, 0, 0, 0, 1, 0};
    break;
  }
  case KernelKind::Generic: {
    // Tiles of an op that reads through other than projected permutations
    // (a reversed or mirrored index, as MirrorPad's) are not computed
    // correctly by the tiling utilities' slice arithmetic: leave it whole.
    if (!llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) {
          return map.isProjectedPermutation(/*allowZeroInResults=*/true);
        }))
      return std::nullopt;
    // Innermost loops first, up to 8 registers of elements per tile;
    // reduction loops step by one so float sums keep their order.
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    int64_t budget = 8 * w;
    bool open = true;
    for (int i = numLoops - 1; i >= 0; --i) {
      if (iterators[i] == utils::IteratorType::reduction) {
        tiles.reduction[i] = 1;
        continue;
      }
      int64_t t = open ? largestDivisorAtMost(ranges[i], budget) : 1;
      tiles.parallel[i] = t;
      budget /= t;
      if (t < ranges[i])
        open = false;
    }
    // Nothing to gain by tiling a loop nest into a single tile.
    if (tiles.parallel == SmallVector<int64_t>(ranges) &&
        llvm::all_of(tiles.reduction, [](int64_t t) { return t == 0; }))
      return std::nullopt;
    break;
  }
  }
  return tiles;
}

void graphc::setKernelTiles(Operation *op, const KernelTiles &tiles) {
  Builder b(op->getContext());
  SmallVector<NamedAttribute> entries = {
      b.getNamedAttr("kind", b.getStringAttr(kindName(tiles.kind))),
      b.getNamedAttr("parallel", b.getDenseI64ArrayAttr(tiles.parallel)),
      b.getNamedAttr("reduction", b.getDenseI64ArrayAttr(tiles.reduction))};
  if (!tiles.interchange.empty())
    entries.push_back(b.getNamedAttr(
        "interchange", b.getDenseI64ArrayAttr(tiles.interchange)));
  op->setAttr(kTilesAttrName, b.getDictionaryAttr(entries));
}

std::optional<KernelTiles> graphc::getKernelTiles(Operation *op) {
  auto dict = op->getAttrOfType<DictionaryAttr>(kTilesAttrName);
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!dict || !linalgOp)
    return std::nullopt;
  auto parallel = dict.getAs<DenseI64ArrayAttr>("parallel");
  auto reduction = dict.getAs<DenseI64ArrayAttr>("reduction");
  unsigned numLoops = linalgOp.getNumLoops();
  if (!parallel || !reduction || parallel.size() != numLoops ||
      reduction.size() != numLoops)
    return std::nullopt;
  KernelTiles tiles;
  tiles.kind = classifyKernel(linalgOp);
  tiles.parallel.assign(parallel.asArrayRef().begin(),
                        parallel.asArrayRef().end());
  tiles.reduction.assign(reduction.asArrayRef().begin(),
                         reduction.asArrayRef().end());
  if (auto order = dict.getAs<DenseI64ArrayAttr>("interchange")) {
    SmallVector<int64_t> sorted(order.asArrayRef());
    llvm::sort(sorted);
    for (auto [i, d] : llvm::enumerate(sorted))
      if (d != int64_t(i))
        return std::nullopt; // not a permutation
    tiles.interchange.assign(order.asArrayRef().begin(),
                             order.asArrayRef().end());
  }
  return tiles;
}

namespace {
struct SelectKernelStrategyPass
    : graphc::impl::SelectKernelStrategyBase<SelectKernelStrategyPass> {
  using SelectKernelStrategyBase::SelectKernelStrategyBase;

  void runOnOperation() override {
    if (vectorWidth == 0) {
      getOperation().emitError("graphc-select-kernel-strategy: vector-width "
                               "must be at least 1");
      return signalPassFailure();
    }
    getOperation().walk([&](linalg::LinalgOp op) {
      if (std::optional<KernelTiles> tiles =
              chooseKernelTiles(op, vectorWidth))
        setKernelTiles(op, *tiles);
    });
  }
};
} // namespace

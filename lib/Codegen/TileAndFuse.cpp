//===- TileAndFuse.cpp - tile kernels, fuse their epilogues ---------------===//
//
// graphc-tile-and-fuse: reads graphc.tiles and tiles with upstream
// TilingInterface utilities. A root (conv, matmul, depthwise, pooling)
// whose only user is an elementwise linalg.generic over its result is
// computed inside that consumer's tile loops (IREE's dispatch-region
// fusion: tile the last op, fuse producers), its zero-fill with it; then
// the root's reduction loops are tiled inside the tile.
//
//===----------------------------------------------------------------------===//

#include "KernelStrategy.h"

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace graphc {
#define GEN_PASS_DEF_TILEANDFUSE
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc;

static SmallVector<OpFoldResult> asFoldResults(MLIRContext *ctx,
                                               ArrayRef<int64_t> sizes) {
  Builder b(ctx);
  return llvm::map_to_vector(sizes, [&](int64_t s) -> OpFoldResult {
    return b.getIndexAttr(s);
  });
}

/// Marks a tile loop whose iterations write disjoint tiles, so that
/// graphc-outline-parallel-loops may run them on several threads.
static void markParallel(LoopLikeOpInterface loop) {
  loop->setAttr(kParallelLoopAttrName, UnitAttr::get(loop->getContext()));
}

static bool allZero(ArrayRef<int64_t> sizes) {
  return llvm::all_of(sizes, [](int64_t s) { return s == 0; });
}

/// The elementwise consumer a root's tiles can be fused into: its only
/// user, a linalg.generic with parallel loops only that reads the root's
/// result through an identity map over the same iteration space.
static linalg::GenericOp getFusableConsumer(linalg::LinalgOp root) {
  if (root->getNumResults() != 1 || !root->getResult(0).hasOneUse())
    return nullptr;
  OpOperand &use = *root->getResult(0).getUses().begin();
  auto consumer = dyn_cast<linalg::GenericOp>(use.getOwner());
  if (!consumer || !consumer.hasPureTensorSemantics() ||
      consumer.getNumResults() != 1 ||
      consumer.getNumReductionLoops() != 0 ||
      !consumer.getMatchingIndexingMap(&use).isIdentity())
    return nullptr;
  auto rootType = cast<RankedTensorType>(root->getResult(0).getType());
  auto resultType = cast<RankedTensorType>(consumer->getResult(0).getType());
  if (rootType.getShape() != resultType.getShape() ||
      consumer.getStaticLoopRanges() != SmallVector<int64_t>(rootType.getShape()))
    return nullptr;
  return consumer;
}

/// Tiles the reduction loops of the (already parallel-tiled) root.
static LogicalResult tileReductions(RewriterBase &rewriter, Operation *tiledRoot,
                                    ArrayRef<int64_t> reductionTiles) {
  if (allZero(reductionTiles))
    return success();
  auto tileable = dyn_cast<TilingInterface>(tiledRoot);
  if (!tileable)
    return failure();
  scf::SCFTilingOptions options;
  options.setTileSizes(asFoldResults(rewriter.getContext(), reductionTiles));
  rewriter.setInsertionPoint(tiledRoot);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, tileable, options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(tiledRoot, tiled->replacements);
  return success();
}

/// Tiles `consumer` by `parallelTiles` and fuses the producers in `fusable`
/// (and the linalg.fill initializing them) into its loops. Returns the
/// tiled-and-fused ops.
static FailureOr<scf::SCFTileAndFuseResult>
tileAndFuse(RewriterBase &rewriter, TilingInterface consumer,
            ArrayRef<int64_t> parallelTiles, ArrayRef<int64_t> interchange,
            llvm::function_ref<bool(Operation *)> fusable) {
  scf::SCFTileAndFuseOptions options;
  options.tilingOptions.setTileSizes(
      asFoldResults(rewriter.getContext(), parallelTiles));
  if (!interchange.empty()) {
    // The order of the output dims, then any further loops in place.
    SmallVector<int64_t> order(interchange);
    for (int64_t i = order.size(); i < int64_t(parallelTiles.size()); ++i)
      order.push_back(i);
    options.tilingOptions.setInterchange(order);
  }
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        Operation *op = producer.getOwner();
        if (isa<linalg::FillOp>(op) || fusable(op))
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        return std::nullopt;
      });
  rewriter.setInsertionPoint(consumer);
  FailureOr<scf::SCFTileAndFuseResult> result =
      scf::tileConsumerAndFuseProducersUsingSCF(rewriter, consumer, options);
  if (failed(result))
    return failure();
  for (OpResult res : consumer->getResults())
    if (Value replacement = result->replacements.lookup(res))
      rewriter.replaceAllUsesWith(res, replacement);
  return result;
}

namespace {
/// Remembers the ops the tiling utilities erase, so the pass never touches
/// one of its snapshot again.
struct ErasedOpTracker : RewriterBase::Listener {
  llvm::DenseSet<Operation *> erased;
  void notifyOperationErased(Operation *op) override { erased.insert(op); }
};

struct TileAndFusePass : graphc::impl::TileAndFuseBase<TileAndFusePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    ErasedOpTracker tracker;
    IRRewriter rewriter(&getContext(), &tracker);

    // Snapshot the ops to tile: tiling creates clones that carry the
    // attribute too.
    SmallVector<linalg::LinalgOp> ops;
    func.walk([&](linalg::LinalgOp op) {
      if (getKernelTiles(op))
        ops.push_back(op);
    });
    llvm::DenseSet<Operation *> done;

    // Roots first, with their epilogues.
    for (linalg::LinalgOp root : ops) {
      if (tracker.erased.contains(root))
        continue;
      std::optional<KernelTiles> tiles = getKernelTiles(root);
      if (!isRootKind(tiles->kind))
        continue;
      done.insert(root);
      linalg::GenericOp consumer = getFusableConsumer(root);
      TilingInterface tiledOp =
          consumer ? cast<TilingInterface>(consumer.getOperation())
                   : cast<TilingInterface>(root.getOperation());
      SmallVector<int64_t> parallel(tiles->parallel);
      if (consumer) {
        done.insert(consumer);
        parallel.resize(consumer.getNumLoops());
      }
      Operation *rootOp = root.getOperation();
      FailureOr<scf::SCFTileAndFuseResult> result = tileAndFuse(
          rewriter, tiledOp, parallel, tiles->interchange,
          [&](Operation *op) { return op == rootOp; });
      if (failed(result)) {
        root.emitWarning("graphc-tile-and-fuse: could not tile; left to "
                         "loops");
        continue;
      }
      // Loops whose tile does not divide their extent: the last, partial
      // tile becomes a loop of its own, so both have static tiles.
      // Innermost first, so that peeling an outer loop copies inner loops
      // that are already split into static parts.
      if (result->loops.empty()) {
        root.emitWarning("graphc-tile-and-fuse: tiling made no loops");
        continue;
      }
      // Only parallel loops were tiled here (the reductions come below).
      for (LoopLikeOpInterface loop : result->loops)
        markParallel(loop);
      SmallVector<Operation *> nests = {result->loops.front().getOperation()};
      for (LoopLikeOpInterface loop : llvm::reverse(result->loops)) {
        auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
        if (!forOp)
          continue;
        // Upstream declines (and leaves the loop alone) when the step
        // divides the range: there is no partial tile to peel.
        scf::ForOp partial;
        rewriter.setInsertionPoint(forOp);
        if (succeeded(scf::peelForLoopAndSimplifyBounds(rewriter, forOp,
                                                        partial)) &&
            forOp == result->loops.front().getOperation())
          nests.push_back(partial);
      }
      // The tiled roots (one per peeled copy of the loop body): their
      // reduction loops are tiled inside.
      SmallVector<Operation *> tiledRoots;
      for (Operation *nest : nests)
        nest->walk([&](Operation *op) {
          if (op->getName() == rootOp->getName() && op != rootOp)
            tiledRoots.push_back(op);
        });
      bool reduced = !tiledRoots.empty();
      for (Operation *tiledRoot : tiledRoots)
        reduced &= succeeded(
            tileReductions(rewriter, tiledRoot, tiles->reduction));
      if (!reduced) {
        root.emitWarning("graphc-tile-and-fuse: could not tile the "
                         "reduction loops");
        continue;
      }
      // The untiled ops fused into the tiles (the root, its fill) are dead
      // unless something else uses them; they are not tiled again.
      SmallVector<Operation *> dead;
      if (consumer)
        dead.push_back(consumer);
      for (Operation *producer : llvm::reverse(result->fusedProducers)) {
        done.insert(producer);
        dead.push_back(producer);
      }
      for (Operation *op : dead)
        if (op->use_empty())
          rewriter.eraseOp(op);
    }

    // Everything else alone: parallel and reduction loops in one go.
    for (linalg::LinalgOp op : ops) {
      if (done.contains(op) || tracker.erased.contains(op))
        continue;
      std::optional<KernelTiles> tiles = getKernelTiles(op);
      SmallVector<int64_t> sizes(tiles->parallel);
      for (auto [s, r] : llvm::zip(sizes, tiles->reduction))
        s = std::max(s, r);
      scf::SCFTilingOptions options;
      options.setTileSizes(asFoldResults(&getContext(), sizes));
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
          rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled)) {
        op.emitWarning("graphc-tile-and-fuse: could not tile; left to loops");
        continue;
      }
      // One loop per non-zero tile size, in loop order.
      SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
      unsigned next = 0;
      for (auto [dim, size] : llvm::enumerate(sizes)) {
        if (size == 0)
          continue;
        if (next < tiled->loops.size() &&
            iterators[dim] == utils::IteratorType::parallel)
          markParallel(tiled->loops[next]);
        ++next;
      }
      rewriter.replaceOp(op, tiled->replacements);
    }

    func.walk([](Operation *op) { op->removeAttr(kTilesAttrName); });
  }
};
} // namespace

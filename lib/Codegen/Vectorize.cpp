//===- Vectorize.cpp - decompose 2-D window tiles and vectorize -----------===//
//
// graphc-vectorize: upstream's convolution decomposition (2-D tiles with
// one output row and one filter row become 1-D ops) and linalg::vectorize
// on every small, static linalg op, i.e. on the tiles graphc-tile-and-fuse
// made. Large untiled ops are left alone: vectorizing a whole tensor makes
// vectors of millions of elements (../shared/docs/TOOLCHAIN.md saw one
// drive mlir-opt out of memory).
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_DECOMPOSEANDVECTORIZE
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
struct DecomposeAndVectorizePass
    : graphc::impl::DecomposeAndVectorizeBase<DecomposeAndVectorizePass> {
  using DecomposeAndVectorizeBase::DecomposeAndVectorizeBase;

  /// Static iteration space of at most maxVectorElements points.
  bool isSmallStaticTile(linalg::LinalgOp op) const {
    if (op.hasDynamicShape())
      return false;
    int64_t points = 1;
    for (int64_t r : op.getStaticLoopRanges()) {
      points *= r;
      if (points > maxVectorElements)
        return false;
    }
    return true;
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();

    // 2-D windows with unit output/filter height -> 1-D ops.
    {
      RewritePatternSet patterns(ctx);
      linalg::populateDecomposeConvolutionPatterns(patterns);
      tensor::populateFoldTensorEmptyPatterns(patterns);
      // Not converging within the iteration limit is no error here.
      (void)applyPatternsGreedily(func, std::move(patterns));
    }

    SmallVector<linalg::LinalgOp> candidates;
    // Booleans stay scalar: a memref<...xi1> holds one byte per element,
    // a vector<Nxi1> in memory is N bits.
    auto hasBoolOperand = [](linalg::LinalgOp op) {
      return llvm::any_of(op->getOperandTypes(), [](Type t) {
        auto shaped = dyn_cast<ShapedType>(t);
        return shaped && shaped.getElementType().isInteger(1);
      });
    };
    func.walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && isSmallStaticTile(op) &&
          !hasBoolOperand(op))
        candidates.push_back(op);
    });
    IRRewriter rewriter(ctx);
    for (linalg::LinalgOp op : candidates) {
      if (failed(linalg::vectorizeOpPrecondition(op)))
        continue;
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::VectorizationResult> result =
          linalg::vectorize(rewriter, op);
      if (failed(result))
        continue;
      rewriter.replaceOp(op, result->replacements);
    }

    // Forward vectors written into a tile to the reads of the next op of
    // the same tile; fold the transfers' permutations.
    RewritePatternSet patterns(ctx);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorReductionToContractPatterns(patterns);
    vector::populateSinkVectorOpsPatterns(patterns);
    tensor::populateFoldTensorEmptyPatterns(patterns);
    vector::TransferReadOp::getCanonicalizationPatterns(patterns, ctx);
    vector::TransferWriteOp::getCanonicalizationPatterns(patterns, ctx);
    (void)applyPatternsGreedily(func, std::move(patterns));
  }
};
} // namespace

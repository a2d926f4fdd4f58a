//===- VectorLowering.cpp - accumulators in registers, n-D vectors to FMA -===//
//
// graphc-optimize-vector-transfers and graphc-lower-vectors: the vector
// half of the codegen after bufferization, assembled from upstream
// pattern sets in the order TOOLCHAIN.md verified for a 91 GFLOP/s matmul:
// fold subviews into transfers, CSE, hoist the accumulator transfers out of
// the reduction loops, then lower contractions to outer products (FMAs).
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_OPTIMIZEVECTORTRANSFERS
#define GEN_PASS_DEF_LOWERVECTORS
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
struct OptimizeVectorTransfersPass
    : graphc::impl::OptimizeVectorTransfersBase<OptimizeVectorTransfersPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();
    // Transfers through subviews -> transfers on the base buffer, so the
    // read and the write of an accumulator have the same base and indices.
    {
      RewritePatternSet patterns(ctx);
      memref::populateFoldMemRefAliasOpPatterns(patterns);
      affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
      vector::TransferReadOp::getCanonicalizationPatterns(patterns, ctx);
      vector::TransferWriteOp::getCanonicalizationPatterns(patterns, ctx);
      // Not converging within the iteration limit is no error here.
      (void)applyPatternsGreedily(func, std::move(patterns));
    }
    IRRewriter rewriter(ctx);
    DominanceInfo dominance(func);
    eliminateCommonSubExpressions(rewriter, dominance, func);
    // Loop-invariant read/write pairs out of the loops, innermost first,
    // repeated to a fixpoint by the utility itself.
    linalg::hoistRedundantVectorTransfers(func, /*verifyNonZeroTrip=*/true);
  }
};

struct LowerVectorsPass : graphc::impl::LowerVectorsBase<LowerVectorsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();
    // Whatever a pattern set leaves unlowered, convert-vector-to-llvm
    // reports; not converging within the iteration limit is no error.
    auto apply = [&](auto populate) {
      RewritePatternSet patterns(ctx);
      populate(patterns);
      (void)applyPatternsGreedily(func, std::move(patterns));
      return success();
    };
    // Unit leading dims of tiles (vector<1x1x4x16xf32>) dropped; math and
    // arith ops on n-D vectors unrolled to rows, since not all of them lower
    // to LLVM on n-D vectors (math.absi, arith.mului_extended do not).
    if (failed(apply([](RewritePatternSet &p) {
          vector::populateCastAwayVectorLeadingOneDimPatterns(p);
          vector::UnrollVectorOptions unroll;
          unroll.setFilterConstraint([](Operation *op) {
            bool nd = op->getNumResults() > 0 &&
                      llvm::all_of(op->getResultTypes(), [](Type t) {
                        auto type = dyn_cast<VectorType>(t);
                        return type && type.getRank() > 1;
                      });
            return success(nd && isa<math::MathDialect, arith::ArithDialect>(
                                     op->getDialect()) &&
                           !isa<arith::ConstantOp>(op));
          });
          unroll.setNativeShapeFn(
              [](Operation *op) -> std::optional<SmallVector<int64_t>> {
                auto type = cast<VectorType>(op->getResult(0).getType());
                SmallVector<int64_t> shape(type.getRank(), 1);
                shape.back() = type.getShape().back();
                return shape;
              });
          vector::populateVectorUnrollPatterns(p, unroll);
        })))
      return signalPassFailure();
    // Contractions -> outer products -> FMAs; transfer permutations ->
    // broadcasts/transposes.
    if (failed(apply([](RewritePatternSet &p) {
          vector::populateVectorContractLoweringPatterns(
              p, vector::VectorContractLowering::OuterProduct);
          vector::populateVectorTransferPermutationMapLoweringPatterns(p);
        })))
      return signalPassFailure();
    // Multi-reductions as sequential elementwise ops over the reduced dim
    // (no reassociation), outer products as FMAs.
    if (failed(apply([](RewritePatternSet &p) {
          vector::populateVectorMultiReductionLoweringPatterns(
              p, vector::VectorMultiReductionLowering::InnerParallel);
          vector::populateVectorOuterProductLoweringPatterns(p);
        })))
      return signalPassFailure();
    // Everything else n-D: transposes, broadcasts, shape casts and
    // transfers to 1-D vectors.
    if (failed(apply([](RewritePatternSet &p) {
          vector::populateVectorTransposeLoweringPatterns(
              p, vector::VectorTransposeLowering::Shuffle1D);
          vector::populateVectorBroadcastLoweringPatterns(p);
          vector::populateVectorShapeCastLoweringPatterns(p);
          vector::populateVectorMaskOpLoweringPatterns(p);
          vector::populateVectorTransferLoweringPatterns(p,
                                                         /*maxTransferRank=*/1);
        })))
      return signalPassFailure();
  }
};
} // namespace

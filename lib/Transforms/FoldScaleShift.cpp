//===- FoldScaleShift.cpp - constant scale/shift into conv/matmul weights -===//
//
// graph-fold-scale-shift: a Mul by a per-output-channel (or scalar) constant
// after a Conv2D / DepthwiseConv2dNative / MatMul with constant weights
// (possibly after its BiasAdd) is multiplied into the weights and the bias;
// an Add/AddV2/Sub of such a constant after one becomes its BiasAdd; two
// consecutive BiasAdd/Add-of-constants become one BiasAdd. What TF's grappler
// (remapper / arithmetic optimizer), the TFLite converter and OpenVINO's MO
// do to the Mul/Add pairs a batch norm is unfused into.
//
//===----------------------------------------------------------------------===//
#include "LinearFolding.h"
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHFOLDSCALESHIFT
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;
using namespace graphc::linear_folding;

namespace {

/// Mul(linear, s) -> linear(W * s);
/// Mul(bias(linear, b), s) -> BiasAdd(linear(W * s), b * s).
struct FoldMulIntoLinear : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !type.hasStaticShape())
      return failure();
    for (unsigned side : {0u, 1u}) {
      Value x = op->getOperand(side);
      if (x.getType() != type)
        continue;
      auto scale = getChannelVector(op->getOperand(1 - side), type);
      if (!scale)
        continue;
      if (auto linear = matchLinear(x)) {
        scaleWeights(rewriter, *linear, *scale);
        rewriter.replaceOp(op, x);
        return success();
      }
      auto bias = matchBiasLikeValue(x);
      if (!bias)
        continue;
      auto linear = matchLinear(bias->input);
      if (!linear)
        continue;
      scaleWeights(rewriter, *linear, *scale);
      SmallVector<float> scaled(bias->bias);
      for (auto [b, s] : llvm::zip_equal(scaled, *scale))
        b *= s;
      rewriter.setInsertionPoint(op);
      rewriter.replaceOp(
          op, createBiasAdd(rewriter, op.getLoc(), bias->input, scaled));
      return success();
    }
    return failure();
  }
};

/// bias(bias(x, b), c) -> BiasAdd(x, b + c) for any x;
/// Add/AddV2/Sub(linear, c) -> BiasAdd(linear, +-c).
struct FoldShiftIntoBias : RewritePattern {
  FoldShiftIntoBias(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<BiasAddOp, AddOp, AddV2Op, SubOp>(op))
      return failure();
    auto outer = matchBiasLike(op);
    if (!outer)
      return failure();
    if (auto inner = matchBiasLikeValue(outer->input)) {
      SmallVector<float> sum(inner->bias);
      for (auto [b, c] : llvm::zip_equal(sum, outer->bias))
        b += c;
      rewriter.setInsertionPoint(op);
      rewriter.replaceOp(
          op, createBiasAdd(rewriter, op->getLoc(), inner->input, sum));
      return success();
    }
    if (isa<BiasAddOp>(op) || !matchLinear(outer->input))
      return failure();
    rewriter.setInsertionPoint(op);
    rewriter.replaceOp(
        op, createBiasAdd(rewriter, op->getLoc(), outer->input, outer->bias));
    return success();
  }
};

struct GraphFoldScaleShiftPass
    : graphc::impl::GraphFoldScaleShiftBase<GraphFoldScaleShiftPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldMulIntoLinear, FoldShiftIntoBias>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError()
          << "graph-fold-scale-shift: folding did not converge";
      signalPassFailure();
    }
  }
};
} // namespace

//===- FoldBatchNorm.cpp - inference batch norm into conv/matmul weights --===//
//
// graph-fold-batch-norm: FusedBatchNorm / V2 / V3 with is_training = false
// and constant statistics after a Conv2D / DepthwiseConv2dNative / MatMul
// with constant weights (possibly after its BiasAdd) is folded into the
// weights and a BiasAdd:
//
//   f = scale * rsqrt(variance + epsilon)         (as TF's kernel computes it)
//   BN(conv(x, W) + b) = conv(x, W * f) + ((b - mean) * f + offset)
//
// grappler's remapper, the TFLite converter and OpenVINO's MO all do this;
// it removes one elementwise pass over the activation per batch norm.
//
//===----------------------------------------------------------------------===//
#include "LinearFolding.h"
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace graphc {
#define GEN_PASS_DEF_GRAPHFOLDBATCHNORM
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;
using namespace graphc::linear_folding;

namespace {

template <typename BatchNormOp>
struct FoldBatchNormIntoLinear : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern<BatchNormOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getIsTraining() || op.getDataFormat() != "NHWC")
      return rewriter.notifyMatchFailure(op, "not an NHWC inference batch norm");
    // Only y may be used (the statistics outputs are the inputs' values in
    // inference, but nothing should depend on them for the fold to pay).
    for (Value result : op->getResults().drop_front())
      if (!result.use_empty())
        return rewriter.notifyMatchFailure(op, "statistics outputs are used");
    Value x = op.getX();
    auto type = dyn_cast<RankedTensorType>(x.getType());
    if (!type || !type.hasStaticShape() || type != op.getY().getType())
      return rewriter.notifyMatchFailure(op, "shapes are not static");
    size_t channels = type.getShape().back();
    auto scale = getConstFloats(op.getScale());
    auto offset = getConstFloats(op.getOffset());
    auto mean = getConstFloats(op.getMean());
    auto variance = getConstFloats(op.getVariance());
    if (!scale || !offset || !mean || !variance || scale->size() != channels ||
        offset->size() != channels || mean->size() != channels ||
        variance->size() != channels)
      return rewriter.notifyMatchFailure(op, "statistics are not constant");

    // BN(linear) or BN(bias(linear, b)).
    std::optional<BiasLike> bias = matchBiasLikeValue(x);
    std::optional<LinearOp> linear = matchLinear(bias ? bias->input : x);
    if (!linear)
      return rewriter.notifyMatchFailure(op, "no foldable conv/matmul before");

    float epsilon = op.getEpsilon().convertToFloat();
    SmallVector<float> factor(channels), shift(channels);
    for (size_t c = 0; c < channels; ++c) {
      factor[c] = (1.0f / std::sqrt((*variance)[c] + epsilon)) * (*scale)[c];
      float b = bias ? bias->bias[c] : 0.0f;
      shift[c] = (b - (*mean)[c]) * factor[c] + (*offset)[c];
    }
    scaleWeights(rewriter, *linear, factor);
    rewriter.setInsertionPoint(op);
    Value folded = createBiasAdd(rewriter, op.getLoc(),
                                 linear->op->getResult(0), shift);
    rewriter.replaceAllUsesWith(op.getY(), folded);
    rewriter.eraseOp(op);
    return success();
  }
};

struct GraphFoldBatchNormPass
    : graphc::impl::GraphFoldBatchNormBase<GraphFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormIntoLinear<FusedBatchNormOp>,
                 FoldBatchNormIntoLinear<FusedBatchNormV2Op>,
                 FoldBatchNormIntoLinear<FusedBatchNormV3Op>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError()
          << "graph-fold-batch-norm: folding did not converge";
      signalPassFailure();
    }
  }
};
} // namespace

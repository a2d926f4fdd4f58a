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
// grappler's _FusedConv2D with a leading FusedBatchNorm in its epilogue
// becomes one with a leading BiasAdd the same way.
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

/// grappler's _FusedConv2D (and FusedDepthwiseConv2dNative) whose epilogue
/// starts with FusedBatchNorm(scale, offset, mean, variance): the same fold,
/// in place (the op's value does not change, so other uses do not matter);
/// the epilogue then starts with BiasAdd(shift) and the rest is kept.
template <typename FusedOp>
struct FoldFusedBatchNorm : OpRewritePattern<FusedOp> {
  using OpRewritePattern<FusedOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(FusedOp op,
                                PatternRewriter &rewriter) const override {
    ArrayAttr fusedOps = op.getFusedOps();
    if (op.getDataFormat() != "NHWC" || fusedOps.empty() ||
        cast<StringAttr>(fusedOps[0]).getValue() != "FusedBatchNorm" ||
        op.getArgs().size() < 4)
      return rewriter.notifyMatchFailure(op, "no leading NHWC FusedBatchNorm");
    auto result = dyn_cast<RankedTensorType>(op.getOutput().getType());
    auto filter = dyn_cast<RankedTensorType>(op.getFilter().getType());
    auto weights = getConstFloats(op.getFilter());
    if (!result || !result.hasStaticShape() || !filter || !weights ||
        filter.getRank() != 4)
      return rewriter.notifyMatchFailure(op, "weights are not constant");
    size_t channels = result.getShape().back();
    SmallVector<SmallVector<float>> stats;
    for (unsigned i = 0; i < 4; ++i) {
      auto values = getConstFloats(op.getArgs()[i]);
      if (!values || values->size() != channels)
        return rewriter.notifyMatchFailure(op, "statistics are not constant");
      stats.push_back(std::move(*values));
    }
    float epsilon = op.getEpsilon().convertToFloat();
    SmallVector<float> factor(channels), shift(channels);
    for (size_t c = 0; c < channels; ++c) {
      factor[c] = (1.0f / std::sqrt(stats[3][c] + epsilon)) * stats[0][c];
      shift[c] = (0.0f - stats[2][c]) * factor[c] + stats[1][c];
    }
    LinearOp linear;
    linear.op = op;
    linear.weightIndex = 1;
    linear.weights = std::move(*weights);
    linear.weightType = filter;
    linear.channels = static_cast<int64_t>(channels);
    scaleWeights(rewriter, linear, factor);
    rewriter.setInsertionPoint(op);
    Value bias = createVector(rewriter, op.getLoc(), shift);
    SmallVector<Attribute> newFusedOps(fusedOps.begin(), fusedOps.end());
    newFusedOps[0] = rewriter.getStringAttr("BiasAdd");
    SmallVector<Value> args = {bias};
    llvm::append_range(args, op.getArgs().drop_front(4));
    rewriter.modifyOpInPlace(op, [&] {
      op.getArgsMutable().assign(args);
      op.setFusedOpsAttr(rewriter.getArrayAttr(newFusedOps));
      op.setNumArgs(args.size());
    });
    return success();
  }
};

struct GraphFoldBatchNormPass
    : graphc::impl::GraphFoldBatchNormBase<GraphFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormIntoLinear<FusedBatchNormOp>,
                 FoldBatchNormIntoLinear<FusedBatchNormV2Op>,
                 FoldBatchNormIntoLinear<FusedBatchNormV3Op>,
                 FoldFusedBatchNorm<FusedConv2DOp>,
                 FoldFusedBatchNorm<FusedDepthwiseConv2dNativeOp>>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError()
          << "graph-fold-batch-norm: folding did not converge";
      signalPassFailure();
    }
  }
};
} // namespace

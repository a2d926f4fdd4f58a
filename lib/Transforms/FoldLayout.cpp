//===- FoldLayout.cpp - compose transposes, collapse reshape chains -------===//
//
// graph-fold-layout: what canonicalize does not already do with layout ops
// (its folders remove identity Transpose/Reshape/Squeeze/ExpandDims and
// evaluate them on constants):
//
//   Transpose(Transpose(x, p), q)  -> Transpose(x, p o q)  (identity: gone)
//   Reshape | Squeeze | ExpandDims chains         -> one Reshape of x
//   Transpose that only moves size-1 dims     -> Reshape (no data movement)
//
// grappler's arithmetic optimizer and the TFLite converter do the same
// (NCHW<->NHWC pairs left by converters, Squeeze/ExpandDims around 1-D
// convs); a Reshape lowers to a collapse/expand, a Transpose to a copy.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHFOLDLAYOUT
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;

namespace {

RankedTensorType staticType(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.hasStaticShape() ? type : RankedTensorType();
}

/// A 1-D i32 graph.Const.
Value createInts(PatternRewriter &rewriter, Location loc,
                 ArrayRef<int64_t> values) {
  SmallVector<int32_t> ints(values.begin(), values.end());
  auto type = RankedTensorType::get({static_cast<int64_t>(ints.size())},
                                    rewriter.getI32Type());
  return ConstOp::create(rewriter, loc, type,
                         DenseElementsAttr::get(type, ArrayRef<int32_t>(ints)));
}

/// Transpose(Transpose(x, p), q) -> Transpose(x, r), r[i] = p[q[i]].
struct ComposeTransposes : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getX().getDefiningOp<TransposeOp>();
    if (!inner)
      return failure();
    auto q = getConstantInts(op.getPerm());
    auto p = getConstantInts(inner.getPerm());
    if (!p || !q || p->size() != q->size())
      return failure();
    SmallVector<int64_t> composed;
    for (int64_t i : *q) {
      if (i < 0 || i >= static_cast<int64_t>(p->size()))
        return failure(); // the verifier reports it
      composed.push_back((*p)[i]);
    }
    rewriter.setInsertionPoint(op);
    Value perm = createInts(rewriter, op.getLoc(), composed);
    rewriter.replaceOpWithNewOp<TransposeOp>(op, op.getType(), inner.getX(),
                                             perm);
    return success();
  }
};

/// Reshape | Squeeze | ExpandDims of a Reshape | Squeeze | ExpandDims (x):
/// one Reshape of x (an outer Reshape keeps its shape operand); it folds
/// away when it gives x's own type (Squeeze then ExpandDims of the same dim).
struct CollapseReshapeChain : RewritePattern {
  CollapseReshapeChain(MLIRContext *context, PatternBenefit benefit)
      : RewritePattern(MatchAnyOpTypeTag(), benefit, context) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<ReshapeOp, SqueezeOp, ExpandDimsOp>(op))
      return failure();
    Operation *inner = op->getOperand(0).getDefiningOp();
    RankedTensorType result = staticType(op->getResult(0));
    if (!inner || !isa<ReshapeOp, SqueezeOp, ExpandDimsOp>(inner) ||
        !result || !staticType(inner->getOperand(0)))
      return failure();
    Value source = inner->getOperand(0);
    if (auto reshape = dyn_cast<ReshapeOp>(op)) {
      rewriter.modifyOpInPlace(
          op, [&] { reshape.getTensorMutable().assign(source); });
      return success();
    }
    rewriter.setInsertionPoint(op);
    Value shape = createInts(rewriter, op->getLoc(), result.getShape());
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, result, source, shape);
    return success();
  }
};

/// A static Transpose whose non-unit dims keep their order -> Reshape.
struct TrivialTransposeToReshape : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType in = staticType(op.getX()), out = staticType(op.getY());
    auto perm = getConstantInts(op.getPerm());
    if (!in || !out || !perm ||
        static_cast<int64_t>(perm->size()) != in.getRank())
      return failure();
    int64_t last = -1;
    for (int64_t p : *perm) {
      if (p < 0 || p >= in.getRank())
        return failure();
      if (in.getDimSize(p) == 1)
        continue;
      if (p < last)
        return failure();
      last = p;
    }
    rewriter.setInsertionPoint(op);
    Value shape = createInts(rewriter, op.getLoc(), out.getShape());
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, out, op.getX(), shape);
    return success();
  }
};

struct GraphFoldLayoutPass
    : graphc::impl::GraphFoldLayoutBase<GraphFoldLayoutPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Compose first: a pair may cancel before either becomes a Reshape.
    patterns.add<ComposeTransposes, CollapseReshapeChain>(&getContext(),
                                                          /*benefit=*/2);
    patterns.add<TrivialTransposeToReshape>(&getContext(), /*benefit=*/1);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError() << "graph-fold-layout: folding did not converge";
      signalPassFailure();
    }
  }
};
} // namespace

//===- FusePrelu.cpp - the unfused PReLU pattern as one graph.Prelu -------===//
//
// graph-fuse-prelu: TF.js's and Keras' PReLU reaches a frozen graph as
//
//   Relu(x) - alpha * Relu(-x)        (TF.js converter, -x as x * -1)
//   Relu(x) + (-alpha) * Relu(-x)     (Keras' PReLU layer)
//
// five elementwise ops, each a full pass over the activation. Both equal
// x > 0 ? x : alpha * x bit for bit (one of the two Relus is 0, and 0 - y,
// y * -1 are exact), which is graph.Prelu: one op. The TFLite converter
// fuses the same pattern into tfl.prelu.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHFUSEPRELU
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;

namespace {

/// The defining op of `v` as OpTy when `v` has no other use.
template <typename OpTy> OpTy singleUse(Value v) {
  return v.hasOneUse() ? v.getDefiningOp<OpTy>() : OpTy();
}

/// True if `v` is a float constant whose every element is `value`.
bool isFloatSplat(Value v, double value) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) ||
      !isa<FloatType>(attr.getElementType()))
    return false;
  // One value of a splat, however large its shape.
  if (attr.isSplat())
    return attr.getSplatValue<APFloat>().convertToDouble() == value;
  return llvm::all_of(attr.getValues<APFloat>(), [&](const APFloat &f) {
    return f.convertToDouble() == value;
  });
}

/// The x of a single-use -x: Neg(x) or Mul(x, -1) in either order.
Value matchNegated(Value v) {
  if (auto neg = singleUse<NegOp>(v))
    return neg.getX();
  if (auto mul = singleUse<MulOp>(v)) {
    if (mul.getX().getType() == v.getType() && isFloatSplat(mul.getY(), -1))
      return mul.getX();
    if (mul.getY().getType() == v.getType() && isFloatSplat(mul.getX(), -1))
      return mul.getY();
  }
  return {};
}

/// The constant c and the x of a single-use c * Relu(-x) (either order).
std::pair<DenseElementsAttr, Value> matchScaledNegRelu(Value v) {
  auto mul = singleUse<MulOp>(v);
  if (!mul)
    return {};
  for (auto [c, r] : {std::pair{mul.getX(), mul.getY()},
                      std::pair{mul.getY(), mul.getX()}}) {
    DenseElementsAttr attr;
    auto relu = singleUse<ReluOp>(r);
    if (!relu || r.getType() != mul.getType() ||
        !matchPattern(c, m_Constant(&attr)) ||
        !isa<FloatType>(attr.getElementType()))
      continue;
    if (Value x = matchNegated(relu.getX()))
      return {attr, x};
  }
  return {};
}

/// Sub(Relu(x), a * Relu(-x)) and Add/AddV2(Relu(x), c * Relu(-x)) (either
/// order) -> Prelu(x, a) / Prelu(x, -c).
struct FusePrelu : RewritePattern {
  FusePrelu(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    bool isSub = isa<SubOp>(op);
    if (!isSub && !isa<AddOp, AddV2Op>(op))
      return failure();
    auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!type || !type.hasStaticShape())
      return failure();
    SmallVector<std::pair<Value, Value>> orders = {
        {op->getOperand(0), op->getOperand(1)}};
    if (!isSub)
      orders.push_back({op->getOperand(1), op->getOperand(0)});
    for (auto [posValue, negValue] : orders) {
      auto pos = singleUse<ReluOp>(posValue);
      if (!pos || pos.getType() != type || pos.getX().getType() != type)
        continue;
      auto [alpha, x] = matchScaledNegRelu(negValue);
      if (!x || x != pos.getX())
        continue;
      // Sub: x > 0 ? x : -(a * -x) = a * x. Add: c * -x = (-c) * x.
      if (!isSub)
        alpha = alpha.mapValues(alpha.getElementType(),
                                [](const APFloat &f) {
                                  return (-f).bitcastToAPInt();
                                });
      rewriter.setInsertionPoint(op);
      Value alphaConst =
          ConstOp::create(rewriter, op->getLoc(), alpha.getType(), alpha);
      rewriter.replaceOpWithNewOp<PreluOp>(op, type, x, alphaConst);
      return success();
    }
    return failure();
  }
};

struct GraphFusePreluPass
    : graphc::impl::GraphFusePreluBase<GraphFusePreluPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FusePrelu>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError() << "graph-fuse-prelu: folding did not converge";
      signalPassFailure();
    }
  }
};
} // namespace

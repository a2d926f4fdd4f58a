//===- EinsumPatterns.cpp - graph.Einsum to linalg.generic ----------------===//
//
// An einsum is exactly a linalg.generic: one iteration dim per label,
// parallel where the output keeps it and reduction where it does not, each
// operand read through the map of its labels, the body a multiply-add into
// a zero-filled output. The tiling and vectorization passes then treat it
// like any other contraction.
//
//===----------------------------------------------------------------------===//
#include "LinalgBuilders.h"
#include "PatternUtils.h"

#include "Graph/EinsumEquation.h"
#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

struct EinsumLowering : GraphOpLowering<EinsumOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(EinsumOp op) const override {
    return checkComputeType(getStaticType(op.getOutput()).getElementType(),
                            /*floatOnly=*/false);
  }
  LogicalResult lower(EinsumOp op, EinsumOp::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    std::string error;
    // The verifier accepted the equation.
    EinsumEquation eq = *parseEinsumEquation(
        op.getEquation(), op.getInputs().size(), error);
    MLIRContext *ctx = rewriter.getContext();
    unsigned dims = eq.labels.size();
    auto mapOf = [&](const std::string &labels) {
      SmallVector<AffineExpr> exprs;
      for (char c : labels)
        exprs.push_back(getAffineDimExpr(eq.dimOf(c), ctx));
      return AffineMap::get(dims, 0, exprs, ctx);
    };
    SmallVector<AffineMap> maps;
    for (const std::string &labels : eq.inputs)
      maps.push_back(mapOf(labels));
    maps.push_back(mapOf(eq.output));
    SmallVector<utils::IteratorType> iterators;
    for (char c : eq.labels)
      iterators.push_back(eq.output.find(c) == std::string::npos
                              ? utils::IteratorType::reduction
                              : utils::IteratorType::parallel);

    RankedTensorType result = getStaticType(op.getOutput());
    Type element = result.getElementType();
    bool isFloat = isa<FloatType>(element);
    Value init = createFilled(rewriter, op.getLoc(), result,
                              getScalarAttr(element, 0));
    auto generic = linalg::GenericOp::create(
        rewriter, op.getLoc(), TypeRange{result}, adaptor.getInputs(),
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          Value product = args[0];
          for (Value v : args.drop_front().drop_back())
            product = isFloat ? arith::MulFOp::create(b, loc, product, v)
                              : arith::MulIOp::create(b, loc, product, v)
                                    .getResult();
          Value sum =
              isFloat
                  ? arith::AddFOp::create(b, loc, args.back(), product)
                        .getResult()
                  : arith::AddIOp::create(b, loc, args.back(), product)
                        .getResult();
          linalg::YieldOp::create(b, loc, sum);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void populateEinsumPatterns(RewritePatternSet &patterns) {
  patterns.add<EinsumLowering>(patterns.getContext());
}

} // namespace graphc::graph_to_linalg

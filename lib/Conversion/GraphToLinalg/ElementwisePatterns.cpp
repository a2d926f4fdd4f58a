//===- ElementwisePatterns.cpp - graph elementwise ops to linalg.generic --===//
//
// Unary activations, numpy-broadcasting binary arithmetic and BiasAdd, each
// as one all-parallel linalg.generic whose indexing maps do the broadcasting
// (no materialized broadcast tensors), so later fusion sees plain
// elementwise producers and consumers.
//
// Numerics follow TF without fast-math flags: Relu is arith.maximumf, which
// propagates NaN like TF's Relu; Sigmoid is 1 / (1 + exp(-x)), which
// saturates to exactly 0 and 1 instead of producing NaN; integers wrap.
// Add, Sub, Mul, BiasAdd, Relu and Relu6 take TF's unsigned integers too
// (two's-complement wrapping is the same for both signednesses).
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <type_traits>

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

//===----------------------------------------------------------------------===//
// Scalar bodies
//===----------------------------------------------------------------------===//

/// max(x, 0): arith.maximumf propagates NaN, as TF's Relu does. Unsigned
/// integers are their own Relu.
Value buildRelu(OpBuilder &b, Location loc, Value x, bool isUnsigned) {
  Value zero = createScalar(b, loc, x.getType(), 0);
  if (isa<FloatType>(x.getType()))
    return arith::MaximumFOp::create(b, loc, x, zero);
  if (isUnsigned)
    return x;
  return arith::MaxSIOp::create(b, loc, x, zero);
}

/// min(max(x, 0), 6).
Value buildRelu6(OpBuilder &b, Location loc, Value x, bool isUnsigned) {
  Value six = createScalar(b, loc, x.getType(), 6);
  Value relu = buildRelu(b, loc, x, isUnsigned);
  if (isa<FloatType>(x.getType()))
    return arith::MinimumFOp::create(b, loc, relu, six);
  if (isUnsigned)
    return arith::MinUIOp::create(b, loc, relu, six);
  return arith::MinSIOp::create(b, loc, relu, six);
}

Value buildSigmoidBody(OpBuilder &b, Location loc, Value x, bool) {
  return buildSigmoid(b, loc, x);
}

Value buildTanh(OpBuilder &b, Location loc, Value x, bool) {
  return math::TanhOp::create(b, loc, x);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// Builds the scalar result from the operand element; the flag says the
/// graph's element type is unsigned.
using UnaryBody = Value (*)(OpBuilder &, Location, Value, bool);

/// "" if elementwise arithmetic handles `element`: floats, and integers wider
/// than i1 when `allowInt`.
std::string checkArithType(Type element, bool allowInt) {
  if (isSupportedFloat(element) || (allowInt && isComputeType(element)))
    return "";
  return describeElementType(element) + " is not supported" +
         (allowInt ? "" : " (floating-point only)");
}

/// A unary activation -> one linalg.generic applying `Body`.
/// `AllowInt`: the op is also defined on integers, signed and unsigned.
template <typename OpTy, UnaryBody Body, bool AllowInt>
struct UnaryLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return AllowInt; }
  std::string check(OpTy op) const override {
    return checkArithType(getStaticType(op.getY()).getElementType(), AllowInt);
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    bool isUnsigned = isUnsignedElement(op.getX());
    Value result = createElementwise(
        rewriter, op.getLoc(), getStaticType(op.getY()), {adaptor.getX()},
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return Body(b, loc, args[0], isUnsigned);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A broadcasting binary op -> one linalg.generic. `FloatOp` computes it on
/// floats, `IntOp` on integers of either signedness (void: not defined on
/// integers).
template <typename OpTy, typename FloatOp, typename IntOp>
struct BinaryLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return !std::is_void_v<IntOp>; }
  std::string check(OpTy op) const override {
    return checkArithType(getStaticType(op.getZ()).getElementType(),
                          /*allowInt=*/!std::is_void_v<IntOp>);
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getZ());
    bool isFloat = isSupportedFloat(resultType.getElementType());
    Value result = createElementwise(
        rewriter, op.getLoc(), resultType, {adaptor.getX(), adaptor.getY()},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if constexpr (!std::is_void_v<IntOp>)
            if (!isFloat)
              return IntOp::create(b, loc, args[0], args[1]);
          return FloatOp::create(b, loc, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// BiasAdd: value + bias, with the 1-D bias indexed by the channel dim (the
/// last one for NHWC, dim 1 for NCHW of rank >= 3).
struct BiasAddLowering : GraphOpLowering<BiasAddOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(BiasAddOp op) const override {
    return checkArithType(getStaticType(op.getOutput()).getElementType(),
                          /*allowInt=*/true);
  }
  LogicalResult lower(BiasAddOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getOutput());
    bool isFloat = isSupportedFloat(resultType.getElementType());
    int64_t rank = resultType.getRank();
    int64_t channel = op.getDataFormat() == "NCHW" && rank >= 3 ? 1 : rank - 1;
    MLIRContext *ctx = rewriter.getContext();
    AffineMap valueMap = rewriter.getMultiDimIdentityMap(rank);
    AffineMap biasMap = AffineMap::get(rank, 0, getAffineDimExpr(channel, ctx));
    Value result = createGeneric(
        rewriter, op.getLoc(), resultType,
        {adaptor.getValue(), adaptor.getBias()}, {valueMap, biasMap},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if (isFloat)
            return arith::AddFOp::create(b, loc, args[0], args[1]);
          return arith::AddIOp::create(b, loc, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateElementwisePatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<UnaryLowering<ReluOp, buildRelu, /*AllowInt=*/true>,
               UnaryLowering<Relu6Op, buildRelu6, /*AllowInt=*/true>,
               UnaryLowering<SigmoidOp, buildSigmoidBody, /*AllowInt=*/false>,
               UnaryLowering<TanhOp, buildTanh, /*AllowInt=*/false>>(ctx);
  patterns.add<BinaryLowering<AddOp, arith::AddFOp, arith::AddIOp>,
               BinaryLowering<AddV2Op, arith::AddFOp, arith::AddIOp>,
               BinaryLowering<SubOp, arith::SubFOp, arith::SubIOp>,
               BinaryLowering<MulOp, arith::MulFOp, arith::MulIOp>,
               // TF's CPU RealDiv kernel is registered for floats only.
               BinaryLowering<RealDivOp, arith::DivFOp, void>>(ctx);
  patterns.add<BiasAddLowering>(ctx);
}

} // namespace graphc::graph_to_linalg

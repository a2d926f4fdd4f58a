//===- ShapePatterns.cpp - graph constants, identities and reshapes -------===//
//
// The ops that move no data, or only relabel it: Const becomes
// arith.constant, the identity family forwards its operand, and a static
// Reshape becomes tensor.collapse_shape / tensor.expand_shape (row-major order
// is what both TF and these ops preserve).
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

/// `value` as `type`: a tensor.cast only if the types differ (they do not
/// once shapes are static; this keeps the IR valid if a refined type slips
/// through).
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// `value` with unsigned integer elements retyped as signless of the same
/// width (same bits; arith.constant takes only signless integers).
TypedAttr getSignlessValue(TypedAttr value) {
  auto type = cast<ShapedType>(value.getType());
  auto signless = cast<ShapedType>(getSignlessType(type));
  if (signless == type)
    return value;
  if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(value))
    return dense.bitcast(signless.getElementType());
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    return DenseResourceElementsAttr::get(signless, resource.getRawHandle());
  return value;
}

/// graph.Const -> arith.constant with the same ElementsAttr (retyped as
/// signless for TF's unsigned dtypes).
struct ConstLowering : GraphOpLowering<ConstOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(ConstOp op) const override {
    auto value = dyn_cast<TypedAttr>(op.getValue());
    if (!value || value.getType() != op.getType())
      return "the value's type differs from the result type";
    return "";
  }
  LogicalResult lower(ConstOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto value = getSignlessValue(cast<TypedAttr>(op.getValue()));
    // A large splat (one value over a big shape, which a 1 KB GraphDef
    // can declare) is filled at run time: as an arith.constant it would
    // become that many bytes of .rodata in the library.
    auto dense = dyn_cast<DenseElementsAttr>(value);
    if (dense && dense.isSplat() && dense.getType().hasStaticShape() &&
        dense.getNumElements() * std::max<int64_t>(
            dense.getElementType().getIntOrFloatBitWidth() / 8, 1) >
            kMaxSplatConstantBytes) {
      rewriter.replaceOp(
          op, createFilled(rewriter, op.getLoc(),
                           cast<RankedTensorType>(dense.getType()),
                           cast<TypedAttr>(dense.getSplatValue<Attribute>())));
      return success();
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
  /// Bytes above which a splat constant becomes a linalg.fill.
  static constexpr int64_t kMaxSplatConstantBytes = 4096;
};

/// Identity, StopGradient, Snapshot, PlaceholderWithDefault (not fed): the
/// result is the operand.
template <typename OpTy> struct ForwardLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, castTo(rewriter, op.getLoc(), adaptor.getInput(),
                   getStaticType(op->getResult(0))));
    return success();
  }
};

/// IdentityN: every result is the matching operand.
struct IdentityNLowering : GraphOpLowering<IdentityNOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(IdentityNOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> results;
    for (auto [in, out] : llvm::zip(adaptor.getInput(), op.getOutput()))
      results.push_back(castTo(rewriter, op.getLoc(), in, getStaticType(out)));
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// NoOp only carried control dependencies, which have no meaning once the
/// graph is a function: erase it.
struct NoOpLowering : GraphOpLowering<NoOpOp> {
  using GraphOpLowering::GraphOpLowering;
  LogicalResult lower(NoOpOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    rewriter.eraseOp(op);
    return success();
  }
};

/// Reshape with a static result type: the `shape` operand has already done
/// its job (shape inference); only the result type matters.
struct ReshapeLowering : GraphOpLowering<ReshapeOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(ReshapeOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getOutput());
    auto inputType = getStaticType(adaptor.getTensor());
    if (inputType.getNumElements() != resultType.getNumElements())
      return rewriter.notifyMatchFailure(op, "element counts differ");
    rewriter.replaceOp(op,
                       createStaticReshape(rewriter, op.getLoc(),
                                           adaptor.getTensor(), resultType));
    return success();
  }
};

} // namespace

void populateShapePatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ConstLowering, IdentityNLowering, NoOpLowering, ReshapeLowering,
               ForwardLowering<IdentityOp>, ForwardLowering<StopGradientOp>,
               ForwardLowering<SnapshotOp>,
               ForwardLowering<PlaceholderWithDefaultOp>>(ctx);
}

} // namespace graphc::graph_to_linalg

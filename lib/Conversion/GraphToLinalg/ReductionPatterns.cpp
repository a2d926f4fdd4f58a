//===- ReductionPatterns.cpp - Softmax and Mean to linalg.reduce ----------===//
//
// Reductions are linalg.reduce ops (so the back end sees named reductions it
// can tile) followed by elementwise linalg.generic epilogues that read the
// reduced tensor through a broadcasting map.
//
// Softmax is TF's stable form: m = max(x), e = exp(x - m), e / sum(e), over
// the last dim. Mean sums then divides by the element count, like TF's
// MeanReducer; it accumulates f16/bf16 in f32 and narrow integers in i64 (as
// TF does to avoid overflow) and divides integers with truncation.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

/// Softmax over the last dim: max-reduce, exp(x - max), sum-reduce, divide.
struct SoftmaxLowering : GraphOpLowering<SoftmaxOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(SoftmaxOp op) const override {
    auto type = getStaticType(op.getSoftmax());
    if (!isSupportedFloat(type.getElementType()))
      return describeElementType(type.getElementType()) +
             " is not supported (floating-point only)";
    if (type.getRank() < 1)
      return "logits must have rank >= 1";
    return "";
  }
  LogicalResult lower(SoftmaxOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto type = getStaticType(op.getSoftmax());
    Type element = type.getElementType();
    Location loc = op.getLoc();
    int64_t rank = type.getRank();
    SmallVector<int64_t> lastDim = {rank - 1};
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reduced = getReducedMap(rank, lastDim, rewriter.getContext());

    Value logits = adaptor.getLogits();
    Value max = createReduce(
        rewriter, loc, logits, lastDim, element, getLowestAttr(element),
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          return arith::MaximumFOp::create(b, l, x, acc);
        });
    Value exps =
        createGeneric(rewriter, loc, type, {logits, max}, {identity, reduced},
                      [](OpBuilder &b, Location l, ValueRange args) -> Value {
                        Value shifted =
                            arith::SubFOp::create(b, l, args[0], args[1]);
                        return math::ExpOp::create(b, l, shifted);
                      });
    Value sum = createReduce(
        rewriter, loc, exps, lastDim, element, getScalarAttr(element, 0),
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          return arith::AddFOp::create(b, l, x, acc);
        });
    Value result =
        createGeneric(rewriter, loc, type, {exps, sum}, {identity, reduced},
                      [](OpBuilder &b, Location l, ValueRange args) -> Value {
                        return arith::DivFOp::create(b, l, args[0], args[1]);
                      });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The constant reduction axes of a Mean, normalized to [0, rank), sorted and
/// deduplicated. `adapted` (may be null) is the converted operand, tried when
/// the original no longer folds to a constant during the conversion.
FailureOr<SmallVector<int64_t>> getReductionAxes(Value original, Value adapted,
                                                 int64_t rank) {
  DenseIntElementsAttr attr;
  if ((!matchPattern(original, m_Constant(&attr)) &&
       !(adapted && matchPattern(adapted, m_Constant(&attr)))) ||
      attr.getNumElements() > kMaxLoweringTable)
    return failure();
  SmallVector<int64_t> axes;
  for (const APInt &value : attr.getValues<APInt>()) {
    int64_t axis = value.getSExtValue();
    if (axis < -rank || axis >= rank)
      return failure();
    axes.push_back(axis < 0 ? axis + rank : axis);
  }
  llvm::sort(axes);
  axes.erase(llvm::unique(axes), axes.end());
  return axes;
}

/// Mean over constant reduction_indices: linalg.reduce sum (in a wider
/// accumulator for narrow types), a generic dividing by the count, and a
/// tensor.expand_shape back to rank when keep_dims. Integers (unsigned
/// ones zero-extended) are summed in i64, as TF's sum does not wrap.
struct MeanLowering : GraphOpLowering<MeanOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(MeanOp op) const override {
    auto inputType = getStaticType(op.getInput());
    if (!isComputeType(inputType.getElementType()))
      return describeElementType(inputType.getElementType()) +
             " is not supported";
    if (failed(getReductionAxes(op.getReductionIndices(), Value(),
                                inputType.getRank())))
      return "reduction_indices must be constants in [-rank, rank)";
    return "";
  }
  LogicalResult lower(MeanOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto inputType = getStaticType(adaptor.getInput());
    auto resultType = getStaticType(op.getOutput());
    Type element = inputType.getElementType();
    bool isFloat = isSupportedFloat(element);
    bool isUnsigned = isUnsignedElement(op.getInput());
    FailureOr<SmallVector<int64_t>> axes =
        getReductionAxes(op.getReductionIndices(),
                         adaptor.getReductionIndices(), inputType.getRank());
    if (failed(axes))
      return rewriter.notifyMatchFailure(op, "non-constant reduction indices");

    Location loc = op.getLoc();
    Type accumulator = element;
    if (isFloat && element.getIntOrFloatBitWidth() < 32)
      accumulator = rewriter.getF32Type();
    else if (!isFloat)
      accumulator = rewriter.getI64Type();
    int64_t count = 1;
    for (int64_t axis : *axes)
      count *= inputType.getDimSize(axis);

    Value sum = createReduce(
        rewriter, loc, adaptor.getInput(), *axes, accumulator,
        getScalarAttr(accumulator, 0),
        [&](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          if (isFloat) {
            if (x.getType() != accumulator)
              x = arith::ExtFOp::create(b, l, accumulator, x);
            return arith::AddFOp::create(b, l, x, acc);
          }
          if (x.getType() != accumulator && isUnsigned)
            x = arith::ExtUIOp::create(b, l, accumulator, x);
          else if (x.getType() != accumulator)
            x = arith::ExtSIOp::create(b, l, accumulator, x);
          return arith::AddIOp::create(b, l, x, acc);
        });

    // Integers: a mean over nothing is 0 (sum 0), not a division by zero.
    double divisor = isFloat ? count : std::max<int64_t>(count, 1);
    RankedTensorType reducedType = dropDims(inputType, *axes, element);
    Value mean = createElementwise(
        rewriter, loc, reducedType, {sum},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value n = createScalar(b, l, accumulator, divisor);
          if (isFloat) {
            Value q = arith::DivFOp::create(b, l, args[0], n);
            if (accumulator != element)
              q = arith::TruncFOp::create(b, l, element, q);
            return q;
          }
          Value q = isUnsigned
                        ? Value(arith::DivUIOp::create(b, l, args[0], n))
                        : Value(arith::DivSIOp::create(b, l, args[0], n));
          if (accumulator != element)
            q = arith::TruncIOp::create(b, l, element, q);
          return q;
        });
    rewriter.replaceOp(op,
                       createStaticReshape(rewriter, loc, mean, resultType));
    return success();
  }
};

} // namespace

void populateReductionPatterns(RewritePatternSet &patterns) {
  patterns.add<SoftmaxLowering, MeanLowering>(patterns.getContext());
}

} // namespace graphc::graph_to_linalg

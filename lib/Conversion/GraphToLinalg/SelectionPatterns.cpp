//===- SelectionPatterns.cpp - TopKV2 and NonMaxSuppression to scf loops --===//
//
// TopKV2 has no upstream linalg counterpart (linalg has no sort or top-k
// op; IREE's iree_linalg_ext.topk is not in MLIR), so it is built from
// upstream pieces: an scf.for over the k output slots whose body is one
// linalg.generic reducing each row to its next (value, index) pair.
//
// (value desc, index asc) is a strict total order on a row's elements (for
// non-NaN values), the order TF's result has: the first slot holds the
// greatest pair, and slot p + 1 the greatest pair that comes after the one
// in slot p in that order. So each pass needs only the previous pick, no
// "already taken" mask: an element is eligible if it comes after the
// previous pick, and wins if it is greater than the best so far. That is
// k passes over n elements (O(k n)), fine for the small k of classifier
// heads and detector pre-NMS selection. NaN inputs give an unspecified
// order, as in TF.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

/// The greatest value of a float or (un)signed integer type: +inf or the
/// integer maximum.
TypedAttr getHighestAttr(Type type, bool isUnsigned) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return FloatAttr::get(type, APFloat::getInf(floatType.getFloatSemantics()));
  unsigned width = type.getIntOrFloatBitWidth();
  return IntegerAttr::get(type, isUnsigned ? APInt::getMaxValue(width)
                                           : APInt::getSignedMaxValue(width));
}

/// The least value: -inf, or the integer minimum.
TypedAttr getLeastAttr(Type type, bool isUnsigned) {
  if (isa<FloatType>(type))
    return getLowestAttr(type);
  unsigned width = type.getIntOrFloatBitWidth();
  return IntegerAttr::get(type, isUnsigned ? APInt::getMinValue(width)
                                           : APInt::getSignedMinValue(width));
}

/// Builds `a > b`, `a == b` and TF's (value desc, index asc) order for the
/// element type (ordered float predicates; signed or unsigned integer ones).
struct ValueOrder {
  bool isUnsigned;
  Value greater(OpBuilder &b, Location loc, Value x, Value y) const {
    if (isa<FloatType>(x.getType()))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, y);
    return arith::CmpIOp::create(
        b, loc,
        isUnsigned ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt, x,
        y);
  }
  Value equal(OpBuilder &b, Location loc, Value x, Value y) const {
    if (isa<FloatType>(x.getType()))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, x, y);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, y);
  }
  /// (x, i) comes before (y, j) in TF's order: x > y, or x == y and i < j.
  Value before(OpBuilder &b, Location loc, Value x, Value i, Value y,
               Value j) const {
    Value lowerIndex =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, j);
    return arith::OrIOp::create(
        b, loc, greater(b, loc, x, y),
        arith::AndIOp::create(b, loc, equal(b, loc, x, y), lowerIndex));
  }
};

/// TopKV2 with a constant k -> scf.for over the k slots, each one
/// linalg.generic reduction of the rows (see the file comment), its pair
/// inserted into the [..., k] results with tensor.insert_slice.
struct TopKV2Lowering : GraphOpLowering<TopKV2Op> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(TopKV2Op op) const override {
    Type element = getStaticType(op.getInput()).getElementType();
    if (!isComputeType(element))
      return describeElementType(element) + " is not supported";
    auto k = getConstantInts(op.getK());
    if (!k || k->size() != 1)
      return "k must be a constant";
    // Empty results: upstream's bare-pointer calling convention
    // (func-to-llvm) refuses a memref argument with a zero-size dim.
    if ((*k)[0] == 0)
      return "k = 0 (empty results) is not supported";
    return "";
  }
  LogicalResult lower(TopKV2Op op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType inType = getStaticType(input);
    RankedTensorType valuesType = getStaticType(op.getValues());
    RankedTensorType indicesType = getStaticType(op.getIndices());
    Type element = inType.getElementType();
    Type indexElement = indicesType.getElementType();
    int64_t rank = inType.getRank();
    int64_t n = inType.getShape().back();
    int64_t k = valuesType.getShape().back();
    bool isUnsigned = isUnsignedElement(op.getInput());
    ValueOrder order{isUnsigned};

    // The per-row pair types: the input's shape without its last dim.
    RankedTensorType rowValues = dropDims(inType, {rank - 1}, element);
    RankedTensorType rowIndices = dropDims(inType, {rank - 1}, indexElement);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap row = getReducedMap(rank, {rank - 1}, ctx);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;

    // Before the first slot the "previous pick" is (+inf, -1): every
    // element comes after it.
    Value values = createEmpty(rewriter, loc, valuesType);
    Value indices = createEmpty(rewriter, loc, indicesType);
    Value previousValue = createFilled(rewriter, loc, rowValues,
                                       getHighestAttr(element, isUnsigned));
    Value previousIndex = createFilled(rewriter, loc, rowIndices,
                                       getScalarAttr(indexElement, -1));
    Value lower = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value upper = arith::ConstantIndexOp::create(rewriter, loc, k);
    Value step = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, lower, upper, step,
        ValueRange{values, indices, previousValue, previousIndex},
        [&](OpBuilder &b, Location l, Value slot, ValueRange carried) {
          // The best pair after the previous pick, starting from (least, n)
          // so that any eligible element beats it.
          Value bestValue = createFilled(b, l, rowValues,
                                         getLeastAttr(element, isUnsigned));
          Value bestIndex = createFilled(b, l, rowIndices,
                                         getScalarAttr(indexElement, n));
          auto generic = linalg::GenericOp::create(
              b, l, TypeRange{rowValues, rowIndices},
              ValueRange{input, carried[2], carried[3]},
              ValueRange{bestValue, bestIndex},
              SmallVector<AffineMap>{identity, row, row, row, row}, iterators,
              [&](OpBuilder &nb, Location nl, ValueRange args) {
                Value x = args[0], prevValue = args[1], prevIndex = args[2];
                Value best = args[3], bestAt = args[4];
                Value i = arith::IndexCastOp::create(
                    nb, nl, indexElement,
                    linalg::IndexOp::create(nb, nl, rank - 1));
                // eligible: (prevValue, prevIndex) comes before (x, i);
                // better: (x, i) comes before (best, bestAt).
                Value eligible =
                    order.before(nb, nl, prevValue, prevIndex, x, i);
                Value better = order.before(nb, nl, x, i, best, bestAt);
                Value take = arith::AndIOp::create(nb, nl, eligible, better);
                linalg::YieldOp::create(
                    nb, nl,
                    ValueRange{arith::SelectOp::create(nb, nl, take, x, best),
                               arith::SelectOp::create(nb, nl, take, i,
                                                       bestAt)});
              });
          // Insert the pairs as column `slot` of the results.
          SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
          offsets.back() = slot;
          SmallVector<OpFoldResult> sizes;
          for (int64_t d : valuesType.getShape().drop_back())
            sizes.push_back(b.getIndexAttr(d));
          sizes.push_back(b.getIndexAttr(1));
          SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
          Value newValues = tensor::InsertSliceOp::create(
              b, l, generic.getResult(0), carried[0], offsets, sizes, strides);
          Value newIndices = tensor::InsertSliceOp::create(
              b, l, generic.getResult(1), carried[1], offsets, sizes, strides);
          scf::YieldOp::create(b, l,
                               ValueRange{newValues, newIndices,
                                          generic.getResult(0),
                                          generic.getResult(1)});
        });
    rewriter.replaceOp(op, {loop.getResult(0), loop.getResult(1)});
    return success();
  }
};

/// TF's IOU (non_max_suppression_op.cc), in float, op for op: each box's
/// corners ordered by min/max, 0 when either area is not positive.
struct IouBox {
  Value ymin, xmin, ymax, xmax, area;
  static IouBox load(OpBuilder &b, Location loc, Value boxes, Value row) {
    Value c[4];
    for (int k = 0; k < 4; ++k)
      c[k] = tensor::ExtractOp::create(
          b, loc, boxes,
          ValueRange{row, arith::ConstantIndexOp::create(b, loc, k)});
    IouBox box;
    box.ymin = arith::MinimumFOp::create(b, loc, c[0], c[2]);
    box.xmin = arith::MinimumFOp::create(b, loc, c[1], c[3]);
    box.ymax = arith::MaximumFOp::create(b, loc, c[0], c[2]);
    box.xmax = arith::MaximumFOp::create(b, loc, c[1], c[3]);
    box.area = arith::MulFOp::create(
        b, loc, arith::SubFOp::create(b, loc, box.ymax, box.ymin),
        arith::SubFOp::create(b, loc, box.xmax, box.xmin));
    return box;
  }
};

/// IOU(i, j) > threshold, as TF computes it.
Value overlapsMore(OpBuilder &b, Location loc, const IouBox &i,
                   const IouBox &j, Value threshold) {
  Type f32 = b.getF32Type();
  Value zero = arith::ConstantOp::create(b, loc, b.getFloatAttr(f32, 0.0));
  auto max = [&](Value x, Value y) {
    return arith::MaximumFOp::create(b, loc, x, y);
  };
  auto min = [&](Value x, Value y) {
    return arith::MinimumFOp::create(b, loc, x, y);
  };
  Value height = arith::SubFOp::create(b, loc, min(i.ymax, j.ymax),
                                       max(i.ymin, j.ymin));
  Value width = arith::SubFOp::create(b, loc, min(i.xmax, j.xmax),
                                      max(i.xmin, j.xmin));
  Value intersection = arith::MulFOp::create(b, loc, max(height, zero),
                                             max(width, zero));
  Value iou = arith::DivFOp::create(
      b, loc, intersection,
      arith::SubFOp::create(b, loc,
                            arith::AddFOp::create(b, loc, i.area, j.area),
                            intersection));
  auto ole = [&](Value x) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, x, zero);
  };
  Value empty = arith::OrIOp::create(b, loc, ole(i.area), ole(j.area));
  Value over =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, iou, threshold);
  Value notEmpty = arith::XOrIOp::create(
      b, loc, empty,
      arith::ConstantOp::create(b, loc, b.getBoolAttr(true)));
  return arith::AndIOp::create(b, loc, notEmpty, over);
}

/// A float scalar tensor's value as f32.
Value extractF32(OpBuilder &b, Location loc, Value scalar) {
  Value v = tensor::ExtractOp::create(b, loc, scalar, ValueRange{});
  if (v.getType().isF32())
    return v;
  if (v.getType().getIntOrFloatBitWidth() < 32)
    return arith::ExtFOp::create(b, loc, b.getF32Type(), v);
  return arith::TruncFOp::create(b, loc, b.getF32Type(), v);
}

/// NonMaxSuppressionV4/V5 with hard suppression, padded (with
/// pad_to_max_output_size and a constant max_output_size) -> an scf.for
/// over the N candidates. Each step picks the next candidate in TF's
/// (score desc, index asc) order, as TopKV2 does (an inner loop over the
/// scores after the previous pick), and keeps it when its score is above
/// score_threshold, fewer than max_output_size are kept, and its IoU with
/// every kept box is at most iou_threshold: TF's greedy algorithm, with
/// its priority queue replaced by the O(N) pick (O(N^2) in all, fine for
/// the few hundred boxes a detector hands NMS). TF pads with index 0 and
/// score 0. Upstream MLIR has no NMS (IREE's and XLA's are their own).
template <typename OpTy>
struct NonMaxSuppressionLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  using OpAdaptor = typename OpTy::Adaptor;
  bool explainsDynamicResults() const override { return true; }
  std::string check(OpTy op) const override {
    if (!op.getPaddedSize())
      return "how many boxes it keeps depends on the data, and graphc "
             "compiles static shapes; NonMaxSuppressionV4/V5 with "
             "pad_to_max_output_size=True and a constant max_output_size "
             "compile";
    Type element = elementOf(op->getOperand(0));
    if (!element.isF32())
      return describeElementType(element) +
             " boxes are not supported (float32 only)";
    if (op->getNumOperands() > 5) {
      DenseFPElementsAttr sigma;
      if (!matchPattern(op->getOperand(5), m_Constant(&sigma)) ||
          !(*sigma.template getValues<APFloat>().begin()).isZero())
        return "soft-NMS (soft_nms_sigma other than a constant 0) is not "
               "supported";
    }
    return "";
  }
  LogicalResult lower(OpTy op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange operands = adaptor.getOperands();
    Value boxes = operands[0], scores = operands[1];
    int64_t n = getStaticType(boxes).getDimSize(0);
    int64_t m = *op.getPaddedSize();
    bool withScores = op->getNumResults() == 3;
    Type f32 = rewriter.getF32Type(), i32 = rewriter.getI32Type();
    Value iouThreshold = extractF32(rewriter, loc, operands[3]);
    Value scoreThreshold =
        operands.size() > 4
            ? extractF32(rewriter, loc, operands[4])
            : arith::ConstantOp::create(rewriter, loc, getLowestAttr(f32))
                  .getResult();
    auto index = [&](OpBuilder &b, int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    auto i32Const = [&](OpBuilder &b, int64_t v) -> Value {
      return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
    };
    ValueOrder order{false};

    SmallVector<Value> init = {
        createFilled(rewriter, loc, RankedTensorType::get({m}, i32),
                     getScalarAttr(i32, 0)),
        createFilled(rewriter, loc, RankedTensorType::get({m}, f32),
                     getScalarAttr(f32, 0)),
        index(rewriter, 0),
        arith::ConstantOp::create(rewriter, loc,
                                  getHighestAttr(f32, /*isUnsigned=*/false)),
        i32Const(rewriter, -1)};
    auto loop = scf::ForOp::create(
        rewriter, loc, index(rewriter, 0), index(rewriter, n),
        index(rewriter, 1), init,
        [&](OpBuilder &b, Location l, Value, ValueRange carried) {
          Value kept = carried[0], keptScores = carried[1];
          Value count = carried[2];
          // The next candidate after (previous score, previous index).
          auto pick = scf::ForOp::create(
              b, l, index(b, 0), index(b, n), index(b, 1),
              ValueRange{arith::ConstantOp::create(
                             b, l, getLeastAttr(f32, false)),
                         i32Const(b, n)},
              [&](OpBuilder &nb, Location nl, Value i, ValueRange best) {
                Value s = tensor::ExtractOp::create(nb, nl, scores, i);
                Value ii = arith::IndexCastOp::create(nb, nl, i32, i);
                Value eligible =
                    order.before(nb, nl, carried[3], carried[4], s, ii);
                Value better = order.before(nb, nl, s, ii, best[0], best[1]);
                Value take = arith::AndIOp::create(nb, nl, eligible, better);
                Value score = arith::SelectOp::create(nb, nl, take, s, best[0]);
                Value at = arith::SelectOp::create(nb, nl, take, ii, best[1]);
                scf::YieldOp::create(nb, nl, ValueRange{score, at});
              });
          Value score = pick.getResult(0), candidate = pick.getResult(1);
          Value found = arith::AndIOp::create(
              b, l,
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt,
                                    candidate, i32Const(b, n)),
              arith::AndIOp::create(
                  b, l,
                  arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT,
                                        score, scoreThreshold),
                  arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt,
                                        count, index(b, m))));
          auto keep = scf::IfOp::create(
              b, l, found,
              [&](OpBuilder &tb, Location tl) {
                Value row = arith::IndexCastOp::create(
                    tb, tl, tb.getIndexType(), candidate);
                IouBox box = IouBox::load(tb, tl, boxes, row);
                // Suppressed when it overlaps a kept box too much.
                auto suppressed = scf::ForOp::create(
                    tb, tl, index(tb, 0), count, index(tb, 1),
                    ValueRange{arith::ConstantOp::create(
                        tb, tl, tb.getBoolAttr(false))},
                    [&](OpBuilder &sb, Location sl, Value j, ValueRange any) {
                      Value other = arith::IndexCastOp::create(
                          sb, sl, sb.getIndexType(),
                          tensor::ExtractOp::create(sb, sl, kept, j));
                      Value over = overlapsMore(
                          sb, sl, box, IouBox::load(sb, sl, boxes, other),
                          iouThreshold);
                      scf::YieldOp::create(
                          sb, sl, ValueRange{arith::OrIOp::create(
                                      sb, sl, any[0], over)});
                    });
                auto add = scf::IfOp::create(
                    tb, tl, suppressed.getResult(0),
                    [&](OpBuilder &eb, Location el) {
                      scf::YieldOp::create(
                          eb, el, ValueRange{kept, keptScores, count});
                    },
                    [&](OpBuilder &eb, Location el) {
                      Value k = tensor::InsertOp::create(eb, el, candidate,
                                                         kept, count);
                      Value ks = tensor::InsertOp::create(eb, el, score,
                                                          keptScores, count);
                      Value c = arith::AddIOp::create(eb, el, count,
                                                      index(eb, 1));
                      scf::YieldOp::create(eb, el, ValueRange{k, ks, c});
                    });
                scf::YieldOp::create(tb, tl, add.getResults());
              },
              [&](OpBuilder &eb, Location el) {
                scf::YieldOp::create(eb, el,
                                     ValueRange{kept, keptScores, count});
              });
          SmallVector<Value> next(keep.getResults());
          next.push_back(score);
          next.push_back(candidate);
          scf::YieldOp::create(b, l, next);
        });
    Value valid = tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, i32),
        ValueRange{arith::IndexCastOp::create(rewriter, loc, i32,
                                              loop.getResult(2))});
    SmallVector<Value> results = {loop.getResult(0)};
    if (withScores)
      results.push_back(loop.getResult(1));
    results.push_back(valid);
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void populateSelectionPatterns(RewritePatternSet &patterns) {
  // V2/V3 never have static outputs: left unsupported, listed by name.
  patterns.add<TopKV2Lowering, NonMaxSuppressionLowering<NonMaxSuppressionV4Op>,
               NonMaxSuppressionLowering<NonMaxSuppressionV5Op>>(
      patterns.getContext());
}

} // namespace graphc::graph_to_linalg

//===- SelectionPatterns.cpp - TopKV2 to an scf.for of linalg reductions --===//
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
    // Empty results: graphc's codegen does not compile all-empty outputs.
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

} // namespace

void populateSelectionPatterns(RewritePatternSet &patterns) {
  patterns.add<TopKV2Lowering>(patterns.getContext());
}

} // namespace graphc::graph_to_linalg

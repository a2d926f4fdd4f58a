//===- PatternUtils.cpp - helpers shared by the graph-to-linalg patterns --===//
//
// Builders every pattern family uses: empty and filled tensors, broadcasting
// linalg.generic ops, transposes, static reshapes and padding, plus TF's SAME
// padding rule. Kept in one place so that, e.g., numpy broadcasting means the
// same thing for Add and for the Softmax/Mean epilogues.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "llvm/ADT/APFloat.h"

using namespace mlir;

namespace graphc::graph_to_linalg {

std::string describeElementType(Type type) {
  std::string text = "element type ";
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

bool isSupportedFloat(Type type) {
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}

bool isSupportedInteger(Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  if (!intType || !intType.isSignless())
    return false;
  return llvm::is_contained({1u, 8u, 16u, 32u, 64u}, intType.getWidth());
}

Type getSignlessType(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.clone(getSignlessType(shaped.getElementType()));
  if (auto intType = dyn_cast<IntegerType>(type); intType && intType.isUnsigned())
    return IntegerType::get(type.getContext(), intType.getWidth());
  return type;
}

bool isUnsignedElement(Value value) {
  return getElementTypeOrSelf(value.getType()).isUnsignedInteger();
}

TypedAttr getScalarAttr(Type type, double value) {
  if (isa<FloatType>(type))
    return FloatAttr::get(type, value);
  return IntegerAttr::get(type, static_cast<int64_t>(value));
}

TypedAttr getLowestAttr(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return FloatAttr::get(type,
                          llvm::APFloat::getInf(floatType.getFloatSemantics(),
                                                /*Negative=*/true));
  unsigned width = cast<IntegerType>(type).getWidth();
  return IntegerAttr::get(type, llvm::APInt::getSignedMinValue(width));
}

Value createScalar(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, getScalarAttr(type, value));
}

Value buildSigmoid(OpBuilder &b, Location loc, Value x) {
  Value one = createScalar(b, loc, x.getType(), 1);
  Value negated = arith::NegFOp::create(b, loc, x);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value denominator = arith::AddFOp::create(b, loc, one, exp);
  return arith::DivFOp::create(b, loc, one, denominator);
}

Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType());
}

Value createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                   TypedAttr value) {
  Value scalar = arith::ConstantOp::create(b, loc, value);
  Value empty = createEmpty(b, loc, type);
  return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{empty})
      .getResult(0);
}

AffineMap getBroadcastMap(RankedTensorType input, ArrayRef<int64_t> resultShape,
                          MLIRContext *ctx) {
  int64_t rank = input.getRank();
  int64_t resultRank = resultShape.size();
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t dim = i + resultRank - rank;
    if (input.getDimSize(i) == 1 && resultShape[dim] != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(dim, ctx));
  }
  return AffineMap::get(resultRank, /*symbolCount=*/0, exprs, ctx);
}

Value createGeneric(OpBuilder &b, Location loc, RankedTensorType resultType,
                    ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                    ScalarBuilder body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = createEmpty(b, loc, resultType);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

Value createElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                        ValueRange inputs, ScalarBuilder body) {
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(getBroadcastMap(getStaticType(input), resultType.getShape(),
                                   b.getContext()));
  return createGeneric(b, loc, resultType, inputs, maps, body);
}

RankedTensorType dropDims(RankedTensorType type, ArrayRef<int64_t> dims,
                          Type element) {
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (!llvm::is_contained(dims, i))
      shape.push_back(type.getDimSize(i));
  return RankedTensorType::get(shape, element);
}

AffineMap getReducedMap(int64_t rank, ArrayRef<int64_t> dims,
                        MLIRContext *ctx) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    if (!llvm::is_contained(dims, i))
      exprs.push_back(getAffineDimExpr(i, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value createReduce(
    OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims,
    Type accumulator, TypedAttr init,
    llvm::function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  RankedTensorType reducedType =
      dropDims(getStaticType(input), dims, accumulator);
  Value filled = createFilled(b, loc, reducedType, init);
  auto reduce = linalg::ReduceOp::create(
      b, loc, ValueRange{input}, ValueRange{filled}, dims,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = combine(nested, nestedLoc, args[0], args[1]);
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return reduce.getResult(0);
}

Value createTranspose(OpBuilder &b, Location loc, Value value,
                      ArrayRef<int64_t> perm) {
  RankedTensorType type = getStaticType(value);
  SmallVector<int64_t> shape;
  for (int64_t dim : perm)
    shape.push_back(type.getDimSize(dim));
  Value init =
      createEmpty(b, loc, RankedTensorType::get(shape, type.getElementType()));
  return linalg::TransposeOp::create(b, loc, value, init, perm).getResult()[0];
}

/// Reassociation grouping every dim of a `rank`-D tensor (rank >= 1) into one.
static SmallVector<ReassociationIndices> allInOne(int64_t rank) {
  ReassociationIndices group;
  for (int64_t i = 0; i < rank; ++i)
    group.push_back(i);
  return {group};
}

/// `value` (rank >= 1) as a 1-D tensor.
static Value flatten(OpBuilder &b, Location loc, Value value) {
  RankedTensorType type = getStaticType(value);
  if (type.getRank() == 1)
    return value;
  auto flat =
      RankedTensorType::get({type.getNumElements()}, type.getElementType());
  return tensor::CollapseShapeOp::create(b, loc, flat, value,
                                         allInOne(type.getRank()));
}

/// The 1-D `value` expanded to `type` (rank >= 1).
static Value unflatten(OpBuilder &b, Location loc, Value value,
                       RankedTensorType type) {
  if (type.getRank() == 1)
    return value;
  return tensor::ExpandShapeOp::create(b, loc, type, value,
                                       allInOne(type.getRank()));
}

Value createStaticReshape(OpBuilder &b, Location loc, Value value,
                          RankedTensorType type) {
  RankedTensorType source = getStaticType(value);
  if (source == type)
    return value;
  // One element: rank 0 <-> all unit dims needs no reassociation groups.
  if (source.getRank() == 0)
    return tensor::ExpandShapeOp::create(b, loc, type, value,
                                         ArrayRef<ReassociationIndices>{});
  if (type.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, type, value,
                                           ArrayRef<ReassociationIndices>{});
  if (source.getRank() == type.getRank())
    return unflatten(b, loc, flatten(b, loc, value), type);
  if (std::optional<SmallVector<ReassociationIndices>> reassociation =
          getReassociationIndicesForReshape(source, type)) {
    if (source.getRank() > type.getRank())
      return tensor::CollapseShapeOp::create(b, loc, type, value,
                                             *reassociation);
    return tensor::ExpandShapeOp::create(b, loc, type, value, *reassociation);
  }
  return unflatten(b, loc, flatten(b, loc, value), type);
}

Value createPad(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> low,
                ArrayRef<int64_t> high, TypedAttr padValue) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return value;
  RankedTensorType type = getStaticType(value);
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> lowSizes, highSizes;
  for (size_t i = 0; i < shape.size(); ++i) {
    shape[i] += low[i] + high[i];
    lowSizes.push_back(b.getIndexAttr(low[i]));
    highSizes.push_back(b.getIndexAttr(high[i]));
  }
  Value scalar = arith::ConstantOp::create(b, loc, padValue);
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return tensor::PadOp::create(b, loc, resultType, value, lowSizes, highSizes,
                               scalar);
}

PadAmount getSamePadding(int64_t in, int64_t size, int64_t stride,
                         int64_t dilation) {
  int64_t out = (in + stride - 1) / stride;
  int64_t total =
      std::max<int64_t>((out - 1) * stride + (size - 1) * dilation + 1 - in, 0);
  return {total / 2, total - total / 2};
}

SmallVector<int64_t> getInts(ArrayAttr attr) {
  SmallVector<int64_t> values;
  for (Attribute a : attr)
    values.push_back(cast<IntegerAttr>(a).getInt());
  return values;
}

} // namespace graphc::graph_to_linalg

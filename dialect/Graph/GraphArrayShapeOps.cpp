//===- GraphArrayShapeOps.cpp - reshaping and shape queries ---------------===//
//
// Ops that give a tensor another shape or read or make one (GraphArrayOps.td):
// Reshape, Squeeze, ExpandDims; the shape queries Shape, Size and Rank, which
// fold to constants once their operand's shape is static (Keras graphs
// compute Reshape targets from them: Shape -> StridedSlice -> Pack ->
// Reshape); and the ops that make a tensor from a shape or a scalar: Fill,
// ZerosLike, OnesLike, Range. TF's rules as verifiers, TF's shape functions,
// and folders.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <array>
#include <cmath>

using namespace mlir;
using namespace graphc::graph;
using namespace graphc::graph::detail;

//===----------------------------------------------------------------------===//
// Reshape
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto shape = dyn_cast<RankedTensorType>(getShape().getType());
  if (shape && shape.getRank() != 1)
    return emitOpError() << "shape operand must be 1-D, got " << shape;
  if (shape && !shape.getElementType().isInteger(32) &&
      !shape.getElementType().isInteger(64))
    return emitOpError() << "shape operand must be int32 or int64";
  auto in = dyn_cast<RankedTensorType>(getTensor().getType());
  auto out = dyn_cast<RankedTensorType>(getOutput().getType());
  if (in && out && in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError() << "cannot reshape " << in << " (" << in.getNumElements()
                         << " elements) to " << out;
  return success();
}

LogicalResult ReshapeOp::refineResultTypes() {
  auto target = getConstantInts(getShape());
  if (!target)
    return success();
  SmallVector<int64_t> dims;
  int64_t known = 1, inferIndex = -1;
  for (auto [i, d] : llvm::enumerate(*target)) {
    if (d == -1) {
      if (inferIndex != -1)
        return emitOpError() << "shape has more than one -1";
      inferIndex = i;
      dims.push_back(ShapedType::kDynamic);
      continue;
    }
    if (d < 0)
      return emitOpError() << "shape has a negative size " << d;
    known *= d;
    dims.push_back(d);
  }
  auto input = rankedOf(getTensor());
  if (input && input.hasStaticShape()) {
    int64_t count = input.getNumElements();
    if (inferIndex != -1) {
      if (known == 0 || count % known != 0)
        return emitOpError() << "cannot reshape " << input << " to shape with "
                             << known << " known elements";
      dims[inferIndex] = count / known;
    } else if (count != known) {
      return emitOpError() << "cannot reshape " << input << " (" << count
                           << " elements) to " << known << " elements";
    }
  }
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, elementOf(getTensor())));
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getTensor().getType() == getType())
    return getTensor();
  auto value = dyn_cast_or_null<DenseElementsAttr>(adaptor.getTensor());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!value || !type || !type.hasStaticShape() ||
      type.getNumElements() != value.getNumElements())
    return {};
  return value.reshape(type);
}

//===----------------------------------------------------------------------===//
// Squeeze
//===----------------------------------------------------------------------===//

/// The dims Squeeze removes, or nullopt if they depend on unknown sizes.
static std::optional<SmallVector<bool>> squeezedDims(RankedTensorType input,
                                                     ArrayAttr squeezeDims) {
  int64_t rank = input.getRank();
  SmallVector<bool> removed(rank, false);
  if (squeezeDims.empty()) {
    for (int64_t d = 0; d < rank; ++d) {
      if (input.isDynamicDim(d))
        return std::nullopt;
      removed[d] = input.getDimSize(d) == 1;
    }
    return removed;
  }
  for (Attribute a : squeezeDims)
    if (auto axis = normalizeAxis(cast<IntegerAttr>(a).getInt(), rank))
      removed[*axis] = true;
  return removed;
}

LogicalResult SqueezeOp::verify() {
  auto input = rankedOf(getInput());
  if (!input)
    return success();
  int64_t rank = input.getRank();
  for (Attribute a : getSqueezeDims()) {
    int64_t d = cast<IntegerAttr>(a).getInt();
    auto axis = normalizeAxis(d, rank);
    if (!axis)
      return emitOpError() << "squeeze_dims value " << d
                           << " is out of range for rank " << rank;
    int64_t size = input.getDimSize(*axis);
    if (!ShapedType::isDynamic(size) && size != 1)
      return emitOpError() << "cannot squeeze dim " << d << " of size " << size
                           << " (expected 1)";
  }
  return success();
}

LogicalResult SqueezeOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  if (!input)
    return success();
  auto removed = squeezedDims(input, getSqueezeDims());
  if (!removed)
    return success();
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < input.getRank(); ++d)
    if (!(*removed)[d])
      dims.push_back(input.getDimSize(d));
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, input.getElementType()));
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType() && rankedOf(getInput()))
    return getInput();
  return foldReshape(adaptor.getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// ExpandDims
//===----------------------------------------------------------------------===//

LogicalResult ExpandDimsOp::verify() {
  if (failed(verifyIndexType(*this, getDim(), "dim")))
    return failure();
  int64_t count = staticCountOf(getDim());
  if (count != -1 && count != 1)
    return emitOpError() << "'dim' must hold a single value, got "
                         << getDim().getType();
  return success();
}

LogicalResult ExpandDimsOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  auto dim = getConstantInt(getDim());
  if (!input || !dim)
    return success();
  int64_t rank = input.getRank();
  auto axis = normalizeAxis(*dim, rank + 1);
  if (!axis)
    return emitOpError() << "dim " << *dim << " is out of range [" << -rank - 1
                         << ", " << rank << "]";
  SmallVector<int64_t> dims(input.getShape());
  dims.insert(dims.begin() + *axis, 1);
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, input.getElementType()));
}

OpFoldResult ExpandDimsOp::fold(FoldAdaptor adaptor) {
  return foldReshape(adaptor.getInput(), getOutput());
}

//===----------------------------------------------------------------------===//
// Shape, Size, Rank
//===----------------------------------------------------------------------===//

/// Fails unless `output` has an int32 or int64 (`allow64`) element type.
static LogicalResult verifyQueryResult(Operation *op, Value output,
                                       bool allow64, int64_t rank) {
  Type element = elementOf(output);
  if (!element.isInteger(32) && !(allow64 && element.isInteger(64)))
    return op->emitOpError() << "result must be int32"
                             << (allow64 ? " or int64" : "") << ", got "
                             << element;
  return verifyRank(op, output, rank, "output");
}

LogicalResult ShapeOp::verify() {
  if (failed(verifyQueryResult(*this, getOutput(), true, 1)))
    return failure();
  auto result = rankedOf(getOutput());
  int64_t rank = rankOf(getInput());
  if (result && rank != -1 && !result.isDynamicDim(0) &&
      result.getDimSize(0) != rank)
    return emitOpError() << "result " << result << " does not match rank "
                         << rank << " of 'input'";
  return success();
}
LogicalResult ShapeOp::refineResultTypes() {
  int64_t rank = rankOf(getInput());
  if (rank == -1)
    return success();
  return refineResult(*this, getOutput(),
                      RankedTensorType::get({rank}, elementOf(getOutput())));
}
OpFoldResult ShapeOp::fold(FoldAdaptor) {
  auto input = rankedOf(getInput());
  if (!input || !input.hasStaticShape())
    return {};
  return foldInts(getOutput(), input.getShape());
}

LogicalResult SizeOp::verify() {
  return verifyQueryResult(*this, getOutput(), true, 0);
}
LogicalResult SizeOp::refineResultTypes() {
  return refineResult(*this, getOutput(),
                      RankedTensorType::get({}, elementOf(getOutput())));
}
OpFoldResult SizeOp::fold(FoldAdaptor) {
  auto input = rankedOf(getInput());
  if (!input || !input.hasStaticShape())
    return {};
  return foldInts(getOutput(), {input.getNumElements()});
}

LogicalResult RankOp::verify() {
  return verifyQueryResult(*this, getOutput(), false, 0);
}
LogicalResult RankOp::refineResultTypes() {
  return refineResult(*this, getOutput(),
                      RankedTensorType::get({}, elementOf(getOutput())));
}
OpFoldResult RankOp::fold(FoldAdaptor) {
  int64_t rank = rankOf(getInput());
  if (rank == -1)
    return {};
  return foldInts(getOutput(), {rank});
}

//===----------------------------------------------------------------------===//
// Fill, ZerosLike, OnesLike
//===----------------------------------------------------------------------===//
LogicalResult FillOp::verify() {
  if (failed(verifyIndexType(*this, getDims(), "dims")) ||
      failed(verifyRank(*this, getDims(), 1, "dims")) ||
      failed(verifyRank(*this, getValue(), 0, "value")))
    return failure();
  return success();
}

LogicalResult FillOp::refineResultTypes() {
  auto dims = getConstantInts(getDims());
  if (!dims)
    return success();
  for (auto [d, size] : llvm::enumerate(*dims))
    if (size < 0)
      return emitOpError() << "dims[" << d << "] = " << size << " is negative";
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(*dims, elementOf(getValue())));
}

OpFoldResult FillOp::fold(FoldAdaptor adaptor) {
  auto value = dyn_cast_or_null<DenseElementsAttr>(adaptor.getValue());
  RankedTensorType type = foldableType(getOutput(), /*splat=*/true);
  if (!value || !type || value.getNumElements() != 1)
    return {};
  Attribute scalar = value.getValues<Attribute>()[0];
  return DenseElementsAttr::get(type, scalar);
}

LogicalResult ZerosLikeOp::refineResultTypes() {
  return refineSameAsOperand(*this);
}
OpFoldResult ZerosLikeOp::fold(FoldAdaptor) { return foldSplat(getY(), 0); }

LogicalResult OnesLikeOp::refineResultTypes() {
  return refineSameAsOperand(*this);
}
OpFoldResult OnesLikeOp::fold(FoldAdaptor) { return foldSplat(getY(), 1); }

//===----------------------------------------------------------------------===//
// Range
//===----------------------------------------------------------------------===//

LogicalResult RangeOp::verify() {
  Type element = elementOf(getOutput());
  for (auto [name, v] : {std::pair<StringRef, Value>{"start", getStart()},
                         {"limit", getLimit()},
                         {"delta", getDelta()}}) {
    if (elementOf(v) != element)
      return emitOpError() << name << " has element type " << elementOf(v)
                           << " but the output has " << element;
    if (failed(verifyRank(*this, v, 0, name)))
      return failure();
  }
  return success();
}

/// start, limit and delta as doubles (exact for the int32/int64 ranges
/// that matter: sizes), when all three are constant.
static std::optional<std::array<double, 3>> rangeBounds(RangeOp op) {
  std::array<double, 3> bounds;
  for (auto [k, v] : llvm::enumerate(
           SmallVector<Value>{op.getStart(), op.getLimit(), op.getDelta()})) {
    DenseElementsAttr attr;
    if (!matchPattern(v, m_Constant(&attr)) || attr.getNumElements() != 1)
      return std::nullopt;
    if (isa<FloatType>(attr.getElementType()))
      bounds[k] = (*attr.getValues<APFloat>().begin()).convertToDouble();
    else
      bounds[k] = static_cast<double>(
          (*attr.getValues<APInt>().begin()).getSExtValue());
  }
  return bounds;
}

/// TF's element count, or an error message.
static FailureOr<int64_t> rangeSize(RangeOp op,
                                    const std::array<double, 3> &b) {
  auto [start, limit, delta] = b;
  if (delta == 0)
    return op.emitOpError() << "delta must not be 0", failure();
  if (delta > 0 ? start > limit : start < limit) {
    bool isFloat = isa<FloatType>(elementOf(op.getOutput()));
    auto show = [&](double v) {
      return isFloat ? std::to_string(v)
                     : std::to_string(static_cast<int64_t>(v));
    };
    return op.emitOpError() << "start " << show(start) << " and limit "
                            << show(limit) << " are inconsistent with delta "
                            << show(delta),
           failure();
  }
  if (isa<FloatType>(elementOf(op.getOutput())))
    return static_cast<int64_t>(std::ceil(std::abs((limit - start) / delta)));
  int64_t s = static_cast<int64_t>(start), l = static_cast<int64_t>(limit),
          d = static_cast<int64_t>(delta);
  return (std::abs(l - s) + std::abs(d) - 1) / std::abs(d);
}

LogicalResult RangeOp::refineResultTypes() {
  auto bounds = rangeBounds(*this);
  if (!bounds)
    return refineResult(*this, getOutput(),
                        RankedTensorType::get({ShapedType::kDynamic},
                                              elementOf(getOutput())));
  FailureOr<int64_t> size = rangeSize(*this, *bounds);
  if (failed(size))
    return failure();
  return refineResult(*this, getOutput(),
                      RankedTensorType::get({*size}, elementOf(getOutput())));
}

OpFoldResult RangeOp::fold(FoldAdaptor) {
  auto bounds = rangeBounds(*this);
  RankedTensorType type = foldableType(getOutput());
  if (!bounds || !type)
    return {};
  auto [start, limit, delta] = *bounds;
  Type element = type.getElementType();
  if (auto floatType = dyn_cast<FloatType>(element)) {
    // TF computes start + i * delta in the output type.
    SmallVector<APFloat> values;
    for (int64_t i = 0; i < type.getNumElements(); ++i) {
      APFloat v(start + static_cast<double>(i) * delta);
      bool lost;
      v.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                &lost);
      values.push_back(v);
    }
    return DenseElementsAttr::get(type, values);
  }
  SmallVector<APInt> values;
  for (int64_t i = 0; i < type.getNumElements(); ++i)
    values.push_back(APInt(element.getIntOrFloatBitWidth(),
                           static_cast<int64_t>(start) +
                               i * static_cast<int64_t>(delta),
                           /*isSigned=*/true));
  return DenseElementsAttr::get(type, values);
}

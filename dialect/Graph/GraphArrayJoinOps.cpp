//===- GraphArrayJoinOps.cpp - joining, splitting, tiling -----------------===//
//
// Ops that join tensors, split one into parts or replicate it
// (GraphArrayOps.td): ConcatV2, Pack, Unpack, Split, SplitV and Tile. TF's
// rules as verifiers (on types) and as shape-function errors (on constant
// axes and sizes), TF's shape functions, and folders.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace graphc::graph;
using namespace graphc::graph::detail;

//===----------------------------------------------------------------------===//
// ConcatV2
//===----------------------------------------------------------------------===//

LogicalResult ConcatV2Op::verify() {
  if (getValues().size() < 2)
    return emitOpError() << "needs at least 2 values (attr N >= 2), got "
                         << getValues().size();
  if (failed(verifyElementTypes(*this, getValues(), elementOf(getOutput()),
                                "value")) ||
      failed(verifyIndexType(*this, getAxis(), "axis")))
    return failure();
  // TF's kernel takes a scalar or a 1-element vector axis (TF.js's
  // converter writes the latter: movenet).
  if (auto axisType = rankedOf(getAxis());
      axisType && axisType.getRank() != 0 &&
      !(axisType.getRank() == 1 && axisType.getDimSize(0) == 1))
    return emitOpError() << "'axis' must be a scalar or a 1-element vector, "
                         << "got " << axisType;
  int64_t rank = -1;
  for (auto [i, v] : llvm::enumerate(getValues())) {
    int64_t r = rankOf(v);
    if (r == 0)
      return emitOpError() << "cannot concatenate scalars (value " << i
                           << "); use Pack";
    if (r == -1)
      continue;
    if (rank != -1 && r != rank)
      return emitOpError() << "value " << i << " has rank " << r
                           << " but an earlier value has rank " << rank;
    rank = r;
  }
  return success();
}

/// The axis of a ConcatV2, normalized, once it and one value's rank are known.
static std::optional<int64_t> concatAxis(ConcatV2Op op) {
  auto axis = getConstantInt(op.getAxis());
  if (!axis)
    return std::nullopt;
  for (Value v : op.getValues())
    if (int64_t rank = rankOf(v); rank != -1)
      return normalizeAxis(*axis, rank);
  return std::nullopt;
}

LogicalResult ConcatV2Op::refineResultTypes() {
  auto axisValue = getConstantInt(getAxis());
  if (!axisValue)
    return success();
  SmallVector<RankedTensorType> types;
  for (Value v : getValues()) {
    auto type = rankedOf(v);
    if (!type)
      return success();
    types.push_back(type);
  }
  int64_t rank = types.front().getRank();
  auto axis = normalizeAxis(*axisValue, rank);
  if (!axis)
    return emitOpError() << "axis " << *axisValue << " is out of range for rank "
                         << rank;
  SmallVector<int64_t> dims(rank, kDynamic);
  int64_t total = 0;
  for (auto [i, type] : llvm::enumerate(types)) {
    SmallVector<int64_t> shape(type.getShape());
    int64_t along = shape[*axis];
    total = (ShapedType::isDynamic(total) || ShapedType::isDynamic(along))
                ? kDynamic
                : total + along;
    shape[*axis] = kDynamic;
    if (!mergeDims(dims, shape))
      return emitOpError() << "value " << i << " has shape " << type
                           << ", which differs from the others outside axis "
                           << *axis;
  }
  dims[*axis] = total;
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, elementOf(getOutput())));
}

OpFoldResult ConcatV2Op::fold(FoldAdaptor adaptor) {
  auto values = getDenseAttrs(adaptor.getValues());
  auto axis = concatAxis(*this);
  RankedTensorType type = foldableType(getOutput());
  if (!values || !axis || !type)
    return {};
  // Offset of each value along the axis.
  SmallVector<int64_t> starts;
  int64_t start = 0;
  for (DenseElementsAttr v : *values) {
    starts.push_back(start);
    start += v.getType().getDimSize(*axis);
  }
  if (start != type.getDimSize(*axis))
    return {};
  SmallVector<int64_t> source;
  return gatherConstant(*values, {}, type, [&](ArrayRef<int64_t> index) {
    int s = llvm::upper_bound(starts, index[*axis]) - starts.begin() - 1;
    source.assign(index.begin(), index.end());
    source[*axis] -= starts[s];
    return SourceElement{s, flatIndex(source, (*values)[s].getType().getShape())};
  });
}

//===----------------------------------------------------------------------===//
// Pack, Unpack
//===----------------------------------------------------------------------===//

LogicalResult PackOp::verify() {
  if (getValues().empty())
    return emitOpError() << "needs at least 1 value (attr N >= 1)";
  if (failed(verifyElementTypes(*this, getValues(), elementOf(getOutput()),
                                "value")))
    return failure();
  int64_t rank = -1;
  SmallVector<int64_t> dims;
  for (auto [i, v] : llvm::enumerate(getValues())) {
    auto type = rankedOf(v);
    if (!type)
      continue;
    if (rank == -1) {
      rank = type.getRank();
      dims.assign(type.getShape().begin(), type.getShape().end());
    } else if (type.getRank() != rank || !mergeDims(dims, type.getShape())) {
      return emitOpError() << "value " << i << " has shape " << type
                           << ", which differs from an earlier value's";
    }
  }
  int64_t axis = static_cast<int64_t>(getAxis());
  if (rank != -1 && !normalizeAxis(axis, rank + 1))
    return emitOpError() << "axis " << axis << " is out of range [" << -rank - 1
                         << ", " << rank << "]";
  return success();
}

LogicalResult PackOp::refineResultTypes() {
  SmallVector<int64_t> dims;
  bool ranked = false;
  for (Value v : getValues()) {
    auto type = rankedOf(v);
    if (!type)
      continue;
    if (!ranked)
      dims.assign(type.getShape().begin(), type.getShape().end());
    else
      mergeDims(dims, type.getShape()); // the verifier checked they agree
    ranked = true;
  }
  if (!ranked)
    return success();
  auto axis = normalizeAxis(static_cast<int64_t>(getAxis()), dims.size() + 1);
  if (!axis)
    return success(); // the verifier reports it
  dims.insert(dims.begin() + *axis, getValues().size());
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, elementOf(getOutput())));
}

OpFoldResult PackOp::fold(FoldAdaptor adaptor) {
  auto values = getDenseAttrs(adaptor.getValues());
  RankedTensorType type = foldableType(getOutput());
  if (!values || !type)
    return {};
  auto axis = normalizeAxis(static_cast<int64_t>(getAxis()), type.getRank());
  if (!axis)
    return {};
  SmallVector<int64_t> source;
  return gatherConstant(*values, {}, type, [&](ArrayRef<int64_t> index) {
    source.assign(index.begin(), index.end());
    int s = source[*axis];
    source.erase(source.begin() + *axis);
    return SourceElement{s, flatIndex(source, (*values)[s].getType().getShape())};
  });
}

LogicalResult UnpackOp::verify() {
  int64_t num = static_cast<int64_t>(getNum());
  if (num < 0)
    return emitOpError() << "attr 'num' must be non-negative, got " << num;
  if (static_cast<int64_t>(getOutput().size()) != num)
    return emitOpError() << "has " << getOutput().size()
                         << " results but attr 'num' is " << num;
  if (failed(verifyElementTypes(*this, getOutput(), elementOf(getValue()),
                                "result")))
    return failure();
  auto value = rankedOf(getValue());
  if (!value)
    return success();
  int64_t axisAttr = static_cast<int64_t>(getAxis());
  auto axis = normalizeAxis(axisAttr, value.getRank());
  if (!axis)
    return emitOpError() << "axis " << axisAttr << " is out of range for rank "
                         << value.getRank();
  int64_t size = value.getDimSize(*axis);
  if (!ShapedType::isDynamic(size) && size != num)
    return emitOpError() << "dim " << *axis << " has size " << size
                         << " but attr 'num' is " << num;
  return success();
}

LogicalResult UnpackOp::refineResultTypes() {
  auto value = rankedOf(getValue());
  if (!value)
    return success();
  auto axis = normalizeAxis(static_cast<int64_t>(getAxis()), value.getRank());
  if (!axis)
    return success();
  SmallVector<int64_t> dims(value.getShape());
  dims.erase(dims.begin() + *axis);
  auto type = RankedTensorType::get(dims, value.getElementType());
  for (Value out : getOutput())
    if (failed(refineResult(*this, out, type)))
      return failure();
  return success();
}

/// Folds each result of a split-like op to the block of `value` starting at
/// `starts[i]` along `axis`.
static LogicalResult foldSplitParts(Attribute valueAttr, ResultRange results,
                                    int64_t axis, ArrayRef<int64_t> starts,
                                    bool dropAxis,
                                    SmallVectorImpl<OpFoldResult> &folded) {
  auto value = dyn_cast_or_null<DenseElementsAttr>(valueAttr);
  if (!value)
    return failure();
  ArrayRef<int64_t> inShape = value.getType().getShape();
  SmallVector<OpFoldResult> parts;
  for (size_t i = 0; i < results.size(); ++i) {
    RankedTensorType type = foldableType(results[i], value.isSplat());
    if (!type)
      return failure();
    if (value.isSplat()) {
      parts.push_back(value.resizeSplat(type));
      continue;
    }
    SmallVector<int64_t> source;
    parts.push_back(gatherConstant({value}, {}, type,
                                   [&](ArrayRef<int64_t> index) {
      source.assign(index.begin(), index.end());
      if (dropAxis)
        source.insert(source.begin() + axis, starts[i]);
      else
        source[axis] += starts[i];
      return SourceElement{0, flatIndex(source, inShape)};
    }));
  }
  folded.append(parts);
  return success();
}

LogicalResult UnpackOp::fold(FoldAdaptor adaptor,
                             SmallVectorImpl<OpFoldResult> &results) {
  auto value = rankedOf(getValue());
  if (!value)
    return failure();
  auto axis = normalizeAxis(static_cast<int64_t>(getAxis()), value.getRank());
  if (!axis)
    return failure();
  return foldSplitParts(adaptor.getValue(), getOutput(), *axis,
                        llvm::to_vector(llvm::seq<int64_t>(0, getNum())),
                        /*dropAxis=*/true, results);
}

//===----------------------------------------------------------------------===//
// Split, SplitV
//===----------------------------------------------------------------------===//

LogicalResult SplitOp::verify() {
  int64_t num = static_cast<int64_t>(getNumSplit());
  if (num < 1)
    return emitOpError() << "attr 'num_split' must be at least 1, got " << num;
  if (static_cast<int64_t>(getOutput().size()) != num)
    return emitOpError() << "has " << getOutput().size()
                         << " results but attr 'num_split' is " << num;
  if (!elementOf(getSplitDim()).isInteger(32))
    return emitOpError() << "'split_dim' must be int32, got "
                         << elementOf(getSplitDim());
  return failure(
      failed(verifyRank(*this, getSplitDim(), 0, "split_dim")) ||
      failed(verifyElementTypes(*this, getOutput(), elementOf(getValue()),
                                "result")));
}

/// The normalized split dim of a split-like op, or nullopt if unknown;
/// emits an error (and sets `failed`) if it is out of range.
static std::optional<int64_t> splitAxis(Operation *op, Value splitDim,
                                        Value value, bool &failedOut) {
  auto type = rankedOf(value);
  auto dim = getConstantInt(splitDim);
  if (!type || !dim)
    return std::nullopt;
  auto axis = normalizeAxis(*dim, type.getRank());
  if (!axis) {
    op->emitOpError() << "split_dim " << *dim << " is out of range for rank "
                      << type.getRank();
    failedOut = true;
  }
  return axis;
}

LogicalResult SplitOp::refineResultTypes() {
  bool failedAxis = false;
  auto axis = splitAxis(*this, getSplitDim(), getValue(), failedAxis);
  if (failedAxis)
    return failure();
  if (!axis)
    return success();
  auto value = rankedOf(getValue());
  SmallVector<int64_t> dims(value.getShape());
  int64_t num = static_cast<int64_t>(getNumSplit());
  if (!ShapedType::isDynamic(dims[*axis])) {
    if (dims[*axis] % num != 0)
      return emitOpError() << "dim " << *axis << " of size " << dims[*axis]
                           << " is not divisible by num_split " << num;
    dims[*axis] /= num;
  }
  auto type = RankedTensorType::get(dims, value.getElementType());
  for (Value out : getOutput())
    if (failed(refineResult(*this, out, type)))
      return failure();
  return success();
}

LogicalResult SplitOp::fold(FoldAdaptor adaptor,
                            SmallVectorImpl<OpFoldResult> &results) {
  bool failedAxis = false;
  auto axis = splitAxis(*this, getSplitDim(), getValue(), failedAxis);
  auto value = rankedOf(getValue());
  if (!axis || !value.hasStaticShape())
    return failure();
  int64_t part = value.getDimSize(*axis) / getNumSplit();
  SmallVector<int64_t> starts;
  for (int64_t i = 0; i < static_cast<int64_t>(getNumSplit()); ++i)
    starts.push_back(i * part);
  return foldSplitParts(adaptor.getValue(), getOutput(), *axis, starts,
                        /*dropAxis=*/false, results);
}

LogicalResult SplitVOp::verify() {
  int64_t num = static_cast<int64_t>(getNumSplit());
  if (num < 1)
    return emitOpError() << "attr 'num_split' must be at least 1, got " << num;
  if (static_cast<int64_t>(getOutput().size()) != num)
    return emitOpError() << "has " << getOutput().size()
                         << " results but attr 'num_split' is " << num;
  if (failed(verifyIndexType(*this, getSizeSplits(), "size_splits")) ||
      failed(verifyRank(*this, getSizeSplits(), 1, "size_splits")) ||
      failed(verifyRank(*this, getSplitDim(), 0, "split_dim")) ||
      failed(verifyElementTypes(*this, getOutput(), elementOf(getValue()),
                                "result")))
    return failure();
  if (!elementOf(getSplitDim()).isInteger(32))
    return emitOpError() << "'split_dim' must be int32, got "
                         << elementOf(getSplitDim());
  int64_t count = staticCountOf(getSizeSplits());
  if (count != -1 && count != num)
    return emitOpError() << "'size_splits' has " << count
                         << " entries but attr 'num_split' is " << num;
  return success();
}

/// The sizes of SplitV's parts with the -1 resolved (kDynamic if the split
/// dim is dynamic), or nullopt if unknown. Emits TF's errors.
static FailureOr<std::optional<SmallVector<int64_t>>>
splitVSizes(SplitVOp op, int64_t axis) {
  auto sizes = getConstantInts(op.getSizeSplits());
  if (!sizes)
    return std::optional<SmallVector<int64_t>>();
  int64_t dim = rankedOf(op.getValue()).getDimSize(axis);
  int64_t known = 0, inferred = -1;
  for (auto [i, s] : llvm::enumerate(*sizes)) {
    if (s == -1) {
      if (inferred != -1)
        return op.emitOpError() << "'size_splits' has more than one -1";
      inferred = i;
      continue;
    }
    if (s < 0)
      return op.emitOpError() << "'size_splits' has a negative size " << s;
    known += s;
  }
  if (ShapedType::isDynamic(dim)) {
    if (inferred != -1)
      (*sizes)[inferred] = kDynamic;
    return std::optional<SmallVector<int64_t>>(*sizes);
  }
  if (inferred == -1 ? known != dim : known > dim)
    return op.emitOpError() << "'size_splits' sum to " << known
                            << " but dim " << axis << " has size " << dim;
  if (inferred != -1)
    (*sizes)[inferred] = dim - known;
  return std::optional<SmallVector<int64_t>>(*sizes);
}

LogicalResult SplitVOp::refineResultTypes() {
  bool failedAxis = false;
  auto axis = splitAxis(*this, getSplitDim(), getValue(), failedAxis);
  if (failedAxis)
    return failure();
  if (!axis)
    return success();
  auto sizes = splitVSizes(*this, *axis);
  if (failed(sizes))
    return failure();
  if (!*sizes || (*sizes)->size() != getOutput().size())
    return success();
  auto value = rankedOf(getValue());
  for (auto [out, size] : llvm::zip(getOutput(), **sizes)) {
    SmallVector<int64_t> dims(value.getShape());
    dims[*axis] = size;
    if (failed(refineResult(*this, out,
                            RankedTensorType::get(dims, value.getElementType()))))
      return failure();
  }
  return success();
}

LogicalResult SplitVOp::fold(FoldAdaptor adaptor,
                             SmallVectorImpl<OpFoldResult> &results) {
  bool failedAxis = false;
  auto axis = splitAxis(*this, getSplitDim(), getValue(), failedAxis);
  if (!axis || !rankedOf(getValue()).hasStaticShape())
    return failure();
  SmallVector<int64_t> starts;
  int64_t start = 0;
  for (Value out : getOutput()) {
    auto type = rankedOf(out);
    if (!type || type.isDynamicDim(*axis))
      return failure();
    starts.push_back(start);
    start += type.getDimSize(*axis);
  }
  return foldSplitParts(adaptor.getValue(), getOutput(), *axis, starts,
                        /*dropAxis=*/false, results);
}

//===----------------------------------------------------------------------===//
// Tile
//===----------------------------------------------------------------------===//

LogicalResult TileOp::verify() {
  if (failed(verifyIndexType(*this, getMultiples(), "multiples")) ||
      failed(verifyRank(*this, getMultiples(), 1, "multiples")))
    return failure();
  int64_t count = staticCountOf(getMultiples());
  int64_t rank = rankOf(getInput());
  if (count != -1 && rank != -1 && count != rank)
    return emitOpError() << "'multiples' has " << count
                         << " entries but 'input' has rank " << rank;
  return success();
}

LogicalResult TileOp::refineResultTypes() {
  auto multiples = getConstantInts(getMultiples());
  if (!multiples)
    return success();
  auto input = rankedOf(getInput());
  SmallVector<int64_t> dims;
  for (auto [d, m] : llvm::enumerate(*multiples)) {
    if (m < 0)
      return emitOpError() << "multiple " << m << " of dim " << d
                           << " is negative";
    int64_t size = input ? input.getDimSize(d) : kDynamic;
    dims.push_back(ShapedType::isDynamic(size) ? kDynamic : size * m);
  }
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, elementOf(getInput())));
}

OpFoldResult TileOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  RankedTensorType type = foldableType(getOutput(), input && input.isSplat());
  if (!input || !type || input.getType().getRank() != type.getRank())
    return {};
  if (getInput().getType() == getType())
    return getInput();
  if (input.isSplat())
    return input.resizeSplat(type);
  ArrayRef<int64_t> inShape = input.getType().getShape();
  SmallVector<int64_t> source;
  return gatherConstant({input}, {}, type, [&](ArrayRef<int64_t> index) {
    source.assign(index.begin(), index.end());
    for (auto [s, n] : llvm::zip(source, inShape))
      s %= n;
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

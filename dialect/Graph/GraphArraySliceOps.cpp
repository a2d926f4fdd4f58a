//===- GraphArraySliceOps.cpp - slicing and gathering ---------------------===//
//
// Ops that read part of a tensor (GraphArrayOps.td): Slice, StridedSlice,
// GatherV2 and GatherNd. StridedSlice follows TF's ValidateStridedSliceOp
// (sparse spec -> dense spec, clamping, masks; resolveStridedSlice in
// GraphArrayUtils.h) so that its folder, its shape function and its
// lowering agree with TF.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>

using namespace mlir;
using namespace graphc::graph;
using namespace graphc::graph::detail;

//===----------------------------------------------------------------------===//
// Slice
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::verify() {
  if (failed(verifyIndexType(*this, getBegin(), "begin")) ||
      failed(verifyIndexType(*this, getSize(), "size")) ||
      failed(verifyRank(*this, getBegin(), 1, "begin")) ||
      failed(verifyRank(*this, getSize(), 1, "size")))
    return failure();
  if (elementOf(getBegin()) != elementOf(getSize()))
    return emitOpError() << "'begin' and 'size' have different types";
  int64_t rank = rankOf(getInput());
  for (auto [v, name] : std::initializer_list<std::pair<Value, StringRef>>{
           {getBegin(), "begin"}, {getSize(), "size"}}) {
    int64_t count = staticCountOf(v);
    if (count != -1 && rank != -1 && count != rank)
      return emitOpError() << "'" << name << "' has " << count
                           << " entries but 'input' has rank " << rank;
  }
  return success();
}

LogicalResult SliceOp::refineResultTypes() {
  auto sizes = getConstantInts(getSize());
  if (!sizes)
    return success();
  auto begin = getConstantInts(getBegin());
  auto input = rankedOf(getInput());
  SmallVector<int64_t> dims;
  for (auto [d, s] : llvm::enumerate(*sizes)) {
    if (s < -1)
      return emitOpError() << "size " << s << " of dim " << d
                           << " is negative (only -1 means 'to the end')";
    int64_t b = begin && d < begin->size() ? (*begin)[d] : kDynamic;
    if (!ShapedType::isDynamic(b) && b < 0)
      return emitOpError() << "begin " << b << " of dim " << d << " is negative";
    int64_t dim = input && d < static_cast<size_t>(input.getRank())
                      ? input.getDimSize(d)
                      : kDynamic;
    if (s == -1) {
      dims.push_back(ShapedType::isDynamic(dim) || ShapedType::isDynamic(b)
                         ? kDynamic
                         : dim - b);
      if (!ShapedType::isDynamic(dims.back()) && dims.back() < 0)
        return emitOpError() << "begin " << b << " of dim " << d
                             << " is past its size " << dim;
      continue;
    }
    if (!ShapedType::isDynamic(dim) && !ShapedType::isDynamic(b) &&
        b + s > dim)
      return emitOpError() << "slice [" << b << ", " << b + s << ") of dim "
                           << d << " is out of range for its size " << dim;
    dims.push_back(s);
  }
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, elementOf(getInput())));
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  auto begin = getConstantInts(getBegin());
  RankedTensorType type = foldableType(getOutput(), input && input.isSplat());
  if (!input || !begin || !type ||
      type.getRank() != static_cast<int64_t>(begin->size()))
    return {};
  if (input.isSplat())
    return input.resizeSplat(type);
  ArrayRef<int64_t> inShape = input.getType().getShape();
  SmallVector<int64_t> source;
  return gatherConstant({input}, {}, type, [&](ArrayRef<int64_t> index) {
    source.assign(index.begin(), index.end());
    for (auto [s, b] : llvm::zip(source, *begin))
      s += b;
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

//===----------------------------------------------------------------------===//
// StridedSlice
//===----------------------------------------------------------------------===//

FailureOr<StridedSliceSpec> graphc::graph::resolveStridedSlice(
    StridedSliceOp op, ArrayRef<int64_t> inputShape, ArrayRef<int64_t> begin,
    ArrayRef<int64_t> end, ArrayRef<int64_t> strides) {
  if (begin.size() != end.size() || begin.size() != strides.size())
    return op.emitOpError() << "'begin', 'end' and 'strides' have different "
                               "lengths ("
                            << begin.size() << ", " << end.size() << ", "
                            << strides.size() << ")";
  uint64_t beginMask = op.getBeginMask(), endMask = op.getEndMask();
  uint64_t ellipsisMask = op.getEllipsisMask();
  uint64_t newAxisMask = op.getNewAxisMask();
  uint64_t shrinkMask = op.getShrinkAxisMask();
  auto bit = [](uint64_t mask, int64_t i) { return (mask >> i) & 1; };

  // Sparse spec: the entries as given, with an implicit ellipsis at the end
  // when there is none.
  int64_t sparseDims = begin.size();
  if (ellipsisMask == 0) {
    ellipsisMask |= uint64_t(1) << sparseDims;
    ++sparseDims;
  }
  int64_t newAxesAfterEllipsis = 0;
  bool seenEllipsis = false;
  for (int64_t i = 0; i < sparseDims; ++i) {
    if (seenEllipsis && bit(newAxisMask, i))
      ++newAxesAfterEllipsis;
    if (bit(ellipsisMask, i))
      seenEllipsis = true;
  }

  // Dense spec: one entry per input dim.
  int64_t rank = inputShape.size();
  struct DenseDim {
    int64_t begin = 0, end = 0, stride = 1;
    bool beginMasked = false, endMasked = false, shrink = false;
  };
  SmallVector<DenseDim> dense(rank);
  // Per result dim: the dense dim it comes from, or -1 for a new axis.
  SmallVector<int64_t> gather;
  int64_t full = 0;
  for (int64_t i = 0; i < sparseDims; ++i) {
    if (bit(ellipsisMask, i)) {
      int64_t next =
          std::min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
      for (; full < next; ++full) {
        dense[full].beginMasked = dense[full].endMasked = true;
        gather.push_back(full);
      }
      continue;
    }
    if (bit(newAxisMask, i)) {
      gather.push_back(-1);
      continue;
    }
    if (full == rank)
      return op.emitOpError() << "index " << i
                              << " of the slice spec is out of range: the "
                                 "input has only "
                              << rank << " dims";
    DenseDim &d = dense[full];
    d.begin = begin[i];
    d.end = end[i];
    d.stride = strides[i];
    d.beginMasked = bit(beginMask, i);
    d.endMasked = bit(endMask, i);
    d.shrink = bit(shrinkMask, i);
    if (!d.shrink)
      gather.push_back(full);
    ++full;
  }

  StridedSliceSpec spec;
  SmallVector<int64_t> sizes;
  for (int64_t i = 0; i < rank; ++i) {
    DenseDim &d = dense[i];
    int64_t dim = inputShape[i];
    if (d.stride == 0)
      return op.emitOpError() << "stride of dim " << i << " is zero";
    if (d.shrink && d.stride <= 0)
      return op.emitOpError()
             << "shrink_axis_mask dim " << i
             << " needs a positive stride (only stride 1 is allowed on "
                "non-range indexing)";
    spec.strides.push_back(d.stride);
    if (ShapedType::isDynamic(dim)) {
      spec.begin.push_back(kDynamic);
      spec.sizes.push_back(d.shrink ? 1 : kDynamic);
      continue;
    }
    int64_t b, e;
    if (d.shrink) {
      b = d.begin < 0 ? dim + d.begin : d.begin;
      e = b + 1;
      if (b < 0 || b >= dim)
        return op.emitOpError() << "slice index " << d.begin << " of dim " << i
                                << " is out of bounds for its size " << dim;
    } else {
      // Masked: the whole range in the stride's direction; otherwise
      // negative indices count from the end, clamped into range.
      int64_t lo = d.stride > 0 ? 0 : -1;
      int64_t hi = d.stride > 0 ? dim : dim - 1;
      auto canonical = [&](int64_t x, bool masked, bool isEnd) {
        if (masked)
          return (d.stride > 0) != isEnd ? lo : hi;
        int64_t fwd = x < 0 ? dim + x : x;
        return std::clamp(fwd, lo, hi);
      };
      b = canonical(d.begin, d.beginMasked, /*isEnd=*/false);
      e = canonical(d.end, d.endMasked, /*isEnd=*/true);
    }
    int64_t length = e - b, size;
    if (length == 0 || ((length < 0) != (d.stride < 0)))
      size = 0;
    else
      size = length / d.stride + (length % d.stride != 0 ? 1 : 0);
    spec.begin.push_back(size == 0 ? 0 : b);
    spec.sizes.push_back(size);
  }
  for (int64_t g : gather)
    spec.resultShape.push_back(g < 0 ? 1 : spec.sizes[g]);
  return spec;
}

LogicalResult StridedSliceOp::verify() {
  for (auto [v, name] : std::initializer_list<std::pair<Value, StringRef>>{
           {getBegin(), "begin"}, {getEnd(), "end"}, {getStrides(), "strides"}})
    if (failed(verifyIndexType(*this, v, name)) ||
        failed(verifyRank(*this, v, 1, name)))
      return failure();
  if (elementOf(getBegin()) != elementOf(getEnd()) ||
      elementOf(getBegin()) != elementOf(getStrides()))
    return emitOpError() << "'begin', 'end' and 'strides' have different types";
  if (llvm::popcount(getEllipsisMask()) > 1)
    return emitOpError()
           << "ellipsis_mask has more than one bit set (multiple ellipses in "
              "the slice spec)";
  SmallVector<int64_t> counts;
  for (Value v : {getBegin(), getEnd(), getStrides()})
    if (int64_t c = staticCountOf(v); c != -1)
      counts.push_back(c);
  if (!counts.empty() && !llvm::all_equal(counts))
    return emitOpError()
           << "'begin', 'end' and 'strides' must have the same length";
  if (!counts.empty() && counts.front() > 32)
    return emitOpError() << "the slice spec has " << counts.front()
                         << " entries; at most 32 are supported";
  return success();
}

/// The StridedSlice spec of `op` when its index operands are constant and
/// its input is ranked; nullopt if unknown; failure after an error.
static FailureOr<std::optional<StridedSliceSpec>>
getStridedSliceSpec(StridedSliceOp op) {
  auto input = rankedOf(op.getInput());
  auto begin = getConstantInts(op.getBegin());
  auto end = getConstantInts(op.getEnd());
  auto strides = getConstantInts(op.getStrides());
  if (!input || !begin || !end || !strides)
    return std::optional<StridedSliceSpec>();
  auto spec = resolveStridedSlice(op, input.getShape(), *begin, *end, *strides);
  if (failed(spec))
    return failure();
  return std::optional<StridedSliceSpec>(std::move(*spec));
}

LogicalResult StridedSliceOp::refineResultTypes() {
  auto spec = getStridedSliceSpec(*this);
  if (failed(spec))
    return failure();
  if (!*spec)
    return success();
  return refineResult(*this, getOutput(),
                      RankedTensorType::get((*spec)->resultShape,
                                            elementOf(getInput())));
}

OpFoldResult StridedSliceOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  RankedTensorType type = foldableType(getOutput(), input && input.isSplat());
  if (!input || !type)
    return {};
  auto begin = getConstantInts(getBegin());
  auto end = getConstantInts(getEnd());
  auto strides = getConstantInts(getStrides());
  if (!begin || !end || !strides)
    return {};
  // Folding must not report errors: graph-infer-shapes does.
  ScopedDiagnosticHandler silence(getContext(),
                                  [](Diagnostic &) { return success(); });
  ArrayRef<int64_t> inShape = input.getType().getShape();
  auto spec = resolveStridedSlice(*this, inShape, *begin, *end, *strides);
  if (failed(spec) || ArrayRef<int64_t>(spec->resultShape) != type.getShape())
    return {};
  if (input.isSplat())
    return input.resizeSplat(type);
  // Walk the dense (per input dim) index space, which has the same
  // row-major order and element count as the result.
  auto denseType = RankedTensorType::get(spec->sizes, type.getElementType());
  SmallVector<int64_t> source;
  DenseElementsAttr dense = gatherConstant(
      {input}, {}, denseType, [&](ArrayRef<int64_t> index) {
        source.assign(index.begin(), index.end());
        for (size_t d = 0; d < source.size(); ++d)
          source[d] = spec->begin[d] + source[d] * spec->strides[d];
        return SourceElement{0, flatIndex(source, inShape)};
      });
  return dense ? OpFoldResult(dense.reshape(type)) : OpFoldResult();
}

//===----------------------------------------------------------------------===//
// GatherV2
//===----------------------------------------------------------------------===//

LogicalResult GatherV2Op::verify() {
  if (failed(verifyIndexType(*this, getIndices(), "indices")) ||
      failed(verifyIndexType(*this, getAxis(), "axis")))
    return failure();
  int64_t count = staticCountOf(getAxis());
  if (count != -1 && count != 1)
    return emitOpError() << "'axis' must hold a single value, got "
                         << getAxis().getType();
  int64_t batchDims = static_cast<int64_t>(getBatchDims());
  int64_t indicesRank = rankOf(getIndices());
  if (indicesRank != -1 && (batchDims < -indicesRank || batchDims > indicesRank))
    return emitOpError() << "batch_dims " << batchDims
                         << " is out of range for indices of rank "
                         << indicesRank;
  return success();
}

/// The normalized axis and batch_dims of a GatherV2 whose params and
/// indices are ranked and whose axis is constant; emits TF's errors.
static FailureOr<std::optional<std::pair<int64_t, int64_t>>>
gatherAxis(GatherV2Op op) {
  using Result = std::optional<std::pair<int64_t, int64_t>>;
  auto params = rankedOf(op.getParams());
  auto indices = rankedOf(op.getIndices());
  auto axisValue = getConstantInt(op.getAxis());
  if (!params || !indices || !axisValue)
    return Result();
  int64_t batchDims = static_cast<int64_t>(op.getBatchDims());
  if (batchDims < 0)
    batchDims += indices.getRank();
  auto axis = normalizeAxis(*axisValue, params.getRank());
  if (!axis)
    return op.emitOpError() << "axis " << *axisValue
                            << " is out of range for params of rank "
                            << params.getRank();
  if (*axis < batchDims)
    return op.emitOpError() << "axis " << *axisValue
                            << " must not be less than batch_dims "
                            << batchDims;
  return Result({*axis, batchDims});
}

LogicalResult GatherV2Op::refineResultTypes() {
  auto axes = gatherAxis(*this);
  if (failed(axes))
    return failure();
  if (!*axes)
    return success();
  auto [axis, batchDims] = **axes;
  auto params = rankedOf(getParams());
  auto indices = rankedOf(getIndices());
  SmallVector<int64_t> dims(params.getShape().take_front(axis));
  llvm::append_range(dims, indices.getShape().drop_front(batchDims));
  llvm::append_range(dims, params.getShape().drop_front(axis + 1));
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, params.getElementType()));
}

OpFoldResult GatherV2Op::fold(FoldAdaptor adaptor) {
  auto params = dyn_cast_or_null<DenseElementsAttr>(adaptor.getParams());
  auto indices = getConstantInts(getIndices());
  RankedTensorType type = foldableType(getOutput());
  auto axisValue = getConstantInt(getAxis());
  if (!params || !indices || !type || !axisValue || getBatchDims() != 0)
    return {};
  ArrayRef<int64_t> inShape = params.getType().getShape();
  auto axis = normalizeAxis(*axisValue, inShape.size());
  if (!axis)
    return {};
  int64_t indicesRank = rankOf(getIndices());
  if (indicesRank < 0 ||
      type.getRank() != static_cast<int64_t>(inShape.size()) - 1 + indicesRank)
    return {};
  // Out-of-range indices are a run-time error in TF: leave them unfolded.
  for (int64_t i : *indices)
    if (i < 0 || i >= inShape[*axis])
      return {};
  auto indicesShape = rankedOf(getIndices()).getShape();
  SmallVector<int64_t> source;
  return gatherConstant({params}, {}, type, [&](ArrayRef<int64_t> index) {
    source.assign(index.begin(), index.begin() + *axis);
    int64_t at = flatIndex(index.slice(*axis, indicesRank), indicesShape);
    source.push_back((*indices)[at]);
    llvm::append_range(source, index.drop_front(*axis + indicesRank));
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

//===----------------------------------------------------------------------===//
// GatherNd
//===----------------------------------------------------------------------===//

LogicalResult GatherNdOp::verify() {
  if (failed(verifyIndexType(*this, getIndices(), "indices")))
    return failure();
  auto indices = rankedOf(getIndices());
  if (!indices)
    return success();
  if (indices.getRank() < 1)
    return emitOpError() << "'indices' must have rank >= 1, got "
                         << getIndices().getType();
  int64_t k = indices.getShape().back();
  int64_t rank = rankOf(getParams());
  if (!ShapedType::isDynamic(k) && rank != -1 && k > rank)
    return emitOpError() << "the last dim of 'indices' (" << k
                         << ") is larger than the rank of 'params' (" << rank
                         << ")";
  return success();
}

LogicalResult GatherNdOp::refineResultTypes() {
  auto params = rankedOf(getParams());
  auto indices = rankedOf(getIndices());
  if (!params || !indices || indices.getRank() < 1 ||
      indices.isDynamicDim(indices.getRank() - 1))
    return success();
  int64_t k = indices.getShape().back();
  SmallVector<int64_t> dims(indices.getShape().drop_back());
  llvm::append_range(dims, params.getShape().drop_front(k));
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, params.getElementType()));
}

OpFoldResult GatherNdOp::fold(FoldAdaptor adaptor) {
  auto params = dyn_cast_or_null<DenseElementsAttr>(adaptor.getParams());
  auto indices = getConstantInts(getIndices());
  auto indicesType = rankedOf(getIndices());
  RankedTensorType type = foldableType(getOutput());
  if (!params || !indices || !type || !indicesType ||
      !indicesType.hasStaticShape() || indicesType.getRank() < 1)
    return {};
  ArrayRef<int64_t> inShape = params.getType().getShape();
  int64_t k = indicesType.getShape().back();
  int64_t outer = indicesType.getRank() - 1;
  if (k > static_cast<int64_t>(inShape.size()))
    return {};
  // Out-of-range indices are a run-time error in TF: leave them unfolded.
  for (auto [n, i] : llvm::enumerate(*indices))
    if (i < 0 || i >= inShape[n % k])
      return {};
  SmallVector<int64_t> source;
  return gatherConstant({params}, {}, type, [&](ArrayRef<int64_t> index) {
    int64_t row = flatIndex(index.take_front(outer),
                            indicesType.getShape().drop_back());
    source.assign(indices->begin() + row * k, indices->begin() + (row + 1) * k);
    llvm::append_range(source, index.drop_front(outer));
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

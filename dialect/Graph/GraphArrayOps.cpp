//===- GraphArrayOps.cpp - verifiers, folders, shapes of array ops --------===//
//
// The array family (GraphArrayOps.td): TF's rules as verifiers (on types)
// and as shape-function errors (on constant index operands), TF's shape
// functions, and folders. The folders matter beyond constant weights: Keras
// graphs compute reshape targets at run time (Shape -> StridedSlice -> Pack
// -> Reshape), and once the feed shapes are known Shape folds to a constant
// and the rest of the chain folds after it, so graph-infer-shapes +
// canonicalize make every shape static. StridedSlice follows TF's
// ValidateStridedSliceOp (sparse spec -> dense spec, clamping, masks) so that
// its folder, its shape function and its lowering agree with TF.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

using namespace mlir;
using namespace graphc::graph;

namespace {

constexpr int64_t kDynamic = ShapedType::kDynamic;

/// Static element count of `v`'s type, or -1.
int64_t staticCountOf(Value v) {
  auto type = rankedOf(v);
  return type && type.hasStaticShape() ? type.getNumElements() : -1;
}

/// The single value of a constant integer operand (a scalar or a
/// one-element tensor).
std::optional<int64_t> getConstantInt(Value v) {
  auto values = getConstantInts(v);
  if (!values || values->size() != 1)
    return std::nullopt;
  return values->front();
}

/// `axis` in [-rank, rank) as an index in [0, rank), or nullopt.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

/// Fails with `message` unless `v` is (or may be, being unranked) of rank
/// `rank`.
LogicalResult verifyRank(Operation *op, Value v, int64_t rank,
                         StringRef name) {
  int64_t actual = rankOf(v);
  if (actual == -1 || actual == rank)
    return success();
  return op->emitOpError() << "'" << name << "' must be "
                           << (rank == 0   ? "a scalar"
                               : rank == 1 ? "1-D"
                                           : std::to_string(rank) + "-D")
                           << ", got " << v.getType();
}

/// Fails unless `v` is an int32 or int64 tensor.
LogicalResult verifyIndexType(Operation *op, Value v, StringRef name) {
  Type element = elementOf(v);
  if (element.isInteger(32) || element.isInteger(64))
    return success();
  return op->emitOpError() << "'" << name
                           << "' must be int32 or int64, got " << element;
}

/// Fails unless every value in `values` has `element` as element type.
LogicalResult verifyElementTypes(Operation *op, ValueRange values,
                                 Type element, StringRef what) {
  for (auto [i, v] : llvm::enumerate(values))
    if (elementOf(v) != element)
      return op->emitOpError() << what << " " << i << " has element type "
                               << elementOf(v) << ", expected " << element;
  return success();
}

/// Merges `a` into `merged` dim by dim (dynamic dims take the other side);
/// false on a conflict between two static sizes.
bool mergeDims(SmallVectorImpl<int64_t> &merged, ArrayRef<int64_t> a) {
  for (auto [m, d] : llvm::zip(merged, a)) {
    if (ShapedType::isDynamic(d))
      continue;
    if (!ShapedType::isDynamic(m) && m != d)
      return false;
    m = d;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Constant folding by index mapping
//===----------------------------------------------------------------------===//

/// The static type of `result` if its shape is static and the constant it
/// would fold to is small enough (or `splat`), else null.
RankedTensorType foldableType(Value result, bool splat = false) {
  auto type = rankedOf(result);
  if (!type || !type.hasStaticShape())
    return {};
  if (!splat && type.getNumElements() > kMaxFoldElements)
    return {};
  if (!type.getElementType().isIntOrFloat())
    return {};
  return type;
}

/// Calls fn(index) for every multi-index of `shape`, in row-major order.
void forEachIndex(ArrayRef<int64_t> shape,
                  function_ref<void(ArrayRef<int64_t>)> fn) {
  int64_t count = ShapedType::getNumElements(shape);
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t n = 0; n < count; ++n) {
    fn(index);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

/// Row-major flat index of `index` in `shape`.
int64_t flatIndex(ArrayRef<int64_t> index, ArrayRef<int64_t> shape) {
  int64_t flat = 0;
  for (auto [i, d] : llvm::zip(index, shape))
    flat = flat * d + i;
  return flat;
}

/// Where an element of a folded result comes from: element `index` of
/// source `source` (-1: the fill value).
struct SourceElement {
  int source;
  int64_t index;
};
using SourceFn = function_ref<SourceElement(ArrayRef<int64_t>)>;

/// A constant of `type` whose element at each index is the source element
/// `fn` names. Sources (and `fill`, a one-element constant) must have
/// `type`'s element type. Null if an element type is not int or float.
DenseElementsAttr gatherConstant(ArrayRef<DenseElementsAttr> sources,
                                 DenseElementsAttr fill, RankedTensorType type,
                                 SourceFn fn) {
  Type element = type.getElementType();
  if (!element.isIntOrFloat())
    return {};
  auto sourceOf = [&](int s) { return s < 0 ? fill : sources[s]; };
  unsigned bits = element.getIntOrFloatBitWidth();
  if (bits % 8 == 0) {
    size_t bytes = bits / 8;
    std::vector<char> data(type.getNumElements() * bytes);
    char *out = data.data();
    forEachIndex(type.getShape(), [&](ArrayRef<int64_t> index) {
      SourceElement e = fn(index);
      DenseElementsAttr attr = sourceOf(e.source);
      ArrayRef<char> raw = attr.getRawData();
      std::memcpy(out, raw.data() + (attr.isSplat() ? 0 : e.index * bytes),
                  bytes);
      out += bytes;
    });
    return DenseElementsAttr::getFromRawBuffer(type, data);
  }
  // i1 and other sub-byte integers.
  if (!isa<IntegerType>(element))
    return {};
  SmallVector<APInt> values;
  values.reserve(type.getNumElements());
  forEachIndex(type.getShape(), [&](ArrayRef<int64_t> index) {
    SourceElement e = fn(index);
    values.push_back(sourceOf(e.source).getValues<APInt>()[e.index]);
  });
  return DenseElementsAttr::get(type, values);
}

/// `value` (a constant) reinterpreted as `type` (same elements, row-major).
OpFoldResult foldReshape(Attribute value, Value result) {
  auto attr = dyn_cast_or_null<DenseElementsAttr>(value);
  RankedTensorType type = foldableType(result, attr && attr.isSplat());
  if (!attr || !type || type.getNumElements() != attr.getNumElements() ||
      type.getElementType() != attr.getElementType())
    return {};
  return attr.reshape(type);
}

/// The splat constant of `result`'s static type holding `value` (0 or 1).
OpFoldResult foldSplat(Value result, int64_t value) {
  RankedTensorType type = foldableType(result, /*splat=*/true);
  if (!type)
    return {};
  Type element = type.getElementType();
  Attribute scalar = isa<FloatType>(element)
                         ? Attribute(FloatAttr::get(element, double(value)))
                         : Attribute(IntegerAttr::get(element, value));
  return DenseElementsAttr::get(type, scalar);
}

/// The integer constant of `result`'s static type holding `values`.
OpFoldResult foldInts(Value result, ArrayRef<int64_t> values) {
  RankedTensorType type = foldableType(result);
  if (!type || !isa<IntegerType>(type.getElementType()) ||
      type.getNumElements() != static_cast<int64_t>(values.size()))
    return {};
  unsigned width = type.getElementType().getIntOrFloatBitWidth();
  SmallVector<APInt> ints;
  for (int64_t v : values)
    ints.push_back(APInt(width, v, /*isSigned=*/true, /*implicitTrunc=*/true));
  return DenseElementsAttr::get(type, ints);
}

/// The DenseElementsAttrs of `attrs`, if all are.
std::optional<SmallVector<DenseElementsAttr>>
getDenseAttrs(ArrayRef<Attribute> attrs) {
  SmallVector<DenseElementsAttr> dense;
  for (Attribute a : attrs) {
    auto d = dyn_cast_or_null<DenseElementsAttr>(a);
    if (!d)
      return std::nullopt;
    dense.push_back(d);
  }
  return dense;
}

} // namespace

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
// Transpose
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::verify() {
  if (failed(verifyIndexType(*this, getPerm(), "perm")) ||
      failed(verifyRank(*this, getPerm(), 1, "perm")))
    return failure();
  int64_t count = staticCountOf(getPerm());
  int64_t rank = rankOf(getX());
  if (count != -1 && rank != -1 && count != rank)
    return emitOpError() << "'perm' has " << count << " entries but 'x' has rank "
                         << rank;
  return success();
}

/// `perm` if it is a permutation of [0, perm.size()).
static bool isPermutation(ArrayRef<int64_t> perm) {
  SmallVector<bool> seen(perm.size(), false);
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(perm.size()) || seen[p])
      return false;
    seen[p] = true;
  }
  return true;
}

LogicalResult TransposeOp::refineResultTypes() {
  auto perm = getConstantInts(getPerm());
  if (!perm)
    return success();
  if (!isPermutation(*perm)) {
    auto diag = emitOpError() << "'perm' [";
    llvm::interleaveComma(*perm, diag);
    return diag << "] is not a permutation of 0.." << perm->size() - 1;
  }
  auto x = rankedOf(getX());
  SmallVector<int64_t> dims(perm->size(), kDynamic);
  if (x) {
    if (x.getRank() != static_cast<int64_t>(perm->size()))
      return emitOpError() << "'perm' has " << perm->size()
                           << " entries but 'x' has rank " << x.getRank();
    for (auto [i, p] : llvm::enumerate(*perm))
      dims[i] = x.getDimSize(p);
  }
  return refineResult(*this, getY(), RankedTensorType::get(dims, elementOf(getX())));
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  auto perm = getConstantInts(getPerm());
  if (!perm || !isPermutation(*perm))
    return {};
  if (getX().getType() == getType() &&
      llvm::equal(*perm, llvm::seq<int64_t>(0, perm->size())))
    return getX();
  auto x = dyn_cast_or_null<DenseElementsAttr>(adaptor.getX());
  RankedTensorType type = foldableType(getY(), x && x.isSplat());
  if (!x || !type || type.getRank() != static_cast<int64_t>(perm->size()))
    return {};
  if (x.isSplat())
    return x.resizeSplat(type);
  ArrayRef<int64_t> inShape = x.getType().getShape();
  SmallVector<int64_t> source(perm->size());
  return gatherConstant({x}, {}, type, [&](ArrayRef<int64_t> index) {
    for (auto [i, p] : llvm::enumerate(*perm))
      source[p] = index[i];
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

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
// Pad, PadV2, MirrorPad
//===----------------------------------------------------------------------===//

/// TF's rules on `paddings`: int32/int64, [rank, 2].
static LogicalResult verifyPaddings(Operation *op, Value input, Value paddings) {
  if (failed(verifyIndexType(op, paddings, "paddings")) ||
      failed(verifyRank(op, paddings, 2, "paddings")))
    return failure();
  auto type = rankedOf(paddings);
  if (!type)
    return success();
  if (!type.isDynamicDim(1) && type.getDimSize(1) != 2)
    return op->emitOpError() << "'paddings' must be a matrix with 2 columns, got "
                             << type;
  int64_t rank = rankOf(input);
  if (!type.isDynamicDim(0) && rank != -1 && type.getDimSize(0) != rank)
    return op->emitOpError() << "'paddings' has " << type.getDimSize(0)
                             << " rows but 'input' has rank " << rank;
  return success();
}

/// The constant paddings of a pad op as (before, after) per dim; nullopt
/// if unknown; failure after an error (negative, or too large for
/// MirrorPad with `maxExtra` = 0 for REFLECT, 1 for SYMMETRIC).
static FailureOr<std::optional<SmallVector<std::pair<int64_t, int64_t>>>>
getPaddings(Operation *op, Value input, Value paddings,
            std::optional<int64_t> maxExtra = std::nullopt) {
  using Result = std::optional<SmallVector<std::pair<int64_t, int64_t>>>;
  auto values = getConstantInts(paddings);
  auto type = rankedOf(input);
  if (!values)
    return Result();
  SmallVector<std::pair<int64_t, int64_t>> pads;
  for (size_t d = 0; d + 1 < values->size(); d += 2)
    pads.push_back({(*values)[d], (*values)[d + 1]});
  if (type && static_cast<int64_t>(pads.size()) != type.getRank())
    return op->emitOpError() << "'paddings' has " << pads.size()
                             << " rows but 'input' has rank " << type.getRank();
  for (auto [d, p] : llvm::enumerate(pads)) {
    if (p.first < 0 || p.second < 0)
      return op->emitOpError() << "paddings of dim " << d
                               << " must be non-negative, got [" << p.first
                               << ", " << p.second << "]";
    if (!maxExtra || !type || type.isDynamicDim(d))
      continue;
    int64_t limit = type.getDimSize(d) - 1 + *maxExtra;
    if (p.first > limit || p.second > limit)
      return op->emitOpError()
             << "paddings [" << p.first << ", " << p.second << "] of dim " << d
             << " must be at most " << limit << " in "
             << (*maxExtra ? "SYMMETRIC" : "REFLECT") << " mode (dim size "
             << type.getDimSize(d) << ")";
  }
  return Result(std::move(pads));
}

/// Result type of a pad op, once its paddings are known.
static LogicalResult
refinePadded(Operation *op, Value input, Value paddings, Value output,
             std::optional<int64_t> maxExtra = std::nullopt) {
  auto pads = getPaddings(op, input, paddings, maxExtra);
  if (failed(pads))
    return failure();
  if (!*pads)
    return success();
  auto type = rankedOf(input);
  SmallVector<int64_t> dims;
  for (auto [d, p] : llvm::enumerate(**pads)) {
    int64_t size = type ? type.getDimSize(d) : kDynamic;
    dims.push_back(ShapedType::isDynamic(size) ? kDynamic
                                               : size + p.first + p.second);
  }
  return refineResult(op, output, RankedTensorType::get(dims, elementOf(input)));
}

/// Maps a padded index to the input index it reads, or -1 for the pad value
/// (`mirror` = -1), or by reflection (`mirror` 0: REFLECT, 1: SYMMETRIC).
static int64_t unpadIndex(int64_t i, int64_t before, int64_t size,
                          int64_t mirror) {
  i -= before;
  if (i >= 0 && i < size)
    return i;
  if (mirror < 0)
    return -1;
  if (i < 0)
    return -i - mirror;
  return 2 * size - 2 - i + mirror;
}

/// Folds a pad op of the constant `inputAttr`; `fill` is the pad value
/// (null for MirrorPad, whose `mirror` is 0 or 1).
static OpFoldResult foldPad(Operation *op, Attribute inputAttr, Value paddings,
                            DenseElementsAttr fill, int64_t mirror) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(inputAttr);
  RankedTensorType type = foldableType(op->getResult(0));
  auto values = getConstantInts(paddings);
  if (!input || !type || !values ||
      values->size() != 2 * static_cast<size_t>(type.getRank()))
    return {};
  ArrayRef<int64_t> inShape = input.getType().getShape();
  SmallVector<int64_t> source;
  return gatherConstant({input}, fill, type, [&](ArrayRef<int64_t> index) {
    source.assign(index.begin(), index.end());
    for (size_t d = 0; d < source.size(); ++d) {
      source[d] = unpadIndex(source[d], (*values)[2 * d], inShape[d], mirror);
      if (source[d] < 0)
        return SourceElement{-1, 0};
    }
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

LogicalResult PadOp::verify() {
  return verifyPaddings(*this, getInput(), getPaddings());
}
LogicalResult PadOp::refineResultTypes() {
  return refinePadded(*this, getInput(), getPaddings(), getOutput());
}
OpFoldResult PadOp::fold(FoldAdaptor adaptor) {
  Type element = elementOf(getInput());
  if (!element.isIntOrFloat())
    return {};
  Attribute zeroValue = Builder(getContext()).getZeroAttr(element);
  auto zero = DenseElementsAttr::get(RankedTensorType::get({}, element),
                                     zeroValue);
  return foldPad(*this, adaptor.getInput(), getPaddings(), zero, -1);
}

LogicalResult PadV2Op::verify() {
  if (failed(verifyRank(*this, getConstantValues(), 0, "constant_values")))
    return failure();
  return verifyPaddings(*this, getInput(), getPaddings());
}
LogicalResult PadV2Op::refineResultTypes() {
  return refinePadded(*this, getInput(), getPaddings(), getOutput());
}
OpFoldResult PadV2Op::fold(FoldAdaptor adaptor) {
  auto fill = dyn_cast_or_null<DenseElementsAttr>(adaptor.getConstantValues());
  if (!fill)
    return {};
  return foldPad(*this, adaptor.getInput(), getPaddings(), fill, -1);
}

/// 0 for REFLECT, 1 for SYMMETRIC: how far MirrorPad may pad past dim - 1.
static int64_t mirrorExtra(StringRef mode) { return mode == "SYMMETRIC"; }

LogicalResult MirrorPadOp::verify() {
  if (getMode() != "REFLECT" && getMode() != "SYMMETRIC")
    return emitOpError() << "mode must be REFLECT or SYMMETRIC, got '"
                         << getMode() << "'";
  return verifyPaddings(*this, getInput(), getPaddings());
}
LogicalResult MirrorPadOp::refineResultTypes() {
  return refinePadded(*this, getInput(), getPaddings(), getOutput(),
                      mirrorExtra(getMode()));
}
OpFoldResult MirrorPadOp::fold(FoldAdaptor adaptor) {
  return foldPad(*this, adaptor.getInput(), getPaddings(), {},
                 mirrorExtra(getMode()));
}

//===----------------------------------------------------------------------===//
// Tile, Fill, ZerosLike, OnesLike
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

//===----------------------------------------------------------------------===//
// DepthToSpace, SpaceToDepth
//===----------------------------------------------------------------------===//

/// Checks what DepthToSpace and SpaceToDepth share: a 4-D input, a block
/// size of at least 2, the dims that must divide by it (the depth by bs^2
/// for DepthToSpace, H and W by bs for SpaceToDepth), a known layout.
LogicalResult graphc::graph::verifyBlockShuffle(Operation *op, Value input,
                                               int64_t block, StringRef format,
                                               bool toSpace) {
  if (failed(verifyRank(op, input, 4, "input")))
    return failure();
  if (block < 2)
    return op->emitOpError() << "block_size must be at least 2, got " << block;
  if (format != "NHWC" && format != "NCHW" && format != "NCHW_VECT_C")
    return op->emitOpError() << "unknown data_format '" << format << "'";
  auto type = rankedOf(input);
  if (!type || format != "NHWC")
    return success();
  auto check = [&](int64_t dim, int64_t divisor) -> LogicalResult {
    int64_t size = type.getDimSize(dim);
    if (ShapedType::isDynamic(size) || size % divisor == 0)
      return success();
    return op->emitOpError() << "input dim " << dim << " (" << size
                             << ") is not divisible by " << divisor;
  };
  if (toSpace)
    return check(3, block * block);
  return success(succeeded(check(1, block)) && succeeded(check(2, block)));
}

/// The NHWC result shape of a block shuffle of `input` (dynamic where the
/// input is).
static RankedTensorType blockShuffleType(Value input, int64_t block,
                                         bool toSpace) {
  auto type = rankedOf(input);
  if (!type)
    return {};
  auto scaled = [&](int64_t size, int64_t mul, int64_t div) {
    return ShapedType::isDynamic(size) ? kDynamic : size * mul / div;
  };
  ArrayRef<int64_t> in = type.getShape();
  SmallVector<int64_t> dims =
      toSpace ? SmallVector<int64_t>{in[0], scaled(in[1], block, 1),
                                     scaled(in[2], block, 1),
                                     scaled(in[3], 1, block * block)}
              : SmallVector<int64_t>{in[0], scaled(in[1], 1, block),
                                     scaled(in[2], 1, block),
                                     scaled(in[3], block * block, 1)};
  return RankedTensorType::get(dims, type.getElementType());
}

/// The input index of the element at `out` of an NHWC DepthToSpace
/// (`toSpace`) or SpaceToDepth whose input has shape `in`.
static SmallVector<int64_t, 4> blockShuffleSource(ArrayRef<int64_t> out,
                                                  ArrayRef<int64_t> in,
                                                  int64_t block,
                                                  bool toSpace) {
  if (toSpace) {
    int64_t depth = in[3] / (block * block);
    int64_t i = out[1] % block, j = out[2] % block;
    return {out[0], out[1] / block, out[2] / block,
            (i * block + j) * depth + out[3]};
  }
  int64_t depth = in[3];
  int64_t offset = out[3] / depth;
  return {out[0], out[1] * block + offset / block,
          out[2] * block + offset % block, out[3] % depth};
}

LogicalResult graphc::graph::refineBlockShuffle(Operation *op, Value input,
                                               Value output, int64_t block,
                                               StringRef format, bool toSpace) {
  if (format != "NHWC")
    return success();
  RankedTensorType type = blockShuffleType(input, block, toSpace);
  return type ? refineResult(op, output, type) : success();
}

OpFoldResult graphc::graph::foldBlockShuffle(Value output, Attribute inputAttr,
                                             int64_t block, StringRef format,
                                             bool toSpace) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(inputAttr);
  RankedTensorType type = foldableType(output, input && input.isSplat());
  if (!input || !type || format != "NHWC")
    return {};
  if (input.isSplat())
    return input.resizeSplat(type);
  ArrayRef<int64_t> inShape = input.getType().getShape();
  return gatherConstant({input}, {}, type, [&](ArrayRef<int64_t> index) {
    return SourceElement{
        0, flatIndex(blockShuffleSource(index, inShape, block, toSpace),
                     inShape)};
  });
}

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

//===- GraphArrayUtils.cpp - helpers shared by the array family -----------===//
//
// The helpers the array family's files (GraphArray*Ops.cpp) share, declared
// in GraphArrayUtils.h (namespace detail): index-operand checks (ranks,
// int32/int64 types, axes) and constant folding by index mapping (a folded
// result whose every element is an element of a source constant).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <cstring>

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph::detail {

//===----------------------------------------------------------------------===//
// Index operands and axes
//===----------------------------------------------------------------------===//

int64_t staticCountOf(Value v) {
  auto type = rankedOf(v);
  return type && type.hasStaticShape() ? type.getNumElements() : -1;
}

std::optional<int64_t> getConstantInt(Value v) {
  auto values = getConstantInts(v);
  if (!values || values->size() != 1)
    return std::nullopt;
  return values->front();
}

std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

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

LogicalResult verifyIndexType(Operation *op, Value v, StringRef name) {
  Type element = elementOf(v);
  if (element.isInteger(32) || element.isInteger(64))
    return success();
  return op->emitOpError() << "'" << name
                           << "' must be int32 or int64, got " << element;
}

LogicalResult verifyElementTypes(Operation *op, ValueRange values,
                                 Type element, StringRef what) {
  for (auto [i, v] : llvm::enumerate(values))
    if (elementOf(v) != element)
      return op->emitOpError() << what << " " << i << " has element type "
                               << elementOf(v) << ", expected " << element;
  return success();
}

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

RankedTensorType foldableType(Value result, bool splat) {
  auto type = rankedOf(result);
  if (!type || !type.hasStaticShape())
    return {};
  if (!splat && type.getNumElements() > kMaxFoldElements)
    return {};
  if (!type.getElementType().isIntOrFloat())
    return {};
  return type;
}

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

int64_t flatIndex(ArrayRef<int64_t> index, ArrayRef<int64_t> shape) {
  int64_t flat = 0;
  for (auto [i, d] : llvm::zip(index, shape))
    flat = flat * d + i;
  return flat;
}

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

OpFoldResult foldReshape(Attribute value, Value result) {
  auto attr = dyn_cast_or_null<DenseElementsAttr>(value);
  RankedTensorType type = foldableType(result, attr && attr.isSplat());
  if (!attr || !type || type.getNumElements() != attr.getNumElements() ||
      type.getElementType() != attr.getElementType())
    return {};
  return attr.reshape(type);
}

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

} // namespace graphc::graph::detail

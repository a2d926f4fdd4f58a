//===- GraphFolds.cpp - constant folding and trivial forwarding -----------===//
//
// Folders of graph ops: identities forward their input, Const is its value,
// broadcasting binary ops on two constants compute the constant result (the
// same IEEE arithmetic TF does, element by element), and Reshape of a
// constant is the reshaped constant. graph-opt --canonicalize runs them.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Dialect/Traits.h"

using namespace mlir;
using namespace graphc::graph;

OpFoldResult ConstOp::fold(FoldAdaptor) { return getValue(); }

namespace {
enum class BinaryKind { Add, Sub, Mul, Div };

/// Computes `x <kind> y` elementwise with numpy broadcasting, or returns null
/// when either side is not a constant, the shapes are not static, or the
/// element type is one we do not fold.
Attribute foldBinary(BinaryKind kind, Attribute xAttr, Attribute yAttr,
                     Type resultType) {
  auto x = dyn_cast_or_null<DenseElementsAttr>(xAttr);
  auto y = dyn_cast_or_null<DenseElementsAttr>(yAttr);
  if (!x || !y)
    return {};
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(x.getType().getShape(),
                                          y.getType().getShape(), shape))
    return {};
  Type elementType = x.getType().getElementType();
  auto outType = RankedTensorType::get(shape, elementType);
  if (auto declared = dyn_cast<RankedTensorType>(resultType))
    if (declared.hasStaticShape() && declared != outType)
      return {};
  int64_t rank = shape.size();
  int64_t count = outType.getNumElements();
  // Strides of x and y in the broadcast index space (0 on broadcast dims).
  auto stridesFor = [&](ArrayRef<int64_t> s) {
    SmallVector<int64_t> strides(rank, 0);
    int64_t stride = 1;
    for (int64_t i = s.size() - 1, d = rank - 1; i >= 0; --i, --d) {
      strides[d] = s[i] == 1 ? 0 : stride;
      stride *= s[i];
    }
    return strides;
  };
  SmallVector<int64_t> xs = stridesFor(x.getType().getShape());
  SmallVector<int64_t> ys = stridesFor(y.getType().getShape());
  auto sourceIndex = [&](int64_t flat, ArrayRef<int64_t> strides,
                         bool splat) -> int64_t {
    if (splat)
      return 0;
    int64_t index = 0;
    for (int64_t d = rank - 1; d >= 0; --d) {
      index += (flat % shape[d]) * strides[d];
      flat /= shape[d];
    }
    return index;
  };

  if (isa<FloatType>(elementType)) {
    auto xv = x.getValues<APFloat>();
    auto yv = y.getValues<APFloat>();
    SmallVector<APFloat> out;
    out.reserve(count);
    for (int64_t i = 0; i < count; ++i) {
      APFloat a = xv[sourceIndex(i, xs, x.isSplat())];
      APFloat b = yv[sourceIndex(i, ys, y.isSplat())];
      switch (kind) {
      case BinaryKind::Add: a.add(b, APFloat::rmNearestTiesToEven); break;
      case BinaryKind::Sub: a.subtract(b, APFloat::rmNearestTiesToEven); break;
      case BinaryKind::Mul: a.multiply(b, APFloat::rmNearestTiesToEven); break;
      case BinaryKind::Div: a.divide(b, APFloat::rmNearestTiesToEven); break;
      }
      out.push_back(a);
    }
    return DenseElementsAttr::get(outType, out);
  }
  if (auto intType = dyn_cast<IntegerType>(elementType)) {
    if (kind == BinaryKind::Div || intType.getWidth() == 1)
      return {}; // RealDiv is for floats; bool arithmetic is not TF's.
    auto xv = x.getValues<APInt>();
    auto yv = y.getValues<APInt>();
    SmallVector<APInt> out;
    out.reserve(count);
    for (int64_t i = 0; i < count; ++i) {
      APInt a = xv[sourceIndex(i, xs, x.isSplat())];
      APInt b = yv[sourceIndex(i, ys, y.isSplat())];
      out.push_back(kind == BinaryKind::Add   ? a + b
                    : kind == BinaryKind::Sub ? a - b
                                              : a * b);
    }
    return DenseElementsAttr::get(outType, out);
  }
  return {};
}
} // namespace

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldBinary(BinaryKind::Add, adaptor.getX(), adaptor.getY(),
                    getType());
}
OpFoldResult AddV2Op::fold(FoldAdaptor adaptor) {
  return foldBinary(BinaryKind::Add, adaptor.getX(), adaptor.getY(),
                    getType());
}
OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldBinary(BinaryKind::Sub, adaptor.getX(), adaptor.getY(),
                    getType());
}
OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldBinary(BinaryKind::Mul, adaptor.getX(), adaptor.getY(),
                    getType());
}
OpFoldResult RealDivOp::fold(FoldAdaptor adaptor) {
  return foldBinary(BinaryKind::Div, adaptor.getX(), adaptor.getY(),
                    getType());
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

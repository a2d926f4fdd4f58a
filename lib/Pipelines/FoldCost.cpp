//===- FoldCost.cpp - what folding a constant op would cost ---------------===//
//
// Upper estimates from the static types alone (nothing is evaluated): the
// point is to refuse the hostile, not to predict the time of the sane.
//
//===----------------------------------------------------------------------===//
#include "FoldCost.h"

#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace graphc {
namespace {
constexpr int64_t kUnbounded = INT64_MAX;

int64_t saturatingMul(int64_t a, int64_t b) {
  int64_t product;
  return __builtin_mul_overflow(a, b, &product) ? kUnbounded : product;
}

int64_t saturatingAdd(int64_t a, int64_t b) {
  int64_t sum;
  return __builtin_add_overflow(a, b, &sum) ? kUnbounded : sum;
}

/// The static type of `v`, or null.
RankedTensorType staticType(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.hasStaticShape() ? type : RankedTensorType();
}

int64_t elements(Value v) {
  RankedTensorType type = staticType(v);
  if (!type)
    return kUnbounded;
  int64_t count = 1;
  for (int64_t d : type.getShape())
    count = saturatingMul(count, d);
  return count;
}

/// Dimension `index` of `v` (negative: from the back), or kUnbounded.
int64_t dim(Value v, int64_t index) {
  RankedTensorType type = staticType(v);
  if (!type || type.getRank() == 0)
    return kUnbounded;
  int64_t rank = type.getRank();
  int64_t i = index < 0 ? rank + index : index;
  return i >= 0 && i < rank ? type.getDimSize(i) : kUnbounded;
}

/// Multiply-adds per result element, for the ops that contract; 0 for the
/// others.
int64_t contractionSize(Operation *op) {
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case([](graph::MatMulOp m) {
        return dim(m.getA(), m.getTransposeA() ? 0 : 1);
      })
      .Case<graph::BatchMatMulOp, graph::BatchMatMulV2Op,
            graph::BatchMatMulV3Op>(
          [](auto m) { return dim(m.getX(), m.getAdjX() ? -2 : -1); })
      // Filters are HWIO: a Conv2D output element reads H*W*I of them, a
      // transposed one H*W*O, a depthwise one H*W.
      .Case([](graph::Conv2DOp c) {
        return saturatingMul(saturatingMul(dim(c.getFilter(), 0),
                                           dim(c.getFilter(), 1)),
                             dim(c.getFilter(), 2));
      })
      .Case([](graph::Conv2DBackpropInputOp c) {
        return saturatingMul(saturatingMul(dim(c.getFilter(), 0),
                                           dim(c.getFilter(), 1)),
                             dim(c.getFilter(), 3));
      })
      .Case([](graph::DepthwiseConv2dNativeOp c) {
        return saturatingMul(dim(c.getFilter(), 0), dim(c.getFilter(), 1));
      })
      // An einsum output element reads at most every element of its
      // largest operand.
      .Case([](graph::EinsumOp e) {
        int64_t largest = 0;
        for (Value input : e.getInputs())
          largest = std::max(largest, elements(input));
        return largest;
      })
      .Default([](Operation *) { return int64_t(0); });
}
} // namespace

bool addWithinFoldLimits(FoldCost &total, const FoldCost &cost) {
  if (cost.bytes > kMaxFoldResultBytes ||
      cost.bytes > kMaxFoldTotalBytes - total.bytes ||
      cost.work > kMaxFoldTotalWork - total.work)
    return false;
  total.bytes += cost.bytes;
  total.work += cost.work;
  return true;
}

FoldCost estimateFoldCost(Operation *op) {
  FoldCost cost;
  int64_t resultElements = 0;
  for (Value result : op->getResults()) {
    RankedTensorType type = staticType(result);
    if (!type)
      continue; // refused later: a folded value needs a static shape
    int64_t count = elements(result);
    resultElements = saturatingAdd(resultElements, count);
    // Other element types (strings, complex) are refused later.
    cost.bytes = saturatingAdd(
        cost.bytes,
        saturatingMul(count, graph::getElementBytes(type.getElementType())));
  }
  int64_t k = contractionSize(op);
  if (k > 0) {
    cost.work = saturatingMul(resultElements, k);
    return cost;
  }
  cost.work = resultElements;
  for (Value operand : op->getOperands())
    cost.work = saturatingAdd(cost.work, elements(operand));
  return cost;
}

} // namespace graphc

//===- GraphShapeInference.cpp - result shapes of graph ops ---------------===//
//
// ShapeInferenceOpInterface implementations: each op computes its result
// shape from its operand types the way TF's shape functions do, and
// refineResult() keeps whatever is more precise than the current type. Shape
// operands (Reshape's `shape`, Mean's `reduction_indices`) are read when they
// are constants.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace graphc::graph;

LogicalResult graphc::graph::refineResult(Operation *op, Value result,
                                          Type inferred) {
  auto current = cast<TensorType>(result.getType());
  auto next = dyn_cast<RankedTensorType>(inferred);
  if (!next)
    return success();
  auto ranked = dyn_cast<RankedTensorType>(current);
  if (!ranked) {
    result.setType(next);
    return success();
  }
  if (ranked.getRank() != next.getRank())
    return op->emitOpError() << "inferred result type " << next
                             << " conflicts with declared " << ranked;
  SmallVector<int64_t> dims(ranked.getShape());
  for (auto [i, d] : llvm::enumerate(next.getShape())) {
    if (ShapedType::isDynamic(d))
      continue;
    if (!ShapedType::isDynamic(dims[i]) && dims[i] != d)
      return op->emitOpError() << "inferred result type " << next
                               << " conflicts with declared " << ranked;
    dims[i] = d;
  }
  result.setType(RankedTensorType::get(dims, ranked.getElementType()));
  return success();
}

std::optional<SmallVector<int64_t>> graphc::graph::getConstantInts(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &x : attr.getValues<APInt>())
    values.push_back(x.getSExtValue());
  return values;
}

LogicalResult graphc::graph::refineSameAsOperand(Operation *op) {
  return refineResult(op, op->getResult(0), op->getOperand(0).getType());
}

LogicalResult graphc::graph::refineBroadcast(Operation *op, Type elementType) {
  auto x = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  auto y = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
  if (!x || !y)
    return success();
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(x.getShape(), y.getShape(), shape))
    return op->emitOpError() << "operand shapes " << x << " and " << y
                             << " are not broadcast-compatible";
  return refineResult(op, op->getResult(0),
                      RankedTensorType::get(shape, elementType
                                                       ? elementType
                                                       : x.getElementType()));
}

LogicalResult graphc::graph::broadcastShapes(Operation *op,
                                             ValueRange operands,
                                             SmallVectorImpl<int64_t> &shape,
                                             bool &ranked) {
  ranked = true;
  shape.clear();
  for (Value v : operands) {
    auto type = rankedOf(v);
    if (!type) {
      ranked = false;
      continue;
    }
    SmallVector<int64_t> next;
    if (!OpTrait::util::getBroadcastedShape(shape, type.getShape(), next)) {
      InFlightDiagnostic diag = op->emitOpError() << "operand shapes ";
      llvm::interleaveComma(operands, diag,
                            [&](Value o) { diag << o.getType(); });
      diag << " are not broadcast-compatible";
      return diag;
    }
    shape = std::move(next);
  }
  if (!ranked)
    shape.clear();
  return success();
}

LogicalResult graphc::graph::verifyBroadcastable(Operation *op,
                                                 ValueRange operands) {
  SmallVector<int64_t> shape;
  bool ranked;
  return broadcastShapes(op, operands, shape, ranked);
}

LogicalResult graphc::graph::verifyBroadcastPair(Operation *op) {
  auto x = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  auto y = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
  if (!x || !y)
    return success();
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(x.getShape(), y.getShape(), shape))
    return op->emitOpError() << "operand shapes " << x << " and " << y
                             << " are not broadcast-compatible";
  return success();
}

/// TF's output size of one spatial dimension (conv_ops / pooling shape fns).
int64_t graphc::graph::windowedOutputSize(int64_t in, int64_t window,
                                          int64_t stride, int64_t dilation,
                                          StringRef padding, int64_t padBefore,
                                          int64_t padAfter) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(window))
    return ShapedType::kDynamic;
  int64_t effective = (window - 1) * dilation + 1;
  if (padding == "SAME")
    return (in + stride - 1) / stride;
  if (padding == "EXPLICIT")
    in += padBefore + padAfter;
  if (in < effective)
    return 0;
  return (in - effective) / stride + 1;
}

int64_t graphc::graph::intAt(ArrayAttr a, unsigned i, int64_t dflt) {
  return a && a.size() > i ? cast<IntegerAttr>(a[i]).getInt() : dflt;
}

/// NHWC/NCHW 4-D windowed op result: [N, OH, OW, C] or [N, C, OH, OW].
RankedTensorType graphc::graph::windowedResultType(
    RankedTensorType input, int64_t channels, int64_t kh, int64_t kw,
    ArrayAttr strides, ArrayAttr dilations, StringRef padding,
    ArrayAttr explicitPaddings, StringRef format) {
  bool nchw = format == "NCHW";
  unsigned h = nchw ? 2 : 1, w = nchw ? 3 : 2;
  auto pad = [&](unsigned d, unsigned side) {
    return intAt(explicitPaddings, 2 * d + side, 0);
  };
  int64_t oh = windowedOutputSize(input.getDimSize(h), kh, intAt(strides, h),
                                  intAt(dilations, h), padding, pad(h, 0),
                                  pad(h, 1));
  int64_t ow = windowedOutputSize(input.getDimSize(w), kw, intAt(strides, w),
                                  intAt(dilations, w), padding, pad(w, 0),
                                  pad(w, 1));
  SmallVector<int64_t> dims =
      nchw ? SmallVector<int64_t>{input.getDimSize(0), channels, oh, ow}
           : SmallVector<int64_t>{input.getDimSize(0), oh, ow, channels};
  return RankedTensorType::get(dims, input.getElementType());
}

LogicalResult IdentityNOp::refineResultTypes() {
  for (auto [in, out] : llvm::zip(getInput(), getOutput()))
    if (failed(refineResult(*this, out, in.getType())))
      return failure();
  return success();
}
LogicalResult SoftmaxOp::refineResultTypes() { return refineSameAsOperand(*this); }
LogicalResult BiasAddOp::refineResultTypes() { return refineSameAsOperand(*this); }

LogicalResult MatMulOp::refineResultTypes() {
  auto a = rankedOf(getA());
  auto b = rankedOf(getB());
  int64_t m = a ? a.getDimSize(getTransposeA() ? 1 : 0) : ShapedType::kDynamic;
  int64_t n = b ? b.getDimSize(getTransposeB() ? 0 : 1) : ShapedType::kDynamic;
  return refineResult(*this, getProduct(),
                      RankedTensorType::get({m, n}, elementOf(getA())));
}

LogicalResult Conv2DOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  auto filter = rankedOf(getFilter());
  if (!input || !filter)
    return success();
  return refineResult(
      *this, getOutput(),
      windowedResultType(input, filter.getDimSize(3), filter.getDimSize(0),
                         filter.getDimSize(1), getStrides(), getDilations(),
                         getPadding(), getExplicitPaddings(), getDataFormat()));
}

LogicalResult graphc::graph::refinePool(Operation *op, Value input,
                                        ArrayAttr ksize, ArrayAttr strides,
                                        StringRef padding, StringRef format) {
  auto type = rankedOf(input);
  if (!type)
    return success();
  bool nchw = format == "NCHW";
  unsigned h = nchw ? 2 : 1, w = nchw ? 3 : 2, c = nchw ? 1 : 3;
  return refineResult(op, op->getResult(0),
                      windowedResultType(type, type.getDimSize(c),
                                         intAt(ksize, h), intAt(ksize, w),
                                         strides, ArrayAttr(), padding,
                                         ArrayAttr(), format));
}

LogicalResult MeanOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  auto axes = getConstantInts(getReductionIndices());
  if (!input || !axes)
    return success();
  int64_t rank = input.getRank();
  SmallVector<bool> reduced(rank, false);
  for (int64_t axis : *axes) {
    if (axis < -rank || axis >= rank)
      return emitOpError() << "reduction index " << axis
                           << " is out of range for rank " << rank;
    reduced[axis < 0 ? axis + rank : axis] = true;
  }
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced[d])
      dims.push_back(input.getDimSize(d));
    else if (getKeepDims())
      dims.push_back(1);
  }
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(dims, input.getElementType()));
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

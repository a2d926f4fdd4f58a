//===- GraphShapeUtils.cpp - helpers for op shape functions ---------------===//
//
// The helpers GraphShapeUtils.h declares for every family's verifiers,
// folders and refineResultTypes(): refineResult() keeps whatever is more
// precise than the current type, numpy broadcasting, TF's windowed output
// sizes. The ops' own ShapeInferenceOpInterface implementations are in their
// family's .cpp (or defined by their op class).
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
  // A Tile or Fill can ask for more than 64 bits can count.
  auto refined = RankedTensorType::get(dims, ranked.getElementType());
  if (!hasRepresentableSize(refined))
    return op->emitOpError()
           << "inferred result shape " << shapeToString(dims) << " of "
           << refined.getElementType() << " needs 2^63 bytes or more";
  result.setType(refined);
  return success();
}

int64_t graphc::graph::getElementBytes(Type element) {
  return element.isIntOrFloat()
             ? std::max<int64_t>(element.getIntOrFloatBitWidth() / 8, 1)
             : 1;
}

bool graphc::graph::hasRepresentableSize(RankedTensorType type) {
  int64_t bytes = getElementBytes(type.getElementType());
  for (int64_t d : type.getShape())
    if (!ShapedType::isDynamic(d) && __builtin_mul_overflow(bytes, d, &bytes))
      return false;
  return true;
}

std::string graphc::graph::shapeToString(ArrayRef<int64_t> dims) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(
      dims, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << "?";
        else
          os << d;
      },
      "x");
  return text;
}

std::optional<SmallVector<int64_t>> graphc::graph::getConstantInts(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  // A splat of any shape is one attribute; its values are not (a [2^30]
  // splat of shape ints would be 8 GB here). Shapes, axes, permutations
  // and indices of real graphs are far smaller.
  if (attr.getNumElements() > kMaxFoldElements)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &x : attr.getValues<APInt>())
    values.push_back(x.getSExtValue());
  return values;
}

LogicalResult graphc::graph::refineSameAsOperand(Operation *op) {
  return refineResult(op, op->getResult(0), op->getOperand(0).getType());
}

/// The numpy broadcast of operands 0 and 1 into `shape` (false when either
/// is unranked); fails, with the error, when they do not broadcast.
static FailureOr<bool> broadcastPair(Operation *op,
                                     SmallVectorImpl<int64_t> &shape) {
  auto x = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  auto y = dyn_cast<RankedTensorType>(op->getOperand(1).getType());
  if (!x || !y)
    return false;
  if (!OpTrait::util::getBroadcastedShape(x.getShape(), y.getShape(), shape))
    return op->emitOpError() << "operand shapes " << x << " and " << y
                             << " are not broadcast-compatible";
  return true;
}

LogicalResult graphc::graph::refineBroadcast(Operation *op, Type elementType) {
  SmallVector<int64_t> shape;
  FailureOr<bool> ranked = broadcastPair(op, shape);
  if (failed(ranked) || !*ranked)
    return success(succeeded(ranked));
  return refineResult(
      op, op->getResult(0),
      RankedTensorType::get(shape, elementType ? elementType
                                               : elementOf(op->getOperand(0))));
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
  SmallVector<int64_t> shape;
  return success(succeeded(broadcastPair(op, shape)));
}

bool graphc::graph::forEachBroadcastElement(
    ArrayRef<int64_t> resultShape, ArrayRef<ArrayRef<int64_t>> operandShapes,
    function_ref<bool(ArrayRef<int64_t>)> fn) {
  int64_t rank = resultShape.size();
  // Each operand's stride along each result dim (0 where it broadcasts).
  SmallVector<SmallVector<int64_t>> strides;
  for (ArrayRef<int64_t> shape : operandShapes) {
    if (static_cast<int64_t>(shape.size()) > rank)
      return false;
    SmallVector<int64_t> &s = strides.emplace_back(rank, 0);
    int64_t stride = 1;
    for (int64_t i = shape.size() - 1, d = rank - 1; i >= 0; --i, --d) {
      if (shape[i] != resultShape[d] && shape[i] != 1)
        return false;
      s[d] = shape[i] == 1 ? 0 : stride;
      stride *= shape[i];
    }
  }
  int64_t count = ShapedType::getNumElements(resultShape);
  SmallVector<int64_t> index(rank, 0);
  SmallVector<int64_t> offsets(operandShapes.size());
  for (int64_t flat = 0; flat < count; ++flat) {
    for (auto [offset, s] : llvm::zip(offsets, strides)) {
      offset = 0;
      for (int64_t d = 0; d < rank; ++d)
        offset += index[d] * s[d];
    }
    if (!fn(offsets))
      return false;
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < resultShape[d])
        break;
      index[d] = 0;
    }
  }
  return true;
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

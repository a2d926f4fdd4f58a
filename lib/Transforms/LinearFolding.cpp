//===- LinearFolding.cpp - folding affine epilogues into weights ----------===//
#include "LinearFolding.h"

#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::linear_folding {

std::optional<SmallVector<float>> getConstFloats(Value v) {
  DenseElementsAttr attr;
  if (!v || !v.getDefiningOp<ConstOp>() || !matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  if (!attr.getElementType().isF32() || !attr.getType().hasStaticShape())
    return std::nullopt;
  // Weights and channel vectors are read whole (a splat too): as for
  // every fold, within kMaxFoldElements.
  if (attr.getNumElements() > graph::kMaxFoldElements)
    return std::nullopt;
  return llvm::to_vector(attr.getValues<float>());
}

namespace {
/// The static f32 type of `v`, or null.
RankedTensorType staticF32(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape() || !type.getElementType().isF32())
    return {};
  return type;
}

/// Fills `linear` from the weights operand; false if they are not constant.
bool setWeights(LinearOp &linear, unsigned index) {
  Value w = linear.op->getOperand(index);
  linear.weightType = staticF32(w);
  auto values = getConstFloats(w);
  if (!linear.weightType || !values)
    return false;
  linear.weightIndex = index;
  linear.weights = std::move(*values);
  return true;
}
} // namespace

std::optional<LinearOp> matchLinear(Value v) {
  if (!v || !v.hasOneUse())
    return std::nullopt;
  Operation *op = v.getDefiningOp();
  RankedTensorType result = staticF32(v);
  if (!op || !result || result.getRank() < 2)
    return std::nullopt;
  LinearOp linear;
  linear.op = op;
  linear.channels = result.getShape().back();
  if (auto conv = dyn_cast<Conv2DOp>(op)) {
    // HWIO filter: output channel = last dim.
    if (conv.getDataFormat() != "NHWC" || !setWeights(linear, 1) ||
        linear.weightType.getRank() != 4 ||
        linear.weightType.getDimSize(3) != linear.channels)
      return std::nullopt;
    return linear;
  }
  if (auto conv = dyn_cast<DepthwiseConv2dNativeOp>(op)) {
    // [H, W, C, M] filter: output channel c * M + m = the flat index of the
    // last two dims.
    if (conv.getDataFormat() != "NHWC" || !setWeights(linear, 1) ||
        linear.weightType.getRank() != 4 ||
        linear.weightType.getDimSize(2) * linear.weightType.getDimSize(3) !=
            linear.channels)
      return std::nullopt;
    return linear;
  }
  if (auto matmul = dyn_cast<MatMulOp>(op)) {
    // b is [K, N], or [N, K] with transpose_b.
    if (result.getRank() != 2 || !setWeights(linear, 1) ||
        linear.weightType.getRank() != 2)
      return std::nullopt;
    linear.channelsMajor = matmul.getTransposeB();
    if (linear.weightType.getDimSize(linear.channelsMajor ? 0 : 1) !=
        linear.channels)
      return std::nullopt;
    return linear;
  }
  return std::nullopt;
}

std::optional<SmallVector<float>> getChannelVector(Value c,
                                                   RankedTensorType result) {
  auto type = dyn_cast<RankedTensorType>(c.getType());
  if (!type || !type.hasStaticShape() || !result || result.getRank() == 0 ||
      type.getRank() > result.getRank())
    return std::nullopt;
  int64_t channels = result.getShape().back();
  if (channels > graph::kMaxFoldElements)
    return std::nullopt;
  ArrayRef<int64_t> shape = type.getShape();
  for (int64_t i = 0; i + 1 < type.getRank(); ++i)
    if (shape[i] != 1)
      return std::nullopt;
  if (!shape.empty() && shape.back() != 1 && shape.back() != channels)
    return std::nullopt;
  auto values = getConstFloats(c);
  if (!values)
    return std::nullopt;
  if (values->size() == 1)
    return SmallVector<float>(channels, values->front());
  return values;
}

std::optional<BiasLike> matchBiasLike(Operation *op) {
  if (!op || op->getNumResults() != 1)
    return std::nullopt;
  auto result = staticF32(op->getResult(0));
  if (!result)
    return std::nullopt;
  BiasLike bias;
  bias.op = op;
  // `input` + constant `c`, with the result typed as `input`.
  auto tryOperands = [&](Value input, Value c, bool negate) {
    if (input.getType() != result)
      return false;
    auto values = getChannelVector(c, result);
    if (!values)
      return false;
    bias.input = input;
    bias.bias = std::move(*values);
    if (negate)
      for (float &b : bias.bias)
        b = -b;
    return true;
  };
  if (auto biasAdd = dyn_cast<BiasAddOp>(op)) {
    if (biasAdd.getDataFormat() == "NHWC" &&
        tryOperands(biasAdd.getValue(), biasAdd.getBias(), false))
      return bias;
    return std::nullopt;
  }
  if (isa<AddOp, AddV2Op>(op)) {
    if (tryOperands(op->getOperand(0), op->getOperand(1), false) ||
        tryOperands(op->getOperand(1), op->getOperand(0), false))
      return bias;
    return std::nullopt;
  }
  // x - c; c - x is not a shift of x.
  if (isa<SubOp>(op) && tryOperands(op->getOperand(0), op->getOperand(1), true))
    return bias;
  return std::nullopt;
}

std::optional<BiasLike> matchBiasLikeValue(Value v) {
  if (!v || !v.hasOneUse())
    return std::nullopt;
  return matchBiasLike(v.getDefiningOp());
}

void scaleWeights(PatternRewriter &rewriter, const LinearOp &linear,
                  ArrayRef<float> scale) {
  SmallVector<float> weights(linear.weights);
  int64_t n = static_cast<int64_t>(weights.size());
  int64_t inner = linear.channelsMajor ? n / linear.channels : 1;
  for (int64_t i = 0; i < n; ++i) {
    int64_t channel =
        linear.channelsMajor ? i / inner : i % linear.channels;
    weights[i] *= scale[channel];
  }
  auto attr = DenseElementsAttr::get(linear.weightType, ArrayRef<float>(weights));
  Operation *op = linear.op;
  Value old = op->getOperand(linear.weightIndex);
  rewriter.setInsertionPoint(op);
  Value folded = ConstOp::create(rewriter, old.getLoc(), linear.weightType, attr);
  rewriter.modifyOpInPlace(op,
                           [&] { op->setOperand(linear.weightIndex, folded); });
}

Value createVector(PatternRewriter &rewriter, Location loc,
                   ArrayRef<float> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    rewriter.getF32Type());
  return ConstOp::create(rewriter, loc, type,
                         DenseElementsAttr::get(type, values));
}

Value createBiasAdd(PatternRewriter &rewriter, Location loc, Value value,
                    ArrayRef<float> bias) {
  Value b = createVector(rewriter, loc, bias);
  // BiasAdd wants rank >= 2; on a vector (two folded shifts of a 1-D
  // tensor, found by the random-graph fuzzer) the same sum is an AddV2.
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() < 2)
    return AddV2Op::create(rewriter, loc, value.getType(), value, b);
  return BiasAddOp::create(rewriter, loc, value.getType(), value, b, "NHWC");
}

} // namespace graphc::linear_folding

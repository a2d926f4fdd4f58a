//===- GraphOps.cpp - verifiers and canonicalizers of graph ops -----------===//
//
// One check per TF rule, each reported with emitOpError so the message names
// the node (every op's location is its TF node name).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Dialect/Traits.h"

using namespace mlir;
using namespace graphc::graph;

#include "Graph/GraphInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "Graph/GraphOps.cpp.inc"

namespace {
bool isOneOf(StringRef s, std::initializer_list<StringRef> options) {
  return llvm::is_contained(options, s);
}

LogicalResult verifyFourInts(Operation *op, StringRef name, ArrayAttr attr,
                             bool allowEmpty) {
  if (allowEmpty && attr.empty())
    return success();
  if (attr.size() != 4)
    return op->emitOpError() << "attr '" << name << "' must have 4 values, got "
                             << attr.size();
  for (Attribute a : attr)
    if (!isa<IntegerAttr>(a) || cast<IntegerAttr>(a).getInt() < 1)
      return op->emitOpError()
             << "attr '" << name << "' values must be positive integers";
  return success();
}

LogicalResult verifyDataFormat(Operation *op, StringRef format) {
  if (!isOneOf(format, {"NHWC", "NCHW"}))
    return op->emitOpError() << "unsupported data_format '" << format
                             << "' (expected NHWC or NCHW)";
  return success();
}
} // namespace

LogicalResult ConstOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  auto resultType = cast<ShapedType>(getOutput().getType());
  if (valueType.getElementType() != resultType.getElementType())
    return emitOpError() << "value has element type "
                         << valueType.getElementType() << " but the result is "
                         << resultType.getElementType();
  if (resultType.hasStaticShape() && valueType != resultType)
    return emitOpError() << "value type " << valueType
                         << " does not match result type " << resultType;
  return success();
}

LogicalResult IdentityNOp::verify() {
  if (getInput().size() != getOutput().size())
    return emitOpError() << "has " << getInput().size() << " inputs but "
                         << getOutput().size() << " outputs";
  return success();
}

namespace {
/// IdentityN forwards each input: replace every result with its operand.
struct ForwardIdentityN : OpRewritePattern<IdentityNOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IdentityNOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [in, out] : llvm::zip(op.getInput(), op.getOutput()))
      if (in.getType() != out.getType())
        return failure();
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};
} // namespace

void IdentityNOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ForwardIdentityN>(context);
}

namespace {
/// Conv2D(x, w) whose filter [kh, kw, 1, O] has one input channel while x
/// has C > 1 is TF's grouped convolution with C groups of one channel each:
/// output channel o = g * (O / C) + m reads input channel g with filter
/// w[:, :, 0, o], which is DepthwiseConv2dNative(x, reshape(w, [kh, kw, C,
/// O / C])) with the same window: the depthwise lowering then handles it.
struct GroupedConvToDepthwise : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    auto input = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto filter = dyn_cast<RankedTensorType>(op.getFilter().getType());
    if (!input || !filter || input.getRank() != 4 || filter.getRank() != 4 ||
        !filter.hasStaticShape())
      return failure();
    int64_t c = input.getDimSize(op.getDataFormat() == "NCHW" ? 1 : 3);
    int64_t out = filter.getDimSize(3);
    if (ShapedType::isDynamic(c) || c <= 1 || filter.getDimSize(2) != 1 ||
        out % c != 0)
      return failure();
    auto depthwiseFilterType = RankedTensorType::get(
        {filter.getDimSize(0), filter.getDimSize(1), c, out / c},
        filter.getElementType());
    auto shapeType = RankedTensorType::get({4}, rewriter.getI32Type());
    SmallVector<int32_t> dims;
    for (int64_t d : depthwiseFilterType.getShape())
      dims.push_back(static_cast<int32_t>(d));
    Value shape = ConstOp::create(
        rewriter, op.getLoc(), shapeType,
        DenseElementsAttr::get(shapeType, ArrayRef<int32_t>(dims)));
    Value reshaped = ReshapeOp::create(rewriter, op.getLoc(),
                                       depthwiseFilterType, op.getFilter(),
                                       shape);
    auto depthwise = DepthwiseConv2dNativeOp::create(
        rewriter, op.getLoc(), op.getType(), op.getInput(), reshaped,
        op.getStridesAttr(), op.getPaddingAttr(), op.getExplicitPaddingsAttr(),
        op.getDataFormatAttr(), op.getDilationsAttr());
    rewriter.replaceOp(op, depthwise.getOutput());
    return success();
  }
};
} // namespace

void Conv2DOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<GroupedConvToDepthwise>(context);
}

LogicalResult BiasAddOp::verify() {
  if (failed(verifyDataFormat(*this, getDataFormat())))
    return failure();
  int64_t biasRank = rankOf(getBias());
  if (biasRank != -1 && biasRank != 1)
    return emitOpError() << "bias must be 1-D, got rank " << biasRank;
  auto value = dyn_cast<RankedTensorType>(getValue().getType());
  auto bias = dyn_cast<RankedTensorType>(getBias().getType());
  if (!value || !bias)
    return success();
  if (value.getRank() < 2)
    return emitOpError() << "value must have rank >= 2, got " << value.getRank();
  int64_t channelDim =
      getDataFormat() == "NCHW" && value.getRank() >= 3 ? 1 : value.getRank() - 1;
  int64_t channels = value.getDimSize(channelDim);
  if (!ShapedType::isDynamic(channels) && !bias.isDynamicDim(0) &&
      channels != bias.getDimSize(0))
    return emitOpError() << "bias has " << bias.getDimSize(0)
                         << " elements but the value has " << channels
                         << " channels";
  return success();
}

LogicalResult MatMulOp::verify() {
  auto a = dyn_cast<RankedTensorType>(getA().getType());
  auto b = dyn_cast<RankedTensorType>(getB().getType());
  if ((a && a.getRank() != 2) || (b && b.getRank() != 2))
    return emitOpError() << "operands must be 2-D";
  if (!a || !b)
    return success();
  int64_t ka = a.getDimSize(getTransposeA() ? 0 : 1);
  int64_t kb = b.getDimSize(getTransposeB() ? 1 : 0);
  if (!ShapedType::isDynamic(ka) && !ShapedType::isDynamic(kb) && ka != kb)
    return emitOpError() << "inner dimensions differ: " << a << " x " << b
                         << " (transpose_a=" << getTransposeA()
                         << ", transpose_b=" << getTransposeB() << ")";
  return success();
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyDataFormat(*this, getDataFormat())) ||
      failed(verifyFourInts(*this, "strides", getStrides(), false)) ||
      failed(verifyFourInts(*this, "dilations", getDilations(), true)))
    return failure();
  if (!isOneOf(getPadding(), {"SAME", "VALID", "EXPLICIT"}))
    return emitOpError() << "unsupported padding '" << getPadding() << "'";
  if (getPadding() == "EXPLICIT" && getExplicitPaddings().size() != 8)
    return emitOpError() << "padding EXPLICIT needs 8 explicit_paddings, got "
                         << getExplicitPaddings().size();
  if ((rankOf(getInput()) != -1 && rankOf(getInput()) != 4) ||
      (rankOf(getFilter()) != -1 && rankOf(getFilter()) != 4))
    return emitOpError() << "input and filter must be 4-D";
  return success();
}

LogicalResult graphc::graph::verifyPool(Operation *op, ArrayAttr ksize,
                                        ArrayAttr strides, StringRef padding,
                                        StringRef format) {
  if (failed(verifyDataFormat(op, format)) ||
      failed(verifyFourInts(op, "ksize", ksize, false)) ||
      failed(verifyFourInts(op, "strides", strides, false)))
    return failure();
  if (!isOneOf(padding, {"SAME", "VALID"}))
    return op->emitOpError() << "unsupported padding '" << padding << "'";
  if (rankOf(op->getOperand(0)) != -1 && rankOf(op->getOperand(0)) != 4)
    return op->emitOpError() << "input must be 4-D";
  return success();
}

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

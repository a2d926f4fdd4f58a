//===- GraphNNOps.cpp - verifiers, folders, shapes of nn ops ---------------===//
//
// The NN family (GraphNNOps.td): Conv2D, depthwise and transposed
// convolution, MaxPool/AvgPool, MatMul, BatchMatMul*, BiasAdd,
// FusedBatchNorm*, Softmax, Prelu and the fused ops of real frozen graphs.
// Verifiers check TF's rules (one emitOpError per rule); shape functions
// follow TF's (Conv2D window arithmetic, broadcasting batch dims,
// the constant `input_sizes` of Conv2DBackpropInput); Prelu and the batched
// products fold when their operands are constants, computing what TF's CPU
// kernels compute, element by element in the element type.
//
//===----------------------------------------------------------------------===//
#include "Graph/EinsumEquation.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace graphc::graph;

namespace {

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// Folds do at most this many multiply-adds.
constexpr int64_t kMaxFoldWork = 1 << 24;

bool isDynamic(int64_t d) { return ShapedType::isDynamic(d); }

/// a == b where both are known.
bool conflicts(int64_t a, int64_t b) {
  return !isDynamic(a) && !isDynamic(b) && a != b;
}

LogicalResult verifyFourPositiveInts(Operation *op, StringRef name,
                                     ArrayAttr attr, bool allowEmpty) {
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

LogicalResult verifyDataFormat(Operation *op, StringRef format,
                               ArrayRef<StringRef> allowed) {
  if (llvm::is_contained(allowed, format))
    return success();
  InFlightDiagnostic diag = op->emitOpError()
                            << "unsupported data_format '" << format
                            << "' (expected ";
  llvm::interleave(allowed, diag, " or ");
  return diag << ")";
}

/// The window attrs shared by every 2-D convolution, and the rank of its
/// input and filter.
LogicalResult verifyConvWindow(Operation *op, Value input, Value filter,
                               ArrayAttr strides, StringRef padding,
                               ArrayAttr explicitPaddings, StringRef format,
                               ArrayAttr dilations) {
  if (failed(verifyDataFormat(op, format, {"NHWC", "NCHW"})) ||
      failed(verifyFourPositiveInts(op, "strides", strides, false)) ||
      failed(verifyFourPositiveInts(op, "dilations", dilations, true)))
    return failure();
  if (!llvm::is_contained({"SAME", "VALID", "EXPLICIT"}, padding))
    return op->emitOpError() << "unsupported padding '" << padding << "'";
  if (padding == "EXPLICIT" && explicitPaddings.size() != 8)
    return op->emitOpError() << "padding EXPLICIT needs 8 explicit_paddings, got "
                             << explicitPaddings.size();
  for (Attribute a : explicitPaddings)
    if (!isa<IntegerAttr>(a) || cast<IntegerAttr>(a).getInt() < 0)
      return op->emitOpError()
             << "explicit_paddings must be non-negative integers";
  if ((rankOf(input) != -1 && rankOf(input) != 4) ||
      (rankOf(filter) != -1 && rankOf(filter) != 4))
    return op->emitOpError() << "input and filter must be 4-D";
  return success();
}

/// The channel dim of a 4-D tensor in `format`.
unsigned channelDim(StringRef format) { return format == "NCHW" ? 1 : 3; }

/// Depthwise convolutions: the filter's in-channels are the input channels.
LogicalResult verifyDepthwiseChannels(Operation *op, Value input, Value filter,
                                      StringRef format) {
  auto in = rankedOf(input);
  auto f = rankedOf(filter);
  if (!in || !f || in.getRank() != 4 || f.getRank() != 4)
    return success();
  if (conflicts(in.getDimSize(channelDim(format)), f.getDimSize(2)))
    return op->emitOpError()
           << "filter in-channels (" << f.getDimSize(2)
           << ") do not match the input channels ("
           << in.getDimSize(channelDim(format)) << ")";
  return success();
}

/// `a * b` unless either is dynamic.
int64_t mulDims(int64_t a, int64_t b) {
  return isDynamic(a) || isDynamic(b) ? ShapedType::kDynamic : a * b;
}

/// Shape function of a depthwise convolution: C * M output channels.
LogicalResult refineDepthwise(Operation *op, Value input, Value filter,
                              ArrayAttr strides, ArrayAttr dilations,
                              StringRef padding, ArrayAttr explicitPaddings,
                              StringRef format) {
  auto in = rankedOf(input);
  auto f = rankedOf(filter);
  if (!in || !f)
    return success();
  int64_t channels = mulDims(f.getDimSize(2), f.getDimSize(3));
  return refineResult(op, op->getResult(0),
                      windowedResultType(in, channels, f.getDimSize(0),
                                     f.getDimSize(1), strides, dilations,
                                     padding, explicitPaddings, format));
}

/// Shape function of Conv2D-like ops: the filter's out channels.
LogicalResult refineConv(Operation *op, Value input, Value filter,
                         ArrayAttr strides, ArrayAttr dilations,
                         StringRef padding, ArrayAttr explicitPaddings,
                         StringRef format) {
  auto in = rankedOf(input);
  auto f = rankedOf(filter);
  if (!in || !f)
    return success();
  return refineResult(op, op->getResult(0),
                      windowedResultType(in, f.getDimSize(3), f.getDimSize(0),
                                     f.getDimSize(1), strides, dilations,
                                     padding, explicitPaddings, format));
}

/// The fused ops' args: `args.size() == num_args`, and when every fused op
/// is one graphc knows, the args they consume add up to num_args (unknown
/// fused ops are left to the lowering, which names them).
template <typename OpTy> LogicalResult verifyFusion(OpTy op) {
  // I64Attr's getter is unsigned: read the attr's signed value.
  int64_t numArgs = op.getNumArgsAttr().getInt();
  if (numArgs < 0)
    return op.emitOpError() << "attr 'num_args' must be >= 0";
  if (static_cast<int64_t>(op.getArgs().size()) != numArgs)
    return op.emitOpError() << "has " << op.getArgs().size()
                            << " args but num_args is " << numArgs;
  int64_t consumed = 0;
  for (Attribute name : op.getFusedOps()) {
    int64_t count =
        OpTy::getFusedOpArgCount(cast<StringAttr>(name).getValue());
    if (count < 0)
      return success();
    consumed += count;
  }
  if (consumed != numArgs)
    return op.emitOpError() << "fused_ops " << op.getFusedOps() << " take "
                            << consumed << " args but num_args is " << numArgs;
  return success();
}

int64_t fusedOpArgCount(StringRef name) {
  return llvm::StringSwitch<int64_t>(name)
      .Cases({"BiasAdd", "Add", "Prelu"}, 1)
      .Case("FusedBatchNorm", 4)
      .Cases({"Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh"}, 0)
      .Default(-1);
}

} // namespace

int64_t FusedConv2DOp::getFusedOpArgCount(StringRef name) {
  return fusedOpArgCount(name);
}
int64_t FusedDepthwiseConv2dNativeOp::getFusedOpArgCount(StringRef name) {
  return fusedOpArgCount(name);
}
int64_t FusedMatMulOp::getFusedOpArgCount(StringRef name) {
  return fusedOpArgCount(name);
}

//===----------------------------------------------------------------------===//
// Conv2D
//===----------------------------------------------------------------------===//

LogicalResult Conv2DOp::verify() {
  if (failed(verifyDataFormat(*this, getDataFormat(), {"NHWC", "NCHW"})) ||
      failed(verifyFourPositiveInts(*this, "strides", getStrides(), false)) ||
      failed(verifyFourPositiveInts(*this, "dilations", getDilations(), true)))
    return failure();
  if (!llvm::is_contained({"SAME", "VALID", "EXPLICIT"}, getPadding()))
    return emitOpError() << "unsupported padding '" << getPadding() << "'";
  if (getPadding() == "EXPLICIT" && getExplicitPaddings().size() != 8)
    return emitOpError() << "padding EXPLICIT needs 8 explicit_paddings, got "
                         << getExplicitPaddings().size();
  if ((rankOf(getInput()) != -1 && rankOf(getInput()) != 4) ||
      (rankOf(getFilter()) != -1 && rankOf(getFilter()) != 4))
    return emitOpError() << "input and filter must be 4-D";
  return success();
}

LogicalResult Conv2DOp::refineResultTypes() {
  return refineConv(*this, getInput(), getFilter(), getStrides(),
                    getDilations(), getPadding(), getExplicitPaddings(),
                    getDataFormat());
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

//===----------------------------------------------------------------------===//
// DepthwiseConv2dNative
//===----------------------------------------------------------------------===//

LogicalResult DepthwiseConv2dNativeOp::verify() {
  if (failed(verifyConvWindow(*this, getInput(), getFilter(), getStrides(),
                              getPadding(), getExplicitPaddings(),
                              getDataFormat(), getDilations())))
    return failure();
  return verifyDepthwiseChannels(*this, getInput(), getFilter(),
                                 getDataFormat());
}

LogicalResult DepthwiseConv2dNativeOp::refineResultTypes() {
  return refineDepthwise(*this, getInput(), getFilter(), getStrides(),
                         getDilations(), getPadding(), getExplicitPaddings(),
                         getDataFormat());
}

//===----------------------------------------------------------------------===//
// Conv2DBackpropInput
//===----------------------------------------------------------------------===//

LogicalResult Conv2DBackpropInputOp::verify() {
  if (failed(verifyConvWindow(*this, getOutBackprop(), getFilter(),
                              getStrides(), getPadding(),
                              getExplicitPaddings(), getDataFormat(),
                              getDilations())))
    return failure();
  auto sizes = rankedOf(getInputSizes());
  if (sizes && (sizes.getRank() != 1 || conflicts(sizes.getDimSize(0), 4)))
    return emitOpError() << "input_sizes must be a 4-element vector, got "
                         << sizes;
  if (sizes && !sizes.getElementType().isInteger(32))
    return emitOpError() << "input_sizes must be int32";
  if (rankOf(getOutput()) != -1 && rankOf(getOutput()) != 4)
    return emitOpError() << "result must be 4-D";
  auto filter = rankedOf(getFilter());
  auto grad = rankedOf(getOutBackprop());
  if (filter && grad &&
      conflicts(filter.getDimSize(3),
                grad.getDimSize(channelDim(getDataFormat()))))
    return emitOpError() << "filter out-channels (" << filter.getDimSize(3)
                         << ") do not match out_backprop's channels ("
                         << grad.getDimSize(channelDim(getDataFormat()))
                         << ")";
  if (std::optional<SmallVector<int64_t>> values =
          getConstantInts(getInputSizes())) {
    if (llvm::any_of(*values, [](int64_t d) { return d < 0; }))
      return emitOpError() << "input_sizes must be non-negative";
    // out_backprop must have the shape of the forward convolution's output.
    if (values->size() == 4 && filter && grad) {
      auto input = RankedTensorType::get(*values, grad.getElementType());
      RankedTensorType forward = windowedResultType(
          input, filter.getDimSize(3), filter.getDimSize(0),
          filter.getDimSize(1), getStrides(), getDilations(), getPadding(),
          getExplicitPaddings(), getDataFormat());
      for (auto [a, b] : llvm::zip(forward.getShape(), grad.getShape()))
        if (conflicts(a, b))
          return emitOpError()
                 << "out_backprop " << grad
                 << " is not the output of the forward convolution of "
                 << "input_sizes, which is " << forward;
    }
  }
  return success();
}

LogicalResult Conv2DBackpropInputOp::refineResultTypes() {
  std::optional<SmallVector<int64_t>> sizes = getConstantInts(getInputSizes());
  if (!sizes || sizes->size() != 4)
    return success();
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(*sizes, elementOf(getFilter())));
}

//===----------------------------------------------------------------------===//
// MaxPool, AvgPool (methods defined by Graph_PoolOp)
//===----------------------------------------------------------------------===//

LogicalResult graphc::graph::verifyPool(Operation *op, ArrayAttr ksize,
                                        ArrayAttr strides, StringRef padding,
                                        StringRef format) {
  if (failed(verifyDataFormat(op, format, {"NHWC", "NCHW"})) ||
      failed(verifyFourPositiveInts(op, "ksize", ksize, false)) ||
      failed(verifyFourPositiveInts(op, "strides", strides, false)))
    return failure();
  if (!llvm::is_contained({"SAME", "VALID"}, padding))
    return op->emitOpError() << "unsupported padding '" << padding << "'";
  if (rankOf(op->getOperand(0)) != -1 && rankOf(op->getOperand(0)) != 4)
    return op->emitOpError() << "input must be 4-D";
  return success();
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

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

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

LogicalResult MatMulOp::refineResultTypes() {
  auto a = rankedOf(getA());
  auto b = rankedOf(getB());
  int64_t m = a ? a.getDimSize(getTransposeA() ? 1 : 0) : ShapedType::kDynamic;
  int64_t n = b ? b.getDimSize(getTransposeB() ? 0 : 1) : ShapedType::kDynamic;
  return refineResult(*this, getProduct(),
                      RankedTensorType::get({m, n}, elementOf(getA())));
}

//===----------------------------------------------------------------------===//
// BatchMatMul, BatchMatMulV2, BatchMatMulV3
//===----------------------------------------------------------------------===//

namespace {
/// The result shape of a batched product of `x` and `y` (ranked, rank >= 2),
/// or failure after an error. `broadcast`: V2/V3 batch-dim broadcasting
/// (else the batch dims must be equal, as BatchMatMul requires).
FailureOr<SmallVector<int64_t>> batchMatMulShape(Operation *op,
                                                 RankedTensorType x,
                                                 RankedTensorType y, bool adjX,
                                                 bool adjY, bool broadcast) {
  if (x.getRank() < 2 || y.getRank() < 2)
    return op->emitOpError() << "operands must have rank >= 2, got " << x
                             << " and " << y;
  ArrayRef<int64_t> xBatch = x.getShape().drop_back(2);
  ArrayRef<int64_t> yBatch = y.getShape().drop_back(2);
  SmallVector<int64_t> shape;
  if (broadcast) {
    if (!OpTrait::util::getBroadcastedShape(xBatch, yBatch, shape))
      return op->emitOpError() << "batch dims of " << x << " and " << y
                               << " are not broadcast-compatible";
  } else {
    if (xBatch.size() != yBatch.size() ||
        llvm::any_of(llvm::zip(xBatch, yBatch), [](auto pair) {
          return conflicts(std::get<0>(pair), std::get<1>(pair));
        }))
      return op->emitOpError() << "batch dims of " << x << " and " << y
                               << " differ (BatchMatMul does not broadcast)";
    for (auto [a, b] : llvm::zip(xBatch, yBatch))
      shape.push_back(isDynamic(a) ? b : a);
  }
  int64_t xr = x.getDimSize(x.getRank() - 2), xc = x.getDimSize(x.getRank() - 1);
  int64_t yr = y.getDimSize(y.getRank() - 2), yc = y.getDimSize(y.getRank() - 1);
  int64_t kx = adjX ? xr : xc, ky = adjY ? yc : yr;
  if (conflicts(kx, ky))
    return op->emitOpError() << "inner dimensions differ: " << x << " x " << y
                             << " (adj_x=" << adjX << ", adj_y=" << adjY
                             << ")";
  shape.push_back(adjX ? xc : xr);
  shape.push_back(adjY ? yr : yc);
  return shape;
}

template <typename OpTy>
LogicalResult verifyBatchMatMul(OpTy op, bool broadcast) {
  auto x = rankedOf(op.getX());
  auto y = rankedOf(op.getY());
  if ((x && x.getRank() < 2) || (y && y.getRank() < 2))
    return op.emitOpError() << "operands must have rank >= 2";
  if (!x || !y)
    return success();
  return batchMatMulShape(op, x, y, op.getAdjX(), op.getAdjY(), broadcast);
}

template <typename OpTy>
LogicalResult refineBatchMatMul(OpTy op, bool broadcast) {
  auto x = rankedOf(op.getX());
  auto y = rankedOf(op.getY());
  if (!x || !y)
    return success();
  FailureOr<SmallVector<int64_t>> shape = batchMatMulShape(
      op, x, y, op.getAdjX(), op.getAdjY(), broadcast);
  if (failed(shape))
    return failure();
  return refineResult(op, op.getOutput(),
                      RankedTensorType::get(*shape, elementOf(op.getOutput())));
}

/// The constant product of constant `x` and `y` (same float or integer
/// element type as the result), multiply-adding in order along k in the
/// element type; null if not constant or too large.
template <typename OpTy> OpFoldResult foldBatchMatMul(OpTy op,
                                                      Attribute xAttr,
                                                      Attribute yAttr) {
  auto x = dyn_cast_or_null<DenseElementsAttr>(xAttr);
  auto y = dyn_cast_or_null<DenseElementsAttr>(yAttr);
  auto result = rankedOf(op.getOutput());
  if (!x || !y || !result || !result.hasStaticShape() ||
      x.getElementType() != result.getElementType() ||
      y.getElementType() != result.getElementType())
    return {};
  auto xType = cast<RankedTensorType>(x.getType());
  auto yType = cast<RankedTensorType>(y.getType());
  int64_t rank = result.getRank();
  int64_t m = result.getDimSize(rank - 2), n = result.getDimSize(rank - 1);
  int64_t k = xType.getDimSize(op.getAdjX() ? xType.getRank() - 2
                                            : xType.getRank() - 1);
  int64_t count = result.getNumElements();
  // Both operands are read whole (splats too); an empty result would let
  // any k through the work bound.
  if (count == 0 || count > kMaxFoldElements ||
      count * std::max<int64_t>(k, 1) > kMaxFoldWork ||
      x.getNumElements() > kMaxFoldElements ||
      y.getNumElements() > kMaxFoldElements)
    return {};
  Type element = result.getElementType();
  bool isFloat = isa<FloatType>(element);
  if (!isFloat && (!isa<IntegerType>(element) || element.isInteger(1)))
    return {};

  // Flat offset of the (batch, row, col) element of an operand of `type`
  // whose batch dims broadcast to the result's.
  ArrayRef<int64_t> batchShape = result.getShape().drop_back(2);
  auto offsetOf = [&](RankedTensorType type, ArrayRef<int64_t> batchIndex,
                      int64_t row, int64_t col) {
    int64_t r = type.getRank();
    int64_t offset = 0;
    int64_t lead = batchShape.size() - (r - 2);
    for (int64_t d = 0; d < r - 2; ++d) {
      int64_t size = type.getDimSize(d);
      offset = offset * size + (size == 1 ? 0 : batchIndex[lead + d]);
    }
    return (offset * type.getDimSize(r - 2) + row) * type.getDimSize(r - 1) +
           col;
  };
  SmallVector<int64_t> batchIndex(batchShape.size(), 0);
  int64_t batches = count / (m * n != 0 ? m * n : 1);
  SmallVector<APFloat> floats;
  SmallVector<APInt> ints;
  std::vector<APFloat> xv, yv;
  std::vector<APInt> xi, yi;
  if (isFloat) {
    xv.assign(x.value_begin<APFloat>(), x.value_end<APFloat>());
    yv.assign(y.value_begin<APFloat>(), y.value_end<APFloat>());
  } else {
    xi.assign(x.value_begin<APInt>(), x.value_end<APInt>());
    yi.assign(y.value_begin<APInt>(), y.value_end<APInt>());
  }
  auto at = [](auto &values, DenseElementsAttr attr, int64_t offset) {
    return values[attr.isSplat() ? 0 : offset];
  };
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        APFloat accF = APFloat::getZero(
            isFloat ? cast<FloatType>(element).getFloatSemantics()
                    : APFloat::IEEEsingle());
        APInt accI(isFloat ? 1 : element.getIntOrFloatBitWidth(), 0);
        for (int64_t p = 0; p < k; ++p) {
          int64_t xo = op.getAdjX() ? offsetOf(xType, batchIndex, p, i)
                                    : offsetOf(xType, batchIndex, i, p);
          int64_t yo = op.getAdjY() ? offsetOf(yType, batchIndex, j, p)
                                    : offsetOf(yType, batchIndex, p, j);
          if (isFloat) {
            APFloat prod = at(xv, x, xo);
            prod.multiply(at(yv, y, yo), APFloat::rmNearestTiesToEven);
            accF.add(prod, APFloat::rmNearestTiesToEven);
          } else {
            accI += at(xi, x, xo) * at(yi, y, yo);
          }
        }
        if (isFloat)
          floats.push_back(accF);
        else
          ints.push_back(accI);
      }
    }
    // Next batch index (row-major over the result's batch dims).
    for (int64_t d = batchShape.size() - 1; d >= 0; --d) {
      if (++batchIndex[d] < batchShape[d])
        break;
      batchIndex[d] = 0;
    }
  }
  if (isFloat)
    return DenseElementsAttr::get(result, floats);
  return DenseElementsAttr::get(result, ints);
}
} // namespace

LogicalResult BatchMatMulOp::verify() {
  return verifyBatchMatMul(*this, /*broadcast=*/false);
}
LogicalResult BatchMatMulV2Op::verify() {
  return verifyBatchMatMul(*this, /*broadcast=*/true);
}
LogicalResult BatchMatMulV3Op::verify() {
  return verifyBatchMatMul(*this, /*broadcast=*/true);
}
LogicalResult BatchMatMulOp::refineResultTypes() {
  return refineBatchMatMul(*this, /*broadcast=*/false);
}
LogicalResult BatchMatMulV2Op::refineResultTypes() {
  return refineBatchMatMul(*this, /*broadcast=*/true);
}
LogicalResult BatchMatMulV3Op::refineResultTypes() {
  return refineBatchMatMul(*this, /*broadcast=*/true);
}
OpFoldResult BatchMatMulOp::fold(FoldAdaptor adaptor) {
  return foldBatchMatMul(*this, adaptor.getX(), adaptor.getY());
}
OpFoldResult BatchMatMulV2Op::fold(FoldAdaptor adaptor) {
  return foldBatchMatMul(*this, adaptor.getX(), adaptor.getY());
}
OpFoldResult BatchMatMulV3Op::fold(FoldAdaptor adaptor) {
  return foldBatchMatMul(*this, adaptor.getX(), adaptor.getY());
}

//===----------------------------------------------------------------------===//
// BiasAdd
//===----------------------------------------------------------------------===//

LogicalResult BiasAddOp::verify() {
  if (failed(verifyDataFormat(*this, getDataFormat(), {"NHWC", "NCHW"})))
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

LogicalResult BiasAddOp::refineResultTypes() {
  return refineSameAsOperand(*this);
}

//===----------------------------------------------------------------------===//
// FusedBatchNorm, FusedBatchNormV2, FusedBatchNormV3
//===----------------------------------------------------------------------===//

namespace {
/// The channel dim of `x` in `format` (NHWC, NCHW, NDHWC, NCDHW).
unsigned batchNormChannelDim(StringRef format, int64_t rank) {
  return format.starts_with("NC") ? 1 : rank - 1;
}

template <typename OpTy> LogicalResult verifyBatchNorm(OpTy op, bool allow3D) {
  SmallVector<StringRef> formats = {"NHWC", "NCHW"};
  if (allow3D)
    formats.append({"NDHWC", "NCDHW"});
  StringRef format = op.getDataFormat();
  if (failed(verifyDataFormat(op, format, formats)))
    return failure();
  int64_t rank = format.size();
  if (rankOf(op.getX()) != -1 && rankOf(op.getX()) != rank)
    return op.emitOpError() << "x must be " << rank << "-D for data_format '"
                            << format << "', got " << op.getX().getType();
  Value stats[] = {op.getScale(), op.getOffset(), op.getMean(),
                   op.getVariance()};
  StringRef names[] = {"scale", "offset", "mean", "variance"};
  for (auto [value, name] : llvm::zip(stats, names))
    if (rankOf(value) != -1 && rankOf(value) != 1)
      return op.emitOpError() << name << " must be 1-D, got "
                              << value.getType();
  auto x = rankedOf(op.getX());
  if (!x)
    return success();
  int64_t channels = x.getDimSize(batchNormChannelDim(format, rank));
  // mean and variance may be empty when training (they are then unused,
  // unless exponential_avg_factor blends them in).
  bool needStats = !op.getIsTraining() ||
                   op.getExponentialAvgFactor().convertToFloat() != 1.0f;
  for (auto [value, name] : llvm::zip(stats, names)) {
    auto type = rankedOf(value);
    bool isStat = name == "mean" || name == "variance";
    if (!type || (isStat && !needStats))
      continue;
    if (conflicts(type.getDimSize(0), channels))
      return op.emitOpError()
             << name << " has " << type.getDimSize(0)
             << " elements but x has " << channels << " channels"
             << (isStat ? (op.getIsTraining()
                               ? " (exponential_avg_factor != 1)"
                               : " (is_training=false)")
                        : "");
  }
  return success();
}

template <typename OpTy> LogicalResult refineBatchNorm(OpTy op) {
  if (failed(refineResult(op, op.getY(), op.getX().getType())))
    return failure();
  int64_t channels = ShapedType::kDynamic;
  if (auto x = rankedOf(op.getX()))
    channels =
        x.getDimSize(batchNormChannelDim(op.getDataFormat(), x.getRank()));
  if (auto scale = rankedOf(op.getScale()); scale && isDynamic(channels))
    channels = scale.getDimSize(0);
  auto statType = RankedTensorType::get({channels}, elementOf(op.getScale()));
  for (Value result : op->getResults().drop_front().take_front(4))
    if (failed(refineResult(op, result, statType)))
      return failure();
  return success();
}
} // namespace

LogicalResult FusedBatchNormOp::verify() {
  return verifyBatchNorm(*this, /*allow3D=*/false);
}
LogicalResult FusedBatchNormV2Op::verify() {
  return verifyBatchNorm(*this, /*allow3D=*/true);
}
LogicalResult FusedBatchNormV3Op::verify() {
  return verifyBatchNorm(*this, /*allow3D=*/true);
}
LogicalResult FusedBatchNormOp::refineResultTypes() {
  return refineBatchNorm(*this);
}
LogicalResult FusedBatchNormV2Op::refineResultTypes() {
  return refineBatchNorm(*this);
}
LogicalResult FusedBatchNormV3Op::refineResultTypes() {
  if (failed(refineBatchNorm(*this)))
    return failure();
  // TF's CPU kernel allocates reserve_space_3 as a scalar.
  return refineResult(*this, getReserveSpace_3(),
                      RankedTensorType::get({}, elementOf(getScale())));
}

//===----------------------------------------------------------------------===//
// Softmax
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::refineResultTypes() {
  return refineSameAsOperand(*this);
}

//===----------------------------------------------------------------------===//
// Prelu
//===----------------------------------------------------------------------===//

LogicalResult PreluOp::verify() {
  auto x = rankedOf(getX());
  auto alpha = rankedOf(getAlpha());
  if (!x || !alpha)
    return success();
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(x.getShape(), alpha.getShape(),
                                          shape) ||
      shape.size() != static_cast<size_t>(x.getRank()) ||
      llvm::any_of(llvm::zip(shape, x.getShape()), [](auto pair) {
        return conflicts(std::get<0>(pair), std::get<1>(pair));
      }))
    return emitOpError() << "alpha " << alpha
                         << " does not broadcast to the shape of x " << x;
  return success();
}

LogicalResult PreluOp::refineResultTypes() { return refineSameAsOperand(*this); }

OpFoldResult PreluOp::fold(FoldAdaptor adaptor) {
  auto x = dyn_cast_or_null<DenseElementsAttr>(adaptor.getX());
  auto alpha = dyn_cast_or_null<DenseElementsAttr>(adaptor.getAlpha());
  auto result = rankedOf(getY());
  if (!x || !alpha || !result || !result.hasStaticShape() ||
      x.getType() != result || !isa<FloatType>(result.getElementType()) ||
      result.getNumElements() > kMaxFoldElements ||
      alpha.getNumElements() > kMaxFoldElements)
    return {};
  // x has the result's shape; alpha broadcasts to it (a splat is read at
  // its one element).
  SmallVector<ArrayRef<int64_t>> shapes = {
      x.isSplat() ? ArrayRef<int64_t>() : x.getType().getShape(),
      alpha.isSplat() ? ArrayRef<int64_t>() : alpha.getType().getShape()};
  auto xs = x.getValues<APFloat>();
  std::vector<APFloat> alphas(alpha.value_begin<APFloat>(),
                              alpha.value_end<APFloat>());
  SmallVector<APFloat> out;
  if (!forEachBroadcastElement(
          result.getShape(), shapes, [&](ArrayRef<int64_t> offsets) {
            APFloat v = xs[offsets[0]];
            if (v.compare(APFloat::getZero(v.getSemantics())) !=
                APFloat::cmpGreaterThan) {
              // x <= 0 or NaN: alpha * x.
              APFloat a = alphas[offsets[1]];
              a.multiply(v, APFloat::rmNearestTiesToEven);
              v = a;
            }
            out.push_back(v);
            return true;
          }))
    return {};
  return DenseElementsAttr::get(result, out);
}

//===----------------------------------------------------------------------===//
// _FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul
//===----------------------------------------------------------------------===//

LogicalResult FusedConv2DOp::verify() {
  if (failed(verifyConvWindow(*this, getInput(), getFilter(), getStrides(),
                              getPadding(), getExplicitPaddings(),
                              getDataFormat(), getDilations())))
    return failure();
  if (getFilterFormat() != "HWIO")
    return emitOpError() << "unsupported filter_format '" << getFilterFormat()
                         << "' (expected HWIO)";
  return verifyFusion(*this);
}

LogicalResult FusedConv2DOp::refineResultTypes() {
  return refineConv(*this, getInput(), getFilter(), getStrides(),
                    getDilations(), getPadding(), getExplicitPaddings(),
                    getDataFormat());
}

LogicalResult FusedDepthwiseConv2dNativeOp::verify() {
  if (failed(verifyConvWindow(*this, getInput(), getFilter(), getStrides(),
                              getPadding(), getExplicitPaddings(),
                              getDataFormat(), getDilations())) ||
      failed(verifyDepthwiseChannels(*this, getInput(), getFilter(),
                                     getDataFormat())))
    return failure();
  return verifyFusion(*this);
}

LogicalResult FusedDepthwiseConv2dNativeOp::refineResultTypes() {
  return refineDepthwise(*this, getInput(), getFilter(), getStrides(),
                         getDilations(), getPadding(), getExplicitPaddings(),
                         getDataFormat());
}

LogicalResult FusedMatMulOp::verify() {
  auto a = rankedOf(getA());
  auto b = rankedOf(getB());
  if ((a && a.getRank() != 2) || (b && b.getRank() != 2))
    return emitOpError() << "operands must be 2-D";
  if (a && b) {
    int64_t ka = a.getDimSize(getTransposeA() ? 0 : 1);
    int64_t kb = b.getDimSize(getTransposeB() ? 1 : 0);
    if (conflicts(ka, kb))
      return emitOpError() << "inner dimensions differ: " << a << " x " << b
                           << " (transpose_a=" << getTransposeA()
                           << ", transpose_b=" << getTransposeB() << ")";
  }
  return verifyFusion(*this);
}

LogicalResult FusedMatMulOp::refineResultTypes() {
  auto a = rankedOf(getA());
  auto b = rankedOf(getB());
  int64_t m = a ? a.getDimSize(getTransposeA() ? 1 : 0) : ShapedType::kDynamic;
  int64_t n = b ? b.getDimSize(getTransposeB() ? 0 : 1) : ShapedType::kDynamic;
  return refineResult(*this, getProduct(),
                      RankedTensorType::get({m, n}, elementOf(getA())));
}

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

/// The shapes of `values`, or false if one is unranked.
static bool rankedShapes(ValueRange values,
                         SmallVectorImpl<ArrayRef<int64_t>> &shapes) {
  for (Value v : values) {
    auto t = rankedOf(v);
    if (!t)
      return false;
    shapes.push_back(t.getShape());
  }
  return true;
}

LogicalResult EinsumOp::verify() {
  std::string error;
  std::optional<EinsumEquation> eq =
      parseEinsumEquation(getEquation(), getInputs().size(), error);
  if (!eq)
    return emitOpError() << error;
  if (getInputs().empty() || getInputs().size() > 2)
    return emitOpError() << "takes 1 or 2 operands, got "
                         << getInputs().size();
  Type element = elementOf(getOutput());
  for (Value v : getInputs())
    if (elementOf(v) != element)
      return emitOpError() << "operands and result must have one element type";
  SmallVector<ArrayRef<int64_t>> shapes;
  if (!rankedShapes(getInputs(), shapes))
    return success();
  if (!einsumLabelSizes(*eq, shapes, error))
    return emitOpError() << "equation '" << getEquation() << "': " << error;
  return success();
}

LogicalResult EinsumOp::refineResultTypes() {
  std::string error;
  std::optional<EinsumEquation> eq =
      parseEinsumEquation(getEquation(), getInputs().size(), error);
  SmallVector<ArrayRef<int64_t>> shapes;
  if (!rankedShapes(getInputs(), shapes))
    return success();
  std::optional<std::map<char, int64_t>> sizes;
  if (!eq || !(sizes = einsumLabelSizes(*eq, shapes, error)))
    return emitOpError() << error;
  SmallVector<int64_t> shape;
  for (char c : eq->output)
    shape.push_back(sizes->at(c) < 0 ? ShapedType::kDynamic : sizes->at(c));
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(shape, elementOf(getOutput())));
}

//===- LinalgPatterns.cpp - MatMul, Conv2D and pooling to linalg named ops ===//
//
// The compute-heavy ops map onto linalg named ops, which the codegen back end
// tiles, packs and vectorizes: MatMul -> linalg.matmul (TF's transpose_a/b as
// indexing maps, no transposed copy), Conv2D -> tensor.pad +
// linalg.conv_2d_nhwc_hwcf (TF's HWIO filter layout is linalg's HWCF),
// MaxPool/AvgPool -> tensor.pad + linalg.pooling_nhwc_max/sum. NCHW graphs go
// through linalg.transpose to NHWC and back.
//
// Padding follows TF exactly: SAME pads max((out-1)*stride + eff_k - in, 0)
// with the smaller half before; MaxPool pads with -inf; AvgPool pads with 0
// and divides each window sum by its number of non-padded elements, which
// for static shapes is a compile-time constant tensor.
//
// The builders (LinalgBuilders.h) are shared with the NN family
// (NNPatterns.cpp).
//
//===----------------------------------------------------------------------===//
#include "LinalgBuilders.h"
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {

//===----------------------------------------------------------------------===//
// Builders (LinalgBuilders.h)
//===----------------------------------------------------------------------===//

RankedTensorType permuteType(RankedTensorType type, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> shape;
  for (int64_t dim : perm)
    shape.push_back(type.getDimSize(dim));
  return RankedTensorType::get(shape, type.getElementType());
}

RankedTensorType toNhwc(RankedTensorType type, StringRef dataFormat) {
  return dataFormat == "NCHW" ? permuteType(type, kNchwToNhwc) : type;
}

std::string checkComputeType(Type element, bool floatOnly) {
  if (floatOnly ? isSupportedFloat(element) : isComputeType(element))
    return "";
  return describeElementType(element) + " is not supported" +
         (floatOnly ? " (floating-point only)" : "");
}

Value padInput(OpBuilder &b, Location loc, Value input, const Window &window,
               TypedAttr padValue) {
  return createPad(b, loc, input,
                   {0, window.padH.before, window.padW.before, 0},
                   {0, window.padH.after, window.padW.after, 0}, padValue);
}

Value transposeToNhwc(OpBuilder &b, Location loc, Value value,
                      StringRef dataFormat) {
  return dataFormat == "NCHW" ? createTranspose(b, loc, value, kNchwToNhwc)
                              : value;
}

Value transposeFromNhwc(OpBuilder &b, Location loc, Value value,
                        StringRef dataFormat) {
  return dataFormat == "NCHW" ? createTranspose(b, loc, value, kNhwcToNchw)
                              : value;
}

namespace {

/// Pads of a window over NHWC `input` for TF `padding` (SAME or VALID; the
/// caller handles EXPLICIT).
void setPadding(Window &window, RankedTensorType input, StringRef padding) {
  if (padding != "SAME")
    return;
  window.padH = getSamePadding(input.getDimSize(1), window.kernelH,
                               window.strideH, window.dilationH);
  window.padW = getSamePadding(input.getDimSize(2), window.kernelW,
                               window.strideW, window.dilationW);
}

/// The NHWC output type of `window` over NHWC `input` with `channels`
/// output channels.
RankedTensorType getWindowResult(const Window &window, RankedTensorType input,
                                 int64_t channels) {
  int64_t outH = getWindowOutputSize(
      input.getDimSize(1) + window.padH.before + window.padH.after,
      window.kernelH, window.strideH, window.dilationH);
  int64_t outW = getWindowOutputSize(
      input.getDimSize(2) + window.padW.before + window.padW.after,
      window.kernelW, window.strideW, window.dilationW);
  return RankedTensorType::get({input.getDimSize(0), outH, outW, channels},
                               input.getElementType());
}

/// "" if the op's declared result type is what `window` computes.
std::string checkResultShape(const Window &window, RankedTensorType result,
                             StringRef dataFormat) {
  RankedTensorType expected = dataFormat == "NCHW"
                                  ? permuteType(window.nhwcResult, kNhwcToNchw)
                                  : window.nhwcResult;
  if (expected == result)
    return "";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "the window arithmetic gives ";
  expected.print(os);
  os << " but the result type is ";
  result.print(os);
  return text;
}

} // namespace

FailureOr<Window> getConvWindow(const ConvAttrs &attrs, RankedTensorType input,
                                int64_t kernelH, int64_t kernelW,
                                int64_t outChannels, RankedTensorType result,
                                std::string &reason) {
  Layout4D layout = getLayout(attrs.dataFormat);
  SmallVector<int64_t> strides = getInts(attrs.strides);
  SmallVector<int64_t> dilations = attrs.dilations.empty()
                                       ? SmallVector<int64_t>{1, 1, 1, 1}
                                       : getInts(attrs.dilations);
  if (strides[0] != 1 || strides[layout.c] != 1 || dilations[0] != 1 ||
      dilations[layout.c] != 1) {
    reason = "strides and dilations over batch or channels must be 1";
    return failure();
  }
  RankedTensorType nhwcInput = toNhwc(input, attrs.dataFormat);
  Window window;
  window.kernelH = kernelH;
  window.kernelW = kernelW;
  window.strideH = strides[layout.h];
  window.strideW = strides[layout.w];
  window.dilationH = dilations[layout.h];
  window.dilationW = dilations[layout.w];
  if (attrs.padding == "EXPLICIT") {
    // explicit_paddings: (before, after) per dim in data_format order.
    SmallVector<int64_t> pads = getInts(attrs.explicitPaddings);
    if (pads[0] || pads[1] || pads[2 * layout.c] || pads[2 * layout.c + 1]) {
      reason = "explicit padding of batch or channels is not supported";
      return failure();
    }
    window.padH = {pads[2 * layout.h], pads[2 * layout.h + 1]};
    window.padW = {pads[2 * layout.w], pads[2 * layout.w + 1]};
  } else {
    setPadding(window, nhwcInput, attrs.padding);
  }
  window.nhwcResult = getWindowResult(window, nhwcInput, outChannels);
  reason = checkResultShape(window, result, attrs.dataFormat);
  if (!reason.empty())
    return failure();
  return window;
}

Value buildConv2D(OpBuilder &b, Location loc, Value input, Value filter,
                  const Window &window) {
  TypedAttr zero = getScalarAttr(window.nhwcResult.getElementType(), 0);
  Value padded = padInput(b, loc, input, window, zero);
  Value init = createFilled(b, loc, window.nhwcResult, zero);
  return linalg::Conv2DNhwcHwcfOp::create(
             b, loc, TypeRange{window.nhwcResult}, ValueRange{padded, filter},
             ValueRange{init},
             b.getI64TensorAttr({window.strideH, window.strideW}),
             b.getI64TensorAttr({window.dilationH, window.dilationW}))
      .getResult(0);
}

Value buildMatMul(OpBuilder &b, Location loc, Value a, Value bValue,
                  bool transposeA, bool transposeB,
                  RankedTensorType resultType) {
  Value init = createFilled(b, loc, resultType,
                            getScalarAttr(resultType.getElementType(), 0));
  auto matmul = linalg::MatmulOp::create(b, loc, TypeRange{resultType},
                                         ValueRange{a, bValue},
                                         ValueRange{init});
  if (transposeA || transposeB) {
    // Iteration space (m, n, k).
    MLIRContext *ctx = b.getContext();
    AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
               k = getAffineDimExpr(2, ctx);
    SmallVector<AffineExpr, 2> exprsA = {m, k}, exprsB = {k, n};
    if (transposeA)
      exprsA = {k, m};
    if (transposeB)
      exprsB = {n, k};
    AffineMap mapA = AffineMap::get(3, 0, exprsA, ctx);
    AffineMap mapB = AffineMap::get(3, 0, exprsB, ctx);
    AffineMap mapC = AffineMap::get(3, 0, {m, n}, ctx);
    matmul.setIndexingMapsAttr(b.getAffineMapArrayAttr({mapA, mapB, mapC}));
  }
  return matmul.getResult(0);
}

namespace {

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

/// MatMul -> linalg.matmul into a zero-filled accumulator. A transposed
/// operand is read through a transposed indexing map.
struct MatMulLowering : GraphOpLowering<MatMulOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(MatMulOp op) const override {
    return checkComputeType(getStaticType(op.getProduct()).getElementType(),
                            /*floatOnly=*/false);
  }
  LogicalResult lower(MatMulOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildMatMul(rewriter, op.getLoc(), adaptor.getA(),
                                       adaptor.getB(), op.getTransposeA(),
                                       op.getTransposeB(),
                                       getStaticType(op.getProduct())));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Conv2D
//===----------------------------------------------------------------------===//

/// The geometry of a Conv2D, or the reason it is not supported.
FailureOr<Window> getConv2DWindow(Conv2DOp op, std::string &reason) {
  RankedTensorType input = getStaticType(op.getInput());
  RankedTensorType filter = getStaticType(op.getFilter());
  int64_t channels = input.getDimSize(getLayout(op.getDataFormat()).c);
  if (filter.getDimSize(2) != channels) {
    reason = "grouped convolution (filter in-channels " +
             std::to_string(filter.getDimSize(2)) + ", input channels " +
             std::to_string(channels) + ") is not supported";
    return failure();
  }
  return getConvWindow(ConvAttrs::of(op), input, filter.getDimSize(0),
                       filter.getDimSize(1), filter.getDimSize(3),
                       getStaticType(op.getOutput()), reason);
}

/// Conv2D -> (transpose to NHWC) + tensor.pad with 0 +
/// linalg.conv_2d_nhwc_hwcf with the op's strides and dilations
/// (+ transpose back to NCHW).
struct Conv2DLowering : GraphOpLowering<Conv2DOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(Conv2DOp op) const override {
    std::string reason = checkComputeType(
        getStaticType(op.getOutput()).getElementType(), /*floatOnly=*/false);
    if (reason.empty())
      (void)getConv2DWindow(op, reason);
    return reason;
  }
  LogicalResult lower(Conv2DOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<Window> window = getConv2DWindow(op, reason);
    if (failed(window))
      return rewriter.notifyMatchFailure(op, reason);
    Location loc = op.getLoc();
    Value input =
        transposeToNhwc(rewriter, loc, adaptor.getInput(), op.getDataFormat());
    Value result =
        buildConv2D(rewriter, loc, input, adaptor.getFilter(), *window);
    rewriter.replaceOp(
        op, transposeFromNhwc(rewriter, loc, result, op.getDataFormat()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// The geometry of a MaxPool/AvgPool, or the reason it is not supported.
template <typename OpTy>
FailureOr<Window> getPoolWindow(OpTy op, std::string &reason) {
  Layout4D layout = getLayout(op.getDataFormat());
  SmallVector<int64_t> ksize = getInts(op.getKsize());
  SmallVector<int64_t> strides = getInts(op.getStrides());
  if (ksize[0] != 1 || ksize[layout.c] != 1 || strides[0] != 1 ||
      strides[layout.c] != 1) {
    reason = "pooling over batch or channels is not supported";
    return failure();
  }
  RankedTensorType input =
      toNhwc(getStaticType(op.getInput()), op.getDataFormat());
  Window window;
  window.kernelH = ksize[layout.h];
  window.kernelW = ksize[layout.w];
  window.strideH = strides[layout.h];
  window.strideW = strides[layout.w];
  setPadding(window, input, op.getPadding());
  window.nhwcResult = getWindowResult(window, input, input.getDimSize(3));
  reason = checkResultShape(window, getStaticType(op.getOutput()),
                            op.getDataFormat());
  if (!reason.empty())
    return failure();
  return window;
}

/// Number of the `size` elements starting at `start` that lie in [0, in).
int64_t countValid(int64_t start, int64_t size, int64_t in) {
  return std::min(start + size, in) - std::max<int64_t>(start, 0);
}

/// `sum / count`, where count[oh][ow] is the number of non-padded input
/// elements in each window of `window` over an `inH` x `inW` input; a scalar
/// divisor when every window is full.
Value divideByWindowCounts(OpBuilder &b, Location loc, Value sum,
                           const Window &window, int64_t inH, int64_t inW) {
  auto sumType = getStaticType(sum);
  Type element = sumType.getElementType();
  int64_t outH = sumType.getDimSize(1), outW = sumType.getDimSize(2);
  SmallVector<double> counts;
  for (int64_t oh = 0; oh < outH; ++oh)
    for (int64_t ow = 0; ow < outW; ++ow)
      counts.push_back(
          static_cast<double>(countValid(
              oh * window.strideH - window.padH.before, window.kernelH, inH)) *
          countValid(ow * window.strideW - window.padW.before, window.kernelW,
                     inW));

  if (llvm::all_equal(counts)) {
    double count = counts.front();
    return createElementwise(
        b, loc, sumType, {sum},
        [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
          Value divisor = createScalar(nb, nl, element, count);
          return arith::DivFOp::create(nb, nl, args[0], divisor);
        });
  }
  SmallVector<Attribute> countAttrs;
  for (double count : counts)
    countAttrs.push_back(getScalarAttr(element, count));
  auto countType = RankedTensorType::get({outH, outW}, element);
  Value countTensor = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(countType, countAttrs));
  MLIRContext *ctx = b.getContext();
  AffineMap sumMap = b.getMultiDimIdentityMap(4);
  AffineMap countMap = AffineMap::get(
      4, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(2, ctx)}, ctx);
  return createGeneric(
      b, loc, sumType, {sum, countTensor}, {sumMap, countMap},
      [](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        return arith::DivFOp::create(nb, nl, args[0], args[1]);
      });
}

/// MaxPool / AvgPool -> (transpose to NHWC) + tensor.pad +
/// linalg.pooling_nhwc_max (padded with -inf) or linalg.pooling_nhwc_sum
/// (padded with 0, then divided by the per-window count of real elements)
/// (+ transpose back to NCHW).
template <typename OpTy, bool IsMax>
struct PoolLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  /// MaxPool takes uint8 (linalg's unsigned max pooling, padded with 0).
  bool handlesUnsigned() const override { return IsMax; }
  std::string check(OpTy op) const override {
    // TF's AvgPool is defined on floats only.
    std::string reason = checkComputeType(
        getStaticType(op.getOutput()).getElementType(), /*floatOnly=*/!IsMax);
    if (!reason.empty())
      return reason;
    FailureOr<Window> window = getPoolWindow(op, reason);
    if (failed(window) || IsMax)
      return reason;
    int64_t outH = window->nhwcResult.getDimSize(1);
    int64_t outW = window->nhwcResult.getDimSize(2);
    if (outH > kMaxLoweringTable || outW > kMaxLoweringTable ||
        outH * outW > kMaxLoweringTable)
      reason = "an output of " + std::to_string(outH) + " x " +
               std::to_string(outW) + " positions: graphc's table of window "
               "sizes holds at most " + std::to_string(kMaxLoweringTable);
    return reason;
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<Window> window = getPoolWindow(op, reason);
    if (failed(window))
      return rewriter.notifyMatchFailure(op, reason);
    bool nchw = op.getDataFormat() == "NCHW";
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    if (nchw)
      input = createTranspose(rewriter, loc, input, kNchwToNhwc);
    Type element = window->nhwcResult.getElementType();
    bool isUnsigned = isUnsignedElement(op.getInput());
    TypedAttr padValue = IsMax && !isUnsigned ? getLowestAttr(element)
                                              : getScalarAttr(element, 0);
    Value padded = padInput(rewriter, loc, input, *window, padValue);
    // The pooling ops take the window shape from a tensor they never read.
    Value shape = createEmpty(
        rewriter, loc,
        RankedTensorType::get({window->kernelH, window->kernelW}, element));
    Value init = createFilled(rewriter, loc, window->nhwcResult, padValue);
    Attribute strides =
        rewriter.getI64TensorAttr({window->strideH, window->strideW});
    Attribute dilations = rewriter.getI64TensorAttr({1, 1});
    Value result;
    if constexpr (IsMax) {
      result =
          isUnsigned
              ? linalg::PoolingNhwcMaxUnsignedOp::create(
                    rewriter, loc, TypeRange{window->nhwcResult},
                    ValueRange{padded, shape}, ValueRange{init}, strides,
                    dilations)
                    .getResult(0)
              : linalg::PoolingNhwcMaxOp::create(
                    rewriter, loc, TypeRange{window->nhwcResult},
                    ValueRange{padded, shape}, ValueRange{init}, strides,
                    dilations)
                    .getResult(0);
    } else {
      Value sum =
          linalg::PoolingNhwcSumOp::create(
              rewriter, loc, TypeRange{window->nhwcResult},
              ValueRange{padded, shape}, ValueRange{init}, strides, dilations)
              .getResult(0);
      RankedTensorType inputType = getStaticType(input);
      result = divideByWindowCounts(rewriter, loc, sum, *window,
                                    inputType.getDimSize(1),
                                    inputType.getDimSize(2));
    }
    if (nchw)
      result = createTranspose(rewriter, loc, result, kNhwcToNchw);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<MatMulLowering, Conv2DLowering,
               PoolLowering<MaxPoolOp, /*IsMax=*/true>,
               PoolLowering<AvgPoolOp, /*IsMax=*/false>>(ctx);
}

} // namespace graphc::graph_to_linalg

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
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

/// Element types linalg's named ops compute on here: the float types and
/// integers wider than i1.
bool isComputeType(Type type) {
  return isSupportedFloat(type) ||
         (isSupportedInteger(type) && !type.isInteger(1));
}

/// `type` with its dims permuted: result dim i is dim perm[i].
RankedTensorType permuteType(RankedTensorType type, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> shape;
  for (int64_t dim : perm)
    shape.push_back(type.getDimSize(dim));
  return RankedTensorType::get(shape, type.getElementType());
}

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

/// MatMul -> linalg.matmul into a zero-filled accumulator. A transposed
/// operand is read through a transposed indexing map.
struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getProduct());
    Type element = resultType.getElementType();
    if (!isComputeType(element))
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    Location loc = op.getLoc();
    Value init =
        createFilled(rewriter, loc, resultType, getScalarAttr(element, 0));
    auto matmul = linalg::MatmulOp::create(
        rewriter, loc, TypeRange{resultType},
        ValueRange{adaptor.getA(), adaptor.getB()}, ValueRange{init});
    if (op.getTransposeA() || op.getTransposeB()) {
      // Iteration space (m, n, k).
      MLIRContext *ctx = rewriter.getContext();
      AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
                 k = getAffineDimExpr(2, ctx);
      SmallVector<AffineExpr, 2> exprsA = {m, k}, exprsB = {k, n};
      if (op.getTransposeA())
        exprsA = {k, m};
      if (op.getTransposeB())
        exprsB = {n, k};
      AffineMap mapA = AffineMap::get(3, 0, exprsA, ctx);
      AffineMap mapB = AffineMap::get(3, 0, exprsB, ctx);
      AffineMap mapC = AffineMap::get(3, 0, {m, n}, ctx);
      matmul.setIndexingMapsAttr(
          rewriter.getAffineMapArrayAttr({mapA, mapB, mapC}));
    }
    rewriter.replaceOp(op, matmul.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Conv2D
//===----------------------------------------------------------------------===//

/// Conv2D -> (transpose to NHWC) + tensor.pad with 0 +
/// linalg.conv_2d_nhwc_hwcf with the op's strides and dilations
/// (+ transpose back to NCHW).
struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getOutput());
    Type element = resultType.getElementType();
    if (!isComputeType(element))
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    bool nchw = op.getDataFormat() == "NCHW";
    Layout4D layout = getLayout(op.getDataFormat());
    SmallVector<int64_t> strides = getInts(op.getStrides());
    SmallVector<int64_t> dilations = op.getDilations().empty()
                                         ? SmallVector<int64_t>{1, 1, 1, 1}
                                         : getInts(op.getDilations());
    if (strides[0] != 1 || strides[layout.c] != 1 || dilations[0] != 1 ||
        dilations[layout.c] != 1)
      return rewriter.notifyMatchFailure(
          op, "strides/dilations over batch or channels");

    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    if (nchw)
      input = createTranspose(rewriter, loc, input, kNchwToNhwc);
    Value filter = adaptor.getFilter();
    auto inputType = getStaticType(input);
    auto filterType = getStaticType(filter);
    if (filterType.getDimSize(2) != inputType.getDimSize(3))
      return rewriter.notifyMatchFailure(op, "grouped convolution");

    int64_t strideH = strides[layout.h], strideW = strides[layout.w];
    int64_t dilationH = dilations[layout.h], dilationW = dilations[layout.w];
    int64_t kernelH = filterType.getDimSize(0);
    int64_t kernelW = filterType.getDimSize(1);
    PadAmount padH, padW;
    if (op.getPadding() == "SAME") {
      padH =
          getSamePadding(inputType.getDimSize(1), kernelH, strideH, dilationH);
      padW =
          getSamePadding(inputType.getDimSize(2), kernelW, strideW, dilationW);
    } else if (op.getPadding() == "EXPLICIT") {
      // explicit_paddings: (before, after) per dim in data_format order.
      SmallVector<int64_t> pads = getInts(op.getExplicitPaddings());
      if (pads[0] || pads[1] || pads[2 * layout.c] || pads[2 * layout.c + 1])
        return rewriter.notifyMatchFailure(op, "padding of batch or channels");
      padH = {pads[2 * layout.h], pads[2 * layout.h + 1]};
      padW = {pads[2 * layout.w], pads[2 * layout.w + 1]};
    }

    // The output size the padded window arithmetic gives must be the
    // (inferred) result type's.
    int64_t outH =
        getWindowOutputSize(inputType.getDimSize(1) + padH.before + padH.after,
                            kernelH, strideH, dilationH);
    int64_t outW =
        getWindowOutputSize(inputType.getDimSize(2) + padW.before + padW.after,
                            kernelW, strideW, dilationW);
    auto nhwcType = RankedTensorType::get(
        {inputType.getDimSize(0), outH, outW, filterType.getDimSize(3)},
        element);
    if ((nchw ? permuteType(nhwcType, kNhwcToNchw) : nhwcType) != resultType)
      return rewriter.notifyMatchFailure(op, "result shape mismatch");

    TypedAttr zero = getScalarAttr(element, 0);
    Value padded =
        createPad(rewriter, loc, input, {0, padH.before, padW.before, 0},
                  {0, padH.after, padW.after, 0}, zero);
    Value init = createFilled(rewriter, loc, nhwcType, zero);
    Value result =
        linalg::Conv2DNhwcHwcfOp::create(
            rewriter, loc, TypeRange{nhwcType}, ValueRange{padded, filter},
            ValueRange{init}, rewriter.getI64TensorAttr({strideH, strideW}),
            rewriter.getI64TensorAttr({dilationH, dilationW}))
            .getResult(0);
    if (nchw)
      result = createTranspose(rewriter, loc, result, kNhwcToNchw);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// Number of elements of the window starting at `start` (in padded
/// coordinates shifted by `padBefore`) of `size` that lie inside [0, in).
int64_t countValid(int64_t start, int64_t size, int64_t in) {
  return std::min(start + size, in) - std::max<int64_t>(start, 0);
}

/// `sum / count` where count[oh][ow] is the number of non-padded input
/// elements of each window; a scalar divisor when every window is full.
Value divideByWindowCounts(OpBuilder &b, Location loc, Value sum, int64_t inH,
                           int64_t inW, int64_t kernelH, int64_t kernelW,
                           int64_t strideH, int64_t strideW, PadAmount padH,
                           PadAmount padW) {
  auto sumType = getStaticType(sum);
  Type element = sumType.getElementType();
  int64_t outH = sumType.getDimSize(1), outW = sumType.getDimSize(2);
  SmallVector<double> counts;
  for (int64_t oh = 0; oh < outH; ++oh)
    for (int64_t ow = 0; ow < outW; ++ow)
      counts.push_back(static_cast<double>(countValid(
                           oh * strideH - padH.before, kernelH, inH)) *
                       countValid(ow * strideW - padW.before, kernelW, inW));

  bool uniform = llvm::all_equal(counts);
  if (uniform) {
    double count = counts.front();
    return createElementwise(
        b, loc, sumType, {sum},
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value c = createScalar(nb, nl, element, count);
          return arith::DivFOp::create(nb, nl, args[0], c).getResult();
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
      [](OpBuilder &nb, Location nl, ValueRange args) {
        return arith::DivFOp::create(nb, nl, args[0], args[1]).getResult();
      });
}

/// MaxPool / AvgPool -> (transpose to NHWC) + tensor.pad +
/// linalg.pooling_nhwc_max (padded with -inf) or linalg.pooling_nhwc_sum
/// (padded with 0, then divided by the per-window count of real elements)
/// (+ transpose back to NCHW).
template <typename OpTy, bool IsMax>
struct PoolLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getOutput());
    Type element = resultType.getElementType();
    if (IsMax ? !isComputeType(element) : !isSupportedFloat(element))
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    bool nchw = op.getDataFormat() == "NCHW";
    Layout4D layout = getLayout(op.getDataFormat());
    SmallVector<int64_t> ksize = getInts(op.getKsize());
    SmallVector<int64_t> strides = getInts(op.getStrides());
    if (ksize[0] != 1 || ksize[layout.c] != 1 || strides[0] != 1 ||
        strides[layout.c] != 1)
      return rewriter.notifyMatchFailure(op, "pooling over batch or channels");

    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    if (nchw)
      input = createTranspose(rewriter, loc, input, kNchwToNhwc);
    auto inputType = getStaticType(input);
    int64_t inH = inputType.getDimSize(1), inW = inputType.getDimSize(2);
    int64_t kernelH = ksize[layout.h], kernelW = ksize[layout.w];
    int64_t strideH = strides[layout.h], strideW = strides[layout.w];
    PadAmount padH, padW;
    if (op.getPadding() == "SAME") {
      padH = getSamePadding(inH, kernelH, strideH, 1);
      padW = getSamePadding(inW, kernelW, strideW, 1);
    }
    int64_t outH = getWindowOutputSize(inH + padH.before + padH.after, kernelH,
                                       strideH, 1);
    int64_t outW = getWindowOutputSize(inW + padW.before + padW.after, kernelW,
                                       strideW, 1);
    auto nhwcType = RankedTensorType::get(
        {inputType.getDimSize(0), outH, outW, inputType.getDimSize(3)},
        element);
    if ((nchw ? permuteType(nhwcType, kNhwcToNchw) : nhwcType) != resultType)
      return rewriter.notifyMatchFailure(op, "result shape mismatch");

    TypedAttr padValue =
        IsMax ? getLowestAttr(element) : getScalarAttr(element, 0);
    Value padded =
        createPad(rewriter, loc, input, {0, padH.before, padW.before, 0},
                  {0, padH.after, padW.after, 0}, padValue);
    // The pooling ops take the window shape from a tensor they never read.
    Value window = createEmpty(
        rewriter, loc, RankedTensorType::get({kernelH, kernelW}, element));
    Value init = createFilled(rewriter, loc, nhwcType, padValue);
    Attribute stridesAttr = rewriter.getI64TensorAttr({strideH, strideW});
    Attribute dilationsAttr = rewriter.getI64TensorAttr({1, 1});
    Value result;
    if constexpr (IsMax) {
      result =
          linalg::PoolingNhwcMaxOp::create(
              rewriter, loc, TypeRange{nhwcType}, ValueRange{padded, window},
              ValueRange{init}, stridesAttr, dilationsAttr)
              .getResult(0);
    } else {
      Value sum =
          linalg::PoolingNhwcSumOp::create(
              rewriter, loc, TypeRange{nhwcType}, ValueRange{padded, window},
              ValueRange{init}, stridesAttr, dilationsAttr)
              .getResult(0);
      result = divideByWindowCounts(rewriter, loc, sum, inH, inW, kernelH,
                                    kernelW, strideH, strideW, padH, padW);
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

//===- NNPatterns.cpp - lowering of the nn op family ----------------------===//
//
// The NN family (dialect/Graph/GraphNNOps.td) onto linalg named ops where
// upstream has one, so the codegen back end tiles and vectorizes them like
// Conv2D and MatMul:
//
//  - DepthwiseConv2dNative -> tensor.pad + linalg.depthwise_conv_2d_nhwc_hwc
//    (multiplier 1) or _hwcm (+ collapse of [C, M] to TF's C * M channels);
//  - Conv2DBackpropInput (transposed convolution) -> out_backprop scattered
//    with the forward stride into a zero tensor with the padding that makes
//    the transposed window line up (tensor.insert_slice), then
//    linalg.conv_2d_nhwc_hwcf with the forward dilation and the filter
//    flipped spatially with in/out channels swapped (folded at compile time
//    for a constant filter);
//  - BatchMatMul/V2/V3 -> linalg.batch_matmul over the collapsed batch dims
//    (adj_x/adj_y as indexing maps; V2/V3 batch broadcasting materialized);
//  - FusedBatchNorm/V2/V3 -> one linalg.generic computing TF's
//    (x - mean) * (rsqrt(variance + epsilon) * scale) + offset, the factor
//    folded to a constant when scale and variance are constants; training
//    mode first reduces the batch mean and population variance;
//  - Prelu -> a broadcasting linalg.generic;
//  - _FusedConv2D / FusedDepthwiseConv2dNative / _FusedMatMul -> the
//    convolution or matmul above followed by one linalg.generic applying
//    `fused_ops` in order (BiasAdd, FusedBatchNorm, Add, Relu, Relu6, Elu,
//    LeakyRelu, Sigmoid, Tanh, Prelu).
//
// Numerics follow TF's CPU kernels (fused_batch_norm_op.cc, the fused conv
// output kernels, relu_op_functor.h) operation by operation, without
// fast-math: NCHW ops compute in NHWC between two transposes.
//
//===----------------------------------------------------------------------===//
#include "LinalgBuilders.h"
#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

/// `text` followed by `type`, for check() reasons.
std::string withType(std::string text, Type type) {
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

/// The map of a `rank`-D iteration space onto its dim `dim` (a per-channel
/// vector).
AffineMap getDimMap(int64_t rank, int64_t dim, MLIRContext *ctx) {
  return AffineMap::get(rank, 0, getAffineDimExpr(dim, ctx));
}

//===----------------------------------------------------------------------===//
// Scalar bodies
//===----------------------------------------------------------------------===//

/// x > 0 ? x : alpha * x (TF's LeakyRelu and TF.js's Prelu).
Value buildLeaky(OpBuilder &b, Location loc, Value x, Value alpha) {
  Value zero = createScalar(b, loc, x.getType(), 0);
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  Value scaled = arith::MulFOp::create(b, loc, x, alpha);
  return arith::SelectOp::create(b, loc, positive, x, scaled);
}

/// The activation `kind` of a fused op (one of isActivation's) on float `x`.
Value buildActivation(OpBuilder &b, Location loc, StringRef kind, Value x,
                      double leakyAlpha) {
  Type type = x.getType();
  Value zero = createScalar(b, loc, type, 0);
  if (kind == "Relu")
    return arith::MaximumFOp::create(b, loc, x, zero);
  if (kind == "Relu6")
    return arith::MinimumFOp::create(
        b, loc, arith::MaximumFOp::create(b, loc, x, zero),
        createScalar(b, loc, type, 6));
  if (kind == "Elu") {
    // TF: x < 0 ? exp(x) - 1 : x.
    Value negative =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
    Value expm1 = arith::SubFOp::create(b, loc, math::ExpOp::create(b, loc, x),
                                        createScalar(b, loc, type, 1));
    return arith::SelectOp::create(b, loc, negative, expm1, x);
  }
  if (kind == "LeakyRelu")
    return buildLeaky(b, loc, x, createScalar(b, loc, type, leakyAlpha));
  if (kind == "Sigmoid")
    return buildSigmoid(b, loc, x);
  assert(kind == "Tanh" && "unknown activation");
  return math::TanhOp::create(b, loc, x);
}

bool isActivation(StringRef kind) {
  return llvm::is_contained(
      {"Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh"}, kind);
}

/// `x` converted to the float type `to` (extf/truncf; nothing if equal).
Value convertFloat(OpBuilder &b, Location loc, Value x, Type to) {
  if (x.getType() == to)
    return x;
  if (to.getIntOrFloatBitWidth() > x.getType().getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, to, x);
  return arith::TruncFOp::create(b, loc, to, x);
}

//===----------------------------------------------------------------------===//
// Batch normalization pieces
//===----------------------------------------------------------------------===//

/// rsqrt(variance + epsilon) * scale over the 1-D `scale`/`variance`, as TF
/// computes its scaling factor: a constant when both are f32/f64 constants,
/// else a linalg.generic.
Value buildBatchNormFactor(OpBuilder &b, Location loc, Value scale,
                           Value variance, double epsilon) {
  RankedTensorType type = getStaticType(scale);
  Type element = type.getElementType();
  DenseElementsAttr scales, variances;
  if (matchPattern(scale, m_Constant(&scales)) &&
      matchPattern(variance, m_Constant(&variances)) &&
      (element.isF32() || element.isF64()) &&
      type.getNumElements() <= kMaxLoweringTable) {
    auto s = scales.getValues<APFloat>();
    auto v = variances.getValues<APFloat>();
    SmallVector<APFloat> factors;
    for (int64_t c = 0, e = type.getNumElements(); c < e; ++c) {
      if (element.isF32()) {
        float sum = v[c].convertToFloat() + static_cast<float>(epsilon);
        float rsqrt = 1.0f / std::sqrt(sum);
        factors.push_back(APFloat(rsqrt * s[c].convertToFloat()));
      } else {
        double sum = v[c].convertToDouble() + epsilon;
        double rsqrt = 1.0 / std::sqrt(sum);
        factors.push_back(APFloat(rsqrt * s[c].convertToDouble()));
      }
    }
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(type, factors));
  }
  return createElementwise(
      b, loc, type, {variance, scale},
      [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        Value sum = arith::AddFOp::create(
            nb, nl, args[0], createScalar(nb, nl, element, epsilon));
        Value rsqrt = arith::DivFOp::create(
            nb, nl, createScalar(nb, nl, element, 1),
            math::SqrtOp::create(nb, nl, sum));
        return arith::MulFOp::create(nb, nl, rsqrt, args[1]);
      });
}

/// (x - mean) * factor + offset over `x`, whose channels are dim
/// `channelDim`, with the per-channel `mean`, `factor`, `offset` of float
/// type U (x is converted to U and back).
Value buildNormalize(OpBuilder &b, Location loc, Value x, Value mean,
                     Value factor, Value offset, int64_t channelDim) {
  RankedTensorType type = getStaticType(x);
  MLIRContext *ctx = b.getContext();
  AffineMap channel = getDimMap(type.getRank(), channelDim, ctx);
  Type element = type.getElementType();
  Type statElement = getStaticType(mean).getElementType();
  return createGeneric(
      b, loc, type, {x, mean, factor, offset},
      {b.getMultiDimIdentityMap(type.getRank()), channel, channel, channel},
      [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        Value v = convertFloat(nb, nl, args[0], statElement);
        Value centered = arith::SubFOp::create(nb, nl, v, args[1]);
        Value scaled = arith::MulFOp::create(nb, nl, centered, args[2]);
        Value shifted = arith::AddFOp::create(nb, nl, scaled, args[3]);
        return convertFloat(nb, nl, shifted, element);
      });
}

//===----------------------------------------------------------------------===//
// Fused epilogues (_FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul)
//===----------------------------------------------------------------------===//

/// "" if `fusedOps` with `args` (original operands) can be applied to a
/// float `result` whose channels are dim `channelDim`, else the reason.
std::string checkEpilogue(ArrayAttr fusedOps, ValueRange args,
                          RankedTensorType result, int64_t channelDim) {
  int64_t channels = result.getDimSize(channelDim);
  unsigned next = 0;
  auto isChannelVector = [&](Value v) {
    RankedTensorType type = getStaticType(v);
    return type.getRank() == 1 && type.getDimSize(0) == channels;
  };
  for (Attribute attr : fusedOps) {
    StringRef kind = cast<StringAttr>(attr).getValue();
    if (isActivation(kind))
      continue;
    if (kind == "BiasAdd" || kind == "FusedBatchNorm") {
      unsigned count = kind == "BiasAdd" ? 1 : 4;
      for (unsigned i = 0; i < count; ++i)
        if (next + i >= args.size() || !isChannelVector(args[next + i]))
          return ("fused " + kind + " needs " + std::to_string(count) +
                  " 1-D arg(s) of " + std::to_string(channels) + " elements")
              .str();
      next += count;
      continue;
    }
    if (kind == "Add") {
      if (next >= args.size() || getStaticType(args[next]) != result)
        return withType("fused Add needs an arg of the result type ", result);
      ++next;
      continue;
    }
    if (kind == "Prelu") {
      if (next >= args.size())
        return "fused Prelu needs an alpha arg";
      RankedTensorType alpha = getStaticType(args[next]);
      bool fits = alpha.getRank() <= result.getRank();
      for (int64_t i = 0; fits && i < alpha.getRank(); ++i) {
        int64_t d = alpha.getDimSize(alpha.getRank() - 1 - i);
        fits = d == 1 || d == result.getDimSize(result.getRank() - 1 - i);
      }
      if (!fits)
        return withType("fused Prelu alpha does not broadcast to ", result);
      ++next;
      continue;
    }
    return ("unsupported fused op '" + kind + "'").str();
  }
  // The verifier has checked that the fused ops consume exactly `args`.
  return "";
}

/// `value` (float, channels in dim `channelDim`) with `fusedOps` applied in
/// order, as one linalg.generic (checkEpilogue accepted them).
Value buildEpilogue(OpBuilder &b, Location loc, Value value, ArrayAttr fusedOps,
                    ValueRange args, int64_t channelDim, double epsilon,
                    double leakyAlpha) {
  if (fusedOps.empty())
    return value;
  RankedTensorType type = getStaticType(value);
  int64_t rank = type.getRank();
  MLIRContext *ctx = b.getContext();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  AffineMap channel = getDimMap(rank, channelDim, ctx);
  SmallVector<Value> inputs = {value};
  SmallVector<AffineMap> maps = {identity};
  unsigned next = 0;
  for (Attribute attr : fusedOps) {
    StringRef kind = cast<StringAttr>(attr).getValue();
    if (kind == "BiasAdd") {
      inputs.push_back(args[next++]);
      maps.push_back(channel);
    } else if (kind == "FusedBatchNorm") {
      // args: scale, offset, mean, variance -> inputs mean, factor, offset.
      Value factor = buildBatchNormFactor(b, loc, args[next],
                                          args[next + 3], epsilon);
      inputs.append({args[next + 2], factor, args[next + 1]});
      maps.append({channel, channel, channel});
      next += 4;
    } else if (kind == "Add") {
      inputs.push_back(args[next++]);
      maps.push_back(identity);
    } else if (kind == "Prelu") {
      Value alpha = args[next++];
      inputs.push_back(alpha);
      maps.push_back(getBroadcastMap(getStaticType(alpha), type.getShape(), ctx));
    }
  }
  return createGeneric(
      b, loc, type, inputs, maps,
      [&](OpBuilder &nb, Location nl, ValueRange blockArgs) -> Value {
        Value v = blockArgs[0];
        unsigned arg = 1;
        for (Attribute attr : fusedOps) {
          StringRef kind = cast<StringAttr>(attr).getValue();
          if (kind == "BiasAdd" || kind == "Add") {
            v = arith::AddFOp::create(nb, nl, v, blockArgs[arg++]);
          } else if (kind == "FusedBatchNorm") {
            Value centered = arith::SubFOp::create(nb, nl, v, blockArgs[arg]);
            Value scaled =
                arith::MulFOp::create(nb, nl, centered, blockArgs[arg + 1]);
            v = arith::AddFOp::create(nb, nl, scaled, blockArgs[arg + 2]);
            arg += 3;
          } else if (kind == "Prelu") {
            v = buildLeaky(nb, nl, v, blockArgs[arg++]);
          } else {
            v = buildActivation(nb, nl, kind, v, leakyAlpha);
          }
        }
        return v;
      });
}

//===----------------------------------------------------------------------===//
// Depthwise convolution
//===----------------------------------------------------------------------===//

/// The geometry of a depthwise convolution of `input` (in the op's format)
/// with the [KH, KW, C, M] `filter`, or the reason it is not supported.
FailureOr<Window> getDepthwiseWindow(const ConvAttrs &attrs,
                                     RankedTensorType input,
                                     RankedTensorType filter,
                                     RankedTensorType result,
                                     std::string &reason) {
  int64_t channels = input.getDimSize(getLayout(attrs.dataFormat).c);
  if (filter.getDimSize(2) != channels) {
    reason = "filter in-channels (" + std::to_string(filter.getDimSize(2)) +
             ") do not match the input channels (" + std::to_string(channels) +
             ")";
    return failure();
  }
  return getConvWindow(attrs, input, filter.getDimSize(0),
                       filter.getDimSize(1),
                       filter.getDimSize(2) * filter.getDimSize(3), result,
                       reason);
}

/// Depthwise convolution of NHWC `input` with the [KH, KW, C, M] `filter`:
/// linalg.depthwise_conv_2d_nhwc_hwc for M = 1, else _hwcm and a collapse
/// of [C, M] into TF's channel c * M + m. Returns window.nhwcResult.
Value buildDepthwiseConv(OpBuilder &b, Location loc, Value input, Value filter,
                         const Window &window) {
  RankedTensorType filterType = getStaticType(filter);
  RankedTensorType result = window.nhwcResult;
  Type element = result.getElementType();
  TypedAttr zero = getScalarAttr(element, 0);
  Value padded = padInput(b, loc, input, window, zero);
  Attribute strides = b.getI64TensorAttr({window.strideH, window.strideW});
  Attribute dilations =
      b.getI64TensorAttr({window.dilationH, window.dilationW});
  int64_t kh = filterType.getDimSize(0), kw = filterType.getDimSize(1);
  int64_t c = filterType.getDimSize(2), m = filterType.getDimSize(3);
  if (m == 1) {
    Value filter3 = createStaticReshape(
        b, loc, filter, RankedTensorType::get({kh, kw, c}, element));
    Value init = createFilled(b, loc, result, zero);
    return linalg::DepthwiseConv2DNhwcHwcOp::create(
               b, loc, TypeRange{result}, ValueRange{padded, filter3},
               ValueRange{init}, strides, dilations)
        .getResult(0);
  }
  auto result5 = RankedTensorType::get({result.getDimSize(0),
                                        result.getDimSize(1),
                                        result.getDimSize(2), c, m},
                                       element);
  Value init = createFilled(b, loc, result5, zero);
  Value conv = linalg::DepthwiseConv2DNhwcHwcmOp::create(
                   b, loc, TypeRange{result5}, ValueRange{padded, filter},
                   ValueRange{init}, strides, dilations)
                   .getResult(0);
  return createStaticReshape(b, loc, conv, result);
}

/// DepthwiseConv2dNative -> (transpose to NHWC) + tensor.pad +
/// linalg.depthwise_conv_2d_nhwc_hwc(m) (+ transpose back).
struct DepthwiseConv2dNativeLowering
    : GraphOpLowering<DepthwiseConv2dNativeOp> {
  using GraphOpLowering::GraphOpLowering;
  static FailureOr<Window> getWindow(DepthwiseConv2dNativeOp op,
                                     std::string &reason) {
    return getDepthwiseWindow(ConvAttrs::of(op), getStaticType(op.getInput()),
                              getStaticType(op.getFilter()),
                              getStaticType(op.getOutput()), reason);
  }
  std::string check(DepthwiseConv2dNativeOp op) const override {
    std::string reason = checkComputeType(
        getStaticType(op.getOutput()).getElementType(), /*floatOnly=*/true);
    if (reason.empty())
      (void)getWindow(op, reason);
    return reason;
  }
  LogicalResult lower(DepthwiseConv2dNativeOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<Window> window = getWindow(op, reason);
    if (failed(window))
      return rewriter.notifyMatchFailure(op, reason);
    Location loc = op.getLoc();
    Value input =
        transposeToNhwc(rewriter, loc, adaptor.getInput(), op.getDataFormat());
    Value result =
        buildDepthwiseConv(rewriter, loc, input, adaptor.getFilter(), *window);
    rewriter.replaceOp(
        op, transposeFromNhwc(rewriter, loc, result, op.getDataFormat()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Conv2DBackpropInput
//===----------------------------------------------------------------------===//

/// The forward convolution's geometry: from the op's result (the forward
/// input) to out_backprop (the forward output).
FailureOr<Window> getForwardWindow(Conv2DBackpropInputOp op,
                                   std::string &reason) {
  RankedTensorType result = getStaticType(op.getOutput());
  RankedTensorType filter = getStaticType(op.getFilter());
  int64_t channels = result.getDimSize(getLayout(op.getDataFormat()).c);
  if (filter.getDimSize(2) != channels) {
    reason = "grouped convolution (filter in-channels " +
             std::to_string(filter.getDimSize(2)) + ", input channels " +
             std::to_string(channels) + ") is not supported";
    return failure();
  }
  return getConvWindow(ConvAttrs::of(op), result, filter.getDimSize(0),
                       filter.getDimSize(1), filter.getDimSize(3),
                       getStaticType(op.getOutBackprop()), reason);
}

/// The [KH, KW, out, in] filter of the transposed convolution: `filter`
/// ([KH, KW, in, out]) flipped in both spatial dims, channels swapped.
/// Folded when `filter` is a constant, else a linalg.generic.
Value buildFlippedFilter(OpBuilder &b, Location loc, Value filter) {
  RankedTensorType type = getStaticType(filter);
  int64_t kh = type.getDimSize(0), kw = type.getDimSize(1);
  int64_t ci = type.getDimSize(2), co = type.getDimSize(3);
  auto flippedType =
      RankedTensorType::get({kh, kw, co, ci}, type.getElementType());
  DenseElementsAttr values;
  if (matchPattern(filter, m_Constant(&values))) {
    if (values.isSplat())
      return arith::ConstantOp::create(b, loc, values.reshape(flippedType));
    auto source = values.getValues<Attribute>();
    SmallVector<Attribute> flipped;
    flipped.reserve(type.getNumElements());
    for (int64_t h = 0; h < kh; ++h)
      for (int64_t w = 0; w < kw; ++w)
        for (int64_t o = 0; o < co; ++o)
          for (int64_t i = 0; i < ci; ++i)
            flipped.push_back(
                source[(((kh - 1 - h) * kw + (kw - 1 - w)) * ci + i) * co + o]);
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(flippedType, flipped));
  }
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx), d1 = getAffineDimExpr(1, ctx),
             d2 = getAffineDimExpr(2, ctx), d3 = getAffineDimExpr(3, ctx);
  AffineMap read = AffineMap::get(4, 0, {kh - 1 - d0, kw - 1 - d1, d3, d2}, ctx);
  return createGeneric(b, loc, flippedType, {filter}, {read},
                       [](OpBuilder &, Location, ValueRange args) -> Value {
                         return args[0];
                       });
}

/// Where out_backprop's rows land in the transposed convolution's input
/// along one spatial dim: rows [first, first + count) go to positions
/// offset, offset + stride, ...; the padded size is `size`.
struct Scatter {
  int64_t first = 0, count = 0, offset = 0, size = 0;
};

/// One spatial dim of the transposed convolution: `in` is the forward input
/// size (the result's), `out` out_backprop's, `kernel`/`stride`/`dilation`/
/// `padBefore` the forward window's.
Scatter getScatter(int64_t in, int64_t out, int64_t kernel, int64_t stride,
                   int64_t dilation, int64_t padBefore) {
  Scatter s;
  // Forward: out[o] reads in[o * stride + k * dilation - padBefore]. The
  // transposed window reads G[i + k' * dilation] (k' = kernel - 1 - k), so
  // out[o] sits at G[o * stride + low].
  int64_t low = (kernel - 1) * dilation - padBefore;
  s.size = in + (kernel - 1) * dilation;
  s.first = low < 0 ? (-low + stride - 1) / stride : 0;
  int64_t last = s.size - 1 - low < 0 ? -1 : (s.size - 1 - low) / stride;
  last = std::min(last, out - 1);
  s.count = std::max<int64_t>(last - s.first + 1, 0);
  s.offset = low + s.first * stride;
  return s;
}

/// Conv2DBackpropInput -> (transposes) + out_backprop scattered into a zero
/// tensor (extract_slice/insert_slice with the stride) + conv_2d_nhwc_hwcf
/// with the flipped filter.
struct Conv2DBackpropInputLowering : GraphOpLowering<Conv2DBackpropInputOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(Conv2DBackpropInputOp op) const override {
    std::string reason = checkComputeType(
        getStaticType(op.getOutput()).getElementType(), /*floatOnly=*/true);
    if (reason.empty())
      (void)getForwardWindow(op, reason);
    return reason;
  }
  LogicalResult lower(Conv2DBackpropInputOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<Window> forward = getForwardWindow(op, reason);
    if (failed(forward))
      return rewriter.notifyMatchFailure(op, reason);
    Location loc = op.getLoc();
    StringRef format = op.getDataFormat();
    Value grad =
        transposeToNhwc(rewriter, loc, adaptor.getOutBackprop(), format);
    RankedTensorType gradType = getStaticType(grad);
    RankedTensorType result = toNhwc(getStaticType(op.getOutput()), format);
    Type element = result.getElementType();
    TypedAttr zero = getScalarAttr(element, 0);
    int64_t n = gradType.getDimSize(0), channels = gradType.getDimSize(3);
    Scatter sh = getScatter(result.getDimSize(1), gradType.getDimSize(1),
                            forward->kernelH, forward->strideH,
                            forward->dilationH, forward->padH.before);
    Scatter sw = getScatter(result.getDimSize(2), gradType.getDimSize(2),
                            forward->kernelW, forward->strideW,
                            forward->dilationW, forward->padW.before);
    Value value;
    if (sh.count == 0 || sw.count == 0) {
      // No gradient reaches the input (a window entirely in the padding).
      value = createFilled(rewriter, loc, result, zero);
    } else {
      auto sliceType =
          RankedTensorType::get({n, sh.count, sw.count, channels}, element);
      if (sliceType != gradType)
        grad = tensor::ExtractSliceOp::create(
            rewriter, loc, sliceType, grad,
            ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                                   rewriter.getIndexAttr(sh.first),
                                   rewriter.getIndexAttr(sw.first),
                                   rewriter.getIndexAttr(0)},
            getAsIndexOpFoldResult(rewriter.getContext(),
                                   sliceType.getShape()),
            getAsIndexOpFoldResult(rewriter.getContext(), {1, 1, 1, 1}));
      auto scatteredType =
          RankedTensorType::get({n, sh.size, sw.size, channels}, element);
      Value zeros = createFilled(rewriter, loc, scatteredType, zero);
      Value scattered = tensor::InsertSliceOp::create(
          rewriter, loc, grad, zeros,
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                                 rewriter.getIndexAttr(sh.offset),
                                 rewriter.getIndexAttr(sw.offset),
                                 rewriter.getIndexAttr(0)},
          getAsIndexOpFoldResult(rewriter.getContext(), sliceType.getShape()),
          getAsIndexOpFoldResult(
              rewriter.getContext(),
              {1, forward->strideH, forward->strideW, 1}));
      Window window;
      window.kernelH = forward->kernelH;
      window.kernelW = forward->kernelW;
      window.strideH = window.strideW = 1;
      window.dilationH = forward->dilationH;
      window.dilationW = forward->dilationW;
      window.nhwcResult = result;
      Value filter = buildFlippedFilter(rewriter, loc, adaptor.getFilter());
      value = buildConv2D(rewriter, loc, scattered, filter, window);
    }
    rewriter.replaceOp(op, transposeFromNhwc(rewriter, loc, value, format));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// BatchMatMul, BatchMatMulV2, BatchMatMulV3
//===----------------------------------------------------------------------===//

/// BatchMatMul* -> operands broadcast to the result's batch dims (V2/V3,
/// only when they differ), collapsed to [B, rows, cols], linalg.batch_matmul
/// (adj_x/adj_y as indexing maps) into a zero-filled [B, M, N], expanded to
/// the result shape.
template <typename OpTy> struct BatchMatMulLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  std::string check(OpTy op) const override {
    Type element = getStaticType(op.getOutput()).getElementType();
    if (getStaticType(op.getX()).getElementType() != element ||
        getStaticType(op.getY()).getElementType() != element)
      return "operands and result of different element types are not "
             "supported";
    return checkComputeType(element, /*floatOnly=*/false);
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType result = getStaticType(op.getOutput());
    Type element = result.getElementType();
    ArrayRef<int64_t> batchShape = result.getShape().drop_back(2);
    int64_t batch = 1;
    for (int64_t d : batchShape)
      batch *= d;
    auto prepare = [&](Value v) -> Value {
      RankedTensorType type = getStaticType(v);
      SmallVector<int64_t> full(batchShape);
      full.append({type.getDimSize(type.getRank() - 2),
                   type.getDimSize(type.getRank() - 1)});
      auto fullType = RankedTensorType::get(full, element);
      if (type != fullType)
        v = createGeneric(
            rewriter, loc, fullType, {v},
            {getBroadcastMap(type, full, rewriter.getContext())},
            [](OpBuilder &, Location, ValueRange args) { return args[0]; });
      return createStaticReshape(
          rewriter, loc, v,
          RankedTensorType::get({batch, full[full.size() - 2], full.back()},
                                element));
    };
    Value x = prepare(adaptor.getX());
    Value y = prepare(adaptor.getY());
    auto result3 = RankedTensorType::get(
        {batch, result.getDimSize(result.getRank() - 2),
         result.getDimSize(result.getRank() - 1)},
        element);
    Value init =
        createFilled(rewriter, loc, result3, getScalarAttr(element, 0));
    auto matmul = linalg::BatchMatmulOp::create(
        rewriter, loc, TypeRange{result3}, ValueRange{x, y}, ValueRange{init});
    if (op.getAdjX() || op.getAdjY()) {
      // Iteration space (b, m, n, k).
      MLIRContext *ctx = rewriter.getContext();
      AffineExpr bd = getAffineDimExpr(0, ctx), m = getAffineDimExpr(1, ctx),
                 nd = getAffineDimExpr(2, ctx), k = getAffineDimExpr(3, ctx);
      AffineMap mapX = AffineMap::get(
          4, 0,
          op.getAdjX() ? ArrayRef<AffineExpr>{bd, k, m}
                       : ArrayRef<AffineExpr>{bd, m, k},
          ctx);
      AffineMap mapY = AffineMap::get(
          4, 0,
          op.getAdjY() ? ArrayRef<AffineExpr>{bd, nd, k}
                       : ArrayRef<AffineExpr>{bd, k, nd},
          ctx);
      AffineMap mapOut = AffineMap::get(4, 0, {bd, m, nd}, ctx);
      matmul.setIndexingMapsAttr(
          rewriter.getAffineMapArrayAttr({mapX, mapY, mapOut}));
    }
    rewriter.replaceOp(
        op, createStaticReshape(rewriter, loc, matmul.getResult(0), result));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// FusedBatchNorm, FusedBatchNormV2, FusedBatchNormV3
//===----------------------------------------------------------------------===//

/// A [C] vector: per channel of `x` (channels in dim `channelDim`), the sum
/// over every other dim of body(x element, per-channel inputs...), added in
/// order into a zero-filled accumulator (linalg.generic with reductions).
Value buildChannelSum(OpBuilder &b, Location loc, Value x,
                      ValueRange perChannel, int64_t channelDim,
                      Type statElement,
                      function_ref<Value(OpBuilder &, Location, Value,
                                         ValueRange)>
                          body) {
  RankedTensorType type = getStaticType(x);
  int64_t rank = type.getRank();
  MLIRContext *ctx = b.getContext();
  AffineMap channel = getDimMap(rank, channelDim, ctx);
  auto statType =
      RankedTensorType::get({type.getDimSize(channelDim)}, statElement);
  Value init = createFilled(b, loc, statType, getScalarAttr(statElement, 0));
  SmallVector<Value> inputs = {x};
  llvm::append_range(inputs, perChannel);
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
  maps.append(perChannel.size(), channel);
  maps.push_back(channel);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::reduction);
  iterators[channelDim] = utils::IteratorType::parallel;
  return linalg::GenericOp::create(
             b, loc, TypeRange{statType}, inputs, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value term = body(nb, nl, args[0], args.slice(1, perChannel.size()));
               Value sum = arith::AddFOp::create(nb, nl, args.back(), term);
               linalg::YieldOp::create(nb, nl, sum);
             })
      .getResult(0);
}

/// FusedBatchNorm* -> inference: buildNormalize with TF's factor; training:
/// batch mean and population variance by channel (sums times 1/n, as TF),
/// then the same normalization, and TF's running statistics outputs.
template <typename OpTy>
struct FusedBatchNormLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  std::string check(OpTy op) const override {
    RankedTensorType x = getStaticType(op.getX());
    std::string reason = checkComputeType(x.getElementType(), true);
    if (reason.empty())
      reason = checkComputeType(getStaticType(op.getScale()).getElementType(),
                                true);
    if (!reason.empty())
      return reason;
    if (x.getNumElements() == 0)
      return "an empty x is not supported";
    return "";
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType xType = getStaticType(op.getX());
    Type statElement = getStaticType(op.getScale()).getElementType();
    int64_t rank = xType.getRank();
    int64_t channelDim = op.getDataFormat().starts_with("NC") ? 1 : rank - 1;
    double epsilon = op.getEpsilon().convertToFloat();
    Value x = adaptor.getX();
    SmallVector<Value> results;
    if (!op.getIsTraining()) {
      Value factor = buildBatchNormFactor(rewriter, loc, adaptor.getScale(),
                                          adaptor.getVariance(), epsilon);
      results = {buildNormalize(rewriter, loc, x, adaptor.getMean(), factor,
                                adaptor.getOffset(), channelDim),
                 adaptor.getMean(), adaptor.getVariance(), adaptor.getMean(),
                 adaptor.getVariance()};
    } else {
      int64_t channels = xType.getDimSize(channelDim);
      int64_t count = xType.getNumElements() / channels;
      auto statType = RankedTensorType::get({channels}, statElement);
      // TF: rest_size_inv = 1.0f / rest_size, Bessel's rest_size_adjust =
      // rest_size / max(rest_size - 1, 1), both rounded to U.
      double inv = statElement.isF64()
                       ? 1.0 / static_cast<double>(count)
                       : static_cast<double>(1.0f / static_cast<float>(count));
      double adjust =
          static_cast<double>(count) / std::max<double>(count - 1, 1);
      if (!statElement.isF64())
        adjust = static_cast<float>(static_cast<float>(count) /
                                    static_cast<float>(std::max<int64_t>(
                                        count - 1, 1)));
      auto scaleBy = [&](Value v, double by) {
        return createElementwise(
            rewriter, loc, statType, {v},
            [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
              return arith::MulFOp::create(
                  nb, nl, args[0], createScalar(nb, nl, statElement, by));
            });
      };
      Value sum = buildChannelSum(
          rewriter, loc, x, {}, channelDim, statElement,
          [&](OpBuilder &nb, Location nl, Value v, ValueRange) {
            return convertFloat(nb, nl, v, statElement);
          });
      Value mean = scaleBy(sum, inv);
      Value squares = buildChannelSum(
          rewriter, loc, x, {mean}, channelDim, statElement,
          [&](OpBuilder &nb, Location nl, Value v, ValueRange m) -> Value {
            Value centered = arith::SubFOp::create(
                nb, nl, convertFloat(nb, nl, v, statElement), m[0]);
            return arith::MulFOp::create(nb, nl, centered, centered);
          });
      Value variance = scaleBy(squares, inv);
      Value factor = buildBatchNormFactor(rewriter, loc, adaptor.getScale(),
                                          variance, epsilon);
      Value y = buildNormalize(rewriter, loc, x, mean, factor,
                               adaptor.getOffset(), channelDim);
      float avg = op.getExponentialAvgFactor().convertToFloat();
      Value runningMean = mean;
      Value runningVariance = scaleBy(variance, adjust);
      if (avg != 1.0f) {
        // (1 - f) * old + f * batch, and (f * adjust) * batch variance.
        double keep = static_cast<float>(1.0f - avg);
        double varianceWeight =
            statElement.isF64() ? avg * adjust
                                : static_cast<float>(avg * static_cast<float>(adjust));
        auto blend = [&](Value old, Value batchValue, double weight) {
          return createElementwise(
              rewriter, loc, statType, {old, batchValue},
              [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
                Value kept = arith::MulFOp::create(
                    nb, nl, createScalar(nb, nl, statElement, keep), args[0]);
                Value added = arith::MulFOp::create(
                    nb, nl, createScalar(nb, nl, statElement, weight),
                    args[1]);
                return arith::AddFOp::create(nb, nl, kept, added);
              });
        };
        runningMean = blend(adaptor.getMean(), mean, avg);
        runningVariance = blend(adaptor.getVariance(), variance, varianceWeight);
      }
      results = {y, runningMean, runningVariance, mean, variance};
    }
    if (op->getNumResults() == 6) {
      // V3's reserve_space_3: TF's CPU kernel allocates a scalar 0.
      auto type = RankedTensorType::get({}, statElement);
      results.push_back(arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(type, getScalarAttr(statElement, 0))));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Prelu
//===----------------------------------------------------------------------===//

/// Prelu -> one linalg.generic: x > 0 ? x : alpha * x, alpha broadcast.
struct PreluLowering : GraphOpLowering<PreluOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(PreluOp op) const override {
    return checkComputeType(getStaticType(op.getY()).getElementType(),
                            /*floatOnly=*/true);
  }
  LogicalResult lower(PreluOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Value result = createElementwise(
        rewriter, op.getLoc(), getStaticType(op.getY()),
        {adaptor.getX(), adaptor.getAlpha()},
        [](OpBuilder &b, Location loc, ValueRange args) {
          return buildLeaky(b, loc, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Fused ops
//===----------------------------------------------------------------------===//

/// _FusedConv2D / FusedDepthwiseConv2dNative -> the convolution in NHWC,
/// back to the op's format, then the epilogue (channels: the format's).
template <typename OpTy, bool Depthwise>
struct FusedConvLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  static FailureOr<Window> getWindow(OpTy op, std::string &reason) {
    RankedTensorType input = getStaticType(op.getInput());
    RankedTensorType filter = getStaticType(op.getFilter());
    RankedTensorType result = getStaticType(op.getOutput());
    if constexpr (Depthwise) {
      return getDepthwiseWindow(ConvAttrs::of(op), input, filter, result,
                                reason);
    } else {
      int64_t channels = input.getDimSize(getLayout(op.getDataFormat()).c);
      if (filter.getDimSize(2) != channels) {
        reason = "grouped convolution (filter in-channels " +
                 std::to_string(filter.getDimSize(2)) + ", input channels " +
                 std::to_string(channels) + ") is not supported";
        return failure();
      }
      return getConvWindow(ConvAttrs::of(op), input, filter.getDimSize(0),
                           filter.getDimSize(1), filter.getDimSize(3), result,
                           reason);
    }
  }
  std::string check(OpTy op) const override {
    RankedTensorType result = getStaticType(op.getOutput());
    std::string reason =
        checkComputeType(result.getElementType(), /*floatOnly=*/true);
    if (reason.empty())
      (void)getWindow(op, reason);
    if (reason.empty())
      reason = checkEpilogue(op.getFusedOps(), op.getArgs(), result,
                             getLayout(op.getDataFormat()).c);
    return reason;
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<Window> window = getWindow(op, reason);
    if (failed(window))
      return rewriter.notifyMatchFailure(op, reason);
    Location loc = op.getLoc();
    StringRef format = op.getDataFormat();
    Value input = transposeToNhwc(rewriter, loc, adaptor.getInput(), format);
    Value conv =
        Depthwise
            ? buildDepthwiseConv(rewriter, loc, input, adaptor.getFilter(),
                                 *window)
            : buildConv2D(rewriter, loc, input, adaptor.getFilter(), *window);
    Value result = buildEpilogue(
        rewriter, loc, transposeFromNhwc(rewriter, loc, conv, format),
        op.getFusedOps(), adaptor.getArgs(), getLayout(format).c,
        op.getEpsilon().convertToFloat(),
        op.getLeakyreluAlpha().convertToFloat());
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// _FusedMatMul -> linalg.matmul (transposes as indexing maps) + epilogue
/// over the columns.
struct FusedMatMulLowering : GraphOpLowering<FusedMatMulOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(FusedMatMulOp op) const override {
    RankedTensorType result = getStaticType(op.getProduct());
    std::string reason =
        checkComputeType(result.getElementType(), /*floatOnly=*/true);
    if (reason.empty())
      reason = checkEpilogue(op.getFusedOps(), op.getArgs(), result,
                             /*channelDim=*/1);
    return reason;
  }
  LogicalResult lower(FusedMatMulOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value product = buildMatMul(rewriter, loc, adaptor.getA(), adaptor.getB(),
                                op.getTransposeA(), op.getTransposeB(),
                                getStaticType(op.getProduct()));
    rewriter.replaceOp(
        op, buildEpilogue(rewriter, loc, product, op.getFusedOps(),
                          adaptor.getArgs(), /*channelDim=*/1,
                          op.getEpsilon().convertToFloat(),
                          op.getLeakyreluAlpha().convertToFloat()));
    return success();
  }
};

} // namespace

void populateNNPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<DepthwiseConv2dNativeLowering, Conv2DBackpropInputLowering,
               BatchMatMulLowering<BatchMatMulOp>,
               BatchMatMulLowering<BatchMatMulV2Op>,
               BatchMatMulLowering<BatchMatMulV3Op>,
               FusedBatchNormLowering<FusedBatchNormOp>,
               FusedBatchNormLowering<FusedBatchNormV2Op>,
               FusedBatchNormLowering<FusedBatchNormV3Op>, PreluLowering,
               FusedConvLowering<FusedConv2DOp, /*Depthwise=*/false>,
               FusedConvLowering<FusedDepthwiseConv2dNativeOp,
                                 /*Depthwise=*/true>,
               FusedMatMulLowering>(ctx);
}

} // namespace graphc::graph_to_linalg

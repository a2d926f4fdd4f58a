//===- FoldPad.cpp - zero Pad into the padding of the conv it feeds -------===//
//
// graph-fold-pad: a Pad / PadV2 with zero padding values that pads only H
// and W of an NHWC tensor, feeding a Conv2D or DepthwiseConv2dNative (or
// their fused forms, _FusedConv2D / FusedDepthwiseConv2dNative), becomes
// part of the convolution's own padding. Keras' ZeroPadding2D before a VALID
// strided conv (MobileNet's downsampling blocks) is the usual source. The
// combined padding is written as SAME when it equals SAME's, VALID when it
// is zero, else EXPLICIT. The TFLite converter and OpenVINO's MO do the same;
// it saves a padded copy of the activation.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHFOLDPAD
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;

namespace {

/// TF's SAME padding (before, after) of one spatial dim.
std::pair<int64_t, int64_t> samePadding(int64_t in, int64_t kernel,
                                        int64_t stride, int64_t dilation) {
  int64_t out = (in + stride - 1) / stride;
  int64_t total = std::max<int64_t>(
      (out - 1) * stride + (kernel - 1) * dilation + 1 - in, 0);
  return {total / 2, total - total / 2};
}

/// True if `v` is a constant whose every element is zero.
bool isZeroConstant(Value v) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return false;
  if (isa<FloatType>(attr.getElementType()))
    return llvm::all_of(attr.getValues<APFloat>(),
                        [](const APFloat &f) { return f.isZero(); });
  if (isa<IntegerType>(attr.getElementType()))
    return llvm::all_of(attr.getValues<APInt>(),
                        [](const APInt &i) { return i.isZero(); });
  return false;
}

/// The unpadded input and the [4, 2] paddings of a zero Pad/PadV2.
struct ZeroPad {
  Value input;
  SmallVector<int64_t> paddings;
};
std::optional<ZeroPad> matchZeroPad(Value v) {
  Operation *op = v.getDefiningOp();
  if (!op || !isa<PadOp, PadV2Op>(op))
    return std::nullopt;
  if (auto padV2 = dyn_cast<PadV2Op>(op);
      padV2 && !isZeroConstant(padV2.getConstantValues()))
    return std::nullopt;
  auto paddings = getConstantInts(op->getOperand(1));
  if (!paddings || paddings->size() != 8 ||
      llvm::any_of(*paddings, [](int64_t p) { return p < 0; }))
    return std::nullopt;
  return ZeroPad{op->getOperand(0), *paddings};
}

template <typename ConvOp>
struct FoldPadIntoConv : OpRewritePattern<ConvOp> {
  using OpRewritePattern<ConvOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getDataFormat() != "NHWC")
      return rewriter.notifyMatchFailure(op, "not NHWC");
    auto pad = matchZeroPad(op.getInput());
    if (!pad)
      return rewriter.notifyMatchFailure(op, "input is not a zero Pad");
    ArrayRef<int64_t> p = pad->paddings;
    if (p[0] || p[1] || p[6] || p[7])
      return rewriter.notifyMatchFailure(op, "pads batch or channels");
    auto input = dyn_cast<RankedTensorType>(pad->input.getType());
    auto padded = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto filter = dyn_cast<RankedTensorType>(op.getFilter().getType());
    auto result = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (!input || !padded || !filter || !result || !input.hasStaticShape() ||
        !padded.hasStaticShape() || !filter.hasStaticShape() ||
        !result.hasStaticShape() || input.getRank() != 4 ||
        filter.getRank() != 4)
      return rewriter.notifyMatchFailure(op, "shapes are not static");

    // The conv's own padding of the padded input, per spatial dim (H, W).
    ArrayAttr strides = op.getStrides(), dilations = op.getDilations();
    StringRef padding = op.getPadding();
    SmallVector<int64_t> total(8, 0);
    bool allZero = true, same = true;
    for (unsigned d : {1u, 2u}) {
      int64_t kernel = filter.getDimSize(d - 1);
      int64_t stride = intAt(strides, d), dilation = intAt(dilations, d);
      std::pair<int64_t, int64_t> own = {0, 0};
      if (padding == "SAME")
        own = samePadding(padded.getDimSize(d), kernel, stride, dilation);
      else if (padding == "EXPLICIT")
        own = {intAt(op.getExplicitPaddings(), 2 * d, 0),
               intAt(op.getExplicitPaddings(), 2 * d + 1, 0)};
      total[2 * d] = p[2 * d] + own.first;
      total[2 * d + 1] = p[2 * d + 1] + own.second;
      allZero &= !total[2 * d] && !total[2 * d + 1];
      auto sameHere =
          samePadding(input.getDimSize(d), kernel, stride, dilation);
      same &= sameHere.first == total[2 * d] &&
              sameHere.second == total[2 * d + 1];
    }
    StringRef newPadding = allZero ? "VALID" : same ? "SAME" : "EXPLICIT";
    ArrayAttr explicitPaddings = newPadding == "EXPLICIT"
                                     ? rewriter.getI64ArrayAttr(total)
                                     : rewriter.getI64ArrayAttr({});
    // The same output size, by TF's own arithmetic.
    for (unsigned d : {1u, 2u})
      if (windowedOutputSize(input.getDimSize(d), filter.getDimSize(d - 1),
                             intAt(strides, d), intAt(dilations, d),
                             newPadding, total[2 * d],
                             total[2 * d + 1]) != result.getDimSize(d))
        return rewriter.notifyMatchFailure(op, "output size would change");
    rewriter.modifyOpInPlace(op, [&] {
      op.getInputMutable().assign(pad->input);
      op.setPadding(newPadding);
      op.setExplicitPaddingsAttr(explicitPaddings);
    });
    return success();
  }
};

struct GraphFoldPadPass : graphc::impl::GraphFoldPadBase<GraphFoldPadPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldPadIntoConv<Conv2DOp>,
                 FoldPadIntoConv<DepthwiseConv2dNativeOp>,
                 FoldPadIntoConv<FusedConv2DOp>,
                 FoldPadIntoConv<FusedDepthwiseConv2dNativeOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) {
      getOperation().emitError() << "graph-fold-pad: folding did not converge";
      signalPassFailure();
    }
  }
};
} // namespace

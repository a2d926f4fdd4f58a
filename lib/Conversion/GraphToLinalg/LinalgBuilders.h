//===- LinalgBuilders.h - linalg named-op builders shared by patterns -----===//
//
// Private to lib/Conversion/GraphToLinalg. TF's window arithmetic, the NHWC
// building blocks and the MatMul/Conv2D builders shared by MatMul, Conv2D
// and pooling (LinalgPatterns.cpp, which defines these) and the NN family
// (NNPatterns.cpp: depthwise, transposed and fused convolutions,
// _FusedMatMul), so that SAME/VALID/EXPLICIT padding, strides, dilations,
// NCHW and transposed operands mean the same thing for all of them.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_CONVERSION_GRAPHTOLINALG_LINALGBUILDERS_H
#define GRAPHC_LIB_CONVERSION_GRAPHTOLINALG_LINALGBUILDERS_H

#include "PatternUtils.h"

namespace graphc::graph_to_linalg {

/// The NHWC window geometry of a convolution or pooling op, as TF defines it.
struct Window {
  int64_t kernelH, kernelW;
  int64_t strideH, strideW;
  int64_t dilationH = 1, dilationW = 1;
  PadAmount padH, padW;
  /// The NHWC result type the geometry gives.
  mlir::RankedTensorType nhwcResult;
};

/// The attrs of a TF 2-D convolution (Conv2D and its relatives).
struct ConvAttrs {
  mlir::ArrayAttr strides;
  mlir::StringRef padding;
  mlir::ArrayAttr explicitPaddings;
  mlir::StringRef dataFormat;
  /// Empty: all 1.
  mlir::ArrayAttr dilations;

  /// The attrs of any op with Conv2D's accessors.
  template <typename OpTy> static ConvAttrs of(OpTy op) {
    return {op.getStrides(), op.getPadding(), op.getExplicitPaddings(),
            op.getDataFormat(), op.getDilations()};
  }
};

/// `type` with its dims permuted: result dim i is dim perm[i].
mlir::RankedTensorType permuteType(mlir::RankedTensorType type,
                                   llvm::ArrayRef<int64_t> perm);

/// `type` (4-D, in `dataFormat`) as NHWC.
mlir::RankedTensorType toNhwc(mlir::RankedTensorType type,
                              llvm::StringRef dataFormat);

/// "" if the op computes on `element` (floats; with !floatOnly also integers
/// wider than i1), else the reason.
std::string checkComputeType(mlir::Type element, bool floatOnly);

/// The geometry of a convolution with `attrs` and a `kernelH` x `kernelW`
/// window producing `outChannels` channels over `input` (in the op's
/// data_format), checked against the declared `result` (likewise); failure
/// with `reason` if TF's attrs ask for something unsupported (strides or
/// dilations over batch/channels, explicit padding of batch/channels) or the
/// result type disagrees.
mlir::FailureOr<Window> getConvWindow(const ConvAttrs &attrs,
                                      mlir::RankedTensorType input,
                                      int64_t kernelH, int64_t kernelW,
                                      int64_t outChannels,
                                      mlir::RankedTensorType result,
                                      std::string &reason);

/// NHWC `input` padded by `window`'s padding with `padValue` (tensor.pad).
mlir::Value padInput(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                     const Window &window, mlir::TypedAttr padValue);

/// `value` (4-D, in `dataFormat`) as NHWC, through linalg.transpose for NCHW.
mlir::Value transposeToNhwc(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value value, llvm::StringRef dataFormat);
/// The NHWC `value` in `dataFormat`, through linalg.transpose for NCHW.
mlir::Value transposeFromNhwc(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value value, llvm::StringRef dataFormat);

/// Conv2D on NHWC `input` and an HWIO `filter` with `window`: tensor.pad
/// with 0 + linalg.conv_2d_nhwc_hwcf into a zero-filled accumulator. Returns
/// the NHWC result (window.nhwcResult).
mlir::Value buildConv2D(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value input, mlir::Value filter,
                        const Window &window);

/// MatMul: linalg.matmul of `a` and `b` into a zero-filled `resultType`,
/// reading a transposed operand through a transposed indexing map.
mlir::Value buildMatMul(mlir::OpBuilder &b, mlir::Location loc, mlir::Value a,
                        mlir::Value bValue, bool transposeA, bool transposeB,
                        mlir::RankedTensorType resultType);

} // namespace graphc::graph_to_linalg

#endif // GRAPHC_LIB_CONVERSION_GRAPHTOLINALG_LINALGBUILDERS_H

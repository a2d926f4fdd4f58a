//===- LinearFolding.h - folding affine epilogues into weights --*- C++ -*-===//
//
// Shared by graph-fold-batch-norm and graph-fold-scale-shift: a "linear op"
// is a Conv2D, DepthwiseConv2dNative (NHWC) or MatMul whose weights are a
// float32 graph.Const and whose output channels are the last dim of its
// result. A per-output-channel scale multiplies into its weights and a
// per-channel shift becomes (or merges into) a BiasAdd after it:
//
//   Mul(BiasAdd(conv(x, W), b), s) + t  ==  BiasAdd(conv(x, W * s), b * s + t)
//
// Only single-use intermediates are rewritten (a conv result used twice must
// keep its value), and only when every shape involved is static.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_TRANSFORMS_LINEARFOLDING_H
#define GRAPHC_LIB_TRANSFORMS_LINEARFOLDING_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace graphc::linear_folding {

/// A Conv2D / DepthwiseConv2dNative / MatMul with constant f32 weights.
struct LinearOp {
  mlir::Operation *op = nullptr;
  /// The operand holding the weights (filter or MatMul's b).
  unsigned weightIndex = 1;
  /// The weights' values, row-major in their own layout.
  llvm::SmallVector<float> weights;
  mlir::RankedTensorType weightType;
  /// Output channels: the size of the result's last dim.
  int64_t channels = 0;
  /// MatMul with transpose_b: the weights are [channels, K].
  bool channelsMajor = false;
};

/// `v` as the result of a linear op that has no other use, or nullopt.
std::optional<LinearOp> matchLinear(mlir::Value v);

/// The f32 values of a graph.Const, or nullopt.
std::optional<llvm::SmallVector<float>> getConstFloats(mlir::Value v);

/// `c` as a per-channel vector of `channels` values when `c` is a f32
/// graph.Const that, broadcast against a tensor of type `result` (channels
/// in the last dim), varies only along the last dim and does not change the
/// shape: a scalar, [C], [1, C], [1, 1, 1, C], ... (a size-1 last dim is
/// repeated).
std::optional<llvm::SmallVector<float>>
getChannelVector(mlir::Value c, mlir::RankedTensorType result);

/// A bias-like op: BiasAdd (NHWC) / Add / AddV2 / Sub of a per-channel
/// constant, whose result has the type of its non-constant operand.
struct BiasLike {
  mlir::Operation *op = nullptr;
  mlir::Value input;
  /// What is added (Sub's constant negated).
  llvm::SmallVector<float> bias;
};
std::optional<BiasLike> matchBiasLike(mlir::Operation *op);
/// The defining op of `v` as a bias-like op when `v` has one use.
std::optional<BiasLike> matchBiasLikeValue(mlir::Value v);

/// Multiplies the weights of `linear` by `scale` per output channel,
/// in place (the op has one use, so no one else sees the old value).
void scaleWeights(mlir::PatternRewriter &rewriter, const LinearOp &linear,
                  llvm::ArrayRef<float> scale);

/// A graph.Const holding the 1-D f32 `values`.
mlir::Value createVector(mlir::PatternRewriter &rewriter, mlir::Location loc,
                         llvm::ArrayRef<float> values);

/// graph.BiasAdd(value, bias) (NHWC: along the last dim), typed as `value`.
mlir::Value createBiasAdd(mlir::PatternRewriter &rewriter, mlir::Location loc,
                          mlir::Value value, llvm::ArrayRef<float> bias);

} // namespace graphc::linear_folding

#endif // GRAPHC_LIB_TRANSFORMS_LINEARFOLDING_H

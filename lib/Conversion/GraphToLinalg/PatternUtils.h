//===- PatternUtils.h - helpers shared by the graph-to-linalg patterns ----===//
//
// Private to lib/Conversion/GraphToLinalg. The patterns are split by op
// family (elementwise, linalg named ops, reductions, shapes); each family file
// exposes one populate function declared here. Every pattern derives
// GraphOpLowering<Op>, whose `check` tells the pass up front why an op cannot
// be lowered. The builders the families share (empty/filled tensors,
// broadcasting linalg.generic, transposes, static reshapes, TF padding
// arithmetic) live in PatternUtils.cpp.
//
// Every helper assumes static shapes: the pass checks them before any
// pattern runs.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_CONVERSION_GRAPHTOLINALG_PATTERNUTILS_H
#define GRAPHC_LIB_CONVERSION_GRAPHTOLINALG_PATTERNUTILS_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>
#include <string>

namespace graphc::graph_to_linalg {

//===----------------------------------------------------------------------===//
// Pattern base
//===----------------------------------------------------------------------===//

/// Base of every graph-to-linalg pattern. Besides rewriting its op, a
/// pattern says up front why it cannot lower a given op (an element type or
/// attribute combination it does not handle), so the pass can report every
/// such node at once, with the reason, before converting anything.
class GraphLoweringPattern : public mlir::ConversionPattern {
public:
  /// Debug label carried by every pattern of this family; the pass checks it
  /// before treating a pattern as a GraphLoweringPattern.
  static constexpr llvm::StringLiteral kDebugLabel = "graph-to-linalg";

  /// Why `op` (of the pattern's root op type, with static shapes) cannot be
  /// lowered, or "" if it can.
  virtual std::string getUnsupportedReason(mlir::Operation *op) const = 0;

  /// True if the pattern lowers the op also on TF's unsigned integer
  /// dtypes, picking the unsigned arith ops where signedness matters (see
  /// isUnsignedElement). The pass refuses unsigned element types on ops
  /// whose pattern says false, so no other pattern ever sees one.
  virtual bool handlesUnsigned() const { return false; }

  /// True if `getUnsupportedReason` also explains an op whose results have
  /// no static shape (NonMaxSuppression without padding: its size depends
  /// on the data), so the pass asks it before reporting the shape.
  virtual bool explainsDynamicResults() const { return false; }

protected:
  using ConversionPattern::ConversionPattern;
};

/// The pattern for graph op `OpTy`: `check` (optional) rejects the ops the
/// lowering does not handle, `lower` rewrites the others.
template <typename OpTy> class GraphOpLowering : public GraphLoweringPattern {
public:
  using OpAdaptor = typename OpTy::Adaptor;

  explicit GraphOpLowering(mlir::MLIRContext *context)
      : GraphLoweringPattern(OpTy::getOperationName(), /*benefit=*/1, context) {
    addDebugLabels(kDebugLabel);
  }

  /// Why `op` cannot be lowered, or "" (the default) if it can.
  virtual std::string check(OpTy op) const { return ""; }

  /// Rewrites `op`, which `check` accepted.
  virtual mlir::LogicalResult
  lower(OpTy op, OpAdaptor adaptor,
        mlir::ConversionPatternRewriter &rewriter) const = 0;

  std::string getUnsupportedReason(mlir::Operation *op) const final {
    return check(mlir::cast<OpTy>(op));
  }

  using GraphLoweringPattern::matchAndRewrite;
  mlir::LogicalResult
  matchAndRewrite(mlir::Operation *op, llvm::ArrayRef<mlir::Value> operands,
                  mlir::ConversionPatternRewriter &rewriter) const final {
    auto source = mlir::cast<OpTy>(op);
    std::string reason = check(source);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    return lower(source, OpAdaptor(operands, source), rewriter);
  }
};

/// "element type T" as text, for check() reasons.
std::string describeElementType(mlir::Type type);

//===----------------------------------------------------------------------===//
// Pattern families (one .cpp each)
//===----------------------------------------------------------------------===//

/// Const, Reshape, Identity/StopGradient/Snapshot/IdentityN,
/// PlaceholderWithDefault, NoOp.
void populateShapePatterns(mlir::RewritePatternSet &patterns);
/// Relu, Relu6, Sigmoid, Tanh, Add, AddV2, Sub, Mul, RealDiv, BiasAdd.
void populateElementwisePatterns(mlir::RewritePatternSet &patterns);
/// MatMul, Conv2D, MaxPool, AvgPool.
void populateLinalgPatterns(mlir::RewritePatternSet &patterns);
/// Softmax, Mean.
void populateReductionPatterns(mlir::RewritePatternSet &patterns);
/// Issue 3 families (MathPatterns.cpp, ArrayPatterns.cpp, NNPatterns.cpp,
/// MiscPatterns.cpp).
void populateMathPatterns(mlir::RewritePatternSet &patterns);
void populateArrayPatterns(mlir::RewritePatternSet &patterns);
void populateNNPatterns(mlir::RewritePatternSet &patterns);
/// Einsum (EinsumPatterns.cpp).
void populateEinsumPatterns(mlir::RewritePatternSet &patterns);
/// TopKV2, NonMaxSuppressionV4/V5 (SelectionPatterns.cpp).
void populateSelectionPatterns(mlir::RewritePatternSet &patterns);
void populateMiscPatterns(mlir::RewritePatternSet &patterns);

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

/// f16, bf16, f32 or f64: the float types the lowering computes with.
bool isSupportedFloat(mlir::Type type);
/// i1, i8, i16, i32 or i64 (signless, which is how the importer spells TF's
/// signed integer dtypes).
bool isSupportedInteger(mlir::Type type);
/// Either of the above.
inline bool isSupportedElementType(mlir::Type type) {
  return isSupportedFloat(type) || isSupportedInteger(type);
}
/// What arithmetic (elementwise ops, linalg named ops, reductions) computes
/// on: the float types and integers wider than i1.
inline bool isComputeType(mlir::Type type) {
  return isSupportedFloat(type) ||
         (isSupportedInteger(type) && !type.isInteger(1));
}

/// A scalar attribute of `type` holding `value` (floats are rounded to the
/// type; integers truncated).
mlir::TypedAttr getScalarAttr(mlir::Type type, double value);
/// The identity of `max`: -inf for floats, the smallest signed integer.
mlir::TypedAttr getLowestAttr(mlir::Type type);
/// 1 / (1 + exp(-x)), the Sigmoid of TF's kernels (Sigmoid, fused
/// activations, LSTM gates): for large |x| exp overflows to inf or
/// underflows to 0 and the quotient saturates to exactly 0 or 1; NaN stays
/// NaN.
mlir::Value buildSigmoid(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value x);

/// An arith.constant scalar of `type` holding `value`.
mlir::Value createScalar(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Type type, double value);

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

/// `type` with TF's unsigned integers (ui8 ... ui64, how the importer spells
/// uint8 ... uint64) replaced by signless integers of the same width; a
/// tensor type gets its element type replaced. arith and linalg compute only
/// on signless integers, so the lowering's tensors are signless and the
/// signedness lives in the choice of arith op (as StableHLO's
/// RemoveSignTypeConverter does for its unsigned types).
mlir::Type getSignlessType(mlir::Type type);

/// The static tensor type of `value` as the lowering computes with it:
/// signless (getSignlessType). The pass has checked it is static.
inline mlir::RankedTensorType getStaticType(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(getSignlessType(value.getType()));
}

/// True if `value`'s element type is an unsigned integer in the graph (the
/// signedness getStaticType drops).
bool isUnsignedElement(mlir::Value value);

/// tensor.empty of `type`.
mlir::Value createEmpty(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type);
/// linalg.fill of tensor.empty of `type` with the scalar `value`.
mlir::Value createFilled(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::RankedTensorType type, mlir::TypedAttr value);

/// The map from the iteration space of a `resultRank`-D elementwise op to an
/// operand of type `input` under numpy broadcasting: trailing dims align,
/// a size-1 input dim where the result is larger reads index 0.
mlir::AffineMap getBroadcastMap(mlir::RankedTensorType input,
                                llvm::ArrayRef<int64_t> resultShape,
                                mlir::MLIRContext *ctx);

/// Callback building the scalar body of an elementwise linalg.generic from the
/// input elements (the output element is not passed).
using ScalarBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// A linalg.generic over `resultType` (all parallel) reading `inputs` through
/// `inputMaps` and writing `body(inputs...)` into a tensor.empty.
mlir::Value createGeneric(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::RankedTensorType resultType,
                          mlir::ValueRange inputs,
                          llvm::ArrayRef<mlir::AffineMap> inputMaps,
                          ScalarBuilder body);

/// createGeneric with numpy-broadcasting maps for every input.
mlir::Value createElementwise(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::RankedTensorType resultType,
                              mlir::ValueRange inputs, ScalarBuilder body);

/// `type`'s shape without the dims in `dims`, with element type `element`.
mlir::RankedTensorType dropDims(mlir::RankedTensorType type,
                                llvm::ArrayRef<int64_t> dims,
                                mlir::Type element);
/// The map from a `rank`-D iteration space to the tensor that reduced `dims`.
mlir::AffineMap getReducedMap(int64_t rank, llvm::ArrayRef<int64_t> dims,
                              mlir::MLIRContext *ctx);
/// linalg.reduce of `input` over `dims` into a tensor of `accumulator`
/// filled with `init`, combining with `combine(element, accumulator)`.
mlir::Value createReduce(
    mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
    llvm::ArrayRef<int64_t> dims, mlir::Type accumulator, mlir::TypedAttr init,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::Value, mlir::Value)>
        combine);

/// linalg.transpose of `value`: result dim i is input dim perm[i].
mlir::Value createTranspose(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value value, llvm::ArrayRef<int64_t> perm);

/// `value` reshaped to the static `type` (same element count): nothing if the
/// types match, else one tensor.collapse_shape or tensor.expand_shape when the
/// reshape is expressible as one, else collapse to 1-D and expand.
mlir::Value createStaticReshape(mlir::OpBuilder &b, mlir::Location loc,
                                mlir::Value value, mlir::RankedTensorType type);

/// tensor.pad of `value` by `low`/`high` elements per dim with the constant
/// `padValue`; `value` itself if nothing is padded.
mlir::Value createPad(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                      llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
                      mlir::TypedAttr padValue);

//===----------------------------------------------------------------------===//
// TF's window arithmetic (Conv2D, pooling)
//===----------------------------------------------------------------------===//

/// Padding of one spatial dim.
struct PadAmount {
  int64_t before = 0;
  int64_t after = 0;
};

/// TF's SAME padding for one spatial dim: out = ceil(in / stride),
/// total = max((out - 1) * stride + (size - 1) * dilation + 1 - in, 0),
/// before = total / 2, after = the rest.
PadAmount getSamePadding(int64_t in, int64_t size, int64_t stride,
                         int64_t dilation);

/// Output size of a window of `size` (dilated) over `paddedIn` elements.
inline int64_t getWindowOutputSize(int64_t paddedIn, int64_t size,
                                   int64_t stride, int64_t dilation) {
  return (paddedIn - ((size - 1) * dilation + 1)) / stride + 1;
}

/// The integers of an I64ArrayAttr.
llvm::SmallVector<int64_t> getInts(mlir::ArrayAttr attr);

/// Entries of a table the lowering computes at compile time (resize rows and
/// columns, average-pooling divisors, per-channel batch-norm factors and
/// dequantize ranges). A declared shape costs nothing to write, so without a
/// bound a hostile graph could make the compiler build gigabytes; a
/// million entries is far beyond any real image or channel count.
inline constexpr int64_t kMaxLoweringTable = int64_t(1) << 20;

/// Permutations between TF's NCHW and NHWC layouts.
inline constexpr int64_t kNchwToNhwc[] = {0, 2, 3, 1};
inline constexpr int64_t kNhwcToNchw[] = {0, 3, 1, 2};

/// The spatial dims (H, W) and channel dim of a 4-D tensor in `dataFormat`.
struct Layout4D {
  int64_t h, w, c;
};
inline Layout4D getLayout(llvm::StringRef dataFormat) {
  return dataFormat == "NCHW" ? Layout4D{2, 3, 1} : Layout4D{1, 2, 3};
}

} // namespace graphc::graph_to_linalg

#endif // GRAPHC_LIB_CONVERSION_GRAPHTOLINALG_PATTERNUTILS_H

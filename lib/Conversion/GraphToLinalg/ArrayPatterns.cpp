//===- ArrayPatterns.cpp - lowering of the array op family ----------------===//
//
// Shape and data-movement ops (dialect/Graph/GraphArrayOps.td) as upstream
// tensor ops wherever one exists, so later passes see plain slices and
// copies: unit-dim changes are tensor.expand_shape / collapse_shape,
// ConcatV2 and Pack tensor.concat, slices and splits tensor.extract_slice,
// Pad tensor.pad, Transpose linalg.transpose. What has no tensor op is a
// linalg.generic: reversal (StridedSlice's negative strides, MirrorPad's
// mirrored borders) reads `n - 1 - i` through its indexing map, Tile
// broadcasts into an interleaved [m0, n0, m1, n1, ...] shape that collapses
// to the result, GatherV2 and GatherNd read params with tensor.extract.
// Index operands (axes, begin/end, paddings, ...) must be constants: their
// values were already used by shape inference, and `check` names the one
// that is not.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// "" if `v` is a constant, else the reason naming `what`.
std::string requireConstant(Value v, StringRef what) {
  return getConstantInts(v) ? "" : "'" + what.str() + "' is not a constant";
}

/// The constant values of `v` (check() has made sure it is one).
SmallVector<int64_t> constantInts(Value v) { return *getConstantInts(v); }

/// `axis` (in [-rank, rank)) as an index in [0, rank).
int64_t normalize(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

SmallVector<OpFoldResult> indexAttrs(OpBuilder &b, ArrayRef<int64_t> values) {
  return llvm::map_to_vector(
      values, [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); });
}

/// tensor.extract_slice of `source` at `offsets` with `sizes` and `strides`,
/// of type `resultType` (which may drop unit dims of `sizes`).
Value createSlice(OpBuilder &b, Location loc, Value source,
                  RankedTensorType resultType, ArrayRef<int64_t> offsets,
                  ArrayRef<int64_t> sizes, ArrayRef<int64_t> strides = {}) {
  SmallVector<int64_t> ones(sizes.size(), 1);
  return tensor::ExtractSliceOp::create(
      b, loc, resultType, source, indexAttrs(b, offsets), indexAttrs(b, sizes),
      indexAttrs(b, strides.empty() ? ArrayRef<int64_t>(ones) : strides));
}

/// The block of `source` starting at `offset` of `size` elements along
/// `axis` (full extent elsewhere).
Value createAxisSlice(OpBuilder &b, Location loc, Value source, int64_t axis,
                      int64_t offset, int64_t size) {
  RankedTensorType type = getStaticType(source);
  SmallVector<int64_t> offsets(type.getRank(), 0);
  SmallVector<int64_t> sizes(type.getShape());
  offsets[axis] = offset;
  sizes[axis] = size;
  return createSlice(b, loc, source,
                     RankedTensorType::get(sizes, type.getElementType()),
                     offsets, sizes);
}

/// `value` with the dims in `reversed` read back to front: a linalg.generic
/// whose input map is `size - 1 - d` on those dims.
Value createReverse(OpBuilder &b, Location loc, Value value,
                    ArrayRef<bool> reversed) {
  RankedTensorType type = getStaticType(value);
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineExpr> exprs;
  bool any = false;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    AffineExpr dim = getAffineDimExpr(d, ctx);
    if (reversed[d] && type.getDimSize(d) > 1) {
      exprs.push_back(type.getDimSize(d) - 1 - dim);
      any = true;
    } else {
      exprs.push_back(dim);
    }
  }
  if (!any)
    return value;
  AffineMap map = AffineMap::get(type.getRank(), 0, exprs, ctx);
  return createGeneric(b, loc, type, {value}, {map},
                       [](OpBuilder &, Location, ValueRange args) {
                         return args[0];
                       });
}

/// tensor.concat of `values` along `axis`, skipping empty pieces; the
/// single remaining value itself.
Value createConcat(OpBuilder &b, Location loc, RankedTensorType resultType,
                   int64_t axis, ArrayRef<Value> values) {
  SmallVector<Value> pieces;
  for (Value v : values)
    if (getStaticType(v).getDimSize(axis) != 0)
      pieces.push_back(v);
  if (pieces.empty())
    return createEmpty(b, loc, resultType);
  if (pieces.size() == 1)
    return pieces.front();
  return tensor::ConcatOp::create(b, loc, resultType, axis, pieces);
}

/// tensor.pad of `value` by `low`/`high` with the scalar `padValue`.
Value createPadWith(OpBuilder &b, Location loc, Value value,
                    ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                    Value padValue, RankedTensorType resultType) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return value;
  return tensor::PadOp::create(b, loc, resultType, value, indexAttrs(b, low),
                               indexAttrs(b, high), padValue);
}

/// The (before, after) paddings of a pad op's constant `paddings`.
void splitPaddings(Value paddings, SmallVectorImpl<int64_t> &low,
                   SmallVectorImpl<int64_t> &high) {
  SmallVector<int64_t> values = constantInts(paddings);
  for (size_t i = 0; i + 1 < values.size(); i += 2) {
    low.push_back(values[i]);
    high.push_back(values[i + 1]);
  }
}

/// The scalar held by the rank-0 (or one-element) tensor `value`.
Value extractScalar(OpBuilder &b, Location loc, Value value) {
  RankedTensorType type = getStaticType(value);
  SmallVector<Value> zeros(type.getRank(),
                           arith::ConstantIndexOp::create(b, loc, 0));
  return tensor::ExtractOp::create(b, loc, value, zeros);
}

//===----------------------------------------------------------------------===//
// Reshapes and permutations
//===----------------------------------------------------------------------===//

/// Squeeze, ExpandDims: only unit dims change, so the static result type
/// says everything; a collapse or expand of the operand.
template <typename OpTy> struct UnitDimLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, createStaticReshape(rewriter, op.getLoc(),
                                               adaptor.getInput(),
                                               getStaticType(op.getOutput())));
    return success();
  }
};

/// Transpose with a constant perm -> linalg.transpose.
struct TransposeLowering : GraphOpLowering<TransposeOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(TransposeOp op) const override {
    return requireConstant(op.getPerm(), "perm");
  }
  LogicalResult lower(TransposeOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    SmallVector<int64_t> perm = constantInts(op.getPerm());
    if (perm.size() <= 1) {
      rewriter.replaceOp(op, adaptor.getX());
      return success();
    }
    rewriter.replaceOp(op,
                       createTranspose(rewriter, op.getLoc(), adaptor.getX(), perm));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Joining and splitting
//===----------------------------------------------------------------------===//

/// ConcatV2 -> tensor.concat along the (normalized) constant axis.
struct ConcatV2Lowering : GraphOpLowering<ConcatV2Op> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(ConcatV2Op op) const override {
    return requireConstant(op.getAxis(), "axis");
  }
  LogicalResult lower(ConcatV2Op op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getOutput());
    int64_t axis =
        normalize(constantInts(op.getAxis()).front(), resultType.getRank());
    rewriter.replaceOp(op, createConcat(rewriter, op.getLoc(), resultType, axis,
                                        llvm::to_vector(adaptor.getValues())));
    return success();
  }
};

/// Pack: each value gets a unit dim at `axis` (expand_shape), then
/// tensor.concat along it.
struct PackLowering : GraphOpLowering<PackOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(PackOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getOutput());
    int64_t axis = normalize(static_cast<int64_t>(op.getAxis()),
                             resultType.getRank());
    SmallVector<Value> pieces;
    for (Value v : adaptor.getValues()) {
      SmallVector<int64_t> shape(getStaticType(v).getShape());
      shape.insert(shape.begin() + axis, 1);
      pieces.push_back(createStaticReshape(
          rewriter, op.getLoc(), v,
          RankedTensorType::get(shape, resultType.getElementType())));
    }
    rewriter.replaceOp(
        op, createConcat(rewriter, op.getLoc(), resultType, axis, pieces));
    return success();
  }
};

/// Unpack: result i is the rank-reducing extract_slice at index i of `axis`.
struct UnpackLowering : GraphOpLowering<UnpackOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(UnpackOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto type = getStaticType(adaptor.getValue());
    int64_t axis = normalize(static_cast<int64_t>(op.getAxis()), type.getRank());
    SmallVector<int64_t> sizes(type.getShape());
    sizes[axis] = 1;
    SmallVector<Value> results;
    for (auto [i, result] : llvm::enumerate(op.getOutput())) {
      SmallVector<int64_t> offsets(type.getRank(), 0);
      offsets[axis] = i;
      results.push_back(createSlice(rewriter, op.getLoc(), adaptor.getValue(),
                                    getStaticType(result), offsets, sizes));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// Split, SplitV: consecutive extract_slices along the split dim, sized by
/// the (inferred, static) result types.
template <typename OpTy> struct SplitLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(OpTy op) const override {
    return requireConstant(op.getSplitDim(), "split_dim");
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto type = getStaticType(adaptor.getValue());
    int64_t axis =
        normalize(constantInts(op.getSplitDim()).front(), type.getRank());
    SmallVector<Value> results;
    int64_t offset = 0;
    for (Value result : op.getOutput()) {
      int64_t size = getStaticType(result).getDimSize(axis);
      results.push_back(createAxisSlice(rewriter, op.getLoc(),
                                        adaptor.getValue(), axis, offset, size));
      offset += size;
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Slicing
//===----------------------------------------------------------------------===//

/// Slice -> extract_slice at the constant `begin`, sized by the result.
struct SliceLowering : GraphOpLowering<SliceOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(SliceOp op) const override {
    return requireConstant(op.getBegin(), "begin");
  }
  LogicalResult lower(SliceOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto resultType = getStaticType(op.getOutput());
    rewriter.replaceOp(op, createSlice(rewriter, op.getLoc(),
                                       adaptor.getInput(), resultType,
                                       constantInts(op.getBegin()),
                                       resultType.getShape()));
    return success();
  }
};

/// StridedSlice, resolved as TF does (resolveStridedSlice): an
/// extract_slice with positive strides over the dense (per input dim)
/// spec, where a dim with a negative stride reads the same elements from
/// the lowest index up and is then reversed; new and shrunk axes are unit
/// dims, so a reshape to the result type finishes.
struct StridedSliceLowering : GraphOpLowering<StridedSliceOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(StridedSliceOp op) const override {
    for (auto [v, name] :
         std::initializer_list<std::pair<Value, StringRef>>{
             {op.getBegin(), "begin"},
             {op.getEnd(), "end"},
             {op.getStrides(), "strides"}})
      if (std::string reason = requireConstant(v, name); !reason.empty())
        return reason;
    return "";
  }
  LogicalResult lower(StridedSliceOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto inputType = getStaticType(adaptor.getInput());
    auto resultType = getStaticType(op.getOutput());
    FailureOr<StridedSliceSpec> spec = resolveStridedSlice(
        op, inputType.getShape(), constantInts(op.getBegin()),
        constantInts(op.getEnd()), constantInts(op.getStrides()));
    if (failed(spec))
      return failure();
    SmallVector<int64_t> offsets, strides;
    SmallVector<bool> reversed;
    for (auto [begin, stride, size] :
         llvm::zip(spec->begin, spec->strides, spec->sizes)) {
      bool negative = stride < 0 && size > 0;
      offsets.push_back(negative ? begin + (size - 1) * stride : begin);
      strides.push_back(negative ? -stride : (size > 0 ? stride : 1));
      reversed.push_back(negative);
    }
    Location loc = op.getLoc();
    auto denseType =
        RankedTensorType::get(spec->sizes, resultType.getElementType());
    Value slice = createSlice(rewriter, loc, adaptor.getInput(), denseType,
                              offsets, spec->sizes, strides);
    slice = createReverse(rewriter, loc, slice, reversed);
    rewriter.replaceOp(op, createStaticReshape(rewriter, loc, slice, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Padding, tiling, filling
//===----------------------------------------------------------------------===//

/// Pad (zeros) and PadV2 (`constant_values`) -> tensor.pad.
template <typename OpTy> struct PadLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(OpTy op) const override {
    return requireConstant(op.getPaddings(), "paddings");
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = getStaticType(op.getOutput());
    SmallVector<int64_t> low, high;
    splitPaddings(op.getPaddings(), low, high);
    Value padValue;
    if constexpr (std::is_same_v<OpTy, PadV2Op>)
      padValue = extractScalar(rewriter, loc, adaptor.getConstantValues());
    else
      padValue = createScalar(rewriter, loc, resultType.getElementType(), 0);
    rewriter.replaceOp(op, createPadWith(rewriter, loc, adaptor.getInput(), low,
                                         high, padValue, resultType));
    return success();
  }
};

/// MirrorPad, one dim at a time: the mirrored borders are reversed slices
/// of the (already padded in earlier dims) tensor, joined by tensor.concat.
/// REFLECT skips the edge element ([1, before] mirrored), SYMMETRIC repeats
/// it ([0, before) mirrored).
struct MirrorPadLowering : GraphOpLowering<MirrorPadOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(MirrorPadOp op) const override {
    return requireConstant(op.getPaddings(), "paddings");
  }
  LogicalResult lower(MirrorPadOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    int64_t edge = op.getMode() == "REFLECT" ? 1 : 0;
    SmallVector<int64_t> low, high;
    splitPaddings(op.getPaddings(), low, high);
    Value value = adaptor.getInput();
    for (size_t d = 0; d < low.size(); ++d) {
      if (low[d] == 0 && high[d] == 0)
        continue;
      RankedTensorType type = getStaticType(value);
      int64_t size = type.getDimSize(d);
      SmallVector<bool> reversed(type.getRank(), false);
      reversed[d] = true;
      auto mirrored = [&](int64_t offset, int64_t count) {
        return createReverse(
            rewriter, loc,
            createAxisSlice(rewriter, loc, value, d, offset, count), reversed);
      };
      SmallVector<Value> pieces;
      if (low[d] > 0)
        pieces.push_back(mirrored(edge, low[d]));
      pieces.push_back(value);
      if (high[d] > 0)
        pieces.push_back(mirrored(size - edge - high[d], high[d]));
      SmallVector<int64_t> shape(type.getShape());
      shape[d] += low[d] + high[d];
      value = createConcat(rewriter, loc,
                           RankedTensorType::get(shape, type.getElementType()),
                           d, pieces);
    }
    rewriter.replaceOp(op, value);
    return success();
  }
};

/// Tile: a linalg.generic broadcasting the input [n0, n1, ...] into
/// [m0, n0, m1, n1, ...] (input map (d1, d3, ...)), collapsed to
/// [m0 * n0, m1 * n1, ...]: row-major, that is the input repeated.
struct TileLowering : GraphOpLowering<TileOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(TileOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = getStaticType(adaptor.getInput());
    auto resultType = getStaticType(op.getOutput());
    int64_t rank = inputType.getRank();
    if (inputType == resultType) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    SmallVector<int64_t> interleaved;
    SmallVector<AffineExpr> exprs;
    SmallVector<ReassociationIndices> groups;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t n = inputType.getDimSize(d);
      interleaved.push_back(n == 0 ? 0 : resultType.getDimSize(d) / n);
      interleaved.push_back(n);
      exprs.push_back(rewriter.getAffineDimExpr(2 * d + 1));
      groups.push_back({2 * d, 2 * d + 1});
    }
    auto broadcastType =
        RankedTensorType::get(interleaved, inputType.getElementType());
    AffineMap map = AffineMap::get(2 * rank, 0, exprs, rewriter.getContext());
    Value broadcast = createGeneric(
        rewriter, loc, broadcastType, {adaptor.getInput()}, {map},
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, resultType,
                                                         broadcast, groups);
    return success();
  }
};

/// DepthToSpace / SpaceToDepth (NHWC) -> expand to 6-D, transpose the
/// block dims next to the spatial dims they belong to, collapse:
/// [B, H, W, bs, bs, C'] -> [B, H, bs, W, bs, C'] for DepthToSpace,
/// [B, H', bs, W', bs, C] -> [B, H', W', bs, bs, C] for SpaceToDepth (the
/// same permutation, [0, 1, 3, 2, 4, 5], both ways).
template <typename OpTy, bool ToSpace>
struct BlockShuffleLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(OpTy op) const override {
    if (op.getDataFormat() != "NHWC")
      return "data_format " + op.getDataFormat().str() +
             " is not supported (TF's CPU kernel runs NHWC only)";
    return "";
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType inType = getStaticType(adaptor.getInput());
    RankedTensorType outType = getStaticType(op.getOutput());
    int64_t bs = op.getBlockSize();
    ArrayRef<int64_t> in = inType.getShape();
    Type element = inType.getElementType();
    SmallVector<int64_t> expanded =
        ToSpace ? SmallVector<int64_t>{in[0], in[1], in[2], bs, bs,
                                       in[3] / (bs * bs)}
                : SmallVector<int64_t>{in[0], in[1] / bs, bs, in[2] / bs, bs,
                                       in[3]};
    Value value = createStaticReshape(
        rewriter, loc, adaptor.getInput(),
        RankedTensorType::get(expanded, element));
    value = createTranspose(rewriter, loc, value, {0, 1, 3, 2, 4, 5});
    rewriter.replaceOp(op, createStaticReshape(rewriter, loc, value, outType));
    return success();
  }
};

/// Fill -> linalg.fill with the scalar `value`.
struct FillLowering : GraphOpLowering<FillOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(FillOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value scalar = extractScalar(rewriter, loc, adaptor.getValue());
    Value empty = createEmpty(rewriter, loc, getStaticType(op.getOutput()));
    rewriter.replaceOp(op, linalg::FillOp::create(rewriter, loc,
                                                  ValueRange{scalar},
                                                  ValueRange{empty})
                               .getResult(0));
    return success();
  }
};

/// Range -> start + i * delta (in the output type, as TF computes it).
struct RangeLowering : GraphOpLowering<RangeOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(RangeOp op) const override {
    Type element = getStaticType(op.getOutput()).getElementType();
    return isComputeType(element) ? ""
                                  : "element type " + describeElementType(element) +
                                        " is not supported";
  }
  LogicalResult lower(RangeOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = getStaticType(op.getOutput());
    Type element = resultType.getElementType();
    Value start = extractScalar(rewriter, loc, adaptor.getStart());
    Value delta = extractScalar(rewriter, loc, adaptor.getDelta());
    Value result = createGeneric(
        rewriter, loc, resultType, {}, {},
        [&](OpBuilder &b, Location l, ValueRange) -> Value {
          Value i = linalg::IndexOp::create(b, l, 0);
          if (isa<FloatType>(element)) {
            Value fi = arith::UIToFPOp::create(
                b, l, element,
                arith::IndexCastUIOp::create(b, l, b.getI64Type(), i));
            return arith::AddFOp::create(
                b, l, start, arith::MulFOp::create(b, l, fi, delta));
          }
          Value ii = arith::IndexCastOp::create(b, l, element, i);
          return arith::AddIOp::create(b, l, start,
                                       arith::MulIOp::create(b, l, ii, delta));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// ZerosLike, OnesLike -> a filled tensor.
template <typename OpTy, int FillValue>
struct FilledLikeLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto type = getStaticType(op.getY());
    rewriter.replaceOp(op, createFilled(rewriter, op.getLoc(), type,
                                        getScalarAttr(type.getElementType(),
                                                      FillValue)));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Gathering, shape queries
//===----------------------------------------------------------------------===//

/// GatherV2 (any batch_dims <= axis): a linalg.generic over the result
/// reading the index from `indices` through its indexing map (batch dims
/// shared with the result's first dims) and the element from `params` with
/// tensor.extract. TF rejects out-of-range indices at run
/// time; here they are clamped into range, so no read is out of bounds.
struct GatherV2Lowering : GraphOpLowering<GatherV2Op> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(GatherV2Op op) const override {
    if (std::string reason = requireConstant(op.getAxis(), "axis");
        !reason.empty())
      return reason;
    return "";
  }
  LogicalResult lower(GatherV2Op op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto paramsType = getStaticType(adaptor.getParams());
    auto indicesType = getStaticType(adaptor.getIndices());
    auto resultType = getStaticType(op.getOutput());
    int64_t axis =
        normalize(constantInts(op.getAxis()).front(), paramsType.getRank());
    int64_t indicesRank = indicesType.getRank();
    // batch_dims B (the verifier bounds it): the first B dims of indices
    // and params are shared batch dims, result dims 0..B-1.
    int64_t batch = op.getBatchDims();
    if (batch < 0)
      batch += indicesRank;
    if (batch > axis)
      return rewriter.notifyMatchFailure(op, "batch_dims > axis");
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < indicesRank; ++d)
      exprs.push_back(rewriter.getAffineDimExpr(d < batch ? d
                                                          : axis + d - batch));
    AffineMap map = AffineMap::get(resultType.getRank(), 0, exprs,
                                   rewriter.getContext());
    Value params = adaptor.getParams();
    int64_t limit = paramsType.getDimSize(axis) - 1;
    Value result = createGeneric(
        rewriter, loc, resultType, {adaptor.getIndices()}, {map},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value index =
              arith::IndexCastOp::create(b, l, b.getIndexType(), args[0]);
          Value zero = arith::ConstantIndexOp::create(b, l, 0);
          Value last = arith::ConstantIndexOp::create(b, l, limit);
          index = arith::MaxSIOp::create(b, l, index, zero);
          index = arith::MinSIOp::create(b, l, index, last);
          SmallVector<Value> at;
          for (int64_t d = 0; d < axis; ++d)
            at.push_back(linalg::IndexOp::create(b, l, d));
          at.push_back(index);
          for (int64_t d = axis + 1; d < paramsType.getRank(); ++d)
            at.push_back(
                linalg::IndexOp::create(b, l, d - 1 + indicesRank - batch));
          return tensor::ExtractOp::create(b, l, params, at);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// GatherNd: a linalg.generic over the result with no inputs; its body reads
/// the K coordinates of its row of `indices` with tensor.extract, clamps
/// each into its params dim (TF rejects out-of-range indices at run time)
/// and extracts the params element.
struct GatherNdLowering : GraphOpLowering<GatherNdOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(GatherNdOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto paramsType = getStaticType(adaptor.getParams());
    auto indicesType = getStaticType(adaptor.getIndices());
    auto resultType = getStaticType(op.getOutput());
    int64_t k = indicesType.getShape().back();
    int64_t outer = indicesType.getRank() - 1;
    Value params = adaptor.getParams(), indices = adaptor.getIndices();
    Value result = createGeneric(
        rewriter, loc, resultType, {}, {},
        [&](OpBuilder &b, Location l, ValueRange) -> Value {
          SmallVector<Value> row;
          for (int64_t d = 0; d < outer; ++d)
            row.push_back(linalg::IndexOp::create(b, l, d));
          SmallVector<Value> at;
          for (int64_t j = 0; j < k; ++j) {
            SmallVector<Value> where(row);
            where.push_back(arith::ConstantIndexOp::create(b, l, j));
            Value coordinate = tensor::ExtractOp::create(b, l, indices, where);
            Value index =
                arith::IndexCastOp::create(b, l, b.getIndexType(), coordinate);
            Value zero = arith::ConstantIndexOp::create(b, l, 0);
            Value last = arith::ConstantIndexOp::create(
                b, l, paramsType.getDimSize(j) - 1);
            index = arith::MaxSIOp::create(b, l, index, zero);
            at.push_back(arith::MinSIOp::create(b, l, index, last));
          }
          for (int64_t d = k; d < paramsType.getRank(); ++d)
            at.push_back(linalg::IndexOp::create(b, l, outer + d - k));
          return tensor::ExtractOp::create(b, l, params, at);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Shape, Size, Rank of a static operand: the constant (the folder does
/// this already; the pattern covers IR that was not canonicalized).
template <typename OpTy> struct ShapeQueryLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    auto inputType = getStaticType(adaptor.getInput());
    auto resultType = getStaticType(op.getOutput());
    SmallVector<int64_t> values;
    if constexpr (std::is_same_v<OpTy, ShapeOp>)
      values.assign(inputType.getShape().begin(), inputType.getShape().end());
    else if constexpr (std::is_same_v<OpTy, SizeOp>)
      values.push_back(inputType.getNumElements());
    else
      values.push_back(inputType.getRank());
    unsigned width = resultType.getElementType().getIntOrFloatBitWidth();
    SmallVector<APInt> ints;
    for (int64_t v : values)
      ints.push_back(APInt(width, v, /*isSigned=*/true));
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, DenseElementsAttr::get(resultType, ints));
    return success();
  }
};

} // namespace

void populateArrayPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<UnitDimLowering<SqueezeOp>, UnitDimLowering<ExpandDimsOp>,
               TransposeLowering,
               BlockShuffleLowering<DepthToSpaceOp, /*ToSpace=*/true>,
               BlockShuffleLowering<SpaceToDepthOp, /*ToSpace=*/false>>(ctx);
  patterns.add<RangeLowering, ConcatV2Lowering, PackLowering, UnpackLowering,
               SplitLowering<SplitOp>, SplitLowering<SplitVOp>>(ctx);
  patterns.add<SliceLowering, StridedSliceLowering>(ctx);
  patterns.add<PadLowering<PadOp>, PadLowering<PadV2Op>, MirrorPadLowering,
               TileLowering, FillLowering,
               FilledLikeLowering<ZerosLikeOp, 0>,
               FilledLikeLowering<OnesLikeOp, 1>>(ctx);
  patterns.add<GatherV2Lowering, GatherNdLowering, ShapeQueryLowering<ShapeOp>,
               ShapeQueryLowering<SizeOp>, ShapeQueryLowering<RankOp>>(ctx);
}

} // namespace graphc::graph_to_linalg

//===- MiscPatterns.cpp - lowering of the misc op family ----------===//
//
// See dialect/Graph/GraphMiscOps.td for the ops.
//
// - ResizeBilinear / ResizeNearestNeighbor: one linalg.generic over the
//   output that reads the source pixels with tensor.extract at indices from
//   per-row and per-column tables. The tables (source rows/columns and
//   bilinear weights) are computed at compile time with TF's own float
//   arithmetic (GraphMiscOps.h), so the coordinates are TF's bit for bit.
// - SpaceToBatchND / BatchToSpaceND: tensor.pad (or tensor.extract_slice for
//   crops) + expand_shape + linalg.transpose + collapse_shape, TF's
//   documented definition of both ops on static shapes.
// - Dequantize: one elementwise linalg.generic computing TF's float formula
//   for the mode with scale/offsets precomputed from the constant ranges
//   (per-slice tables when `axis` is set).
// - BlockLSTM / BlockLSTMV2: the recurrence unrolled over the static time
//   dimension; each step is [x_t, h] (insert_slice), linalg.matmul with w,
//   and one multi-result linalg.generic for the gates and the seven
//   outputs, inserted into zero-initialized [time, batch, cell] results
//   (steps from seq_len_max on stay zero, as in TF's kernel).
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

#include "Graph/GraphMiscOps.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <array>

using namespace mlir;
using namespace graphc::graph;

namespace graphc::graph_to_linalg {
namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// A 1-D arith.constant of index values.
Value createIndexTable(OpBuilder &b, Location loc, ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getIndexType());
  return arith::ConstantOp::create(b, loc,
                                   DenseIntElementsAttr::get(type, values));
}

/// A 1-D arith.constant of f32 values.
Value createFloatTable(OpBuilder &b, Location loc, ArrayRef<float> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getF32Type());
  return arith::ConstantOp::create(b, loc,
                                   DenseFPElementsAttr::get(type, values));
}

/// The map from a `rank`-D iteration space to its dim `d` (a per-row or
/// per-column table).
AffineMap getDimMap(int64_t rank, int64_t d, MLIRContext *ctx) {
  return AffineMap::get(rank, 0, getAffineDimExpr(d, ctx), ctx);
}

/// `x` (a float or integer scalar, unsigned when `isUnsigned`) as f32, as
/// TF's static_cast<float> does.
Value toF32(OpBuilder &b, Location loc, Value x, bool isUnsigned) {
  Type f32 = b.getF32Type();
  Type type = x.getType();
  if (type == f32)
    return x;
  if (auto floatType = dyn_cast<FloatType>(type)) {
    if (floatType.getWidth() < 32)
      return arith::ExtFOp::create(b, loc, f32, x);
    return arith::TruncFOp::create(b, loc, f32, x);
  }
  if (isUnsigned)
    return arith::UIToFPOp::create(b, loc, f32, x);
  return arith::SIToFPOp::create(b, loc, f32, x);
}

/// The values of constant `v` as floats (Dequantize's f32 ranges); none
/// past kMaxLoweringTable (a splat range of any shape is one attribute).
std::optional<SmallVector<float>> getConstantFloats(Value v) {
  DenseFPElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) ||
      !attr.getElementType().isF32() ||
      attr.getNumElements() > kMaxLoweringTable)
    return std::nullopt;
  return llvm::to_vector(attr.getValues<float>());
}

//===----------------------------------------------------------------------===//
// ResizeBilinear, ResizeNearestNeighbor
//===----------------------------------------------------------------------===//

/// "" if the op's constant `size` matches its static result, else why not.
std::string checkResizeSize(Value size, RankedTensorType result) {
  auto sizes = getConstantInts(size);
  if (!sizes)
    return "size is not a constant";
  if (sizes->size() != 2 || (*sizes)[0] != result.getDimSize(1) ||
      (*sizes)[1] != result.getDimSize(2))
    return "the constant size does not match the result type";
  if ((*sizes)[0] > kMaxLoweringTable || (*sizes)[1] > kMaxLoweringTable)
    return "resizing to " + std::to_string((*sizes)[0]) + " x " +
           std::to_string((*sizes)[1]) + ": graphc's row and column tables "
           "hold at most " + std::to_string(kMaxLoweringTable) + " entries";
  return "";
}

/// ResizeBilinear -> linalg.generic over the [N, OH, OW, C] result reading
/// the four source pixels with tensor.extract at the rows/columns of
/// compile-time tables and blending them as TF's compute_lerp. A resize to
/// the same size is TF's plain cast to float.
struct ResizeBilinearLowering : GraphOpLowering<ResizeBilinearOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(ResizeBilinearOp op) const override {
    Type element = getStaticType(op.getImages()).getElementType();
    if (!isComputeType(element))
      return describeElementType(element) + " is not supported";
    return checkResizeSize(op.getSize(), getStaticType(op.getResizedImages()));
  }
  LogicalResult lower(ResizeBilinearOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value images = adaptor.getImages();
    bool isUnsigned = isUnsignedElement(op.getImages());
    RankedTensorType inType = getStaticType(images);
    RankedTensorType resultType = getStaticType(op.getResizedImages());
    int64_t inH = inType.getDimSize(1), inW = inType.getDimSize(2);
    int64_t outH = resultType.getDimSize(1), outW = resultType.getDimSize(2);
    if (inH == outH && inW == outW) {
      if (inType == resultType) {
        rewriter.replaceOp(op, images);
        return success();
      }
      rewriter.replaceOp(
          op, createElementwise(rewriter, loc, resultType, {images},
                                [&](OpBuilder &b, Location l, ValueRange args) {
                                  return toF32(b, l, args[0], isUnsigned);
                                }));
      return success();
    }
    bool align = op.getAlignCorners(), half = op.getHalfPixelCenters();
    SmallVector<BilinearTap> ys = getBilinearTaps(inH, outH, align, half);
    SmallVector<BilinearTap> xs = getBilinearTaps(inW, outW, align, half);
    auto tables = [&](ArrayRef<BilinearTap> taps) {
      SmallVector<int64_t> lower, upper;
      SmallVector<float> lerp;
      for (const BilinearTap &tap : taps) {
        lower.push_back(tap.lower);
        upper.push_back(tap.upper);
        lerp.push_back(tap.lerp);
      }
      return SmallVector<Value>{createIndexTable(rewriter, loc, lower),
                                createIndexTable(rewriter, loc, upper),
                                createFloatTable(rewriter, loc, lerp)};
    };
    SmallVector<Value> inputs = tables(ys);
    llvm::append_range(inputs, tables(xs));
    MLIRContext *ctx = rewriter.getContext();
    AffineMap row = getDimMap(4, 1, ctx), column = getDimMap(4, 2, ctx);
    Value result = createGeneric(
        rewriter, loc, resultType, inputs,
        {row, row, row, column, column, column},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value n = linalg::IndexOp::create(b, l, 0);
          Value c = linalg::IndexOp::create(b, l, 3);
          auto at = [&](Value y, Value x) {
            return toF32(b, l,
                         tensor::ExtractOp::create(b, l, images,
                                                   ValueRange{n, y, x, c}),
                         isUnsigned);
          };
          Value topLeft = at(args[0], args[3]);
          Value topRight = at(args[0], args[4]);
          Value bottomLeft = at(args[1], args[3]);
          Value bottomRight = at(args[1], args[4]);
          auto lerp = [&](Value from, Value to, Value weight) {
            Value diff = arith::SubFOp::create(b, l, to, from);
            Value scaled = arith::MulFOp::create(b, l, diff, weight);
            return arith::AddFOp::create(b, l, from, scaled);
          };
          Value top = lerp(topLeft, topRight, args[5]);
          Value bottom = lerp(bottomLeft, bottomRight, args[5]);
          return lerp(top, bottom, args[2]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// ResizeNearestNeighbor -> linalg.generic copying the source pixel at the
/// row/column of compile-time tables (tensor.extract).
struct ResizeNearestNeighborLowering
    : GraphOpLowering<ResizeNearestNeighborOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(ResizeNearestNeighborOp op) const override {
    return checkResizeSize(op.getSize(), getStaticType(op.getResizedImages()));
  }
  LogicalResult lower(ResizeNearestNeighborOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value images = adaptor.getImages();
    RankedTensorType inType = getStaticType(images);
    RankedTensorType resultType = getStaticType(op.getResizedImages());
    bool align = op.getAlignCorners(), half = op.getHalfPixelCenters();
    Value ys = createIndexTable(
        rewriter, loc,
        getNearestSources(inType.getDimSize(1), resultType.getDimSize(1),
                          align, half));
    Value xs = createIndexTable(
        rewriter, loc,
        getNearestSources(inType.getDimSize(2), resultType.getDimSize(2),
                          align, half));
    MLIRContext *ctx = rewriter.getContext();
    Value result = createGeneric(
        rewriter, loc, resultType, {ys, xs},
        {getDimMap(4, 1, ctx), getDimMap(4, 2, ctx)},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value n = linalg::IndexOp::create(b, l, 0);
          Value c = linalg::IndexOp::create(b, l, 3);
          return tensor::ExtractOp::create(b, l, images,
                                           ValueRange{n, args[0], args[1], c});
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// SpaceToBatchND, BatchToSpaceND
//===----------------------------------------------------------------------===//

/// Constant block shape and [M, 2] pads or crops.
struct Blocks {
  SmallVector<int64_t> block, before, after;
};

FailureOr<Blocks> getBlocks(Value blockShape, Value amounts) {
  auto block = getConstantInts(blockShape);
  auto pairs = getConstantInts(amounts);
  if (!block || !pairs || pairs->size() != 2 * block->size())
    return failure();
  Blocks blocks;
  blocks.block = *block;
  for (size_t i = 0; i < block->size(); ++i) {
    blocks.before.push_back((*pairs)[2 * i]);
    blocks.after.push_back((*pairs)[2 * i + 1]);
  }
  return blocks;
}

std::string checkBlocks(Value blockShape, Value amounts, StringRef name) {
  if (failed(getBlocks(blockShape, amounts)))
    return ("block_shape and " + name + " must be constants").str();
  return "";
}

/// SpaceToBatchND -> tensor.pad (zeros) to [N, P1, .., PM, R..],
/// expand_shape to [N, P1/b1, b1, .., PM/bM, bM, R..], linalg.transpose to
/// [b1, .., bM, N, P1/b1, .., PM/bM, R..], collapse_shape to the result.
struct SpaceToBatchNDLowering : GraphOpLowering<SpaceToBatchNDOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(SpaceToBatchNDOp op) const override {
    return checkBlocks(op.getBlockShape(), op.getPaddings(), "paddings");
  }
  LogicalResult lower(SpaceToBatchNDOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    FailureOr<Blocks> blocks = getBlocks(op.getBlockShape(), op.getPaddings());
    if (failed(blocks))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType inType = getStaticType(adaptor.getInput());
    Type element = inType.getElementType();
    int64_t rank = inType.getRank(), m = blocks->block.size();
    SmallVector<int64_t> low(rank, 0), high(rank, 0);
    for (int64_t i = 0; i < m; ++i) {
      low[1 + i] = blocks->before[i];
      high[1 + i] = blocks->after[i];
    }
    Value padded = createPad(rewriter, loc, adaptor.getInput(), low, high,
                             getScalarAttr(element, 0));
    RankedTensorType paddedType = getStaticType(padded);
    SmallVector<int64_t> split = {paddedType.getDimSize(0)};
    SmallVector<int64_t> perm, outer, inner;
    for (int64_t i = 0; i < m; ++i) {
      int64_t b = blocks->block[i];
      split.push_back(paddedType.getDimSize(1 + i) / b);
      split.push_back(b);
      perm.push_back(2 + 2 * i); // block offsets first
      inner.push_back(1 + 2 * i);
    }
    perm.push_back(0);
    llvm::append_range(perm, inner);
    for (int64_t d = 1 + m; d < rank; ++d) {
      perm.push_back(split.size());
      split.push_back(paddedType.getDimSize(d));
    }
    Value expanded = createStaticReshape(
        rewriter, loc, padded, RankedTensorType::get(split, element));
    Value transposed = createTranspose(rewriter, loc, expanded, perm);
    rewriter.replaceOp(op, createStaticReshape(rewriter, loc, transposed,
                                               getStaticType(op.getOutput())));
    return success();
  }
};

/// BatchToSpaceND -> expand_shape to [b1, .., bM, N, S1, .., SM, R..],
/// linalg.transpose to [N, S1, b1, .., SM, bM, R..], collapse_shape to
/// [N, S1*b1, .., SM*bM, R..], tensor.extract_slice for the crops.
struct BatchToSpaceNDLowering : GraphOpLowering<BatchToSpaceNDOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(BatchToSpaceNDOp op) const override {
    return checkBlocks(op.getBlockShape(), op.getCrops(), "crops");
  }
  LogicalResult lower(BatchToSpaceNDOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    FailureOr<Blocks> blocks = getBlocks(op.getBlockShape(), op.getCrops());
    if (failed(blocks))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType inType = getStaticType(adaptor.getInput());
    RankedTensorType resultType = getStaticType(op.getOutput());
    Type element = inType.getElementType();
    int64_t rank = inType.getRank(), m = blocks->block.size();
    int64_t count = 1;
    for (int64_t b : blocks->block)
      count *= b;
    SmallVector<int64_t> split(blocks->block);
    split.push_back(inType.getDimSize(0) / count);
    SmallVector<int64_t> perm = {m};
    SmallVector<int64_t> full = {inType.getDimSize(0) / count};
    for (int64_t i = 0; i < m; ++i) {
      split.push_back(inType.getDimSize(1 + i));
      perm.push_back(m + 1 + i);
      perm.push_back(i);
      full.push_back(inType.getDimSize(1 + i) * blocks->block[i]);
    }
    for (int64_t d = 1 + m; d < rank; ++d) {
      perm.push_back(split.size());
      split.push_back(inType.getDimSize(d));
      full.push_back(inType.getDimSize(d));
    }
    Value expanded =
        createStaticReshape(rewriter, loc, adaptor.getInput(),
                            RankedTensorType::get(split, element));
    Value transposed = createTranspose(rewriter, loc, expanded, perm);
    auto fullType = RankedTensorType::get(full, element);
    Value uncropped = createStaticReshape(rewriter, loc, transposed, fullType);
    Value result = uncropped;
    if (fullType != resultType) {
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
      for (int64_t i = 0; i < m; ++i)
        offsets[1 + i] = rewriter.getIndexAttr(blocks->before[i]);
      for (int64_t d : resultType.getShape())
        sizes.push_back(rewriter.getIndexAttr(d));
      result = tensor::ExtractSliceOp::create(rewriter, loc, resultType,
                                              uncropped, offsets, sizes,
                                              strides);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Dequantize
//===----------------------------------------------------------------------===//

/// The per-slice affine maps of a Dequantize with constant ranges, or the
/// reason there are none.
FailureOr<SmallVector<DequantizeAffine>>
getDequantizeAffines(DequantizeOp op, std::string &reason) {
  for (Value range : {op.getMinRange(), op.getMaxRange()}) {
    RankedTensorType type = getStaticType(range);
    if (type && type.getNumElements() > kMaxLoweringTable) {
      reason = "min_range and max_range of " +
               std::to_string(type.getNumElements()) + " values: graphc's "
               "tables hold at most " + std::to_string(kMaxLoweringTable);
      return failure();
    }
  }
  auto minRange = getConstantFloats(op.getMinRange());
  auto maxRange = getConstantFloats(op.getMaxRange());
  if (!minRange || !maxRange) {
    reason = "min_range and max_range must be constants";
    return failure();
  }
  RankedTensorType inType = getStaticType(op.getInput());
  int64_t axis = op.getAxis();
  size_t slices = axis == -1 ? 1 : inType.getDimSize(axis);
  if (minRange->size() != slices || maxRange->size() != slices) {
    reason = "min_range and max_range must have one value per slice";
    return failure();
  }
  auto intType = cast<IntegerType>(inType.getElementType());
  bool isSigned = !isUnsignedElement(op.getInput());
  SmallVector<DequantizeAffine> affines;
  for (size_t s = 0; s < slices; ++s) {
    auto affine = getDequantizeAffine(op.getMode(), intType.getWidth(),
                                      isSigned,
                                      op.getNarrowRange(), (*minRange)[s],
                                      (*maxRange)[s]);
    if (!affine) {
      reason = "unsupported mode or input type";
      return failure();
    }
    affines.push_back(*affine);
  }
  return affines;
}

/// Dequantize -> elementwise linalg.generic:
/// ((float(x) [+ inputOffset]) * scale) [+ outputOffset], rounded to bf16
/// for a bf16 result; per-slice values come from 1-D tables on `axis`.
struct DequantizeLowering : GraphOpLowering<DequantizeOp> {
  using GraphOpLowering::GraphOpLowering;
  bool handlesUnsigned() const override { return true; }
  std::string check(DequantizeOp op) const override {
    std::string reason;
    (void)getDequantizeAffines(op, reason);
    return reason;
  }
  LogicalResult lower(DequantizeOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<SmallVector<DequantizeAffine>> affines =
        getDequantizeAffines(op, reason);
    if (failed(affines))
      return rewriter.notifyMatchFailure(op, reason);
    Location loc = op.getLoc();
    RankedTensorType resultType = getStaticType(op.getOutput());
    int64_t rank = resultType.getRank();
    const DequantizeAffine &first = affines->front();
    SmallVector<Value> inputs = {adaptor.getInput()};
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    // Per-slice values as tables read at the axis index; one slice inlines
    // them as scalar constants.
    bool perSlice = affines->size() > 1;
    auto addTable = [&](auto field) {
      SmallVector<float> values;
      for (const DequantizeAffine &affine : *affines)
        values.push_back(field(affine));
      inputs.push_back(createFloatTable(rewriter, loc, values));
      maps.push_back(getDimMap(rank, op.getAxis(), rewriter.getContext()));
    };
    if (perSlice) {
      if (first.inputOffset)
        addTable([](const DequantizeAffine &a) { return *a.inputOffset; });
      addTable([](const DequantizeAffine &a) { return a.scale; });
      if (first.outputOffset)
        addTable([](const DequantizeAffine &a) { return *a.outputOffset; });
    }
    Type resultElement = resultType.getElementType();
    bool isUnsigned = isUnsignedElement(op.getInput());
    Value result = createGeneric(
        rewriter, loc, resultType, inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          unsigned next = 1;
          auto value = [&](float scalar) -> Value {
            if (perSlice)
              return args[next++];
            return createScalar(b, l, b.getF32Type(), scalar);
          };
          Value x = toF32(b, l, args[0], isUnsigned);
          if (first.inputOffset)
            x = arith::AddFOp::create(b, l, x, value(*first.inputOffset));
          x = arith::MulFOp::create(b, l, x, value(first.scale));
          if (first.outputOffset)
            x = arith::AddFOp::create(b, l, x, value(*first.outputOffset));
          if (resultElement != x.getType())
            x = arith::TruncFOp::create(b, l, resultElement, x);
          return x;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// BlockLSTM, BlockLSTMV2
//===----------------------------------------------------------------------===//

/// Column offsets (in units of the cell size) of the gates in w and b.
struct GateLayout {
  int64_t i, c, f, o;
};

/// The attributes and gate layout of a BlockLSTM(V2).
struct LSTMConfig {
  GateLayout layout;
  float forgetBias;
  float cellClip;
  bool usePeephole;
};

LSTMConfig getConfig(BlockLSTMOp op) {
  return {{0, 1, 2, 3},
          op.getForgetBias().convertToFloat(),
          op.getCellClip().convertToFloat(),
          op.getUsePeephole()};
}
LSTMConfig getConfig(BlockLSTMV2Op op) {
  return {{0, 2, 1, 3}, 0.0f, op.getCellClip().convertToFloat(),
          op.getUsePeephole()};
}

/// One step of TF's LSTMBlockCellFprop on [batch, cell] tensors: returns
/// i, cs, f, o, ci, co, h.
SmallVector<Value> buildLSTMStep(OpBuilder &b, Location loc,
                                 const LSTMConfig &config, Value x, Value csPrev,
                                 Value hPrev, Value w, Value bias, Value wci,
                                 Value wcf, Value wco) {
  RankedTensorType xType = getStaticType(x);
  RankedTensorType stateType = getStaticType(csPrev);
  Type element = stateType.getElementType();
  int64_t batch = stateType.getDimSize(0), cell = stateType.getDimSize(1);
  int64_t input = xType.getDimSize(1);

  // xh = [x, h_prev]; gates = xh * w.
  Value xh = createEmpty(
      b, loc, RankedTensorType::get({batch, input + cell}, element));
  auto insert2D = [&](Value source, Value dest, int64_t column) {
    RankedTensorType type = getStaticType(source);
    SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0),
                                         b.getIndexAttr(column)};
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(type.getDimSize(0)),
                                       b.getIndexAttr(type.getDimSize(1))};
    SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
    return tensor::InsertSliceOp::create(b, loc, source, dest, offsets, sizes,
                                         strides)
        .getResult();
  };
  xh = insert2D(x, xh, 0);
  xh = insert2D(hPrev, xh, input);
  auto gatesType = RankedTensorType::get({batch, 4 * cell}, element);
  Value zero = createFilled(b, loc, gatesType, getScalarAttr(element, 0));
  Value gates = linalg::MatmulOp::create(b, loc, TypeRange{gatesType},
                                         ValueRange{xh, w}, ValueRange{zero})
                    .getResult(0);

  // The four gate blocks of `gates` and `bias` (columns block * cell ..),
  // then one generic over [batch, cell] computing every output.
  auto slice = [&](Value source, int64_t block) -> Value {
    RankedTensorType type = getStaticType(source);
    bool is2D = type.getRank() == 2;
    SmallVector<OpFoldResult> offsets, sizes;
    if (is2D) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(batch));
    }
    offsets.push_back(b.getIndexAttr(block * cell));
    sizes.push_back(b.getIndexAttr(cell));
    SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
    auto sliceType = is2D ? stateType : RankedTensorType::get({cell}, element);
    return tensor::ExtractSliceOp::create(b, loc, sliceType, source, offsets,
                                          sizes, strides);
  };
  MLIRContext *ctx = b.getContext();
  AffineMap identity = b.getMultiDimIdentityMap(2);
  AffineMap column = AffineMap::get(2, 0, getAffineDimExpr(1, ctx), ctx);
  const GateLayout &layout = config.layout;
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (int64_t block : {layout.i, layout.c, layout.f, layout.o}) {
    inputs.push_back(slice(gates, block));
    maps.push_back(identity);
  }
  for (int64_t block : {layout.i, layout.c, layout.f, layout.o}) {
    inputs.push_back(slice(bias, block));
    maps.push_back(column);
  }
  inputs.push_back(csPrev);
  maps.push_back(identity);
  if (config.usePeephole) {
    llvm::append_range(inputs, ValueRange{wci, wcf, wco});
    maps.append({column, column, column});
  }
  SmallVector<Value> inits;
  for (int k = 0; k < 7; ++k) {
    inits.push_back(createEmpty(b, loc, stateType));
    maps.push_back(identity);
  }
  SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, SmallVector<Type>(7, stateType), inputs, inits, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        auto add = [&](Value p, Value q) -> Value {
          return arith::AddFOp::create(nb, l, p, q);
        };
        auto mul = [&](Value p, Value q) -> Value {
          return arith::MulFOp::create(nb, l, p, q);
        };
        // icfo = xh * w + b.
        Value gi = add(args[0], args[4]), gc = add(args[1], args[5]),
              gf = add(args[2], args[6]), go = add(args[3], args[7]);
        Value cPrev = args[8];
        if (config.usePeephole)
          gi = add(gi, mul(cPrev, args[9]));
        Value i = buildSigmoid(nb, l, gi);
        Value ci = math::TanhOp::create(nb, l, gc);
        gf = add(gf, createScalar(nb, l, element, config.forgetBias));
        if (config.usePeephole)
          gf = add(gf, mul(cPrev, args[10]));
        Value f = buildSigmoid(nb, l, gf);
        Value cs = add(mul(i, ci), mul(f, cPrev));
        if (config.cellClip > 0.0f) {
          // Eigen's scalar_clip_op: min(max(cs, -clip), clip).
          Value clip = createScalar(nb, l, element, config.cellClip);
          Value negClip = createScalar(nb, l, element, -config.cellClip);
          cs = arith::MinimumFOp::create(
              nb, l, arith::MaximumFOp::create(nb, l, cs, negClip), clip);
        }
        Value co = math::TanhOp::create(nb, l, cs);
        if (config.usePeephole)
          go = add(go, mul(cs, args[11]));
        Value o = buildSigmoid(nb, l, go);
        Value h = mul(o, co);
        linalg::YieldOp::create(nb, l, ValueRange{i, cs, f, o, ci, co, h});
      });
  return SmallVector<Value>(generic.getResults());
}

/// BlockLSTM(V2) -> the unrolled recurrence (see the file comment).
template <typename OpTy> struct BlockLSTMLowering : GraphOpLowering<OpTy> {
  using GraphOpLowering<OpTy>::GraphOpLowering;
  std::string check(OpTy op) const override {
    Type element = getStaticType(op.getX()).getElementType();
    if (!element.isF32() && !element.isF16())
      return describeElementType(element) +
             " is not supported (float32 or float16 only)";
    if (!getConstantInts(op.getSeqLenMax()))
      return "seq_len_max is not a constant";
    return "";
  }
  LogicalResult lower(OpTy op, typename OpTy::Adaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LSTMConfig config = getConfig(op);
    RankedTensorType xType = getStaticType(adaptor.getX());
    RankedTensorType resultType = getStaticType(op.getH());
    Type element = resultType.getElementType();
    int64_t time = xType.getDimSize(0), batch = xType.getDimSize(1),
            input = xType.getDimSize(2), cell = resultType.getDimSize(2);
    int64_t steps =
        std::clamp<int64_t>((*getConstantInts(op.getSeqLenMax()))[0], 0, time);

    SmallVector<Value> outputs;
    Value zeros = createFilled(rewriter, loc, resultType,
                               getScalarAttr(element, 0));
    outputs.assign(7, zeros);
    Value cs = adaptor.getCsPrev(), h = adaptor.getHPrev();
    auto stepType = RankedTensorType::get({batch, input}, element);
    SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
    for (int64_t t = 0; t < steps; ++t) {
      SmallVector<OpFoldResult> offsets = {rewriter.getIndexAttr(t),
                                           rewriter.getIndexAttr(0),
                                           rewriter.getIndexAttr(0)};
      Value x = tensor::ExtractSliceOp::create(
          rewriter, loc, stepType, adaptor.getX(), offsets,
          SmallVector<OpFoldResult>{rewriter.getIndexAttr(1),
                                    rewriter.getIndexAttr(batch),
                                    rewriter.getIndexAttr(input)},
          strides);
      SmallVector<Value> step =
          buildLSTMStep(rewriter, loc, config, x, cs, h, adaptor.getW(),
                        adaptor.getB(), adaptor.getWci(), adaptor.getWcf(),
                        adaptor.getWco());
      SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(1),
                                         rewriter.getIndexAttr(batch),
                                         rewriter.getIndexAttr(cell)};
      for (int k = 0; k < 7; ++k)
        outputs[k] = tensor::InsertSliceOp::create(rewriter, loc, step[k],
                                                   outputs[k], offsets, sizes,
                                                   strides);
      cs = step[1];
      h = step[6];
    }
    rewriter.replaceOp(op, outputs);
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// RandomUniform
//===----------------------------------------------------------------------===//

namespace {
/// Philox4x32-10 (Salmon et al., SC'11) as TF's PhiloxRandom computes it:
/// 10 rounds of two 32x32->64 multiplies, the key raised between rounds.
/// Returns the 4 output words for `counter` and `key`.
std::array<Value, 4> buildPhilox4x32(OpBuilder &b, Location loc,
                                     std::array<Value, 4> counter,
                                     std::array<Value, 2> key) {
  Type i32 = b.getI32Type();
  auto c = [&](uint32_t v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(i32, v));
  };
  Value m0 = c(0xD2511F53u), m1 = c(0xCD9E8D57u);
  Value w0 = c(0x9E3779B9u), w1 = c(0xBB67AE85u);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] = arith::AddIOp::create(b, loc, key[0], w0);
      key[1] = arith::AddIOp::create(b, loc, key[1], w1);
    }
    auto p0 = arith::MulUIExtendedOp::create(b, loc, m0, counter[0]);
    auto p1 = arith::MulUIExtendedOp::create(b, loc, m1, counter[2]);
    Value x0 = arith::XOrIOp::create(
        b, loc, arith::XOrIOp::create(b, loc, p1.getHigh(), counter[1]),
        key[0]);
    Value x2 = arith::XOrIOp::create(
        b, loc, arith::XOrIOp::create(b, loc, p0.getHigh(), counter[3]),
        key[1]);
    counter = {x0, p1.getLow(), x2, p0.getLow()};
  }
  return counter;
}

/// A 64-bit FNV-1a hash of the op's node name: the key of an unseeded op.
uint64_t hashNodeName(Operation *op) {
  std::string name;
  if (auto loc = dyn_cast<NameLoc>(op->getLoc()))
    name = loc.getName().str();
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char ch : name)
    h = (h ^ ch) * 0x100000001b3ull;
  return h;
}

/// RandomUniform -> a linalg.generic computing each element from its linear
/// index with Philox (counter-based: no state, any order, thread-safe).
struct RandomUniformLowering : GraphOpLowering<RandomUniformOp> {
  using GraphOpLowering::GraphOpLowering;
  std::string check(RandomUniformOp op) const override {
    if (!getStaticType(op.getOutput()).getElementType().isF32())
      return "only float32 results are supported";
    return "";
  }
  LogicalResult lower(RandomUniformOp op, OpAdaptor adaptor,
                      ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = getStaticType(op.getOutput());
    uint64_t seed = static_cast<uint64_t>(op.getSeed());
    uint64_t seed2 = static_cast<uint64_t>(op.getSeed2());
    if (seed == 0 && seed2 == 0)
      seed = hashNodeName(op);
    int64_t rank = resultType.getRank();
    ArrayRef<int64_t> shape = resultType.getShape();
    Value result = createGeneric(
        rewriter, loc, resultType, {}, {},
        [&](OpBuilder &b, Location l, ValueRange) -> Value {
          Type i32 = b.getI32Type(), i64 = b.getI64Type();
          auto c32 = [&](uint32_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getIntegerAttr(i32, v));
          };
          auto c64 = [&](int64_t v) -> Value {
            return arith::ConstantOp::create(b, l, b.getIntegerAttr(i64, v));
          };
          // Row-major linear index of this element.
          Value linear = c64(0);
          for (int64_t d = 0; d < rank; ++d) {
            Value idx = arith::IndexCastOp::create(
                b, l, i64, linalg::IndexOp::create(b, l, d));
            linear = arith::AddIOp::create(
                b, l, arith::MulIOp::create(b, l, linear, c64(shape[d])), idx);
          }
          Value group = arith::DivUIOp::create(b, l, linear, c64(4));
          Value lane = arith::RemUIOp::create(b, l, linear, c64(4));
          Value groupLo = arith::TruncIOp::create(b, l, i32, group);
          Value groupHi = arith::TruncIOp::create(
              b, l, i32, arith::ShRUIOp::create(b, l, group, c64(32)));
          std::array<Value, 4> words = buildPhilox4x32(
              b, l,
              {groupLo, groupHi, c32(static_cast<uint32_t>(seed2)),
               c32(static_cast<uint32_t>(seed2 >> 32))},
              {c32(static_cast<uint32_t>(seed)),
               c32(static_cast<uint32_t>(seed >> 32))});
          // Pick lane `i % 4` of the group's four words.
          Value word = words[3];
          for (int k = 2; k >= 0; --k) {
            Value isLane = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                                 lane, c64(k));
            word = arith::SelectOp::create(b, l, isLane, words[k], word);
          }
          // TF's Uint32ToFloat: 23 random mantissa bits in [1, 2), minus 1.
          Value bits = arith::OrIOp::create(
              b, l, arith::AndIOp::create(b, l, word, c32(0x7fffffu)),
              c32(0x3f800000u));
          Value one = arith::BitcastOp::create(b, l, b.getF32Type(), bits);
          return arith::SubFOp::create(b, l, one,
                                       createScalar(b, l, b.getF32Type(), 1.0));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateMiscPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ResizeBilinearLowering, ResizeNearestNeighborLowering,
               SpaceToBatchNDLowering, BatchToSpaceNDLowering,
               DequantizeLowering, BlockLSTMLowering<BlockLSTMOp>,
               BlockLSTMLowering<BlockLSTMV2Op>, RandomUniformLowering>(ctx);
}

} // namespace graphc::graph_to_linalg

//===- GraphMiscOps.cpp - verifiers, folders, shapes of misc ops ----===//
//
// ResizeBilinear, ResizeNearestNeighbor, SpaceToBatchND, BatchToSpaceND,
// TopKV2, Dequantize, BlockLSTM and BlockLSTMV2: TF's rules as verifiers
// (one emitOpError per rule), TF's shape functions, and folders for constant
// inputs (resize, space/batch shuffles and dequantize of constants, e.g.
// quantized weights) that compute with the same host arithmetic as the
// lowering (GraphMiscOps.h).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphMiscOps.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallString.h"

#include <cmath>

using namespace mlir;
using namespace graphc::graph;

//===----------------------------------------------------------------------===//
// TF arithmetic (GraphMiscOps.h)
//===----------------------------------------------------------------------===//

float graphc::graph::getResizeScale(int64_t in, int64_t out,
                                    bool alignCorners) {
  return alignCorners && out > 1
             ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
             : static_cast<float>(in) / static_cast<float>(out);
}

SmallVector<BilinearTap> graphc::graph::getBilinearTaps(int64_t in,
                                                        int64_t out,
                                                        bool alignCorners,
                                                        bool halfPixelCenters) {
  float scale = getResizeScale(in, out, alignCorners);
  SmallVector<BilinearTap> taps;
  for (int64_t i = 0; i < out; ++i) {
    float coord = halfPixelCenters
                      ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                      : static_cast<float>(i) * scale;
    float lower = std::floor(coord);
    taps.push_back({std::max<int64_t>(static_cast<int64_t>(lower), 0),
                    std::min<int64_t>(static_cast<int64_t>(std::ceil(coord)),
                                      in - 1),
                    coord - lower});
  }
  return taps;
}

SmallVector<int64_t> graphc::graph::getNearestSources(int64_t in, int64_t out,
                                                      bool alignCorners,
                                                      bool halfPixelCenters) {
  float scale = getResizeScale(in, out, alignCorners);
  SmallVector<int64_t> sources;
  for (int64_t i = 0; i < out; ++i) {
    float coord = halfPixelCenters ? (static_cast<float>(i) + 0.5f) * scale
                                   : static_cast<float>(i) * scale;
    int64_t source = std::min<int64_t>(
        static_cast<int64_t>(alignCorners ? std::round(coord)
                                          : std::floor(coord)),
        in - 1);
    if (halfPixelCenters)
      source = std::max<int64_t>(source, 0);
    sources.push_back(source);
  }
  return sources;
}

std::optional<DequantizeAffine>
graphc::graph::getDequantizeAffine(StringRef mode, unsigned bits,
                                   bool isSigned, bool narrowRange,
                                   float minRange, float maxRange) {
  if (bits != 8 && bits != 16 && bits != 32)
    return std::nullopt;
  // numeric_limits<T>::min()/max() of the quantized type, as floats (exact
  // for every width but 32, where TF's int -> float conversion rounds too).
  int64_t lowest = isSigned ? -(int64_t(1) << (bits - 1)) : 0;
  int64_t highest = isSigned ? (int64_t(1) << (bits - 1)) - 1
                             : (int64_t(1) << bits) - 1;
  float lowestF = static_cast<float>(lowest);
  float highestF = static_cast<float>(highest);

  DequantizeAffine affine;
  if (mode == "MIN_COMBINED") {
    // ((float(x) + half_range) * scale_factor) + min_range.
    if (isSigned)
      affine.inputOffset = (highestF - lowestF + 1.0f) / 2.0f;
    affine.scale = (maxRange - minRange) / (highestF - lowestF);
    affine.outputOffset = minRange;
    return affine;
  }
  if (mode == "MIN_FIRST") {
    // QuantizedToFloatStruct + DEQUANTIZE_WITH_EIGEN:
    // (range_min_rounded - lowest * range_scale) + float(x) * range_scale.
    double steps = static_cast<double>(int64_t(1) << bits);
    float rangeScale = static_cast<float>(
        static_cast<double>(maxRange - minRange) / (steps - 1.0));
    float rangeMinRounded =
        maxRange == minRange
            ? minRange
            : std::round(minRange / rangeScale) * rangeScale;
    affine.scale = rangeScale;
    affine.outputOffset = rangeMinRounded - lowestF * rangeScale;
    return affine;
  }
  if (mode == "SCALED") {
    // float(x) * scale_factor.
    if (!isSigned) {
      affine.scale = maxRange / highestF;
    } else {
      float minOutput = static_cast<float>(lowest + (narrowRange ? 1 : 0));
      affine.scale = std::max(minRange / minOutput, maxRange / highestF);
    }
    return affine;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

namespace {
/// The size of dim `d` of `v`, or kDynamic if unknown.
int64_t dimOf(Value v, int64_t d) {
  auto type = rankedOf(v);
  return type && d < type.getRank() ? type.getDimSize(d)
                                    : ShapedType::kDynamic;
}

bool isInt32Or64(Value v) {
  Type element = cast<TensorType>(v.getType()).getElementType();
  return element.isInteger(32) || element.isInteger(64);
}

/// The float values of a constant `v` (f32 ranges of Dequantize).
std::optional<SmallVector<float>> getConstantFloats(Value v) {
  DenseFPElementsAttr attr;
  // Read whole (a splat too), so within the folders' bound.
  if (!matchPattern(v, m_Constant(&attr)) ||
      attr.getNumElements() > kMaxFoldElements)
    return std::nullopt;
  SmallVector<float> values;
  for (APFloat x : attr.getValues<APFloat>()) {
    bool lost;
    x.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
    values.push_back(x.convertToFloat());
  }
  return values;
}

/// `values` as "[a, b, ...]" for messages.
std::string listToString(ArrayRef<int64_t> values) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

/// Row-major strides of `shape`.
SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// The static result type of a fold, if it is small enough to fold.
RankedTensorType getFoldableType(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape() ||
      ranked.getNumElements() > kMaxFoldElements)
    return {};
  return ranked;
}

/// A constant of `type` whose element k is `source`'s element `indices[k]`,
/// or zero where `indices[k]` is -1.
Attribute gatherElements(DenseElementsAttr source, RankedTensorType type,
                         ArrayRef<int64_t> indices) {
  Type element = source.getElementType();
  if (auto floatType = dyn_cast<FloatType>(element)) {
    auto values = source.getValues<APFloat>();
    APFloat zero = APFloat::getZero(floatType.getFloatSemantics());
    SmallVector<APFloat> out;
    out.reserve(indices.size());
    for (int64_t index : indices)
      out.push_back(index < 0 ? zero : values[index]);
    return DenseElementsAttr::get(type, out);
  }
  if (auto intType = dyn_cast<IntegerType>(element)) {
    auto values = source.getValues<APInt>();
    APInt zero(intType.getWidth(), 0);
    SmallVector<APInt> out;
    out.reserve(indices.size());
    for (int64_t index : indices)
      out.push_back(index < 0 ? zero : values[index]);
    return DenseElementsAttr::get(type, out);
  }
  return {};
}

/// The values of a float or integer constant as floats (TF's
/// static_cast<float>), or nullopt for other element types.
std::optional<SmallVector<float>> toFloats(DenseElementsAttr attr) {
  SmallVector<float> values;
  values.reserve(attr.getNumElements());
  Type element = attr.getElementType();
  if (isa<FloatType>(element)) {
    for (APFloat x : attr.getValues<APFloat>()) {
      bool lost;
      x.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(x.convertToFloat());
    }
    return values;
  }
  auto intType = dyn_cast<IntegerType>(element);
  if (!intType || intType.getWidth() == 1)
    return std::nullopt;
  for (const APInt &x : attr.getValues<APInt>())
    values.push_back(intType.isUnsigned()
                         ? static_cast<float>(x.getZExtValue())
                         : static_cast<float>(x.getSExtValue()));
  return values;
}
} // namespace

//===----------------------------------------------------------------------===//
// ResizeBilinear, ResizeNearestNeighbor
//===----------------------------------------------------------------------===//

/// TF's ImageResizerState checks.
static LogicalResult verifyResize(Operation *op, Value images, Value size,
                                  bool alignCorners, bool halfPixelCenters) {
  if (alignCorners && halfPixelCenters)
    return op->emitOpError()
           << "half_pixel_centers requires align_corners to be false";
  int64_t rank = rankOf(images);
  if (rank != -1 && rank != 4)
    return op->emitOpError() << "images must be 4-D, got rank " << rank;
  auto sizeType = rankedOf(size);
  if (sizeType && (sizeType.getRank() != 1 ||
                   (!sizeType.isDynamicDim(0) && sizeType.getDimSize(0) != 2)))
    return op->emitOpError()
           << "size must be a 1-D tensor of 2 elements, got " << sizeType;
  if (!cast<TensorType>(size.getType()).getElementType().isInteger(32))
    return op->emitOpError() << "size must be int32";
  if (auto values = getConstantInts(size))
    if (llvm::any_of(*values, [](int64_t v) { return v <= 0; }))
      return op->emitOpError()
             << "size must be positive, got " << listToString(*values);
  return success();
}

/// [batch, size[0], size[1], channels] with `element`.
static LogicalResult refineResize(Operation *op, Value images, Value size,
                                  Type element) {
  auto sizes = getConstantInts(size);
  SmallVector<int64_t> dims = {
      dimOf(images, 0),
      sizes && sizes->size() == 2 ? (*sizes)[0] : ShapedType::kDynamic,
      sizes && sizes->size() == 2 ? (*sizes)[1] : ShapedType::kDynamic,
      dimOf(images, 3)};
  return refineResult(op, op->getResult(0),
                      RankedTensorType::get(dims, element));
}

LogicalResult ResizeBilinearOp::verify() {
  if (failed(verifyResize(*this, getImages(), getSize(), getAlignCorners(),
                          getHalfPixelCenters())))
    return failure();
  Type element = cast<TensorType>(getType()).getElementType();
  if (!element.isF32())
    return emitOpError() << "result must be float32, got " << element;
  return success();
}

LogicalResult ResizeNearestNeighborOp::verify() {
  return verifyResize(*this, getImages(), getSize(), getAlignCorners(),
                      getHalfPixelCenters());
}

LogicalResult ResizeBilinearOp::refineResultTypes() {
  return refineResize(*this, getImages(), getSize(),
                      cast<TensorType>(getType()).getElementType());
}

LogicalResult ResizeNearestNeighborOp::refineResultTypes() {
  return refineResize(*this, getImages(), getSize(),
                      cast<TensorType>(getImages().getType()).getElementType());
}

OpFoldResult ResizeBilinearOp::fold(FoldAdaptor adaptor) {
  auto images = dyn_cast_or_null<DenseElementsAttr>(adaptor.getImages());
  RankedTensorType type = getFoldableType(getType());
  // toFloats reads every input element (a splat too).
  if (!images || !type || !adaptor.getSize() ||
      images.getNumElements() > kMaxFoldElements)
    return {};
  std::optional<SmallVector<float>> in = toFloats(images);
  if (!in)
    return {};
  ArrayRef<int64_t> inShape = images.getType().getShape();
  int64_t batch = type.getDimSize(0), outH = type.getDimSize(1),
          outW = type.getDimSize(2), channels = type.getDimSize(3);
  int64_t inH = inShape[1], inW = inShape[2];
  SmallVector<float> out;
  out.reserve(type.getNumElements());
  if (inH == outH && inW == outW) {
    out = std::move(*in); // TF's no-op resize is a plain cast.
  } else {
    SmallVector<BilinearTap> ys = getBilinearTaps(
        inH, outH, getAlignCorners(), getHalfPixelCenters());
    SmallVector<BilinearTap> xs = getBilinearTaps(
        inW, outW, getAlignCorners(), getHalfPixelCenters());
    auto at = [&](int64_t n, int64_t y, int64_t x, int64_t c) {
      return (*in)[((n * inH + y) * inW + x) * channels + c];
    };
    for (int64_t n = 0; n < batch; ++n)
      for (const BilinearTap &y : ys)
        for (const BilinearTap &x : xs)
          for (int64_t c = 0; c < channels; ++c)
            out.push_back(blendBilinear(
                at(n, y.lower, x.lower, c), at(n, y.lower, x.upper, c),
                at(n, y.upper, x.lower, c), at(n, y.upper, x.upper, c),
                x.lerp, y.lerp));
  }
  return DenseElementsAttr::get(type, ArrayRef<float>(out));
}

OpFoldResult ResizeNearestNeighborOp::fold(FoldAdaptor adaptor) {
  auto images = dyn_cast_or_null<DenseElementsAttr>(adaptor.getImages());
  RankedTensorType type = getFoldableType(getType());
  if (!images || !type || !adaptor.getSize())
    return {};
  ArrayRef<int64_t> inShape = images.getType().getShape();
  int64_t batch = type.getDimSize(0), outH = type.getDimSize(1),
          outW = type.getDimSize(2), channels = type.getDimSize(3);
  int64_t inH = inShape[1], inW = inShape[2];
  SmallVector<int64_t> ys =
      getNearestSources(inH, outH, getAlignCorners(), getHalfPixelCenters());
  SmallVector<int64_t> xs =
      getNearestSources(inW, outW, getAlignCorners(), getHalfPixelCenters());
  SmallVector<int64_t> indices;
  indices.reserve(type.getNumElements());
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t y : ys)
      for (int64_t x : xs)
        for (int64_t c = 0; c < channels; ++c)
          indices.push_back(((n * inH + y) * inW + x) * channels + c);
  return gatherElements(images, type, indices);
}

//===----------------------------------------------------------------------===//
// SpaceToBatchND, BatchToSpaceND
//===----------------------------------------------------------------------===//

namespace {
/// The constant block shape and [M, 2] pads/crops of a space/batch op, when
/// both are constants of consistent sizes.
struct BlockGeometry {
  SmallVector<int64_t> block;
  SmallVector<int64_t> before, after;
};

std::optional<BlockGeometry> getBlockGeometry(Value blockShape, Value amounts) {
  auto block = getConstantInts(blockShape);
  auto pairs = getConstantInts(amounts);
  if (!block || !pairs || pairs->size() != 2 * block->size())
    return std::nullopt;
  BlockGeometry g;
  g.block = *block;
  for (size_t i = 0; i < block->size(); ++i) {
    g.before.push_back((*pairs)[2 * i]);
    g.after.push_back((*pairs)[2 * i + 1]);
  }
  return g;
}

/// Checks shared by SpaceToBatchND and BatchToSpaceND: operand ranks and
/// dtypes, positive block sizes, non-negative pads/crops.
LogicalResult verifyBlockOperands(Operation *op, Value input, Value blockShape,
                                  Value amounts, StringRef amountsName) {
  auto block = rankedOf(blockShape);
  if (block && block.getRank() != 1)
    return op->emitOpError() << "block_shape must be 1-D, got " << block;
  auto pairs = rankedOf(amounts);
  if (pairs && (pairs.getRank() != 2 ||
                (!pairs.isDynamicDim(1) && pairs.getDimSize(1) != 2)))
    return op->emitOpError() << amountsName << " must have shape [M, 2], got "
                             << pairs;
  if (!isInt32Or64(blockShape) || !isInt32Or64(amounts))
    return op->emitOpError() << "block_shape and " << amountsName
                             << " must be int32 or int64";
  if (block && pairs && !block.isDynamicDim(0) && !pairs.isDynamicDim(0) &&
      block.getDimSize(0) != pairs.getDimSize(0))
    return op->emitOpError() << "block_shape has " << block.getDimSize(0)
                             << " elements but " << amountsName << " has "
                             << pairs.getDimSize(0) << " rows";
  int64_t m = block && !block.isDynamicDim(0) ? block.getDimSize(0) : -1;
  int64_t rank = rankOf(input);
  if (m >= 0 && rank != -1 && rank < 1 + m)
    return op->emitOpError() << "input must have rank >= " << 1 + m
                             << " (batch + " << m << " block dims), got "
                             << rank;
  if (auto values = getConstantInts(blockShape))
    if (llvm::any_of(*values, [](int64_t v) { return v < 1; }))
      return op->emitOpError()
             << "block_shape must be positive, got " << listToString(*values);
  if (auto values = getConstantInts(amounts))
    if (llvm::any_of(*values, [](int64_t v) { return v < 0; }))
      return op->emitOpError() << amountsName << " must be non-negative, got "
                               << listToString(*values);
  return success();
}

/// SpaceToBatchND's result dims for `input` (ranked), or failure after an
/// error if a padded spatial size is not a multiple of its block.
FailureOr<SmallVector<int64_t>> spaceToBatchDims(Operation *op,
                                                 RankedTensorType input,
                                                 const BlockGeometry &g) {
  SmallVector<int64_t> dims(input.getShape());
  int64_t blocks = 1;
  for (auto [i, b] : llvm::enumerate(g.block)) {
    blocks *= b;
    int64_t &d = dims[1 + i];
    if (ShapedType::isDynamic(d))
      continue;
    int64_t padded = d + g.before[i] + g.after[i];
    if (padded % b != 0)
      return op->emitOpError()
             << "padded size " << padded << " of spatial dim " << i
             << " is not divisible by its block size " << b;
    d = padded / b;
  }
  if (!ShapedType::isDynamic(dims[0]))
    dims[0] *= blocks;
  return dims;
}

/// BatchToSpaceND's result dims for `input` (ranked), or failure after an
/// error if the batch does not split into blocks or crops are too large.
FailureOr<SmallVector<int64_t>> batchToSpaceDims(Operation *op,
                                                 RankedTensorType input,
                                                 const BlockGeometry &g) {
  SmallVector<int64_t> dims(input.getShape());
  int64_t blocks = 1;
  for (auto [i, b] : llvm::enumerate(g.block)) {
    blocks *= b;
    int64_t &d = dims[1 + i];
    if (ShapedType::isDynamic(d))
      continue;
    int64_t full = d * b;
    if (g.before[i] + g.after[i] > full)
      return op->emitOpError()
             << "crops " << g.before[i] << " + " << g.after[i]
             << " exceed the size " << full << " of spatial dim " << i;
    d = full - g.before[i] - g.after[i];
  }
  if (!ShapedType::isDynamic(dims[0])) {
    if (dims[0] % blocks != 0)
      return op->emitOpError() << "batch " << dims[0]
                               << " is not divisible by the block count "
                               << blocks;
    dims[0] /= blocks;
  }
  return dims;
}
} // namespace

LogicalResult SpaceToBatchNDOp::verify() {
  if (failed(verifyBlockOperands(*this, getInput(), getBlockShape(),
                                 getPaddings(), "paddings")))
    return failure();
  auto input = rankedOf(getInput());
  auto g = getBlockGeometry(getBlockShape(), getPaddings());
  if (input && g && failed(spaceToBatchDims(*this, input, *g)))
    return failure();
  return success();
}

LogicalResult BatchToSpaceNDOp::verify() {
  if (failed(verifyBlockOperands(*this, getInput(), getBlockShape(), getCrops(),
                                 "crops")))
    return failure();
  auto input = rankedOf(getInput());
  auto g = getBlockGeometry(getBlockShape(), getCrops());
  if (input && g && failed(batchToSpaceDims(*this, input, *g)))
    return failure();
  return success();
}

LogicalResult SpaceToBatchNDOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  auto g = getBlockGeometry(getBlockShape(), getPaddings());
  if (!input || !g)
    return success();
  FailureOr<SmallVector<int64_t>> dims = spaceToBatchDims(*this, input, *g);
  if (failed(dims))
    return failure();
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(*dims, input.getElementType()));
}

LogicalResult BatchToSpaceNDOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  auto g = getBlockGeometry(getBlockShape(), getCrops());
  if (!input || !g)
    return success();
  FailureOr<SmallVector<int64_t>> dims = batchToSpaceDims(*this, input, *g);
  if (failed(dims))
    return failure();
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(*dims, input.getElementType()));
}

OpFoldResult SpaceToBatchNDOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  RankedTensorType type = getFoldableType(getType());
  auto g = getBlockGeometry(getBlockShape(), getPaddings());
  if (!input || !type || !g)
    return {};
  ArrayRef<int64_t> inShape = input.getType().getShape();
  ArrayRef<int64_t> outShape = type.getShape();
  SmallVector<int64_t> inStrides = getStrides(inShape);
  SmallVector<int64_t> outStrides = getStrides(outShape);
  int64_t m = g->block.size(), rank = outShape.size();
  int64_t batch = inShape[0];
  SmallVector<int64_t> indices;
  indices.reserve(type.getNumElements());
  for (int64_t flat = 0, e = type.getNumElements(); flat < e; ++flat) {
    // Output batch = (block offset, row-major over the blocks) * batch + n.
    int64_t outBatch = flat / outStrides[0];
    int64_t offset = outBatch / batch;
    int64_t source = (outBatch % batch) * inStrides[0];
    SmallVector<int64_t> k(m);
    for (int64_t i = m - 1; i >= 0; --i) {
      k[i] = offset % g->block[i];
      offset /= g->block[i];
    }
    bool padding = false;
    for (int64_t d = 1; d < rank; ++d) {
      int64_t o = flat / outStrides[d] % outShape[d];
      if (d <= m) {
        int64_t s = o * g->block[d - 1] + k[d - 1] - g->before[d - 1];
        padding |= s < 0 || s >= inShape[d];
        o = s;
      }
      source += o * inStrides[d];
    }
    indices.push_back(padding ? -1 : source);
  }
  return gatherElements(input, type, indices);
}

OpFoldResult BatchToSpaceNDOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  RankedTensorType type = getFoldableType(getType());
  auto g = getBlockGeometry(getBlockShape(), getCrops());
  if (!input || !type || !g)
    return {};
  ArrayRef<int64_t> inShape = input.getType().getShape();
  ArrayRef<int64_t> outShape = type.getShape();
  SmallVector<int64_t> inStrides = getStrides(inShape);
  SmallVector<int64_t> outStrides = getStrides(outShape);
  int64_t m = g->block.size(), rank = outShape.size();
  int64_t batch = outShape[0];
  SmallVector<int64_t> indices;
  indices.reserve(type.getNumElements());
  for (int64_t flat = 0, e = type.getNumElements(); flat < e; ++flat) {
    int64_t blockOffset = 0;
    int64_t source = 0;
    for (int64_t d = 1; d < rank; ++d) {
      int64_t o = flat / outStrides[d] % outShape[d];
      if (d <= m) {
        int64_t full = o + g->before[d - 1];
        blockOffset = blockOffset * g->block[d - 1] + full % g->block[d - 1];
        o = full / g->block[d - 1];
      }
      source += o * inStrides[d];
    }
    int64_t n = flat / outStrides[0];
    source += (blockOffset * batch + n) * inStrides[0];
    indices.push_back(source);
  }
  return gatherElements(input, type, indices);
}

//===----------------------------------------------------------------------===//
// Dequantize
//===----------------------------------------------------------------------===//

LogicalResult DequantizeOp::verify() {
  StringRef mode = getMode();
  if (mode != "MIN_COMBINED" && mode != "MIN_FIRST" && mode != "SCALED")
    return emitOpError() << "mode must be 'MIN_COMBINED', 'MIN_FIRST' or "
                            "'SCALED', got '"
                         << mode << "'";
  Type in = cast<TensorType>(getInput().getType()).getElementType();
  auto inInt = dyn_cast<IntegerType>(in);
  if (!inInt || !llvm::is_contained({8u, 16u, 32u}, inInt.getWidth()) ||
      (inInt.getWidth() == 32 && inInt.isUnsigned()))
    return emitOpError() << "input must be a quantized type (qint8, quint8, "
                            "qint16, quint16 or qint32), got "
                         << in;
  Type out = cast<TensorType>(getType()).getElementType();
  if (!out.isF32() && !out.isBF16())
    return emitOpError() << "result must be float32 or bfloat16, got " << out;
  if (std::optional<Type> dtype = getDtype(); dtype && *dtype != out)
    return emitOpError() << "attr 'dtype' is " << *dtype
                         << " but the result is " << out;
  if (out.isBF16() && mode != "MIN_COMBINED")
    return emitOpError() << "a bfloat16 result needs mode 'MIN_COMBINED', got '"
                         << mode << "'";
  for (Value range : {getMinRange(), getMaxRange()})
    if (!cast<TensorType>(range.getType()).getElementType().isF32())
      return emitOpError() << "min_range and max_range must be float32";
  int64_t axis = getAxis();
  if (axis < -1)
    return emitOpError() << "axis should be at least -1, got " << axis;
  int64_t rank = rankOf(getInput());
  if (rank != -1 && axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  int64_t slices = axis == -1 ? 1 : dimOf(getInput(), axis);
  if (ShapedType::isDynamic(slices))
    return success();
  if (mode == "MIN_FIRST" && slices != 1)
    return emitOpError()
           << "MIN_FIRST mode is not implemented for Dequantize with axis != -1";
  for (auto [name, range] : {std::pair<StringRef, Value>{"min_range",
                                                          getMinRange()},
                             {"max_range", getMaxRange()}}) {
    auto type = rankedOf(range);
    if (type && type.hasStaticShape() && type.getNumElements() != slices)
      return emitOpError() << name << " must have " << slices
                           << (axis == -1 ? " element" : " elements (axis ")
                           << (axis == -1 ? "" : std::to_string(axis) + ")")
                           << ", got " << type.getNumElements();
  }
  return success();
}

LogicalResult DequantizeOp::refineResultTypes() {
  auto input = rankedOf(getInput());
  if (!input)
    return success();
  return refineResult(
      *this, getOutput(),
      RankedTensorType::get(input.getShape(),
                            cast<TensorType>(getType()).getElementType()));
}

OpFoldResult DequantizeOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getInput());
  RankedTensorType type = getFoldableType(getType());
  auto minRange = getConstantFloats(getMinRange());
  auto maxRange = getConstantFloats(getMaxRange());
  if (!input || !type || !minRange || !maxRange ||
      minRange->size() != maxRange->size() ||
      input.getNumElements() != type.getNumElements())
    return {};
  auto intType = cast<IntegerType>(input.getElementType());
  // One affine map per slice of `axis` (one slice when axis is -1).
  int64_t axis = getAxis();
  int64_t slices = axis == -1 ? 1 : type.getDimSize(axis);
  if (static_cast<int64_t>(minRange->size()) != slices)
    return {};
  SmallVector<DequantizeAffine> affines;
  for (int64_t s = 0; s < slices; ++s) {
    auto affine = getDequantizeAffine(getMode(), intType.getWidth(),
                                      !intType.isUnsigned(), getNarrowRange(),
                                      (*minRange)[s], (*maxRange)[s]);
    if (!affine)
      return {};
    affines.push_back(*affine);
  }
  int64_t inner = 1;
  if (axis != -1)
    for (int64_t d = axis + 1; d < type.getRank(); ++d)
      inner *= type.getDimSize(d);
  SmallVector<APFloat> out;
  out.reserve(type.getNumElements());
  int64_t flat = 0;
  for (const APInt &x : input.getValues<APInt>()) {
    float value = intType.isUnsigned() ? static_cast<float>(x.getZExtValue())
                                       : static_cast<float>(x.getSExtValue());
    APFloat result(affines[(flat++ / inner) % slices].apply(value));
    if (type.getElementType().isBF16()) {
      bool lost;
      result.convert(APFloat::BFloat(), APFloat::rmNearestTiesToEven, &lost);
    }
    out.push_back(result);
  }
  return DenseElementsAttr::get(type, out);
}

//===----------------------------------------------------------------------===//
// BlockLSTM, BlockLSTMV2
//===----------------------------------------------------------------------===//

/// TF's BlockLSTM shape rules: x [time, batch, input], cs_prev and h_prev
/// [batch, cell], w [input + cell, 4 * cell], wci/wcf/wco [cell],
/// b [4 * cell], seq_len_max a scalar int64.
static LogicalResult verifyBlockLSTM(Operation *op) {
  ValueRange operands = op->getOperands();
  Value seqLenMax = operands[0], x = operands[1], csPrev = operands[2],
        hPrev = operands[3], w = operands[4], b = operands[8];
  if (rankOf(seqLenMax) > 0)
    return op->emitOpError() << "seq_len_max must be a scalar";
  if (!cast<TensorType>(seqLenMax.getType()).getElementType().isInteger(64))
    return op->emitOpError() << "seq_len_max must be int64";
  static constexpr const char *kNames[] = {"seq_len_max", "x",   "cs_prev",
                                           "h_prev",      "w",   "wci",
                                           "wcf",         "wco", "b"};
  static constexpr int64_t kRanks[] = {0, 3, 2, 2, 2, 1, 1, 1, 1};
  for (unsigned k = 1; k < 9; ++k) {
    int64_t rank = rankOf(operands[k]);
    if (rank != -1 && rank != kRanks[k])
      return op->emitOpError() << kNames[k] << " must be " << kRanks[k]
                               << "-D, got rank " << rank;
  }
  Type element = cast<TensorType>(x.getType()).getElementType();
  if (!element.isF32() && !element.isF16())
    return op->emitOpError() << "T must be float32 or float16, got " << element;

  // Every size that is known must agree.
  auto agree = [&](StringRef what, int64_t a, int64_t bSize, StringRef aName,
                   StringRef bName) -> LogicalResult {
    if (ShapedType::isDynamic(a) || ShapedType::isDynamic(bSize) || a == bSize)
      return success();
    return op->emitOpError() << what << " mismatch: " << aName << " gives "
                             << a << ", " << bName << " gives " << bSize;
  };
  int64_t batch = dimOf(x, 1), input = dimOf(x, 2), cell = dimOf(csPrev, 1);
  auto times4 = [](int64_t d) {
    return ShapedType::isDynamic(d) ? d : 4 * d;
  };
  auto plus = [](int64_t a, int64_t b) {
    return ShapedType::isDynamic(a) || ShapedType::isDynamic(b)
               ? ShapedType::kDynamic
               : a + b;
  };
  if (failed(agree("batch size", batch, dimOf(csPrev, 0), "x", "cs_prev")) ||
      failed(agree("batch size", batch, dimOf(hPrev, 0), "x", "h_prev")) ||
      failed(agree("cell size", cell, dimOf(hPrev, 1), "cs_prev", "h_prev")) ||
      failed(agree("w rows", plus(input, cell), dimOf(w, 0),
                   "input + cell size", "w")) ||
      failed(agree("w columns", times4(cell), dimOf(w, 1), "4 * cell size",
                   "w")) ||
      failed(agree("bias size", times4(cell), dimOf(b, 0), "4 * cell size",
                   "b")))
    return failure();
  for (unsigned k = 5; k < 8; ++k)
    if (failed(agree("peephole size", cell, dimOf(operands[k], 0), "cs_prev",
                     kNames[k])))
      return failure();
  return success();
}

/// Every result is [time, batch, cell].
static LogicalResult refineBlockLSTM(Operation *op) {
  ValueRange operands = op->getOperands();
  Value x = operands[1], csPrev = operands[2], hPrev = operands[3],
        b = operands[8];
  int64_t cell = dimOf(csPrev, 1);
  if (ShapedType::isDynamic(cell))
    cell = dimOf(hPrev, 1);
  if (ShapedType::isDynamic(cell) && !ShapedType::isDynamic(dimOf(b, 0)))
    cell = dimOf(b, 0) / 4;
  int64_t batch = dimOf(x, 1);
  if (ShapedType::isDynamic(batch))
    batch = dimOf(csPrev, 0);
  Type element = cast<TensorType>(x.getType()).getElementType();
  auto type = RankedTensorType::get({dimOf(x, 0), batch, cell}, element);
  for (Value result : op->getResults())
    if (failed(refineResult(op, result, type)))
      return failure();
  return success();
}

LogicalResult BlockLSTMOp::verify() { return verifyBlockLSTM(*this); }
LogicalResult BlockLSTMV2Op::verify() { return verifyBlockLSTM(*this); }
LogicalResult BlockLSTMOp::refineResultTypes() {
  return refineBlockLSTM(*this);
}
LogicalResult BlockLSTMV2Op::refineResultTypes() {
  return refineBlockLSTM(*this);
}

//===----------------------------------------------------------------------===//
// RandomUniform
//===----------------------------------------------------------------------===//

LogicalResult RandomUniformOp::verify() {
  if (!isInt32Or64(getShape()))
    return emitOpError() << "shape must be int32 or int64, got "
                         << getShape().getType();
  if (auto type = rankedOf(getShape()); type && type.getRank() != 1)
    return emitOpError() << "shape must be 1-D, got " << type;
  if (!isa<FloatType>(getOutput().getType().getElementType()))
    return emitOpError() << "dtype must be a float type, got "
                         << getOutput().getType().getElementType();
  return success();
}

LogicalResult RandomUniformOp::refineResultTypes() {
  auto dims = getConstantInts(getShape());
  if (!dims)
    return success();
  for (auto [d, size] : llvm::enumerate(*dims))
    if (size < 0)
      return emitOpError() << "shape[" << d << "] = " << size << " is negative";
  return refineResult(*this, getOutput(),
                      RankedTensorType::get(*dims, getOutput().getType().getElementType()));
}

//===----------------------------------------------------------------------===//
// TopKV2
//===----------------------------------------------------------------------===//

LogicalResult TopKV2Op::verify() {
  if (rankOf(getInput()) == 0)
    return emitOpError() << "'input' must have rank >= 1, got a scalar";
  if (!isInt32Or64(getK()) || rankOf(getK()) > 0)
    return emitOpError() << "'k' must be an int32 or int64 scalar, got "
                         << getK().getType();
  if (!isInt32Or64(getIndices()))
    return emitOpError() << "'indices' must be int32 or int64, got "
                         << getIndices().getType();
  auto k = getConstantInts(getK());
  int64_t n = dimOf(getInput(), rankOf(getInput()) - 1);
  if (k && k->size() == 1 &&
      ((*k)[0] < 0 || (!ShapedType::isDynamic(n) && (*k)[0] > n)))
    return emitOpError() << "k = " << (*k)[0] << " is not in [0, " << n
                         << "] (the size of the last dim)";
  return success();
}

LogicalResult TopKV2Op::refineResultTypes() {
  auto input = rankedOf(getInput());
  if (!input)
    return success();
  auto k = getConstantInts(getK());
  SmallVector<int64_t> dims(input.getShape());
  dims.back() = k && k->size() == 1 ? (*k)[0] : ShapedType::kDynamic;
  auto indexElement = cast<TensorType>(getIndices().getType()).getElementType();
  if (failed(refineResult(*this, getValues(),
                          RankedTensorType::get(dims, input.getElementType()))))
    return failure();
  return refineResult(*this, getIndices(),
                      RankedTensorType::get(dims, indexElement));
}

//===----------------------------------------------------------------------===//
// NonMaxSuppressionV2-V5
//===----------------------------------------------------------------------===//

/// TF's shape checks (non_max_suppression_op.cc) on operands in their
/// common order: boxes [N, 4], scores [N], max_output_size an int32
/// scalar, the thresholds (operands 3 and on) float scalars; constant
/// ones in TF's ranges.
LogicalResult graphc::graph::verifyNonMaxSuppression(Operation *op) {
  Value boxes = op->getOperand(0), scores = op->getOperand(1);
  if (!isa<FloatType>(elementOf(boxes)) ||
      elementOf(boxes) != elementOf(scores))
    return op->emitOpError() << "'boxes' and 'scores' must have one float "
                                "element type, got "
                             << boxes.getType() << " and " << scores.getType();
  auto boxesType = rankedOf(boxes);
  if (boxesType &&
      (boxesType.getRank() != 2 ||
       (!boxesType.isDynamicDim(1) && boxesType.getDimSize(1) != 4)))
    return op->emitOpError() << "'boxes' must be [num_boxes, 4], got "
                             << boxes.getType();
  auto scoresType = rankedOf(scores);
  if (scoresType && scoresType.getRank() != 1)
    return op->emitOpError() << "'scores' must be [num_boxes], got "
                             << scores.getType();
  if (boxesType && scoresType && !boxesType.isDynamicDim(0) &&
      !scoresType.isDynamicDim(0) &&
      boxesType.getDimSize(0) != scoresType.getDimSize(0))
    return op->emitOpError() << "'boxes' has " << boxesType.getDimSize(0)
                             << " boxes but 'scores' "
                             << scoresType.getDimSize(0);
  Value max = op->getOperand(2);
  if (!elementOf(max).isInteger(32) || rankOf(max) > 0)
    return op->emitOpError()
           << "'max_output_size' must be an int32 scalar, got "
           << max.getType();
  if (auto n = getConstantInts(max); n && n->size() == 1 && (*n)[0] < 0)
    return op->emitOpError() << "max_output_size = " << (*n)[0]
                             << " is negative";
  for (unsigned i = 3; i < op->getNumOperands(); ++i) {
    Value t = op->getOperand(i);
    if (!isa<FloatType>(elementOf(t)) || rankOf(t) > 0)
      return op->emitOpError() << "operand " << i
                               << " (a threshold) must be a float scalar, got "
                               << t.getType();
    DenseFPElementsAttr value;
    if (!matchPattern(t, m_Constant(&value)) || value.getNumElements() != 1)
      continue;
    APFloat value0 = *value.getValues<APFloat>().begin();
    double v = value0.convertToDouble();
    SmallString<16> text;
    value0.toString(text);
    if (i == 3 && !(v >= 0.0 && v <= 1.0))
      return op->emitOpError() << "iou_threshold = " << text
                               << " is not in [0, 1]";
    if (i == 5 && !(v >= 0.0))
      return op->emitOpError() << "soft_nms_sigma = " << text
                               << " is negative";
  }
  return success();
}

/// selected_indices (and V5's selected_scores) are [max_output_size] when
/// padded, else [?] (at most min(max_output_size, N), known at run time);
/// valid_outputs is an int32 scalar.
LogicalResult
graphc::graph::refineNonMaxSuppression(Operation *op,
                                       std::optional<int64_t> padded) {
  int64_t size = padded ? *padded : ShapedType::kDynamic;
  for (Value result : op->getResults()) {
    bool count = result == op->getResults().back() && op->getNumResults() > 1;
    auto type = count ? RankedTensorType::get({}, elementOf(result))
                      : RankedTensorType::get({size}, elementOf(result));
    if (failed(refineResult(op, result, type)))
      return failure();
  }
  return success();
}

std::optional<int64_t>
graphc::graph::getNonMaxSuppressionPaddedSize(Operation *op, bool pad) {
  auto n = getConstantInts(op->getOperand(2));
  if (!pad || !n || n->size() != 1)
    return std::nullopt;
  return (*n)[0];
}


//===- GraphArrayLayoutOps.cpp - transposes, padding, block shuffles ------===//
//
// Ops that move elements to new positions (GraphArrayOps.td): Transpose,
// Pad, PadV2, MirrorPad, and the DepthToSpace/SpaceToDepth block shuffles
// (whose methods Graph_BlockShuffleOp forwards to the rules declared in
// GraphArrayUtils.h). TF's rules as verifiers and as shape-function errors
// on constant permutations and paddings, TF's shape functions, and folders.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace graphc::graph;
using namespace graphc::graph::detail;

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::verify() {
  if (failed(verifyIndexType(*this, getPerm(), "perm")) ||
      failed(verifyRank(*this, getPerm(), 1, "perm")))
    return failure();
  int64_t count = staticCountOf(getPerm());
  int64_t rank = rankOf(getX());
  if (count != -1 && rank != -1 && count != rank)
    return emitOpError() << "'perm' has " << count << " entries but 'x' has rank "
                         << rank;
  return success();
}

/// `perm` if it is a permutation of [0, perm.size()).
static bool isPermutation(ArrayRef<int64_t> perm) {
  SmallVector<bool> seen(perm.size(), false);
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(perm.size()) || seen[p])
      return false;
    seen[p] = true;
  }
  return true;
}

LogicalResult TransposeOp::refineResultTypes() {
  auto perm = getConstantInts(getPerm());
  if (!perm)
    return success();
  if (!isPermutation(*perm)) {
    auto diag = emitOpError() << "'perm' [";
    llvm::interleaveComma(*perm, diag);
    return diag << "] is not a permutation of 0.." << perm->size() - 1;
  }
  auto x = rankedOf(getX());
  SmallVector<int64_t> dims(perm->size(), kDynamic);
  if (x) {
    if (x.getRank() != static_cast<int64_t>(perm->size()))
      return emitOpError() << "'perm' has " << perm->size()
                           << " entries but 'x' has rank " << x.getRank();
    for (auto [i, p] : llvm::enumerate(*perm))
      dims[i] = x.getDimSize(p);
  }
  return refineResult(*this, getY(), RankedTensorType::get(dims, elementOf(getX())));
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  auto perm = getConstantInts(getPerm());
  if (!perm || !isPermutation(*perm))
    return {};
  if (getX().getType() == getType() &&
      llvm::equal(*perm, llvm::seq<int64_t>(0, perm->size())))
    return getX();
  auto x = dyn_cast_or_null<DenseElementsAttr>(adaptor.getX());
  RankedTensorType type = foldableType(getY(), x && x.isSplat());
  if (!x || !type || type.getRank() != static_cast<int64_t>(perm->size()))
    return {};
  if (x.isSplat())
    return x.resizeSplat(type);
  ArrayRef<int64_t> inShape = x.getType().getShape();
  SmallVector<int64_t> source(perm->size());
  return gatherConstant({x}, {}, type, [&](ArrayRef<int64_t> index) {
    for (auto [i, p] : llvm::enumerate(*perm))
      source[p] = index[i];
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

//===----------------------------------------------------------------------===//
// Pad, PadV2, MirrorPad
//===----------------------------------------------------------------------===//

/// TF's rules on `paddings`: int32/int64, [rank, 2].
static LogicalResult verifyPaddings(Operation *op, Value input, Value paddings) {
  if (failed(verifyIndexType(op, paddings, "paddings")) ||
      failed(verifyRank(op, paddings, 2, "paddings")))
    return failure();
  auto type = rankedOf(paddings);
  if (!type)
    return success();
  if (!type.isDynamicDim(1) && type.getDimSize(1) != 2)
    return op->emitOpError() << "'paddings' must be a matrix with 2 columns, got "
                             << type;
  int64_t rank = rankOf(input);
  if (!type.isDynamicDim(0) && rank != -1 && type.getDimSize(0) != rank)
    return op->emitOpError() << "'paddings' has " << type.getDimSize(0)
                             << " rows but 'input' has rank " << rank;
  return success();
}

/// The constant paddings of a pad op as (before, after) per dim; nullopt
/// if unknown; failure after an error (negative, or too large for
/// MirrorPad with `maxExtra` = 0 for REFLECT, 1 for SYMMETRIC).
static FailureOr<std::optional<SmallVector<std::pair<int64_t, int64_t>>>>
getPaddings(Operation *op, Value input, Value paddings,
            std::optional<int64_t> maxExtra = std::nullopt) {
  using Result = std::optional<SmallVector<std::pair<int64_t, int64_t>>>;
  auto values = getConstantInts(paddings);
  auto type = rankedOf(input);
  if (!values)
    return Result();
  SmallVector<std::pair<int64_t, int64_t>> pads;
  for (size_t d = 0; d + 1 < values->size(); d += 2)
    pads.push_back({(*values)[d], (*values)[d + 1]});
  if (type && static_cast<int64_t>(pads.size()) != type.getRank())
    return op->emitOpError() << "'paddings' has " << pads.size()
                             << " rows but 'input' has rank " << type.getRank();
  for (auto [d, p] : llvm::enumerate(pads)) {
    if (p.first < 0 || p.second < 0)
      return op->emitOpError() << "paddings of dim " << d
                               << " must be non-negative, got [" << p.first
                               << ", " << p.second << "]";
    if (!maxExtra || !type || type.isDynamicDim(d))
      continue;
    int64_t limit = type.getDimSize(d) - 1 + *maxExtra;
    if (p.first > limit || p.second > limit)
      return op->emitOpError()
             << "paddings [" << p.first << ", " << p.second << "] of dim " << d
             << " must be at most " << limit << " in "
             << (*maxExtra ? "SYMMETRIC" : "REFLECT") << " mode (dim size "
             << type.getDimSize(d) << ")";
  }
  return Result(std::move(pads));
}

/// Result type of a pad op, once its paddings are known.
static LogicalResult
refinePadded(Operation *op, Value input, Value paddings, Value output,
             std::optional<int64_t> maxExtra = std::nullopt) {
  auto pads = getPaddings(op, input, paddings, maxExtra);
  if (failed(pads))
    return failure();
  if (!*pads)
    return success();
  auto type = rankedOf(input);
  SmallVector<int64_t> dims;
  for (auto [d, p] : llvm::enumerate(**pads)) {
    int64_t size = type ? type.getDimSize(d) : kDynamic;
    dims.push_back(ShapedType::isDynamic(size) ? kDynamic
                                               : size + p.first + p.second);
  }
  return refineResult(op, output, RankedTensorType::get(dims, elementOf(input)));
}

/// Maps a padded index to the input index it reads, or -1 for the pad value
/// (`mirror` = -1), or by reflection (`mirror` 0: REFLECT, 1: SYMMETRIC).
static int64_t unpadIndex(int64_t i, int64_t before, int64_t size,
                          int64_t mirror) {
  i -= before;
  if (i >= 0 && i < size)
    return i;
  if (mirror < 0)
    return -1;
  if (i < 0)
    return -i - mirror;
  return 2 * size - 2 - i + mirror;
}

/// Folds a pad op of the constant `inputAttr`; `fill` is the pad value
/// (null for MirrorPad, whose `mirror` is 0 or 1).
static OpFoldResult foldPad(Operation *op, Attribute inputAttr, Value paddings,
                            DenseElementsAttr fill, int64_t mirror) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(inputAttr);
  RankedTensorType type = foldableType(op->getResult(0));
  auto values = getConstantInts(paddings);
  if (!input || !type || !values ||
      values->size() != 2 * static_cast<size_t>(type.getRank()))
    return {};
  ArrayRef<int64_t> inShape = input.getType().getShape();
  SmallVector<int64_t> source;
  return gatherConstant({input}, fill, type, [&](ArrayRef<int64_t> index) {
    source.assign(index.begin(), index.end());
    for (size_t d = 0; d < source.size(); ++d) {
      source[d] = unpadIndex(source[d], (*values)[2 * d], inShape[d], mirror);
      if (source[d] < 0)
        return SourceElement{-1, 0};
    }
    return SourceElement{0, flatIndex(source, inShape)};
  });
}

LogicalResult PadOp::verify() {
  return verifyPaddings(*this, getInput(), getPaddings());
}
LogicalResult PadOp::refineResultTypes() {
  return refinePadded(*this, getInput(), getPaddings(), getOutput());
}
OpFoldResult PadOp::fold(FoldAdaptor adaptor) {
  Type element = elementOf(getInput());
  if (!element.isIntOrFloat())
    return {};
  Attribute zeroValue = Builder(getContext()).getZeroAttr(element);
  auto zero = DenseElementsAttr::get(RankedTensorType::get({}, element),
                                     zeroValue);
  return foldPad(*this, adaptor.getInput(), getPaddings(), zero, -1);
}

LogicalResult PadV2Op::verify() {
  if (failed(verifyRank(*this, getConstantValues(), 0, "constant_values")))
    return failure();
  return verifyPaddings(*this, getInput(), getPaddings());
}
LogicalResult PadV2Op::refineResultTypes() {
  return refinePadded(*this, getInput(), getPaddings(), getOutput());
}
OpFoldResult PadV2Op::fold(FoldAdaptor adaptor) {
  auto fill = dyn_cast_or_null<DenseElementsAttr>(adaptor.getConstantValues());
  if (!fill)
    return {};
  return foldPad(*this, adaptor.getInput(), getPaddings(), fill, -1);
}

/// 0 for REFLECT, 1 for SYMMETRIC: how far MirrorPad may pad past dim - 1.
static int64_t mirrorExtra(StringRef mode) { return mode == "SYMMETRIC"; }

LogicalResult MirrorPadOp::verify() {
  if (getMode() != "REFLECT" && getMode() != "SYMMETRIC")
    return emitOpError() << "mode must be REFLECT or SYMMETRIC, got '"
                         << getMode() << "'";
  return verifyPaddings(*this, getInput(), getPaddings());
}
LogicalResult MirrorPadOp::refineResultTypes() {
  return refinePadded(*this, getInput(), getPaddings(), getOutput(),
                      mirrorExtra(getMode()));
}
OpFoldResult MirrorPadOp::fold(FoldAdaptor adaptor) {
  return foldPad(*this, adaptor.getInput(), getPaddings(), {},
                 mirrorExtra(getMode()));
}

//===----------------------------------------------------------------------===//
// DepthToSpace, SpaceToDepth
//===----------------------------------------------------------------------===//

/// Checks what DepthToSpace and SpaceToDepth share: a 4-D input, a block
/// size of at least 2, the dims that must divide by it (the depth by bs^2
/// for DepthToSpace, H and W by bs for SpaceToDepth), a known layout.
LogicalResult graphc::graph::verifyBlockShuffle(Operation *op, Value input,
                                               int64_t block, StringRef format,
                                               bool toSpace) {
  if (failed(verifyRank(op, input, 4, "input")))
    return failure();
  if (block < 2)
    return op->emitOpError() << "block_size must be at least 2, got " << block;
  if (format != "NHWC" && format != "NCHW" && format != "NCHW_VECT_C")
    return op->emitOpError() << "unknown data_format '" << format << "'";
  auto type = rankedOf(input);
  if (!type || format != "NHWC")
    return success();
  auto check = [&](int64_t dim, int64_t divisor) -> LogicalResult {
    int64_t size = type.getDimSize(dim);
    if (ShapedType::isDynamic(size) || size % divisor == 0)
      return success();
    return op->emitOpError() << "input dim " << dim << " (" << size
                             << ") is not divisible by " << divisor;
  };
  if (toSpace)
    return check(3, block * block);
  return success(succeeded(check(1, block)) && succeeded(check(2, block)));
}

/// The NHWC result shape of a block shuffle of `input` (dynamic where the
/// input is).
static RankedTensorType blockShuffleType(Value input, int64_t block,
                                         bool toSpace) {
  auto type = rankedOf(input);
  if (!type)
    return {};
  auto scaled = [&](int64_t size, int64_t mul, int64_t div) {
    return ShapedType::isDynamic(size) ? kDynamic : size * mul / div;
  };
  ArrayRef<int64_t> in = type.getShape();
  SmallVector<int64_t> dims =
      toSpace ? SmallVector<int64_t>{in[0], scaled(in[1], block, 1),
                                     scaled(in[2], block, 1),
                                     scaled(in[3], 1, block * block)}
              : SmallVector<int64_t>{in[0], scaled(in[1], 1, block),
                                     scaled(in[2], 1, block),
                                     scaled(in[3], block * block, 1)};
  return RankedTensorType::get(dims, type.getElementType());
}

/// The input index of the element at `out` of an NHWC DepthToSpace
/// (`toSpace`) or SpaceToDepth whose input has shape `in`.
static SmallVector<int64_t, 4> blockShuffleSource(ArrayRef<int64_t> out,
                                                  ArrayRef<int64_t> in,
                                                  int64_t block,
                                                  bool toSpace) {
  if (toSpace) {
    int64_t depth = in[3] / (block * block);
    int64_t i = out[1] % block, j = out[2] % block;
    return {out[0], out[1] / block, out[2] / block,
            (i * block + j) * depth + out[3]};
  }
  int64_t depth = in[3];
  int64_t offset = out[3] / depth;
  return {out[0], out[1] * block + offset / block,
          out[2] * block + offset % block, out[3] % depth};
}

LogicalResult graphc::graph::refineBlockShuffle(Operation *op, Value input,
                                               Value output, int64_t block,
                                               StringRef format, bool toSpace) {
  if (format != "NHWC")
    return success();
  RankedTensorType type = blockShuffleType(input, block, toSpace);
  return type ? refineResult(op, output, type) : success();
}

OpFoldResult graphc::graph::foldBlockShuffle(Value output, Attribute inputAttr,
                                             int64_t block, StringRef format,
                                             bool toSpace) {
  auto input = dyn_cast_or_null<DenseElementsAttr>(inputAttr);
  RankedTensorType type = foldableType(output, input && input.isSplat());
  if (!input || !type || format != "NHWC")
    return {};
  if (input.isSplat())
    return input.resizeSplat(type);
  ArrayRef<int64_t> inShape = input.getType().getShape();
  return gatherConstant({input}, {}, type, [&](ArrayRef<int64_t> index) {
    return SourceElement{
        0, flatIndex(blockShuffleSource(index, inShape, block, toSpace),
                     inShape)};
  });
}

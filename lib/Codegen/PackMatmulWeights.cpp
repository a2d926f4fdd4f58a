//===- PackMatmulWeights.cpp - B panels for the tiles of matmuls ----------===//
//
// graphc-pack-matmul-weights (Passes.td): after tiling, every matmul tile
// reads a kt x nt slice of B whose rows lie N elements apart; with B laid
// out as panels [ceil(N/nt), K, nt] the same slice is kt x nt contiguous
// elements. A constant B is re-laid out here, at compile time; any other B
// is packed once per call by linalg.pack, lowered on the spot.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/MapVector.h"

namespace graphc {
#define GEN_PASS_DEF_PACKMATMULWEIGHTS
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {

/// A tile's view of B: the matmul operand, and where it lies in the
/// function-level B it was sliced from (through a chain of slices).
struct BTile {
  tensor::ExtractSliceOp slice;
  OpFoldResult kOffset, nOffset;
  int64_t kSize, nSize;
};

/// Whether `ofr` is provably a multiple of `factor`: a constant, the
/// induction variable of a loop with constant multiple bounds and step, or
/// a sum of such (the composed offsets of nested slices).
static bool isMultipleOf(OpFoldResult ofr, int64_t factor) {
  if (std::optional<int64_t> c = getConstantIntValue(ofr))
    return *c % factor == 0;
  Value value = cast<Value>(ofr);
  if (auto loop = scf::getForInductionVarOwner(value)) {
    return isMultipleOf(loop.getLowerBound(), factor) &&
           isMultipleOf(loop.getStep(), factor);
  }
  auto apply = value.getDefiningOp<affine::AffineApplyOp>();
  if (!apply || apply.getAffineMap().getNumResults() != 1)
    return false;
  // Only sums of operands and constants.
  std::function<bool(AffineExpr)> check = [&](AffineExpr e) -> bool {
    if (auto sum = dyn_cast<AffineBinaryOpExpr>(e))
      return sum.getKind() == AffineExprKind::Add && check(sum.getLHS()) &&
             check(sum.getRHS());
    if (auto c = dyn_cast<AffineConstantExpr>(e))
      return c.getValue() % factor == 0;
    if (auto d = dyn_cast<AffineDimExpr>(e))
      return isMultipleOf(apply.getDimOperands()[d.getPosition()], factor);
    if (auto s = dyn_cast<AffineSymbolExpr>(e))
      return isMultipleOf(apply.getSymbolOperands()[s.getPosition()], factor);
    return false;
  };
  return check(apply.getAffineMap().getResult(0));
}

/// B's relayout into panels done on the constant's bytes. Elements of
/// whole bytes only (not i1, whose dense storage is bit-packed).
static DenseElementsAttr packConstant(DenseElementsAttr dense, int64_t nt,
                                      RankedTensorType packedType) {
  auto type = cast<RankedTensorType>(dense.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  if (dense.isSplat())
    return dense.resizeSplat(packedType);
  unsigned bits = type.getElementTypeBitWidth();
  if (bits % 8 != 0)
    return {};
  size_t bytes = bits / 8;
  ArrayRef<char> raw = dense.getRawData();
  int64_t panels = packedType.getDimSize(0);
  std::vector<char> packed(panels * k * nt * bytes, 0);
  for (int64_t p = 0; p < panels; ++p)
    for (int64_t row = 0; row < k; ++row) {
      int64_t width = std::min(nt, n - p * nt);
      std::memcpy(&packed[((p * k + row) * nt) * bytes],
                  &raw[(row * n + p * nt) * bytes], width * bytes);
    }
  return DenseElementsAttr::getFromRawBuffer(packedType, packed);
}

struct PackMatmulWeightsPass
    : graphc::impl::PackMatmulWeightsBase<PackMatmulWeightsPass> {
  using PackMatmulWeightsBase::PackMatmulWeightsBase;

  /// Follows `value` through unit-stride, rank-preserving 2-D slices to
  /// the value they were cut from; adds up the offsets at `rewriter`'s
  /// insertion point.
  static Value sliceRoot(RewriterBase &rewriter, tensor::ExtractSliceOp slice,
                         OpFoldResult &kOffset, OpFoldResult &nOffset) {
    Location loc = slice.getLoc();
    kOffset = rewriter.getIndexAttr(0);
    nOffset = rewriter.getIndexAttr(0);
    AffineExpr d0, d1;
    bindDims(rewriter.getContext(), d0, d1);
    Value source = slice;
    while (auto s = source.getDefiningOp<tensor::ExtractSliceOp>()) {
      if (!s.hasUnitStride() || s.getSourceType().getRank() != 2 ||
          s.getType().getRank() != 2)
        return {};
      SmallVector<OpFoldResult> offsets = s.getMixedOffsets();
      kOffset = affine::makeComposedFoldedAffineApply(rewriter, loc, d0 + d1,
                                                      {kOffset, offsets[0]});
      nOffset = affine::makeComposedFoldedAffineApply(rewriter, loc, d0 + d1,
                                                      {nOffset, offsets[1]});
      source = s.getSource();
    }
    return source;
  }

  /// Rows of A of the function-level matmul `mm` is a tile of.
  static int64_t rowsOfA(linalg::MatmulOp mm) {
    Value a = mm.getDpsInputOperand(0)->get();
    while (auto s = a.getDefiningOp<tensor::ExtractSliceOp>())
      a = s.getSource();
    auto type = dyn_cast<RankedTensorType>(a.getType());
    return type && type.hasStaticShape() && type.getRank() == 2
               ? type.getDimSize(0)
               : 0;
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);
    Block &entry = func.getBody().front();
    auto atTop = [&](Value v) {
      Block *block = isa<BlockArgument>(v)
                         ? cast<BlockArgument>(v).getOwner()
                         : v.getDefiningOp()->getBlock();
      return block == &entry;
    };

    llvm::MapVector<Value, SmallVector<BTile>> tilesOf;
    DenseMap<Value, int64_t> rowsOf;
    SmallVector<AffineMap> defaultMaps =
        linalg::MatmulOp::getDefaultIndexingMaps(ctx);
    func.walk([&](linalg::MatmulOp mm) {
      if (!mm.hasPureTensorSemantics() || !mm->getParentOfType<scf::ForOp>() ||
          mm.getIndexingMapsArray() != defaultMaps)
        return;
      auto slice = mm.getDpsInputOperand(1)
                       ->get()
                       .getDefiningOp<tensor::ExtractSliceOp>();
      if (!slice || !slice.getType().hasStaticShape())
        return;
      rewriter.setInsertionPoint(slice);
      BTile tile{slice, {}, {}, slice.getType().getDimSize(0),
                 slice.getType().getDimSize(1)};
      Value root = sliceRoot(rewriter, slice, tile.kOffset, tile.nOffset);
      if (!root || !atTop(root))
        return;
      auto type = dyn_cast<RankedTensorType>(root.getType());
      if (!type || !type.hasStaticShape() || type.getRank() != 2)
        return;
      tilesOf[root].push_back(tile);
      rowsOf[root] = std::max(rowsOf.lookup(root), rowsOfA(mm));
    });

    for (auto &[b, tiles] : tilesOf) {
      // The panel width is the tiles' width: the n tile loop's step.
      int64_t nt = 0;
      for (const BTile &tile : tiles)
        nt = std::max(nt, tile.nSize);
      auto type = cast<RankedTensorType>(b.getType());
      int64_t k = type.getDimSize(0), n = type.getDimSize(1);
      // One panel is B itself: nothing to gain.
      if (nt >= n || !llvm::all_of(tiles, [&](const BTile &tile) {
            return isMultipleOf(tile.nOffset, nt);
          }))
        continue;
      int64_t panels = llvm::divideCeil(n, nt);
      auto packedType =
          RankedTensorType::get({panels, k, nt}, type.getElementType());

      Value packed;
      if (auto constant = b.getDefiningOp<arith::ConstantOp>()) {
        auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
        DenseElementsAttr attr =
            dense ? packConstant(dense, nt, packedType) : DenseElementsAttr();
        if (!attr)
          continue;
        rewriter.setInsertionPointAfter(constant);
        packed = arith::ConstantOp::create(rewriter, constant.getLoc(), attr);
      } else {
        // Packing costs a pass over B: worth it when enough row tiles
        // read each panel.
        if (rowsOf.lookup(b) < minRowsToPack)
          continue;
        if (isa<BlockArgument>(b))
          rewriter.setInsertionPointToStart(&entry);
        else
          rewriter.setInsertionPointAfterValue(b);
        Location loc = b.getLoc();
        Value dest = tensor::EmptyOp::create(rewriter, loc,
                                             packedType.getShape(),
                                             type.getElementType());
        std::optional<Value> padding;
        if (n % nt != 0)
          padding = arith::ConstantOp::create(
              rewriter, loc, rewriter.getZeroAttr(type.getElementType()));
        auto pack = linalg::PackOp::create(
            rewriter, loc, b, dest, /*innerDimsPos=*/{1},
            /*innerTiles=*/{rewriter.getIndexAttr(nt)}, padding,
            /*outerDimsPerm=*/{1, 0});
        FailureOr<linalg::LowerPackResult> lowered =
            linalg::lowerPack(rewriter, pack);
        if (failed(lowered)) {
          pack.emitError("graphc-pack-matmul-weights: cannot lower the pack");
          return signalPassFailure();
        }
        packed = lowered->transposeOp->getResult(0);
      }

      // Each tile reads its rows of its panel.
      AffineExpr d0;
      bindDims(ctx, d0);
      for (BTile &tile : tiles) {
        rewriter.setInsertionPoint(tile.slice);
        Location loc = tile.slice.getLoc();
        OpFoldResult panel = affine::makeComposedFoldedAffineApply(
            rewriter, loc, d0.floorDiv(nt), {tile.nOffset});
        SmallVector<OpFoldResult> offsets = {panel, tile.kOffset,
                                             rewriter.getIndexAttr(0)};
        SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(1),
                                           rewriter.getIndexAttr(tile.kSize),
                                           rewriter.getIndexAttr(tile.nSize)};
        SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
        auto view = tensor::ExtractSliceOp::create(
            rewriter, loc, tile.slice.getType(), packed, offsets, sizes,
            strides);
        rewriter.replaceOp(tile.slice, view.getResult());
      }
    }
  }
};
} // namespace

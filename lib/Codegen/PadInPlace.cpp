//===- PadInPlace.cpp - padded buffers written by their producers ---------===//
//
// graphc-pad-in-place (see Passes.td). Upstream's DecomposePadOpPattern
// makes the same fill + insert_slice, but at the pad: the fill then does not
// dominate the producer's destination and empty-tensor elimination cannot
// fire. This pass places the fill before the producer instead.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

namespace graphc {
#define GEN_PASS_DEF_PADINPLACE
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

/// Where the fill must go: before the producer of `source` and before every
/// tensor.empty in the same block that the producer writes into, so that
/// the fill dominates whatever empty-tensor elimination replaces.
static Operation *getFillInsertionPoint(tensor::PadOp pad) {
  Operation *producer = pad.getSource().getDefiningOp();
  if (!producer || producer->getBlock() != pad->getBlock())
    return pad;
  Operation *point = producer;
  for (Value operand : producer->getOperands())
    if (auto empty = operand.getDefiningOp<tensor::EmptyOp>())
      if (empty->getBlock() == point->getBlock() &&
          empty->isBeforeInBlock(point))
        point = empty;
  return point;
}

namespace {
struct PadInPlacePass : graphc::impl::PadInPlaceBase<PadInPlacePass> {
  void runOnOperation() override {
    SmallVector<tensor::PadOp> pads;
    getOperation().walk([&](tensor::PadOp pad) { pads.push_back(pad); });
    for (tensor::PadOp pad : pads) {
      RankedTensorType type = pad.getResultType();
      Value padding = pad.getConstantPaddingValue();
      TypedAttr paddingAttr;
      // A value with other users stays where it is: bufferization would
      // copy it out of the padded buffer for each of them.
      Operation *producer = pad.getSource().getDefiningOp();
      if (!producer || !isa<linalg::LinalgOp>(producer) ||
          !pad.getSource().hasOneUse() || !type.hasStaticShape() ||
          !pad.getSourceType().hasStaticShape() ||
          !padding || !matchPattern(padding, m_Constant(&paddingAttr)) ||
          llvm::any_of(pad.getStaticLow(), ShapedType::isDynamic))
        continue;
      OpBuilder b(getFillInsertionPoint(pad));
      Location loc = pad.getLoc();
      Value value = arith::ConstantOp::create(b, loc, paddingAttr);
      Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                            type.getElementType());
      Value filled =
          linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
              .getResult(0);
      b.setInsertionPoint(pad);
      SmallVector<OpFoldResult> offsets = pad.getMixedLowPad();
      SmallVector<OpFoldResult> sizes, strides;
      for (int64_t size : pad.getSourceType().getShape()) {
        sizes.push_back(b.getIndexAttr(size));
        strides.push_back(b.getIndexAttr(1));
      }
      Value inserted = tensor::InsertSliceOp::create(
          b, loc, pad.getSource(), filled, offsets, sizes, strides);
      pad.replaceAllUsesWith(inserted);
      pad.erase();
    }
  }
};
} // namespace

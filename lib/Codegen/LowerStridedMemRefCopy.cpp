//===- LowerStridedMemRefCopy.cpp - no calls into the MLIR runtime --------===//
//
// graphc-lower-strided-memref-copy (see Passes.td): finalize-memref-to-llvm
// lowers memref.copy to llvm.memcpy only when both sides are contiguous (its
// own test, mirrored here); any other copy would call `memrefCopy` in
// libmlir_c_runner_utils, which a generated library must not depend on.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace graphc {
#define GEN_PASS_DEF_LOWERSTRIDEDMEMREFCOPY
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

static bool lowersToMemcpy(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && (memref.getLayout().isIdentity() ||
                    (memref.hasStaticShape() && memref.getNumElements() > 0 &&
                     memref::isStaticShapeAndContiguousRowMajor(memref)));
}

/// Copies `source` into `target` (same static shape) row by row: loops
/// over every dimension but the last, which moves in vectors of the largest
/// divisor of its extent not above 64 elements.
static void buildVectorCopy(OpBuilder &b, Location loc, Value source,
                            Value target, MemRefType type) {
  ArrayRef<int64_t> shape = type.getShape();
  int64_t inner = shape.back();
  int64_t chunk = 1;
  for (int64_t d = std::min<int64_t>(inner, 64); d >= 1; --d)
    if (inner % d == 0) {
      chunk = d;
      break;
    }
  SmallVector<Value> lbs, ubs, steps;
  for (auto [i, extent] : llvm::enumerate(shape)) {
    lbs.push_back(arith::ConstantIndexOp::create(b, loc, 0));
    ubs.push_back(arith::ConstantIndexOp::create(b, loc, extent));
    steps.push_back(arith::ConstantIndexOp::create(
        b, loc, i + 1 == shape.size() ? chunk : 1));
  }
  auto vectorType = VectorType::get({chunk}, type.getElementType());
  scf::buildLoopNest(
      b, loc, lbs, ubs, steps,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange ivs) {
        Value pad = arith::ConstantOp::create(
            nested, nestedLoc, nested.getZeroAttr(type.getElementType()));
        SmallVector<bool> inBounds = {true};
        Value row = vector::TransferReadOp::create(
            nested, nestedLoc, vectorType, source, ivs, pad,
            ArrayRef<bool>(inBounds));
        vector::TransferWriteOp::create(nested, nestedLoc, row, target, ivs,
                                        ArrayRef<bool>(inBounds));
      });
}

namespace {
struct LowerStridedMemRefCopyPass
    : graphc::impl::LowerStridedMemRefCopyBase<LowerStridedMemRefCopyPass> {
  using LowerStridedMemRefCopyBase::LowerStridedMemRefCopyBase;

  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) {
      if (!lowersToMemcpy(copy.getSource().getType()) ||
          !lowersToMemcpy(copy.getTarget().getType()))
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      if (!isa<MemRefType>(copy.getSource().getType()) ||
          !isa<MemRefType>(copy.getTarget().getType())) {
        copy.emitOpError("graphc cannot lower a copy of unranked memrefs "
                         "without the MLIR runtime library");
        return signalPassFailure();
      }
      OpBuilder builder(copy);
      auto type = cast<MemRefType>(copy.getSource().getType());
      if (vectorize && type.hasStaticShape() && type.getRank() > 0 &&
          type.getNumElements() > 0 && type.getElementType().isIntOrFloat() &&
          !type.getElementType().isInteger(1))
        buildVectorCopy(builder, copy.getLoc(), copy.getSource(),
                        copy.getTarget(), type);
      else
        linalg::CopyOp::create(builder, copy.getLoc(), copy.getSource(),
                               copy.getTarget());
      copy.erase();
    }
  }
};
} // namespace

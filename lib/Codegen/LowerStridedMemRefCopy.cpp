//===- LowerStridedMemRefCopy.cpp - no calls into the MLIR runtime --------===//
//
// graphc-lower-strided-memref-copy (see Passes.td): finalize-memref-to-llvm
// lowers memref.copy to llvm.memcpy only when both sides are contiguous (its
// own test, mirrored here); any other copy would call `memrefCopy` in
// libmlir_c_runner_utils, which a generated library must not depend on.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

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

namespace {
struct LowerStridedMemRefCopyPass
    : graphc::impl::LowerStridedMemRefCopyBase<LowerStridedMemRefCopyPass> {
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
      linalg::CopyOp::create(builder, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    }
  }
};
} // namespace

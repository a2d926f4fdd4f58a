//===- MarkFeedsReadOnly.cpp - feeds are never written --------------------===//
//
// graphc-mark-feeds-read-only (see Passes.td): one-shot bufferization would
// otherwise write into a caller's input buffer.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace graphc {
#define GEN_PASS_DEF_MARKFEEDSREADONLY
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
struct MarkFeedsReadOnlyPass
    : graphc::impl::MarkFeedsReadOnlyBase<MarkFeedsReadOnlyPass> {
  void runOnOperation() override {
    auto readOnly = BoolAttr::get(&getContext(), false);
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
        if (isa<TensorType>(type))
          func.setArgAttr(
              i, bufferization::BufferizationDialect::kWritableAttrName,
              readOnly);
    }
  }
};
} // namespace

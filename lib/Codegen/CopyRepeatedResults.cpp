//===- CopyRepeatedResults.cpp - one tensor per fetch ---------------------===//
//
// graphc-copy-repeated-results (see Passes.td): a result that repeats an
// earlier one, or is a function argument, is copied into a fresh tensor so
// that bufferization gives every out-parameter its own writes.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace graphc {
#define GEN_PASS_DEF_COPYREPEATEDRESULTS
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
struct CopyRepeatedResultsPass
    : graphc::impl::CopyRepeatedResultsBase<CopyRepeatedResultsPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      func.walk([&](func::ReturnOp ret) {
        llvm::DenseSet<Value> seen;
        OpBuilder b(ret);
        for (OpOperand &operand : ret->getOpOperands()) {
          Value value = operand.get();
          bool repeated = !seen.insert(value).second;
          if (!repeated && !isa<BlockArgument>(value))
            continue;
          if (auto type = dyn_cast<RankedTensorType>(value.getType())) {
            Value init = tensor::EmptyOp::create(
                b, ret.getLoc(), type.getShape(), type.getElementType());
            operand.set(linalg::CopyOp::create(b, ret.getLoc(), value, init)
                            ->getResult(0));
          } else if (auto type = dyn_cast<MemRefType>(value.getType());
                     type && type.hasStaticShape()) {
            // After bufferization two results may share one buffer.
            Value copy = memref::AllocOp::create(
                b, ret.getLoc(),
                MemRefType::get(type.getShape(), type.getElementType()));
            memref::CopyOp::create(b, ret.getLoc(), value, copy);
            operand.set(copy);
          }
        }
      });
    }
  }
};
} // namespace

//===- InferShapes.cpp - propagate static shapes --------------------------===//
//
// graph-infer-shapes: one forward walk (the body is topologically ordered)
// asking each ShapeInferenceOpInterface op to refine its result types, then
// the function's result types follow its return operands. Feeding shapes in
// (--feed NAME:SHAPE) and running this makes the whole graph static.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/InferShapes.h"
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHINFERSHAPES
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;

FailureOr<bool> graphc::inferShapes(func::FuncOp func) {
  bool changed = false;
  WalkResult result = func.walk([&](ShapeInferenceOpInterface op) {
    SmallVector<Type> before(op->getResultTypes());
    if (failed(op.refineResultTypes()))
      return WalkResult::interrupt();
    changed |= !llvm::equal(before, op->getResultTypes());
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return failure();
  updateFunctionType(func);
  return changed;
}

void graphc::updateFunctionType(func::FuncOp func) {
  if (func.getBody().empty())
    return;
  Operation *ret = func.getBody().front().getTerminator();
  func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                 ret->getOperandTypes()));
}

namespace {
struct GraphInferShapesPass
    : graphc::impl::GraphInferShapesBase<GraphInferShapesPass> {
  void runOnOperation() override {
    if (failed(graphc::inferShapes(getOperation())))
      signalPassFailure();
  }
};
} // namespace

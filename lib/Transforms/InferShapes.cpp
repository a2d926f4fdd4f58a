//===- InferShapes.cpp - propagate static shapes --------------------------===//
//
// graph-infer-shapes: one forward walk (the body is topologically ordered)
// asking each ShapeInferenceOpInterface op to refine its result types, then
// the function's result types follow its return operands. Feeding shapes in
// (--feed NAME:SHAPE) and running this makes the whole graph static.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHINFERSHAPES
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;

namespace {
struct GraphInferShapesPass
    : graphc::impl::GraphInferShapesBase<GraphInferShapesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    WalkResult result = func.walk([](ShapeInferenceOpInterface op) {
      return failed(op.refineResultTypes()) ? WalkResult::interrupt()
                                            : WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    if (func.getBody().empty())
      return;
    Operation *ret = func.getBody().front().getTerminator();
    func.setType(FunctionType::get(&getContext(), func.getArgumentTypes(),
                                   ret->getOperandTypes()));
  }
};
} // namespace

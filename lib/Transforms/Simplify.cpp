//===- Simplify.cpp - shape inference and folding to a fixpoint ------------===//
//
// graph-simplify: graph-infer-shapes and the canonicalization patterns,
// alternated until neither changes anything. Upstream's canonicalizer
// already iterates its patterns to a fixpoint, but it cannot see our shape
// inference, and a run-time shape chain needs both in turn for every link.
// So each round first walks the function once in order, refining each op's
// result types and folding it right away:
// a Shape -> StridedSlice -> Pack -> Reshape chain then resolves in one
// round instead of one round per chain (ConvNeXt's 18 blocks needed 37).
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/InferShapes.h"
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/FoldUtils.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHSIMPLIFY
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {

/// One walk in program order: refine each op's result types, then try its
/// folder; then the function's result types. Returns whether anything
/// changed.
FailureOr<bool> refineAndFold(func::FuncOp func) {
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) {
    if (op != func)
      ops.push_back(op);
  });
  OperationFolder folder(func.getContext());
  bool changed = false;
  for (Operation *op : ops) {
    if (auto shaped = dyn_cast<graphc::graph::ShapeInferenceOpInterface>(op)) {
      SmallVector<Type> before(op->getResultTypes());
      if (failed(shaped.refineResultTypes()))
        return failure();
      changed |= !llvm::equal(before, op->getResultTypes());
    }
    // Folding asks each op's folder (Shape folds on a static operand
    // type, arithmetic on constant operands).
    if (op->getNumResults() == 0 || op->getNumRegions() != 0 ||
        op->hasTrait<OpTrait::ConstantLike>())
      continue;
    // tryToFold erases only `op` (replaced by constants), which this walk
    // does not visit again.
    bool inPlace = false;
    if (succeeded(folder.tryToFold(op, &inPlace)))
      changed = true;
  }
  graphc::updateFunctionType(func);
  return changed;
}

struct GraphSimplifyPass : graphc::impl::GraphSimplifyBase<GraphSimplifyPass> {
  using GraphSimplifyBase::GraphSimplifyBase;

  LogicalResult initialize(MLIRContext *context) override {
    // The same pattern set as upstream's canonicalizer.
    RewritePatternSet set(context);
    for (Dialect *dialect : context->getLoadedDialects())
      dialect->getCanonicalizationPatterns(set);
    for (RegisteredOperationName op : context->getRegisteredOperations())
      op.getCanonicalizationPatterns(set, context);
    patterns = FrozenRewritePatternSet(std::move(set));
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    for (unsigned round = 0; round < maxIterations; ++round) {
      // (The walk covers what graphc::inferShapes would refine.)
      FailureOr<bool> shapesChanged = refineAndFold(func);
      if (failed(shapesChanged))
        return signalPassFailure();
      bool folded = false;
      if (failed(applyPatternsGreedily(func, patterns, GreedyRewriteConfig(),
                                       &folded))) {
        // The greedy driver did not converge: a pattern bug, not bad input.
        func.emitError() << "graph-simplify: folding did not converge";
        return signalPassFailure();
      }
      if (!*shapesChanged && !folded)
        return;
    }
    func.emitError() << "graph-simplify: shapes and folds still changing after "
                     << maxIterations.getValue() << " rounds";
    signalPassFailure();
  }

  FrozenRewritePatternSet patterns;
};
} // namespace

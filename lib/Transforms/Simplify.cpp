//===- Simplify.cpp - shape inference and folding to a fixpoint ------------===//
//
// graph-simplify: graph-infer-shapes and the canonicalization patterns,
// alternated until neither changes anything. Upstream's canonicalizer
// already iterates its patterns to a fixpoint, but it cannot see our shape
// inference, and a run-time shape chain needs both in turn for every link.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/InferShapes.h"
#include "graphc/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHSIMPLIFY
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
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
      FailureOr<bool> shapesChanged = graphc::inferShapes(func);
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
                     << maxIterations << " rounds";
    signalPassFailure();
  }

  FrozenRewritePatternSet patterns;
};
} // namespace

//===- FoldConstants.h - evaluate constant subgraphs ------------*- C++ -*-===//
//
// TF's `fold_constants` graph transform (what optimize_for_inference users
// run after freeze_graph), done by graphc itself: every subgraph computing
// only on constants is compiled to a library, run once, and replaced by
// Const nodes holding its results. Runtimes that expect weights as Const
// inputs (OpenCV's DNN module refuses a Conv2D whose data input is a Const)
// can then load the frozen GraphDef.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_PIPELINES_FOLDCONSTANTS_H
#define GRAPHC_PIPELINES_FOLDCONSTANTS_H

#include "graphc/Pipelines/Codegen.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace graphc {

/// Folds the constant subgraphs of `func` (graph dialect, after freezing):
/// an op graphc can lower whose operands all come from Const nodes (or from
/// such ops) is constant; each constant op that computes something (not
/// only forwarding a Const, like `x/read`) and whose result is used by a
/// non-constant op or returned gets replaced by a Const with the op's node
/// name ("name/output_k" for output k > 0) and its computed value; constant
/// ops left unused are erased. Returns the number of Consts created;
/// failure (after an error naming the node) if the subgraph does not
/// compile or run.
mlir::FailureOr<unsigned> foldConstantSubgraphs(
    mlir::func::FuncOp func, const CodegenOptions &codegen,
    const std::function<mlir::LogicalResult(mlir::PassManager &)>
        &configurePassManager = nullptr);

} // namespace graphc

#endif // GRAPHC_PIPELINES_FOLDCONSTANTS_H

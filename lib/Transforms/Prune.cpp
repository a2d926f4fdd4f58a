//===- Prune.cpp - keep only what the fetches need ------------------------===//
//
// graph-prune: marks every op the function's return depends on through data
// edges and erases the rest, side-effecting ones included (Assign,
// initializers, save/restore, NoOp). Inference needs nothing else, and
// leftovers would only be reported as unsupported at lowering.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/Passes.h"

#include "llvm/ADT/DenseSet.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHPRUNE
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
struct GraphPrunePass : graphc::impl::GraphPruneBase<GraphPrunePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.getBody().empty())
      return;
    Block &body = func.getBody().front();
    llvm::DenseSet<Operation *> live;
    SmallVector<Operation *> worklist{body.getTerminator()};
    while (!worklist.empty()) {
      Operation *op = worklist.pop_back_val();
      if (!live.insert(op).second)
        continue;
      for (Value operand : op->getOperands())
        if (Operation *def = operand.getDefiningOp())
          worklist.push_back(def);
    }
    // Users follow their producers in the block, so reverse order erases
    // every user before what it uses.
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (!live.contains(&op))
        op.erase();
  }
};
} // namespace

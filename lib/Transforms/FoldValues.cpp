//===- FoldValues.cpp - fold ops on demand --------------------------------===//
//
// See FoldValues.h. Our own: upstream's OperationFolder folds whole
// regions in place; these fold one value's producers without touching the
// rest, for passes that run before the folding passes.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/FoldValues.h"

#include "Graph/GraphOps.h"

#include "mlir/IR/Dialect.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

std::optional<SmallVector<Value>>
graphc::foldToValues(OpBuilder &builder, Operation *op,
                     ArrayRef<Attribute> constants) {
  SmallVector<OpFoldResult> folded;
  if (failed(op->fold(constants, folded)) || folded.empty())
    return std::nullopt;
  SmallVector<Value> values;
  for (auto [result, fold] : llvm::zip(op->getResults(), folded)) {
    if (auto v = dyn_cast<Value>(fold)) {
      values.push_back(v);
      continue;
    }
    Operation *constant = op->getDialect()->materializeConstant(
        builder, cast<Attribute>(fold), result.getType(), op->getLoc());
    if (!constant) {
      for (Value v : values)
        if (v.use_empty() && v.getDefiningOp())
          v.getDefiningOp()->erase();
      return std::nullopt;
    }
    values.push_back(constant->getResult(0));
  }
  return values;
}

Value graphc::constantize(OpBuilder &builder, Value v,
                          DenseMap<Value, Value> &memo, int depth) {
  if (matchPattern(v, m_Constant()))
    return v;
  if (auto it = memo.find(v); it != memo.end())
    return it->second;
  Operation *op = v.getDefiningOp();
  memo[v] = v;
  if (!op || depth == 0 || op->getNumRegions() != 0 ||
      !isMemoryEffectFree(op))
    return v;
  SmallVector<Attribute> constants;
  SmallVector<Value> operands;
  bool changed = false;
  for (Value operand : op->getOperands()) {
    Attribute a;
    operands.push_back(constantize(builder, operand, memo, depth - 1));
    changed |= operands.back() != operand;
    matchPattern(operands.back(), m_Constant(&a));
    constants.push_back(a);
  }
  unsigned index = cast<OpResult>(v).getResultNumber();
  if (std::optional<SmallVector<Value>> values =
          foldToValues(builder, op, constants))
    return memo[v] = (*values)[index];
  bool staticTypes = llvm::all_of(op->getResultTypes(), [](Type t) {
    auto shaped = dyn_cast<ShapedType>(t);
    return !shaped || shaped.hasStaticShape();
  });
  if (!changed && staticTypes)
    return v;
  // Some folders read their operands' defining ops, and want a static
  // result type: fold a copy on the constants, its types refined.
  Operation *copy = builder.clone(*op);
  copy->setOperands(operands);
  if (auto shaped = dyn_cast<graphc::graph::ShapeInferenceOpInterface>(copy))
    (void)shaped.refineResultTypes();
  std::optional<SmallVector<Value>> values =
      foldToValues(builder, copy, constants);
  // A fold in place answers with the copy's own results, which go with it.
  if (values && llvm::any_of(*values, [&](Value folded) {
        return folded.getDefiningOp() == copy;
      }))
    values.reset();
  copy->erase();
  return memo[v] = values ? (*values)[index] : v;
}

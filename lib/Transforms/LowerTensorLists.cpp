//===- LowerTensorLists.cpp - TensorLists with constant indices -----------===//
//
// graph-lower-tensor-lists (see Passes.td). After graph-inline-control-flow every
// list index is a constant, so each list value is a known sequence of
// tensors; the list ops become GatherV2 / Pack / plain values and are then
// erased. Our own: TensorLists are TF's variant-typed runtime objects, which
// no upstream dialect models.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/InferShapes.h"
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHLOWERTENSORLISTS
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc::graph;

namespace {

/// What a list value holds: `size` items, each set to a value or (null)
/// taken from row K of `source` (a FromTensor list) or unset.
struct ListState {
  Value source;
  SmallVector<Value> items;
};

bool isListOp(Operation *op) {
  return op->getName().getDialectNamespace() == "graph" &&
         op->getName().stripDialect().starts_with("TensorList");
}

std::optional<int64_t> constantInt(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || attr.getNumElements() != 1)
    return std::nullopt;
  return (*attr.begin()).getSExtValue();
}

Type elementOf(Value v) { return cast<TensorType>(v.getType()).getElementType(); }

Value scalarI32(OpBuilder &b, Location loc, int64_t value) {
  auto type = RankedTensorType::get({}, b.getI32Type());
  return ConstOp::create(
      b, loc, type, DenseElementsAttr::get(type, static_cast<int32_t>(value)));
}

struct GraphLowerTensorListsPass
    : graphc::impl::GraphLowerTensorListsBase<GraphLowerTensorListsPass> {

  /// Row `index` of list `state`: the set item or the source's row.
  FailureOr<Value> item(OpBuilder &b, Operation *op, const ListState &state,
                        int64_t index, Type type) {
    if (Value v = state.items[index])
      return v;
    if (!state.source)
      return op->emitError() << "reads item " << index
                             << " of a TensorList before it is set";
    auto row = GatherV2Op::create(
        b, op->getLoc(), type, state.source, scalarI32(b, op->getLoc(), index),
        scalarI32(b, op->getLoc(), 0), /*batch_dims=*/0);
    // The TF attrs, for a frozen GraphDef written after this pass.
    row->setAttr("Tparams", TypeAttr::get(elementOf(state.source)));
    row->setAttr("Tindices", TypeAttr::get(b.getI32Type()));
    row->setAttr("Taxis", TypeAttr::get(b.getI32Type()));
    return row.getOutput();
  }

  LogicalResult lower(Operation *op, DenseMap<Value, ListState> &lists) {
    StringRef kind = op->getName().stripDialect();
    OpBuilder b(op);
    auto stateOf = [&](Value v) -> ListState * {
      auto it = lists.find(v);
      return it == lists.end() ? nullptr : &it->second;
    };
    auto indexOf = [&](Value v, const ListState &state)
        -> FailureOr<int64_t> {
      std::optional<int64_t> i = constantInt(v);
      if (!i)
        return op->emitError() << kind
                               << ": the index is not a constant (a loop "
                                  "graph-inline-control-flow did not unroll?)";
      if (*i < 0 || *i >= (int64_t)state.items.size())
        return op->emitError() << kind << ": index " << *i
                               << " is outside the list's "
                               << state.items.size() << " items";
      return *i;
    };

    if (kind == "TensorListReserve") {
      std::optional<int64_t> n = constantInt(op->getOperand(1));
      if (!n || *n < 0)
        return op->emitError()
               << "TensorListReserve: the number of elements is not a "
                  "non-negative constant";
      lists[op->getResult(0)] = ListState{Value(), SmallVector<Value>(*n)};
      return success();
    }
    if (kind == "TensorListFromTensor") {
      Value source = op->getOperand(0);
      auto type = dyn_cast<RankedTensorType>(source.getType());
      if (!type || type.getRank() < 1 || type.isDynamicDim(0))
        return op->emitError()
               << "TensorListFromTensor: the tensor's first dim must be "
                  "static, got "
               << source.getType();
      lists[op->getResult(0)] =
          ListState{source, SmallVector<Value>(type.getDimSize(0))};
      return success();
    }
    ListState *state = op->getNumOperands() ? stateOf(op->getOperand(0))
                                            : nullptr;
    if (!state)
      return op->emitError() << kind
                             << ": graphc does not know where this list "
                                "comes from";
    if (kind == "TensorListSetItem") {
      FailureOr<int64_t> i = indexOf(op->getOperand(1), *state);
      if (failed(i))
        return failure();
      ListState next = *state;
      next.items[*i] = op->getOperand(2);
      lists[op->getResult(0)] = std::move(next);
      return success();
    }
    if (kind == "TensorListGetItem") {
      FailureOr<int64_t> i = indexOf(op->getOperand(1), *state);
      if (failed(i))
        return failure();
      FailureOr<Value> v = item(b, op, *state, *i, op->getResult(0).getType());
      if (failed(v))
        return failure();
      op->getResult(0).replaceAllUsesWith(*v);
      return success();
    }
    if (kind == "TensorListStack") {
      bool untouched = llvm::all_of(state->items, [](Value v) { return !v; });
      if (state->source && untouched) {
        op->getResult(0).replaceAllUsesWith(state->source);
        return success();
      }
      SmallVector<Value> rows;
      Type rowType = UnrankedTensorType::get(
          cast<TensorType>(op->getResult(0).getType()).getElementType());
      for (size_t i = 0; i < state->items.size(); ++i) {
        FailureOr<Value> v = item(b, op, *state, i, rowType);
        if (failed(v))
          return failure();
        rows.push_back(*v);
      }
      if (rows.empty())
        return op->emitError() << "TensorListStack of an empty list";
      auto packed = PackOp::create(b, op->getLoc(),
                                   op->getResult(0).getType(), rows,
                                   /*axis=*/0);
      packed->setAttr("T", TypeAttr::get(elementOf(rows.front())));
      packed->setAttr("N", b.getI64IntegerAttr(rows.size()));
      op->getResult(0).replaceAllUsesWith(packed.getOutput());
      return success();
    }
    return op->emitError() << kind << " is not supported";
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<Operation *> listOps;
    func.walk([&](Operation *op) {
      if (isListOp(op))
        listOps.push_back(op);
    });
    if (listOps.empty())
      return;
    DenseMap<Value, ListState> lists;
    for (Operation *op : listOps)
      if (failed(lower(op, lists)))
        return signalPassFailure();
    // Erase the list ops, consumers first; a list still used by another op
    // (one graphc does not lower) is an error naming that op.
    for (Operation *op : llvm::reverse(listOps)) {
      for (Operation *user : op->getUsers())
        if (!isListOp(user)) {
          user->emitError() << "uses a TensorList (from "
                            << op->getName().stripDialect()
                            << "), which graphc cannot lower";
          return signalPassFailure();
        }
      if (op->use_empty())
        op->erase();
    }
    // A stacked source may be better typed than the Stack's result was.
    graphc::updateFunctionType(func);
  }
};

} // namespace

//===- LowerTensorLists.cpp - TensorLists with constant indices -----------===//
//
// graph-lower-tensor-lists (see Passes.td). After graph-inline-control-flow every
// list index is a constant, so each list value is a known sequence of
// tensors; the list ops become GatherV2 / Pack / plain values and are then
// erased. Our own: TensorLists are TF's variant-typed runtime objects, which
// no upstream dialect models.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/FoldValues.h"
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
/// Items a list may hold: one value per item is tracked at compile time
/// (each from an unrolled loop iteration, which graph-inline-control-flow
/// bounds at 100000 by default), so a size from the graph is bounded too.
constexpr int64_t kMaxListItems = 100000;

LogicalResult tooManyItems(Operation *op, StringRef kind, int64_t n) {
  return op->emitError() << kind << ": " << n
                         << " items; graphc unrolls tensor lists of at most "
                         << kMaxListItems;
}

/// What a list value holds: `size` items, each set to a value or (null)
/// taken from row K of `source` (a FromTensor list) or unset.
struct ListState {
  Value source;
  SmallVector<Value> items;
};

bool isListOp(Operation *op) {
  StringRef name = op->getName().stripDialect();
  return op->getName().getDialectNamespace() == "graph" &&
         (name.starts_with("TensorList") || name.starts_with("TensorArray"));
}

/// The elements of a constant integer vector (or scalar), else nullopt.
std::optional<SmallVector<int64_t>> constantInts(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &i : attr)
    values.push_back(i.getSExtValue());
  return values;
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
  /// Values graphc::constantize has folded.
  DenseMap<Value, Value> folded;

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

  /// A TF1 TensorArray op (V3). The array's contents at each point are
  /// those of its "flow" value (TensorArrayV3's result 1, each write's or
  /// scatter's result, every op's last operand): TF threads the flow from
  /// write to read precisely so that a read sees the writes before it.
  LogicalResult lowerTensorArray(Operation *op, StringRef kind,
                                 DenseMap<Value, ListState> &lists) {
    OpBuilder b(op);
    Location loc = op->getLoc();
    // TF1 computes sizes and indices from shapes (Range(0, Shape(x)[0])),
    // not folded yet.
    for (unsigned k : {0u, 1u})
      if (k < op->getNumOperands())
        op->setOperand(k, graphc::constantize(b, op->getOperand(k), folded));
    if (kind == "TensorArrayV3") {
      std::optional<int64_t> n = constantInt(op->getOperand(0));
      if (!n || *n < 0 || op->getNumResults() != 2)
        return op->emitError() << "TensorArrayV3: the size is not a "
                                  "non-negative constant";
      if (*n > kMaxListItems)
        return tooManyItems(op, kind, *n);
      lists[op->getResult(1)] = ListState{Value(), SmallVector<Value>(*n)};
      return success();
    }
    if (kind == "TensorArrayCloseV3")
      return success();
    auto it = op->getNumOperands()
                  ? lists.find(op->getOperand(op->getNumOperands() - 1))
                  : lists.end();
    if (it == lists.end())
      return op->emitError() << kind
                             << ": graphc does not know which TensorArray "
                                "state its flow input holds";
    ListState state = it->second;
    if (kind == "TensorArraySizeV3") {
      op->getResult(0).replaceAllUsesWith(
          scalarI32(b, loc, state.items.size()));
      return success();
    }
    // The (constant) indices this op reads or writes, each checked.
    std::optional<SmallVector<int64_t>> indices =
        constantInts(op->getOperand(1));
    if (!indices)
      return op->emitError() << kind
                             << ": the index is not a constant (a loop "
                                "graph-inline-control-flow did not unroll?)";
    for (int64_t i : *indices)
      if (i < 0 || i >= (int64_t)state.items.size())
        return op->emitError() << kind << ": index " << i
                               << " is outside the TensorArray's "
                               << state.items.size() << " items";
    if ((kind == "TensorArrayWriteV3" || kind == "TensorArrayReadV3") &&
        indices->size() != 1)
      return op->emitError() << kind << ": the index must be one value, got "
                             << indices->size();
    bool wholeInOrder = indices->size() == state.items.size() &&
                        llvm::all_of(llvm::enumerate(*indices), [](auto e) {
                          return e.value() == (int64_t)e.index();
                        });
    if (kind == "TensorArrayWriteV3") {
      state.items[indices->front()] = op->getOperand(2);
      lists[op->getResult(0)] = std::move(state);
      return success();
    }
    if (kind == "TensorArrayScatterV3") {
      Value value = op->getOperand(2);
      auto type = dyn_cast<RankedTensorType>(value.getType());
      if (!type || type.getRank() < 1 ||
          type.getDimSize(0) != (int64_t)indices->size())
        return op->emitError()
               << "TensorArrayScatterV3: the value's first dim must be the "
                  "number of indices, "
               << indices->size() << ", got " << value.getType();
      bool untouched = llvm::all_of(state.items, [](Value v) { return !v; });
      if (wholeInOrder && untouched && !state.source) {
        lists[op->getResult(0)] = ListState{value, state.items};
        return success();
      }
      ListState rows{value, SmallVector<Value>(indices->size())};
      for (auto [k, i] : llvm::enumerate(*indices)) {
        FailureOr<Value> row = item(b, op, rows, k, UnrankedTensorType::get(
                                                        type.getElementType()));
        if (failed(row))
          return failure();
        state.items[i] = *row;
      }
      lists[op->getResult(0)] = std::move(state);
      return success();
    }
    if (kind == "TensorArrayReadV3") {
      FailureOr<Value> v =
          item(b, op, state, indices->front(), op->getResult(0).getType());
      if (failed(v))
        return failure();
      op->getResult(0).replaceAllUsesWith(*v);
      return success();
    }
    if (kind == "TensorArrayGatherV3") {
      bool untouched = llvm::all_of(state.items, [](Value v) { return !v; });
      if (state.source && untouched && wholeInOrder) {
        op->getResult(0).replaceAllUsesWith(state.source);
        return success();
      }
      SmallVector<Value> rows;
      Type rowType = UnrankedTensorType::get(elementOf(op->getResult(0)));
      for (int64_t i : *indices) {
        FailureOr<Value> v = item(b, op, state, i, rowType);
        if (failed(v))
          return failure();
        rows.push_back(*v);
      }
      if (rows.empty())
        return op->emitError() << "TensorArrayGatherV3 of no items";
      op->getResult(0).replaceAllUsesWith(pack(b, op, rows));
      return success();
    }
    return op->emitError() << kind << " is not supported";
  }

  /// Pack(rows, axis 0) typed as `op`'s result, with its TF attrs.
  Value pack(OpBuilder &b, Operation *op, ArrayRef<Value> rows) {
    auto packed = PackOp::create(b, op->getLoc(), op->getResult(0).getType(),
                                 rows, /*axis=*/0);
    packed->setAttr("T", TypeAttr::get(elementOf(rows.front())));
    packed->setAttr("N", b.getI64IntegerAttr(rows.size()));
    return packed.getOutput();
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

    if (kind.starts_with("TensorArray"))
      return lowerTensorArray(op, kind, lists);
    if (kind == "TensorListReserve") {
      std::optional<int64_t> n = constantInt(op->getOperand(1));
      if (!n || *n < 0)
        return op->emitError()
               << "TensorListReserve: the number of elements is not a "
                  "non-negative constant";
      if (*n > kMaxListItems)
        return tooManyItems(op, kind, *n);
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
      if (type.getDimSize(0) > kMaxListItems)
        return tooManyItems(op, kind, type.getDimSize(0));
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
      op->getResult(0).replaceAllUsesWith(pack(b, op, rows));
      return success();
    }
    return op->emitError() << kind << " is not supported";
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<Operation *> listOps;
    SmallVector<Operation *> identities;
    func.walk([&](Operation *op) {
      // An Identity of a list (a raised TF1 loop's Exit) is the list.
      if (isa<IdentityOp>(op) && op->getNumOperands() == 1)
        if (Operation *def = op->getOperand(0).getDefiningOp();
            def && isListOp(def)) {
          op->getResult(0).replaceAllUsesWith(op->getOperand(0));
          identities.push_back(op);
        }
      if (isListOp(op))
        listOps.push_back(op);
    });
    for (Operation *op : identities)
      op->erase();
    if (listOps.empty())
      return;
    // TF1's TensorArrays take their values and indices from ops the
    // importer left unranked (a Transpose, a Range over a Shape).
    if (failed(graphc::inferShapes(func)))
      return signalPassFailure();
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

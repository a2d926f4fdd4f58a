//===- FreezeVariables.cpp - variables become constants -------------------===//
//
// graph-freeze-variables: what TF's convert_variables_to_constants does, as
// a pass and without TensorFlow. For each variable (VariableV2, Variable,
// VarHandleOp) it finds a value (the extra sources first, e.g. a checkpoint,
// then a constant initializer: Assign/AssignVariableOp whose value folds to
// a constant), and replaces every read (the ref variable's uses other than
// writes; ReadVariableOp of a handle) by a graph.Const.
//
// Variables named by keep-variables are not frozen: each becomes an input
// after the feeds (its value kept as the input's initial value).
//
// It refuses to freeze what would change the program's meaning: a variable
// that an op the fetches depend on writes (e.g. AssignAdd in the serving
// path), reported with the writing node and the dependency path; and a
// variable the fetches read that has no value anywhere.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/ImportGraphDef.h" // kFeedNameAttr (header only)
#include "graphc/Transforms/Passes.h"
#include "graphc/Transforms/VariableValueSource.h"

#include "Graph/GraphOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHFREEZEVARIABLES
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc;
using namespace graphc::graph;

namespace {

bool isVariable(Operation *op) {
  return isa<VariableV2Op, VariableOp, VarHandleOpOp>(op);
}

/// TF ops that write the variable given as their first input.
bool writesVariable(Operation *op) {
  StringRef name = op->getName().stripDialect();
  return op->getNumOperands() > 0 &&
         (name.starts_with("Assign") || name.starts_with("Apply") ||
          name.starts_with("ResourceApply") || name.starts_with("Scatter") ||
          name.starts_with("ResourceScatter") ||
          name.starts_with("ResourceSparseApply") ||
          name.starts_with("SparseApply"));
}

/// The variable op `v` refers to, looking through identities (TF1 reads go
/// through `Identity(x/read)`; refs and resource handles also flow through
/// Identity/IdentityN into writes).
Operation *variableOf(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (isVariable(def))
      return def;
    if (isa<IdentityOp, SnapshotOp>(def)) {
      v = def->getOperand(0);
      continue;
    }
    if (isa<IdentityNOp>(def)) {
      v = def->getOperand(cast<OpResult>(v).getResultNumber());
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// The ops reading a resource handle's value: ReadVariableOp and
/// ResourceGather, found through Identity/IdentityN forwarding the handle.
SmallVector<Operation *> handleReads(Value handle) {
  SmallVector<Operation *> reads;
  SmallVector<Value> work{handle};
  while (!work.empty()) {
    Value v = work.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (isa<ReadVariableOpOp>(user) ||
          (user->getName().stripDialect() == "ResourceGather" &&
           use.getOperandNumber() == 0))
        reads.push_back(user);
      else if (isa<IdentityOp, SnapshotOp>(user))
        work.push_back(user->getResult(0));
      else if (isa<IdentityNOp>(user))
        work.push_back(user->getResult(use.getOperandNumber()));
    }
  }
  return reads;
}

/// ResourceGather(handle, indices) on a frozen variable is GatherV2(value,
/// indices, axis = batch_dims) with the same batch_dims.
void replaceResourceGather(OpBuilder &builder, Operation *gather,
                           Value value) {
  builder.setInsertionPoint(gather);
  int64_t batchDims = 0;
  if (auto attr = gather->getAttrOfType<IntegerAttr>("batch_dims"))
    batchDims = attr.getInt();
  auto axisType = RankedTensorType::get({}, builder.getI32Type());
  Value axis = ConstOp::create(
      builder, gather->getLoc(), axisType,
      DenseElementsAttr::get(axisType,
                             builder.getI32IntegerAttr(batchDims)));
  Value indices = gather->getOperand(1);
  OperationState state(gather->getLoc(), "graph.GatherV2");
  state.addOperands({value, indices, axis});
  state.addTypes(gather->getResultTypes());
  Operation *replacement = builder.create(state);
  NamedAttrList attrs;
  attrs.set("batch_dims", builder.getI64IntegerAttr(batchDims));
  attrs.set("Tparams",
            TypeAttr::get(cast<ShapedType>(value.getType()).getElementType()));
  attrs.set("Tindices", TypeAttr::get(
                            cast<ShapedType>(indices.getType()).getElementType()));
  attrs.set("Taxis", TypeAttr::get(builder.getI32Type()));
  for (StringRef kept : {"device", "_class", "_output_shapes"})
    if (Attribute a = gather->getAttr(kept))
      attrs.set(kept, a);
  if (Attribute controls = gather->getAttr(kControlInputsAttr))
    attrs.set(kControlInputsAttr, controls);
  replacement->setAttrs(attrs.getDictionary(builder.getContext()));
  gather->replaceAllUsesWith(replacement);
  gather->erase();
}

/// A constant `v` folds to, looking through identities.
ElementsAttr constantOf(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (isa<IdentityOp, SnapshotOp, StopGradientOp>(def)) {
      v = def->getOperand(0);
      continue;
    }
    ElementsAttr attr;
    if (matchPattern(v, m_Constant(&attr)))
      return attr;
    return nullptr;
  }
  return nullptr;
}

std::string variableName(Operation *op) {
  if (auto shared = op->getAttrOfType<StringAttr>("shared_name"))
    if (!shared.getValue().empty())
      return shared.str();
  return getNodeName(op).str();
}

/// The built-in source: the value a constant initializer assigns. A graph
/// can hold more constant assignments than the initializer (a TF1 program
/// that runs `v.assign(3.0)` adds an Assign node to its graph): then the
/// initializer is the one TF names `<variable>/Assign` (tf.Variable's
/// VariableDef.initializer_name), and with none of that name the value is
/// ambiguous and refused.
class InitializerSource : public VariableValueSource {
public:
  FailureOr<ElementsAttr> lookup(const VariableRef &var) override {
    SmallVector<std::pair<Operation *, ElementsAttr>> assigns;
    for (Operation *user : var.op->getUsers())
      if (isa<AssignOp, AssignVariableOpOp>(user) &&
          user->getOperand(0).getDefiningOp() == var.op)
        if (ElementsAttr value = constantOf(user->getOperand(1)))
          assigns.push_back({user, value});
    if (assigns.size() <= 1)
      return assigns.empty() ? ElementsAttr() : assigns.front().second;
    // Users come newest first; name them in the graph's order.
    llvm::sort(assigns, [](auto &a, auto &b) {
      return a.first->isBeforeInBlock(b.first);
    });
    std::string initializer = (getNodeName(var.op) + "/Assign").str();
    for (auto &[assign, value] : assigns)
      if (getNodeName(assign) == initializer)
        return value;
    if (!var.needed)
      return ElementsAttr();
    InFlightDiagnostic diag = var.op->emitError();
    diag << "variable '" << var.name << "' has " << assigns.size()
         << " constant assignments (";
    llvm::interleaveComma(assigns, diag, [&](auto &entry) {
      diag << "'" << getNodeName(entry.first) << "'";
    });
    diag << ") and none is its initializer '" << initializer
         << "': give its value with --checkpoint";
    return failure();
  }
  std::string describe() const override { return "constant initializer"; }
};

struct GraphFreezeVariablesPass
    : graphc::impl::GraphFreezeVariablesBase<GraphFreezeVariablesPass> {
  using GraphFreezeVariablesBase::GraphFreezeVariablesBase;
  GraphFreezeVariablesPass(
      std::vector<std::shared_ptr<VariableValueSource>> extra,
      const GraphFreezeVariablesOptions &options)
      : GraphFreezeVariablesBase(options), sources(std::move(extra)) {}

  void runOnOperation() override;

  /// Ops the results depend on (data and control edges), each with the op
  /// that needed it first, for error paths.
  llvm::DenseMap<Operation *, Operation *> neededOps(func::FuncOp func);
  std::string pathFromFetch(Operation *op,
                            const llvm::DenseMap<Operation *, Operation *> &by);

  std::vector<std::shared_ptr<VariableValueSource>> sources;
};

llvm::DenseMap<Operation *, Operation *>
GraphFreezeVariablesPass::neededOps(func::FuncOp func) {
  llvm::StringMap<Operation *> byName;
  func.walk([&](Operation *op) {
    StringRef name = getNodeName(op);
    if (!name.empty())
      byName[name] = op;
  });
  llvm::DenseMap<Operation *, Operation *> neededBy;
  Operation *ret = func.getBody().front().getTerminator();
  SmallVector<Operation *> worklist{ret};
  neededBy[ret] = nullptr;
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    auto visit = [&](Operation *dep) {
      if (dep && neededBy.try_emplace(dep, op).second)
        worklist.push_back(dep);
    };
    for (Value operand : op->getOperands())
      visit(operand.getDefiningOp());
    if (auto controls = op->getAttrOfType<ArrayAttr>(kControlInputsAttr))
      for (auto name : controls.getAsRange<StringAttr>())
        visit(byName.lookup(name.getValue()));
  }
  return neededBy;
}

std::string GraphFreezeVariablesPass::pathFromFetch(
    Operation *op, const llvm::DenseMap<Operation *, Operation *> &by) {
  SmallVector<std::string> chain;
  for (Operation *cur = op; cur && !isa<func::ReturnOp>(cur);
       cur = by.lookup(cur))
    chain.push_back("'" + getNodeName(cur).str() + "'");
  std::string path = "fetch";
  for (auto &step : llvm::reverse(chain))
    path += " <- " + step;
  return path;
}

void GraphFreezeVariablesPass::runOnOperation() {
  func::FuncOp func = getOperation();
  if (func.getBody().empty())
    return;
  auto needed = neededOps(func);

  // 1. A variable written by something the fetches depend on stays mutable.
  bool failedAny = false;
  for (auto &[op, by] : needed) {
    if (!writesVariable(op))
      continue;
    Operation *var = variableOf(op->getOperand(0));
    if (!var)
      continue;
    op->emitError() << "variable '" << variableName(var)
                    << "' cannot be frozen: node '" << getNodeName(op)
                    << "' (" << op->getName().stripDialect()
                    << ") writes it and the fetches depend on that write ("
                    << pathFromFetch(op, needed) << ")";
    failedAny = true;
  }
  if (failedAny)
    return signalPassFailure();

  // 2. Look up every variable's value and replace its reads.
  InitializerSource initializers;
  SmallVector<Operation *> variables;
  func.walk([&](Operation *op) {
    if (isVariable(op))
      variables.push_back(op);
  });
  OpBuilder builder(&getContext());
  // Kept variables, in --keep-variable order: their value and their reads.
  struct Kept {
    Operation *var = nullptr;
    ElementsAttr value;
    SmallVector<Operation *> reads;
    SmallVector<OpOperand *> refUses;
  };
  SmallVector<Kept> kept(keepVariables.size());
  for (size_t i = 0; i < keepVariables.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (keepVariables[i] == keepVariables[j]) {
        func.emitError() << "--keep-variable '" << keepVariables[i]
                         << "' is given twice";
        return signalPassFailure();
      }
  auto keptIndex = [&](Operation *var) -> std::optional<size_t> {
    for (size_t i = 0; i < keepVariables.size(); ++i)
      if (keepVariables[i] == variableName(var) ||
          keepVariables[i] == getNodeName(var))
        return i;
    return std::nullopt;
  };
  for (Operation *var : variables) {
    VariableRef ref{variableName(var), var, nullptr};
    ref.type = cast<TensorType>(var->getResult(0).getType());
    if (auto handle = dyn_cast<VarHandleOpOp>(var)) {
      // The handle is a scalar resource; the value type is what reads give.
      ref.type = UnrankedTensorType::get(handle.getDtype());
      if (auto shape = var->getAttrOfType<DenseI64ArrayAttr>("shape")) {
        SmallVector<int64_t> dims;
        for (int64_t d : shape.asArrayRef())
          dims.push_back(d < 0 ? ShapedType::kDynamic : d);
        ref.type = RankedTensorType::get(dims, handle.getDtype());
      }
    }

    // Reads to replace: ref-variable uses that are not writes; handle reads
    // (ReadVariableOp, ResourceGather, also through Identity/IdentityN).
    SmallVector<Operation *> reads;
    SmallVector<OpOperand *> refUses;
    if (isa<VarHandleOpOp>(var)) {
      reads = handleReads(var->getResult(0));
    } else {
      for (OpOperand &use : var->getResult(0).getUses()) {
        Operation *user = use.getOwner();
        if (!(writesVariable(user) && use.getOperandNumber() == 0))
          refUses.push_back(&use);
      }
    }
    bool read = !reads.empty() || !refUses.empty();
    bool readByFetches =
        needed.count(var) ||
        llvm::any_of(reads, [&](Operation *r) { return needed.count(r); });

    // Sources load values only for what the fetches read.
    ref.needed = readByFetches;
    ElementsAttr value;
    for (auto &source : sources) {
      FailureOr<ElementsAttr> found = source->lookup(ref);
      if (failed(found))
        return signalPassFailure();
      if ((value = *found))
        break;
    }
    if (!value) {
      FailureOr<ElementsAttr> initial = initializers.lookup(ref);
      if (failed(initial)) {
        failedAny = true;
        continue;
      }
      value = *initial;
    }
    if (!value) {
      if (readByFetches) {
        var->emitError() << "variable '" << ref.name
                         << "' has no value: no "
                         << (sources.empty() ? std::string()
                                             : sources.front()->describe() +
                                                   " entry and no ")
                         << "constant initializer";
        failedAny = true;
      }
      continue;
    }
    if (!read)
      continue;

    auto valueType = cast<ShapedType>(value.getType());
    bool compatible = valueType.getElementType() == ref.type.getElementType();
    if (compatible && ref.type.hasRank()) {
      compatible = valueType.getRank() == ref.type.getRank();
      for (int64_t d = 0; compatible && d < valueType.getRank(); ++d)
        compatible = ref.type.isDynamicDim(d) ||
                     ref.type.getDimSize(d) == valueType.getDimSize(d);
    }
    if (!compatible) {
      var->emitError() << "variable '" << ref.name << "' is declared as "
                       << ref.type << " but its value has type " << valueType;
      failedAny = true;
      continue;
    }

    if (std::optional<size_t> index = keptIndex(var)) {
      if (kept[*index].var) {
        var->emitError() << "--keep-variable '" << keepVariables[*index]
                         << "' names two variables";
        failedAny = true;
        continue;
      }
      kept[*index] = {var, value, reads, refUses};
      continue;
    }

    builder.setInsertionPointAfter(var);
    Value constant = ConstOp::create(builder, var->getLoc(), valueType, value);
    for (Operation *r : reads) {
      if (!isa<ReadVariableOpOp>(r)) {
        replaceResourceGather(builder, r, constant);
        continue;
      }
      // As TF's convert_variables_to_constants: the read becomes an
      // Identity of the constant, under the read's name, so the frozen
      // graph keeps TF's nodes (and the names fetches and feeds use).
      builder.setInsertionPoint(r);
      OperationState state(r->getLoc(), "graph.Identity");
      state.addOperands(constant);
      state.addTypes(constant.getType());
      state.addAttribute("T", TypeAttr::get(valueType.getElementType()));
      for (StringRef attr : {StringRef("device"), StringRef(kControlInputsAttr)})
        if (Attribute a = r->getAttr(attr))
          state.addAttribute(attr, a);
      Operation *identity = builder.create(state);
      r->getResult(0).replaceAllUsesWith(identity->getResult(0));
      r->erase();
    }
    for (OpOperand *use : refUses)
      use->set(constant);
  }
  // Kept variables become inputs after the feeds.
  for (size_t i = 0; i < kept.size() && !failedAny; ++i) {
    Kept &k = kept[i];
    if (!k.var) {
      func.emitError() << "--keep-variable '" << keepVariables[i]
                       << "' names no variable the fetches read";
      failedAny = true;
      continue;
    }
    bool readByFetches =
        needed.count(k.var) ||
        llvm::any_of(k.reads, [&](Operation *r) { return needed.count(r); });
    if (!readByFetches || !llvm::all_of(k.reads, [](Operation *r) {
          return isa<ReadVariableOpOp>(r);
        })) {
      k.var->emitError() << "--keep-variable '" << keepVariables[i] << "': "
                         << (readByFetches ? "only variables read whole "
                                             "(ReadVariableOp, not "
                                             "ResourceGather) can be kept"
                                           : "the fetches do not read it");
      failedAny = true;
      continue;
    }
    Builder b(&getContext());
    NamedAttrList attrs;
    attrs.set(kFeedNameAttr, b.getStringAttr(variableName(k.var)));
    attrs.set(kVariableInputAttr, b.getUnitAttr());
    attrs.set(kInitialValueAttr, k.value);
    unsigned index = func.getNumArguments();
    if (failed(func.insertArgument(index, k.value.getType(),
                                   attrs.getDictionary(&getContext()),
                                   k.var->getLoc()))) {
      failedAny = true;
      continue;
    }
    Value input = func.getArgument(index);
    for (Operation *r : k.reads) {
      r->getResult(0).replaceAllUsesWith(input);
      r->erase();
    }
    for (OpOperand *use : k.refUses)
      use->set(input);
  }
  if (failedAny)
    return signalPassFailure();
  // A fetched read now returns the constant, whose type is more precise
  // than the read's; the function's result types follow it.
  if (!func.getBody().empty()) {
    Operation *ret = func.getBody().front().getTerminator();
    func.setType(FunctionType::get(&getContext(), func.getArgumentTypes(),
                                   ret->getOperandTypes()));
  }
  // One line per source, however many keys (optimizer slots, other
  // signatures' variables, ...) go unused.
  constexpr size_t kListed = 5;
  for (auto &source : sources) {
    std::vector<std::string> unused = source->unusedKeys();
    if (unused.empty())
      continue;
    InFlightDiagnostic warning = emitWarning(func.getLoc());
    warning << source->describe() << ": " << unused.size()
            << (unused.size() == 1 ? " entry matches" : " entries match")
            << " no variable in the graph: ";
    for (size_t i = 0; i < unused.size() && i < kListed; ++i)
      warning << (i ? ", '" : "'") << unused[i] << "'";
    if (unused.size() > kListed)
      warning << " and " << unused.size() - kListed << " more";
  }
}

} // namespace

std::unique_ptr<Pass> graphc::createGraphFreezeVariablesPass(
    std::vector<std::shared_ptr<VariableValueSource>> sources,
    std::vector<std::string> keepVariables) {
  GraphFreezeVariablesOptions options;
  options.keepVariables.assign(keepVariables.begin(), keepVariables.end());
  return std::make_unique<GraphFreezeVariablesPass>(std::move(sources),
                                                    options);
}

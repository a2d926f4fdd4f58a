//===- FreezeVariables.cpp - variables become constants -------------------===//
//
// graph-freeze-variables: what TF's convert_variables_to_constants does, as
// a pass and without TensorFlow. For each variable (VariableV2, Variable,
// VarHandleOp) it finds a value (the extra sources first, e.g. a checkpoint,
// then a constant initializer: Assign/AssignVariableOp whose value folds to
// a constant), and replaces every read (the ref variable's uses other than
// writes; ReadVariableOp of a handle) by a graph.Const.
//
// It refuses to freeze what would change the program's meaning: a variable
// that an op the fetches depend on writes (e.g. AssignAdd in the serving
// path), reported with the writing node and the dependency path; and a
// variable the fetches read that has no value anywhere.
//
//===----------------------------------------------------------------------===//
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
/// through `Identity(x/read)`; refs also flow through Identity into writes).
Operation *variableOf(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (isVariable(def))
      return def;
    if (isa<IdentityOp, SnapshotOp>(def)) {
      v = def->getOperand(0);
      continue;
    }
    return nullptr;
  }
  return nullptr;
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

/// The built-in source: the value a constant initializer assigns.
class InitializerSource : public VariableValueSource {
public:
  FailureOr<ElementsAttr> lookup(const VariableRef &var) override {
    for (Operation *user : var.op->getUsers())
      if (isa<AssignOp, AssignVariableOpOp>(user) &&
          user->getOperand(0).getDefiningOp() == var.op)
        if (ElementsAttr value = constantOf(user->getOperand(1)))
          return value;
    return ElementsAttr();
  }
  std::string describe() const override { return "constant initializer"; }
};

struct GraphFreezeVariablesPass
    : graphc::impl::GraphFreezeVariablesBase<GraphFreezeVariablesPass> {
  GraphFreezeVariablesPass() = default;
  explicit GraphFreezeVariablesPass(
      std::vector<std::shared_ptr<VariableValueSource>> extra)
      : sources(std::move(extra)) {}

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

    ElementsAttr value;
    for (auto &source : sources) {
      FailureOr<ElementsAttr> found = source->lookup(ref);
      if (failed(found))
        return signalPassFailure();
      if ((value = *found))
        break;
    }
    if (!value)
      value = *initializers.lookup(ref);

    // Reads to replace: ref-variable uses that are not writes; handle reads.
    SmallVector<Operation *> reads;
    SmallVector<OpOperand *> refUses;
    for (OpOperand &use : var->getResult(0).getUses()) {
      Operation *user = use.getOwner();
      if (isa<VarHandleOpOp>(var)) {
        if (isa<ReadVariableOpOp>(user))
          reads.push_back(user);
      } else if (!(writesVariable(user) && use.getOperandNumber() == 0)) {
        refUses.push_back(&use);
      }
    }
    bool read = !reads.empty() || !refUses.empty();
    bool readByFetches =
        needed.count(var) ||
        llvm::any_of(reads, [&](Operation *r) { return needed.count(r); });
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

    builder.setInsertionPointAfter(var);
    Value constant = ConstOp::create(builder, var->getLoc(), valueType, value);
    for (Operation *r : reads) {
      r->getResult(0).replaceAllUsesWith(constant);
      r->erase();
    }
    for (OpOperand *use : refUses)
      use->set(constant);
  }
  if (failedAny)
    return signalPassFailure();
  for (auto &source : sources)
    for (const std::string &key : source->unusedKeys())
      emitWarning(func.getLoc())
          << source->describe() << " entry '" << key
          << "' matches no variable in the graph";
}

} // namespace

std::unique_ptr<Pass> graphc::createGraphFreezeVariablesPass(
    std::vector<std::shared_ptr<VariableValueSource>> sources) {
  return std::make_unique<GraphFreezeVariablesPass>(std::move(sources));
}

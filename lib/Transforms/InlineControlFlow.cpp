//===- InlineControlFlow.cpp - unroll While loops, inline If branches -----===//
//
// graph-inline-control-flow (see Passes.td). Our own: upstream's loop
// unrolling works on scf.for / affine.for with known bounds, and its
// inliner on call ops; a TF While is a pair of functions whose trip count
// only shows once its condition is folded on the loop values, iteration by
// iteration, with our dialect's folders, and a TF If names two functions
// one of which a folded condition picks.
//
//===----------------------------------------------------------------------===//
#include "graphc/Transforms/FoldValues.h"
#include "graphc/Transforms/InferShapes.h"
#include "graphc/Transforms/Passes.h"

#include "Graph/GraphOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace graphc {
#define GEN_PASS_DEF_GRAPHINLINECONTROLFLOW
#include "graphc/Transforms/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using graphc::constantize;
using graphc::foldToValues;

namespace {

/// The op's TF node name, else its op name.
std::string nodeName(Operation *op) {
  StringRef name = graphc::graph::getNodeName(op);
  return (name.empty() ? op->getName().stripDialect() : name).str();
}

/// What unrolling may still make: ops cloned, and bytes of the constants
/// its folds create (each fold is bounded on its own, kMaxFoldElements,
/// but 100,000 iterations of a body folding 4 MB would make 400 GB).
struct UnrollBudget {
  int64_t ops;
  int64_t foldBytes;
};

/// Bytes of the dense constant `v`, 0 for a splat or a non-constant.
int64_t constantBytes(Value v) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || attr.isSplat())
    return 0;
  return static_cast<int64_t>(attr.getRawData().size());
}

/// Clones the ops of one loop function at a time, each folded as soon as
/// it is cloned, and names them PREFIX/NODE.
class LoopCloner {
public:
  LoopCloner(OpBuilder &builder, UnrollBudget &budget)
      : builder(builder), budget(budget) {}

  /// The values `f` returns for arguments `args`, or failure (reported on
  /// `loop`) when the op budget runs out.
  FailureOr<SmallVector<Value>> inlineCall(func::FuncOp f, ValueRange args,
                                           StringRef prefix, Operation *loop) {
    IRMapping map;
    map.map(f.getArguments(), args);
    Block &body = f.getBody().front();
    for (Operation &op : body.without_terminator()) {
      if (--budget.ops < 0)
        return loop->emitError()
               << "unrolling the loop clones more ops than allowed (max-ops)";
      Operation *clone = builder.clone(op, map);
      clone->setLoc(NameLoc::get(
          builder.getStringAttr(prefix + "/" + strippedName(op, f)),
          clone->getLoc()));
      budget.foldBytes -= foldClone(clone, op, map);
      if (budget.foldBytes < 0)
        return loop->emitError() << "unrolling the loop folds more bytes of "
                                    "constants than allowed (max-fold-bytes)";
    }
    SmallVector<Value> results;
    for (Value v : body.getTerminator()->getOperands())
      results.push_back(map.lookupOrDefault(v));
    return results;
  }

private:
  /// The node's name inside its function (the import prefixes F/).
  static std::string strippedName(Operation &op, func::FuncOp f) {
    std::string name = nodeName(&op);
    std::string prefix = f.getSymName().str() + "/";
    if (StringRef(name).starts_with(prefix))
      return name.substr(prefix.size());
    return name;
  }

  /// Folds `clone` (a copy of `original`) when its folder allows, mapping
  /// `original`'s results to the folded values. Returns the bytes of the
  /// dense constants the fold made.
  int64_t foldClone(Operation *clone, Operation &original, IRMapping &map) {
    if (clone->getNumResults() == 0 || clone->getNumRegions() != 0 ||
        clone->hasTrait<OpTrait::ConstantLike>())
      return 0;
    // IdentityN (a function's return values, as the importer spells them)
    // forwards its operands; it has a canonicalization, not a folder.
    if (isa<graphc::graph::IdentityNOp>(clone) &&
        clone->getNumOperands() == clone->getNumResults()) {
      for (auto [from, to] :
           llvm::zip(original.getResults(), clone->getOperands()))
        map.map(from, to);
      clone->erase();
      return 0;
    }
    // The body's types are the function's (often unranked); the loop
    // values may say more, and folders want a static result type.
    if (auto shaped = dyn_cast<graphc::graph::ShapeInferenceOpInterface>(clone))
      (void)shaped.refineResultTypes(); // a conflict is reported later
    SmallVector<Attribute> constants;
    for (Value v : clone->getOperands()) {
      Attribute a;
      matchPattern(v, m_Constant(&a));
      constants.push_back(a);
    }
    std::optional<SmallVector<Value>> values =
        foldToValues(builder, clone, constants);
    if (!values)
      return 0; // not foldable, or folded in place
    int64_t made = 0;
    for (auto [from, to] : llvm::zip(original.getResults(), *values)) {
      map.map(from, to);
      if (!llvm::is_contained(clone->getOperands(), to)) // not forwarded
        made += constantBytes(to);
    }
    clone->erase();
    return made;
  }

  OpBuilder &builder;
  UnrollBudget &budget;
};

/// true / false when `v` is a constant scalar (or one-element) bool.
std::optional<bool> constantBool(Value v) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || attr.getNumElements() != 1 ||
      !attr.getElementType().isInteger(1))
    return std::nullopt;
  return *attr.getValues<bool>().begin();
}

/// An If condition's truth when `v` is constant, as TF's If reads it: a
/// scalar is true when non-zero, a non-scalar when it has elements.
std::optional<bool> constantCondition(Value v) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  if (attr.getType().getRank() > 0)
    return attr.getNumElements() > 0;
  Type element = attr.getElementType();
  if (element.isInteger(1))
    return *attr.getValues<bool>().begin();
  if (isa<IntegerType>(element))
    return !(*attr.getValues<APInt>().begin()).isZero();
  if (isa<FloatType>(element))
    return !(*attr.getValues<APFloat>().begin()).isZero();
  return std::nullopt;
}

struct GraphInlineControlFlowPass
    : graphc::impl::GraphInlineControlFlowBase<GraphInlineControlFlowPass> {
  using GraphInlineControlFlowBase::GraphInlineControlFlowBase;

  LogicalResult unroll(Operation *loop, SymbolTable &symbols,
                       UnrollBudget &budget) {
    auto lookup = [&](StringRef attr) -> func::FuncOp {
      auto ref = loop->getAttrOfType<FlatSymbolRefAttr>(attr);
      return ref ? symbols.lookup<func::FuncOp>(ref.getValue()) : nullptr;
    };
    func::FuncOp cond = lookup("cond"), body = lookup("body");
    if (!cond || !body)
      return loop->emitError()
             << "While needs 'cond' and 'body' functions in the module";
    size_t n = loop->getNumOperands();
    if (cond.getNumArguments() != n || body.getNumArguments() != n ||
        body.getNumResults() != n || cond.getNumResults() != 1 ||
        loop->getNumResults() != n)
      return loop->emitError()
             << "While with " << n << " loop values and "
             << loop->getNumResults() << " results, but cond takes "
             << cond.getNumArguments() << " and body takes "
             << body.getNumArguments() << " and returns "
             << body.getNumResults();

    OpBuilder builder(loop);
    LoopCloner cloner(builder, budget);
    std::string name = nodeName(loop);
    SmallVector<Value> values;
    DenseMap<Value, Value> memo;
    for (Value v : loop->getOperands())
      values.push_back(constantize(builder, v, memo));
    for (int64_t iteration = 0;; ++iteration) {
      FailureOr<SmallVector<Value>> test = cloner.inlineCall(
          cond, values, name + "/cond_" + std::to_string(iteration), loop);
      if (failed(test))
        return failure();
      std::optional<bool> more = constantBool((*test)[0]);
      if (!more)
        return loop->emitError()
               << "the loop condition does not fold to a constant at "
                  "iteration "
               << iteration
               << ": graphc unrolls loops whose trip count follows from "
                  "constants and the feeds' shapes";
      if (!*more)
        break;
      if (iteration >= maxTripCount)
        return loop->emitError() << "the loop runs more than "
                                 << static_cast<int64_t>(maxTripCount)
                                 << " iterations (max-trip-count)";
      FailureOr<SmallVector<Value>> next = cloner.inlineCall(
          body, values, name + "/iteration_" + std::to_string(iteration),
          loop);
      if (failed(next))
        return failure();
      values = std::move(*next);
    }
    loop->replaceAllUsesWith(values);
    loop->erase();
    return success();
  }

  /// Replaces If `op` by the branch its constant condition takes, or by
  /// both branches and a SelectV2 per result.
  LogicalResult inlineIf(Operation *op, SymbolTable &symbols,
                         UnrollBudget &budget) {
    auto lookup = [&](StringRef attr) -> func::FuncOp {
      auto ref = op->getAttrOfType<FlatSymbolRefAttr>(attr);
      return ref ? symbols.lookup<func::FuncOp>(ref.getValue()) : nullptr;
    };
    func::FuncOp thenF = lookup("then_branch"), elseF = lookup("else_branch");
    if (!thenF || !elseF)
      return op->emitError() << "If needs 'then_branch' and 'else_branch' "
                                "functions in the module";
    size_t n = op->getNumOperands();
    size_t results = op->getNumResults();
    for (func::FuncOp f : {thenF, elseF})
      if (n == 0 || f.getNumArguments() != n - 1 ||
          f.getNumResults() != results)
        return op->emitError()
               << "If with " << (n ? n - 1 : 0) << " inputs and " << results
               << " results, but branch @" << f.getSymName() << " takes "
               << f.getNumArguments() << " and returns " << f.getNumResults();

    OpBuilder builder(op);
    LoopCloner cloner(builder, budget);
    std::string name = nodeName(op);
    DenseMap<Value, Value> memo;
    Value condition = constantize(builder, op->getOperand(0), memo);
    SmallVector<Value> args;
    for (Value v : op->getOperands().drop_front())
      args.push_back(constantize(builder, v, memo));
    auto inlineBranch = [&](bool taken) {
      return cloner.inlineCall(taken ? thenF : elseF, args,
                               name + (taken ? "/then" : "/else"), op);
    };
    if (std::optional<bool> taken = constantCondition(condition)) {
      FailureOr<SmallVector<Value>> values = inlineBranch(*taken);
      if (failed(values))
        return failure();
      op->replaceAllUsesWith(*values);
      op->erase();
      return success();
    }
    auto type = dyn_cast<RankedTensorType>(condition.getType());
    if (!type || type.getRank() != 0 || !type.getElementType().isInteger(1))
      return op->emitError()
             << "the condition (" << condition.getType()
             << ") is not a constant and not a bool scalar; graphc selects "
                "between both branches on a run-time bool";
    FailureOr<SmallVector<Value>> thenValues = inlineBranch(true);
    if (failed(thenValues))
      return failure();
    FailureOr<SmallVector<Value>> elseValues = inlineBranch(false);
    if (failed(elseValues))
      return failure();
    SmallVector<Value> selected;
    for (auto [i, result] : llvm::enumerate(op->getResults())) {
      Location loc = NameLoc::get(
          builder.getStringAttr(name + "/select_" + std::to_string(i)),
          op->getLoc());
      // The branches' (refined) type when they agree, so that the select
      // folds to either side once the condition is a constant.
      Value t = (*thenValues)[i], e = (*elseValues)[i];
      Type type = t.getType() == e.getType() ? t.getType() : result.getType();
      selected.push_back(graphc::graph::SelectV2Op::create(builder, loc, type,
                                                           condition, t, e));
    }
    op->replaceAllUsesWith(selected);
    op->erase();
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    UnrollBudget budget{maxOps, maxFoldBytes};
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isPrivate())
        continue;
      // Bodies and branches may hold loops and Ifs of their own: inline
      // until none is left.
      for (;;) {
        Operation *found = nullptr;
        func.walk([&](Operation *op) {
          if (graphc::graph::isFunctionalWhile(op) ||
              graphc::graph::isFunctionalIf(op)) {
            found = op;
            return WalkResult::interrupt();
          }
          return WalkResult::advance();
        });
        if (!found)
          break;
        if (failed(graphc::graph::isFunctionalIf(found)
                       ? inlineIf(found, symbols, budget)
                       : unroll(found, symbols, budget)))
          return signalPassFailure();
      }
      // Unrolled values may be better typed than the loop's results were.
      graphc::updateFunctionType(func);
    }
    // The loop and branch functions are dead now.
    for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
      if (func.isPrivate() && SymbolTable::symbolKnownUseEmpty(func, module))
        func.erase();
  }
};

} // namespace

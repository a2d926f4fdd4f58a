//===- FoldConstants.cpp - evaluate constant subgraphs --------------------===//
//
// foldConstantSubgraphs: finds the ops that compute only on constants,
// copies them into a function without arguments that returns the values the
// rest of the graph uses, compiles that function with graphc's own pipeline
// (shapes, folds, graph-to-linalg, codegen, a .so in a temporary folder),
// runs it once through the runner's ModelLibrary, and puts the results back
// as Const nodes. graphc's folders only cover cheap cases (Identity chains,
// elementwise arithmetic, Reshape); this evaluates anything graphc lowers,
// with the numerics of the compiled model itself.
//
//===----------------------------------------------------------------------===//
#include "graphc/Pipelines/FoldConstants.h"

#include "ConvertTF.h"
#include "FoldCost.h"
#include "Graph/GraphOps.h"
#include "graphc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "graphc/Conversion/Passes.h"
#include "graphc/Pipelines/Compile.h"
#include "graphc/Runner/Runner.h"
#include "graphc/Target/SignatureUtils.h"
#include "graphc/Transforms/InferShapes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace graphc;

namespace {

constexpr llvm::StringLiteral kFoldFunction = "graphc_fold_constants";

/// Ops that only pass a value on; a chain of them from a Const computes
/// nothing and is kept as it is (TF's `x/read` Identity of a frozen
/// variable).
bool isForwarding(Operation *op) {
  return isa<graph::IdentityOp, graph::SnapshotOp, graph::StopGradientOp,
             graph::IdentityNOp>(op);
}

/// What folding each op of `body` would cost, from the types shape
/// inference gives it: right after freezing most results are unranked. The
/// inference runs on a copy (the exported graph keeps its types), quietly
/// (a conflict is reported by the compile that follows).
llvm::DenseMap<Operation *, FoldCost> estimateCosts(func::FuncOp func) {
  OwningOpRef<func::FuncOp> copy(func.clone());
  {
    ScopedDiagnosticHandler quiet(func.getContext(),
                                  [](Diagnostic &) { return success(); });
    (void)inferShapes(*copy);
  }
  llvm::DenseMap<Operation *, FoldCost> costs;
  for (auto [op, inferred] :
       llvm::zip(func.getBody().front(), copy->getBody().front()))
    costs[&op] = estimateFoldCost(&inferred);
  return costs;
}

/// Removes a temporary folder when it goes out of scope.
struct TempDir {
  llvm::SmallString<128> path;
  ~TempDir() {
    if (!path.empty())
      llvm::sys::fs::remove_directories(path);
  }
};

} // namespace

FailureOr<unsigned> graphc::foldConstantSubgraphs(
    func::FuncOp func, const CodegenOptions &codegen,
    const std::function<LogicalResult(PassManager &)> &configurePassManager) {
  MLIRContext *context = func.getContext();
  Block &body = func.getBody().front();
  llvm::DenseSet<StringRef> lowerable;
  for (StringRef name : getSupportedGraphOps())
    lowerable.insert(name);

  // 1. Constant ops, and those among them that compute something. An op
  // whose results or work would pass the limits of FoldCost.h stays to run
  // time, and with it everything computed from it.
  llvm::DenseSet<Operation *> constant, computes;
  llvm::DenseMap<Operation *, FoldCost> costs = estimateCosts(func);
  FoldCost folded;
  for (Operation &op : body.without_terminator()) {
    if (isa<graph::ConstOp>(op)) {
      constant.insert(&op);
      continue;
    }
    if (op.getNumOperands() == 0 || op.getNumRegions() != 0 ||
        !lowerable.contains(op.getName().stripDialect()))
      continue;
    bool allConstant = llvm::all_of(op.getOperands(), [&](Value v) {
      Operation *def = v.getDefiningOp();
      return def && constant.contains(def);
    });
    if (!allConstant)
      continue;
    if (!isForwarding(&op) && !addWithinFoldLimits(folded, costs.lookup(&op)))
      continue;
    constant.insert(&op);
    if (!isForwarding(&op) || llvm::any_of(op.getOperands(), [&](Value v) {
          return computes.contains(v.getDefiningOp());
        }))
      computes.insert(&op);
  }

  // 2. The values to fold: computed constants that a non-constant op (or
  // the return) uses.
  SmallVector<OpResult> frontier;
  for (Operation &op : body.without_terminator()) {
    if (!computes.contains(&op))
      continue;
    for (OpResult result : op.getResults())
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            return !constant.contains(user);
          }))
        frontier.push_back(result);
  }
  if (frontier.empty())
    return 0u;

  // 3. A function computing them: the constant ops they depend on, cloned in
  // block order.
  llvm::DenseSet<Operation *> needed;
  SmallVector<Operation *> work;
  for (OpResult result : frontier)
    if (needed.insert(result.getOwner()).second)
      work.push_back(result.getOwner());
  while (!work.empty()) {
    Operation *op = work.pop_back_val();
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp();
          def && needed.insert(def).second)
        work.push_back(def);
  }
  Location loc = func.getLoc();
  OwningOpRef<ModuleOp> foldModule = ModuleOp::create(loc);
  OpBuilder builder(context);
  builder.setInsertionPointToEnd(foldModule->getBody());
  auto foldFunc = func::FuncOp::create(builder, loc, kFoldFunction,
                                       builder.getFunctionType({}, {}));
  builder.setInsertionPointToEnd(foldFunc.addEntryBlock());
  IRMapping mapping;
  for (Operation &op : body.without_terminator())
    if (needed.contains(&op))
      builder.clone(op, mapping);
  SmallVector<Value> results;
  for (OpResult result : frontier)
    results.push_back(mapping.lookup(result));
  func::ReturnOp::create(builder, loc, results);
  foldFunc.setType(builder.getFunctionType({}, ValueRange(results).getTypes()));

  // 4. Compile it to a library.
  PassManager pm(context);
  if (configurePassManager && failed(configurePassManager(pm)))
    return failure();
  buildGraphSimplifyPipeline(pm);
  if (failed(pm.run(*foldModule)))
    return failure();
  // What inference on the unfolded graph could not size (a Fill whose dims
  // are computed) is known now: over the limits, nothing is folded.
  FoldCost total;
  for (Operation &op : foldFunc.getBody().front().without_terminator()) {
    if (isa<graph::ConstOp>(op))
      continue;
    if (!addWithinFoldLimits(total, estimateFoldCost(&op))) {
      emitWarning(op.getLoc())
          << "constant subgraphs not folded: computing them needs more than "
             "--fold-constants allows (lib/Pipelines/FoldCost.h)";
      return 0u;
    }
  }
  PassManager lowerPM(context);
  if (configurePassManager && failed(configurePassManager(lowerPM)))
    return failure();
  lowerPM.nest<func::FuncOp>().addPass(createGraphToLinalgPass());
  if (failed(lowerPM.run(*foldModule)))
    return failure();
  ModelSignature signature;
  signature.name = kFoldFunction.str();
  SmallVector<RankedTensorType> types;
  for (auto [j, type] : llvm::enumerate(foldFunc.getResultTypes())) {
    auto ranked = dyn_cast<RankedTensorType>(type);
    Operation *owner = frontier[j].getOwner();
    if (!ranked || !ranked.hasStaticShape())
      return owner->emitError()
             << "cannot fold this constant subgraph: its result has no "
                "static shape ("
             << type << ")";
    TensorSpec spec;
    spec.name = "fold" + std::to_string(j);
    spec.dtype = importer::dataTypeOf(ranked.getElementType());
    spec.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
    if (getDTypeSize(spec.dtype) == 0)
      return owner->emitError() << "cannot fold this constant subgraph: its "
                                   "result has element type "
                                << ranked.getElementType();
    signature.outputs.push_back(spec);
    types.push_back(ranked);
  }
  TempDir dir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("graphc-fold", dir.path))
    return emitError(loc) << "cannot create a temporary folder to fold "
                             "constants: "
                          << ec.message();
  llvm::SmallString<128> prefix(dir.path);
  llvm::sys::path::append(prefix, kFoldFunction);
  EmitOptions emit;
  emit.outputPrefix = prefix.str().str();
  emit.emit = {"so"};
  emit.codegen = codegen;
  emit.configurePassManager = configurePassManager;
  if (failed(emitArtifacts(*foldModule, signature, emit)))
    return failure();

  // 5. Run it once.
  runner::RunError error;
  auto library = runner::ModelLibrary::load(emit.outputPrefix + ".so",
                                            kFoldFunction.str(), error);
  if (!library)
    return emitError(loc) << "cannot load the constant-folding library: "
                          << error.reason;
  std::vector<std::vector<char>> buffers;
  std::vector<void *> outputs;
  for (const TensorSpec &spec : signature.outputs) {
    buffers.emplace_back(std::max<int64_t>(getNumBytes(spec), 1));
    outputs.push_back(buffers.back().data());
  }
  const void *noInputs[1] = {nullptr};
  if (library->run(noInputs, outputs.data()) != 0)
    return emitError(loc) << "the constant-folding library failed";

  // 6. Consts in place of the folded values; constant ops left unused go.
  builder.setInsertionPoint(body.getTerminator());
  for (auto [j, result] : llvm::enumerate(frontier)) {
    RankedTensorType type = types[j];
    DenseElementsAttr value;
    if (type.getElementType().isInteger(1)) {
      SmallVector<bool> bools(buffers[j].begin(),
                              buffers[j].begin() + type.getNumElements());
      value = DenseElementsAttr::get(type, bools);
    } else {
      value = DenseElementsAttr::getFromRawBuffer(
          type, ArrayRef<char>(buffers[j].data(), getNumBytes(
                                                      signature.outputs[j])));
    }
    Operation *owner = result.getOwner();
    std::string name = graph::getNodeName(owner).str();
    if (result.getResultNumber() > 0)
      name += "/output_" + std::to_string(result.getResultNumber());
    Location child = owner->getLoc();
    if (auto nameLoc = dyn_cast<NameLoc>(child))
      child = nameLoc.getChildLoc();
    Location constLoc = NameLoc::get(StringAttr::get(context, name), child);
    builder.setInsertionPointAfter(owner);
    Value folded = graph::ConstOp::create(builder, constLoc, type, value);
    result.replaceUsesWithIf(folded, [&](OpOperand &use) {
      return !constant.contains(use.getOwner());
    });
  }
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
    if (constant.contains(&op) && op.use_empty())
      op.erase();
  // Folded results may be more precisely typed than what they replace.
  func.setType(FunctionType::get(
      context, func.getArgumentTypes(),
      body.getTerminator()->getOperandTypes()));
  return static_cast<unsigned>(frontier.size());
}

//===- GraphToLinalgPass.cpp - the graph-to-linalg pass -------------------===//
//
// populateGraphToLinalgPatterns gathers the pattern families; the list of
// supported TF ops is read off those patterns' root ops, so it cannot drift
// from what is really converted. The pass is thin: it first checks the whole
// function and reports every problem at once (unsupported or unregistered
// TF ops, unfed placeholders, element types we do not compute with, dynamic
// shapes, and whatever each op's own pattern says it cannot handle), naming
// TF nodes, and only then runs a partial conversion with the graph dialect
// illegal, so the conversion itself is not expected to fail.
//
//===----------------------------------------------------------------------===//
#include "graphc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "graphc/Conversion/Passes.h"

#include "PatternUtils.h"

#include "Graph/GraphOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"

#include <set>
#include <string>
#include <vector>

namespace graphc {
#define GEN_PASS_DEF_GRAPHTOLINALGPASS
#include "graphc/Conversion/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc;

/// Prefix of every graph op name ("graph.MatMul" is TF's "MatMul").
static constexpr llvm::StringLiteral kGraphPrefix = "graph.";

void graphc::populateGraphToLinalgPatterns(RewritePatternSet &patterns) {
  graph_to_linalg::populateShapePatterns(patterns);
  graph_to_linalg::populateElementwisePatterns(patterns);
  graph_to_linalg::populateLinalgPatterns(patterns);
  graph_to_linalg::populateReductionPatterns(patterns);
  graph_to_linalg::populateMathPatterns(patterns);
  graph_to_linalg::populateArrayPatterns(patterns);
  graph_to_linalg::populateNNPatterns(patterns);
  graph_to_linalg::populateEinsumPatterns(patterns);
  graph_to_linalg::populateSelectionPatterns(patterns);
  graph_to_linalg::populateMiscPatterns(patterns);
}

/// The TF names of the root ops of the patterns populateGraphToLinalgPatterns
/// adds (only those whose pattern handles unsigned types when
/// `unsignedOnly`), sorted and unique.
static std::vector<std::string> collectSupportedOps(bool unsignedOnly) {
  MLIRContext context(MLIRContext::Threading::DISABLED);
  context.loadDialect<graph::GraphDialect>();
  RewritePatternSet patterns(&context);
  populateGraphToLinalgPatterns(patterns);
  std::set<std::string> names;
  for (const std::unique_ptr<RewritePattern> &pattern :
       patterns.getNativePatterns()) {
    std::optional<OperationName> root = pattern->getRootKind();
    if (!root)
      continue;
    if (unsignedOnly &&
        !(llvm::is_contained(
              pattern->getDebugLabels(),
              graph_to_linalg::GraphLoweringPattern::kDebugLabel) &&
          static_cast<const graph_to_linalg::GraphLoweringPattern *>(
              pattern.get())
              ->handlesUnsigned()))
      continue;
    names.insert(root->getStringRef().drop_front(kGraphPrefix.size()).str());
  }
  return {names.begin(), names.end()};
}

/// Views of collectSupportedOps(unsignedOnly), computed once.
static llvm::ArrayRef<llvm::StringRef> getOpNames(bool unsignedOnly) {
  struct Names {
    explicit Names(bool unsignedOnly)
        : storage(collectSupportedOps(unsignedOnly)),
          refs(storage.begin(), storage.end()) {}
    std::vector<std::string> storage;
    std::vector<llvm::StringRef> refs;
  };
  static const Names all(false), unsignedOps(true);
  return unsignedOnly ? unsignedOps.refs : all.refs;
}

llvm::ArrayRef<llvm::StringRef> graphc::getSupportedGraphOps() {
  return getOpNames(/*unsignedOnly=*/false);
}

llvm::ArrayRef<llvm::StringRef> graphc::getUnsignedGraphOps() {
  return getOpNames(/*unsignedOnly=*/true);
}

namespace {

/// The TF node name a location carries (the NameLoc, possibly first in a
/// FusedLoc), or "".
StringRef getLocNodeName(Location loc) {
  if (auto fused = dyn_cast<FusedLoc>(loc))
    if (!fused.getLocations().empty())
      loc = fused.getLocations().front();
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().getValue();
  return "";
}

/// `type` as text, without the quotes a diagnostic would add around it.
std::string typeToString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

bool isStatic(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  return !shaped || shaped.hasStaticShape();
}

/// The element type of a tensor type, or null.
Type getElementTypeOrNull(Type type) {
  auto tensor = dyn_cast<TensorType>(type);
  return tensor ? tensor.getElementType() : Type();
}

struct GraphToLinalgPass
    : graphc::impl::GraphToLinalgPassBase<GraphToLinalgPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    // TF's unsigned integers become signless at function boundaries too
    // (the patterns produce signless tensors; see getSignlessType).
    signless.addConversion(
        [](Type type) { return graph_to_linalg::getSignlessType(type); });
    RewritePatternSet set(context);
    populateGraphToLinalgPatterns(set);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(set,
                                                                   signless);
    populateReturnOpTypeConversionPattern(set, signless);
    patterns = FrozenRewritePatternSet(std::move(set));
    supported.clear();
    for (StringRef name : getSupportedGraphOps())
      supported.insert(name);
    lowerings.clear();
    for (const auto &[name, list] : patterns.getOpSpecificNativePatterns())
      for (const RewritePattern *pattern : list)
        if (llvm::is_contained(
                pattern->getDebugLabels(),
                graph_to_linalg::GraphLoweringPattern::kDebugLabel))
          lowerings[name] =
              static_cast<const graph_to_linalg::GraphLoweringPattern *>(
                  pattern);
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (failed(checkConvertible(func)))
      return signalPassFailure();

    ConversionTarget target(getContext());
    target.addIllegalDialect<graph::GraphDialect>();
    target.addLegalDialect<arith::ArithDialect, func::FuncDialect,
                           linalg::LinalgDialect, math::MathDialect,
                           scf::SCFDialect, tensor::TensorDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return signless.isSignatureLegal(op.getFunctionType());
    });
    target.addDynamicallyLegalOp<func::ReturnOp>(
        [&](func::ReturnOp op) { return signless.isLegal(op); });
    if (failed(applyPartialConversion(func, target, patterns)))
      return signalPassFailure();

    // Operands read only at compile time (Reshape's shape, Mean's axes) leave
    // their constants unused; drop them so the output is what computes.
    func.walk([](arith::ConstantOp constant) {
      if (constant->use_empty())
        constant->erase();
    });
  }

  /// Checks, reporting every problem before failing, that each graph op in
  /// `func` has a lowering and element types it handles, that no unfed
  /// Placeholder is left, that arguments and results have static shapes,
  /// and that each op's pattern accepts its attributes.
  LogicalResult checkConvertible(func::FuncOp func);

  /// Maps unsigned integer tensors to signless ones, the rest to themselves.
  TypeConverter signless;
  FrozenRewritePatternSet patterns;
  /// getSupportedGraphOps(), for lookups.
  llvm::StringSet<> supported;
  /// The pattern of each supported op, to ask why it would decline an op.
  llvm::DenseMap<OperationName, const graph_to_linalg::GraphLoweringPattern *>
      lowerings;
};

} // namespace

LogicalResult GraphToLinalgPass::checkConvertible(func::FuncOp func) {
  bool ok = true;

  for (BlockArgument arg : func.getArguments()) {
    if (isStatic(arg.getType()))
      continue;
    StringRef name = getLocNodeName(arg.getLoc());
    std::string label = name.empty()
                            ? "argument #" + std::to_string(arg.getArgNumber())
                            : name.str();
    emitError(arg.getLoc()) << (name.empty() ? "" : "node '") << label
                            << (name.empty() ? "" : "'")
                            << ": cannot infer a static shape (type "
                            << typeToString(arg.getType())
                            << "); give the feed shapes with --feed NAME:SHAPE";
    ok = false;
  }

  // TF op name -> (node count, first node name), in order of first use.
  llvm::MapVector<StringRef, std::pair<unsigned, StringRef>> unsupported;
  func.walk([&](Operation *op) {
    if (op->getName().getDialectNamespace() != "graph")
      return;
    StringRef opName =
        op->getName().getStringRef().drop_front(kGraphPrefix.size());
    StringRef node = graph::getNodeName(op);
    if (node.empty())
      node = "<unnamed>";
    if (isa<graph::PlaceholderOp>(op)) {
      op->emitError() << "node '" << node << "': Placeholder is not fed; pass "
                      << "--feed " << node << "[:SHAPE]";
      ok = false;
      return;
    }
    if (!supported.contains(opName)) {
      auto [it, inserted] = unsupported.insert({opName, {0, node}});
      ++it->second.first;
      ok = false;
      return;
    }
    auto lowering = lowerings.find(op->getName());
    bool handlesUnsigned = lowering != lowerings.end() &&
                           lowering->second->handlesUnsigned();
    SmallVector<Type> types(op->getOperandTypes());
    llvm::append_range(types, op->getResultTypes());
    for (Type type : types) {
      Type element = getElementTypeOrNull(type);
      if (element &&
          (!graph_to_linalg::isSupportedElementType(
               graph_to_linalg::getSignlessType(element)) ||
           (element.isUnsignedInteger() && !handlesUnsigned))) {
        op->emitError() << "node '" << node << "': " << opName
                        << " on element type " << typeToString(element)
                        << " is not supported";
        ok = false;
        return;
      }
    }
    // Report a dynamic shape only where it first appears: an op whose
    // operands are all static. Downstream ops just inherit it.
    if (!llvm::all_of(op->getOperandTypes(), isStatic))
      return;
    if (lowering != lowerings.end() &&
        lowering->second->explainsDynamicResults() &&
        !llvm::all_of(op->getResultTypes(), isStatic)) {
      std::string reason = lowering->second->getUnsupportedReason(op);
      if (!reason.empty()) {
        op->emitError() << "node '" << node << "': cannot lower " << opName
                        << ": " << reason;
        ok = false;
        return;
      }
    }
    for (Type type : op->getResultTypes()) {
      if (isStatic(type))
        continue;
      op->emitError() << "node '" << node
                      << "': cannot infer a static shape (type "
                      << typeToString(type)
                      << "); give the feed shapes with --feed NAME:SHAPE";
      ok = false;
      return;
    }
    // The op's pattern knows which attribute combinations it handles.
    if (lowering == lowerings.end())
      return;
    std::string reason = lowering->second->getUnsupportedReason(op);
    if (!reason.empty()) {
      op->emitError() << "node '" << node << "': cannot lower " << opName
                      << ": " << reason;
      ok = false;
    }
  });

  if (!unsupported.empty()) {
    InFlightDiagnostic diag = func.emitError()
                              << "unsupported TensorFlow ops: ";
    llvm::interleaveComma(unsupported, diag, [&](const auto &entry) {
      auto [count, first] = entry.second;
      diag << entry.first << " (" << count << (count == 1 ? " node" : " nodes")
           << ", first '" << first << "')";
    });
    // Ops graphc leaves out by design, with what to use instead.
    static const std::pair<StringRef, StringRef> kWhy[] = {
        {"NonMaxSuppressionV2",
         "keeps a data-dependent number of boxes, and graphc compiles static "
         "shapes; NonMaxSuppressionV4/V5 with pad_to_max_output_size=True "
         "compile"},
        {"NonMaxSuppressionV3",
         "keeps a data-dependent number of boxes, and graphc compiles static "
         "shapes; NonMaxSuppressionV4/V5 with pad_to_max_output_size=True "
         "(tf.raw_ops.NonMaxSuppressionV4) compile"},
    };
    for (const auto &[op, why] : kWhy)
      if (unsupported.count(op))
        diag.attachNote() << op << " " << why;
  }
  return success(ok);
}

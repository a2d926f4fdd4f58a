//===- ImportLoopFunctions.cpp - While cond/body as private funcs ---------===//
//
// See ImportLoopFunctions.h. Our own code: upstream MLIR has no TF importer,
// and TF's (tensorflow/compiler/mlir) is not a Debian library.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/ImportLoopFunctions.h"
#include "graphc/Import/ImportGraphDef.h"
#include "graphc/Import/InlineFunctions.h"
#include "graphc/Import/TFGraph.h"

#include "Graph/GraphOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

#include <array>
#include <map>
#include <set>

using namespace mlir;
using namespace graphc;

namespace {

/// More functions than this behind loops is not a model (a hostile
/// library, or loops naming each other without end).
constexpr size_t kMaxLoopFunctions = 1000;

/// The argument dtypes of a While op's functions (its `T` list) or an If
/// op's branches (`Tin`), as TF dtypes.
std::vector<tf::DataType> loopTypes(const tf::NodeDef *node) {
  std::vector<tf::DataType> types;
  if (!node)
    return types;
  bool isIf = node->op == "If" || node->op == "StatelessIf";
  auto t = node->attrs.find(isIf ? "Tin" : "T");
  if (t != node->attrs.end() && t->second.list)
    types = t->second.list->type;
  return types;
}

/// A graph whose Placeholders are `f`'s arguments and whose node `f.name`
/// calls `f`; inlining it leaves f's body under `f.name/`.
tf::GraphDef callGraph(const tf::FunctionDef &f, const tf::GraphDef &library,
                       const std::vector<tf::DataType> &types,
                       const tf::AttrValue *shapes) {
  tf::GraphDef g;
  g.producer = library.producer;
  g.functions = library.functions;
  tf::NodeDef call;
  call.name = f.name;
  call.op = f.name;
  for (auto [i, arg] : llvm::enumerate(f.inputArgs)) {
    tf::NodeDef placeholder;
    placeholder.name = arg.name;
    placeholder.op = "Placeholder";
    tf::AttrValue dtype;
    dtype.kind = tf::AttrValue::Type;
    dtype.type = arg.type != tf::DT_INVALID ? arg.type
                 : i < types.size()         ? types[i]
                                            : tf::DT_INVALID;
    placeholder.attrs["dtype"] = dtype;
    if (shapes && shapes->list && i < shapes->list->shape.size()) {
      tf::AttrValue shape;
      shape.kind = tf::AttrValue::Shape;
      shape.shape = shapes->list->shape[i];
      placeholder.attrs["shape"] = shape;
    }
    call.inputs.push_back(arg.name);
    g.nodes.push_back(std::move(placeholder));
  }
  g.nodes.push_back(std::move(call));
  return g;
}

} // namespace

LogicalResult graphc::importLoopFunctions(ModuleOp module,
                                          const tf::GraphDef &graph,
                                          const std::vector<tf::OpDef> &ops,
                                          StringRef fileName) {
  std::map<std::string, const tf::FunctionDef *> library;
  for (const tf::FunctionDef &f : graph.functions)
    library[f.name] = &f;
  std::map<std::string, const tf::NodeDef *> nodes;
  for (const tf::NodeDef &n : graph.nodes)
    nodes[n.name] = &n;

  SymbolTable symbols(module);
  std::set<std::string> imported;
  // (function, the While op naming it) still to import.
  SmallVector<std::pair<std::string, Operation *>> work;
  auto collect = [&](Operation *root) {
    root->walk([&](Operation *op) {
      bool isIf = graph::isFunctionalIf(op);
      if (!isIf && !graph::isFunctionalWhile(op))
        return;
      for (StringRef attr : isIf ? std::array<StringRef, 2>{"then_branch",
                                                            "else_branch"}
                                 : std::array<StringRef, 2>{"cond", "body"})
        if (auto ref = op->getAttrOfType<FlatSymbolRefAttr>(attr))
          if (imported.insert(ref.getValue().str()).second)
            work.emplace_back(ref.getValue().str(), op);
    });
  };
  collect(module);

  while (!work.empty()) {
    auto [name, loop] = work.pop_back_val();
    auto f = library.find(name);
    if (f == library.end())
      return loop->emitError() << "loop function '" << name
                               << "' is not in the graph's function library";
    if (imported.size() > kMaxLoopFunctions)
      return loop->emitError() << "more than " << kMaxLoopFunctions
                               << " loop functions (recursive loops?)";
    if (symbols.lookup(name))
      return loop->emitError() << "loop function '" << name
                               << "' clashes with another function's name";
    // The loop's own NodeDef gives the arguments' dtypes and shapes when
    // the function leaves them to attrs; in a body (already imported)
    // the op's attrs say the same.
    const tf::NodeDef *node = nullptr;
    if (auto loc = dyn_cast<NameLoc>(loop->getLoc()))
      if (auto it = nodes.find(loc.getName().str()); it != nodes.end())
        node = it->second;
    std::vector<tf::DataType> types = loopTypes(node);
    const tf::AttrValue *shapes = nullptr;
    // A loop's output_shapes are its arguments' too; an If's are not.
    if (node && graph::isFunctionalWhile(loop))
      if (auto it = node->attrs.find("output_shapes"); it != node->attrs.end())
        shapes = &it->second;

    tf::GraphDef g = callGraph(*f->second, graph, types, shapes);
    std::string error;
    if (!tf::inlineFunctionCalls(g, ops, {name}, error))
      return loop->emitError() << error;
    ImportOptions options;
    options.functionName = name;
    for (const tf::ArgDef &arg : f->second->inputArgs)
      options.feeds.push_back(FeedSpec{arg.name, 0, std::nullopt, arg.name});
    for (size_t i = 0; i < f->second->outputArgs.size(); ++i)
      options.fetches.push_back(FetchSpec{name, (int)i, ""});
    OwningOpRef<ModuleOp> sub =
        importGraphDef(g, module.getContext(), options, fileName);
    if (!sub)
      return loop->emitError() << "cannot import loop function '" << name
                               << "' (see above)";
    auto func = sub->lookupSymbol<func::FuncOp>(name);
    func->remove();
    func.setPrivate();
    symbols.insert(func);
    collect(func);
  }
  return success();
}

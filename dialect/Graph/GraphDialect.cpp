//===- GraphDialect.cpp - the graph dialect -------------------------------===//
//
// Registers ops and types, allows unregistered `graph.*` ops (TF ops we do
// not model yet), and materializes folded constants as graph.Const.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphDialect.h"
#include "Graph/GraphOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace graphc::graph;

#include "Graph/GraphDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "Graph/GraphTypes.cpp.inc"

void GraphDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Graph/GraphOps.cpp.inc"
      >();
  registerTypes();
  // TF ops without a definition here import as unregistered graph.<Op>.
  allowUnknownOperations();
}

void GraphDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "Graph/GraphTypes.cpp.inc"
      >();
}

Operation *GraphDialect::materializeConstant(OpBuilder &builder,
                                             Attribute value, Type type,
                                             Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstOp::create(builder, loc, type, elements);
}

StringRef graphc::graph::getNodeName(Operation *op) {
  Location loc = op->getLoc();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    if (!fused.getLocations().empty())
      loc = fused.getLocations().front();
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().getValue();
  return "";
}

bool graphc::graph::isFunctionalWhile(Operation *op) {
  StringRef name = op->getName().stripDialect();
  return op->getName().getDialectNamespace() == "graph" &&
         (name == "While" || name == "StatelessWhile");
}

bool graphc::graph::isFunctionalIf(Operation *op) {
  StringRef name = op->getName().stripDialect();
  return op->getName().getDialectNamespace() == "graph" &&
         (name == "If" || name == "StatelessIf");
}

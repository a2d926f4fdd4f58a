//===- GraphOps.h - ops of the graph dialect --------------------*- C++ -*-===//
#ifndef GRAPH_GRAPHOPS_H
#define GRAPH_GRAPHOPS_H

#include "Graph/GraphDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "Graph/GraphInterfaces.h.inc"

#define GET_OP_CLASSES
#include "Graph/GraphOps.h.inc"

namespace graphc::graph {

/// The TF node name an op was imported from (its NameLoc), or "" if none.
llvm::StringRef getNodeName(mlir::Operation *op);

/// A TF2 functional loop (`graph.While` / `graph.StatelessWhile`, imported
/// generically with `cond` and `body` symbol references).
bool isFunctionalWhile(mlir::Operation *op);

/// A TF2 functional conditional (`graph.If` / `graph.StatelessIf`, imported
/// generically with `then_branch` and `else_branch` symbol references).
bool isFunctionalIf(mlir::Operation *op);

/// Discardable attribute holding a node's control inputs ("^name" edges).
inline constexpr llvm::StringLiteral kControlInputsAttr = "graph.control_inputs";

} // namespace graphc::graph

#endif // GRAPH_GRAPHOPS_H

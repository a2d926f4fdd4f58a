//===- ExportGraphDef.h - the graph dialect back to a GraphDef --*- C++ -*-===//
//
// The inverse of importGraphDef: a graph-dialect function becomes a
// TensorFlow GraphDef (the plain structs of TFGraph.h; GraphcTFProto's
// writeGraphDef puts them in a file). Run after graph-freeze-variables and
// graph-prune, this is what TF's freeze_graph / convert_variables_to_constants
// produce: every variable a Const named after the variable, its `x/read`
// Identity kept, nothing the fetches do not need, feeds as Placeholders.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_EXPORT_EXPORTGRAPHDEF_H
#define GRAPHC_EXPORT_EXPORTGRAPHDEF_H

#include "graphc/Import/TFGraph.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"

namespace graphc {

/// Module attribute where the importer records the GraphDef's
/// versions.producer, so an export can keep it.
inline constexpr llvm::StringLiteral kProducerAttr = "graph.producer";

/// Builds a GraphDef from `func` (one block of graph-dialect ops and a
/// func.return):
///   - each argument becomes a Placeholder named after the fed node (its
///     NameLoc), with `dtype` and `shape` from the argument type;
///   - each op becomes a NodeDef named by its NameLoc, with the TF op name,
///     inputs "node" / "node:k" (arguments: the feed's Placeholder), control
///     inputs from `graph.control_inputs` that still name an exported node,
///     its `device`, and every other attribute converted back to an
///     AttrValue (the inverse of the importer's mapping, see
///     docs/GraphDefImport.md); a Const without `dtype` gets one;
///   - versions.producer comes from the module's `graph.producer`.
/// Fetches keep their names because their nodes do. Errors (emitted on the
/// op or argument, naming the node): an op outside the graph dialect, an
/// attribute with no AttrValue equivalent (e.g. a function-valued attr: the
/// export writes no function library), a feed whose Placeholder would take
/// the name of a node the graph still needs (a fed output k > 0). Ops a
/// pass created under another op's name (or with no name) are exported as
/// "<name>/<op>".
mlir::FailureOr<tf::GraphDef> exportGraphDef(mlir::func::FuncOp func);

/// The bytes of a dense constant as TF's tensor_content (and a generated
/// library) holds them: row-major, one byte per bool (MLIR bit-packs i1),
/// a splat repeated for every element.
std::vector<uint8_t> getDenseBytes(mlir::DenseElementsAttr dense);

} // namespace graphc

#endif // GRAPHC_EXPORT_EXPORTGRAPHDEF_H

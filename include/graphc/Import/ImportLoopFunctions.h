//===- ImportLoopFunctions.h - While/If functions as private funcs -*- C++ -*-===//
//
// TF2 control flow is functional: a `While` / `StatelessWhile` node names its
// condition and body as library functions (attrs `cond`, `body`), an `If` /
// `StatelessIf` node its branches (`then_branch`, `else_branch`, arguments
// typed by `Tin`); the importer keeps them as symbol references (`cond = @f`). This imports each such
// function as a private `func.func @f(loop vars...) -> (...)` in the same
// module, as TF's own MLIR importer does for `tf.While`, so that
// `graph-inline-control-flow` can clone it. Each function is imported like a graph:
// its input arguments become Placeholders (dtype from the signature or the
// loop's `T`, shape from its `output_shapes`), nested calls are inlined
// (InlineFunctions.h) and its return values are the fetches. Loops inside
// a body bring in their functions too.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_IMPORTLOOPFUNCTIONS_H
#define GRAPHC_IMPORT_IMPORTLOOPFUNCTIONS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace graphc {
namespace tf {
struct GraphDef;
struct OpDef;
} // namespace tf

/// Imports into `module` the functions that its While and If ops name.
/// `graph` holds the function library, `ops` the OpDefs known for it.
mlir::LogicalResult importLoopFunctions(mlir::ModuleOp module,
                                        const tf::GraphDef &graph,
                                        const std::vector<tf::OpDef> &ops,
                                        llvm::StringRef fileName);

} // namespace graphc

#endif // GRAPHC_IMPORT_IMPORTLOOPFUNCTIONS_H

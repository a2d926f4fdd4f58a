//===- GraphToLinalg.h - graph dialect to linalg on tensors -----*- C++ -*-===//
//
// The patterns that rewrite graph ops (static shapes, frozen) into upstream
// linalg / tensor / arith / math ops on tensors, and the list of TF ops they
// cover. The list is derived from the registered patterns themselves, so the
// pass's "unsupported ops" check, `--list-ops` and the docs cannot drift from
// what the conversion really does.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_CONVERSION_GRAPHTOLINALG_GRAPHTOLINALG_H
#define GRAPHC_CONVERSION_GRAPHTOLINALG_GRAPHTOLINALG_H

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace graphc {

/// Adds the graph -> linalg/tensor/arith/math conversion patterns (one per
/// supported graph op). They expect static shapes and builtin tensor types;
/// no type conversion is needed.
void populateGraphToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// The TF op names (without the `graph.` prefix, sorted, e.g. "MatMul") that
/// populateGraphToLinalgPatterns converts. Computed once from the patterns'
/// root operations.
llvm::ArrayRef<llvm::StringRef> getSupportedGraphOps();

/// The subset of getSupportedGraphOps() lowered also on TF's unsigned
/// integer dtypes (uint8 ... uint64), sorted: the ops whose pattern says
/// handlesUnsigned(). On the others the pass refuses unsigned types.
llvm::ArrayRef<llvm::StringRef> getUnsignedGraphOps();

} // namespace graphc

#endif // GRAPHC_CONVERSION_GRAPHTOLINALG_GRAPHTOLINALG_H

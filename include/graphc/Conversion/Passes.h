//===- Passes.h - graphc conversion passes ----------------------*- C++ -*-===//
//
// Declarations of the passes that lower the graph dialect to upstream MLIR,
// generated from Passes.td: `createGraphToLinalgPass()` and
// `registerGraphcConversionPasses()` (used by graph-opt and the pipelines).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_CONVERSION_PASSES_H
#define GRAPHC_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace graphc {

#define GEN_PASS_DECL
#include "graphc/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "graphc/Conversion/Passes.h.inc"

} // namespace graphc

#endif // GRAPHC_CONVERSION_PASSES_H

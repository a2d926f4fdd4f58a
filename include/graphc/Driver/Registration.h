//===- Registration.h - every dialect and pass graphc uses ------*- C++ -*-===//
#ifndef GRAPHC_DRIVER_REGISTRATION_H
#define GRAPHC_DRIVER_REGISTRATION_H

#include "mlir/IR/DialectRegistry.h"

namespace graphc {
/// The graph dialect plus every upstream dialect and interface the pipeline
/// lowers through.
void registerAllGraphcDialects(mlir::DialectRegistry &registry);
/// graphc's passes and pipelines, and the upstream passes graph-opt users
/// need next to them (canonicalize, cse, ...).
void registerAllGraphcPasses();
} // namespace graphc

#endif // GRAPHC_DRIVER_REGISTRATION_H

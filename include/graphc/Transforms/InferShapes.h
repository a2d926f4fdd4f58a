//===- InferShapes.h - shape inference as a function ------------*- C++ -*-===//
//
// The walk behind graph-infer-shapes, for passes that iterate it
// (graph-simplify).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TRANSFORMS_INFERSHAPES_H
#define GRAPHC_TRANSFORMS_INFERSHAPES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace graphc {

/// Refines every op's result types once, in order, and the function's result
/// types after them. Returns whether any type changed; fails (having emitted
/// the error) on inconsistent shapes.
mlir::FailureOr<bool> inferShapes(mlir::func::FuncOp func);

} // namespace graphc

#endif // GRAPHC_TRANSFORMS_INFERSHAPES_H

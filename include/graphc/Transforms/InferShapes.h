//===- InferShapes.h - shape inference as a function ------------*- C++ -*-===//
//
// The walk behind graph-infer-shapes, for passes that iterate it
// (graph-simplify), and the function-type update passes share after it.
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

/// Sets `func`'s result types to those of its return's operands (after a
/// pass refined or replaced what it returns).
void updateFunctionType(mlir::func::FuncOp func);

} // namespace graphc

#endif // GRAPHC_TRANSFORMS_INFERSHAPES_H

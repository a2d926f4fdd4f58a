//===- Registration.cpp - every dialect and pass graphc uses --------------===//
#include "graphc/Driver/Registration.h"

#include "Graph/GraphDialect.h"
#include "graphc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/Passes.h"

void graphc::registerAllGraphcDialects(mlir::DialectRegistry &registry) {
  registry.insert<graph::GraphDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect>();
}

void graphc::registerAllGraphcPasses() {
  registerGraphcTransformsPasses();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
}

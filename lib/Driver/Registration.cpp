//===- Registration.cpp - every dialect and pass graphc uses --------------===//
#include "graphc/Driver/Registration.h"

#include "Graph/GraphDialect.h"
#include "graphc/Conversion/Passes.h"
#include "graphc/Pipelines/Codegen.h"
#include "graphc/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/Passes.h"

void graphc::registerAllGraphcDialects(mlir::DialectRegistry &registry) {
  registry.insert<graph::GraphDialect, mlir::func::FuncDialect>();
  registerCodegenDialects(registry);
}

void graphc::registerAllGraphcPasses() {
  registerGraphcTransformsPasses();
  registerGraphcConversionPasses();
  registerCodegenPipelines();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
}

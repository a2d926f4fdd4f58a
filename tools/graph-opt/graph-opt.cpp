//===- graph-opt.cpp - mlir-opt with graphc's dialect and passes ----------===//
//
// Registers what graphc uses (not registerAll*: that costs ~30 s of compile
// and 20 ms of start-up) and hands over to MlirOptMain.
//
//===----------------------------------------------------------------------===//
#include "graphc/Driver/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  graphc::registerAllGraphcDialects(registry);
  graphc::registerAllGraphcPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "graphc optimizer driver\n", registry));
}

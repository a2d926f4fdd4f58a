//===- CompileFuzzer.cpp - fuzz import -> freeze -> fold -> graph-to-linalg =//
//
// The input is a binary GraphDef; compileModel runs import, freezing,
// pruning, shape inference, folding, the graph optimizations and the
// conversion to linalg, and writes the linalg module (--emit mlir), as
// `graph-compile model.pb --emit mlir` would. Code generation is left out:
// its input is graphc's own IR, and it is the slowest phase by far.
// Oracle: see FuzzSupport.h.
//
//===----------------------------------------------------------------------===//
#include "FuzzSupport.h"

#include "graphc/Pipelines/Compile.h"

using namespace graphc;
using namespace graphc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = writeScratchFile(
      "model.pb", std::string(reinterpret_cast<const char *>(data), size));
  FuzzContext context;
  CompileOptions options;
  options.modelPath = path;
  options.outputPrefix = scratchDir() + "/out/model";
  options.emit = {"mlir"};
  if (failed(compileModel(context.get(), options)))
    context.checkFailureReported("compileModel");
  return 0;
}

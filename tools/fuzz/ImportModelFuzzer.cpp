//===- ImportModelFuzzer.cpp - fuzz the GraphDef and SavedModel importers -===//
//
// One source, three targets (GRAPHC_FUZZ_KIND):
//   graphdef       the input is a binary GraphDef (model.pb)
//   graphdef-text  a text GraphDef (model.pbtxt)
//   saved-model    saved_model.pb [SEP variables.index [SEP variables.data]]
// each imported with importModel as graph-compile does (feeds and fetches
// left to the defaults: every Placeholder, every sink), SavedModels with
// their checkpoint. Oracle: see FuzzSupport.h.
//
//===----------------------------------------------------------------------===//
#include "FuzzSupport.h"

#include "graphc/Import/ImportModel.h"

#include "mlir/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"

using namespace graphc;
using namespace graphc::fuzz;

#define GRAPHC_STR2(x) #x
#define GRAPHC_STR(x) GRAPHC_STR2(x)

static std::string prepareModel(const uint8_t *data, size_t size) {
  const std::string kind = GRAPHC_STR(GRAPHC_FUZZ_KIND);
  std::vector<std::string> files = splitFiles(data, size);
  if (kind == "graphdef")
    return writeScratchFile("model.pb", std::string(
        reinterpret_cast<const char *>(data), size));
  if (kind == "graphdef-text")
    return writeScratchFile("model.pbtxt", std::string(
        reinterpret_cast<const char *>(data), size));
  // saved-model: a fresh folder each time, so no file of the last input
  // is seen by this one.
  std::string dir = scratchDir() + "/saved_model";
  llvm::sys::fs::remove_directories(dir);
  writeScratchFile("saved_model/saved_model.pb", files[0]);
  if (files.size() > 1)
    writeScratchFile("saved_model/variables/variables.index", files[1]);
  if (files.size() > 2)
    writeScratchFile("saved_model/variables/variables.data-00000-of-00001",
                     files[2]);
  return dir;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = prepareModel(data, size);
  FuzzContext context;
  ModelImportOptions options;
  options.path = path;
  mlir::FailureOr<ImportedModel> imported =
      importModel(&context.get(), options);
  if (failed(imported)) {
    context.checkFailureReported("importModel");
    return 0;
  }
  context.checkVerifies(*imported->module, "importModel");
  return 0;
}

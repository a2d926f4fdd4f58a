//===- graph-translate.cpp - TF model files to MLIR -----------------------===//
//
//   graph-translate --import-graphdef FILE [--feed ...] [--fetch ...] [-o OUT]
// prints the imported graph-dialect module, as graph-compile imports it
// (graphc::importModel: function calls inlined, TF1 control flow raised,
// loop functions imported; FILE may also be a .meta or a SavedModel). Exit status 2 with one `error:`
// line on bad input.
//
//===----------------------------------------------------------------------===//
#include "graphc/Driver/Diagnostics.h"
#include "graphc/Import/ImportGraphDef.h"
#include "graphc/Import/ImportModel.h"

#include "Graph/GraphDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

static cl::OptionCategory graphTranslateCategory("graph-translate options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model file>"),
                                      cl::Required, cl::cat(graphTranslateCategory));
static cl::opt<bool> importGraphDef("import-graphdef",
                                    cl::desc("Import a TF GraphDef (.pb/.pbtxt)"),
                                    cl::Required, cl::cat(graphTranslateCategory));
static cl::list<std::string> feeds("feed",
                                   cl::desc("NAME[:INDEX][:SHAPE] to feed"), cl::cat(graphTranslateCategory));
static cl::list<std::string> fetches("fetch", cl::desc("NAME[:INDEX] to fetch"), cl::cat(graphTranslateCategory));
static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::init("-"), cl::cat(graphTranslateCategory));

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  // --help lists our options; LLVM/MLIR ones (e.g. --mlir-print-ir-after-all)
  // stay usable but unlisted.
  cl::HideUnrelatedOptions(graphTranslateCategory);
  cl::ParseCommandLineOptions(argc, argv, "graphc model importer\n");

  mlir::MLIRContext context;
  graphc::ScopedDiagnosticPrinter diagnostics(&context);
  graphc::ModelImportOptions model;
  model.path = inputFile;
  graphc::ImportOptions &options = model.import;
  std::string error;
  for (const std::string &text : feeds) {
    auto feed = graphc::parseFeedSpec(text, error);
    if (!feed)
      return errs() << "error: " << error << "\n", 2;
    options.feeds.push_back(*feed);
  }
  for (const std::string &text : fetches) {
    auto fetch = graphc::parseFetchSpec(text, error);
    if (!fetch)
      return errs() << "error: " << error << "\n", 2;
    options.fetches.push_back(*fetch);
  }
  mlir::FailureOr<graphc::ImportedModel> imported =
      graphc::importModel(&context, model);
  if (failed(imported))
    return 2;
  mlir::OwningOpRef<mlir::ModuleOp> &module = imported->module;
  auto output = mlir::openOutputFile(outputFile, &error);
  if (!output)
    return errs() << "error: " << error << "\n", 2;
  module->print(output->os());
  output->keep();
  return 0;
}

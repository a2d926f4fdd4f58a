//===- graph-compile.cpp - TF model to a native library -------------------===//
//
//   graph-compile MODEL [-o PREFIX] [--name NAME] [--feed ...] [--fetch ...]
//                 [--emit obj,so,h,mlir,llvm,asm,graph,frozen-pb,frozen-pbtxt]
//                 [--cpu C] [-O N]
// Parses flags into graphc::CompileOptions and calls compileModel. Exit
// status 2 with `error:` lines on bad input or usage.
//
//===----------------------------------------------------------------------===//
#include "graphc/Driver/Diagnostics.h"
#include "graphc/Pipelines/Compile.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"

using namespace llvm;

static cl::opt<std::string> model(cl::Positional, cl::desc("<model .pb/.pbtxt>"),
                                  cl::Required);
static cl::opt<std::string> output("o", cl::desc("Output prefix (default: the model's name)"));
static cl::opt<std::string> name("name", cl::desc("Entry point name (default: the prefix's file name)"));
static cl::list<std::string> feeds("feed", cl::desc("NAME[:INDEX][:SHAPE] to feed, e.g. x:1x224x224x3"));
static cl::list<std::string> fetches("fetch", cl::desc("NAME[:INDEX] to fetch"));
static cl::opt<std::string> emit("emit", cl::desc("Comma-separated: obj,so,h,mlir,llvm,asm,graph,frozen-pb,frozen-pbtxt"),
                                 cl::init("obj,so,h"));
static cl::opt<std::string> cpu("cpu", cl::desc("Target CPU (default: host)"), cl::init("host"));
static cl::opt<std::string> features("features", cl::desc("Extra target features, e.g. -avx512f"));
static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"), cl::init(3), cl::Prefix);

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  cl::ParseCommandLineOptions(argc, argv, "graphc: TF graph to native library\n");

  graphc::CompileOptions options;
  options.modelPath = model;
  options.outputPrefix =
      output.empty() ? sys::path::stem(model).str() : output.getValue();
  options.name = name;
  std::string error;
  for (const std::string &text : feeds) {
    auto feed = graphc::parseFeedSpec(text, error);
    if (!feed)
      return errs() << "error: " << error << "\n", 2;
    options.import.feeds.push_back(*feed);
  }
  for (const std::string &text : fetches) {
    auto fetch = graphc::parseFetchSpec(text, error);
    if (!fetch)
      return errs() << "error: " << error << "\n", 2;
    options.import.fetches.push_back(*fetch);
  }
  options.emit.clear();
  SmallVector<StringRef> kinds;
  StringRef(emit).split(kinds, ',', -1, false);
  for (StringRef kind : kinds)
    options.emit.insert(kind.trim().str());
  options.codegen.cpu = cpu;
  options.codegen.features = features;
  options.codegen.optLevel = optLevel;
  options.configurePassManager = [](mlir::PassManager &pm) {
    return mlir::applyPassManagerCLOptions(pm);
  };

  mlir::MLIRContext context;
  graphc::ScopedDiagnosticPrinter diagnostics(&context);
  if (failed(graphc::compileModel(context, options)))
    return 2;
  return 0;
}

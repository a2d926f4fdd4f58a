//===- graph-compile.cpp - TF model to a native library -------------------===//
//
//   graph-compile MODEL [-o PREFIX] [--name NAME] [--feed ...] [--fetch ...]
//                 [--checkpoint PREFIX] [--saved-model-tags serve]
//                 [--signature serving_default]
//                 [--emit obj,so,h,mlir,llvm,asm,graph,frozen-pb,frozen-pbtxt]
//                 [--fold-constants] [--cpu C] [-O N]
// MODEL is a GraphDef (.pb/.pbtxt), a MetaGraphDef (.meta) or a SavedModel
// directory.
//   graph-compile --list-ops      the TF ops graphc lowers, one per line
//   graph-compile --list-unsigned-ops  those that also take uint8..uint64
// Parses flags into graphc::CompileOptions and calls compileModel. Exit
// status 2 with `error:` lines on bad input or usage.
//
//===----------------------------------------------------------------------===//
#include "graphc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "graphc/Driver/Diagnostics.h"
#include "graphc/Driver/ModelFlags.h"
#include "graphc/Pipelines/Compile.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

using namespace llvm;

static cl::OptionCategory graphCompileCategory("graph-compile options");

static cl::opt<std::string> model(cl::Positional, cl::desc("<model .pb/.pbtxt/.meta or SavedModel dir>"), cl::cat(graphCompileCategory));
static cl::opt<bool> listOps("list-ops",
                             cl::desc("Print the supported TF ops (sorted, one per line) and exit"), cl::cat(graphCompileCategory));
static cl::opt<bool> listUnsignedOps(
    "list-unsigned-ops",
    cl::desc("Print the supported TF ops that also take uint8..uint64 and exit"),
    cl::cat(graphCompileCategory));
static cl::opt<std::string> output("o", cl::desc("Output prefix (default: the model's name)"), cl::cat(graphCompileCategory));
static cl::opt<std::string> name("name", cl::desc("Entry point name (default: the prefix's file name)"), cl::cat(graphCompileCategory));
static cl::list<std::string> feeds("feed", cl::desc("NAME[:INDEX][:SHAPE] to feed, e.g. x:1x224x224x3"), cl::cat(graphCompileCategory));
static cl::list<std::string> fetches("fetch", cl::desc("NAME[:INDEX] to fetch"), cl::cat(graphCompileCategory));
static cl::opt<std::string> checkpoint(
    "checkpoint", cl::desc("Checkpoint PREFIX (PREFIX.index + PREFIX.data-*) "
                           "holding the variables' values"), cl::cat(graphCompileCategory));
static cl::opt<std::string> savedModelTags(
    "saved-model-tags",
    cl::desc("Comma-separated tags of the SavedModel MetaGraphDef to load"),
    cl::init("serve"), cl::cat(graphCompileCategory));
static cl::opt<std::string> signature(
    "signature", cl::desc("SavedModel/MetaGraphDef signature giving the feeds "
                          "and fetches (default: serving_default)"), cl::cat(graphCompileCategory));
static cl::opt<std::string> emit("emit", cl::desc("Comma-separated: obj,so,h,mlir,llvm,asm,graph,frozen-pb,frozen-pbtxt"),
                                 cl::init("obj,so,h"), cl::cat(graphCompileCategory));
static cl::opt<bool> foldConstants(
    "fold-constants",
    cl::desc("With --emit frozen-pb: evaluate subgraphs that compute only on "
             "constants and write their results as Const nodes"), cl::cat(graphCompileCategory));
static cl::opt<bool> verbose(
    "v", cl::desc("Report each phase with its time, and the graph's size "
                  "(nodes, ops by type, constant bytes) after import, "
                  "freezing and optimization"),
    cl::cat(graphCompileCategory));
static cl::opt<std::string> target(
    "target",
    cl::desc("Target triple, e.g. aarch64-linux-gnu (default: the host's); "
             "the .so links against /usr/TRIPLE/lib (Debian's "
             "libc6-dev-arm64-cross)"),
    cl::value_desc("TRIPLE"), cl::cat(graphCompileCategory));
static cl::opt<std::string> cpu("cpu", cl::desc("Target CPU (default: host; with --target: generic)"), cl::init("host"), cl::cat(graphCompileCategory));
static cl::opt<std::string> features("features", cl::desc("Extra target features, e.g. -avx512f"), cl::cat(graphCompileCategory));
static cl::opt<bool> graphFolds(
    "graph-folds",
    cl::desc("Graph optimizations: batch norm, scale/shift and Pad folded "
             "into convs (default on; =false to compare)"),
    cl::init(true), cl::cat(graphCompileCategory));
static cl::list<std::string> keepVariables(
    "keep-variable",
    cl::desc("Leave variable NAME unfrozen: an extra input after the feeds, "
             "its saved value exported in NAME_info() (repeatable)"),
    cl::value_desc("NAME"), cl::cat(graphCompileCategory));
static cl::opt<bool> packWeights(
    "pack-weights",
    cl::desc("Matmul tiles read B from packed panels, constant weights "
             "relaid out at compile time (default on; =false to compare)"),
    cl::init(true), cl::cat(graphCompileCategory));
static cl::opt<unsigned> optLevel("O", cl::desc("Optimization level: 0 is the naive scalar-loops pipeline (the reference implementation), 1-3 the tiled, fused, vectorized one; also LLVM's level"), cl::init(3), cl::Prefix, cl::cat(graphCompileCategory));
// --threads N is read before the command line is parsed: libLLVM already
// registers a global option named "threads" (cl::opt names are global).
static cl::extrahelp threadsHelp(
    "  --threads=<N>  Split each kernel's outer tile loop across N threads of a "
    "pool inside the generated library (pthreads, started on first use); "
    "default 1: no pool\n");

/// Removes --threads N / --threads=N from argv; false on a bad value.
static bool takeThreadsOption(int &argc, char **argv, unsigned &threads) {
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    StringRef arg = argv[i];
    StringRef value;
    if (arg == "--threads" || arg == "-threads") {
      if (i + 1 >= argc)
        return false;
      value = argv[++i];
    } else if (arg.consume_front("--threads=") ||
               arg.consume_front("-threads=")) {
      value = arg;
    } else {
      argv[out++] = argv[i];
      continue;
    }
    if (value.getAsInteger(10, threads) || threads < 1 || threads > 64)
      return false;
  }
  argc = out;
  argv[argc] = nullptr;
  return true;
}
static cl::opt<bool>
    profile("profile",
            cl::desc("Count the cycles of every kernel; graph-run --profile "
                     "prints them per TF node"),
            cl::init(false), cl::cat(graphCompileCategory));

static cl::opt<std::string> sanitize(
    "sanitize",
    cl::desc("thread or address: instrument the generated code with that "
             "sanitizer, for testing graphc itself (the library then needs a "
             "program built with -fsanitize=...)"),
    cl::cat(graphCompileCategory));

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  // --help lists our options; LLVM/MLIR ones (e.g. --mlir-print-ir-after-all)
  // stay usable but unlisted.
  cl::HideUnrelatedOptions(graphCompileCategory);
  unsigned threads = 1;
  if (!takeThreadsOption(argc, argv, threads)) {
    errs() << "error: --threads takes a number of threads from 1 to 64\n";
    return 2;
  }
  cl::ParseCommandLineOptions(argc, argv, "graphc: TF graph to native library\n");
  if (listOps || listUnsignedOps) {
    for (StringRef op : listOps ? graphc::getSupportedGraphOps()
                                : graphc::getUnsignedGraphOps())
      outs() << op << "\n";
    return 0;
  }
  if (model.empty())
    return errs() << "error: no model given (graph-compile MODEL [options], "
                     "or --list-ops)\n",
           2;

  graphc::ModelFlags flags{model, feeds, fetches, checkpoint, savedModelTags,
                           signature};
  graphc::ModelImportOptions modelOptions;
  std::string error;
  if (!graphc::parseModelFlags(flags, modelOptions, error))
    return errs() << "error: " << error << "\n", 2;
  graphc::CompileOptions options;
  options.modelPath = modelOptions.path;
  options.outputPrefix =
      output.empty() ? sys::path::stem(model).str() : output.getValue();
  options.name = name;
  options.checkpoint = modelOptions.checkpoint;
  options.signature = modelOptions.signature;
  options.savedModelTags = modelOptions.savedModelTags;
  options.import = modelOptions.import;
  options.emit.clear();
  SmallVector<StringRef> kinds;
  StringRef(emit).split(kinds, ',', -1, false);
  for (StringRef kind : kinds)
    options.emit.insert(kind.trim().str());
  options.foldConstants = foldConstants;
  options.codegen.triple = target;
  // A cross target has no "host" CPU to tune for.
  options.codegen.cpu =
      !target.empty() && cpu.getNumOccurrences() == 0 ? std::string("generic")
                                                      : std::string(cpu);
  options.codegen.features = features;
  options.codegen.optLevel = optLevel;
  options.codegen.profile = profile;
  options.codegen.packMatmulWeights = packWeights;
  options.keepVariables.assign(keepVariables.begin(), keepVariables.end());
  options.codegen.threads = threads;
  if (!sanitize.empty() && sanitize != "thread" && sanitize != "address")
    return errs() << "error: --sanitize takes thread or address, not '"
                  << sanitize << "'\n",
           2;
  options.codegen.sanitize = sanitize;
  options.graphFolds = graphFolds;
  // -v: a line per phase; on a terminal, a transient status line.
  graphc::PhaseReporter reporter(
      errs(), verbose, llvm::sys::Process::StandardErrIsDisplayed());
  options.reporter = &reporter;
  options.configurePassManager = [](mlir::PassManager &pm) {
    return mlir::applyPassManagerCLOptions(pm);
  };

  mlir::MLIRContext context;
  graphc::ScopedDiagnosticPrinter diagnostics(
      &context, errs(), [&reporter] { reporter.clearStatus(); });
  if (failed(graphc::compileModel(context, options)))
    return 2;
  reporter.finish();
  return 0;
}

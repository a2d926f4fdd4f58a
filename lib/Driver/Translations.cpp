//===- Translations.cpp - graph-translate's registered translations -------===//
//
// See Translations.h. Built on upstream's mlir-translate registry, so
// graph-translate has its usual options (-o, --split-input-file, ...).
//
//===----------------------------------------------------------------------===//
#include "graphc/Driver/Translations.h"
#include "graphc/Driver/Diagnostics.h"
#include "graphc/Driver/ModelFlags.h"
#include "graphc/Export/ExportGraphDef.h"
#include "graphc/Import/ImportModel.h"

#include "Graph/GraphDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace {

/// The model flags, shared with graph-compile's spelling.
struct TranslateFlags {
  cl::OptionCategory category{"graph-translate options"};
  cl::list<std::string> feeds{"feed",
                              cl::desc("--import-graphdef: NAME[:INDEX][:SHAPE] "
                                       "to feed"),
                              cl::cat(category)};
  cl::list<std::string> fetches{
      "fetch", cl::desc("--import-graphdef: NAME[:INDEX] to fetch"),
      cl::cat(category)};
  cl::opt<std::string> checkpoint{
      "checkpoint",
      cl::desc("--import-graphdef: checkpoint PREFIX with the variables' "
               "values (consulted by graph-compile's freezing)"),
      cl::cat(category)};
  cl::opt<std::string> savedModelTags{
      "saved-model-tags",
      cl::desc("--import-graphdef: comma-separated tags of the SavedModel "
               "MetaGraphDef"),
      cl::init("serve"), cl::cat(category)};
  cl::opt<std::string> signature{
      "signature", cl::desc("--import-graphdef: SavedModel signature key"),
      cl::cat(category)};
  cl::opt<bool> graphDefText{
      "graphdef-text",
      cl::desc("--export-graphdef: write the text format (.pbtxt)"),
      cl::cat(category)};
};

TranslateFlags &flags() {
  static TranslateFlags instance;
  return instance;
}

OwningOpRef<Operation *>
importModelFile(const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
                MLIRContext *context) {
  context->loadDialect<graphc::graph::GraphDialect, func::FuncDialect>();
  graphc::ScopedDiagnosticPrinter printer(context);
  std::string path =
      sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID())
          ->getBufferIdentifier()
          .str();
  Location unknown = UnknownLoc::get(context);
  if (path.empty() || path == "<stdin>") {
    emitError(unknown) << "--import-graphdef reads a model file, not stdin";
    return nullptr;
  }
  // A SavedModel is named by its saved_model.pb (a directory is no file).
  llvm::StringRef base = llvm::sys::path::filename(path);
  if (base == "saved_model.pb" || base == "saved_model.pbtxt")
    path = llvm::sys::path::parent_path(path).str();
  if (path.empty())
    path = ".";
  TranslateFlags &f = flags();
  graphc::ModelFlags model{path, f.feeds, f.fetches, f.checkpoint,
                           f.savedModelTags, f.signature};
  graphc::ModelImportOptions options;
  std::string error;
  if (!graphc::parseModelFlags(model, options, error)) {
    emitError(unknown) << error;
    return nullptr;
  }
  FailureOr<graphc::ImportedModel> imported =
      graphc::importModel(context, options);
  if (failed(imported))
    return nullptr;
  return OwningOpRef<Operation *>(imported->module.release());
}

LogicalResult exportGraphDefFile(ModuleOp module, llvm::raw_ostream &os) {
  graphc::ScopedDiagnosticPrinter printer(module.getContext());
  func::FuncOp entry;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isPrivate())
      continue;
    if (entry)
      return module.emitError()
             << "--export-graphdef: the module has several public functions "
                "('"
             << entry.getSymName() << "', '" << func.getSymName()
             << "'); a GraphDef holds one graph";
    entry = func;
  }
  if (!entry)
    return module.emitError() << "--export-graphdef: no public function";
  FailureOr<graphc::tf::GraphDef> graph = graphc::exportGraphDef(entry);
  if (failed(graph))
    return failure();
  std::string bytes, error;
  if (!graphc::tf::serializeGraphDef(*graph, flags().graphDefText, bytes,
                                     error))
    return module.emitError() << "--export-graphdef: " << error;
  os << bytes;
  return success();
}

} // namespace

void graphc::registerGraphcTranslations() {
  (void)flags();
  static TranslateToMLIRRegistration importGraphDef(
      "import-graphdef",
      "TF model (.pb, .pbtxt, .meta, SavedModel's saved_model.pb) to the "
      "graph dialect",
      importModelFile);
  static TranslateFromMLIRRegistration exportGraphDef(
      "export-graphdef", "graph dialect to a TF GraphDef",
      [](ModuleOp module, llvm::raw_ostream &os) {
        return exportGraphDefFile(module, os);
      },
      [](DialectRegistry &registry) {
        registry.insert<graphc::graph::GraphDialect, func::FuncDialect>();
      });
}

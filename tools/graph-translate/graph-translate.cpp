//===- graph-translate.cpp - TF models to MLIR and back -------------------===//
//
//   graph-translate --import-graphdef MODEL [--feed ...] [--fetch ...] [-o OUT]
//   graph-translate --export-graphdef GRAPH.mlir [--graphdef-text] [-o OUT]
// mlir-translate with graphc's translations (graphc/Driver/Translations.h):
// a TF model to the graph dialect, as graph-compile imports it, and a
// graph-dialect module back to a GraphDef. Exit status 2 with `error:`
// lines on bad input.
//
//===----------------------------------------------------------------------===//
#include "graphc/Driver/Translations.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

int main(int argc, char **argv) {
  graphc::registerGraphcTranslations();
  // mlir-translate reads its input as one file before any translation
  // runs. Say what graphc's tools say about a missing one, and let a
  // SavedModel directory stand for its saved_model.pb (which
  // --import-graphdef maps back to the directory).
  std::vector<std::string> storage(argv, argv + argc);
  static const char *const withValue[] = {"-o",          "--feed",
                                          "--fetch",     "--checkpoint",
                                          "--signature", "--saved-model-tags"};
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (llvm::is_contained(withValue, arg)) {
      ++i;
      continue;
    }
    if (arg.starts_with("-"))
      continue;
    if (llvm::sys::fs::is_directory(arg)) {
      llvm::SmallString<256> pb(arg);
      llvm::sys::path::append(pb, "saved_model.pb");
      if (!llvm::sys::fs::exists(pb)) {
        pb = arg;
        llvm::sys::path::append(pb, "saved_model.pbtxt");
      }
      if (!llvm::sys::fs::exists(pb)) {
        llvm::errs() << "error: " << arg
                     << ": a directory, but not a SavedModel (no "
                        "saved_model.pb)\n";
        return 2;
      }
      storage[i] = pb.str().str();
    } else if (!llvm::sys::fs::exists(arg)) {
      llvm::errs() << "error: " << arg
                   << ": cannot open file: No such file or directory\n";
      return 2;
    }
  }
  std::vector<char *> args;
  for (std::string &s : storage)
    args.push_back(s.data());
  return mlir::failed(mlir::mlirTranslateMain(int(args.size()), args.data(),
                                              "graphc translator"))
             ? 2
             : 0;
}

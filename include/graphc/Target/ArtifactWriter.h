//===- ArtifactWriter.h - the files of one compile, all or none -*- C++ -*-===//
//
// Writes PREFIX.<ext> files for emitArtifacts (graphc/Pipelines/Codegen.h)
// and reports failures as MLIR diagnostics on the module being compiled.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_ARTIFACTWRITER_H
#define GRAPHC_TARGET_ARTIFACTWRITER_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/ToolOutputFile.h"

#include <memory>
#include <string>
#include <vector>

namespace graphc {

/// Opens PREFIX.<ext> files and reports failures on the module. Every file
/// stays open until commit(): if any step fails, the destructor of
/// llvm::ToolOutputFile removes what was written, so a failed compile
/// leaves no half set of outputs behind.
class ArtifactWriter {
public:
  ArtifactWriter(mlir::ModuleOp module, llvm::StringRef prefix)
      : module(module), prefix(prefix) {}

  /// PREFIX.<extension>.
  std::string path(llvm::StringRef extension) const {
    return (prefix + "." + extension).str();
  }

  /// Opens `filePath` (PREFIX.<ext> or a temporary), or returns null after
  /// reporting why not. Temporaries are never kept.
  llvm::raw_fd_ostream *open(const std::string &filePath, bool text,
                             bool temporary = false);

  /// Flushes every file; fails if any could not be written.
  mlir::LogicalResult flush();

  /// Keeps the (non-temporary) files.
  void commit();

  /// Reports `what: err` on the module.
  mlir::LogicalResult fail(const llvm::Twine &what, llvm::Error err);

private:
  mlir::ModuleOp module;
  std::string prefix;
  std::vector<std::unique_ptr<llvm::ToolOutputFile>> files, temporaries;
};

} // namespace graphc

#endif // GRAPHC_TARGET_ARTIFACTWRITER_H

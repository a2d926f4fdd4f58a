//===- ArtifactWriter.cpp - the files of one compile, all or none ---------===//

#include "graphc/Target/ArtifactWriter.h"

#include "llvm/Support/FileSystem.h"

using namespace mlir;
using namespace graphc;

llvm::raw_fd_ostream *ArtifactWriter::open(const std::string &filePath,
                                           bool text, bool temporary) {
  std::error_code ec;
  auto file = std::make_unique<llvm::ToolOutputFile>(
      filePath, ec, text ? llvm::sys::fs::OF_Text : llvm::sys::fs::OF_None);
  if (ec) {
    module.emitError() << "cannot write '" << filePath
                       << "': " << ec.message();
    return nullptr;
  }
  (temporary ? temporaries : files).push_back(std::move(file));
  return &(temporary ? temporaries : files).back()->os();
}

LogicalResult ArtifactWriter::flush() {
  for (auto *list : {&files, &temporaries})
    for (auto &file : *list) {
      file->os().flush();
      if (file->os().has_error())
        return module.emitError() << "cannot write '" << file->getFilename()
                                  << "': " << file->os().error().message();
    }
  return success();
}

void ArtifactWriter::commit() {
  for (auto &file : files)
    file->keep();
}

LogicalResult ArtifactWriter::fail(const llvm::Twine &what, llvm::Error err) {
  return module.emitError() << what << ": " << llvm::toString(std::move(err));
}

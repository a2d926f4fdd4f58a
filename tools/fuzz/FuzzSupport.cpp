//===- FuzzSupport.cpp - scratch files, diagnostics, the fuzz oracle ------===//

#include "FuzzSupport.h"

#include "graphc/Driver/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace graphc::fuzz;

const std::string &graphc::fuzz::scratchDir() {
  static const std::string dir = [] {
    llvm::SmallString<128> path;
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, path);
    llvm::sys::path::append(path, "graphc-fuzz-" + std::to_string(getpid()));
    llvm::sys::fs::create_directories(path);
    std::string result = path.str().str();
    // Emptied at exit; a crash leaves it for a look.
    static std::string toRemove = result;
    std::atexit([] { llvm::sys::fs::remove_directories(toRemove); });
    return result;
  }();
  return dir;
}

std::string graphc::fuzz::writeScratchFile(const std::string &name,
                                           const std::string &bytes) {
  llvm::SmallString<128> path(scratchDir());
  llvm::sys::path::append(path, name);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path));
  std::ofstream out(path.str().str(), std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out)
    finding("cannot write the scratch file " + path.str().str());
  return path.str().str();
}

std::vector<std::string> graphc::fuzz::splitFiles(const uint8_t *data,
                                                  size_t size) {
  std::string all(reinterpret_cast<const char *>(data), size);
  std::vector<std::string> files;
  const std::string separator = kFileSeparator;
  size_t start = 0;
  while (true) {
    size_t at = all.find(separator, start);
    if (at == std::string::npos) {
      files.push_back(all.substr(start));
      return files;
    }
    files.push_back(all.substr(start, at - start));
    start = at + separator.size();
  }
}

FuzzContext::FuzzContext() : context(mlir::MLIRContext::Threading::DISABLED) {
  // Registered, loaded on demand: the importer loads the graph dialect,
  // compileModel the codegen ones.
  mlir::DialectRegistry registry;
  registerAllGraphcDialects(registry);
  context.appendDialectRegistry(registry);
  const char *env = std::getenv("GRAPHC_FUZZ_VERBOSE");
  verbose = env && *env && *env != '0';
  handler = context.getDiagEngine().registerHandler(
      [this](mlir::Diagnostic &diag) {
        if (diag.getSeverity() == mlir::DiagnosticSeverity::Error)
          ++numErrors;
        if (verbose)
          llvm::errs() << diag.getLocation() << ": " << diag << "\n";
        return mlir::success();
      });
}

FuzzContext::~FuzzContext() { context.getDiagEngine().eraseHandler(handler); }

void FuzzContext::checkFailureReported(const char *what) const {
  if (numErrors == 0)
    finding(std::string(what) + " failed without reporting an error");
}

void FuzzContext::checkVerifies(mlir::ModuleOp module, const char *what) {
  unsigned before = numErrors;
  if (failed(mlir::verify(module)) || numErrors != before)
    finding(std::string(what) + " succeeded with a module that does not verify");
}

void graphc::fuzz::finding(const std::string &message) {
  std::fprintf(stderr, "graphc fuzz finding: %s\n", message.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

//===- FuzzSupport.h - what every graphc fuzz target shares -----*- C++ -*-===//
//
// graphc's readers take paths (a SavedModel is a folder, a checkpoint two
// files), so each fuzz target writes its input into a scratch folder of its
// own process and runs the real entry point on it, as graph-compile would.
// Inputs holding several files (SavedModel, checkpoint) separate them with
// kFileSeparator, which mutations leave alone far more often than they would
// a length prefix.
//
// The oracle, besides the sanitizers and libFuzzer's hang/RSS limits: a
// failure must come with an error diagnostic (never a silent failure), and
// whatever a success produces must verify.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TOOLS_FUZZ_FUZZSUPPORT_H
#define GRAPHC_TOOLS_FUZZ_FUZZSUPPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace graphc::fuzz {

/// Between the files of a multi-file input (scripts/fuzz-corpus writes it).
inline constexpr const char kFileSeparator[] = "\n--graphc-fuzz-file--\n";

/// This process's scratch folder (created once, emptied at exit).
const std::string &scratchDir();

/// Writes `bytes` to scratchDir()/name and returns the path.
std::string writeScratchFile(const std::string &name, const std::string &bytes);

/// Splits `data` at every kFileSeparator.
std::vector<std::string> splitFiles(const uint8_t *data, size_t size);

/// A context with graphc's dialects and a diagnostic handler that counts
/// errors instead of printing them (set GRAPHC_FUZZ_VERBOSE=1 to print).
class FuzzContext {
public:
  FuzzContext();
  ~FuzzContext();
  mlir::MLIRContext &get() { return context; }
  unsigned errors() const { return numErrors; }

  /// Traps (a finding) unless a failure reported an error.
  void checkFailureReported(const char *what) const;
  /// Traps (a finding) unless `module` verifies.
  void checkVerifies(mlir::ModuleOp module, const char *what);

private:
  mlir::MLIRContext context;
  mlir::DiagnosticEngine::HandlerID handler;
  unsigned numErrors = 0;
  bool verbose = false;
};

/// Prints `message` to stderr and traps: libFuzzer keeps the input.
[[noreturn]] void finding(const std::string &message);

} // namespace graphc::fuzz

#endif // GRAPHC_TOOLS_FUZZ_FUZZSUPPORT_H

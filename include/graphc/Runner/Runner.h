//===- Runner.h - Load and run graphc-compiled models ----------*- C++ -*-===//
//
// Everything graph-run does, as a library, so the tool's main only parses
// flags and tests can drive the runner in-process: load a model library that
// follows the ABI in graphc-c/Runtime.h, match .npy files to its inputs by
// tensor name, run it, then print its outputs, write them as .npy, compare
// them with references, or time it.
//
// Exit codes (ExitCode) are those of graph-run: 0 success, 1 a numerical
// mismatch against an --expect reference, 2 bad input or usage; for 2 exactly
// one line "error: <file>: <reason>" goes to the error stream.
//
//===----------------------------------------------------------------------===//

#ifndef GRAPHC_RUNNER_RUNNER_H
#define GRAPHC_RUNNER_RUNNER_H

#include "graphc-c/Runtime.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace graphc {
namespace runner {

/// Process exit status of graph-run.
enum ExitCode : int {
  ExitSuccess = 0,
  ExitMismatch = 1, ///< an output differs from its --expect reference
  ExitFailure = 2,  ///< bad input or usage
};

/// A user-facing failure, printed as "error: <file>: <reason>".
struct RunError {
  std::string file;
  std::string reason;
};

/// The symbol names tried for a library when no --name is given:
/// "out/foo.so" -> {"foo"}, "libfoo.so" -> {"libfoo", "foo"}.
std::vector<std::string> candidateModelNames(llvm::StringRef libraryPath);

/// True if \p userName designates \p tensorName: equal, or equal once a
/// trailing ":0" is dropped from either ("y" and "y:0" name the same tensor).
bool tensorNameMatches(llvm::StringRef tensorName, llvm::StringRef userName);

/// "[2,3]" for {2, 3}, "[]" for a scalar.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// True if \p a and \p b are equal once all dimensions of size 1 are dropped
/// (so they hold the same elements in the same row-major order).
bool shapesEqualIgnoringOnes(llvm::ArrayRef<int64_t> a,
                             llvm::ArrayRef<int64_t> b);

/// Converts an IEEE binary16 bit pattern to float (exact).
float halfToFloat(uint16_t bits);

/// A model library loaded with dlopen(RTLD_NOW | RTLD_LOCAL); unloaded when
/// destroyed. Its metadata has been validated, so callers may trust every
/// count, pointer and size in info().
class ModelLibrary {
public:
  /// Loads \p path and finds the entry point \p name and NAME_info, or, if
  /// \p name is empty, the first of candidateModelNames(path) that the
  /// library exports. Returns nullptr and sets \p error on failure.
  static std::unique_ptr<ModelLibrary> load(const std::string &path,
                                            const std::string &name,
                                            RunError &error);
  ~ModelLibrary();
  ModelLibrary(const ModelLibrary &) = delete;
  ModelLibrary &operator=(const ModelLibrary &) = delete;

  const std::string &path() const { return libPath; }
  /// The entry point's symbol name.
  const std::string &name() const { return entryName; }
  const graphc_model_info &info() const { return *modelInfo; }
  llvm::ArrayRef<graphc_tensor_info> inputs() const;
  llvm::ArrayRef<graphc_tensor_info> outputs() const;

  /// Index of the input (output) that \p name designates, or -1.
  int findInput(llvm::StringRef name) const;
  int findOutput(llvm::StringRef name) const;

  /// Calls the entry point; returns its result (0 on success).
  int run(const void *const *inputs, void *const *outputs) const {
    return entry(inputs, outputs);
  }

  /// NAME_profile(), or null if the library was not built with --profile.
  const graphc_profile_info *profile() const {
    return profileFn ? profileFn() : nullptr;
  }

  /// Calls NAME_with_workspace with \p workspace (info().workspace_bytes
  /// bytes, 64-byte aligned).
  int runWithWorkspace(const void *const *inputs, void *const *outputs,
                       void *workspace) const {
    return entryWithWorkspace(inputs, outputs, workspace);
  }

private:
  ModelLibrary() = default;

  void *handle = nullptr;
  std::string libPath;
  std::string entryName;
  graphc_entry_fn entry = nullptr;
  graphc_entry_with_workspace_fn entryWithWorkspace = nullptr;
  graphc_profile_fn profileFn = nullptr;
  const graphc_model_info *modelInfo = nullptr;
};

/// The outcome of comparing an output with a reference element by element.
struct Comparison {
  double maxAbsErr = 0;
  double maxRelErr = 0;
  int64_t mismatches = 0;
  int64_t total = 0;
  /// Flat indices of the first mismatching elements (at most the number
  /// requested).
  std::vector<int64_t> firstMismatches;
};

/// Compares \p count elements of \p actual (of \p actualDType) with
/// \p expected (of \p expectedDType): an element matches if
/// |a - b| <= atol + rtol * |b|, or both are NaN, or both are the same
/// infinity. Any dtype pair is allowed; float16 compares as float.
Comparison compareTensors(int actualDType, const void *actual,
                          int expectedDType, const void *expected,
                          int64_t count, double atol, double rtol,
                          size_t maxReported = 5);

/// Summary of a --bench run.
struct BenchStats {
  double medianMs = 0;
  double minMs = 0;
  double meanMs = 0;
  int64_t runs = 0;
};

/// Median (mean of the two middle values for an even count), minimum and
/// mean of \p timesMs.
BenchStats summarizeTimes(std::vector<double> timesMs);

/// What graph-run was asked to do.
struct RunOptions {
  std::string libraryPath;
  /// Entry point symbol; empty: derived from the file name.
  std::string name;
  /// "NAME=FILE.npy", or just "FILE.npy" when the model has one input.
  std::vector<std::string> inputs;
  /// "NAME=FILE.npy" (or "FILE.npy" with one output): write an output.
  std::vector<std::string> outputs;
  /// "NAME=FILE.npy" (or "FILE.npy" with one output): compare an output.
  std::vector<std::string> expects;
  double atol = 1e-5;
  double rtol = 1e-5;
  /// Timed runs after the first (warm-up) run; 0 disables timing.
  int64_t benchRuns = 0;
  /// Print the time per kernel (a library built with --profile), over
  /// benchRuns runs (10 if 0).
  bool profile = false;
  /// Print the model's metadata. If nothing else is asked for (no --input,
  /// --output, --expect or --bench), the model is not run.
  bool info = false;
};

/// Does everything graph-run does, printing results to \p out and notes and
/// the error line to \p err. Returns an ExitCode.
int runGraph(const RunOptions &options, llvm::raw_ostream &out,
             llvm::raw_ostream &err);

} // namespace runner
} // namespace graphc

#endif // GRAPHC_RUNNER_RUNNER_H

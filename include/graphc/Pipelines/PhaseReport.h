//===- PhaseReport.h - compile phases with their time and graph size -*- C++ -*-===//
//
// What `graph-compile -v` prints: each phase of the compile (import,
// freeze, optimize, lower, codegen, link) with its wall time, and for the
// graph-dialect phases the graph's size (nodes, ops by type, constant
// bytes), so a user sees what freezing and folding did and where the time
// goes. On a terminal without -v, a one-line "PHASE..." status that is
// overwritten as phases go and cleared at the end, so long compiles show
// progress without cluttering logs.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_PIPELINES_PHASEREPORT_H
#define GRAPHC_PIPELINES_PHASEREPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace graphc {

/// The graph-dialect ops of a module, by op type, and the bytes of its
/// constants as stored (a splat counts one element).
struct GraphSummary {
  int64_t nodes = 0;
  std::map<std::string, int64_t> opCounts;
  int64_t constantBytes = 0;
  int64_t constants = 0;
};
GraphSummary summarizeGraph(mlir::ModuleOp module);

/// One line: "N nodes (Conv2D 12, Add 3, ...), K constants, B bytes".
std::string formatGraphSummary(const GraphSummary &summary);

class PhaseReporter {
public:
  /// `verbose`: a line per phase on `out`; else, when `status` (a
  /// terminal), a transient status line; else silent.
  PhaseReporter(llvm::raw_ostream &out, bool verbose, bool status);
  ~PhaseReporter();

  /// Starts `phase` (ending the previous one, if any, without a summary).
  void begin(llvm::StringRef phase);
  /// Ends the current phase, summarizing `module`'s graph when given.
  void end(mlir::ModuleOp module = nullptr);
  /// Prints the total time (verbose).
  void finish();
  /// Erases the status line (before other output).
  void clearStatus();

private:
  using Clock = std::chrono::steady_clock;
  llvm::raw_ostream &out;
  bool verbose, status;
  std::string current;
  Clock::time_point phaseStart, compileStart;
  bool statusShown = false;
};

} // namespace graphc

#endif // GRAPHC_PIPELINES_PHASEREPORT_H

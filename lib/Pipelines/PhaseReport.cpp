//===- PhaseReport.cpp - compile phases with their time and graph size ----===//
//
// See PhaseReport.h. Our own: MLIR's pass timing (--mlir-timing) reports
// passes, not the compile's phases around them (import, LLVM, lld), and
// knows nothing of graph sizes.
//
//===----------------------------------------------------------------------===//
#include "graphc/Pipelines/PhaseReport.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <vector>

using namespace mlir;
using namespace graphc;

GraphSummary graphc::summarizeGraph(ModuleOp module) {
  GraphSummary summary;
  module->walk([&](Operation *op) {
    Dialect *dialect = op->getDialect();
    if (!dialect || dialect->getNamespace() != "graph")
      return;
    ++summary.nodes;
    ++summary.opCounts[op->getName().stripDialect().str()];
    auto value = op->getAttrOfType<ElementsAttr>("value");
    if (!value || op->getName().stripDialect() != "Const")
      return;
    ++summary.constants;
    auto dense = dyn_cast<DenseElementsAttr>(value);
    int64_t elements = dense && dense.isSplat() ? 1 : value.getNumElements();
    Type element = value.getElementType();
    int64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 8;
    summary.constantBytes += elements * std::max<int64_t>(bits / 8, 1);
  });
  return summary;
}

/// 1536 -> "1.5 KB".
static std::string formatBytes(int64_t bytes) {
  const char *units[] = {"B", "KB", "MB", "GB"};
  double value = bytes;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  if (unit == 0)
    os << bytes << " B";
  else
    os << llvm::format("%.1f %s", value, units[unit]);
  return text;
}

std::string graphc::formatGraphSummary(const GraphSummary &summary) {
  std::vector<std::pair<std::string, int64_t>> ops(summary.opCounts.begin(),
                                                   summary.opCounts.end());
  std::stable_sort(ops.begin(), ops.end(), [](const auto &a, const auto &b) {
    return a.second > b.second;
  });
  std::string text;
  llvm::raw_string_ostream os(text);
  os << summary.nodes << " nodes (";
  for (size_t i = 0; i < ops.size(); ++i)
    os << (i ? ", " : "") << ops[i].first << " " << ops[i].second;
  os << "), " << summary.constants << " constants, "
     << formatBytes(summary.constantBytes);
  return text;
}

PhaseReporter::PhaseReporter(llvm::raw_ostream &out, bool verbose,
                             bool status)
    : out(out), verbose(verbose), status(status && !verbose),
      compileStart(Clock::now()) {}

PhaseReporter::~PhaseReporter() { clearStatus(); }

void PhaseReporter::clearStatus() {
  if (!statusShown)
    return;
  out << "\r\033[K";
  out.flush();
  statusShown = false;
}

void PhaseReporter::begin(llvm::StringRef phase) {
  if (!current.empty())
    end();
  current = phase.str();
  phaseStart = Clock::now();
  if (status) {
    out << "\r\033[Kgraph-compile: " << current << "...";
    out.flush();
    statusShown = true;
  }
}

void PhaseReporter::end(ModuleOp module) {
  if (current.empty())
    return;
  double seconds =
      std::chrono::duration<double>(Clock::now() - phaseStart).count();
  if (verbose) {
    out << "graph-compile: " << llvm::format("%-16s", current.c_str())
        << llvm::format("%8.3f s", seconds);
    if (module)
      out << "  " << formatGraphSummary(summarizeGraph(module));
    out << "\n";
    out.flush();
  }
  current.clear();
}

void PhaseReporter::finish() {
  end();
  if (!verbose)
    return;
  double seconds =
      std::chrono::duration<double>(Clock::now() - compileStart).count();
  out << "graph-compile: " << llvm::format("%-16s", "total")
      << llvm::format("%8.3f s", seconds) << "\n";
  out.flush();
}

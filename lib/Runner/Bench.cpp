//===- Bench.cpp - Time repeated runs of a model --------------------------===//
//
// graph-run --bench N: time N calls of the entry point with
// std::chrono::steady_clock (the caller has already done a warm-up run) and
// summarize them as median, minimum and mean milliseconds.
//
//===----------------------------------------------------------------------===//

#include "RunnerInternal.h"

#include <algorithm>
#include "llvm/Support/MathExtras.h"

#include <chrono>
#include <cstdlib>
#include <memory>

using namespace graphc;
using namespace graphc::runner;

BenchStats runner::summarizeTimes(std::vector<double> timesMs) {
  BenchStats stats;
  stats.runs = int64_t(timesMs.size());
  if (timesMs.empty())
    return stats;
  std::sort(timesMs.begin(), timesMs.end());
  size_t n = timesMs.size();
  stats.medianMs = n % 2 ? timesMs[n / 2]
                         : (timesMs[n / 2 - 1] + timesMs[n / 2]) / 2;
  stats.minMs = timesMs.front();
  double sum = 0;
  for (double t : timesMs)
    sum += t;
  stats.meanMs = sum / double(n);
  return stats;
}

bool runner::timeRuns(const ModelLibrary &model, const void *const *inputs,
                      void *const *outputs, int64_t runs, BenchStats &stats,
                      RunError &error) {
  using Clock = std::chrono::steady_clock;
  std::vector<double> timesMs;
  timesMs.reserve(size_t(runs));
  // The runs use NAME_with_workspace on one workspace allocated here, as a
  // server calling the model repeatedly would: what is timed is the model,
  // not malloc's page faults.
  size_t bytes = size_t(model.info().workspace_bytes);
  void *workspace = nullptr;
  if (bytes && !(workspace = std::aligned_alloc(64, llvm::alignTo(bytes, 64)))) {
    error = {model.path(), "cannot allocate the " + std::to_string(bytes) +
                               "-byte workspace"};
    return false;
  }
  std::unique_ptr<void, decltype(&std::free)> owner(workspace, &std::free);
  for (int64_t i = 0; i < runs; ++i) {
    Clock::time_point start = Clock::now();
    int rc = model.runWithWorkspace(inputs, outputs, workspace);
    Clock::time_point stop = Clock::now();
    if (rc != 0) {
      error = {model.path(), "model '" + model.name() + "' returned " +
                                 std::to_string(rc) + " in benchmark run " +
                                 std::to_string(i + 1)};
      return false;
    }
    timesMs.push_back(
        std::chrono::duration<double, std::milli>(stop - start).count());
  }
  stats = summarizeTimes(std::move(timesMs));
  return true;
}

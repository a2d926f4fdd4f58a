//===- Profile.cpp - graph-run --profile ----------------------------------===//
//
// Reads the cycle counters of a library built with graph-compile --profile
// (graphc_profile_info in graphc-c/Runtime.h) and prints the time per
// kernel. Cycles are converted to milliseconds by the wall time of the same
// runs, so no cycle-counter frequency is needed.
//
//===----------------------------------------------------------------------===//

#include "RunnerInternal.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <numeric>

using namespace graphc;
using namespace graphc::runner;

bool runner::printProfile(const ModelLibrary &model, const void *const *inputs,
                          void *const *outputs, int64_t runs,
                          llvm::raw_ostream &out, RunError &error) {
  const graphc_profile_info *profile = model.profile();
  if (!profile) {
    error = {model.path(), "the library has no " + model.name() +
                               "_profile(); build it with graph-compile "
                               "--profile"};
    return false;
  }
  int32_t n = profile->num_kernels;
  if (n < 0 || !profile->cycles || (n > 0 && (!profile->nodes ||
                                              !profile->ops ||
                                              !profile->flops))) {
    error = {model.path(), "malformed profile metadata"};
    return false;
  }
  std::fill(profile->cycles, profile->cycles + n + 1, 0);
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < runs; ++i)
    if (int rc = model.run(inputs, outputs)) {
      error = {model.path(), "model '" + model.name() + "' returned " +
                                 std::to_string(rc) + " in profile run " +
                                 std::to_string(i + 1)};
      return false;
    }
  double wallMs = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count() /
                  double(runs);
  double total = double(std::max<int64_t>(profile->cycles[n], 1));
  std::vector<int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return profile->cycles[a] > profile->cycles[b];
  });
  int64_t inKernels = 0;
  for (int32_t k = 0; k < n; ++k)
    inKernels += profile->cycles[k];

  out << "profile: " << runs << " runs, "
      << llvm::format("%.4g", wallMs) << " ms per run, " << n
      << " kernels\n";
  out << llvm::format("%10s %7s %9s  %s\n", "ms", "%", "GFLOP/s",
                      "node (op types)");
  auto row = [&](double cycles, int64_t flops, llvm::StringRef node,
                 llvm::StringRef ops) {
    double ms = cycles / total * wallMs;
    std::string gflops =
        flops > 0 && ms > 0
            ? llvm::formatv("{0:f1}", double(flops) / (ms * 1e6)).str()
            : "-";
    out << llvm::format("%10.4g %6.2f%% %9s  ", ms, 100 * cycles / total,
                        gflops.c_str())
        << node << " (" << ops << ")\n";
  };
  for (int32_t k : order)
    row(double(profile->cycles[k]), profile->flops[k],
        profile->nodes[k] ? profile->nodes[k] : "?",
        profile->ops[k] ? profile->ops[k] : "?");
  row(std::max(0.0, total - double(inKernels)), 0, "(between kernels)", "-");
  return true;
}

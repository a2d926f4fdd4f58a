//===- RunnerInternal.h - Helpers shared by the runner's files --*- C++ -*-===//
//
// Declarations the files of lib/Runner share but that are not part of the
// public interface in graphc/Runner/Runner.h: reading and formatting single
// elements of any graphc dtype, printing tensors and metadata, and the
// --bench timing loop.
//
//===----------------------------------------------------------------------===//

#ifndef GRAPHC_LIB_RUNNER_RUNNERINTERNAL_H
#define GRAPHC_LIB_RUNNER_RUNNERINTERNAL_H

#include "graphc/Runner/Runner.h"

#include <string>

namespace graphc {
namespace runner {

/// True for float16, float32 and float64.
bool isFloatingDType(int dtype);

/// Element \p index of a dense buffer of \p dtype, widened. long double holds
/// every int64 and uint64 exactly on the hosts graphc targets (x86-64).
long double loadValue(int dtype, const void *data, int64_t index);

/// Element \p index formatted for humans: %.6g for floating types, decimal
/// integers for integer types, 0 or 1 for bool.
std::string formatValue(int dtype, const void *data, int64_t index);

/// "[i,j,k]": the multi-dimensional index of flat (row-major) \p index.
std::string formatIndex(llvm::ArrayRef<int64_t> shape, int64_t index);

/// Prints the model's name and every input's and output's name, dtype and
/// shape.
void printInfo(const ModelLibrary &model, llvm::raw_ostream &out);

/// Prints "NAME: dtype [shape]" and the values: all of them (one row of the
/// last dimension per line) up to 64 elements, otherwise the first and last
/// few and min/max/mean.
void printTensor(llvm::StringRef name, const graphc_tensor_info &info,
                 const void *data, llvm::raw_ostream &out);

/// Runs \p model \p runs times and summarizes the wall-clock times. Returns
/// false with \p error set if a run returns non-zero.
bool timeRuns(const ModelLibrary &model, const void *const *inputs,
              void *const *outputs, int64_t runs, BenchStats &stats,
              RunError &error);

/// graph-run --profile: zeroes the library's cycle counters, runs \p model
/// \p runs times, and prints one row per kernel sorted by time (ms per run,
/// % of the call, GFLOP/s, node, op types), the cycles scaled to the
/// measured wall time. Returns false with \p error set on failure.
bool printProfile(const ModelLibrary &model, const void *const *inputs,
                  void *const *outputs, int64_t runs, llvm::raw_ostream &out,
                  RunError &error);

} // namespace runner
} // namespace graphc

#endif // GRAPHC_LIB_RUNNER_RUNNERINTERNAL_H

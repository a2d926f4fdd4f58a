//===- Print.cpp - Print model metadata and output tensors ----------------===//
//
// The human-readable side of graph-run: --info and the default "print every
// output" mode. Small tensors are printed whole, one row of the last
// dimension per line; large ones as their first and last few values plus
// min/max/mean, which is what one wants to eyeball a model's output.
//
//===----------------------------------------------------------------------===//

#include "RunnerInternal.h"

#include "graphc/Support/Npy.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>

using namespace graphc;
using namespace graphc::runner;

namespace {

/// Tensors with at most this many elements are printed whole.
constexpr int64_t kPrintAllLimit = 64;
/// Otherwise this many values from each end are printed.
constexpr int64_t kEdgeCount = 6;

llvm::ArrayRef<int64_t> shapeOf(const graphc_tensor_info &t) {
  return llvm::ArrayRef<int64_t>(t.shape, size_t(t.rank));
}

void printTensorInfo(const char *kind, int index, const graphc_tensor_info &t,
                     llvm::raw_ostream &out) {
  out << kind << " " << index << ": " << t.name << " "
      << npyDTypeName(t.dtype) << " " << formatShape(shapeOf(t)) << "\n";
}

/// A statistic: exact for integer dtypes, %.6g for floating ones.
std::string formatStat(int dtype, long double value) {
  char buffer[64];
  if (isFloatingDType(dtype) || !std::isfinite(value))
    std::snprintf(buffer, sizeof(buffer), "%.6g", double(value));
  else
    std::snprintf(buffer, sizeof(buffer), "%.0Lf", value);
  return buffer;
}

void printSummary(const graphc_tensor_info &t, const void *data,
                  llvm::raw_ostream &out) {
  int64_t n = t.num_elements;
  out << " ";
  for (int64_t i = 0; i < kEdgeCount; ++i)
    out << " " << formatValue(t.dtype, data, i);
  out << " ...";
  for (int64_t i = n - kEdgeCount; i < n; ++i)
    out << " " << formatValue(t.dtype, data, i);
  out << "\n";

  long double minValue = 0, maxValue = 0, sum = 0;
  int64_t numbers = 0, nans = 0;
  for (int64_t i = 0; i < n; ++i) {
    long double v = loadValue(t.dtype, data, i);
    if (std::isnan(v)) {
      ++nans;
      continue;
    }
    if (numbers == 0 || v < minValue)
      minValue = v;
    if (numbers == 0 || v > maxValue)
      maxValue = v;
    sum += v;
    ++numbers;
  }
  if (numbers > 0)
    out << "  min=" << formatStat(t.dtype, minValue)
        << " max=" << formatStat(t.dtype, maxValue) << " mean="
        << llvm::format("%.6g", double(sum / (long double)numbers));
  else
    out << "  min=nan max=nan mean=nan";
  if (nans)
    out << " nan=" << nans;
  out << "\n";
}

} // namespace

void runner::printInfo(const ModelLibrary &model, llvm::raw_ostream &out) {
  const graphc_model_info &info = model.info();
  out << "model: " << (info.name ? info.name : model.name().c_str())
      << " (ABI version " << info.abi_version << ")\n";
  for (int i = 0; i < info.num_inputs; ++i) {
    printTensorInfo("input", i, info.inputs[i], out);
    if (i >= info.num_inputs - info.num_variables)
      out << "  (a variable kept by --keep-variable; default: its saved "
             "value)\n";
  }
  for (int i = 0; i < info.num_outputs; ++i)
    printTensorInfo("output", i, info.outputs[i], out);
}

void runner::printTensor(llvm::StringRef name, const graphc_tensor_info &info,
                         const void *data, llvm::raw_ostream &out) {
  out << name << ": " << npyDTypeName(info.dtype) << " "
      << formatShape(shapeOf(info)) << "\n";
  int64_t n = info.num_elements;
  if (n == 0) {
    out << "  (empty)\n";
    return;
  }
  if (n > kPrintAllLimit) {
    printSummary(info, data, out);
    return;
  }
  int64_t rowLength = info.rank > 0 ? info.shape[info.rank - 1] : 1;
  for (int64_t i = 0; i < n; ++i) {
    out << (i % rowLength == 0 ? "  " : " ")
        << formatValue(info.dtype, data, i);
    if ((i + 1) % rowLength == 0)
      out << "\n";
  }
}

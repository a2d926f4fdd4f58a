//===- Runner.cpp - graph-run's behaviour as a library call ---------------===//
//
// runGraph() does what graph-run does, in order: load the model library,
// optionally print its metadata, match every --input .npy to a model input by
// tensor name and check its dtype and shape, read the --expect references,
// run the model once (this run is also the warm-up for --bench), then write
// or print the outputs, compare them with the references and time --bench
// runs. Any failure stops it with one RunError, printed as a single
// "error: <file>: <reason>" line.
//
// Shape rule: an input or reference must have the model's exact shape, or a
// shape that differs from it only by dimensions of size 1 ([1,2,3] for
// [2,3]): those hold the same elements in the same row-major order. The
// latter is accepted with a "note:" on the error stream.
//
//===----------------------------------------------------------------------===//

#include "RunnerInternal.h"

#include "graphc/Support/Npy.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

using namespace graphc;
using namespace graphc::runner;

namespace {

struct FreeDeleter {
  void operator()(void *p) const { std::free(p); }
};
/// A zero-filled buffer aligned to 64 bytes (a cache line, and enough for
/// any vector load the generated code may use).
using AlignedBuffer = std::unique_ptr<uint8_t, FreeDeleter>;

AlignedBuffer allocateAligned(int64_t size) {
  constexpr size_t kAlign = 64;
  size_t bytes =
      size <= 0 ? kAlign : (size_t(size) + kAlign - 1) / kAlign * kAlign;
  void *p = std::aligned_alloc(kAlign, bytes);
  if (p)
    std::memset(p, 0, bytes);
  return AlignedBuffer(static_cast<uint8_t *>(p));
}

llvm::ArrayRef<int64_t> shapeOf(const graphc_tensor_info &t) {
  return llvm::ArrayRef<int64_t>(t.shape, size_t(t.rank));
}

std::string describe(const graphc_tensor_info &t) {
  return std::string(npyDTypeName(t.dtype)) + " " + formatShape(shapeOf(t));
}

/// An .npy file bound to the model tensor it feeds or checks.
struct BoundFile {
  int index;
  std::string path;
};

/// One graph-run invocation.
class GraphRun {
public:
  GraphRun(const RunOptions &options, llvm::raw_ostream &out)
      : options(options), out(out) {}

  /// Returns an ExitCode; on ExitFailure, error says why.
  int run();

  RunError error;
  std::vector<std::string> notes;

private:
  const RunOptions &options;
  llvm::raw_ostream &out;
  std::unique_ptr<ModelLibrary> model;
  std::vector<AlignedBuffer> inputBuffers, outputBuffers;
  std::vector<BoundFile> outputFiles, expectFiles;
  std::vector<NpyArray> references;

  bool fail(const std::string &file, const std::string &reason) {
    error = {file, reason};
    return false;
  }
  bool bind(const char *flag, const std::string &spec, bool isInput,
            BoundFile &bound);
  bool checkShape(const std::string &file, const NpyArray &array,
                  const graphc_tensor_info &t, const char *kind);
  bool loadInputs();
  bool loadReferences();
  bool allocateOutputs();
  bool writeOutputs();
  bool compareOutputs();
};

bool GraphRun::bind(const char *flag, const std::string &spec, bool isInput,
                    BoundFile &bound) {
  const char *kind = isInput ? "input" : "output";
  llvm::ArrayRef<graphc_tensor_info> tensors =
      isInput ? model->inputs() : model->outputs();
  size_t eq = spec.find('=');
  if (eq == std::string::npos) {
    if (tensors.size() != 1)
      return fail(model->path(),
                  std::string(flag) + " '" + spec +
                      "' needs the form NAME=FILE.npy: the model has " +
                      std::to_string(tensors.size()) + " " + kind + "s");
    bound = {0, spec};
    return true;
  }
  std::string name = spec.substr(0, eq);
  bound.path = spec.substr(eq + 1);
  if (name.empty() || bound.path.empty())
    return fail(model->path(), std::string("bad ") + flag + " '" + spec +
                                   "': expected NAME=FILE.npy");
  bound.index = isInput ? model->findInput(name) : model->findOutput(name);
  if (bound.index >= 0)
    return true;
  std::string known;
  for (const graphc_tensor_info &t : tensors)
    known += (known.empty() ? "" : ", ") + std::string(t.name);
  return fail(model->path(), "the model has no " + std::string(kind) +
                                 " named '" + name + "' (" + kind + "s: " +
                                 (known.empty() ? "none" : known) + ")");
}

bool GraphRun::checkShape(const std::string &file, const NpyArray &array,
                          const graphc_tensor_info &t, const char *kind) {
  llvm::ArrayRef<int64_t> expected = shapeOf(t);
  if (llvm::ArrayRef<int64_t>(array.shape) == expected)
    return true;
  if (shapesEqualIgnoringOnes(array.shape, expected)) {
    notes.push_back(file + ": shape " + formatShape(array.shape) +
                    " accepted for " + kind + " '" + t.name + "' of shape " +
                    formatShape(expected) +
                    " (they differ only in dimensions of size 1)");
    return true;
  }
  return fail(file, "shape " + formatShape(array.shape) + " does not match " +
                        kind + " '" + t.name + "' of shape " +
                        formatShape(expected));
}

bool GraphRun::loadInputs() {
  llvm::ArrayRef<graphc_tensor_info> inputs = model->inputs();
  std::vector<std::string> files(inputs.size());
  for (const std::string &spec : options.inputs) {
    BoundFile bound;
    if (!bind("--input", spec, /*isInput=*/true, bound))
      return false;
    if (!files[bound.index].empty())
      return fail(model->path(), "input '" +
                                     std::string(inputs[bound.index].name) +
                                     "' is given twice");
    files[bound.index] = bound.path;
  }
  const graphc_model_info &info = model->info();
  size_t firstVariable = inputs.size() - size_t(info.num_variables);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const graphc_tensor_info &t = inputs[i];
    if (files[i].empty() && i >= firstVariable) {
      // A kept variable not given starts from its saved value.
      AlignedBuffer buffer = allocateAligned(t.num_bytes);
      if (!buffer)
        return fail(model->path(), "out of memory");
      if (t.num_bytes)
        std::memcpy(buffer.get(), info.variable_values[i - firstVariable],
                    size_t(t.num_bytes));
      inputBuffers.push_back(std::move(buffer));
      continue;
    }
    if (files[i].empty())
      return fail(model->path(), "no --input for input '" +
                                     std::string(t.name) + "' (" +
                                     describe(t) + ")");
    NpyArray array;
    std::string reason;
    if (!readNpy(files[i], array, reason))
      return fail(files[i], reason);
    if (array.dtype != t.dtype)
      return fail(files[i], std::string("dtype ") +
                                npyDTypeName(array.dtype) +
                                " does not match input '" + t.name + "' (" +
                                npyDTypeName(t.dtype) + ")");
    if (!checkShape(files[i], array, t, "input"))
      return false;
    AlignedBuffer buffer = allocateAligned(t.num_bytes);
    if (!buffer)
      return fail(files[i], "out of memory");
    if (t.num_bytes)
      std::memcpy(buffer.get(), array.data.data(), size_t(t.num_bytes));
    inputBuffers.push_back(std::move(buffer));
  }
  return true;
}

bool GraphRun::loadReferences() {
  for (const std::string &spec : options.outputs) {
    BoundFile bound;
    if (!bind("--output", spec, /*isInput=*/false, bound))
      return false;
    outputFiles.push_back(bound);
  }
  for (const std::string &spec : options.expects) {
    BoundFile bound;
    if (!bind("--expect", spec, /*isInput=*/false, bound))
      return false;
    const graphc_tensor_info &t = model->outputs()[bound.index];
    NpyArray reference;
    std::string reason;
    if (!readNpy(bound.path, reference, reason))
      return fail(bound.path, reason);
    if (!checkShape(bound.path, reference, t, "output"))
      return false;
    if (reference.dtype != t.dtype)
      notes.push_back(bound.path + ": comparing a " +
                      npyDTypeName(reference.dtype) + " reference with " +
                      npyDTypeName(t.dtype) + " output '" + t.name +
                      "' by value");
    expectFiles.push_back(bound);
    references.push_back(std::move(reference));
  }
  return true;
}

bool GraphRun::allocateOutputs() {
  for (const graphc_tensor_info &t : model->outputs()) {
    AlignedBuffer buffer = allocateAligned(t.num_bytes);
    if (!buffer)
      return fail(model->path(), "out of memory for output '" +
                                     std::string(t.name) + "' (" +
                                     std::to_string(t.num_bytes) + " bytes)");
    outputBuffers.push_back(std::move(buffer));
  }
  return true;
}

bool GraphRun::writeOutputs() {
  for (const BoundFile &bound : outputFiles) {
    const graphc_tensor_info &t = model->outputs()[bound.index];
    NpyArray array;
    array.dtype = t.dtype;
    array.shape.assign(t.shape, t.shape + t.rank);
    const uint8_t *data = outputBuffers[bound.index].get();
    array.data.assign(data, data + t.num_bytes);
    std::string reason;
    if (!writeNpy(bound.path, array, reason))
      return fail(bound.path, reason);
  }
  return true;
}

/// Prints one comparison line per --expect; returns false on any mismatch.
bool GraphRun::compareOutputs() {
  bool allMatch = true;
  for (size_t i = 0; i < expectFiles.size(); ++i) {
    const graphc_tensor_info &t = model->outputs()[expectFiles[i].index];
    const NpyArray &reference = references[i];
    const uint8_t *actual = outputBuffers[expectFiles[i].index].get();
    Comparison c =
        compareTensors(t.dtype, actual, reference.dtype, reference.data.data(),
                       t.num_elements, options.atol, options.rtol);
    out << t.name << ": max_abs_err=" << llvm::format("%.6g", c.maxAbsErr)
        << " max_rel_err=" << llvm::format("%.6g", c.maxRelErr)
        << " mismatches=" << c.mismatches << "/" << c.total << "\n";
    for (int64_t index : c.firstMismatches)
      out << "  at " << formatIndex(shapeOf(t), index)
          << ": got " << formatValue(t.dtype, actual, index) << " expected "
          << formatValue(reference.dtype, reference.data.data(), index)
          << "\n";
    if (c.mismatches)
      allMatch = false;
  }
  return allMatch;
}

int GraphRun::run() {
  if (options.benchRuns < 0) {
    fail(options.libraryPath, "--bench must not be negative");
    return ExitFailure;
  }
  if (!(options.atol >= 0) || !(options.rtol >= 0)) {
    fail(options.libraryPath, "--atol and --rtol must be non-negative");
    return ExitFailure;
  }
  model = ModelLibrary::load(options.libraryPath, options.name, error);
  if (!model)
    return ExitFailure;
  if (options.info) {
    printInfo(*model, out);
    if (options.inputs.empty() && options.outputs.empty() &&
        options.expects.empty() && options.benchRuns == 0)
      return ExitSuccess;
  }
  if (!loadInputs() || !loadReferences() || !allocateOutputs())
    return ExitFailure;

  std::vector<const void *> inputs;
  for (const AlignedBuffer &b : inputBuffers)
    inputs.push_back(b.get());
  std::vector<void *> outputs;
  for (const AlignedBuffer &b : outputBuffers)
    outputs.push_back(b.get());
  if (int rc = model->run(inputs.data(), outputs.data())) {
    fail(model->path(),
         "model '" + model->name() + "' returned " + std::to_string(rc));
    return ExitFailure;
  }

  if (!writeOutputs())
    return ExitFailure;
  if (options.outputs.empty())
    for (size_t i = 0; i < outputs.size(); ++i)
      printTensor(model->outputs()[i].name, model->outputs()[i], outputs[i],
                  out);
  bool allMatch = compareOutputs();

  if (options.profile) {
    if (!printProfile(*model, inputs.data(), outputs.data(),
                      options.benchRuns > 0 ? options.benchRuns : 10, out,
                      error))
      return ExitFailure;
  } else if (options.benchRuns > 0) {
    BenchStats stats;
    if (!timeRuns(*model, inputs.data(), outputs.data(), options.benchRuns,
                  stats, error))
      return ExitFailure;
    out << "median_ms=" << llvm::format("%.6g", stats.medianMs)
        << " min_ms=" << llvm::format("%.6g", stats.minMs)
        << " mean_ms=" << llvm::format("%.6g", stats.meanMs)
        << " runs=" << stats.runs << "\n";
  }
  return allMatch ? ExitSuccess : ExitMismatch;
}

} // namespace

int runner::runGraph(const RunOptions &options, llvm::raw_ostream &out,
                     llvm::raw_ostream &err) {
  GraphRun graphRun(options, out);
  int status;
  try {
    status = graphRun.run();
  } catch (const std::bad_alloc &) {
    // A huge .npy file or model: report it like any other failure.
    graphRun.error = {options.libraryPath, "out of memory"};
    status = ExitFailure;
  }
  out.flush();
  if (status == ExitFailure) {
    err << "error: " << graphRun.error.file << ": " << graphRun.error.reason
        << "\n";
  } else {
    for (const std::string &note : graphRun.notes)
      err << "note: " << note << "\n";
  }
  err.flush();
  return status;
}

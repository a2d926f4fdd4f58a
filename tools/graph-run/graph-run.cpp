//===- graph-run.cpp - Run a graphc-compiled model on .npy files ----------===//
//
// graph-run LIB.so [--name NAME] [--input NAME=FILE.npy]...
//                  [--output NAME=FILE.npy]... [--expect NAME=FILE.npy]...
//                  [--atol X] [--rtol Y] [--bench N] [--info]
//
// Only parses the command line; graphc::runner::runGraph (lib/Runner) does
// the work. Exit status: 0 success, 1 an --expect mismatch, 2 bad input or
// usage, always with a single "error: <file>: <reason>" line for 2. See
// docs/GraphRun.md.
//
//===----------------------------------------------------------------------===//

#include "graphc/Runner/Runner.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <new>

#include <unistd.h>

using namespace llvm;
using namespace graphc::runner;

static cl::OptionCategory graphRunCategory("graph-run options");

static cl::opt<std::string> libraryPath(cl::Positional, cl::Required,
                                        cl::desc("<model library .so>"),
                                        cl::cat(graphRunCategory));

static cl::opt<std::string>
    modelName("name", cl::value_desc("NAME"),
              cl::desc("Entry point symbol (default: from the file name, "
                       "libfoo.so -> libfoo, then foo)"),
              cl::cat(graphRunCategory));

static cl::list<std::string>
    inputs("input", cl::value_desc("NAME=FILE.npy"),
           cl::desc("Feed an input (just FILE.npy if the model has one)"),
           cl::cat(graphRunCategory));

static cl::list<std::string>
    outputs("output", cl::value_desc("NAME=FILE.npy"),
            cl::desc("Write an output as .npy (then nothing is printed)"),
            cl::cat(graphRunCategory));

static cl::list<std::string>
    expects("expect", cl::value_desc("NAME=FILE.npy"),
            cl::desc("Compare an output with a reference; exit 1 on a "
                     "mismatch"),
            cl::cat(graphRunCategory));

// Numbers are taken as strings and parsed here: cl reports a bad number on
// errs() itself, which would break the one-"error:"-line rule.
static cl::opt<std::string> absTolerance(
    "atol", cl::init("1e-5"), cl::value_desc("X"),
    cl::desc("Absolute tolerance for --expect (default 1e-5)"),
    cl::cat(graphRunCategory));

static cl::opt<std::string> relTolerance(
    "rtol", cl::init("1e-5"), cl::value_desc("Y"),
    cl::desc("Relative tolerance for --expect (default 1e-5)"),
    cl::cat(graphRunCategory));

static cl::opt<std::string>
    benchRuns("bench", cl::init("0"), cl::value_desc("N"),
              cl::desc("Time N runs after a warm-up run"),
              cl::cat(graphRunCategory));

static cl::opt<bool> profile(
    "profile",
    cl::desc("Print the time per kernel and TF node over --bench N runs "
             "(default 10); the library must be built with graph-compile "
             "--profile"),
    cl::cat(graphRunCategory));

static cl::opt<bool> info("info",
                          cl::desc("Print the model's inputs and outputs"),
                          cl::cat(graphRunCategory));

static int usageError(const Twine &message) {
  errs() << "error: graph-run: " << message << " (see graph-run --help)\n";
  return ExitFailure;
}

static bool parseTolerance(StringRef flag, StringRef text, double &value) {
  if (!to_float(text, value) || !(value >= 0)) {
    usageError("--" + flag + " wants a non-negative number, not '" + text +
               "'");
    return false;
  }
  return true;
}

/// Parses the command line into the cl options above. On failure returns
/// false with cl's messages in \p messages. cl reports a bad option value on
/// errs() itself rather than on the stream it is given, so file descriptor 2
/// is redirected to a temporary file meanwhile and that text is kept too.
static bool parseCommandLine(int argc, char **argv, std::string &messages) {
  std::string streamed;
  raw_string_ostream stream(streamed);
  FILE *capture = std::tmpfile();
  int savedStderr = capture ? ::dup(2) : -1;
  bool redirected = savedStderr >= 0 && ::dup2(::fileno(capture), 2) >= 0;
  bool ok = cl::ParseCommandLineOptions(
      argc, argv, "Run a graphc-compiled model library\n", &stream);
  errs().flush();
  if (redirected) {
    ::dup2(savedStderr, 2);
    std::rewind(capture);
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof(buffer), capture)) > 0)
      messages.append(buffer, n);
  }
  if (savedStderr >= 0)
    ::close(savedStderr);
  if (capture)
    std::fclose(capture);
  messages += streamed;
  return ok;
}

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);
  // InitLLVM makes a failed allocation abort; let std::bad_alloc reach
  // runGraph instead, which reports it as an ordinary error.
  std::set_new_handler(nullptr);
  cl::HideUnrelatedOptions(graphRunCategory);

  // Report usage errors as one "error:" line with exit status 2, not cl's
  // multi-line message and exit status 1.
  std::string messages;
  if (!parseCommandLine(argc, argv, messages)) {
    StringRef message = StringRef(messages).trim().split('\n').first;
    message = message.split("  Try:").first.trim();
    message.consume_front((sys::path::filename(argv[0]) + ":").str());
    message = message.trim();
    return usageError(message.empty() ? "invalid command line" : message);
  }

  RunOptions options;
  options.libraryPath = libraryPath;
  options.name = modelName;
  options.inputs.assign(inputs.begin(), inputs.end());
  options.outputs.assign(outputs.begin(), outputs.end());
  options.expects.assign(expects.begin(), expects.end());
  if (!parseTolerance("atol", absTolerance, options.atol) ||
      !parseTolerance("rtol", relTolerance, options.rtol))
    return ExitFailure;
  if (StringRef(benchRuns).getAsInteger(10, options.benchRuns) ||
      options.benchRuns < 0)
    return usageError("--bench wants a non-negative integer, not '" +
                      benchRuns + "'");
  options.info = info;
  options.profile = profile;
  return runGraph(options, outs(), errs());
}

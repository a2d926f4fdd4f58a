//===- Linker.cpp - Link object files into a shared library ---------------===//
//
// lld::lldMain is documented as safe to call again after a normal return
// (failed links included) but not after a crash, which it reports through
// Result::canRunAgain; it also keeps global state, so calls are serialized.
// After a crash, and whenever the library is not built in, we spawn ld.lld.
//
//===----------------------------------------------------------------------===//

#include "graphc/Target/Linker.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <atomic>
#include <mutex>

#if GRAPHC_HAVE_LLD_LIBRARY
#include "lld/Common/Driver.h"
LLD_HAS_DRIVER(elf)
#endif

#ifndef GRAPHC_LLD_PATH
#define GRAPHC_LLD_PATH "ld.lld"
#endif

using namespace graphc;
using namespace llvm;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// The multiarch name of `triple` (x86_64-linux-gnu).
static std::string getMultiarch(const Triple &triple) {
  return (triple.getArchName() + "-" + triple.getOSName() + "-" +
          Triple::getEnvironmentTypeName(triple.getEnvironment()))
      .str();
}

/// For the host: Debian/Ubuntu multiarch folders first (where libc.so lives
/// there), then the classic ones (Fedora, Arch). For another target: the
/// Debian cross toolchain's /usr/TRIPLE/lib, then multiarch folders of
/// that triple (a foreign-architecture libc6-dev).
static std::vector<std::string> getDefaultLibraryPaths(StringRef target) {
  Triple host(sys::getProcessTriple());
  Triple triple(target.empty() ? host.str() : Triple::normalize(target));
  bool isHost = triple.getArch() == host.getArch() &&
                triple.getOS() == host.getOS() &&
                triple.getEnvironment() == host.getEnvironment();
  std::string multiarch = getMultiarch(triple);
  std::vector<std::string> paths;
  if (!isHost)
    paths.push_back("/usr/" + multiarch + "/lib");
  paths.insert(paths.end(), {"/usr/lib/" + multiarch, "/lib/" + multiarch});
  if (isHost && host.isArch64Bit())
    paths.insert(paths.end(), {"/usr/lib64", "/lib64"});
  if (isHost)
    paths.insert(paths.end(), {"/usr/lib", "/lib"});
  std::vector<std::string> existing;
  for (std::string &path : paths)
    if (sys::fs::is_directory(path))
      existing.push_back(std::move(path));
  return existing;
}

std::vector<std::string>
graphc::getSharedLibraryLinkArgs(ArrayRef<std::string> objects,
                                 StringRef output, const LinkOptions &options) {
  // clang-format off
  std::vector<std::string> args = {
      "-shared",
      "-o", output.str(),
      // Resolve every symbol at load time: no lazy PLT stubs to patch later,
      // and a missing libc symbol fails at dlopen() rather than mid-run.
      "-z", "now",
      "-z", "noexecstack",
      "--gc-sections",
      "--hash-style=gnu",
      "--eh-frame-hdr",
      "--build-id=sha1",
  };
  // clang-format on
  // Every undefined reference must be satisfied by the libraries below.
  if (!options.allowUndefined)
    args.insert(args.end(), {"-z", "defs"});
  if (!options.soname.empty())
    args.push_back("--soname=" + options.soname);
  std::vector<std::string> paths = options.libraryPaths.empty()
                                       ? getDefaultLibraryPaths(options.triple)
                                       : options.libraryPaths;
  for (const std::string &path : paths)
    args.push_back("-L" + path);
  args.insert(args.end(), objects.begin(), objects.end());
  // libm only becomes DT_NEEDED if the model calls into it.
  args.insert(args.end(), {"--as-needed", "-lm", "-lc", "--no-as-needed"});
  args.insert(args.end(), options.extraArgs.begin(), options.extraArgs.end());
  return args;
}

#if GRAPHC_HAVE_LLD_LIBRARY
/// False once lld reported that it cannot safely run again in this process.
static std::atomic<bool> lldCanRunAgain{true};
static std::mutex lldMutex;

/// Returns true if lld ran (successfully or not), false if it must not.
static bool linkInProcess(ArrayRef<std::string> args, std::string &diagnostics,
                          int &retCode) {
  std::lock_guard<std::mutex> lock(lldMutex);
  if (!lldCanRunAgain)
    return false;
  std::vector<const char *> argv = {"ld.lld"};
  for (const std::string &arg : args)
    argv.push_back(arg.c_str());
  raw_string_ostream os(diagnostics);
  lld::Result result =
      lld::lldMain(argv, os, os, {{lld::Gnu, &lld::elf::link}});
  lldCanRunAgain = result.canRunAgain;
  retCode = result.retCode;
  return true;
}
#endif

static Error linkWithSubprocess(ArrayRef<std::string> args,
                                const LinkOptions &options) {
  std::string lld = options.lldPath.empty() ? GRAPHC_LLD_PATH : options.lldPath;
  ErrorOr<std::string> program = sys::findProgramByName(lld);
  if (!program)
    return makeError("cannot find the linker '" + lld + "'");
  SmallString<128> errPath;
  if (std::error_code ec =
          sys::fs::createTemporaryFile("graphc-lld", "txt", errPath))
    return makeError("cannot create a temporary file: " + ec.message());
  std::vector<StringRef> argv = {*program};
  argv.insert(argv.end(), args.begin(), args.end());
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(errPath),
                                          StringRef(errPath)};
  std::string execError;
  int rc = sys::ExecuteAndWait(*program, argv, /*Env=*/std::nullopt, redirects,
                               /*SecondsToWait=*/0,
                               /*MemoryLimit=*/0, &execError);
  std::string diagnostics;
  if (auto buffer = MemoryBuffer::getFile(errPath))
    diagnostics = (*buffer)->getBuffer().str();
  sys::fs::remove(errPath);
  if (rc != 0)
    return makeError("linking failed (" + *program + "): " +
                     (execError.empty() ? StringRef(diagnostics).trim()
                                        : StringRef(execError)));
  return Error::success();
}

Error graphc::linkSharedLibrary(ArrayRef<std::string> objects, StringRef output,
                                const LinkOptions &options) {
  std::vector<std::string> args =
      getSharedLibraryLinkArgs(objects, output, options);
  bool inProcess = options.inProcess;
  if (std::optional<std::string> mode = sys::Process::GetEnv("GRAPHC_LLD"))
    inProcess = *mode != "subprocess";
#if GRAPHC_HAVE_LLD_LIBRARY
  if (inProcess) {
    std::string diagnostics;
    int retCode = 0;
    if (linkInProcess(args, diagnostics, retCode)) {
      if (retCode == 0)
        return Error::success();
      if (lldCanRunAgain)
        return makeError("linking failed: " + StringRef(diagnostics).trim());
      // lld crashed: its state is gone; retry out of process below.
    }
  }
#else
  (void)inProcess;
#endif
  return linkWithSubprocess(args, options);
}

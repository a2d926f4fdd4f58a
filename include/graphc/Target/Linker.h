//===- Linker.h - Link object files into a shared library -------*- C++ -*-===//
//
// Turns graphc's object file into the NAME.so a user dlopen()s or links
// against. lld's ELF driver runs in-process as a library (liblldELF.a from
// Debian's liblld-22-dev); if that is unavailable or cannot run again after
// a crash, the ld.lld binary of the same LLVM is spawned instead. The result
// depends on libc (and libm when used) only: `-z defs` turns any reference
// that libc/libm do not satisfy (e.g. an MLIR runtime helper) into a link
// error instead of a library that fails at dlopen().
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_LINKER_H
#define GRAPHC_TARGET_LINKER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace graphc {

struct LinkOptions {
  /// DT_SONAME of the library; empty: none.
  std::string soname;
  /// Target triple of the objects; empty or the host's: the host's
  /// library folders below. Another Linux triple (aarch64-linux-gnu): the
  /// Debian cross layout, /usr/TRIPLE/lib (libc6-dev-arm64-cross).
  std::string triple;
  /// Where -lc and -lm are looked up; empty: the host's multiarch and
  /// standard library folders (/usr/lib/x86_64-linux-gnu, /lib/..., ...).
  std::vector<std::string> libraryPaths;
  /// Leave symbols undefined for the loading program to provide (a
  /// sanitizer's runtime, --sanitize); false: every symbol must come from
  /// libc/libm (`-z defs`).
  bool allowUndefined = false;
  /// Extra linker arguments, appended after graphc's own.
  std::vector<std::string> extraArgs;
  /// Run lld as a library call; false (or GRAPHC_LLD=subprocess in the
  /// environment) spawns `lldPath` instead.
  bool inProcess = true;
  /// The ld.lld binary to spawn; empty: the one of the LLVM graphc was
  /// built with.
  std::string lldPath;
};

/// Links `objects` into the shared library `output`. Linker diagnostics are
/// returned in the error.
llvm::Error linkSharedLibrary(llvm::ArrayRef<std::string> objects,
                              llvm::StringRef output,
                              const LinkOptions &options = {});

/// The arguments linkSharedLibrary passes to ld.lld (without argv[0]), for
/// logging and tests.
std::vector<std::string>
getSharedLibraryLinkArgs(llvm::ArrayRef<std::string> objects,
                         llvm::StringRef output, const LinkOptions &options);

} // namespace graphc

#endif // GRAPHC_TARGET_LINKER_H

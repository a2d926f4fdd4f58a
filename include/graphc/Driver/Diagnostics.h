//===- Diagnostics.h - user-facing diagnostic printing ----------*- C++ -*-===//
//
// graphc's tools print every diagnostic as one line
//   error: FILE: node 'NAME': MESSAGE
// (FILE:LINE:COL for .mlir inputs; no node part when none is known), with
// the file and node taken from the op's location (the importer gives every
// op NameLoc(node, FileLineColLoc(file))). Notes follow on their own lines.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_DRIVER_DIAGNOSTICS_H
#define GRAPHC_DRIVER_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

namespace graphc {

/// Installs the one-line printer on `context` for its lifetime.
class ScopedDiagnosticPrinter : public mlir::ScopedDiagnosticHandler {
public:
  /// `beforePrint` (if set) runs before each diagnostic is printed (a
  /// progress line clears itself).
  explicit ScopedDiagnosticPrinter(mlir::MLIRContext *context,
                                   llvm::raw_ostream &os = llvm::errs(),
                                   std::function<void()> beforePrint = {});
  /// Number of errors printed so far.
  unsigned numErrors() const { return errors; }

private:
  unsigned errors = 0;
};

/// "FILE: node 'NAME'" (or the parts known) for a location.
std::string describeLocation(mlir::Location loc);

} // namespace graphc

#endif // GRAPHC_DRIVER_DIAGNOSTICS_H

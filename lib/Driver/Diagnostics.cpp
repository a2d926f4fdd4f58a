//===- Diagnostics.cpp - user-facing diagnostic printing ------------------===//
#include "graphc/Driver/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"

using namespace mlir;

namespace {
/// Finds the first FileLineColLoc and the first NameLoc inside `loc`.
void collect(Location loc, FileLineColLoc &file, NameLoc &name) {
  if (auto f = dyn_cast<FileLineColLoc>(loc)) {
    if (!file)
      file = f;
    return;
  }
  if (auto n = dyn_cast<NameLoc>(loc)) {
    if (!name)
      name = n;
    collect(n.getChildLoc(), file, name);
    return;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location l : fused.getLocations())
      collect(l, file, name);
    return;
  }
  if (auto call = dyn_cast<CallSiteLoc>(loc))
    collect(call.getCallee(), file, name);
}
} // namespace

std::string graphc::describeLocation(Location loc) {
  FileLineColLoc file;
  NameLoc name;
  collect(loc, file, name);
  std::string out;
  llvm::raw_string_ostream os(out);
  if (file) {
    os << file.getFilename().getValue();
    if (file.getLine() != 0)
      os << ":" << file.getLine() << ":" << file.getColumn();
  }
  if (name) {
    if (file)
      os << ": ";
    os << "node '" << name.getName().getValue() << "'";
  }
  return out;
}

graphc::ScopedDiagnosticPrinter::ScopedDiagnosticPrinter(
    MLIRContext *context, llvm::raw_ostream &os,
    std::function<void()> beforePrint)
    : ScopedDiagnosticHandler(context) {
  // One line per problem: no dump of the operation after each error.
  context->printOpOnDiagnostic(false);
  setHandler([this, &os, beforePrint](Diagnostic &diag) {
    if (beforePrint)
      beforePrint();
    auto print = [&](const char *severity, Diagnostic &d) {
      std::string message = d.str();
      std::string where = describeLocation(d.getLocation());
      // Passes name the node in the message itself (for graph-opt, whose
      // locations print differently); say it once.
      std::string node = where.substr(std::min(where.rfind("node '"),
                                               where.size()));
      if (!node.empty() && llvm::StringRef(message).starts_with(node + ": "))
        message = message.substr(node.size() + 2);
      os << severity << ": ";
      if (!where.empty())
        os << where << ": ";
      os << message << "\n";
    };
    switch (diag.getSeverity()) {
    case DiagnosticSeverity::Error:
      ++errors;
      print("error", diag);
      break;
    case DiagnosticSeverity::Warning:
      print("warning", diag);
      break;
    default:
      print("note", diag);
      break;
    }
    for (Diagnostic &note : diag.getNotes())
      print("note", note);
    os.flush();
    return success();
  });
}

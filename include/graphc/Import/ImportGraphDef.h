//===- ImportGraphDef.h - TF GraphDef to the graph dialect ------*- C++ -*-===//
//
// One import function (like circt's FIRParser / TF's import_graphdef): a
// GraphDef file, the feeds and fetches the user named, and out comes a
// module holding `func.func @main(feeds...) -> (fetches...)` in the graph
// dialect, one op per NodeDef with a NameLoc per node. Also registered as the
// `--import-graphdef` translation of graph-translate.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_IMPORTGRAPHDEF_H
#define GRAPHC_IMPORT_IMPORTGRAPHDEF_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace graphc {
namespace tf {
struct GraphDef;
}

/// `--feed NAME[:INDEX][:SHAPE]`: the tensor NAME:INDEX becomes a function
/// argument; SHAPE (like 1x224x224x3, `?` for an unknown size, `[]` for a
/// scalar) overrides the Placeholder's declared shape.
struct FeedSpec {
  std::string node;
  int index = 0;
  std::optional<std::vector<int64_t>> shape; // -1 = unknown size
  /// The user-facing name (a SavedModel signature's key, e.g. "x"); empty:
  /// the tensor's name.
  std::string name;
};

/// `--fetch NAME[:INDEX]`: the tensor NAME:INDEX becomes a function result.
struct FetchSpec {
  std::string node;
  int index = 0;
  /// The user-facing name, as for FeedSpec.
  std::string name;
};

struct ImportOptions {
  /// Empty: every Placeholder, with its declared shape.
  std::vector<FeedSpec> feeds;
  /// Empty: output 0 of every sink node that produces a tensor.
  std::vector<FetchSpec> fetches;
  /// Name of the generated function.
  std::string functionName = "main";
};

/// Parses a --feed / --fetch value; on a malformed one returns nullopt and
/// sets `error`.
std::optional<FeedSpec> parseFeedSpec(llvm::StringRef text, std::string &error);
std::optional<FetchSpec> parseFetchSpec(llvm::StringRef text,
                                        std::string &error);

/// Attribute names on the function's arguments/results holding the TF tensor
/// names of feeds and fetches.
inline constexpr llvm::StringLiteral kFeedNameAttr = "graph.feed";
inline constexpr llvm::StringLiteral kFetchNameAttr = "graph.fetch";

/// Builds the graph-dialect module for `graph`. `fileName` goes into every
/// node's location so diagnostics name the file. Reports problems (missing
/// input node, cycle, unknown feed/fetch, producer/consumer dtype mismatch)
/// through the context's diagnostic engine and returns null.
mlir::OwningOpRef<mlir::ModuleOp>
importGraphDef(const tf::GraphDef &graph, mlir::MLIRContext *context,
               const ImportOptions &options, llvm::StringRef fileName);

/// Reads `path` (.pb or .pbtxt) and imports it.
mlir::OwningOpRef<mlir::ModuleOp>
importGraphDefFile(llvm::StringRef path, mlir::MLIRContext *context,
                   const ImportOptions &options);

} // namespace graphc

#endif // GRAPHC_IMPORT_IMPORTGRAPHDEF_H

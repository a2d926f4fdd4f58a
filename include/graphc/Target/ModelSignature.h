//===- ModelSignature.h - Inputs and outputs of a compiled model -*- C++ -*-===//
//
// What the generated library's ABI states about each feed and fetch: its TF
// name, dtype (TF DataType numbering, as graphc-c/Runtime.h) and static
// shape. Filled by the driver from the imported graph; consumed by the entry
// point / metadata emitter and the header writer.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_MODELSIGNATURE_H
#define GRAPHC_TARGET_MODELSIGNATURE_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace graphc {

struct TensorSpec {
  std::string name;           // "x" for a feed, "y" or "y:1" for a fetch
  int dtype = 1;              // graphc_dtype / TF DataType number
  std::vector<int64_t> shape; // static
};

struct ModelSignature {
  std::string name; // NAME: the entry point symbol and the prefix of all others
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
  /// Bytes of the scratch workspace the lowered function takes as its last
  /// argument (graphc-plan-memory); nullopt if it takes none.
  std::optional<uint64_t> workspaceBytes;
};

} // namespace graphc

#endif // GRAPHC_TARGET_MODELSIGNATURE_H

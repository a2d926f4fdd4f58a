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
  /// An input that is a variable kept by --keep-variable: the bytes of the
  /// value it starts from (dense, row-major, num_bytes long), exported as
  /// read-only data. Kept variables are the last inputs.
  bool variable = false;
  std::string initialValue;
};

/// One kernel of a library built with --profile (graphc-instrument-profile).
struct ProfileKernel {
  std::string node; // the TF node it is named by (its root)
  std::string ops;  // the op types of its nodes, "Conv2D+BiasAdd+Relu"
  int64_t flops = 0;
};

struct ModelSignature {
  std::string name; // NAME: the entry point symbol and the prefix of all others
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
  /// Bytes of the scratch workspace the lowered function takes as its last
  /// argument (graphc-plan-memory); nullopt if it takes none.
  std::optional<uint64_t> workspaceBytes;
  /// Set for a profiled library: its kernels, whose cycle counters are the
  /// global NAME_profile_cycles (one more slot for the whole call).
  std::optional<std::vector<ProfileKernel>> profile;
};

} // namespace graphc

#endif // GRAPHC_TARGET_MODELSIGNATURE_H

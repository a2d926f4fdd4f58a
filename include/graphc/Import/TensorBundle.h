//===- TensorBundle.h - read TensorFlow checkpoints -------------*- C++ -*-===//
//
// A TensorFlow checkpoint ("tensor bundle", format V2) is PREFIX.index, a
// sorted table mapping each tensor's key to a BundleEntryProto (dtype, shape,
// shard, offset, size, CRC-32C), plus the shards PREFIX.data-NNNNN-of-MMMMM
// holding the bytes. This reader opens the index (verifying every block's
// checksum), and reads one tensor at a time with a seek and a read of exactly
// its bytes, verifying its checksum, so a large checkpoint is never loaded
// whole. The legacy V1 format (tf.train.Saver(write_version=V1):
// PREFIX-NNNNN-of-MMMMM, one table holding the values) is read too.
//
// Part of GraphcTFProto: plain C++, neither protobuf nor LLVM in the API.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_TENSORBUNDLE_H
#define GRAPHC_IMPORT_TENSORBUNDLE_H

#include "graphc/Import/TFGraph.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphc::tf {

/// One tensor of a checkpoint, as its index entry describes it.
struct BundleEntry {
  DataType dtype = DT_INVALID;
  TensorShape shape;
  int shard = 0;
  int64_t offset = 0;
  int64_t size = 0;
  /// The masked CRC-32C TF stores (V2 only).
  uint32_t crc32c = 0;
  /// Number of slices of a partitioned tensor; 0 for a whole tensor.
  int numSlices = 0;
};

class TensorBundleReader {
public:
  enum class Format { V2, V1 };

  /// Opens the checkpoint `prefix` (the path without `.index`; for the V1
  /// format the path without `-NNNNN-of-MMMMM`, or one such shard file).
  /// On failure returns null and sets `error`, one line naming the file,
  /// e.g. "model.index: block at offset 0: checksum mismatch (...)".
  static std::unique_ptr<TensorBundleReader> open(const std::string &prefix,
                                                  std::string &error);
  ~TensorBundleReader();

  const std::string &prefix() const { return prefixPath; }
  Format format() const { return fileFormat; }
  int numShards() const { return shards; }
  /// The data file of `shard` (V2) or the table file (V1).
  std::string dataFileName(int shard) const;

  /// Every tensor key, sorted (the bundle header "" is not a tensor).
  std::vector<std::string> keys() const;
  /// The entry of `key`, or null.
  const BundleEntry *find(const std::string &key) const;

  /// Reads the tensor `key` into `out` (numeric dtypes as dense bytes,
  /// DT_STRING as strings), verifying its checksum. On failure returns false
  /// and sets `error`, one line starting with "tensor 'KEY': ": no such key,
  /// a partitioned tensor, an unsupported dtype, a missing or truncated data
  /// file, a checksum mismatch.
  bool read(const std::string &key, Tensor &out, std::string &error) const;

private:
  TensorBundleReader() = default;
  bool openV2(std::string &error);
  bool openV1(const std::vector<std::string> &files, std::string &error);
  bool readV2(const std::string &key, const BundleEntry &entry, Tensor &out,
              std::string &error) const;

  std::string prefixPath;
  Format fileFormat = Format::V2;
  int shards = 1;
  std::map<std::string, BundleEntry> entries;
  /// V1: the files of the checkpoint, and each tensor's serialized
  /// TensorProto values (V1 keeps values inside the table).
  std::vector<std::string> v1Files;
  std::map<std::string, std::string> v1Values;
};

} // namespace graphc::tf

#endif // GRAPHC_IMPORT_TENSORBUNDLE_H

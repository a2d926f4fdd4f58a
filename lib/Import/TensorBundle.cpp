//===- TensorBundle.cpp - read TensorFlow checkpoints ---------------------===//
//
// V2 bundles: PREFIX.index is a table (SSTable.h) whose "" entry is the
// BundleHeaderProto (shard count, endianness, version) and whose other
// entries are BundleEntryProtos. A tensor's bytes are read with one seek and
// one read of exactly [offset, offset + size) of its shard and checked
// against the entry's masked CRC-32C. Numeric tensors are stored raw and
// little-endian; DT_STRING tensors as
//   [varint64 len]*N [masked crc32c of the lengths as uint32] [bytes]*N
// with the entry's checksum covering the lengths (as uint32, or uint64 above
// 4 GiB), the length checksum and the bytes, as TensorFlow writes them.
//
// V1 checkpoints (one table per shard file; values as TensorProtos inside
// the table) are read whole: they are a legacy format of small models.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/TensorBundle.h"

#include "Crc32c.h"
#include "SSTable.h"
#include "TensorDecode.h"

#include "proto/saved_tensor_slice.pb.h"
#include "proto/tensor_bundle.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>

namespace graphc::tf {

using detail::crc32c;
using detail::crc32cExtend;
using detail::crc32cUnmask;

/// The newest bundle version this reader understands (TF's
/// kTensorBundleVersion).
static constexpr int kBundleVersion = 1;

static std::string quote(const std::string &s) { return "'" + s + "'"; }

static std::string hex(uint32_t value) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%08x", value);
  return buf;
}

static std::string shapeString(const TensorShape &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.dims.size(); ++i)
    text += (i ? "," : "") + std::to_string(shape.dims[i]);
  return text + "]";
}

static bool readWholeFile(const std::string &path, std::string &bytes,
                          std::string &error) {
  std::ifstream file(path, std::ios::in | std::ios::binary);
  if (!file) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(file),
               std::istreambuf_iterator<char>());
  if (file.bad()) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  return true;
}

std::string TensorBundleReader::dataFileName(int shard) const {
  if (fileFormat == Format::V1)
    return shard < (int)v1Files.size() ? v1Files[shard] : prefixPath;
  char suffix[64];
  std::snprintf(suffix, sizeof(suffix), ".data-%05d-of-%05d", shard, shards);
  return prefixPath + suffix;
}

TensorBundleReader::~TensorBundleReader() = default;

std::vector<std::string> TensorBundleReader::keys() const {
  std::vector<std::string> result;
  for (const auto &[key, entry] : entries)
    // Keys of individual slices of a partitioned tensor are binary
    // (OrderedCode, starting with a 0 byte); only the whole tensor's counts.
    if (!key.empty() && key[0] != '\0')
      result.push_back(key);
  return result;
}

const BundleEntry *TensorBundleReader::find(const std::string &key) const {
  auto it = entries.find(key);
  return it == entries.end() || key.empty() ? nullptr : &it->second;
}

//===----------------------------------------------------------------------===//
// V1
//===----------------------------------------------------------------------===//

/// "P-00000-of-00003" -> "P"; other names unchanged.
static std::string stripShardSuffix(const std::string &path) {
  static const std::regex shardSuffix("-[0-9]{5}-of-[0-9]{5}$");
  return std::regex_replace(path, shardSuffix, "");
}

/// The shard files P-NNNNN-of-MMMMM of a V1 prefix, sorted; empty if none.
static std::vector<std::string> v1ShardFiles(const std::string &prefix) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  fs::path p(prefix);
  fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::string base = p.filename().string();
  std::error_code ec;
  static const std::regex shardSuffix("-[0-9]{5}-of-[0-9]{5}");
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() == base.size() + 15 && name.compare(0, base.size(), base) == 0 &&
        std::regex_match(name.substr(base.size()), shardSuffix))
      files.push_back(p.parent_path().empty() ? name
                                              : (p.parent_path() / name).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// True if the file at `path` ends with the table magic number (checked
/// before reading a whole file that may be a large data shard).
static bool endsWithTableMagic(const std::string &path) {
  std::ifstream file(path, std::ios::in | std::ios::binary);
  if (!file)
    return false;
  file.seekg(0, std::ios::end);
  std::streamoff size = file.tellg();
  constexpr std::streamoff footer = detail::kTableFooterSize;
  if (size < footer)
    return false;
  std::string tail(footer, '\0');
  file.seekg(size - footer);
  file.read(tail.data(), footer);
  return file && detail::hasTableMagic(tail);
}

/// True if `slice` covers the whole of `shape`.
static bool isFullSlice(const tensorflow::TensorSliceProto &slice,
                        const TensorShape &shape) {
  for (int d = 0; d < slice.extent_size(); ++d) {
    const auto &extent = slice.extent(d);
    if (extent.has_length_case() == tensorflow::TensorSliceProto::Extent::
                                        HAS_LENGTH_NOT_SET)
      continue;
    if (extent.start() != 0 || d >= (int)shape.dims.size() ||
        extent.length() != shape.dims[d])
      return false;
  }
  return true;
}

bool TensorBundleReader::openV1(const std::vector<std::string> &files,
                                std::string &error) {
  fileFormat = Format::V1;
  v1Files = files;
  shards = static_cast<int>(files.size());
  google::protobuf::LogSilencer silence;
  for (int shard = 0; shard < shards; ++shard) {
    const std::string &file = files[shard];
    std::string bytes;
    std::vector<detail::TableEntry> table;
    if (!readWholeFile(file, bytes, error))
      return false;
    if (!detail::parseTable(bytes, table, error)) {
      error = file + ": " + error;
      return false;
    }
    if (table.empty() || !table.front().key.empty()) {
      error = file + ": a table without a checkpoint header; not a "
                     "TensorFlow checkpoint";
      return false;
    }
    for (const detail::TableEntry &row : table) {
      tensorflow::SavedTensorSlices record;
      if (!record.ParseFromString(row.value) ||
          (row.key.empty() && !record.has_meta())) {
        error = file + ": corrupt entry (not a SavedTensorSlices record); "
                       "not a legacy V1 checkpoint";
        return false;
      }
      if (row.key.empty()) {
        for (const auto &meta : record.meta().tensor()) {
          BundleEntry &entry = entries[meta.name()];
          entry.dtype = static_cast<DataType>(meta.type());
          entry.shard = shard;
          if (!detail::convertShape(meta.shape(), entry.shape, error)) {
            error = file + ": tensor " + quote(meta.name()) + ": " + error;
            return false;
          }
          bool full = meta.slice_size() == 1 &&
                      isFullSlice(meta.slice(0), entry.shape);
          entry.numSlices = full ? 0 : std::max(meta.slice_size(), 2);
        }
        continue;
      }
      const tensorflow::SavedSlice &slice = record.data();
      if (!slice.has_data())
        continue;
      std::string values;
      slice.data().SerializeToString(&values);
      v1Values[slice.name()] = std::move(values);
    }
  }
  return true;
}

//===----------------------------------------------------------------------===//
// V2
//===----------------------------------------------------------------------===//

bool TensorBundleReader::openV2(std::string &error) {
  std::string indexPath = prefixPath + ".index";
  std::vector<detail::TableEntry> table;
  if (!detail::readTable(indexPath, table, error)) {
    error = indexPath + ": " + error;
    return false;
  }
  if (table.empty() || !table.front().key.empty()) {
    error = indexPath + ": no bundle header (the \"\" entry); not a "
                        "TensorFlow V2 checkpoint index";
    return false;
  }
  google::protobuf::LogSilencer silence;
  tensorflow::BundleHeaderProto header;
  if (!header.ParseFromString(table.front().value)) {
    error = indexPath + ": corrupt bundle header";
    return false;
  }
  if (header.endianness() != tensorflow::BundleHeaderProto::LITTLE) {
    error = indexPath + ": the checkpoint was written big-endian, which "
                        "graphc does not read";
    return false;
  }
  if (header.version().min_consumer() > kBundleVersion) {
    error = indexPath + ": written by a newer TensorFlow (bundle version " +
            std::to_string(header.version().producer()) + ", needs a reader "
            "of version " + std::to_string(header.version().min_consumer()) +
            "; graphc reads version " + std::to_string(kBundleVersion) + ")";
    return false;
  }
  if (header.num_shards() < 1) {
    error = indexPath + ": bundle header says " +
            std::to_string(header.num_shards()) + " shards";
    return false;
  }
  shards = header.num_shards();
  for (size_t i = 1; i < table.size(); ++i) {
    const detail::TableEntry &row = table[i];
    tensorflow::BundleEntryProto proto;
    std::string printable = row.key.empty() || row.key[0] != '\0'
                                ? row.key
                                : std::string("<slice key>");
    if (!proto.ParseFromString(row.value)) {
      error = indexPath + ": tensor " + quote(printable) +
              ": corrupt index entry";
      return false;
    }
    BundleEntry entry;
    entry.dtype = static_cast<DataType>(proto.dtype());
    if (!detail::convertShape(proto.shape(), entry.shape, error)) {
      error = indexPath + ": tensor " + quote(printable) + ": " + error;
      return false;
    }
    entry.shard = proto.shard_id();
    entry.offset = proto.offset();
    entry.size = proto.size();
    entry.crc32c = proto.crc32c();
    entry.numSlices = proto.slices_size();
    entries[row.key] = std::move(entry);
  }
  return true;
}

std::unique_ptr<TensorBundleReader>
TensorBundleReader::open(const std::string &prefix, std::string &error) {
  namespace fs = std::filesystem;
  std::unique_ptr<TensorBundleReader> reader(new TensorBundleReader());
  std::error_code ec;
  // Accept "model.index" and "model.data-00000-of-00001" for "model".
  std::string base = prefix;
  if (base.size() > 6 && base.compare(base.size() - 6, 6, ".index") == 0 &&
      fs::is_regular_file(base, ec))
    base.resize(base.size() - 6);
  static const std::regex dataSuffix("\\.data-[0-9]{5}-of-[0-9]{5}$");
  std::string dataPrefix = std::regex_replace(base, dataSuffix, "");
  if (dataPrefix != base && fs::is_regular_file(dataPrefix + ".index", ec))
    base = dataPrefix;
  reader->prefixPath = base;
  if (fs::is_regular_file(base + ".index", ec))
    return reader->openV2(error) ? std::move(reader) : nullptr;

  // A legacy V1 checkpoint: PREFIX itself, or PREFIX-NNNNN-of-MMMMM.
  std::string v1Prefix = stripShardSuffix(base);
  std::vector<std::string> files = v1ShardFiles(v1Prefix);
  if (files.empty() && fs::is_regular_file(base, ec))
    files.push_back(base);
  if (!files.empty()) {
    if (!endsWithTableMagic(files.front())) {
      error = files.front() + ": not a TensorFlow checkpoint (no " + base +
              ".index, and not a legacy V1 checkpoint table)";
      return nullptr;
    }
    reader->prefixPath = v1Prefix;
    return reader->openV1(files, error) ? std::move(reader) : nullptr;
  }
  error = base + ".index: cannot open: " + std::strerror(ENOENT) +
          " (a checkpoint is given by its prefix: PREFIX.index + "
          "PREFIX.data-NNNNN-of-MMMMM)";
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Reading one tensor
//===----------------------------------------------------------------------===//

/// Parses the string tensor layout from `bytes`, checking the length
/// checksum; `crc` receives the checksum of everything, as TF computes it.
static bool decodeStrings(const std::string &bytes, int64_t count,
                          std::vector<std::string> &strings, uint32_t &crc,
                          std::string &error) {
  const char *p = bytes.data();
  const char *end = bytes.data() + bytes.size();
  std::vector<uint64_t> lengths(static_cast<size_t>(count));
  crc = 0;
  for (int64_t i = 0; i < count; ++i) {
    uint64_t value = 0;
    int shift = 0;
    for (;;) {
      if (p == end || shift > 63) {
        error = "corrupt string lengths";
        return false;
      }
      uint8_t byte = static_cast<uint8_t>(*p++);
      value |= uint64_t(byte & 0x7f) << shift;
      shift += 7;
      if (!(byte & 0x80))
        break;
    }
    lengths[i] = value;
    if (value <= UINT32_MAX) {
      uint32_t length32 = static_cast<uint32_t>(value);
      crc = crc32cExtend(crc, &length32, sizeof(length32));
    } else {
      crc = crc32cExtend(crc, &value, sizeof(value));
    }
  }
  if (end - p < 4) {
    error = "corrupt string lengths";
    return false;
  }
  uint32_t stored;
  std::memcpy(&stored, p, 4);
  if (crc32cUnmask(stored) != crc) {
    error = "checksum mismatch in the string lengths (stored " +
            hex(crc32cUnmask(stored)) + ", computed " + hex(crc) +
            "): the checkpoint is corrupt";
    return false;
  }
  crc = crc32cExtend(crc, p, 4);
  p += 4;
  strings.resize(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    if (lengths[i] > static_cast<uint64_t>(end - p)) {
      error = "string data shorter than its lengths say";
      return false;
    }
    strings[i].assign(p, static_cast<size_t>(lengths[i]));
    crc = crc32cExtend(crc, p, static_cast<size_t>(lengths[i]));
    p += lengths[i];
  }
  return true;
}

bool TensorBundleReader::readV2(const std::string &key,
                                const BundleEntry &entry, Tensor &out,
                                std::string &error) const {
  int64_t count = entry.shape.numElements();
  int elementSize = dataTypeSize(entry.dtype);
  int64_t bytesNeeded = 0;
  if (count < 0 || __builtin_mul_overflow(count, elementSize, &bytesNeeded)) {
    error = dataTypeName(entry.dtype) + " " + shapeString(entry.shape) +
            " needs 2^63 bytes or more";
    return false;
  }
  if (entry.dtype == DT_STRING) {
    if (entry.size < count) { // at least one length byte per string
      error = "the index gives " + std::to_string(entry.size) +
              " bytes for " + std::to_string(count) + " strings";
      return false;
    }
  } else if (elementSize == 0 || entry.dtype == DT_COMPLEX64 ||
             entry.dtype == DT_COMPLEX128) {
    error = "dtype " + dataTypeName(entry.dtype) + " is not supported";
    return false;
  } else if (entry.size != bytesNeeded) {
    error = "the index gives " + std::to_string(entry.size) + " bytes, but " +
            dataTypeName(entry.dtype) + " " + shapeString(entry.shape) +
            " needs " + std::to_string(bytesNeeded);
    return false;
  }
  if (entry.shard < 0 || entry.shard >= shards) {
    error = "the index names shard " + std::to_string(entry.shard) +
            " of a checkpoint with " + std::to_string(shards);
    return false;
  }

  std::string path = dataFileName(entry.shard);
  std::ifstream file(path, std::ios::in | std::ios::binary);
  if (!file) {
    error = "data file '" + path + "' (shard " + std::to_string(entry.shard) +
            " of " + std::to_string(shards) + ") cannot be opened: " +
            std::strerror(errno);
    return false;
  }
  file.seekg(0, std::ios::end);
  int64_t fileSize = static_cast<int64_t>(file.tellg());
  if (entry.offset < 0 || entry.size < 0 || entry.offset > fileSize ||
      entry.size > fileSize - entry.offset) {
    error = "data file '" + path + "' has " + std::to_string(fileSize) +
            " bytes but the tensor lies at [" + std::to_string(entry.offset) +
            ", " + std::to_string(entry.offset + entry.size) +
            "): truncated file";
    return false;
  }
  std::string bytes(static_cast<size_t>(entry.size), '\0');
  file.seekg(entry.offset);
  file.read(bytes.data(), entry.size);
  if (!file) {
    error = "cannot read data file '" + path + "': " + std::strerror(errno);
    return false;
  }

  uint32_t actual;
  if (entry.dtype == DT_STRING) {
    if (!decodeStrings(bytes, count, out.strings, actual, error))
      return false;
  } else {
    actual = crc32c(bytes.data(), bytes.size());
  }
  uint32_t stored = crc32cUnmask(entry.crc32c);
  if (actual != stored) {
    error = "checksum mismatch in data file '" + path + "' (stored " +
            hex(stored) + ", computed " + hex(actual) +
            "): the checkpoint is corrupt";
    return false;
  }
  if (entry.dtype != DT_STRING)
    out.data.assign(bytes.begin(), bytes.end());
  return true;
}

bool TensorBundleReader::read(const std::string &key, Tensor &out,
                              std::string &error) const {
  out = Tensor();
  const BundleEntry *entry = find(key);
  if (!entry) {
    error = "tensor " + quote(key) + ": not in checkpoint '" + prefixPath +
            "'";
    return false;
  }
  if (entry->numSlices > 0) {
    error = "tensor " + quote(key) + ": stored as " +
            std::to_string(entry->numSlices) +
            " slices (a partitioned variable); graphc does not reassemble "
            "sliced checkpoint tensors";
    return false;
  }
  if (entry->shape.numElements() < 0) {
    error = "tensor " + quote(key) + ": the checkpoint gives no full shape";
    return false;
  }
  out.dtype = entry->dtype;
  out.shape = entry->shape;
  bool ok;
  if (fileFormat == Format::V2) {
    ok = readV2(key, *entry, out, error);
  } else {
    auto it = v1Values.find(key);
    google::protobuf::LogSilencer silence;
    tensorflow::TensorProto proto;
    if (it == v1Values.end() || !proto.ParseFromString(it->second)) {
      error = "no values in '" + dataFileName(entry->shard) + "'";
      ok = false;
    } else {
      // V1 records hold only the values; dtype and shape are the meta's.
      proto.set_dtype(static_cast<tensorflow::DataType>(entry->dtype));
      auto *shape = proto.mutable_tensor_shape();
      shape->Clear();
      for (int64_t d : entry->shape.dims)
        shape->add_dim()->set_size(d);
      ok = detail::decodeTensor(proto, out, error);
    }
  }
  if (!ok)
    error = "tensor " + quote(key) + ": " + error;
  return ok;
}

} // namespace graphc::tf

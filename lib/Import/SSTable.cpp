//===- SSTable.cpp - read TensorFlow's immutable sorted tables ------------===//
//
// Footer -> index block -> data blocks -> entries. Blocks are checked
// against their trailer checksum before anything is decoded, decompressed
// with snappy when their type byte says so, and every length and offset is
// bounds-checked, so a truncated or damaged file gives an error, never a
// crash.
//
//===----------------------------------------------------------------------===//
#include "SSTable.h"

#include "Crc32c.h"

#include <snappy.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace graphc::tf::detail {

namespace {
constexpr size_t kFooterSize = 48;
constexpr size_t kBlockTrailerSize = 5;
enum : uint8_t { kNoCompression = 0, kSnappyCompression = 1 };

uint32_t decodeFixed32(const char *p) {
  const auto *u = reinterpret_cast<const uint8_t *>(p);
  return uint32_t(u[0]) | (uint32_t(u[1]) << 8) | (uint32_t(u[2]) << 16) |
         (uint32_t(u[3]) << 24);
}

uint64_t decodeFixed64(const char *p) {
  return uint64_t(decodeFixed32(p)) | (uint64_t(decodeFixed32(p + 4)) << 32);
}

/// Reads a varint of at most `maxBits` bits from [*p, end); advances *p.
bool getVarint(const char **p, const char *end, uint64_t &value,
               int maxBits = 64) {
  value = 0;
  for (int shift = 0; shift < maxBits && *p < end; shift += 7) {
    uint8_t byte = static_cast<uint8_t>(**p);
    ++*p;
    value |= uint64_t(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return true;
  }
  return false;
}

std::string hex(uint64_t value) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "0x%08llx", (unsigned long long)value);
  return buf;
}

struct BlockHandle {
  uint64_t offset = 0;
  uint64_t size = 0;
};

bool decodeHandle(const char **p, const char *end, BlockHandle &handle) {
  return getVarint(p, end, handle.offset) && getVarint(p, end, handle.size);
}

/// The block `handle` points at, checksum-verified and decompressed.
bool readBlock(const std::string &file, const BlockHandle &handle,
               std::string &contents, std::string &error, TableStats *stats) {
  std::string where = "block at offset " + std::to_string(handle.offset);
  if (handle.offset > file.size() ||
      file.size() - handle.offset < kBlockTrailerSize ||
      handle.size > file.size() - handle.offset - kBlockTrailerSize) {
    error = where + " (" + std::to_string(handle.size) +
            " bytes) extends past the end of the file (" +
            std::to_string(file.size()) + " bytes): truncated file";
    return false;
  }
  const char *data = file.data() + handle.offset;
  size_t n = static_cast<size_t>(handle.size);
  uint32_t stored = crc32cUnmask(decodeFixed32(data + n + 1));
  uint32_t actual = crc32c(data, n + 1); // contents + type byte
  if (stored != actual) {
    error = where + ": checksum mismatch (stored " + hex(stored) +
            ", computed " + hex(actual) + "): corrupt file";
    return false;
  }
  if (stats) {
    ++stats->blocks;
    stats->snappyBlocks += data[n] == kSnappyCompression;
  }
  switch (static_cast<uint8_t>(data[n])) {
  case kNoCompression:
    contents.assign(data, n);
    return true;
  case kSnappyCompression: {
    if (!snappy::Uncompress(data, n, &contents)) {
      error = where + ": corrupt snappy-compressed block";
      return false;
    }
    return true;
  }
  default:
    error = where + ": unknown compression type " +
            std::to_string(static_cast<uint8_t>(data[n]));
    return false;
  }
}

/// Appends the entries of one block (prefix-compressed keys; the restart
/// array at the end is only needed for seeking, but is validated).
bool parseBlock(const std::string &block, const std::string &where,
                std::vector<TableEntry> &entries, std::string &error) {
  if (block.size() < 4) {
    error = where + ": block too short";
    return false;
  }
  uint32_t numRestarts = decodeFixed32(block.data() + block.size() - 4);
  size_t maxRestarts = (block.size() - 4) / 4;
  if (numRestarts > maxRestarts) {
    error = where + ": corrupt block (bad restart count)";
    return false;
  }
  const char *p = block.data();
  const char *limit = block.data() + block.size() - 4 - 4 * numRestarts;
  std::string key;
  while (p < limit) {
    uint64_t shared, nonShared, valueLength;
    if (!getVarint(&p, limit, shared, 32) ||
        !getVarint(&p, limit, nonShared, 32) ||
        !getVarint(&p, limit, valueLength, 32) || shared > key.size() ||
        nonShared + valueLength > static_cast<uint64_t>(limit - p)) {
      error = where + ": corrupt block entry";
      return false;
    }
    key.resize(shared);
    key.append(p, nonShared);
    p += nonShared;
    entries.push_back(TableEntry{key, std::string(p, valueLength)});
    p += valueLength;
  }
  return true;
}
} // namespace

bool hasTableMagic(const std::string &bytes) {
  return bytes.size() >= kFooterSize &&
         decodeFixed64(bytes.data() + bytes.size() - 8) == kTableMagicNumber;
}

bool parseTable(const std::string &bytes, std::vector<TableEntry> &entries,
                std::string &error, TableStats *stats) {
  entries.clear();
  if (bytes.size() < kFooterSize) {
    error = "truncated file (" + std::to_string(bytes.size()) +
            " bytes; a table ends with a " + std::to_string(kFooterSize) +
            "-byte footer)";
    return false;
  }
  if (!hasTableMagic(bytes)) {
    error = "not a TensorFlow table file (bad magic number at the end; "
            "truncated or not a checkpoint index)";
    return false;
  }
  const char *footer = bytes.data() + bytes.size() - kFooterSize;
  const char *footerEnd = bytes.data() + bytes.size() - 8;
  BlockHandle metaindex, index;
  if (!decodeHandle(&footer, footerEnd, metaindex) ||
      !decodeHandle(&footer, footerEnd, index)) {
    error = "corrupt table footer";
    return false;
  }
  std::string indexBlock;
  if (!readBlock(bytes, index, indexBlock, error, stats))
    return error = "index " + error, false;
  std::vector<TableEntry> handles;
  if (!parseBlock(indexBlock, "index block", handles, error))
    return false;
  for (const TableEntry &entry : handles) {
    BlockHandle handle;
    const char *p = entry.value.data();
    if (!decodeHandle(&p, p + entry.value.size(), handle)) {
      error = "index block: corrupt block handle";
      return false;
    }
    std::string block;
    if (!readBlock(bytes, handle, block, error, stats) ||
        !parseBlock(block, "block at offset " + std::to_string(handle.offset),
                    entries, error))
      return false;
  }
  return true;
}

bool readTable(const std::string &path, std::vector<TableEntry> &entries,
               std::string &error) {
  std::ifstream file(path, std::ios::in | std::ios::binary);
  if (!file) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  std::string bytes((std::istreambuf_iterator<char>(file)),
                    std::istreambuf_iterator<char>());
  if (file.bad()) {
    error = std::string("cannot read: ") + std::strerror(errno);
    return false;
  }
  return parseTable(bytes, entries, error);
}

} // namespace graphc::tf::detail

//===- TableBounds.cpp - check a table's block handles before LevelDB -----===//
//
// LevelDB trusts the tables it reads (they are its own): ReadBlock
// (table/format.cc) allocates `handle.size + 5` bytes before it reads a
// block, and a snappy block's declared uncompressed length before it
// decompresses it, so a 48-byte footer could ask for terabytes (the
// checkpoint fuzzer found that within a minute); and its block iterator
// (table/block.cc, DecodeEntry) checks an entry's key and value lengths
// against the block with a 32-bit sum that wraps, after which it reads
// gigabytes past the block. A crafted file has valid checksums, so they do
// not stop either. This file walks what LevelDB will read when a table is
// opened and iterated from the first entry to the last, in its own order
// and with its own decoding (the footer's index handle, the index block's
// entries and the data-block handles they hold, each data block's
// entries), and refuses the table if a handle points past the end of the
// file, a snappy block declares more bytes than snappy can expand it to, or
// an entry's lengths overflow 32 bits. Nothing is allocated beyond what the
// file justifies. LevelDB then reads and checksums the blocks as before
// (SSTable.cpp).
//
//===----------------------------------------------------------------------===//
#include "SSTable.h"

#include <snappy.h>

#include <cstring>

namespace graphc::tf::detail {

namespace {
constexpr size_t kBlockTrailerSize = 5; // compression type + masked CRC
constexpr char kSnappyBlock = 1;
// A snappy element expands at most 64 bytes out of 3 (a copy with a 2-byte
// offset; literals do not expand, other copies expand less), so no valid
// block decompresses to more than 22 times its size.
constexpr uint64_t kMaxSnappyExpansion = 22;

struct Handle {
  uint64_t offset = 0;
  uint64_t size = 0;
};

/// LevelDB's varint decoding (util/coding.cc), bounds-checked: at most
/// MaxShift / 7 + 1 bytes, bits past the width of T dropped, as LevelDB
/// drops them (5 bytes for a varint32, 10 for a varint64).
template <typename T, int MaxShift>
bool getVarint(const char *&p, const char *end, T &value) {
  value = 0;
  for (int shift = 0; shift <= MaxShift && p < end; shift += 7) {
    T byte = static_cast<uint8_t>(*p++);
    value |= (byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return true;
  }
  return false;
}

bool getVarint64(const char *&p, const char *end, uint64_t &value) {
  return getVarint<uint64_t, 63>(p, end, value);
}

bool getVarint32(const char *&p, const char *end, uint32_t &value) {
  return getVarint<uint32_t, 28>(p, end, value);
}

uint32_t decodeFixed32(const char *p) {
  const auto *u = reinterpret_cast<const uint8_t *>(p);
  return uint32_t(u[0]) | uint32_t(u[1]) << 8 | uint32_t(u[2]) << 16 |
         uint32_t(u[3]) << 24;
}

std::string where(const Handle &h) {
  return "block at offset " + std::to_string(h.offset) + " (" +
         std::to_string(h.size) + " bytes)";
}

/// Checks that the block `h` and its trailer lie inside `file` and that a
/// snappy block's declared length is one snappy could produce. On success
/// `contents` holds the block's bytes, decompressed.
/// A block LevelDB would refuse by itself (truncated, an unknown
/// compression type) passes, with `contents` empty: LevelDB reports it.
bool checkBlock(const std::string &file, const Handle &h,
                std::string &contents, std::string &error) {
  contents.clear();
  if (h.offset > file.size() || h.size > file.size() - h.offset) {
    error = where(h) + " lies past the end of the " +
            std::to_string(file.size()) + "-byte file";
    return false;
  }
  if (file.size() - h.offset - h.size < kBlockTrailerSize)
    return true; // LevelDB: "truncated block read"
  const char *data = file.data() + h.offset;
  char type = data[h.size];
  if (type != kSnappyBlock) {
    if (type == 0)
      contents.assign(data, h.size);
    return true;
  }
  size_t length = 0;
  if (!snappy::GetUncompressedLength(data, h.size, &length))
    return true; // LevelDB: "corrupted compressed block contents"
  if (length > kMaxSnappyExpansion * h.size) {
    error = where(h) + " declares " + std::to_string(length) +
            " bytes uncompressed, more than snappy can expand it to";
    return false;
  }
  if (!snappy::Uncompress(data, h.size, &contents))
    contents.clear();
  return true;
}

/// Visits the values of a block's entries as LevelDB's block iterator
/// (table/block.cc) yields them from SeekToFirst through Next: from the
/// first restart point on, until the restart array or a malformed entry
/// (where LevelDB stops with a corruption status). Fails on an entry whose
/// key and value lengths LevelDB would add up wrongly, with `error` naming
/// `block` as `what`, or when `visit` fails (it sets `error`).
template <typename Visit>
bool forEachValue(const std::string &block, const std::string &what,
                  std::string &error, Visit visit) {
  if (block.size() < 4)
    return true;
  uint64_t numRestarts = decodeFixed32(block.data() + block.size() - 4);
  if (numRestarts == 0 || numRestarts > (block.size() - 4) / 4)
    return true;
  size_t restartsOffset = block.size() - (1 + numRestarts) * 4;
  size_t first = decodeFixed32(block.data() + restartsOffset);
  if (first >= restartsOffset)
    return true;
  const char *p = block.data() + first;
  const char *limit = block.data() + restartsOffset;
  uint64_t keySize = 0;
  while (p < limit) {
    uint32_t shared, nonShared, valueLength;
    if (!getVarint32(p, limit, shared) || !getVarint32(p, limit, nonShared) ||
        !getVarint32(p, limit, valueLength))
      return true;
    if (uint64_t(nonShared) + valueLength > UINT32_MAX) {
      error = what + " holds an entry with a " + std::to_string(nonShared) +
              "-byte key and a " + std::to_string(valueLength) +
              "-byte value";
      return false;
    }
    if (uint64_t(limit - p) < uint64_t(nonShared) + valueLength ||
        shared > keySize)
      return true;
    keySize = uint64_t(shared) + nonShared;
    p += nonShared;
    if (!visit(p, p + valueLength))
      return false;
    p += valueLength;
  }
  return true;
}
} // namespace

bool checkTableBounds(const std::string &file, std::string &error) {
  if (file.size() < kTableFooterSize)
    return true; // parseTable says "truncated file"
  const char *footer = file.data() + file.size() - kTableFooterSize;
  // As in LevelDB's Footer::DecodeFrom, the handles' varints may run into
  // the magic number.
  const char *footerEnd = footer + kTableFooterSize;
  Handle metaindex, index;
  if (!getVarint64(footer, footerEnd, metaindex.offset) ||
      !getVarint64(footer, footerEnd, metaindex.size) ||
      !getVarint64(footer, footerEnd, index.offset) ||
      !getVarint64(footer, footerEnd, index.size))
    return true; // LevelDB: "bad block handle"
  std::string indexBlock;
  if (!checkBlock(file, index, indexBlock, error)) {
    error = "the footer's index " + error;
    return false;
  }
  auto noVisit = [](const char *, const char *) { return true; };
  std::string dataBlock;
  return forEachValue(indexBlock, "the index block", error,
                      [&](const char *p, const char *end) {
    Handle data;
    if (!getVarint64(p, end, data.offset) || !getVarint64(p, end, data.size))
      return true; // LevelDB: "bad block handle"
    if (!checkBlock(file, data, dataBlock, error)) {
      error = "the index's data " + error;
      return false;
    }
    return forEachValue(dataBlock, "the data " + where(data), error, noVisit);
  });
}

} // namespace graphc::tf::detail

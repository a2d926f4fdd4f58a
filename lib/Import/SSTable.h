//===- SSTable.h - read TensorFlow's immutable sorted tables ----*- C++ -*-===//
//
// Private to GraphcTFProto. A checkpoint's `.index` file (and the whole of a
// legacy V1 checkpoint) is a LevelDB-style table as TensorFlow's
// lib/io/table writes it: data blocks of prefix-compressed key/value entries
// with restart points, an index block mapping each data block's last key to
// its BlockHandle (varint64 offset + size), and a 48-byte footer ending in
// the magic number 0xdb4775248b80fb57. Every block is followed by a 5-byte
// trailer: its compression type (none or snappy) and the masked CRC-32C of
// the block and type byte, which is verified. Read with LevelDB's own
// table reader (SSTable.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_SSTABLE_H
#define GRAPHC_LIB_IMPORT_SSTABLE_H

#include <cstdint>
#include <string>
#include <vector>

namespace graphc::tf::detail {

struct TableEntry {
  std::string key;
  std::string value;
};

/// The magic number at the end of every table file.
constexpr uint64_t kTableMagicNumber = 0xdb4775248b80fb57ull;

/// The fixed-size footer every table file ends with: two block handles
/// (padded to 40 bytes) and the magic number.
constexpr size_t kTableFooterSize = 48;

/// Parses a whole table held in `bytes` into its entries, in key order. On a
/// malformed table returns false with a one-line reason in `error`, e.g.
/// "block at offset 0: checksum mismatch (stored 0x..., computed 0x...)".
bool parseTable(const std::string &bytes, std::vector<TableEntry> &entries,
                std::string &error);

/// Reads the file at `path` and parses it (index files are small: one entry
/// per tensor).
bool readTable(const std::string &path, std::vector<TableEntry> &entries,
               std::string &error);

/// Checks what LevelDB will read in the table `bytes`: the block handles it
/// will follow (the footer's index handle, each index entry's data-block
/// handle) against the file's size, each snappy block's declared length
/// against snappy's largest expansion, and each entry's key and value
/// lengths against 32-bit overflow, so that reading it allocates and reads
/// no more than the file holds (TableBounds.cpp). On failure returns false
/// with the reason.
bool checkTableBounds(const std::string &bytes, std::string &error);

/// True if `bytes` ends with the table magic number.
bool hasTableMagic(const std::string &bytes);

} // namespace graphc::tf::detail

#endif // GRAPHC_LIB_IMPORT_SSTABLE_H

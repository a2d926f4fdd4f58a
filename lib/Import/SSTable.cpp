//===- SSTable.cpp - read TensorFlow's immutable sorted tables ------------===//
//
// TF's tensor-bundle index (and a V1 checkpoint) is a LevelDB table: same
// block format, footer magic and masked CRC-32C. LevelDB's own reader
// (leveldb::Table, Debian's libleveldb-dev), which OSS-Fuzz fuzzes, reads it
// with every block's checksum verified and snappy blocks decompressed; this
// file only adds two checks with clearer messages (too short for a footer,
// wrong magic: "not a checkpoint index"), the bounds check LevelDB leaves
// to its callers (TableBounds.cpp) and turns its status into our one-line
// errors. It replaced a reader of our own (issue 11 item 3).
//
//===----------------------------------------------------------------------===//
#include "SSTable.h"

#include <leveldb/env.h>
#include <leveldb/iterator.h>
#include <leveldb/options.h>
#include <leveldb/table.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace graphc::tf::detail {

namespace {
uint64_t decodeFixed64(const char *p) {
  const auto *u = reinterpret_cast<const uint8_t *>(p);
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i)
    value = (value << 8) | u[i];
  return value;
}

/// The table's bytes, already in memory, as LevelDB's file interface.
class StringFile : public leveldb::RandomAccessFile {
public:
  explicit StringFile(const std::string &bytes) : bytes(bytes) {}
  leveldb::Status Read(uint64_t offset, size_t n, leveldb::Slice *result,
                       char *) const override {
    if (offset > bytes.size())
      return leveldb::Status::Corruption("read past the end of the file");
    n = std::min<uint64_t>(n, bytes.size() - offset);
    *result = leveldb::Slice(bytes.data() + offset, n);
    return leveldb::Status::OK();
  }

private:
  const std::string &bytes;
};

/// "Corruption: block checksum mismatch" -> "block checksum mismatch".
std::string statusText(const leveldb::Status &status) {
  std::string text = status.ToString();
  for (const char *prefix : {"Corruption: ", "Invalid argument: "})
    if (text.rfind(prefix, 0) == 0)
      return text.substr(std::strlen(prefix));
  return text;
}
} // namespace

bool hasTableMagic(const std::string &bytes) {
  return bytes.size() >= kTableFooterSize &&
         decodeFixed64(bytes.data() + bytes.size() - 8) == kTableMagicNumber;
}

bool parseTable(const std::string &bytes, std::vector<TableEntry> &entries,
                std::string &error) {
  entries.clear();
  if (bytes.size() < kTableFooterSize) {
    error = "truncated file (" + std::to_string(bytes.size()) +
            " bytes; a table ends with a " + std::to_string(kTableFooterSize) +
            "-byte footer)";
    return false;
  }
  if (!hasTableMagic(bytes)) {
    error = "not a TensorFlow table file (bad magic number at the end; "
            "truncated or not a checkpoint index)";
    return false;
  }
  // LevelDB allocates what a block handle says before it reads the block.
  if (!checkTableBounds(bytes, error)) {
    error += ": corrupt file";
    return false;
  }
  StringFile file(bytes);
  leveldb::Options options; // bytewise keys, as TF writes them
  options.paranoid_checks = true;
  leveldb::Table *opened = nullptr;
  leveldb::Status status =
      leveldb::Table::Open(options, &file, bytes.size(), &opened);
  std::unique_ptr<leveldb::Table> table(opened);
  if (!status.ok()) {
    error = statusText(status) + ": corrupt file";
    return false;
  }
  leveldb::ReadOptions read;
  read.verify_checksums = true;
  read.fill_cache = false;
  std::unique_ptr<leveldb::Iterator> it(table->NewIterator(read));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    entries.push_back(TableEntry{it->key().ToString(), it->value().ToString()});
  if (!it->status().ok()) {
    error = statusText(it->status()) + ": corrupt file";
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

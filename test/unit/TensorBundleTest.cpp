//===- TensorBundleTest.cpp - checkpoint reader tests ---------------------===//
//
// TensorBundleReader on TF's own checkpoints in ../shared/models/savedmodels
// (skipped when absent): the values the models' README states, snappy-
// compressed indexes, the legacy V1 format, TF2 object-graph keys; on
// damaged copies made in a temp dir (truncated index, flipped data byte,
// missing or truncated shard); and on small bundles written here (string
// tensors, several shards, slices, unsupported dtypes, big-endian headers).
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/CheckpointKeys.h"
#include "graphc/Import/TensorBundle.h"

#include "Crc32c.h"
#include "SSTable.h"
#include "proto/tensor_bundle.pb.h"

#include <gtest/gtest.h>
#include <snappy.h>

#include <cstring>
#include <filesystem>
#include <fstream>

using namespace graphc::tf;
namespace fs = std::filesystem;

namespace {

const std::string kModels = GRAPHC_MODELS_DIR "/savedmodels";

bool haveModels() { return fs::is_directory(kModels); }

#define REQUIRE_MODELS()                                                       \
  if (!haveModels())                                                           \
  GTEST_SKIP() << kModels << " not found"

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

void writeFile(const std::string &path, const std::string &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), bytes.size());
}

float scalarFloat(const TensorBundleReader &reader, const std::string &key) {
  Tensor t;
  std::string error;
  EXPECT_TRUE(reader.read(key, t, error)) << error;
  EXPECT_EQ(t.dtype, DT_FLOAT);
  if (t.data.size() != 4)
    return -1;
  float value;
  std::memcpy(&value, t.data.data(), 4);
  return value;
}

/// A fresh temp dir per test.
class TempDir {
public:
  TempDir() {
    path = fs::temp_directory_path() /
           ("graphc-bundle-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string &name) const {
    return (path / name).string();
  }
  fs::path path;
};

/// Copies checkpoint `prefix` (index + data files) to `dir/name`.
std::string copyCheckpoint(const std::string &prefix, const TempDir &dir,
                           const std::string &name) {
  fs::path src(prefix);
  for (const auto &entry : fs::directory_iterator(src.parent_path())) {
    std::string file = entry.path().filename().string();
    std::string base = src.filename().string();
    if (file.rfind(base + ".", 0) == 0)
      fs::copy_file(entry.path(), dir / (name + file.substr(base.size())));
  }
  return dir / name;
}

//===----------------------------------------------------------------------===//
// A minimal table and bundle writer for hand-made checkpoints.
//===----------------------------------------------------------------------===//

void putVarint(std::string &out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void putFixed32(std::string &out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>(v >> (8 * i)));
}

std::string makeBlock(const std::vector<std::pair<std::string, std::string>> &kv) {
  std::string block;
  std::vector<uint32_t> restarts;
  for (const auto &[key, value] : kv) {
    restarts.push_back(block.size());
    putVarint(block, 0);
    putVarint(block, key.size());
    putVarint(block, value.size());
    block += key + value;
  }
  if (restarts.empty())
    restarts.push_back(0);
  for (uint32_t r : restarts)
    putFixed32(block, r);
  putFixed32(block, restarts.size());
  return block;
}

std::string appendBlock(std::string &file, const std::string &contents) {
  std::string handle;
  putVarint(handle, file.size());
  putVarint(handle, contents.size());
  std::string withType = contents + std::string(1, '\0');
  file += withType;
  putFixed32(file, graphc::tf::detail::crc32cMask(
                       graphc::tf::detail::crc32c(withType.data(),
                                                  withType.size())));
  return handle;
}

std::string makeHandle(uint64_t offset, uint64_t size) {
  std::string handle;
  putVarint(handle, offset);
  putVarint(handle, size);
  return handle;
}

std::string makeFooter(const std::string &metaHandle,
                       const std::string &indexHandle) {
  std::string footer = metaHandle + indexHandle;
  footer.resize(40, '\0');
  putFixed32(footer, static_cast<uint32_t>(graphc::tf::detail::kTableMagicNumber));
  putFixed32(footer,
             static_cast<uint32_t>(graphc::tf::detail::kTableMagicNumber >> 32));
  return footer;
}

std::string makeTable(const std::vector<std::pair<std::string, std::string>> &kv) {
  std::string file;
  std::string data = appendBlock(file, makeBlock(kv));
  std::string meta = appendBlock(file, makeBlock({}));
  std::string index = appendBlock(
      file, makeBlock({{kv.empty() ? std::string() : kv.back().first, data}}));
  return file + makeFooter(meta, index);
}

struct Bundle {
  int shards = 1;
  bool bigEndian = false;
  std::vector<std::string> data; // per shard
  std::vector<std::pair<std::string, std::string>> entries;

  Bundle(int shards = 1) : shards(shards), data(shards) {}

  /// Adds a tensor of raw bytes `bytes` in shard `shard`.
  tensorflow::BundleEntryProto &add(const std::string &key,
                                    tensorflow::DataType dtype,
                                    std::vector<int64_t> dims,
                                    const std::string &bytes, int shard = 0,
                                    uint32_t crc = 0, bool useCrc = false) {
    tensorflow::BundleEntryProto entry;
    entry.set_dtype(dtype);
    for (int64_t d : dims)
      entry.mutable_shape()->add_dim()->set_size(d);
    entry.set_shard_id(shard);
    entry.set_offset(data[shard].size());
    entry.set_size(bytes.size());
    entry.set_crc32c(graphc::tf::detail::crc32cMask(
        useCrc ? crc : graphc::tf::detail::crc32c(bytes.data(), bytes.size())));
    data[shard] += bytes;
    protos.push_back(std::make_pair(key, entry));
    return protos.back().second;
  }

  std::vector<std::pair<std::string, tensorflow::BundleEntryProto>> protos;

  std::string write(const TempDir &dir, const std::string &name) {
    tensorflow::BundleHeaderProto header;
    header.set_num_shards(shards);
    if (bigEndian)
      header.set_endianness(tensorflow::BundleHeaderProto::BIG);
    header.mutable_version()->set_producer(1);
    std::vector<std::pair<std::string, std::string>> kv;
    kv.emplace_back("", header.SerializeAsString());
    std::sort(protos.begin(), protos.end(),
              [](auto &a, auto &b) { return a.first < b.first; });
    for (auto &[key, entry] : protos)
      kv.emplace_back(key, entry.SerializeAsString());
    std::string prefix = dir / name;
    writeFile(prefix + ".index", makeTable(kv));
    for (int s = 0; s < shards; ++s) {
      char suffix[64];
      std::snprintf(suffix, sizeof(suffix), ".data-%05d-of-%05d", s, shards);
      writeFile(prefix + suffix, data[s]);
    }
    return prefix;
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// CRC-32C
//===----------------------------------------------------------------------===//

TEST(Crc32c, KnownValuesAndMask) {
  using namespace graphc::tf::detail;
  // The standard check value of CRC-32C.
  EXPECT_EQ(crc32c("123456789", 9), 0xE3069283u);
  EXPECT_EQ(crc32c("", 0), 0u);
  // Extending in pieces equals one pass.
  EXPECT_EQ(crc32cExtend(crc32c("1234", 4), "56789", 5), 0xE3069283u);
  for (uint32_t v : {0u, 1u, 0xE3069283u, 0xffffffffu})
    EXPECT_EQ(crc32cUnmask(crc32cMask(v)), v);
  EXPECT_NE(crc32cMask(0xE3069283u), 0xE3069283u);
}

//===----------------------------------------------------------------------===//
// TF's own checkpoints
//===----------------------------------------------------------------------===//

TEST(TensorBundle, RegressionCheckpointMatchesFrozenGraph) {
  REQUIRE_MODELS();
  std::string dir = kModels + "/regression_ckpt_savedmodel_frozen";
  std::string error;
  auto reader = TensorBundleReader::open(dir + "/checkpoint/model", error);
  ASSERT_TRUE(reader) << error;
  EXPECT_EQ(reader->format(), TensorBundleReader::Format::V2);
  EXPECT_EQ(reader->numShards(), 1);
  EXPECT_EQ(reader->keys(), (std::vector<std::string>{"W", "b"}));
  const BundleEntry *w = reader->find("W");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->dtype, DT_FLOAT);
  EXPECT_TRUE(w->shape.dims.empty());
  EXPECT_EQ(w->size, 4);
  EXPECT_FLOAT_EQ(scalarFloat(*reader, "W"), 0.21396178f);
  EXPECT_FLOAT_EQ(scalarFloat(*reader, "b"), 1.0495254f);

  // Bit for bit what TF's freeze_graph put into graphdef/frozen.pb.
  GraphDef frozen;
  ASSERT_TRUE(readGraphDef(dir + "/graphdef/frozen.pb", frozen, error)) << error;
  int compared = 0;
  for (const NodeDef &node : frozen.nodes) {
    if (node.op != "Const")
      continue;
    Tensor fromCheckpoint;
    ASSERT_TRUE(reader->read(node.name, fromCheckpoint, error)) << error;
    EXPECT_EQ(fromCheckpoint.data, node.attrs.at("value").tensor->data)
        << node.name;
    ++compared;
  }
  EXPECT_EQ(compared, 2);

  // The SavedModel's copy holds the same values; ".index" may be given.
  auto saved = TensorBundleReader::open(
      dir + "/saved_model/variables/variables.index", error);
  ASSERT_TRUE(saved) << error;
  EXPECT_FLOAT_EQ(scalarFloat(*saved, "W"), 0.21396178f);
  // So may a data shard's name.
  auto byShard = TensorBundleReader::open(
      dir + "/checkpoint/model.data-00000-of-00001", error);
  ASSERT_TRUE(byShard) << error;
  EXPECT_EQ(byShard->prefix(), dir + "/checkpoint/model");
}

TEST(TensorBundle, HalfPlusTwoVariants) {
  REQUIRE_MODELS();
  struct Case {
    const char *dir;
    std::string a, b, c;
  } cases[] = {
      {"half_plus_two_tf1/00000123", "a", "b", "c"},
      {"half_plus_two_resource_vars/00000123", "a", "b", "c"},
      {"half_plus_two_2_versions/00000123", "a", "b", ""},
      {"half_plus_two_2_versions/00000124", "a", "b", ""},
      {"half_plus_three_tf1_0/00000123", "a", "b", ""},
      {"half_plus_two_tf2/00000123", "a/.ATTRIBUTES/VARIABLE_VALUE",
       "b/.ATTRIBUTES/VARIABLE_VALUE", "c/.ATTRIBUTES/VARIABLE_VALUE"},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.dir);
    std::string error;
    auto reader = TensorBundleReader::open(
        kModels + "/" + c.dir + "/variables/variables", error);
    ASSERT_TRUE(reader) << error;
    EXPECT_FLOAT_EQ(scalarFloat(*reader, c.a), 0.5f);
    bool three = std::string(c.dir).find("three") != std::string::npos;
    EXPECT_FLOAT_EQ(scalarFloat(*reader, c.b), three ? 3.0f : 2.0f);
    if (!c.c.empty()) {
      EXPECT_FLOAT_EQ(scalarFloat(*reader, c.c), 3.0f);
    }
  }
}

TEST(TensorBundle, SnappyCompressedIndexes) {
  REQUIRE_MODELS();
  // These three indexes were written with snappy-compressed data blocks
  // (counted by graphc's earlier reader; LevelDB decompresses them).
  for (const char *dir : {"half_plus_two_tf1/00000123",
                          "half_plus_two_resource_vars/00000123",
                          "half_plus_two_tf2/00000123"}) {
    SCOPED_TRACE(dir);
    std::string path = kModels + "/" + dir + "/variables/variables.index";
    std::string bytes = readFile(path);
    std::vector<graphc::tf::detail::TableEntry> entries;
    std::string error;
    ASSERT_TRUE(graphc::tf::detail::parseTable(bytes, entries, error)) << error;
    EXPECT_GE(entries.size(), 4u); // header + a, b, c
  }
}

TEST(TensorBundle, ConvCheckpointShapes) {
  REQUIRE_MODELS();
  std::string error;
  auto reader = TensorBundleReader::open(
      kModels + "/half_plus_two_conv/00000123/variables/variables", error);
  ASSERT_TRUE(reader) << error;
  size_t tensors = 0;
  for (const std::string &key : reader->keys()) {
    Tensor t;
    ASSERT_TRUE(reader->read(key, t, error)) << error;
    EXPECT_EQ(t.data.size(), t.shape.numElements() * 4u) << key;
    ++tensors;
  }
  EXPECT_GE(tensors, 6u);
}

TEST(TensorBundle, Tf2ObjectGraph) {
  REQUIRE_MODELS();
  std::string error;
  auto reader = TensorBundleReader::open(
      kModels + "/half_plus_two_tf2/00000123/variables/variables", error);
  ASSERT_TRUE(reader) << error;
  // The object graph is a DT_STRING scalar (checks the string layout and
  // both of its checksums).
  Tensor graph;
  ASSERT_TRUE(reader->read(kObjectGraphKey, graph, error)) << error;
  EXPECT_EQ(graph.dtype, DT_STRING);
  ASSERT_EQ(graph.strings.size(), 1u);
  EXPECT_GT(graph.strings[0].size(), 10u);

  std::map<std::string, std::string> keys;
  ASSERT_TRUE(checkpointObjectGraphKeys(*reader, keys, error)) << error;
  EXPECT_EQ(keys["a/.ATTRIBUTES/VARIABLE_VALUE"], "a");
  EXPECT_EQ(keys["c/.ATTRIBUTES/VARIABLE_VALUE"], "c");

  auto regression = TensorBundleReader::open(
      kModels + "/regression_tf2_savedmodel/variables/variables", error);
  ASSERT_TRUE(regression) << error;
  ASSERT_TRUE(checkpointObjectGraphKeys(*regression, keys, error)) << error;
  EXPECT_TRUE(keys.count("w/.ATTRIBUTES/VARIABLE_VALUE"));
}

TEST(TensorBundle, LegacyV1Format) {
  REQUIRE_MODELS();
  std::string dir = kModels + "/half_plus_two_v1_checkpoint_format/00000123";
  for (std::string prefix : {dir + "/export", dir + "/export-00000-of-00001"}) {
    SCOPED_TRACE(prefix);
    std::string error;
    auto reader = TensorBundleReader::open(prefix, error);
    ASSERT_TRUE(reader) << error;
    EXPECT_EQ(reader->format(), TensorBundleReader::Format::V1);
    EXPECT_FLOAT_EQ(scalarFloat(*reader, "a"), 0.5f);
    EXPECT_FLOAT_EQ(scalarFloat(*reader, "b"), 2.0f);
  }
}

//===----------------------------------------------------------------------===//
// Damaged copies
//===----------------------------------------------------------------------===//

TEST(TensorBundleCorrupt, TruncatedIndex) {
  REQUIRE_MODELS();
  TempDir tmp;
  std::string prefix = copyCheckpoint(
      kModels + "/regression_ckpt_savedmodel_frozen/checkpoint/model", tmp,
      "model");
  std::string index = readFile(prefix + ".index");
  for (size_t keep : {size_t(0), size_t(20), index.size() - 10}) {
    writeFile(prefix + ".index", index.substr(0, keep));
    std::string error;
    EXPECT_FALSE(TensorBundleReader::open(prefix, error));
    EXPECT_NE(error.find("model.index: "), std::string::npos) << error;
    EXPECT_TRUE(error.find("truncated") != std::string::npos) << error;
  }
  // A flipped bit in the data block: its checksum no longer matches.
  std::string flipped = index;
  flipped[5] ^= 0x10;
  writeFile(prefix + ".index", flipped);
  std::string error;
  EXPECT_FALSE(TensorBundleReader::open(prefix, error));
  EXPECT_NE(error.find("model.index: block checksum mismatch: corrupt file"),
            std::string::npos)
      << error;
}

// LevelDB allocates what a block handle or a snappy header says before
// reading: each of these tables would ask it for terabytes or gigabytes
// (the first is what the checkpoint fuzzer found). They are refused first,
// naming the block.
TEST(TensorBundleCorrupt, HostileBlockHandles) {
  using graphc::tf::detail::parseTable;
  std::vector<graphc::tf::detail::TableEntry> entries;
  std::string error;
  std::string good = makeTable({{"a", "1"}});
  ASSERT_TRUE(parseTable(good, entries, error)) << error;
  ASSERT_EQ(entries.size(), 1u);

  // The footer's index handle: 2^50 bytes from offset 3.
  std::string file = good.substr(0, good.size() - 48) +
                     makeFooter(makeHandle(0, 0), makeHandle(3, 1ull << 50));
  EXPECT_FALSE(parseTable(file, entries, error));
  EXPECT_EQ(error, "the footer's index block at offset 3 (1125899906842624 "
                   "bytes) lies past the end of the " +
                       std::to_string(file.size()) +
                       "-byte file: corrupt file");

  // An index entry (with a valid checksum) whose data block is 2^45 bytes.
  file.clear();
  std::string index =
      appendBlock(file, makeBlock({{"a", makeHandle(0, 1ull << 45)}}));
  file += makeFooter(makeHandle(0, 0), index);
  EXPECT_FALSE(parseTable(file, entries, error));
  EXPECT_NE(error.find("the index's data block at offset 0 (35184372088832 "
                       "bytes) lies past the end"),
            std::string::npos)
      << error;

  // A snappy data block of 8 bytes declaring 2^31 bytes uncompressed.
  file.clear();
  std::string header;
  putVarint(header, 1ull << 31);
  file += header + std::string(8 - header.size(), 'x') + std::string(1, '\1');
  putFixed32(file, 0);
  index = appendBlock(file, makeBlock({{"a", makeHandle(0, 8)}}));
  file += makeFooter(makeHandle(0, 0), index);
  EXPECT_FALSE(parseTable(file, entries, error));
  EXPECT_EQ(error, "the index's data block at offset 0 (8 bytes) declares "
                   "2147483648 bytes uncompressed, more than snappy can "
                   "expand it to: corrupt file");

  // A data block (checksummed) whose entry has a 2^32-1-byte key and a
  // 1-byte value: LevelDB's 32-bit sum of the two is 0, which fits, and it
  // then read 4 GB past the block.
  file.clear();
  std::string entry;
  putVarint(entry, 0);
  putVarint(entry, 0xffffffffu);
  putVarint(entry, 1);
  entry += "kv";
  putFixed32(entry, 0);
  putFixed32(entry, 1);
  std::string data = appendBlock(file, entry);
  index = appendBlock(file, makeBlock({{"a", data}}));
  file += makeFooter(makeHandle(0, 0), index);
  EXPECT_FALSE(parseTable(file, entries, error));
  EXPECT_EQ(error, "the data block at offset 0 (" +
                       std::to_string(entry.size()) +
                       " bytes) holds an entry with a 4294967295-byte key "
                       "and a 1-byte value: corrupt file");

  // The same hostile data handle behind a snappy-compressed index block.
  file.clear();
  std::string compressed;
  std::string indexBlock =
      makeBlock({{"a", makeHandle(0, 1ull << 45)}, {"b", makeHandle(0, 0)}});
  snappy::Compress(indexBlock.data(), indexBlock.size(), &compressed);
  file += compressed + std::string(1, '\1');
  putFixed32(file, 0);
  file += makeFooter(makeHandle(0, 0), makeHandle(0, compressed.size()));
  EXPECT_FALSE(parseTable(file, entries, error));
  EXPECT_NE(error.find("the index's data block at offset 0 (35184372088832 "
                       "bytes) lies past the end"),
            std::string::npos)
      << error;
}

TEST(TensorBundleCorrupt, FlippedDataByte) {
  REQUIRE_MODELS();
  TempDir tmp;
  std::string prefix = copyCheckpoint(
      kModels + "/regression_ckpt_savedmodel_frozen/checkpoint/model", tmp,
      "model");
  std::string error;
  auto reader = TensorBundleReader::open(prefix, error);
  ASSERT_TRUE(reader) << error;
  const BundleEntry *b = reader->find("b");
  ASSERT_TRUE(b);
  std::string dataPath = reader->dataFileName(0);
  std::string data = readFile(dataPath);
  data[b->offset] ^= 0x01;
  writeFile(dataPath, data);
  Tensor t;
  EXPECT_FALSE(reader->read("b", t, error));
  EXPECT_EQ(error.rfind("tensor 'b': checksum mismatch in data file", 0), 0u)
      << error;
  EXPECT_NE(error.find("corrupt"), std::string::npos) << error;
  // The other tensor is intact.
  EXPECT_TRUE(reader->read("W", t, error)) << error;
}

TEST(TensorBundleCorrupt, MissingAndTruncatedShard) {
  REQUIRE_MODELS();
  TempDir tmp;
  std::string prefix = copyCheckpoint(
      kModels + "/regression_ckpt_savedmodel_frozen/checkpoint/model", tmp,
      "model");
  std::string error;
  auto reader = TensorBundleReader::open(prefix, error);
  ASSERT_TRUE(reader) << error;
  std::string dataPath = reader->dataFileName(0);
  std::string data = readFile(dataPath);

  writeFile(dataPath, data.substr(0, 6));
  Tensor t;
  EXPECT_FALSE(reader->read("b", t, error));
  EXPECT_EQ(error.rfind("tensor 'b': data file", 0), 0u) << error;
  EXPECT_NE(error.find("has 6 bytes but the tensor lies at [4, 8): truncated"),
            std::string::npos)
      << error;

  fs::remove(dataPath);
  EXPECT_FALSE(reader->read("W", t, error));
  EXPECT_EQ(error.rfind("tensor 'W': data file", 0), 0u) << error;
  EXPECT_NE(error.find("(shard 0 of 1) cannot be opened"), std::string::npos)
      << error;
}

TEST(TensorBundleCorrupt, MissingIndex) {
  TempDir tmp;
  std::string error;
  EXPECT_FALSE(TensorBundleReader::open(tmp / "nothing", error));
  EXPECT_NE(error.find("nothing.index: cannot open"), std::string::npos)
      << error;
  // A file that is no table at all.
  writeFile(tmp / "junk.index", std::string(100, 'x'));
  EXPECT_FALSE(TensorBundleReader::open(tmp / "junk", error));
  EXPECT_NE(error.find("not a TensorFlow table file"), std::string::npos)
      << error;
}

//===----------------------------------------------------------------------===//
// Hand-made bundles
//===----------------------------------------------------------------------===//

TEST(TensorBundleSynthetic, DtypesAndShards) {
  TempDir tmp;
  Bundle bundle(2);
  int64_t ints[3] = {1, -2, 1ll << 40};
  bundle.add("i64", tensorflow::DT_INT64, {3},
             std::string(reinterpret_cast<char *>(ints), sizeof(ints)), 1);
  bundle.add("flags", tensorflow::DT_BOOL, {2}, std::string("\x01\x00", 2));
  bundle.add("half", tensorflow::DT_HALF, {1}, std::string("\x00\x3c", 2), 1);
  bundle.add("empty", tensorflow::DT_FLOAT, {0, 3}, "");
  std::string prefix = bundle.write(tmp, "synthetic");

  std::string error;
  auto reader = TensorBundleReader::open(prefix, error);
  ASSERT_TRUE(reader) << error;
  EXPECT_EQ(reader->numShards(), 2);
  Tensor t;
  ASSERT_TRUE(reader->read("i64", t, error)) << error;
  ASSERT_EQ(t.data.size(), sizeof(ints));
  EXPECT_EQ(std::memcmp(t.data.data(), ints, sizeof(ints)), 0);
  ASSERT_TRUE(reader->read("flags", t, error)) << error;
  EXPECT_EQ(t.data, (std::vector<uint8_t>{1, 0}));
  ASSERT_TRUE(reader->read("half", t, error)) << error;
  EXPECT_EQ(t.dtype, DT_HALF);
  ASSERT_TRUE(reader->read("empty", t, error)) << error;
  EXPECT_TRUE(t.data.empty());
  EXPECT_EQ(t.shape.dims, (std::vector<int64_t>{0, 3}));

  // Shard 1 gone: only its tensors fail, naming the tensor and the shard.
  fs::remove(prefix + ".data-00001-of-00002");
  EXPECT_TRUE(reader->read("flags", t, error)) << error;
  EXPECT_FALSE(reader->read("half", t, error));
  EXPECT_EQ(error.rfind("tensor 'half': data file '", 0), 0u) << error;
  EXPECT_NE(error.find("(shard 1 of 2) cannot be opened"), std::string::npos)
      << error;

  EXPECT_FALSE(reader->read("nope", t, error));
  EXPECT_EQ(error.rfind("tensor 'nope': not in checkpoint", 0), 0u) << error;
}

TEST(TensorBundleSynthetic, StringTensors) {
  using namespace graphc::tf::detail;
  TempDir tmp;
  Bundle bundle;
  std::vector<std::string> values = {"hello", "", "checkpoint"};
  std::string bytes;
  uint32_t crc = 0;
  for (const std::string &v : values) {
    putVarint(bytes, v.size());
    uint32_t len = v.size();
    crc = crc32cExtend(crc, &len, 4);
  }
  uint32_t lengthCrc = crc32cMask(crc);
  bytes.append(reinterpret_cast<char *>(&lengthCrc), 4);
  crc = crc32cExtend(crc, &lengthCrc, 4);
  for (const std::string &v : values) {
    bytes += v;
    crc = crc32cExtend(crc, v.data(), v.size());
  }
  bundle.add("names", tensorflow::DT_STRING, {3}, bytes, 0, crc, true);
  // The same with a damaged length checksum.
  std::string bad = bytes;
  bad[3] ^= 0x40;
  bundle.add("bad", tensorflow::DT_STRING, {3}, bad, 0, crc, true);
  std::string prefix = bundle.write(tmp, "strings");

  std::string error;
  auto reader = TensorBundleReader::open(prefix, error);
  ASSERT_TRUE(reader) << error;
  Tensor t;
  ASSERT_TRUE(reader->read("names", t, error)) << error;
  EXPECT_EQ(t.dtype, DT_STRING);
  EXPECT_EQ(t.strings, values);
  EXPECT_FALSE(reader->read("bad", t, error));
  EXPECT_EQ(error.rfind("tensor 'bad': checksum mismatch in the string "
                        "lengths",
                        0),
            0u)
      << error;
}

TEST(TensorBundleSynthetic, RefusedEntries) {
  TempDir tmp;
  Bundle bundle;
  auto &sliced = bundle.add("part", tensorflow::DT_FLOAT, {4}, "");
  sliced.add_slices()->add_extent()->set_length(2);
  sliced.add_slices()->add_extent()->set_start(2);
  bundle.add("complex", tensorflow::DT_COMPLEX64, {1}, std::string(8, '\0'));
  bundle.add("short", tensorflow::DT_FLOAT, {3}, std::string(8, '\0'));
  // 2^62 doubles: the byte count overflows 64 bits (to 0, the size given).
  bundle.add("huge", tensorflow::DT_DOUBLE, {1ll << 31, 1ll << 31}, "");
  std::string prefix = bundle.write(tmp, "refused");

  std::string error;
  auto reader = TensorBundleReader::open(prefix, error);
  ASSERT_TRUE(reader) << error;
  Tensor t;
  EXPECT_FALSE(reader->read("part", t, error));
  EXPECT_EQ(error, "tensor 'part': stored as 2 slices (a partitioned "
                   "variable); graphc does not reassemble sliced checkpoint "
                   "tensors");
  EXPECT_FALSE(reader->read("complex", t, error));
  EXPECT_EQ(error, "tensor 'complex': dtype DT_COMPLEX64 is not supported");
  EXPECT_FALSE(reader->read("short", t, error));
  EXPECT_EQ(error, "tensor 'short': the index gives 8 bytes, but DT_FLOAT "
                   "[3] needs 12");
  EXPECT_FALSE(reader->read("huge", t, error));
  EXPECT_EQ(error, "tensor 'huge': DT_DOUBLE [2147483648,2147483648] needs "
                   "2^63 bytes or more");

  Bundle big;
  big.bigEndian = true;
  big.add("x", tensorflow::DT_FLOAT, {}, std::string(4, '\0'));
  prefix = big.write(tmp, "big");
  EXPECT_FALSE(TensorBundleReader::open(prefix, error));
  EXPECT_NE(error.find("big-endian"), std::string::npos) << error;
}

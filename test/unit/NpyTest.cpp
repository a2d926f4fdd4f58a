//===- NpyTest.cpp - Tests for graphc/Support/Npy.h -----------------------===//
//
// Round trips of every dtype through encodeNpy/parseNpy and writeNpy/readNpy,
// the three format versions, Fortran order, scalars, empty arrays, byte-order
// markers, malformed files, and interoperability with real NumPy in both
// directions (skipped when /usr/bin/python3 has no numpy).
//
//===----------------------------------------------------------------------===//

#include "graphc/Support/Npy.h"

#include "graphc-c/Runtime.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace graphc;

namespace {

const int kAllDTypes[] = {
    GRAPHC_DT_FLOAT,  GRAPHC_DT_DOUBLE, GRAPHC_DT_HALF,   GRAPHC_DT_INT8,
    GRAPHC_DT_INT16,  GRAPHC_DT_INT32,  GRAPHC_DT_INT64,  GRAPHC_DT_UINT8,
    GRAPHC_DT_UINT16, GRAPHC_DT_UINT32, GRAPHC_DT_UINT64, GRAPHC_DT_BOOL};

template <typename T>
NpyArray makeArray(int dtype, std::vector<int64_t> shape,
                   const std::vector<T> &values) {
  NpyArray a;
  a.dtype = dtype;
  a.shape = std::move(shape);
  a.data.resize(values.size() * sizeof(T));
  if (!values.empty())
    std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

template <typename T> std::vector<T> valuesOf(const NpyArray &a) {
  std::vector<T> values(a.data.size() / sizeof(T));
  if (!values.empty())
    std::memcpy(values.data(), a.data.data(), a.data.size());
  return values;
}

/// A .npy file with the given version and header dict, then \p data.
std::vector<uint8_t> rawNpy(const std::string &dict,
                            const std::vector<uint8_t> &data, int major = 1) {
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', uint8_t(major),
                                0};
  std::string header = dict + "\n";
  size_t lengthBytes = major == 1 ? 2 : 4;
  for (size_t i = 0; i < lengthBytes; ++i)
    bytes.push_back(uint8_t(header.size() >> (8 * i)));
  bytes.insert(bytes.end(), header.begin(), header.end());
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

std::vector<uint8_t> floatBytes(const std::vector<float> &values) {
  std::vector<uint8_t> bytes(values.size() * 4);
  if (!values.empty())
    std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

bool parse(const std::vector<uint8_t> &bytes, NpyArray &out,
           std::string &error) {
  return parseNpy(bytes.data(), bytes.size(), out, error);
}

/// Parses a float32 file with the given dict and data; expects success.
NpyArray parseFloats(const std::string &dict, const std::vector<float> &data) {
  NpyArray a;
  std::string error;
  EXPECT_TRUE(parse(rawNpy(dict, floatBytes(data)), a, error)) << error;
  return a;
}

/// Expects parsing to fail with an error containing \p needle.
void expectParseError(const std::vector<uint8_t> &bytes,
                      const std::string &needle) {
  NpyArray a;
  std::string error;
  EXPECT_FALSE(parse(bytes, a, error));
  EXPECT_NE(error.find(needle), std::string::npos)
      << "error was: '" << error << "', expected it to contain '" << needle
      << "'";
  EXPECT_EQ(error.find('\n'), std::string::npos) << "multi-line error";
}

/// A fresh temporary directory, removed at the end of the test.
class NpyFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "graphc-npytest-XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(&pattern[0]), nullptr);
    dir = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::string path(const std::string &name) const { return dir + "/" + name; }

  std::string dir;
};

//===----------------------------------------------------------------------===//
// Round trips
//===----------------------------------------------------------------------===//

TEST(NpyTest, DTypeTables) {
  for (int dtype : kAllDTypes) {
    EXPECT_GT(npyElementSize(dtype), 0u) << dtype;
    EXPECT_NE(npyDescr(dtype), nullptr) << dtype;
    EXPECT_STRNE(npyDTypeName(dtype), "unknown") << dtype;
  }
  EXPECT_EQ(npyElementSize(GRAPHC_DT_HALF), 2u);
  EXPECT_EQ(npyElementSize(GRAPHC_DT_UINT64), 8u);
  EXPECT_STREQ(npyDescr(GRAPHC_DT_FLOAT), "<f4");
  EXPECT_STREQ(npyDescr(GRAPHC_DT_BOOL), "|b1");
  EXPECT_STREQ(npyDTypeName(GRAPHC_DT_HALF), "float16");
  EXPECT_EQ(npyElementSize(7 /* DT_STRING */), 0u);
  EXPECT_EQ(npyDescr(7), nullptr);
  EXPECT_STREQ(npyDTypeName(7), "unknown");
}

TEST(NpyTest, RoundTripEveryDType) {
  for (int dtype : kAllDTypes) {
    SCOPED_TRACE(npyDTypeName(dtype));
    NpyArray a;
    a.dtype = dtype;
    a.shape = {2, 3};
    a.data.resize(6 * npyElementSize(dtype));
    for (size_t i = 0; i < a.data.size(); ++i)
      a.data[i] = dtype == GRAPHC_DT_BOOL ? uint8_t(i % 2) : uint8_t(i * 37);
    std::vector<uint8_t> bytes;
    std::string error;
    ASSERT_TRUE(encodeNpy(a, bytes, error)) << error;
    NpyArray b;
    ASSERT_TRUE(parse(bytes, b, error)) << error;
    EXPECT_EQ(b.dtype, dtype);
    EXPECT_EQ(b.shape, a.shape);
    EXPECT_EQ(b.data, a.data);
    EXPECT_EQ(b.numElements(), 6);
  }
}

TEST(NpyTest, HeaderLayout) {
  NpyArray a = makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, {1, 2, 3, 4, 5, 6});
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(encodeNpy(a, bytes, error)) << error;
  ASSERT_EQ(bytes.size() % 64, 24u % 64); // 64-aligned header, 24 data bytes
  size_t headerSize = bytes.size() - 24;
  EXPECT_EQ(headerSize % 64, 0u);
  EXPECT_EQ(bytes[6], 1);
  EXPECT_EQ(bytes[7], 0);
  EXPECT_EQ(bytes[headerSize - 1], '\n');
  std::string dict(bytes.begin() + 10, bytes.begin() + headerSize);
  EXPECT_EQ(dict.rfind("{'descr': '<f4', 'fortran_order': False, "
                       "'shape': (2, 3), }",
                       0),
            0u)
      << dict;
}

TEST(NpyTest, AllFormatVersions) {
  NpyArray a = makeArray<double>(GRAPHC_DT_DOUBLE, {3}, {1.5, -2, 1e300});
  for (int version = 1; version <= 3; ++version) {
    SCOPED_TRACE(version);
    std::vector<uint8_t> bytes;
    std::string error;
    ASSERT_TRUE(encodeNpy(a, bytes, error, version)) << error;
    EXPECT_EQ(bytes[6], version);
    EXPECT_EQ((bytes.size() - 24) % 64, 0u);
    NpyArray b;
    ASSERT_TRUE(parse(bytes, b, error)) << error;
    EXPECT_EQ(b.shape, std::vector<int64_t>{3});
    EXPECT_EQ(valuesOf<double>(b), (std::vector<double>{1.5, -2, 1e300}));
  }
  std::vector<uint8_t> bytes;
  std::string error;
  EXPECT_FALSE(encodeNpy(a, bytes, error, 4));
}

TEST(NpyTest, LongHeaderUsesVersion2) {
  // 30000 dimensions of size 1 need a header longer than 65535 bytes.
  NpyArray a = makeArray<float>(GRAPHC_DT_FLOAT, {}, {42});
  a.shape.assign(30000, 1);
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(encodeNpy(a, bytes, error)) << error;
  EXPECT_EQ(bytes[6], 2);
  EXPECT_FALSE(encodeNpy(a, bytes, error, 1));
  EXPECT_NE(error.find("too long"), std::string::npos) << error;
  ASSERT_TRUE(encodeNpy(a, bytes, error, 2)) << error;
  NpyArray b;
  ASSERT_TRUE(parse(bytes, b, error)) << error;
  EXPECT_EQ(b.shape.size(), 30000u);
  EXPECT_EQ(valuesOf<float>(b), std::vector<float>{42});
}

TEST(NpyTest, Scalar) {
  NpyArray a = makeArray<int64_t>(GRAPHC_DT_INT64, {}, {-7});
  EXPECT_EQ(a.numElements(), 1);
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(encodeNpy(a, bytes, error)) << error;
  EXPECT_NE(std::string(bytes.begin(), bytes.end()).find("'shape': ()"),
            std::string::npos);
  NpyArray b;
  ASSERT_TRUE(parse(bytes, b, error)) << error;
  EXPECT_TRUE(b.shape.empty());
  EXPECT_EQ(valuesOf<int64_t>(b), std::vector<int64_t>{-7});
}

TEST(NpyTest, OneDimensionalShapeHasTrailingComma) {
  NpyArray a = makeArray<uint8_t>(GRAPHC_DT_UINT8, {4}, {1, 2, 3, 4});
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(encodeNpy(a, bytes, error)) << error;
  std::string text(bytes.begin(), bytes.end());
  EXPECT_NE(text.find("'descr': '|u1'"), std::string::npos);
  EXPECT_NE(text.find("'shape': (4,)"), std::string::npos);
}

TEST(NpyTest, EmptyArrays) {
  for (std::vector<int64_t> shape :
       {std::vector<int64_t>{0}, std::vector<int64_t>{2, 0, 3}}) {
    NpyArray a;
    a.dtype = GRAPHC_DT_FLOAT;
    a.shape = shape;
    EXPECT_EQ(a.numElements(), 0);
    std::vector<uint8_t> bytes;
    std::string error;
    ASSERT_TRUE(encodeNpy(a, bytes, error)) << error;
    EXPECT_EQ(bytes.size() % 64, 0u);
    NpyArray b;
    ASSERT_TRUE(parse(bytes, b, error)) << error;
    EXPECT_EQ(b.shape, shape);
    EXPECT_TRUE(b.data.empty());
  }
  // An empty Fortran-ordered array too.
  NpyArray b = parseFloats(
      "{'descr': '<f4', 'fortran_order': True, 'shape': (0, 5), }", {});
  EXPECT_EQ(b.shape, (std::vector<int64_t>{0, 5}));
}

TEST(NpyTest, EncodeRejectsInconsistentArrays) {
  std::vector<uint8_t> bytes;
  std::string error;
  NpyArray a = makeArray<float>(GRAPHC_DT_FLOAT, {2, 3}, {1, 2, 3});
  EXPECT_FALSE(encodeNpy(a, bytes, error));
  EXPECT_NE(error.find("bytes"), std::string::npos) << error;
  a = makeArray<float>(7, {1}, {1});
  EXPECT_FALSE(encodeNpy(a, bytes, error));
  a = makeArray<float>(GRAPHC_DT_FLOAT, {-1}, {});
  EXPECT_FALSE(encodeNpy(a, bytes, error));
}

//===----------------------------------------------------------------------===//
// Header variants
//===----------------------------------------------------------------------===//

TEST(NpyTest, FortranOrder2D) {
  // Column-major [[1, 2, 3], [4, 5, 6]].
  NpyArray a = parseFloats(
      "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
      {1, 4, 2, 5, 3, 6});
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(valuesOf<float>(a), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(NpyTest, FortranOrder3D) {
  // Element (i, j, k) = 100 i + 10 j + k, stored column-major.
  std::vector<float> columnMajor;
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 2; ++i)
        columnMajor.push_back(float(100 * i + 10 * j + k));
  NpyArray a = parseFloats(
      "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3, 4), }",
      columnMajor);
  std::vector<float> values = valuesOf<float>(a);
  ASSERT_EQ(values.size(), 24u);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k)
        EXPECT_EQ(values[(i * 3 + j) * 4 + k], float(100 * i + 10 * j + k));
}

TEST(NpyTest, FortranOrderVectorAndScalar) {
  NpyArray v = parseFloats(
      "{'descr': '<f4', 'fortran_order': True, 'shape': (3,), }", {1, 2, 3});
  EXPECT_EQ(valuesOf<float>(v), (std::vector<float>{1, 2, 3}));
  NpyArray s = parseFloats(
      "{'descr': '<f4', 'fortran_order': True, 'shape': (), }", {9});
  EXPECT_EQ(valuesOf<float>(s), std::vector<float>{9});
}

TEST(NpyTest, TolerantDictSyntax) {
  // Other key order, double quotes, no trailing comma, Python 2 longs, extra
  // whitespace: all things other writers produce.
  NpyArray a = parseFloats(
      "{\"shape\": (2L, 1L), \"fortran_order\": False, \"descr\": \"<f4\"}   ",
      {1, 2});
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 1}));
  NpyArray b = parseFloats("{'descr':'f4','fortran_order':False,'shape':(2,)}",
                           {1, 2});
  EXPECT_EQ(b.dtype, GRAPHC_DT_FLOAT);
}

TEST(NpyTest, ByteOrderMarkers) {
  struct Case {
    const char *descr;
    int dtype;
  } accepted[] = {
      {"'<f4'", GRAPHC_DT_FLOAT}, {"'=f4'", GRAPHC_DT_FLOAT},
      {"'f4'", GRAPHC_DT_FLOAT},  {"'|u1'", GRAPHC_DT_UINT8},
      {"'<u1'", GRAPHC_DT_UINT8}, {"'>i1'", GRAPHC_DT_INT8},
      {"'|b1'", GRAPHC_DT_BOOL},  {"'?'", GRAPHC_DT_BOOL},
      {"'<f2'", GRAPHC_DT_HALF},  {"'<u2'", GRAPHC_DT_UINT16},
      {"'<i2'", GRAPHC_DT_INT16}, {"'<u4'", GRAPHC_DT_UINT32},
      {"'<u8'", GRAPHC_DT_UINT64}};
  for (const Case &c : accepted) {
    SCOPED_TRACE(c.descr);
    size_t size = npyElementSize(c.dtype);
    NpyArray a;
    std::string error;
    ASSERT_TRUE(parse(rawNpy(std::string("{'descr': ") + c.descr +
                                 ", 'fortran_order': False, 'shape': (2,), }",
                             std::vector<uint8_t>(2 * size, 1)),
                      a, error))
        << error;
    EXPECT_EQ(a.dtype, c.dtype);
  }
  auto withDescr = [](const std::string &descr, size_t bytes) {
    return rawNpy("{'descr': '" + descr +
                      "', 'fortran_order': False, 'shape': (1,), }",
                  std::vector<uint8_t>(bytes, 0));
  };
  expectParseError(withDescr(">f4", 4), "big-endian");
  expectParseError(withDescr(">i8", 8), "big-endian");
  expectParseError(withDescr("|f4", 4), "byte order '|'");
  expectParseError(withDescr("<c8", 8), "complex");
  expectParseError(withDescr("|O", 8), "Python objects");
  expectParseError(withDescr("<U3", 12), "strings");
  expectParseError(withDescr("<M8[ns]", 8), "dates");
  expectParseError(withDescr("<f16", 16), "unsupported dtype");
  expectParseError(rawNpy("{'descr': [('a', '<f4')], 'fortran_order': False, "
                          "'shape': (1,), }",
                          std::vector<uint8_t>(4, 0)),
                   "structured");
}

//===----------------------------------------------------------------------===//
// Malformed input
//===----------------------------------------------------------------------===//

TEST(NpyTest, MalformedFiles) {
  const std::string good = "{'descr': '<f4', 'fortran_order': False, "
                           "'shape': (2,), }";
  std::vector<uint8_t> data = floatBytes({1, 2});

  expectParseError({}, "not a .npy file");
  expectParseError({'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0}, "not a .npy file");
  expectParseError({0x93, 'N', 'U', 'M', 'P', 'Y'}, "not a .npy file");
  expectParseError(rawNpy(good, data, /*major=*/4), "version 4.0");
  std::vector<uint8_t> minor = rawNpy(good, data);
  minor[7] = 1;
  expectParseError(minor, "version 1.1");
  std::vector<uint8_t> shortLength = {0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 1};
  expectParseError(shortLength, "truncated .npy header");

  // The header length points past the end of the file.
  std::vector<uint8_t> truncatedHeader = rawNpy(good, {});
  truncatedHeader.resize(30);
  expectParseError(truncatedHeader, "truncated .npy header");

  std::vector<uint8_t> truncatedData = rawNpy(good, data);
  truncatedData.pop_back();
  expectParseError(truncatedData, "truncated .npy data");
  std::vector<uint8_t> trailing = rawNpy(good, data);
  trailing.push_back(0);
  expectParseError(trailing, "unexpected bytes after");

  expectParseError(rawNpy("['descr', '<f4']", data), "not a Python dict");
  expectParseError(rawNpy("{'descr': '<f4', 'shape': (2,), }", data),
                   "no 'fortran_order'");
  expectParseError(rawNpy("{'fortran_order': False, 'shape': (2,), }", data),
                   "no 'descr'");
  expectParseError(
      rawNpy("{'descr': '<f4', 'fortran_order': False, }", data), "no 'shape'");
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': 0, "
                          "'shape': (2,), }",
                          data),
                   "'fortran_order' is not True or False");
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (-2,), }",
                          data),
                   "non-negative integers");
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': False, "
                          "'shape': [2], }",
                          data),
                   "'shape' is not a tuple");
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (2 3), }",
                          data),
                   "expected ',' or ')'");
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (2,), 'extra': 1}",
                          data),
                   "unexpected key 'extra'");
  expectParseError(rawNpy("{'descr': '<f4' 'fortran_order': False, "
                          "'shape': (2,), }",
                          data),
                   "expected ',' or '}'");
  expectParseError(rawNpy(good + " junk", data), "unexpected text after");
  expectParseError(rawNpy("{'descr': '<f4, 'fortran_order': False, "
                          "'shape': (2,), }",
                          data),
                   "unsupported dtype '<f4, '");
  // Huge dimensions must fail cleanly, not allocate.
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (4294967296, 4294967296), }",
                          data),
                   "too many elements");
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (1000000000000,), }",
                          data),
                   "truncated .npy data");
  expectParseError(rawNpy("{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (99999999999999999999,), }",
                          data),
                   "dimension too large");
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

TEST_F(NpyFileTest, WriteThenRead) {
  for (int dtype : kAllDTypes) {
    SCOPED_TRACE(npyDTypeName(dtype));
    NpyArray a;
    a.dtype = dtype;
    a.shape = {3, 1, 2};
    a.data.resize(6 * npyElementSize(dtype));
    for (size_t i = 0; i < a.data.size(); ++i)
      a.data[i] = dtype == GRAPHC_DT_BOOL ? uint8_t(i % 2) : uint8_t(i + 1);
    std::string file = path(std::string(npyDTypeName(dtype)) + ".npy");
    std::string error;
    ASSERT_TRUE(writeNpy(file, a, error)) << error;
    NpyArray b;
    ASSERT_TRUE(readNpy(file, b, error)) << error;
    EXPECT_EQ(b.dtype, a.dtype);
    EXPECT_EQ(b.shape, a.shape);
    EXPECT_EQ(b.data, a.data);
  }
}

TEST_F(NpyFileTest, ReadsWhatParseReads) {
  std::vector<uint8_t> bytes =
      rawNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
             floatBytes({1, 3, 2, 4}), /*major=*/3);
  std::string file = path("fortran.npy");
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char *>(bytes.data()),
             std::streamsize(bytes.size()));
  NpyArray a;
  std::string error;
  ASSERT_TRUE(readNpy(file, a, error)) << error;
  EXPECT_EQ(valuesOf<float>(a), (std::vector<float>{1, 2, 3, 4}));
}

TEST_F(NpyFileTest, FileErrors) {
  NpyArray a;
  std::string error;
  EXPECT_FALSE(readNpy(path("missing.npy"), a, error));
  EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
  EXPECT_FALSE(readNpy(dir, a, error));
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;

  std::ofstream(path("empty.npy"));
  EXPECT_FALSE(readNpy(path("empty.npy"), a, error));
  EXPECT_NE(error.find("not a .npy file"), std::string::npos) << error;

  std::ofstream(path("text.npy")) << "hello, world, this is not numpy";
  EXPECT_FALSE(readNpy(path("text.npy"), a, error));
  EXPECT_NE(error.find("not a .npy file"), std::string::npos) << error;

  // Truncated data and a header that promises more than the file holds.
  NpyArray good = makeArray<float>(GRAPHC_DT_FLOAT, {4}, {1, 2, 3, 4});
  ASSERT_TRUE(writeNpy(path("good.npy"), good, error)) << error;
  std::filesystem::resize_file(path("good.npy"),
                               std::filesystem::file_size(path("good.npy")) -
                                   3);
  EXPECT_FALSE(readNpy(path("good.npy"), a, error));
  EXPECT_NE(error.find("truncated .npy data"), std::string::npos) << error;
  std::filesystem::resize_file(path("good.npy"), 20);
  EXPECT_FALSE(readNpy(path("good.npy"), a, error));
  EXPECT_NE(error.find("truncated .npy header"), std::string::npos) << error;

  EXPECT_FALSE(writeNpy(path("no/such/dir/x.npy"), good, error));
  EXPECT_NE(error.find("cannot open for writing"), std::string::npos)
      << error;
}

//===----------------------------------------------------------------------===//
// Interoperability with NumPy
//===----------------------------------------------------------------------===//

const char *const kPython = "/usr/bin/python3";

bool haveNumPy() {
  std::string command =
      std::string(kPython) + " -c 'import numpy' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

/// Runs a Python script (given as text) with the temp dir as argv[1].
int runPython(const std::string &dir, const std::string &script) {
  std::string scriptPath = dir + "/script.py";
  std::ofstream(scriptPath) << script;
  std::string command = std::string(kPython) + " " + scriptPath + " " + dir;
  return std::system(command.c_str());
}

TEST_F(NpyFileTest, ReadsFilesWrittenByNumPy) {
  if (!haveNumPy())
    GTEST_SKIP() << kPython << " with numpy is not available";
  ASSERT_EQ(runPython(dir, R"(
import sys
import numpy as np
from numpy.lib import format as fmt
d = sys.argv[1]
base = np.arange(6).reshape(2, 3)
for code in ['f4', 'f8', 'f2', 'i1', 'i2', 'i4', 'i8']:
    np.save(d + '/' + code + '.npy', (base - 3).astype('<' + code))
for code in ['u1', 'u2', 'u4', 'u8']:
    np.save(d + '/' + code + '.npy', (base * 1000 + 7).astype('<' + code)
            if code != 'u1' else base.astype('u1'))
np.save(d + '/b1.npy', np.array([[True, False, True], [False, False, True]]))
for v in [(1, 0), (2, 0), (3, 0)]:
    with open(d + '/v%d.npy' % v[0], 'wb') as f:
        fmt.write_array(f, np.array([1.5, -2.25], dtype='<f4'), version=v)
np.save(d + '/fortran.npy',
        np.asfortranarray(np.arange(24, dtype='<i4').reshape(2, 3, 4)))
np.save(d + '/scalar.npy', np.float64(3.25))
np.save(d + '/empty.npy', np.zeros((2, 0, 3), dtype='<f4'))
np.save(d + '/big.npy', np.arange(3, dtype='>f4'))
np.save(d + '/special.npy',
        np.array([np.nan, np.inf, -np.inf, -0.0], dtype='<f4'))
np.save(d + '/u64.npy', np.array([2**64 - 1, 2**63], dtype='<u8'))
np.save(d + '/obj.npy', np.array([{'a': 1}], dtype=object))
)"),
            0);
  auto load = [&](const std::string &name) {
    NpyArray a;
    std::string error;
    EXPECT_TRUE(readNpy(path(name), a, error)) << name << ": " << error;
    return a;
  };
  const std::vector<int64_t> shape23 = {2, 3};

  NpyArray f4 = load("f4.npy");
  EXPECT_EQ(f4.dtype, GRAPHC_DT_FLOAT);
  EXPECT_EQ(f4.shape, shape23);
  EXPECT_EQ(valuesOf<float>(f4), (std::vector<float>{-3, -2, -1, 0, 1, 2}));
  EXPECT_EQ(valuesOf<double>(load("f8.npy")),
            (std::vector<double>{-3, -2, -1, 0, 1, 2}));
  NpyArray f2 = load("f2.npy");
  EXPECT_EQ(f2.dtype, GRAPHC_DT_HALF);
  EXPECT_EQ(valuesOf<uint16_t>(f2),
            (std::vector<uint16_t>{0xC200, 0xC000, 0xBC00, 0, 0x3C00, 0x4000}));
  EXPECT_EQ(valuesOf<int8_t>(load("i1.npy")),
            (std::vector<int8_t>{-3, -2, -1, 0, 1, 2}));
  EXPECT_EQ(valuesOf<int16_t>(load("i2.npy")),
            (std::vector<int16_t>{-3, -2, -1, 0, 1, 2}));
  EXPECT_EQ(valuesOf<int32_t>(load("i4.npy")),
            (std::vector<int32_t>{-3, -2, -1, 0, 1, 2}));
  EXPECT_EQ(valuesOf<int64_t>(load("i8.npy")),
            (std::vector<int64_t>{-3, -2, -1, 0, 1, 2}));
  EXPECT_EQ(valuesOf<uint8_t>(load("u1.npy")),
            (std::vector<uint8_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(valuesOf<uint16_t>(load("u2.npy")),
            (std::vector<uint16_t>{7, 1007, 2007, 3007, 4007, 5007}));
  EXPECT_EQ(valuesOf<uint32_t>(load("u4.npy")),
            (std::vector<uint32_t>{7, 1007, 2007, 3007, 4007, 5007}));
  EXPECT_EQ(valuesOf<uint64_t>(load("u8.npy")),
            (std::vector<uint64_t>{7, 1007, 2007, 3007, 4007, 5007}));
  NpyArray b1 = load("b1.npy");
  EXPECT_EQ(b1.dtype, GRAPHC_DT_BOOL);
  EXPECT_EQ(b1.data, (std::vector<uint8_t>{1, 0, 1, 0, 0, 1}));
  for (int v = 1; v <= 3; ++v)
    EXPECT_EQ(valuesOf<float>(load("v" + std::to_string(v) + ".npy")),
              (std::vector<float>{1.5, -2.25}))
        << "version " << v;

  NpyArray fortran = load("fortran.npy");
  EXPECT_EQ(fortran.shape, (std::vector<int64_t>{2, 3, 4}));
  std::vector<int32_t> iota(24);
  for (int i = 0; i < 24; ++i)
    iota[i] = i;
  EXPECT_EQ(valuesOf<int32_t>(fortran), iota);

  NpyArray scalar = load("scalar.npy");
  EXPECT_TRUE(scalar.shape.empty());
  EXPECT_EQ(valuesOf<double>(scalar), std::vector<double>{3.25});
  NpyArray empty = load("empty.npy");
  EXPECT_EQ(empty.shape, (std::vector<int64_t>{2, 0, 3}));
  EXPECT_TRUE(empty.data.empty());

  std::vector<float> special = valuesOf<float>(load("special.npy"));
  ASSERT_EQ(special.size(), 4u);
  EXPECT_TRUE(std::isnan(special[0]));
  EXPECT_EQ(special[1], INFINITY);
  EXPECT_EQ(special[2], -INFINITY);
  EXPECT_TRUE(special[3] == 0 && std::signbit(special[3]));
  EXPECT_EQ(valuesOf<uint64_t>(load("u64.npy")),
            (std::vector<uint64_t>{UINT64_MAX, uint64_t(1) << 63}));

  NpyArray a;
  std::string error;
  EXPECT_FALSE(readNpy(path("big.npy"), a, error));
  EXPECT_NE(error.find("big-endian dtype '>f4'"), std::string::npos) << error;
  EXPECT_FALSE(readNpy(path("obj.npy"), a, error));
  EXPECT_NE(error.find("Python objects"), std::string::npos) << error;
}

TEST_F(NpyFileTest, NumPyReadsWhatWeWrite) {
  if (!haveNumPy())
    GTEST_SKIP() << kPython << " with numpy is not available";
  std::string error;
  auto write = [&](const std::string &name, const NpyArray &a) {
    EXPECT_TRUE(writeNpy(path(name), a, error)) << name << ": " << error;
  };
  write("f4.npy", makeArray<float>(GRAPHC_DT_FLOAT, {2, 3},
                                   {-3, -2, -1, 0, 1, 2.5}));
  write("f8.npy", makeArray<double>(GRAPHC_DT_DOUBLE, {3}, {1e-300, 2, 3}));
  write("f2.npy", makeArray<uint16_t>(GRAPHC_DT_HALF, {2}, {0x3C00, 0xC000}));
  write("i1.npy", makeArray<int8_t>(GRAPHC_DT_INT8, {2}, {-128, 127}));
  write("i2.npy", makeArray<int16_t>(GRAPHC_DT_INT16, {2}, {-32768, 32767}));
  write("i4.npy", makeArray<int32_t>(GRAPHC_DT_INT32, {1, 2}, {-5, 5}));
  write("i8.npy",
        makeArray<int64_t>(GRAPHC_DT_INT64, {2}, {INT64_MIN, INT64_MAX}));
  write("u1.npy", makeArray<uint8_t>(GRAPHC_DT_UINT8, {2}, {0, 255}));
  write("u2.npy", makeArray<uint16_t>(GRAPHC_DT_UINT16, {2}, {0, 65535}));
  write("u4.npy", makeArray<uint32_t>(GRAPHC_DT_UINT32, {2}, {0, UINT32_MAX}));
  write("u8.npy", makeArray<uint64_t>(GRAPHC_DT_UINT64, {2}, {0, UINT64_MAX}));
  write("b1.npy", makeArray<uint8_t>(GRAPHC_DT_BOOL, {3}, {1, 0, 1}));
  write("scalar.npy", makeArray<float>(GRAPHC_DT_FLOAT, {}, {4.5}));
  write("empty.npy", makeArray<int32_t>(GRAPHC_DT_INT32, {0, 4}, {}));
  EXPECT_EQ(runPython(dir, R"(
import sys
import numpy as np
d = sys.argv[1]
def check(name, dtype, shape, values):
    a = np.load(d + '/' + name, allow_pickle=False)
    assert a.dtype == np.dtype(dtype), (name, a.dtype)
    assert a.shape == shape, (name, a.shape)
    assert a.flags['C_CONTIGUOUS']
    assert np.array_equal(a.ravel(), np.array(values, dtype=dtype)), (name, a)
check('f4.npy', '<f4', (2, 3), [-3, -2, -1, 0, 1, 2.5])
check('f8.npy', '<f8', (3,), [1e-300, 2, 3])
check('f2.npy', '<f2', (2,), [1, -2])
check('i1.npy', 'i1', (2,), [-128, 127])
check('i2.npy', '<i2', (2,), [-32768, 32767])
check('i4.npy', '<i4', (1, 2), [-5, 5])
check('i8.npy', '<i8', (2,), [-2**63, 2**63 - 1])
check('u1.npy', 'u1', (2,), [0, 255])
check('u2.npy', '<u2', (2,), [0, 65535])
check('u4.npy', '<u4', (2,), [0, 2**32 - 1])
check('u8.npy', '<u8', (2,), [0, 2**64 - 1])
check('b1.npy', '?', (3,), [True, False, True])
check('scalar.npy', '<f4', (), [4.5])
check('empty.npy', '<i4', (0, 4), [])
)"),
            0);
}

} // namespace

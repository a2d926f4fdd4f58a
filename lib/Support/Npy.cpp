//===- Npy.cpp - Read and write NumPy .npy files --------------------------===//
//
// Implements graphc/Support/Npy.h following NumPy's format specification
// (numpy/lib/format.py): a 6-byte magic "\x93NUMPY", a major and minor
// version byte, a little-endian header length (2 bytes in 1.0, 4 bytes in
// 2.0 and 3.0), then a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and a final '\n' so that the data starts at a multiple
// of 64 bytes, then the raw elements.
//
// The dict is parsed with a small dedicated parser instead of a Python
// literal evaluator: it accepts exactly what NumPy (and other writers such as
// cnpy) emit: single or double quoted keys, any key order, optional trailing
// commas, Python 2 "L" integer suffixes. Errors are one line, without the
// file name, so callers can prefix it.
//
//===----------------------------------------------------------------------===//

#include "graphc/Support/Npy.h"

#include "graphc-c/Runtime.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <sys/stat.h>

using namespace graphc;

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
/// Data starts at a multiple of this many bytes (NumPy's ARRAY_ALIGN).
constexpr size_t kAlign = 64;

struct DTypeEntry {
  int dtype;
  const char *code; // kind and size without the byte-order character
  const char *name;
  size_t size;
};

const DTypeEntry kDTypes[] = {
    {GRAPHC_DT_FLOAT, "f4", "float32", 4},
    {GRAPHC_DT_DOUBLE, "f8", "float64", 8},
    {GRAPHC_DT_HALF, "f2", "float16", 2},
    {GRAPHC_DT_INT8, "i1", "int8", 1},
    {GRAPHC_DT_INT16, "i2", "int16", 2},
    {GRAPHC_DT_INT32, "i4", "int32", 4},
    {GRAPHC_DT_INT64, "i8", "int64", 8},
    {GRAPHC_DT_UINT8, "u1", "uint8", 1},
    {GRAPHC_DT_UINT16, "u2", "uint16", 2},
    {GRAPHC_DT_UINT32, "u4", "uint32", 4},
    {GRAPHC_DT_UINT64, "u8", "uint64", 8},
    {GRAPHC_DT_BOOL, "b1", "bool", 1},
};

const DTypeEntry *findDType(int dtype) {
  for (const DTypeEntry &e : kDTypes)
    if (e.dtype == dtype)
      return &e;
  return nullptr;
}

bool hostIsLittleEndian() {
  uint16_t one = 1;
  uint8_t first;
  std::memcpy(&first, &one, 1);
  return first == 1;
}

/// What the header dict says about the array that follows it.
struct Header {
  int dtype = 0;
  size_t elementSize = 0;
  std::vector<int64_t> shape;
  bool fortranOrder = false;
  int64_t numElements = 1;
  uint64_t dataBytes = 0;
};

/// Maps a descr string such as "<f4" to a dtype, checking the byte order.
bool parseDescr(const std::string &descr, Header &h, std::string &error) {
  std::string code = descr;
  char order = '=';
  if (!code.empty() && std::strchr("<>=|", code[0])) {
    order = code[0];
    code.erase(0, 1);
  }
  if (code == "?")
    code = "b1";
  const DTypeEntry *entry = nullptr;
  for (const DTypeEntry &e : kDTypes)
    if (code == e.code)
      entry = &e;
  if (!entry) {
    const char *what = "";
    char kind = code.empty() ? '\0' : code[0];
    if (kind == 'c')
      what = " (complex numbers)";
    else if (kind == 'O')
      what = " (Python objects)";
    else if (kind == 'U' || kind == 'S' || kind == 'a')
      what = " (strings)";
    else if (kind == 'M' || kind == 'm')
      what = " (dates/times)";
    else if (kind == 'V')
      what = " (raw void records)";
    error = "unsupported dtype '" + descr + "'" + what;
    return false;
  }
  if (entry->size > 1) {
    if (order == '|') {
      error = "byte order '|' is not meaningful for the " +
              std::to_string(entry->size) + "-byte dtype '" + descr + "'";
      return false;
    }
    bool fileLittle = order == '<' || (order == '=' && hostIsLittleEndian());
    if (order != '=' && fileLittle != hostIsLittleEndian()) {
      error = std::string(fileLittle ? "little" : "big") + "-endian dtype '" +
              descr + "' is not supported; save it in native byte order, "
              "e.g. a.astype('" + (hostIsLittleEndian() ? "<" : ">") +
              entry->code + "')";
      return false;
    }
  }
  h.dtype = entry->dtype;
  h.elementSize = entry->size;
  return true;
}

/// Parses the Python dict literal of a .npy header.
class DictParser {
public:
  DictParser(const char *begin, const char *end) : p(begin), end(end) {}

  bool parse(Header &h, std::string &error) {
    bool haveDescr = false, haveOrder = false, haveShape = false;
    skipSpace();
    if (!consume('{'))
      return fail("header is not a Python dict", error);
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(key))
        return fail("expected a quoted key in the header dict", error);
      skipSpace();
      if (!consume(':'))
        return fail("expected ':' after key '" + key + "'", error);
      skipSpace();
      if (key == "descr") {
        if (p < end && (*p == '[' || *p == '('))
          return fail("structured (record) dtypes are not supported", error);
        std::string descr;
        if (!parseString(descr))
          return fail("'descr' is not a string", error);
        if (!parseDescr(descr, h, error))
          return false;
        haveDescr = true;
      } else if (key == "fortran_order") {
        if (consumeWord("True"))
          h.fortranOrder = true;
        else if (consumeWord("False"))
          h.fortranOrder = false;
        else
          return fail("'fortran_order' is not True or False", error);
        haveOrder = true;
      } else if (key == "shape") {
        if (!parseShape(h.shape, error))
          return false;
        haveShape = true;
      } else {
        return fail("unexpected key '" + key + "' in the header", error);
      }
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume('}'))
        break;
      return fail("expected ',' or '}' in the header dict", error);
    }
    skipSpace();
    if (p != end)
      return fail("unexpected text after the header dict", error);
    if (!haveDescr)
      return fail("header has no 'descr'", error);
    if (!haveOrder)
      return fail("header has no 'fortran_order'", error);
    if (!haveShape)
      return fail("header has no 'shape'", error);
    return true;
  }

private:
  const char *p;
  const char *end;

  static bool fail(const std::string &message, std::string &error) {
    error = "bad .npy header: " + message;
    return false;
  }

  void skipSpace() {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
      ++p;
  }

  bool consume(char c) {
    if (p < end && *p == c) {
      ++p;
      return true;
    }
    return false;
  }

  bool consumeWord(const char *word) {
    size_t n = std::strlen(word);
    if (size_t(end - p) < n || std::memcmp(p, word, n) != 0)
      return false;
    p += n;
    return true;
  }

  bool parseString(std::string &out) {
    if (p >= end || (*p != '\'' && *p != '"'))
      return false;
    char quote = *p++;
    out.clear();
    while (p < end && *p != quote) {
      if (*p == '\\')
        return false; // NumPy never escapes anything in these strings.
      out.push_back(*p++);
    }
    return consume(quote);
  }

  bool parseShape(std::vector<int64_t> &shape, std::string &error) {
    shape.clear();
    if (!consume('('))
      return fail("'shape' is not a tuple", error);
    while (true) {
      skipSpace();
      if (consume(')'))
        return true;
      if (p >= end || *p < '0' || *p > '9')
        return fail("'shape' must hold non-negative integers", error);
      int64_t value = 0;
      while (p < end && *p >= '0' && *p <= '9') {
        if (value > (INT64_MAX - 9) / 10)
          return fail("dimension too large in 'shape'", error);
        value = value * 10 + (*p++ - '0');
      }
      consume('L'); // Python 2 long suffix.
      shape.push_back(value);
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume(')'))
        return true;
      return fail("expected ',' or ')' in 'shape'", error);
    }
  }
};

/// Checks the magic and version of a file's first bytes and returns where
/// the header dict lies. \p size may be smaller than the whole file.
bool parsePreamble(const uint8_t *bytes, size_t size, size_t &dictOffset,
                   size_t &dictSize, std::string &error) {
  if (size < kMagicSize + 2 ||
      std::memcmp(bytes, kMagic, kMagicSize) != 0) {
    error = "not a .npy file (no \\x93NUMPY magic)";
    return false;
  }
  unsigned major = bytes[6], minor = bytes[7];
  if (major < 1 || major > 3 || minor != 0) {
    error = "unsupported .npy format version " + std::to_string(major) +
            "." + std::to_string(minor) + " (supported: 1.0, 2.0, 3.0)";
    return false;
  }
  size_t lengthBytes = major == 1 ? 2 : 4;
  if (size < kMagicSize + 2 + lengthBytes) {
    error = "truncated .npy header";
    return false;
  }
  const uint8_t *len = bytes + kMagicSize + 2;
  dictSize = size_t(len[0]) | size_t(len[1]) << 8;
  if (lengthBytes == 4)
    dictSize |= size_t(len[2]) << 16 | size_t(len[3]) << 24;
  dictOffset = kMagicSize + 2 + lengthBytes;
  return true;
}

/// Parses the header dict and computes the data size, with overflow checks.
bool parseDict(const char *dict, size_t dictSize, Header &h,
               std::string &error) {
  if (!DictParser(dict, dict + dictSize).parse(h, error))
    return false;
  h.numElements = 1;
  for (int64_t d : h.shape) {
    if (__builtin_mul_overflow(h.numElements, d, &h.numElements)) {
      error = "bad .npy header: the shape has too many elements";
      return false;
    }
  }
  if (__builtin_mul_overflow(uint64_t(h.numElements),
                             uint64_t(h.elementSize), &h.dataBytes)) {
    error = "bad .npy header: the shape has too many elements";
    return false;
  }
  return true;
}

std::string dataSizeError(const Header &h, uint64_t available) {
  if (available < h.dataBytes)
    return "truncated .npy data: the header promises " +
           std::to_string(h.dataBytes) + " bytes, the file has " +
           std::to_string(available);
  return "the file has " + std::to_string(available - h.dataBytes) +
         " unexpected bytes after the array data";
}

/// Copies Fortran-ordered (column-major) elements into C (row-major) order.
void fortranToC(const Header &h, const uint8_t *src, uint8_t *dst) {
  size_t rank = h.shape.size();
  size_t es = h.elementSize;
  if (h.numElements == 0)
    return;
  if (rank <= 1) {
    std::memcpy(dst, src, h.dataBytes);
    return;
  }
  // Row-major strides in elements; walk the source in column-major order.
  std::vector<int64_t> cStride(rank), index(rank, 0);
  cStride[rank - 1] = 1;
  for (size_t k = rank - 1; k > 0; --k)
    cStride[k - 1] = cStride[k] * h.shape[k];
  int64_t offset = 0;
  for (int64_t i = 0; i < h.numElements; ++i) {
    std::memcpy(dst + offset * es, src + i * es, es);
    for (size_t k = 0; k < rank; ++k) {
      offset += cStride[k];
      if (++index[k] < h.shape[k])
        break;
      offset -= cStride[k] * h.shape[k];
      index[k] = 0;
    }
  }
}

/// Moves the data of \p h, laid out as the file stores it, into \p out.
void storeData(const Header &h, std::vector<uint8_t> &&raw, NpyArray &out) {
  out.dtype = h.dtype;
  out.shape = h.shape;
  if (!h.fortranOrder) {
    out.data = std::move(raw);
    return;
  }
  out.data.assign(raw.size(), 0);
  fortranToC(h, raw.data(), out.data.data());
}

struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

std::string errnoMessage(const char *what) {
  return std::string(what) + ": " + std::strerror(errno);
}

/// Builds the preamble and padded header dict (everything before the data).
bool encodeHeader(const NpyArray &a, std::vector<uint8_t> &out,
                  std::string &error, int majorVersion) {
  const DTypeEntry *entry = findDType(a.dtype);
  if (!entry) {
    error = "cannot write dtype " + std::to_string(a.dtype) + " to .npy";
    return false;
  }
  std::string shape = "(";
  for (size_t i = 0; i < a.shape.size(); ++i) {
    if (a.shape[i] < 0) {
      error = "cannot write a negative dimension to .npy";
      return false;
    }
    if (i)
      shape += ", ";
    shape += std::to_string(a.shape[i]);
  }
  if (a.shape.size() == 1)
    shape += ",";
  shape += ")";
  uint64_t expected = uint64_t(a.numElements()) * entry->size;
  if (a.data.size() != expected) {
    error = "array data has " + std::to_string(a.data.size()) +
            " bytes, its shape and dtype need " + std::to_string(expected);
    return false;
  }
  std::string dict = std::string("{'descr': '") +
                     (entry->size == 1 ? "|" : "<") + entry->code +
                     "', 'fortran_order': False, 'shape': " + shape + ", }";

  auto paddedDictSize = [&](size_t lengthBytes) {
    size_t unpadded = kMagicSize + 2 + lengthBytes + dict.size() + 1;
    return dict.size() + 1 + (kAlign - unpadded % kAlign) % kAlign;
  };
  if (majorVersion == 0)
    majorVersion = paddedDictSize(2) <= 0xffff ? 1 : 2;
  if (majorVersion < 1 || majorVersion > 3) {
    error = "cannot write .npy format version " + std::to_string(majorVersion);
    return false;
  }
  size_t lengthBytes = majorVersion == 1 ? 2 : 4;
  size_t dictSize = paddedDictSize(lengthBytes);
  if (majorVersion == 1 && dictSize > 0xffff) {
    error = "the .npy header is too long for format version 1.0";
    return false;
  }
  dict.append(dictSize - dict.size() - 1, ' ');
  dict.push_back('\n');

  out.assign(kMagic, kMagic + kMagicSize);
  out.push_back(uint8_t(majorVersion));
  out.push_back(0);
  for (size_t i = 0; i < lengthBytes; ++i)
    out.push_back(uint8_t(dictSize >> (8 * i)));
  out.insert(out.end(), dict.begin(), dict.end());
  return true;
}

} // namespace

int64_t NpyArray::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

size_t graphc::npyElementSize(int dtype) {
  const DTypeEntry *e = findDType(dtype);
  return e ? e->size : 0;
}

const char *graphc::npyDTypeName(int dtype) {
  const DTypeEntry *e = findDType(dtype);
  return e ? e->name : "unknown";
}

const char *graphc::npyDescr(int dtype) {
  static const char *const descrs[] = {"<f4", "<f8", "<f2", "|i1",
                                       "<i2", "<i4", "<i8", "|u1",
                                       "<u2", "<u4", "<u8", "|b1"};
  static_assert(sizeof(descrs) / sizeof(descrs[0]) ==
                    sizeof(kDTypes) / sizeof(kDTypes[0]),
                "one descr per dtype");
  for (size_t i = 0; i < sizeof(kDTypes) / sizeof(kDTypes[0]); ++i)
    if (kDTypes[i].dtype == dtype)
      return descrs[i];
  return nullptr;
}

bool graphc::parseNpy(const uint8_t *bytes, size_t size, NpyArray &out,
                      std::string &error) {
  size_t dictOffset, dictSize;
  if (!parsePreamble(bytes, size, dictOffset, dictSize, error))
    return false;
  if (size - dictOffset < dictSize) {
    error = "truncated .npy header";
    return false;
  }
  Header h;
  if (!parseDict(reinterpret_cast<const char *>(bytes) + dictOffset, dictSize,
                 h, error))
    return false;
  const uint8_t *data = bytes + dictOffset + dictSize;
  uint64_t available = size - dictOffset - dictSize;
  if (available != h.dataBytes) {
    error = dataSizeError(h, available);
    return false;
  }
  storeData(h, std::vector<uint8_t>(data, data + h.dataBytes), out);
  return true;
}

bool graphc::readNpy(const std::string &path, NpyArray &out,
                     std::string &error) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = errnoMessage("cannot open");
    return false;
  }
  struct stat st;
  if (fstat(fileno(file.get()), &st) != 0) {
    error = errnoMessage("cannot stat");
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file";
    return false;
  }
  uint64_t fileSize = uint64_t(st.st_size);

  uint8_t preamble[12];
  size_t got = std::fread(preamble, 1, sizeof(preamble), file.get());
  size_t dictOffset, dictSize;
  if (!parsePreamble(preamble, got, dictOffset, dictSize, error))
    return false;
  if (fileSize < dictOffset + dictSize) {
    error = "truncated .npy header";
    return false;
  }
  std::string dict(dictSize, '\0');
  if (std::fseek(file.get(), long(dictOffset), SEEK_SET) != 0 ||
      std::fread(&dict[0], 1, dictSize, file.get()) != dictSize) {
    error = errnoMessage("cannot read the header");
    return false;
  }
  Header h;
  if (!parseDict(dict.data(), dict.size(), h, error))
    return false;
  // Check the size before allocating, so a corrupt shape cannot make us
  // allocate terabytes.
  uint64_t available = fileSize - dictOffset - dictSize;
  if (available != h.dataBytes) {
    error = dataSizeError(h, available);
    return false;
  }
  std::vector<uint8_t> raw(h.dataBytes);
  if (std::fread(raw.data(), 1, raw.size(), file.get()) != raw.size()) {
    error = errnoMessage("cannot read the array data");
    return false;
  }
  storeData(h, std::move(raw), out);
  return true;
}

bool graphc::encodeNpy(const NpyArray &a, std::vector<uint8_t> &out,
                       std::string &error, int majorVersion) {
  if (!encodeHeader(a, out, error, majorVersion))
    return false;
  out.insert(out.end(), a.data.begin(), a.data.end());
  return true;
}

bool graphc::writeNpy(const std::string &path, const NpyArray &a,
                      std::string &error) {
  std::vector<uint8_t> header;
  if (!encodeHeader(a, header, error, /*majorVersion=*/0))
    return false;
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f) {
    error = errnoMessage("cannot open for writing");
    return false;
  }
  bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size() &&
            (a.data.empty() ||
             std::fwrite(a.data.data(), 1, a.data.size(), f) == a.data.size());
  if (!ok)
    error = errnoMessage("cannot write");
  if (std::fclose(f) != 0 && ok) {
    error = errnoMessage("cannot write");
    ok = false;
  }
  if (!ok)
    std::remove(path.c_str());
  return ok;
}

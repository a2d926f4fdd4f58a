//===- Crc32c.cpp - table-driven CRC-32C ----------------------------------===//
//
// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), one byte
// per step through a 256-entry table built once. Checkpoint index files and
// the tensors we read are small next to the compile itself, so the simple
// form is fast enough.
//
//===----------------------------------------------------------------------===//
#include "Crc32c.h"

#include <array>

namespace graphc::tf::detail {

static const std::array<uint32_t, 256> &crcTable() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

uint32_t crc32cExtend(uint32_t crc, const void *data, size_t size) {
  const std::array<uint32_t, 256> &table = crcTable();
  const auto *p = static_cast<const uint8_t *>(data);
  uint32_t c = ~crc;
  for (size_t i = 0; i < size; ++i)
    c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return ~c;
}

} // namespace graphc::tf::detail

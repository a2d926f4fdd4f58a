//===- Crc32c.h - CRC-32C (Castagnoli) and TF's checksum mask ---*- C++ -*-===//
//
// Private to GraphcTFProto. TensorFlow checkpoints checksum every table block
// and every tensor with CRC-32C, stored "masked" (rotated and offset, so a
// checksum of data that itself holds checksums stays meaningful). Debian has
// no CRC-32C library, so this is a small table-driven implementation.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_CRC32C_H
#define GRAPHC_LIB_IMPORT_CRC32C_H

#include <cstddef>
#include <cstdint>

namespace graphc::tf::detail {

/// The CRC-32C of `data[0, size)` continued from `crc` (the CRC of what came
/// before; 0 for none).
uint32_t crc32cExtend(uint32_t crc, const void *data, size_t size);

inline uint32_t crc32c(const void *data, size_t size) {
  return crc32cExtend(0, data, size);
}

/// TF's (and LevelDB's) masking of stored checksums.
constexpr uint32_t kCrc32cMaskDelta = 0xa282ead8u;
inline uint32_t crc32cMask(uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + kCrc32cMaskDelta;
}
inline uint32_t crc32cUnmask(uint32_t masked) {
  uint32_t rot = masked - kCrc32cMaskDelta;
  return (rot >> 17) | (rot << 15);
}

} // namespace graphc::tf::detail

#endif // GRAPHC_LIB_IMPORT_CRC32C_H

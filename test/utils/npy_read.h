/* npy_read.h - the data of a .npy file, for the C test programs that load
 * graphc-compiled libraries (test/Cross/Inputs/npy_runner.c,
 * test/Execution/Inputs/concurrent_load.c). Little-endian, C order, format
 * 1.0 or 2.0; the header's dtype and shape are not checked, only the byte
 * count against the model's input. */
#ifndef GRAPHC_TEST_UTILS_NPY_READ_H
#define GRAPHC_TEST_UTILS_NPY_READ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The data of a .npy file holding exactly `bytes` bytes, or NULL. */
static inline void *readNpy(const char *path, int64_t bytes) {
  FILE *f = fopen(path, "rb");
  unsigned char head[12];
  void *data = NULL;
  if (!f)
    return NULL;
  if (fread(head, 1, 10, f) == 10 && memcmp(head, "\x93NUMPY", 6) == 0) {
    long headerLen = head[8] | head[9] << 8;
    if (head[6] >= 2 && fread(head + 10, 1, 2, f) == 2)
      headerLen |= (long)head[10] << 16 | (long)head[11] << 24;
    long start = (head[6] >= 2 ? 12 : 10) + headerLen;
    fseek(f, 0, SEEK_END);
    if (ftell(f) - start == bytes) {
      data = malloc(bytes ? bytes : 1);
      fseek(f, start, SEEK_SET);
      if (data && fread(data, 1, bytes, f) != (size_t)bytes) {
        free(data);
        data = NULL;
      }
    }
  }
  fclose(f);
  return data;
}

#endif /* GRAPHC_TEST_UTILS_NPY_READ_H */

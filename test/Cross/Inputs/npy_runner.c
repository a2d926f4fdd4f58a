/* npy_runner: a portable C runner for graphc-compiled libraries, built for
 * the target (aarch64 under qemu in cross-aarch64.test), where graph-run
 * (a host C++ tool linking LLVM) cannot run.
 *
 *   npy_runner LIB.so NAME IN.npy... OUT.npy...
 *
 * dlopens LIB.so, reads NAME_info() (graphc-c/Runtime.h), loads one .npy
 * per input (little-endian, C order; its byte count must match), calls
 * NAME() and writes one .npy per output. Exit status 0 on success, 2 on
 * bad arguments or files, 1 if the model call fails. */
#include "graphc-c/Runtime.h"
#include "model_open.h"
#include "npy_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *npyDescr(int32_t dtype) {
  switch (dtype) {
  case GRAPHC_DT_FLOAT: return "<f4";
  case GRAPHC_DT_DOUBLE: return "<f8";
  case GRAPHC_DT_INT32: return "<i4";
  case GRAPHC_DT_UINT8: return "|u1";
  case GRAPHC_DT_INT16: return "<i2";
  case GRAPHC_DT_INT8: return "|i1";
  case GRAPHC_DT_INT64: return "<i8";
  case GRAPHC_DT_BOOL: return "|b1";
  case GRAPHC_DT_UINT16: return "<u2";
  case GRAPHC_DT_HALF: return "<f2";
  case GRAPHC_DT_UINT32: return "<u4";
  case GRAPHC_DT_UINT64: return "<u8";
  default: return NULL;
  }
}

static int writeNpy(const char *path, const graphc_tensor_info *t,
                    const void *data) {
  char header[256], shape[160] = "";
  for (int32_t d = 0; d < t->rank; ++d) {
    size_t n = strlen(shape);
    snprintf(shape + n, sizeof shape - n, "%lld%s", (long long)t->shape[d],
             t->rank == 1 ? "," : d + 1 < t->rank ? ", " : "");
  }
  int len = snprintf(header, sizeof header,
                     "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
                     npyDescr(t->dtype), shape);
  int padded = ((10 + len + 1 + 63) / 64) * 64 - 10; /* + '\n', 64-aligned */
  FILE *f = fopen(path, "wb");
  if (!f)
    return 0;
  unsigned char magic[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                             (unsigned char)(padded & 0xff),
                             (unsigned char)(padded >> 8)};
  fwrite(magic, 1, 10, f);
  fwrite(header, 1, len, f);
  for (int i = len; i < padded - 1; ++i)
    fputc(' ', f);
  fputc('\n', f);
  size_t written = fwrite(data, 1, t->num_bytes, f);
  return fclose(f) == 0 && written == (size_t)t->num_bytes;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s LIB.so NAME IN.npy... OUT.npy...\n", argv[0]);
    return 2;
  }
  struct OpenedModel model;
  if (openModel(argv[1], argv[2], &model))
    return 2;
  const graphc_model_info *info = model.info;
  graphc_entry_fn run = model.run;
  if (argc != 3 + info->num_inputs + info->num_outputs) {
    fprintf(stderr, "error: %d inputs and %d outputs expected\n",
            info->num_inputs, info->num_outputs);
    return 2;
  }
  const void **inputs = calloc(info->num_inputs + 1, sizeof(void *));
  void **outputs = calloc(info->num_outputs + 1, sizeof(void *));
  for (int32_t i = 0; i < info->num_inputs; ++i)
    if (!(inputs[i] = readNpy(argv[3 + i], info->inputs[i].num_bytes))) {
      fprintf(stderr, "error: %s: not a .npy of %lld bytes for input '%s'\n",
              argv[3 + i], (long long)info->inputs[i].num_bytes,
              info->inputs[i].name);
      return 2;
    }
  for (int32_t j = 0; j < info->num_outputs; ++j)
    outputs[j] = malloc(info->outputs[j].num_bytes + 1);
  int status = run(inputs, outputs);
  if (status != GRAPHC_STATUS_OK) {
    fprintf(stderr, "error: %s() returned %d\n", argv[2], status);
    return 1;
  }
  for (int32_t j = 0; j < info->num_outputs; ++j)
    if (!writeNpy(argv[3 + info->num_inputs + j], &info->outputs[j],
                  outputs[j])) {
      fprintf(stderr, "error: cannot write %s\n",
                argv[3 + info->num_inputs + j]);
      return 2;
    }
  printf("%s: %d inputs, %d outputs written\n", argv[2], info->num_inputs,
         info->num_outputs);
  return 0;
}

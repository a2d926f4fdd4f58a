/*===- graphc_runner.c - a graphc library alone, for its peak RSS ---------===*\
|*                                                                            *|
|* bench/compare's peak-RSS child for graphc: as lean as a C program that     *|
|* links the library could be. dlopen()s LIB.so, feeds input 0 from a raw     *|
|* file (the library's dtype and size), runs the entry point RUNS times and   *|
|* prints "VmHWM_kB N" (the peak resident set of this process, from           *|
|* /proc/self/status).                                                        *|
|*                                                                            *|
|*   graphc_runner LIB.so NAME INPUT.raw RUNS                                 *|
|*                                                                            *|
|* Built by bench/compare with cc -I include.                                 *|
\*===----------------------------------------------------------------------===*/
#include "graphc-c/Runtime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long vmhwm_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  while (f && fgets(line, sizeof line, f))
    if (strncmp(line, "VmHWM:", 6) == 0)
      kb = strtol(line + 6, NULL, 10);
  if (f)
    fclose(f);
  return kb;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: graphc_runner LIB.so NAME INPUT.raw RUNS\n");
    return 2;
  }
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "error: %s\n", dlerror());
    return 2;
  }
  char infoName[512];
  snprintf(infoName, sizeof infoName, "%s_info", argv[2]);
  graphc_entry_fn fn = (graphc_entry_fn)dlsym(lib, argv[2]);
  graphc_info_fn infoFn = (graphc_info_fn)dlsym(lib, infoName);
  if (!fn || !infoFn) {
    fprintf(stderr, "error: %s: no symbol %s\n", argv[1], argv[2]);
    return 2;
  }
  const graphc_model_info *info = infoFn();
  void **inputs = calloc(info->num_inputs + 1, sizeof(void *));
  void **outputs = calloc(info->num_outputs + 1, sizeof(void *));
  for (int i = 0; i < info->num_inputs; ++i)
    inputs[i] = aligned_alloc(64, (info->inputs[i].num_bytes + 63) / 64 * 64 + 64);
  for (int j = 0; j < info->num_outputs; ++j)
    outputs[j] = aligned_alloc(64, (info->outputs[j].num_bytes + 63) / 64 * 64 + 64);
  if (info->num_inputs > 0) {
    FILE *f = fopen(argv[3], "rb");
    if (!f || fread(inputs[0], 1, info->inputs[0].num_bytes, f) !=
                  (size_t)info->inputs[0].num_bytes) {
      fprintf(stderr, "error: %s: cannot read input\n", argv[3]);
      return 2;
    }
    fclose(f);
  }
  int runs = atoi(argv[4]);
  for (int r = 0; r < runs; ++r)
    if (fn((const void *const *)inputs, outputs) != 0) {
      fprintf(stderr, "error: the model returned non-zero\n");
      return 1;
    }
  printf("VmHWM_kB %ld\n", vmhwm_kb());
  return 0;
}

/* dlopen_main.c - load any graphc-generated library at run time and print
 * what it takes and returns, using nothing but graphc-c/Runtime.h.
 *
 *   cc -I include docs/examples/dlopen_main.c -ldl -o dlopen_main
 *   ./dlopen_main out/mlp.so mlp
 *
 * NAME defaults to the file name without its directory and ".so".
 * It then runs the model once on zero-filled inputs.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graphc-c/Runtime.h"

static void print_tensor(const char *kind, int index,
                         const graphc_tensor_info *t) {
  int32_t d;
  printf("%s %d: %s dtype=%d shape=[", kind, index, t->name, (int)t->dtype);
  for (d = 0; d < t->rank; ++d)
    printf("%s%lld", d ? "," : "", (long long)t->shape[d]);
  printf("] elements=%lld bytes=%lld\n", (long long)t->num_elements,
         (long long)t->num_bytes);
}

int main(int argc, char **argv) {
  char name[256], info_name[300];
  void *lib;
  graphc_entry_fn entry;
  graphc_info_fn get_info;
  const graphc_model_info *info;
  void **buffers;
  int32_t i, n;
  int rc;

  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: %s LIB.so [NAME]\n", argv[0]);
    return 2;
  }
  if (argc == 3) {
    snprintf(name, sizeof name, "%s", argv[2]);
  } else { /* out/mlp.so -> mlp */
    const char *base = strrchr(argv[1], '/');
    size_t len;
    snprintf(name, sizeof name, "%s", base ? base + 1 : argv[1]);
    len = strlen(name);
    if (len > 3 && strcmp(name + len - 3, ".so") == 0)
      name[len - 3] = '\0';
  }
  snprintf(info_name, sizeof info_name, "%s_info", name);

  /* RTLD_LOCAL: several models can be loaded side by side. */
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "error: %s\n", dlerror());
    return 2;
  }
  /* POSIX blesses this object-to-function pointer conversion for dlsym. */
  *(void **)&entry = dlsym(lib, name);
  *(void **)&get_info = dlsym(lib, info_name);
  if (!entry || !get_info) {
    fprintf(stderr, "error: %s does not export %s and %s\n", argv[1], name,
            info_name);
    return 2;
  }
  info = get_info();
  if (info->abi_version != GRAPHC_ABI_VERSION) {
    fprintf(stderr, "error: ABI version %u, expected %d\n",
            (unsigned)info->abi_version, GRAPHC_ABI_VERSION);
    return 2;
  }

  printf("model: %s (ABI version %u)\n", info->name,
         (unsigned)info->abi_version);
  for (i = 0; i < info->num_inputs; ++i)
    print_tensor("input", (int)i, &info->inputs[i]);
  for (i = 0; i < info->num_outputs; ++i)
    print_tensor("output", (int)i, &info->outputs[i]);

  /* One buffer per tensor, num_bytes each (at least 1 so that calloc never
   * returns NULL for an empty tensor); inputs first, then outputs. */
  n = info->num_inputs + info->num_outputs;
  buffers = (void **)calloc((size_t)n, sizeof *buffers);
  if (!buffers) {
    fprintf(stderr, "error: out of memory\n");
    return 2;
  }
  for (i = 0; i < n; ++i) {
    const graphc_tensor_info *t = i < info->num_inputs
                                      ? &info->inputs[i]
                                      : &info->outputs[i - info->num_inputs];
    buffers[i] = calloc(1, t->num_bytes ? (size_t)t->num_bytes : 1);
    if (!buffers[i]) {
      fprintf(stderr, "error: out of memory\n");
      return 2;
    }
  }
  rc = entry((const void *const *)buffers, buffers + info->num_inputs);
  printf("%s returned %d\n", name, rc);

  for (i = 0; i < n; ++i)
    free(buffers[i]);
  free(buffers);
  dlclose(lib);
  return rc == 0 ? 0 : 1;
}

/* mlp_main.c - call a graphc-generated library from C (or C++).
 *
 * Build the model library, then this program against it:
 *
 *   build/bin/graph-compile examples/mlp/mlp.pb --fetch probs -o out/mlp
 *   cc -I out -I include docs/examples/mlp_main.c \
 *      -L out -l:mlp.so -Wl,-rpath,"$PWD/out" -o mlp_main     # shared
 *   cc -I out -I include docs/examples/mlp_main.c out/mlp.o -lm \
 *      -o mlp_main                                             # static
 *   ./mlp_main
 *
 * It feeds the input of examples/mlp/x.npy (np.linspace(-1, 1, 8)) and prints
 * the 4 probabilities, which match examples/mlp/probs.npy.
 */
#include <stdio.h>
#include <string.h>

#include "graphc-c/Runtime.h" /* graphc_model_info, graphc_tensor_info */
#include "mlp.h"              /* mlp(), mlp_info(), mlp_run(), mlp_* macros */

static const char *dtype_name(int32_t dtype) {
  switch (dtype) {
  case GRAPHC_DT_FLOAT: return "float32";
  case GRAPHC_DT_DOUBLE: return "float64";
  case GRAPHC_DT_INT32: return "int32";
  case GRAPHC_DT_UINT8: return "uint8";
  case GRAPHC_DT_INT16: return "int16";
  case GRAPHC_DT_INT8: return "int8";
  case GRAPHC_DT_INT64: return "int64";
  case GRAPHC_DT_BOOL: return "bool";
  case GRAPHC_DT_UINT16: return "uint16";
  case GRAPHC_DT_HALF: return "float16";
  case GRAPHC_DT_UINT32: return "uint32";
  case GRAPHC_DT_UINT64: return "uint64";
  default: return "unknown";
  }
}

static void print_tensor(const char *kind, int index,
                         const graphc_tensor_info *t) {
  int32_t d;
  printf("%s %d: %s %s [", kind, index, t->name, dtype_name(t->dtype));
  for (d = 0; d < t->rank; ++d)
    printf("%s%lld", d ? "," : "", (long long)t->shape[d]);
  printf("] %lld bytes\n", (long long)t->num_bytes);
}

int main(void) {
  /* 1. The metadata, at run time. mlp.h only forward-declares the struct;
   *    graphc-c/Runtime.h defines it. The pointer is constant data inside
   *    the library: never free it. */
  const graphc_model_info *info = mlp_info();
  int32_t i;
  if (info->abi_version != GRAPHC_ABI_VERSION) {
    fprintf(stderr, "error: library ABI %u, this program expects %d\n",
            (unsigned)info->abi_version, GRAPHC_ABI_VERSION);
    return 1;
  }
  printf("model: %s (ABI version %u)\n", info->name,
         (unsigned)info->abi_version);
  for (i = 0; i < info->num_inputs; ++i)
    print_tensor("input", (int)i, &info->inputs[i]);
  for (i = 0; i < info->num_outputs; ++i)
    print_tensor("output", (int)i, &info->outputs[i]);

  {
    /* 2. Caller-owned, dense, row-major buffers, sized by the compile-time
     *    constants of mlp.h: x is float32 [1, 8], probs float32 [1, 4]. */
    float x[mlp_INPUT_0_NUM_ELEMENTS];
    float probs[mlp_OUTPUT_0_NUM_ELEMENTS];
    float probs_again[mlp_OUTPUT_0_NUM_ELEMENTS];
    const void *inputs[mlp_NUM_INPUTS];
    void *outputs[mlp_NUM_OUTPUTS];
    int rc, j;

    /* The same values as examples/mlp/x.npy: np.linspace(-1, 1, 8). */
    for (j = 0; j < mlp_INPUT_0_DIM_1; ++j)
      x[j] = (float)(-1.0 + 2.0 * j / (mlp_INPUT_0_DIM_1 - 1));

    /* 3. The generic entry point: one pointer per input, one per output,
     *    in the order of the header (and of --feed / --fetch). */
    inputs[mlp_INPUT_x_INDEX] = x;
    outputs[mlp_OUTPUT_probs_INDEX] = probs;
    rc = mlp(inputs, outputs);
    if (rc != 0) {
      fprintf(stderr, "error: mlp() returned %d\n", rc);
      return 1;
    }
    printf("probs:");
    for (j = 0; j < mlp_OUTPUT_0_NUM_ELEMENTS; ++j)
      printf(" %.6f", probs[j]);
    printf("\n");

    /* 4. The typed wrapper of mlp.h does the same call. */
    rc = mlp_run(x, probs_again);
    if (rc != 0 || memcmp(probs, probs_again, sizeof probs) != 0) {
      fprintf(stderr, "error: mlp_run() disagrees with mlp()\n");
      return 1;
    }
    printf("mlp_run: same result\n");
  }
  return 0;
}

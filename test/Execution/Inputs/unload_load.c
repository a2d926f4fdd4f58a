/* unload_load: loads a graphc-compiled library, calls its model once,
 * unloads it at once and waits, CYCLES times.
 *
 *   unload_load LIB.so NAME CYCLES
 *
 * A --threads N library's pool workers spin for a while after each call;
 * its destructor must stop and join them before dlclose unmaps their code,
 * or a worker still spinning runs into unmapped memory (SIGSEGV). Inputs
 * are zeros (any input exercises the pool). Prints one line; exit 0 if
 * every cycle's call succeeded, 1 if one failed, 2 on bad arguments. */
#include "graphc-c/Runtime.h"
#include "model_open.h"

#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: unload_load LIB.so NAME CYCLES\n");
    return 2;
  }
  int cycles = atoi(argv[3]);
  int failures = 0;
  for (int c = 0; c < cycles; ++c) {
    struct OpenedModel model;
    if (openModel(argv[1], argv[2], &model) != 0)
      return 2;
    const graphc_model_info *info = model.info;
    void **inputs = calloc(info->num_inputs + 1, sizeof(void *));
    void **outputs = calloc(info->num_outputs + 1, sizeof(void *));
    for (int32_t i = 0; i < info->num_inputs; ++i)
      inputs[i] = calloc(1, info->inputs[i].num_bytes + 1);
    for (int32_t j = 0; j < info->num_outputs; ++j)
      outputs[j] = malloc(info->outputs[j].num_bytes + 1);
    if (model.run((const void **)inputs, outputs) != GRAPHC_STATUS_OK)
      ++failures;
    int32_t numInputs = info->num_inputs, numOutputs = info->num_outputs;
    dlclose(model.handle); /* `info` lived in the library */
    /* Long enough for a worker left spinning to reach unmapped code. */
    struct timespec wait = {0, 2 * 1000 * 1000};
    nanosleep(&wait, NULL);
    for (int32_t i = 0; i < numInputs; ++i)
      free(inputs[i]);
    for (int32_t j = 0; j < numOutputs; ++j)
      free(outputs[j]);
    free(inputs);
    free(outputs);
  }
  printf("%d load-call-unload cycles, %d failed calls\n", cycles, failures);
  return failures ? 1 : 0;
}

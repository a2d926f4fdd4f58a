/* concurrent_load: calls a graphc-compiled model from many threads at once
 * and checks every output bit for bit against a single-threaded call.
 *
 *   concurrent_load [--shared-workspace] [--short-outputs] LIB.so NAME
 *                   THREADS CALLS IN.npy...
 *
 * Half of the threads call NAME (scratch memory allocated per call), the
 * other half NAME_with_workspace with a workspace of their own, as a
 * server would. --shared-workspace gives those threads one workspace
 * between them: the caller's error docs/RuntimeABI.md warns of, which
 * ThreadSanitizer must report (sanitize-thread.test). --short-outputs makes
 * the threads' output buffers 4 bytes short and leaves them unread: a
 * write past their end, by the generated code alone, which AddressSanitizer
 * must report (sanitize-address.test). Prints one summary line; exit 0 if every output of every
 * call matched, 1 on a mismatch or failed call, 2 on bad arguments. */
#include "graphc-c/Runtime.h"
#include "model_open.h"
#include "npy_read.h"

#include <pthread.h>

struct Shared {
  const graphc_model_info *info;
  graphc_entry_fn run;
  graphc_entry_with_workspace_fn runWithWorkspace;
  const void **inputs;
  void **reference;
  int calls;
  void *sharedWorkspace; /* --shared-workspace; NULL: one per thread */
  int shortOutputs;      /* --short-outputs */
};

struct Worker {
  struct Shared *shared;
  int useWorkspace;
  long mismatches, failures;
  pthread_t thread;
};

static void *work(void *arg) {
  struct Worker *w = arg;
  const struct Shared *s = w->shared;
  const graphc_model_info *info = s->info;
  void **outputs = calloc(info->num_outputs + 1, sizeof(void *));
  for (int32_t j = 0; j < info->num_outputs; ++j)
    outputs[j] = malloc(s->shortOutputs ? info->outputs[j].num_bytes - 4
                                        : info->outputs[j].num_bytes + 1);
  void *workspace = NULL;
  if (w->useWorkspace && !s->sharedWorkspace && info->workspace_bytes > 0 &&
      posix_memalign(&workspace, 64, (size_t)info->workspace_bytes) != 0)
    workspace = NULL;
  void *callWorkspace = s->sharedWorkspace ? s->sharedWorkspace : workspace;
  for (int c = 0; c < s->calls; ++c) {
    for (int32_t j = 0; j < info->num_outputs && !s->shortOutputs; ++j)
      memset(outputs[j], 0xA5, info->outputs[j].num_bytes);
    int status = w->useWorkspace
                     ? s->runWithWorkspace(s->inputs, outputs, callWorkspace)
                     : s->run(s->inputs, outputs);
    if (status != GRAPHC_STATUS_OK) {
      ++w->failures;
      continue;
    }
    for (int32_t j = 0; j < info->num_outputs && !s->shortOutputs; ++j)
      if (memcmp(outputs[j], s->reference[j], info->outputs[j].num_bytes))
        ++w->mismatches;
  }
  for (int32_t j = 0; j < info->num_outputs; ++j)
    free(outputs[j]);
  free(outputs);
  free(workspace);
  return NULL;
}

int main(int argc, char **argv) {
  int shareWorkspace = 0, shortOutputs = 0;
  while (argc > 1 && !strncmp(argv[1], "--", 2)) {
    if (!strcmp(argv[1], "--shared-workspace"))
      shareWorkspace = 1;
    else if (!strcmp(argv[1], "--short-outputs"))
      shortOutputs = 1;
    else
      argc = 0; /* an unknown flag: the usage line */
    if (argc == 0)
      break;
    argv[1] = argv[0];
    ++argv;
    --argc;
  }
  if (argc < 5) {
    fprintf(stderr,
            "usage: concurrent_load [--shared-workspace] [--short-outputs] "
            "LIB.so NAME THREADS CALLS IN.npy...\n");
    return 2;
  }
  struct OpenedModel model;
  if (openModel(argv[1], argv[2], &model))
    return 2;
  struct Shared s = {0};
  s.info = model.info;
  s.run = model.run;
  s.runWithWorkspace = model.runWithWorkspace;
  int threads = atoi(argv[3]);
  s.calls = atoi(argv[4]);
  if (threads < 1 || s.calls < 1 || argc != 5 + s.info->num_inputs) {
    fprintf(stderr, "error: bad counts, or not %d inputs\n",
            s.info->num_inputs);
    return 2;
  }
  s.inputs = calloc(s.info->num_inputs + 1, sizeof(void *));
  for (int32_t i = 0; i < s.info->num_inputs; ++i)
    if (!(s.inputs[i] = readNpy(argv[5 + i], s.info->inputs[i].num_bytes))) {
      fprintf(stderr, "error: %s: not a .npy for input '%s'\n", argv[5 + i],
              s.info->inputs[i].name);
      return 2;
    }
  /* The reference: one call, alone. */
  s.reference = calloc(s.info->num_outputs + 1, sizeof(void *));
  for (int32_t j = 0; j < s.info->num_outputs; ++j)
    s.reference[j] = malloc(s.info->outputs[j].num_bytes + 1);
  if (s.run(s.inputs, s.reference) != GRAPHC_STATUS_OK) {
    fprintf(stderr, "error: the single-threaded call failed\n");
    return 1;
  }
  if (shareWorkspace && s.info->workspace_bytes > 0 &&
      posix_memalign(&s.sharedWorkspace, 64,
                     (size_t)s.info->workspace_bytes) != 0) {
    fprintf(stderr, "error: cannot allocate the workspace\n");
    return 2;
  }
  s.shortOutputs = shortOutputs;
  struct Worker *workers = calloc(threads, sizeof(struct Worker));
  for (int t = 0; t < threads; ++t) {
    workers[t].shared = &s;
    workers[t].useWorkspace = t % 2;
    pthread_create(&workers[t].thread, NULL, work, &workers[t]);
  }
  long mismatches = 0, failures = 0;
  for (int t = 0; t < threads; ++t) {
    pthread_join(workers[t].thread, NULL);
    mismatches += workers[t].mismatches;
    failures += workers[t].failures;
  }
  printf("%s: %d threads x %d calls: %ld mismatching outputs, %ld failed "
         "calls\n",
         argv[2], threads, s.calls, mismatches, failures);
  /* Everything freed: AddressSanitizer's leak check runs at exit. */
  for (int32_t i = 0; i < s.info->num_inputs; ++i)
    free((void *)s.inputs[i]);
  for (int32_t j = 0; j < s.info->num_outputs; ++j)
    free(s.reference[j]);
  free(s.inputs);
  free(s.reference);
  free(workers);
  free(s.sharedWorkspace);
  return mismatches || failures ? 1 : 0;
}

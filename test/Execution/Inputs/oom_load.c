/* oom_load.c - any graphc-compiled model with each of its scratch
 * allocations failing in turn (out-of-memory-threads.test):
 *
 *   oom_load LIB.so NAME IN.npy...
 *   oom_load --concurrent THREADS CALLS LIB.so NAME IN.npy...
 *
 * Like oom_main.c (which holds the example MLP's header), the program
 * defines malloc and free, so the model library's calls land here: they
 * forward to glibc and, while `watching` is set, count mallocs and live
 * blocks (atomically: a library built with --threads N may run kernels on
 * its pool's threads) and make malloc number `fail_at` return NULL.
 *
 * For every k from 1 to the mallocs of one call, the call must return
 * GRAPHC_STATUS_OUT_OF_MEMORY and leave no block allocated; a normal call
 * afterwards must return 0 and give outputs bit-identical to the first.
 *
 * --concurrent: THREADS threads make CALLS calls each at once while every
 * other malloc of the process fails; each call must return 0 with the
 * first call's outputs or GRAPHC_STATUS_OUT_OF_MEMORY, and at the end no
 * block may be left allocated. */
#include "graphc-c/Runtime.h"
#include "model_open.h"
#include "npy_read.h"

void *__libc_malloc(size_t size);
void __libc_free(void *ptr);

#include <pthread.h>

static int watching, fail_every_other;
static long num_mallocs, num_live, fail_at;

void *malloc(size_t size) {
  if (!__atomic_load_n(&watching, __ATOMIC_SEQ_CST))
    return __libc_malloc(size);
  long n = __atomic_add_fetch(&num_mallocs, 1, __ATOMIC_SEQ_CST);
  if (n == fail_at || (fail_every_other && n % 2))
    return NULL;
  void *ptr = __libc_malloc(size);
  if (ptr)
    __atomic_add_fetch(&num_live, 1, __ATOMIC_SEQ_CST);
  return ptr;
}

void free(void *ptr) {
  if (ptr && __atomic_load_n(&watching, __ATOMIC_SEQ_CST))
    __atomic_sub_fetch(&num_live, 1, __ATOMIC_SEQ_CST);
  __libc_free(ptr);
}

static int run(const struct OpenedModel *m, const void **in, void **out,
               long fail) {
  num_mallocs = num_live = 0;
  fail_at = fail;
  __atomic_store_n(&watching, 1, __ATOMIC_SEQ_CST);
  int rc = m->run(in, out);
  __atomic_store_n(&watching, 0, __ATOMIC_SEQ_CST);
  return rc;
}

/* The callers run only while `watching`, between these two barriers:
 * glibc's thread start and exit allocate with calloc and free with free. */
static pthread_barrier_t started, finished;

struct Caller {
  const struct OpenedModel *m;
  const void **in;
  void **first;
  int calls;
  long ok, oom, wrong;
  pthread_t thread;
};

static void *call(void *arg) {
  struct Caller *c = arg;
  const graphc_model_info *info = c->m->info;
  void *out[64];
  for (int32_t j = 0; j < info->num_outputs; ++j)
    out[j] = __libc_malloc(info->outputs[j].num_bytes + 1);
  pthread_barrier_wait(&started);
  for (int k = 0; k < c->calls; ++k) {
    int rc = c->m->run(c->in, out);
    int same = 1;
    for (int32_t j = 0; j < info->num_outputs && rc == 0; ++j)
      same &= !memcmp(out[j], c->first[j], info->outputs[j].num_bytes);
    if (rc == 0 && same)
      ++c->ok;
    else if (rc == GRAPHC_STATUS_OUT_OF_MEMORY)
      ++c->oom;
    else
      ++c->wrong;
  }
  pthread_barrier_wait(&finished);
  for (int32_t j = 0; j < info->num_outputs; ++j)
    __libc_free(out[j]);
  return NULL;
}

int main(int argc, char **argv) {
  int threads = 0, calls = 0;
  if (argc > 3 && !strcmp(argv[1], "--concurrent")) {
    threads = atoi(argv[2]);
    calls = atoi(argv[3]);
    argv += 3;
    argc -= 3;
    if (threads < 1 || threads > 64 || calls < 1)
      return fprintf(stderr, "error: bad --concurrent counts\n"), 2;
  }
  struct OpenedModel m;
  if (argc < 3 || openModel(argv[1], argv[2], &m))
    return 2;
  const graphc_model_info *info = m.info;
  if (argc != 3 + info->num_inputs) {
    fprintf(stderr, "error: %s takes %d inputs\n", argv[2], info->num_inputs);
    return 2;
  }
  const void *in[64];
  void *out[64], *first[64];
  for (int32_t i = 0; i < info->num_inputs && i < 64; ++i)
    if (!(in[i] = readNpy(argv[3 + i], info->inputs[i].num_bytes)))
      return fprintf(stderr, "error: %s: not a .npy for that input\n",
                     argv[3 + i]),
             2;
  for (int32_t j = 0; j < info->num_outputs && j < 64; ++j) {
    out[j] = __libc_malloc(info->outputs[j].num_bytes + 1);
    first[j] = __libc_malloc(info->outputs[j].num_bytes + 1);
  }
  int rc = run(&m, in, first, 0);
  long total = num_mallocs;
  if (threads) {
    struct Caller callers[64];
    fail_every_other = 1;
    num_mallocs = num_live = 0;
    pthread_barrier_init(&started, NULL, threads + 1);
    pthread_barrier_init(&finished, NULL, threads + 1);
    for (int t = 0; t < threads; ++t) {
      callers[t] = (struct Caller){&m, in, first, calls, 0, 0, 0, 0};
      pthread_create(&callers[t].thread, NULL, call, &callers[t]);
    }
    __atomic_store_n(&watching, 1, __ATOMIC_SEQ_CST);
    pthread_barrier_wait(&started);
    pthread_barrier_wait(&finished);
    __atomic_store_n(&watching, 0, __ATOMIC_SEQ_CST);
    long ok = 0, oom = 0, bad = 0;
    for (int t = 0; t < threads; ++t) {
      pthread_join(callers[t].thread, NULL);
      ok += callers[t].ok;
      oom += callers[t].oom;
      bad += callers[t].wrong;
    }
    printf("%s: %d threads x %d calls, every other malloc failing: %ld "
           "correct, %ld out of memory, %ld wrong, %ld blocks left\n",
           argv[2], threads, calls, ok, oom, bad, num_live);
    return bad != 0 || num_live != 0 || ok == 0 || oom == 0;
  }
  printf("%s: mallocs per call: %ld, returned %d, %ld blocks left\n", argv[2],
         total, rc, num_live);
  int wrong = 0;
  for (long k = 1; k <= total; ++k) {
    rc = run(&m, in, out, k);
    if (rc != GRAPHC_STATUS_OUT_OF_MEMORY || num_live != 0) {
      printf("malloc %ld failing: returned %d, %ld blocks left\n", k, rc,
             num_live);
      ++wrong;
    }
  }
  printf("failing each malloc in turn: %d wrong\n", wrong);
  rc = run(&m, in, out, 0);
  int same = 1;
  for (int32_t j = 0; j < info->num_outputs; ++j)
    same &= !memcmp(out[j], first[j], info->outputs[j].num_bytes);
  printf("then: returned %d, %ld blocks left, outputs %s\n", rc, num_live,
         same ? "identical" : "DIFFERENT");
  return wrong != 0 || rc != 0 || !same;
}

/* oom_main.c - runs the example MLP (graph-compile examples/mlp/mlp.pb
 * --fetch probs -o DIR/mlp) with each of its scratch allocations failing in
 * turn, for test/Execution/out-of-memory.test.
 *
 * The program defines malloc and free itself. A program's own definitions
 * take precedence over libc's for the whole process, the model library
 * included (mlp.so linked or dlopen()ed, or mlp.o linked statically), so the
 * model's calls land here. They forward to glibc's __libc_malloc and
 * __libc_free and, while `watching` is set, count the mallocs and the blocks
 * still allocated, and make malloc number `fail_at` return NULL.
 *
 * For every k from 1 to the number of mallocs of one call, mlp() must return
 * 1 (out of memory) after exactly k mallocs (it stops at the first failure)
 * and leave no block allocated. A normal call afterwards must return 0,
 * leave nothing allocated, and compute the usual probabilities.
 */
#include "mlp.h"

#include <stddef.h>
#include <stdio.h>

void *__libc_malloc(size_t size);
void __libc_free(void *ptr);

static int watching;
static long num_mallocs, num_live, fail_at;

void *malloc(size_t size) {
  void *ptr;
  if (!watching)
    return __libc_malloc(size);
  if (++num_mallocs == fail_at)
    return NULL;
  ptr = __libc_malloc(size);
  if (ptr)
    ++num_live;
  return ptr;
}

void free(void *ptr) {
  if (watching && ptr)
    --num_live;
  __libc_free(ptr);
}

/* One call of the model with malloc number `fail` failing (0: none). */
static int run(const float *x, float *probs, long fail) {
  int rc;
  num_mallocs = num_live = 0;
  fail_at = fail;
  watching = 1;
  rc = mlp_run(x, probs);
  watching = 0;
  return rc;
}

int main(void) {
  float x[mlp_INPUT_0_NUM_ELEMENTS], probs[mlp_OUTPUT_0_NUM_ELEMENTS];
  long total, k;
  int rc, j, wrong = 0;

  /* The same values as examples/mlp/x.npy: np.linspace(-1, 1, 8). */
  for (j = 0; j < mlp_INPUT_0_DIM_1; ++j)
    x[j] = (float)(-1.0 + 2.0 * j / (mlp_INPUT_0_DIM_1 - 1));

  rc = run(x, probs, 0);
  total = num_mallocs;
  printf("mallocs per call: %ld, returned %d, %ld blocks left\n", total, rc,
         num_live);
  for (k = 1; k <= total; ++k) {
    rc = run(x, probs, k);
    if (rc != 1 || num_mallocs != k || num_live != 0) {
      printf("malloc %ld failing: returned %d after %ld mallocs, %ld blocks "
             "left\n",
             k, rc, num_mallocs, num_live);
      ++wrong;
    }
  }
  printf("failing each malloc in turn: %d wrong\n", wrong);

  rc = run(x, probs, 0);
  printf("then: returned %d, %ld blocks left\n", rc, num_live);
  printf("probs:");
  for (j = 0; j < mlp_OUTPUT_0_NUM_ELEMENTS; ++j)
    printf(" %.6f", probs[j]);
  printf("\n");
  return wrong != 0 || rc != 0;
}

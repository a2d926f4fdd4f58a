/*===- fma_peak.c - one core's fp32 FMA peak, measured --------------------===*\
|*                                                                            *|
|* 12 independent FMA chains per vector width (more than latency x pipes on   *|
|* any current x86 core), best of 5 runs of ~0.1 s each. Prints              *|
|*   avx2_fma_gflops X                                                        *|
|*   avx512_fma_gflops Y      (only when the CPU has AVX-512F)                *|
|* The default --peak of bench/compare and bench/conv: the widest one.        *|
|* Built by them with cc -O3.                                                 *|
\*===----------------------------------------------------------------------===*/
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#define CHAINS 12
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

__attribute__((target("avx2,fma"))) static double avx2(long iters) {
  __m256 a[CHAINS], b = _mm256_set1_ps(1.0000001f), c = _mm256_set1_ps(1e-7f);
  for (int i = 0; i < CHAINS; i++)
    a[i] = _mm256_set1_ps((float)i);
  double t = now();
  for (long k = 0; k < iters; k++)
    for (int i = 0; i < CHAINS; i++)
      a[i] = _mm256_fmadd_ps(a[i], b, c);
  t = now() - t;
  volatile float sink = 0;
  for (int i = 0; i < CHAINS; i++)
    sink += a[i][0];
  return iters * CHAINS * 16.0 / t / 1e9;
}

__attribute__((target("avx512f"))) static double avx512(long iters) {
  __m512 a[CHAINS], b = _mm512_set1_ps(1.0000001f), c = _mm512_set1_ps(1e-7f);
  for (int i = 0; i < CHAINS; i++)
    a[i] = _mm512_set1_ps((float)i);
  double t = now();
  for (long k = 0; k < iters; k++)
    for (int i = 0; i < CHAINS; i++)
      a[i] = _mm512_fmadd_ps(a[i], b, c);
  t = now() - t;
  volatile float sink = 0;
  for (int i = 0; i < CHAINS; i++)
    sink += a[i][0];
  return iters * CHAINS * 32.0 / t / 1e9;
}

int main(void) {
  long iters = 10000000;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    double best = 0;
    for (int r = 0; r < 5; r++) {
      double g = avx2(iters);
      best = g > best ? g : best;
    }
    printf("avx2_fma_gflops %.1f\n", best);
  }
  if (__builtin_cpu_supports("avx512f")) {
    double best = 0;
    for (int r = 0; r < 5; r++) {
      double g = avx512(iters);
      best = g > best ? g : best;
    }
    printf("avx512_fma_gflops %.1f\n", best);
  }
  return 0;
}

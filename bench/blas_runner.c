/*===- blas_runner.c - OpenBLAS sgemm as a bench/matmul peer --------------===*\
|*                                                                            *|
|* C = A * B in fp32 with cblas_sgemm (row-major, A MxK, B KxN), on buffers   *|
|* read from raw files, single-threaded (run with OPENBLAS_NUM_THREADS=1;     *|
|* openblas_set_num_threads(1) too). Serves requests on stdin like            *|
|* opencv_runner: "run" -> one sgemm, prints its time in ms; "dump PATH"      *|
|* writes C as raw float32; "quit". Startup prints "ok".                      *|
|*                                                                            *|
|*   blas_runner M N K A.raw B.raw                                            *|
|*                                                                            *|
|* Built by bench/matmul with cc ... -lopenblas.                              *|
\*===----------------------------------------------------------------------===*/
#include <cblas.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern void openblas_set_num_threads(int);

static float *readRaw(const char *path, size_t n) {
  float *p = aligned_alloc(64, (n * 4 + 63) / 64 * 64);
  FILE *f = fopen(path, "rb");
  if (!f || fread(p, 4, n, f) != n) {
    printf("error: cannot read %s\n", path);
    exit(2);
  }
  fclose(f);
  return p;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    printf("error: usage: blas_runner M N K A.raw B.raw\n");
    return 2;
  }
  openblas_set_num_threads(1);
  int M = atoi(argv[1]), N = atoi(argv[2]), K = atoi(argv[3]);
  float *A = readRaw(argv[4], (size_t)M * K), *B = readRaw(argv[5], (size_t)K * N);
  float *C = aligned_alloc(64, ((size_t)M * N * 4 + 63) / 64 * 64);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.0f, A, K, B, N,
              0.0f, C, N);
  printf("ok\n");
  fflush(stdout);
  char line[4096];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    if (strcmp(line, "run") == 0) {
      struct timespec t0, t1;
      clock_gettime(CLOCK_MONOTONIC, &t0);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.0f, A, K, B,
                  N, 0.0f, C, N);
      clock_gettime(CLOCK_MONOTONIC, &t1);
      printf("%.6f\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    } else if (strncmp(line, "dump ", 5) == 0) {
      FILE *f = fopen(line + 5, "wb");
      fwrite(C, 4, (size_t)M * N, f);
      fclose(f);
      printf("ok\n");
    } else if (strcmp(line, "quit") == 0) {
      return 0;
    } else {
      printf("error: unknown request '%s'\n", line);
    }
    fflush(stdout);
  }
  return 0;
}

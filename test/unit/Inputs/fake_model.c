/*===- fake_model.c - A hand-written stand-in for a compiled model --------===*\
|*                                                                            *|
|* RunnerTest drives the runner library on this shared library instead of a   *|
|* real graph-compile output, so the runner is tested without the compiler.   *|
|* It implements the ABI of graphc-c/Runtime.h several times over:            *|
|*                                                                            *|
|*   fake_model   x float32[2,3] -> y:0 = 2*x + 1 (float32[2,3]),             *|
|*                                  count:0 = #positive per row (int32[2]);   *|
|*                returns 7 when x[0][0] == -999 (a failing run)              *|
|*   fake_add     a float32[3], h float16[3] -> sum:0 = a + h (float32[3]),   *|
|*                                            total:0 = sum(sum) (scalar)     *|
|*   fake_ramp    no inputs -> ramp:0 = 0, 1, ..., 99 (float32[100])          *|
|*   fake_future  metadata claiming a future ABI version                      *|
|*   fake_broken  metadata whose num_bytes is wrong                           *|
|*   fake_noinfo  an entry point without its _info function                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "graphc-c/Runtime.h"

#include <string.h>

/*--- fake_model -----------------------------------------------------------*/

static const int64_t kShape2x3[] = {2, 3};
static const int64_t kShape2[] = {2};

static const graphc_tensor_info kModelInputs[] = {
    {"x", GRAPHC_DT_FLOAT, 2, kShape2x3, 6, 24}};
static const graphc_tensor_info kModelOutputs[] = {
    {"y:0", GRAPHC_DT_FLOAT, 2, kShape2x3, 6, 24},
    {"count:0", GRAPHC_DT_INT32, 1, kShape2, 2, 8}};
static const graphc_model_info kModelInfo = {
    GRAPHC_ABI_VERSION, "fake_model", 1, 2, kModelInputs, kModelOutputs};

int fake_model(const void *const *inputs, void *const *outputs) {
  const float *x = (const float *)inputs[0];
  float *y = (float *)outputs[0];
  int32_t *count = (int32_t *)outputs[1];
  if (x[0] == -999.0f)
    return 7;
  for (int i = 0; i < 6; ++i)
    y[i] = 2.0f * x[i] + 1.0f;
  for (int r = 0; r < 2; ++r) {
    count[r] = 0;
    for (int c = 0; c < 3; ++c)
      count[r] += x[r * 3 + c] > 0.0f;
  }
  return 0;
}

const graphc_model_info *fake_model_info(void) { return &kModelInfo; }

/*--- fake_add -------------------------------------------------------------*/

static const int64_t kShape3[] = {3};

static const graphc_tensor_info kAddInputs[] = {
    {"a", GRAPHC_DT_FLOAT, 1, kShape3, 3, 12},
    {"h", GRAPHC_DT_HALF, 1, kShape3, 3, 6}};
static const graphc_tensor_info kAddOutputs[] = {
    {"sum:0", GRAPHC_DT_FLOAT, 1, kShape3, 3, 12},
    {"total:0", GRAPHC_DT_FLOAT, 0, 0, 1, 4}};
static const graphc_model_info kAddInfo = {GRAPHC_ABI_VERSION, "fake_add", 2,
                                           2, kAddInputs, kAddOutputs};

/* Normal binary16 values only, which is all the tests feed. */
static float halfToFloat(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1fu;
  uint32_t mantissa = h & 0x3ffu;
  uint32_t bits = exponent == 0 ? sign
                                : sign | ((exponent + 112) << 23) |
                                      (mantissa << 13);
  float f;
  memcpy(&f, &bits, sizeof(f));
  return f;
}

int fake_add(const void *const *inputs, void *const *outputs) {
  const float *a = (const float *)inputs[0];
  const uint16_t *h = (const uint16_t *)inputs[1];
  float *sum = (float *)outputs[0];
  float *total = (float *)outputs[1];
  *total = 0.0f;
  for (int i = 0; i < 3; ++i) {
    sum[i] = a[i] + halfToFloat(h[i]);
    *total += sum[i];
  }
  return 0;
}

const graphc_model_info *fake_add_info(void) { return &kAddInfo; }

/*--- fake_ramp ------------------------------------------------------------*/

static const int64_t kShape100[] = {100};
static const graphc_tensor_info kRampOutputs[] = {
    {"ramp:0", GRAPHC_DT_FLOAT, 1, kShape100, 100, 400}};
static const graphc_model_info kRampInfo = {GRAPHC_ABI_VERSION, "fake_ramp",
                                            0, 1, 0, kRampOutputs};

int fake_ramp(const void *const *inputs, void *const *outputs) {
  float *ramp = (float *)outputs[0];
  (void)inputs;
  for (int i = 0; i < 100; ++i)
    ramp[i] = (float)i;
  return 0;
}

const graphc_model_info *fake_ramp_info(void) { return &kRampInfo; }

/*--- fake_future, fake_broken, fake_noinfo --------------------------------*/

static const graphc_model_info kFutureInfo = {
    GRAPHC_ABI_VERSION + 1, "fake_future", 1, 2, kModelInputs, kModelOutputs};

int fake_future(const void *const *inputs, void *const *outputs) {
  (void)inputs;
  (void)outputs;
  return 0;
}

const graphc_model_info *fake_future_info(void) { return &kFutureInfo; }

static const graphc_tensor_info kBrokenOutputs[] = {
    {"y:0", GRAPHC_DT_FLOAT, 2, kShape2x3, 6, 6 /* should be 24 */}};
static const graphc_model_info kBrokenInfo = {
    GRAPHC_ABI_VERSION, "fake_broken", 1, 1, kModelInputs, kBrokenOutputs};

int fake_broken(const void *const *inputs, void *const *outputs) {
  (void)inputs;
  (void)outputs;
  return 0;
}

const graphc_model_info *fake_broken_info(void) { return &kBrokenInfo; }

int fake_noinfo(const void *const *inputs, void *const *outputs) {
  (void)inputs;
  (void)outputs;
  return 0;
}

/*--- NAME_with_workspace (ABI 2): none of the fakes needs scratch memory ---*/

#define GRAPHC_FAKE_WITH_WORKSPACE(NAME)                                     \
  int NAME##_with_workspace(const void *const *inputs, void *const *outputs, \
                            void *workspace) {                               \
    (void)workspace;                                                         \
    return NAME(inputs, outputs);                                            \
  }
GRAPHC_FAKE_WITH_WORKSPACE(fake_model)
GRAPHC_FAKE_WITH_WORKSPACE(fake_add)
GRAPHC_FAKE_WITH_WORKSPACE(fake_ramp)
GRAPHC_FAKE_WITH_WORKSPACE(fake_future)
GRAPHC_FAKE_WITH_WORKSPACE(fake_broken)
GRAPHC_FAKE_WITH_WORKSPACE(fake_noinfo)

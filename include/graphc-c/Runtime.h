/*===- graphc-c/Runtime.h - ABI of graphc-generated libraries -----*- C -*-===*\
|*                                                                            *|
|* Every library that `graph-compile --name NAME` writes exports exactly     *|
|* three symbols, all with C linkage:                                         *|
|*                                                                            *|
|*   int NAME(const void *const *inputs, void *const *outputs);               *|
|*   int NAME_with_workspace(const void *const *inputs,                       *|
|*                           void *const *outputs, void *workspace);          *|
|*   const graphc_model_info *NAME_info(void);                                *|
|*                                                                            *|
|* NAME_with_workspace is NAME with the scratch memory from the caller:       *|
|* `workspace` points at info->workspace_bytes bytes (NAME_WORKSPACE_BYTES    *|
|* in NAME.h), aligned to 64 bytes, that no concurrent call uses (NULL if     *|
|* the size is 0); it never allocates and returns GRAPHC_STATUS_OK. NAME      *|
|* allocates that workspace with one malloc per call.                         *|
|*                                                                            *|
|* NAME runs inference. inputs[i] points at feed i, outputs[j] at a           *|
|* caller-owned buffer for fetch j; every buffer is dense, row-major, with    *|
|* the static shape and dtype that NAME_info() (and the generated NAME.h)     *|
|* state, aligned at least for its element type. The library only reads the   *|
|* inputs and writes every output in full; outputs must overlap neither the   *|
|* inputs nor each other (the generated code assumes no aliasing). It never   *|
|* keeps or frees a caller's pointer. NAME returns GRAPHC_STATUS_OK (0) on    *|
|* success and GRAPHC_STATUS_OUT_OF_MEMORY (1) when malloc fails for one of   *|
|* the scratch buffers it allocates per call: it then frees every scratch     *|
|* buffer it still holds and returns at once, the outputs' contents are       *|
|* unspecified, and later calls are unaffected. Other non-zero values are     *|
|* reserved for future failures. NAME is reentrant and thread-safe: the       *|
|* library has no mutable global state, and its scratch memory (libc          *|
|* malloc/free) belongs to the call.                                          *|
|*                                                                            *|
|* NAME_info() returns a pointer to constant data inside the library (valid   *|
|* while it is loaded; never free it). It lets a generic runner such as       *|
|* graph-run drive any compiled model. This header is C and C++ safe and is   *|
|* the only one a runner needs; a model's own NAME.h includes only            *|
|* <stdint.h> and forward-declares struct graphc_model_info.                  *|
|* See docs/RuntimeABI.md.                                                    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef GRAPHC_C_RUNTIME_H
#define GRAPHC_C_RUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the layout of the structs below changes. */
#define GRAPHC_ABI_VERSION 3

/* Return values of NAME(). Values other than these are reserved. */
#define GRAPHC_STATUS_OK 0
#define GRAPHC_STATUS_OUT_OF_MEMORY 1 /* malloc failed for scratch memory */

/* Element types, numbered as TensorFlow's DataType enum. */
typedef enum graphc_dtype {
  GRAPHC_DT_FLOAT = 1,
  GRAPHC_DT_DOUBLE = 2,
  GRAPHC_DT_INT32 = 3,
  GRAPHC_DT_UINT8 = 4,
  GRAPHC_DT_INT16 = 5,
  GRAPHC_DT_INT8 = 6,
  GRAPHC_DT_INT64 = 9,
  GRAPHC_DT_BOOL = 10, /* one byte per element, 0 or 1 */
  GRAPHC_DT_UINT16 = 17,
  GRAPHC_DT_HALF = 19, /* IEEE binary16 bit patterns */
  GRAPHC_DT_UINT32 = 22,
  GRAPHC_DT_UINT64 = 23
} graphc_dtype;

/* One input or output of a compiled model. */
typedef struct graphc_tensor_info {
  const char *name;      /* TF tensor name: the node name ("x", "probs") for
                            output 0 of a node, "node:N" for output N > 0 */
  int32_t dtype;         /* a graphc_dtype */
  int32_t rank;          /* number of dimensions */
  const int64_t *shape;  /* rank dimensions, all static; NULL if rank is 0 */
  int64_t num_elements;  /* product of shape (1 for a scalar) */
  int64_t num_bytes;     /* num_elements * element size */
} graphc_tensor_info;

/* What NAME_info() returns. */
typedef struct graphc_model_info {
  uint32_t abi_version; /* GRAPHC_ABI_VERSION the library was built for */
  const char *name;     /* NAME */
  int32_t num_inputs;
  int32_t num_outputs;
  const graphc_tensor_info *inputs;  /* num_inputs entries, in feed order;
                                        NULL if num_inputs is 0 */
  const graphc_tensor_info *outputs; /* num_outputs entries, in fetch order */
  int64_t workspace_bytes; /* scratch bytes NAME_with_workspace takes (ABI 2) */
  /* ABI 3: variables kept by `graph-compile --keep-variable`. They are the
     last num_variables inputs (inputs[num_inputs - num_variables + i]), in
     --keep-variable order, passed by the caller like any feed;
     variable_values[i] points at the value variable i was saved with
     (inputs[...].num_bytes bytes, read-only), to start from or pass as is. */
  int32_t num_variables;
  const void *const *variable_values; /* NULL if num_variables is 0 */
} graphc_model_info;

/* What NAME_profile() returns: only libraries built with
   `graph-compile --profile` export it. Every call of NAME adds the cycles
   (the CPU's cycle counter: rdtsc, cntvct) each kernel took to cycles[k]
   and the cycles of the whole call to cycles[num_kernels], atomically, so
   concurrent calls are counted too. A caller may zero the counters between
   runs. This is the one piece of mutable global state such a library has. */
typedef struct graphc_profile_info {
  int32_t num_kernels;
  const char *const *nodes; /* per kernel: the TF node it is named by */
  const char *const *ops;   /* per kernel: its nodes' op types, "+"-joined */
  const int64_t *flops;     /* per kernel: conv/matmul FLOPs per call */
  int64_t *cycles;          /* num_kernels + 1 counters */
} graphc_profile_info;

/* Signatures of the exported symbols, for dlsym() users. */
typedef int (*graphc_entry_fn)(const void *const *inputs,
                               void *const *outputs);
typedef int (*graphc_entry_with_workspace_fn)(const void *const *inputs,
                                              void *const *outputs,
                                              void *workspace);
typedef const graphc_model_info *(*graphc_info_fn)(void);
typedef const graphc_profile_info *(*graphc_profile_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GRAPHC_C_RUNTIME_H */

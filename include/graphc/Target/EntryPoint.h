//===- EntryPoint.h - The exported ABI of a generated library ---*- C++ -*-===//
//
// After lowering, the model is an LLVM function NAME(in_0, ..., in_m-1,
// out_0, ..., out_n-1) taking one bare pointer per feed and fetch (the
// bare-pointer memref calling convention plus buffer-results-to-out-params).
// addEntryPoint turns that into the ABI of graphc-c/Runtime.h:
//
//   int NAME(const void *const *inputs, void *const *outputs);
//   const graphc_model_info *NAME_info(void);
//
// The lowered function becomes the internal NAME_impl, returning a status:
// its mallocs are checked, and a failed one frees the scratch buffers still
// live and returns 1 (GRAPHC_STATUS_OUT_OF_MEMORY). NAME loads the pointers
// from the two arrays, calls it and returns its status; NAME_info returns
// constant metadata built from the ModelSignature. Every other definition in
// the module is made internal, so NAME and NAME_info are the only symbols the
// object defines for the linker and several models link into one program.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_ENTRYPOINT_H
#define GRAPHC_TARGET_ENTRYPOINT_H

#include "graphc/Target/ModelSignature.h"

#include "llvm/Support/Error.h"

namespace llvm {
class Module;
} // namespace llvm

namespace graphc {

/// Wraps the function `signature.name` of `module` (which must take
/// inputs.size() + outputs.size() pointers, inputs first, and return void)
/// into the exported entry point and adds `NAME_info`. Fails, leaving the
/// module unusable, if the function is missing or its type does not match,
/// or if the module allocates memory in a way whose failure cannot be
/// reported (malloc outside the function, calloc, aligned_alloc, ...).
llvm::Error addEntryPoint(llvm::Module &module,
                          const ModelSignature &signature);

} // namespace graphc

#endif // GRAPHC_TARGET_ENTRYPOINT_H

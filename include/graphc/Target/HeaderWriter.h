//===- HeaderWriter.h - The C header of a generated library -----*- C++ -*-===//
//
// Writes NAME.h, the compile-time description of a compiled model: the
// declarations of `NAME` and `NAME_info` (ownership, reentrancy and return
// codes in comments), and per input and output its TF name, dtype and shape
// as a comment and as macros (NAME_NUM_INPUTS, NAME_INPUT_<i>_NUM_ELEMENTS,
// NAME_INPUT_<i>_RANK, NAME_INPUT_<i>_DIM_<d>, NAME_INPUT_<name>_INDEX, ...),
// plus a typed convenience wrapper `NAME_run(const float *in_x, float *out_y)`.
// The header is C99 and C++ safe, includes only <stdint.h>, and can be
// included together with graphc-c/Runtime.h in either order.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_HEADERWRITER_H
#define GRAPHC_TARGET_HEADERWRITER_H

#include "graphc/Target/ModelSignature.h"

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace graphc {

/// Writes the header of the library compiled from `signature`, which must
/// pass verifyModelSignature (SignatureUtils.h).
void writeHeader(const ModelSignature &signature, llvm::raw_ostream &os);

} // namespace graphc

#endif // GRAPHC_TARGET_HEADERWRITER_H

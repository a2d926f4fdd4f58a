//===- SignatureUtils.h - Dtypes, sizes, C names ----------------*- C++ -*-===//
//
// Small helpers over graphc::ModelSignature shared by the entry point
// emitter, the header writer and the codegen driver: element sizes and names
// of the TF dtypes graphc supports (numbered as graphc-c/Runtime.h), element
// counts, C identifier checks and sanitizing, and one verifier that rejects a
// signature the generated library could not honour (unknown dtype, negative
// dimension, a NAME that is no C identifier) before any code is generated.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TARGET_SIGNATUREUTILS_H
#define GRAPHC_TARGET_SIGNATUREUTILS_H

#include "graphc/Target/ModelSignature.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace graphc {

/// Size in bytes of one element of `dtype` (a graphc_dtype), or 0 if graphc
/// does not support the dtype.
unsigned getDTypeSize(int dtype);

/// TF's name of `dtype` ("float32", "int64", "bool", ...), or "" if unknown.
llvm::StringRef getDTypeName(int dtype);

/// The C type that holds one element of `dtype` in a generated header
/// ("float", "int32_t", "uint8_t" for bool, "uint16_t" for half, ...), or ""
/// if unknown.
llvm::StringRef getDTypeCType(int dtype);

/// Product of the dimensions (1 for a scalar).
int64_t getNumElements(const TensorSpec &tensor);

/// getNumElements(tensor) * getDTypeSize(tensor.dtype).
int64_t getNumBytes(const TensorSpec &tensor);

/// True if `name` is a valid C identifier that is not a C or C++ keyword.
bool isValidCIdentifier(llvm::StringRef name);

/// `name` with every character that may not appear in a C identifier
/// replaced by '_' and a '_' prepended if it would start with a digit
/// ("dense/BiasAdd:0" -> "dense_BiasAdd_0"). Never empty.
std::string sanitizeCIdentifier(llvm::StringRef name);

/// Checks that `signature` describes a library graphc can emit: NAME is a
/// valid C identifier, every dtype is known, every dimension is >= 0, the
/// sizes do not overflow, and there is at least one output.
llvm::Error verifyModelSignature(const ModelSignature &signature);

} // namespace graphc

#endif // GRAPHC_TARGET_SIGNATUREUTILS_H

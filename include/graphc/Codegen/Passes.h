//===- Passes.h - codegen passes --------------------------------*- C++ -*-===//
#ifndef GRAPHC_CODEGEN_PASSES_H
#define GRAPHC_CODEGEN_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace graphc {

#define GEN_PASS_DECL
#include "graphc/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "graphc/Codegen/Passes.h.inc"

} // namespace graphc

#endif // GRAPHC_CODEGEN_PASSES_H

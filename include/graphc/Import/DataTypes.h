//===- DataTypes.h - the one TF dtype <-> element type mapping --*- C++ -*-===//
//
// TensorFlow's DataType enum (tf::DataType, TFGraph.h), graphc's element
// types and the GRAPHC_DT_* codes of generated libraries
// (graphc-c/Runtime.h) are one mapping: the GRAPHC_DT_* codes are TF's
// numbers (checked at compile time in lib/Target/EntryPoint.cpp), and
// these two functions convert between TF dtypes and element types for the
// importer, the GraphDef exporter, the library signature and
// --fold-constants alike.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_DATATYPES_H
#define GRAPHC_IMPORT_DATATYPES_H

#include "graphc/Import/TFGraph.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Types.h"

namespace graphc::importer {

/// Element type for a TF dtype (ref dtypes map to their base type; quantized
/// ones to their storage integers; string, resource and others to the graph
/// dialect's types).
mlir::Type convertDataType(tf::DataType type, mlir::MLIRContext *context);

/// The TF dtype of an element type (unsigned integers are TF's DT_UINT*), or
/// DT_INVALID.
tf::DataType dataTypeOf(mlir::Type elementType);

} // namespace graphc::importer

#endif // GRAPHC_IMPORT_DATATYPES_H

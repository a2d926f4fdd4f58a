//===- ConvertTF.h - TF dtypes, shapes, tensors, attrs to MLIR --*- C++ -*-===//
//
// The importer's value mapping (documented in docs/GraphDefImport.md):
// DataType -> element type, TensorShape -> tensor type, TensorProto ->
// DenseElementsAttr, AttrValue -> attribute.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_CONVERTTF_H
#define GRAPHC_LIB_IMPORT_CONVERTTF_H

#include "graphc/Import/DataTypes.h"
#include "graphc/Import/TFGraph.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include <string>

namespace graphc::importer {

// convertDataType / dataTypeOf: graphc/Import/DataTypes.h.

/// tensor<dims x element>, unranked if the rank is unknown; -1 dims are `?`.
mlir::TensorType convertShape(const tf::TensorShape &shape,
                              mlir::Type elementType);

/// A decoded TensorProto as a dense elements attribute. Returns null and sets
/// `error` for dtypes graphc cannot hold as constants.
mlir::ElementsAttr convertTensor(const tf::Tensor &tensor,
                                 mlir::MLIRContext *context,
                                 std::string &error);

/// An AttrValue as an attribute: s -> StringAttr, i -> i64 IntegerAttr,
/// f -> f32 FloatAttr, b -> BoolAttr, type -> TypeAttr, shape ->
/// DenseI64ArrayAttr (-1 unknown; StringAttr "*" for unknown rank), tensor
/// -> ElementsAttr, list -> ArrayAttr, func -> FlatSymbolRefAttr.
mlir::Attribute convertAttr(const tf::AttrValue &value,
                            mlir::MLIRContext *context, std::string &error);

} // namespace graphc::importer

#endif // GRAPHC_LIB_IMPORT_CONVERTTF_H

//===- GraphTypes.td - element types of the graph dialect --*- tablegen -*-===//
//
// Element types for TF dtypes that have no builtin MLIR counterpart.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_TYPES_TD
#define GRAPH_TYPES_TD

include "GraphDialect.td"
include "mlir/IR/AttrTypeBase.td"

class Graph_Type<string name, string typeMnemonic> : TypeDef<Graph_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def Graph_ResourceType : Graph_Type<"Resource", "resource"> {
  let summary = "DT_RESOURCE: a handle to a resource variable";
}
def Graph_StringType : Graph_Type<"String", "string"> {
  let summary = "DT_STRING: a byte string";
}
def Graph_OpaqueType : Graph_Type<"Opaque", "opaque"> {
  let summary = "a TF dtype graphc does not compute with (variant, complex, ...)";
}

#endif // GRAPH_TYPES_TD

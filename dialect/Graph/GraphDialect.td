//===- GraphDialect.td - the graph dialect -----------------*- tablegen -*-===//
//
// The `graph` dialect mirrors TensorFlow's op set: one op per NodeDef, op
// names verbatim (`graph.MatMul`), typed with builtin tensor types, TF attrs
// as op attributes. Ops we do not model yet stay unregistered `graph.<Op>`
// operations, so import never loses a node.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_DIALECT_TD
#define GRAPH_DIALECT_TD

include "mlir/IR/OpBase.td"

def Graph_Dialect : Dialect {
  let name = "graph";
  let cppNamespace = "::graphc::graph";
  let summary = "TensorFlow graphs as MLIR: one op per NodeDef";
  let description = [{
    The `graph` dialect is what graphc's importer produces and what its
    graph-level passes (pruning, freezing, shape inference, folding) work on.
    Every op mirrors the TensorFlow op of the same name; its operands are the
    node's data inputs in order, its results the node's outputs. TF attributes
    the op models are inherent attributes; any other attribute the NodeDef
    carried is kept verbatim as a discardable attribute, and control inputs
    are kept as the `graph.control_inputs` string array. Every op carries a
    `NameLoc` with the TF node name.

    TF ops graphc does not model import as unregistered operations in this
    dialect (`"graph.SomeOp"(...)`), keeping name, operands and attributes;
    they are reported, all at once, when the graph is lowered.

    Types: builtin tensors of the TF dtype (`f32`, `f16`, `bf16`, `f64`,
    `i1` for DT_BOOL, signless `i8/i16/i32/i64` for signed integers,
    `ui8/ui16/ui32/ui64` for unsigned ones), plus `!graph.resource`,
    `!graph.string` and `!graph.opaque` element types for DT_RESOURCE,
    DT_STRING and dtypes graphc does not compute with.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
  }];
}

class Graph_Op<string mnemonic, list<Trait> traits = []>
    : Op<Graph_Dialect, mnemonic, traits>;

#endif // GRAPH_DIALECT_TD

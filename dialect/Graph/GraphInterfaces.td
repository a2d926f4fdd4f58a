//===- GraphInterfaces.td - op interfaces of the graph dialect -*- tablegen -*-===//
#ifndef GRAPH_INTERFACES_TD
#define GRAPH_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Graph_ShapeInferenceOpInterface : OpInterface<"ShapeInferenceOpInterface"> {
  let cppNamespace = "::graphc::graph";
  let description = [{
    Ops whose result shapes follow from their operand types (and, for shape
    operands such as Reshape's, from constant operand values). The
    graph-infer-shapes pass visits ops in order and asks each one to refine
    its result types.
  }];
  let methods = [
    InterfaceMethod<[{
        Computes this op's result types from its operands and, where that gives
        more information than the current result types, sets them. Returns
        failure (after emitting an error) only when the operands are
        inconsistent; not knowing a shape yet is success.
      }], "::llvm::LogicalResult", "refineResultTypes">,
  ];
}

#endif // GRAPH_INTERFACES_TD

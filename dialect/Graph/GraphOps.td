//===- GraphOps.td - ops of the graph dialect --------------*- tablegen -*-===//
//
// Op names are TF op names verbatim. Operands are the node's data inputs in
// TF order; attributes the lowering needs are declared with TF's names and
// defaults (the importer fills defaults that old GraphDefs omit). Families
// share classes: unary elementwise, binary broadcasting, pooling.
//
// This file holds only what the families share: constraints and op
// classes. The ops are defined in one file per family, included at the end:
// GraphCoreOps.td (graph structure, variables), GraphMathOps.td,
// GraphArrayOps.td, GraphNNOps.td, GraphMiscOps.td; each family's C++ is in
// the .cpp of the same name.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_OPS_TD
#define GRAPH_OPS_TD

include "GraphDialect.td"
include "GraphTypes.td"
include "GraphInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Graph_ResourceTensor : TensorOf<[Graph_ResourceType]>;

// An op that can refine its result types (graph-infer-shapes).
class Graph_ShapedOp<string mnemonic, list<Trait> traits = []>
    : Graph_Op<mnemonic, traits # [
        DeclareOpInterfaceMethods<Graph_ShapeInferenceOpInterface>]> {
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Graph structure and variables (ops in GraphCoreOps.td)
//===----------------------------------------------------------------------===//

// An op whose result is its input: its result type is the input's, and it
// folds to the input when that changes no type.
class Graph_IdentityLikeOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["input", "output"]>]> {
  let summary = what # ": forwards its input unchanged";
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineSameAsOperand(*this);
    }
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor) {
      return forwardIfSameType(getInput(), getOutput());
    }
  }];
}

// A TF1 ref variable (VariableV2, Variable).
class Graph_RefVariableOp<string mnemonic>
    : Graph_Op<mnemonic, [MemoryEffects<[MemAlloc]>]> {
  let summary = "TF1 ref variable (" # mnemonic # "); its output is the value";
  let description = [{
    A mutable TF1 variable. graph-freeze-variables replaces every read of it
    with a graph.Const holding its value.
  }];
  let arguments = (ins OptionalAttr<StrAttr>:$shared_name,
                       OptionalAttr<StrAttr>:$container);
  let results = (outs AnyTensor:$ref);
  let assemblyFormat = "attr-dict `:` type($ref)";
}

//===----------------------------------------------------------------------===//
// Elementwise (ops in GraphMathOps.td and GraphNNOps.td)
//===----------------------------------------------------------------------===//

// Unary elementwise ops: the result has the operand's type.
class Graph_UnaryOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["x", "y"]>]> {
  let summary = what;
  let arguments = (ins AnyTensor:$x);
  let results = (outs AnyTensor:$y);
  // Further methods a subclass defines (Graph_LibmUnaryOp's fold).
  code moreDefinitions = "";
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineSameAsOperand(*this);
    }
  }] # moreDefinitions;
}

// Numpy-style broadcasting binary ops; they fold when both sides are constant.
// The class defines verify() (the operands broadcast) and
// refineResultTypes() (the broadcast shape); an op whose verifier differs
// sets `verifyBody`, the body of its verify().
class Graph_BinaryOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["x", "y", "z"]>]> {
  let summary = what # " with broadcasting";
  let arguments = (ins AnyTensor:$x, AnyTensor:$y);
  let results = (outs AnyTensor:$z);
  let hasFolder = 1;
  let hasVerifier = 1;
  code verifyBody = [{ return verifyBroadcastable(*this, getOperands()); }];
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {}] # verifyBody # [{}
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineBroadcast(*this);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Pooling (ops in GraphNNOps.td)
//===----------------------------------------------------------------------===//

// 2-D pooling: the class defines verify() and refineResultTypes() (TF's
// window rules, shared by every pool).
class Graph_PoolOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["input", "output"]>]> {
  let summary = what # " pooling over a 4-D tensor";
  let arguments = (ins AnyTensor:$input,
                       I64ArrayAttr:$ksize,
                       I64ArrayAttr:$strides,
                       StrAttr:$padding,
                       DefaultValuedAttr<StrAttr, "\"NHWC\"">:$data_format);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyPool(*this, getKsize(), getStrides(), getPadding(),
                        getDataFormat());
    }
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refinePool(*this, getInput(), getKsize(), getStrides(),
                        getPadding(), getDataFormat());
    }
  }];
}

// The op families, one file each.
include "GraphCoreOps.td"
include "GraphMathOps.td"
include "GraphArrayOps.td"
include "GraphNNOps.td"
include "GraphMiscOps.td"

#endif // GRAPH_OPS_TD

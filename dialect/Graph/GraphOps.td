//===- GraphOps.td - ops of the graph dialect --------------*- tablegen -*-===//
//
// Op names are TF op names verbatim. Operands are the node's data inputs in
// TF order; attributes the lowering needs are declared with TF's names and
// defaults (the importer fills defaults that old GraphDefs omit). Families
// share classes: unary elementwise, binary broadcasting, pooling.
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
// Graph structure: constants, feeds, identities
//===----------------------------------------------------------------------===//

def Graph_ConstOp : Graph_Op<"Const", [ConstantLike, Pure]> {
  let summary = "a constant tensor (TF Const)";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyTensor:$output);
  let assemblyFormat = "attr-dict `:` type($output)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def Graph_PlaceholderOp : Graph_Op<"Placeholder", [Pure]> {
  let summary = "a feed that was not fed (TF Placeholder)";
  let description = [{
    Placeholders named by `--feed` become function arguments; one that is
    not fed stays as this op, and lowering refuses it if the fetches need it.
  }];
  let results = (outs AnyTensor:$output);
  let assemblyFormat = "attr-dict `:` type($output)";
}

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

def Graph_PlaceholderWithDefaultOp
    : Graph_IdentityLikeOp<"PlaceholderWithDefault", ""> {
  let summary = "a feed with a default value; not fed, it is its input";
}

def Graph_IdentityOp : Graph_IdentityLikeOp<"Identity", "TF Identity">;
def Graph_StopGradientOp : Graph_IdentityLikeOp<"StopGradient", "TF StopGradient">;
def Graph_SnapshotOp : Graph_IdentityLikeOp<"Snapshot", "TF Snapshot">;

def Graph_IdentityNOp : Graph_ShapedOp<"IdentityN", [Pure]> {
  let summary = "TF IdentityN: forwards every input unchanged";
  let arguments = (ins Variadic<AnyTensor>:$input);
  let results = (outs Variadic<AnyTensor>:$output);
  let hasCanonicalizer = 1;
  let hasVerifier = 1;
}

def Graph_NoOpOp : Graph_Op<"NoOp", [Pure]> {
  let summary = "TF NoOp: only groups control dependencies";
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// Variables
//===----------------------------------------------------------------------===//

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
def Graph_VariableV2Op : Graph_RefVariableOp<"VariableV2">;
def Graph_VariableOp : Graph_RefVariableOp<"Variable">;

def Graph_VarHandleOpOp : Graph_Op<"VarHandleOp", [MemoryEffects<[MemAlloc]>]> {
  let summary = "TF resource variable handle";
  let arguments = (ins TypeAttr:$dtype,
                       OptionalAttr<StrAttr>:$shared_name,
                       OptionalAttr<StrAttr>:$container);
  let results = (outs Graph_ResourceTensor:$resource);
  let assemblyFormat = "attr-dict `:` type($resource)";
}

def Graph_ReadVariableOpOp : Graph_Op<"ReadVariableOp", [MemoryEffects<[MemRead]>]> {
  let summary = "reads a resource variable";
  let arguments = (ins Graph_ResourceTensor:$resource);
  let results = (outs AnyTensor:$value);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Graph_AssignOp : Graph_Op<"Assign", [MemoryEffects<[MemWrite]>]> {
  let summary = "TF1 Assign: writes `value` into the ref variable `ref`";
  let arguments = (ins AnyTensor:$ref, AnyTensor:$value,
                       DefaultValuedAttr<BoolAttr, "true">:$validate_shape,
                       DefaultValuedAttr<BoolAttr, "true">:$use_locking);
  let results = (outs AnyTensor:$output_ref);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Graph_AssignVariableOpOp : Graph_Op<"AssignVariableOp", [MemoryEffects<[MemWrite]>]> {
  let summary = "writes `value` into the resource variable";
  let arguments = (ins Graph_ResourceTensor:$resource, AnyTensor:$value);
  let assemblyFormat = "operands attr-dict `:` type(operands)";
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// Unary elementwise ops: the result has the operand's type.
class Graph_UnaryOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["x", "y"]>]> {
  let summary = what;
  let arguments = (ins AnyTensor:$x);
  let results = (outs AnyTensor:$y);
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineSameAsOperand(*this);
    }
  }];
}
def Graph_ReluOp : Graph_UnaryOp<"Relu", "max(x, 0)">;
def Graph_Relu6Op : Graph_UnaryOp<"Relu6", "min(max(x, 0), 6)">;
def Graph_SigmoidOp : Graph_UnaryOp<"Sigmoid", "1 / (1 + exp(-x))">;
def Graph_TanhOp : Graph_UnaryOp<"Tanh", "tanh(x)">;

def Graph_SoftmaxOp : Graph_ShapedOp<"Softmax", [Pure, AllElementTypesMatch<["logits", "softmax"]>]> {
  let summary = "softmax over the last dimension";
  let arguments = (ins AnyTensor:$logits);
  let results = (outs AnyTensor:$softmax);
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
// The foundation set's arithmetic names both operand types in its error
// ("'A' and 'B'"), as refineBroadcast does.
let verifyBody = [{ return verifyBroadcastPair(*this); }] in {
def Graph_AddOp : Graph_BinaryOp<"Add", "x + y">;
def Graph_AddV2Op : Graph_BinaryOp<"AddV2", "x + y">;
def Graph_SubOp : Graph_BinaryOp<"Sub", "x - y">;
def Graph_MulOp : Graph_BinaryOp<"Mul", "x * y">;
def Graph_RealDivOp : Graph_BinaryOp<"RealDiv", "x / y">;
}

def Graph_BiasAddOp : Graph_ShapedOp<"BiasAdd",
    [Pure, AllElementTypesMatch<["value", "bias", "output"]>]> {
  let summary = "adds a 1-D bias along the channel dimension";
  let arguments = (ins AnyTensor:$value, AnyTensor:$bias,
                       DefaultValuedAttr<StrAttr, "\"NHWC\"">:$data_format);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Linear algebra, convolution, pooling, reductions, shapes
//===----------------------------------------------------------------------===//

def Graph_MatMulOp : Graph_ShapedOp<"MatMul", [Pure, AllElementTypesMatch<["a", "b", "product"]>]> {
  let summary = "2-D matrix product, optionally transposing either side";
  let arguments = (ins AnyTensor:$a, AnyTensor:$b,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs AnyTensor:$product);
  let hasVerifier = 1;
}

def Graph_Conv2DOp : Graph_ShapedOp<"Conv2D", [Pure, AllElementTypesMatch<["input", "filter", "output"]>]> {
  let summary = "2-D convolution; filter is [height, width, in, out]";
  let arguments = (ins AnyTensor:$input, AnyTensor:$filter,
                       I64ArrayAttr:$strides,
                       StrAttr:$padding,
                       DefaultValuedAttr<I64ArrayAttr, "{}">:$explicit_paddings,
                       DefaultValuedAttr<StrAttr, "\"NHWC\"">:$data_format,
                       DefaultValuedAttr<I64ArrayAttr, "{}">:$dilations);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  // One input channel per group (Keras's Conv2D(groups=C), ConvNeXt's
  // depthwise convs) is DepthwiseConv2dNative.
  let hasCanonicalizer = 1;
}

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
def Graph_MaxPoolOp : Graph_PoolOp<"MaxPool", "max">;
def Graph_AvgPoolOp : Graph_PoolOp<"AvgPool", "average">;

def Graph_MeanOp : Graph_ShapedOp<"Mean", [Pure, AllElementTypesMatch<["input", "output"]>]> {
  let summary = "mean over the dimensions in `reduction_indices`";
  let arguments = (ins AnyTensor:$input, AnyTensor:$reduction_indices,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs AnyTensor:$output);
}

def Graph_ReshapeOp : Graph_ShapedOp<"Reshape", [Pure, AllElementTypesMatch<["tensor", "output"]>]> {
  let summary = "gives `tensor` the shape in the 1-D `shape` operand (-1: inferred)";
  let arguments = (ins AnyTensor:$tensor, AnyTensor:$shape);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}

// Further op families, one file each.
include "GraphMathOps.td"
include "GraphArrayOps.td"
include "GraphNNOps.td"
include "GraphMiscOps.td"

#endif // GRAPH_OPS_TD

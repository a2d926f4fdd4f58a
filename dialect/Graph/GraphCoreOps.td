//===- GraphCoreOps.td - graph structure and variable ops -*- tablegen -*-===//
//
// The ops every TF graph is built from, whatever it computes: constants,
// feeds (Placeholder, PlaceholderWithDefault), identities (Identity,
// StopGradient, Snapshot, IdentityN), NoOp, and the TF1 and resource
// variables with their reads and writes, which graph-freeze-variables
// replaces by constants. Included at the end of GraphOps.td, so the shared
// op classes (Graph_IdentityLikeOp, Graph_RefVariableOp) are visible.
// Verifiers, folders and shape functions are in GraphCoreOps.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_CORE_OPS_TD
#define GRAPH_CORE_OPS_TD

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

#endif // GRAPH_CORE_OPS_TD

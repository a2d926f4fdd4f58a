//===- GraphMathOps.td - math ops of the graph dialect -*- tablegen -*-===//
//
// Elementwise math (the broadcasting arithmetic Add, Sub, Mul, RealDiv and
// the rest), comparisons, select, cast and reductions (Mean, Sum, ...).
// Included at the end of GraphOps.td, so the shared op classes
// (Graph_ShapedOp, Graph_UnaryOp, Graph_BinaryOp) are visible. Verifiers,
// folders and shape functions are in GraphMathOps.cpp; the lowering in
// lib/Conversion/GraphToLinalg/MathPatterns.cpp.
//
// dtype attrs that only restate operand/result element types (T, SrcT, DstT,
// Tidx, output_type) are not declared: the types carry them, and the
// importer checks them. Attrs the lowering reads are declared with TF's
// names and defaults.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_MATH_OPS_TD
#define GRAPH_MATH_OPS_TD

//===----------------------------------------------------------------------===//
// Unary elementwise; every one folds on a constant operand.
//===----------------------------------------------------------------------===//

let hasFolder = 1 in {
def Graph_EluOp : Graph_UnaryOp<"Elu", "x < 0 ? exp(x) - 1 : x">;
def Graph_SeluOp : Graph_UnaryOp<"Selu",
    "x < 0 ? scale * alpha * (exp(x) - 1) : scale * x (TF's constants)">;
def Graph_ExpOp : Graph_UnaryOp<"Exp", "exp(x)">;
def Graph_LogOp : Graph_UnaryOp<"Log", "natural logarithm of x">;
def Graph_SqrtOp : Graph_UnaryOp<"Sqrt", "sqrt(x)">;
def Graph_RsqrtOp : Graph_UnaryOp<"Rsqrt", "1 / sqrt(x)">;
def Graph_SquareOp : Graph_UnaryOp<"Square", "x * x">;
def Graph_AbsOp : Graph_UnaryOp<"Abs", "|x|">;
def Graph_NegOp : Graph_UnaryOp<"Neg", "-x">;
def Graph_FloorOp : Graph_UnaryOp<"Floor", "largest integer <= x">;
// Keras 3's exact GELU is 0.5 * x * erfc(-x / sqrt(2)) (ConvNeXt,
// Transformer feed-forwards); tf.math.erf spells the other form.
def Graph_ErfOp : Graph_UnaryOp<"Erf", "the error function erf(x)">;
def Graph_ErfcOp : Graph_UnaryOp<"Erfc", "the complementary error function 1 - erf(x)">;

def Graph_LeakyReluOp : Graph_UnaryOp<"LeakyRelu", "x > 0 ? x : alpha * x"> {
  let arguments = (ins AnyTensor:$x,
                       DefaultValuedAttr<F32Attr, "0.2f">:$alpha);
}
} // hasFolder


// Float-only unary math with a C math function: the class folds constants
// with it (in double, rounded to the element type); the lowering
// (MathPatterns.cpp) uses the math dialect op of the same name, which
// math-to-libm / math-to-llvm turn into libm calls or LLVM intrinsics.
class Graph_LibmUnaryOp<string mnemonic, string what, string cFunction>
    : Graph_UnaryOp<mnemonic, what> {
  let hasFolder = 1;
  let moreDefinitions = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return foldFloatUnaryInDouble(adaptor.getX(), getY(), ::}] # cFunction
      # [{);
    }
  }];
}
def Graph_SinOp : Graph_LibmUnaryOp<"Sin", "sin(x)", "sin">;
def Graph_CosOp : Graph_LibmUnaryOp<"Cos", "cos(x)", "cos">;
def Graph_TanOp : Graph_LibmUnaryOp<"Tan", "tan(x)", "tan">;
def Graph_AsinOp : Graph_LibmUnaryOp<"Asin", "arcsin(x)", "asin">;
def Graph_AcosOp : Graph_LibmUnaryOp<"Acos", "arccos(x)", "acos">;
def Graph_AtanOp : Graph_LibmUnaryOp<"Atan", "arctan(x)", "atan">;
def Graph_SinhOp : Graph_LibmUnaryOp<"Sinh", "sinh(x)", "sinh">;
def Graph_CoshOp : Graph_LibmUnaryOp<"Cosh", "cosh(x)", "cosh">;
def Graph_AsinhOp : Graph_LibmUnaryOp<"Asinh", "arsinh(x)", "asinh">;
def Graph_AcoshOp : Graph_LibmUnaryOp<"Acosh", "arcosh(x)", "acosh">;
def Graph_AtanhOp : Graph_LibmUnaryOp<"Atanh", "artanh(x)", "atanh">;
def Graph_CeilOp : Graph_LibmUnaryOp<"Ceil", "smallest integer >= x", "ceil">;
def Graph_RoundOp : Graph_LibmUnaryOp<"Round", "x rounded to the nearest integer, half to even", "nearbyint">;
def Graph_RintOp : Graph_LibmUnaryOp<"Rint", "x rounded to the nearest integer, half to even", "rint">;
def Graph_Expm1Op : Graph_LibmUnaryOp<"Expm1", "exp(x) - 1, exact near 0", "expm1">;
def Graph_Log1pOp : Graph_LibmUnaryOp<"Log1p", "log(1 + x), exact near 0", "log1p">;

def Graph_LogSoftmaxOp : Graph_ShapedOp<"LogSoftmax",
    [Pure, AllElementTypesMatch<["logits", "logsoftmax"]>]> {
  let summary = "log of the softmax over the last dimension";
  let description = [{
    `logits - max - log(sum(exp(logits - max)))` along the last dimension
    (TF's numerically stable form).
  }];
  let arguments = (ins AnyTensor:$logits);
  let results = (outs AnyTensor:$logsoftmax);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Broadcasting binary arithmetic
//===----------------------------------------------------------------------===//

// Add, AddV2, Sub, Mul and RealDiv name the two operand types in their
// verifier's error ("'A' and 'B'"), as refineBroadcast does.
let verifyBody = [{ return verifyBroadcastPair(*this); }] in {
def Graph_AddOp : Graph_BinaryOp<"Add", "x + y">;
def Graph_AddV2Op : Graph_BinaryOp<"AddV2", "x + y">;
def Graph_SubOp : Graph_BinaryOp<"Sub", "x - y">;
def Graph_MulOp : Graph_BinaryOp<"Mul", "x * y">;
def Graph_RealDivOp : Graph_BinaryOp<"RealDiv", "x / y">;
}

def Graph_MaximumOp : Graph_BinaryOp<"Maximum", "max(x, y) (NaN propagates)">;
def Graph_MinimumOp : Graph_BinaryOp<"Minimum", "min(x, y) (NaN propagates)">;
// Bools only (TF's kernels are registered for DT_BOOL); a While loop's
// condition is typically LogicalAnd(Less(i, n), Less(t, steps)).
def Graph_LogicalAndOp : Graph_BinaryOp<"LogicalAnd", "x and y (bools)">;
def Graph_LogicalOrOp : Graph_BinaryOp<"LogicalOr", "x or y (bools)">;
def Graph_LogicalNotOp : Graph_UnaryOp<"LogicalNot", "not x (bools)"> {
  let hasFolder = 1;
}
def Graph_SquaredDifferenceOp
    : Graph_BinaryOp<"SquaredDifference", "(x - y) * (x - y)">;
def Graph_PowOp : Graph_BinaryOp<"Pow", "x to the power y">;
// Integer division by zero is a run-time error in TF; the lowering divides
// by 1 instead (and INT_MIN / -1 wraps) so that it never traps.
def Graph_DivOp : Graph_BinaryOp<"Div",
    "x / y (integers: truncated toward zero)">;
def Graph_FloorDivOp : Graph_BinaryOp<"FloorDiv", "floor(x / y)">;
def Graph_FloorModOp : Graph_BinaryOp<"FloorMod",
    "x - floor(x / y) * y (the remainder takes y's sign)">;

def Graph_AddNOp : Graph_ShapedOp<"AddN", [Pure]> {
  let summary = "sum of N tensors of one shape and type, added left to right";
  let arguments = (ins Variadic<AnyTensor>:$inputs);
  let results = (outs AnyTensor:$sum);
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Comparisons: broadcasting, bool (i1) results
//===----------------------------------------------------------------------===//

// The class defines verify() (ordered comparisons refuse bools; the
// operands broadcast) and refineResultTypes() (the broadcast shape, i1); a
// class whose verifier differs sets `verifyBody`, the body of its verify().
class Graph_CompareOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["x", "y"]>]> {
  let summary = what # " elementwise with broadcasting; bool result";
  let arguments = (ins AnyTensor:$x, AnyTensor:$y);
  let results = (outs TensorOf<[I1]>:$z);
  let hasFolder = 1;
  let hasVerifier = 1;
  code verifyBody = [{ return verifyOrderedCompare(*this); }];
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {}] # verifyBody # [{}
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineCompare(*this);
    }
  }];
}
def Graph_LessOp : Graph_CompareOp<"Less", "x < y">;
def Graph_LessEqualOp : Graph_CompareOp<"LessEqual", "x <= y">;
def Graph_GreaterOp : Graph_CompareOp<"Greater", "x > y">;
def Graph_GreaterEqualOp : Graph_CompareOp<"GreaterEqual", "x >= y">;

// Equal/NotEqual also take bools; `incompatible_shape_error=false` makes TF
// return a scalar false/true for shapes that do not broadcast (not
// modelled: the verifier still requires broadcastable shapes).
class Graph_EqualityOp<string mnemonic, string what>
    : Graph_CompareOp<mnemonic, what> {
  let arguments = (ins AnyTensor:$x, AnyTensor:$y,
      DefaultValuedAttr<BoolAttr, "true">:$incompatible_shape_error);
  let verifyBody = [{ return verifyBroadcastable(*this, getOperands()); }];
}
def Graph_EqualOp : Graph_EqualityOp<"Equal", "x == y">;
def Graph_NotEqualOp : Graph_EqualityOp<"NotEqual", "x != y">;

//===----------------------------------------------------------------------===//
// Select
//===----------------------------------------------------------------------===//

def Graph_SelectOp : Graph_ShapedOp<"Select",
    [Pure, AllElementTypesMatch<["t", "e", "output"]>]> {
  let summary = "condition ? t : e (TF1 rules, no broadcasting)";
  let description = [{
    `t` and `e` have one shape. `condition` has that shape too, or, when `t`
    is at least 1-D, is a vector choosing whole rows (dim 0) of `t` or `e`.
  }];
  let arguments = (ins TensorOf<[I1]>:$condition, AnyTensor:$t, AnyTensor:$e);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}

def Graph_SelectV2Op : Graph_ShapedOp<"SelectV2",
    [Pure, AllElementTypesMatch<["t", "e", "output"]>]> {
  let summary = "condition ? t : e with numpy broadcasting of all three";
  let arguments = (ins TensorOf<[I1]>:$condition, AnyTensor:$t, AnyTensor:$e);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

def Graph_CastOp : Graph_ShapedOp<"Cast", [Pure]> {
  let summary = "converts x's elements to the result's element type";
  let description = [{
    TF's static_cast semantics: floats to integers truncate toward zero,
    anything to bool is `!= 0`, bool is 0/1, float narrowing rounds to
    nearest even. `Truncate=true` first clears the source mantissa bits the
    destination cannot hold (f64 -> f32/f16, f32 -> f16/bf16), as TF does.
    SrcT/DstT are the operand and result element types.
  }];
  let arguments = (ins AnyTensor:$x,
                       DefaultValuedAttr<BoolAttr, "false">:$Truncate);
  let results = (outs AnyTensor:$y);
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions (constant reduction_indices, keep_dims)
//===----------------------------------------------------------------------===//

def Graph_MeanOp : Graph_ShapedOp<"Mean", [Pure, AllElementTypesMatch<["input", "output"]>]> {
  let summary = "mean over the dimensions in `reduction_indices`";
  let arguments = (ins AnyTensor:$input, AnyTensor:$reduction_indices,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs AnyTensor:$output);
}

// The class defines verify() and refineResultTypes(); each op folds its
// own way.
class Graph_ReductionOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["input", "output"]>]> {
  let summary = what # " over the dimensions in `reduction_indices`";
  let arguments = (ins AnyTensor:$input, AnyTensor:$reduction_indices,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyReductionIndices(*this, getReductionIndices());
    }
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineReduction(*this, getInput(), getReductionIndices(),
                             getKeepDims());
    }
  }];
}
def Graph_SumOp : Graph_ReductionOp<"Sum", "sum">;
def Graph_ProdOp : Graph_ReductionOp<"Prod", "product">;
def Graph_MaxOp : Graph_ReductionOp<"Max", "maximum (NaN propagates)">;
def Graph_MinOp : Graph_ReductionOp<"Min", "minimum (NaN propagates)">;
// Bools only, as TF registers them (tf.reduce_all / tf.reduce_any).
def Graph_AllOp : Graph_ReductionOp<"All", "logical and">;
def Graph_AnyOp : Graph_ReductionOp<"Any", "logical or">;

// The index of the extreme value along the scalar `dimension`; the first
// index wins among equal values. The result element type is TF's
// output_type (int64 by default, or int32). The class defines verify() and
// refineResultTypes(); each op folds its own way.
class Graph_ArgReductionOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure]> {
  let summary = "index of the " # what # " value along `dimension`";
  let arguments = (ins AnyTensor:$input, AnyTensor:$dimension);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyArgReduction(*this, getDimension(), getOutput());
    }
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineArgReduction(*this, getInput(), getDimension());
    }
  }];
}
def Graph_ArgMaxOp : Graph_ArgReductionOp<"ArgMax", "largest">;
def Graph_ArgMinOp : Graph_ArgReductionOp<"ArgMin", "smallest">;

#endif // GRAPH_MATH_OPS_TD

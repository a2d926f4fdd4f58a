//===- GraphNNOps.td - nn ops of the graph dialect -*- tablegen -*-===//
//
// The neural-network ops: convolutions (Conv2D, depthwise, transposed),
// pooling, matrix products (MatMul, BatchMatMul*), BiasAdd and batch
// normalization, activations (Relu, Relu6, Sigmoid, Tanh, Softmax, TF.js's
// Prelu), and the fused ops that grappler and the TF.js converter put into
// real frozen graphs (_FusedConv2D, _FusedMatMul,
// FusedDepthwiseConv2dNative). Attrs carry TF's names and defaults; the C++
// (verifiers, shape functions, folders) is in GraphNNOps.cpp. Included at the
// end of GraphOps.td, so the shared op classes are visible.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_NN_OPS_TD
#define GRAPH_NN_OPS_TD

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

// The window attrs every TF 2-D convolution shares (Conv2D's, with TF's
// defaults; an empty `dilations` means all 1).
defvar Graph_ConvWindowAttrs = (ins
    I64ArrayAttr:$strides,
    StrAttr:$padding,
    DefaultValuedAttr<I64ArrayAttr, "{}">:$explicit_paddings,
    DefaultValuedAttr<StrAttr, "\"NHWC\"">:$data_format,
    DefaultValuedAttr<I64ArrayAttr, "{}">:$dilations);

// The fusion attrs of grappler's / TF.js's fused ops. `fused_ops` is applied
// in order to the op's result; each entry consumes its operands from `args`:
// BiasAdd 1 (bias), FusedBatchNorm 4 (scale, offset, mean, variance), Add 1
// (a tensor of the result's shape), Prelu 1 (alpha), activations none.
defvar Graph_FusionAttrs = (ins
    I64Attr:$num_args,
    DefaultValuedAttr<StrArrayAttr, "{}">:$fused_ops,
    DefaultValuedAttr<F32Attr, "0.0001f">:$epsilon,
    DefaultValuedAttr<F32Attr, "0.2f">:$leakyrelu_alpha);

// Methods of every fused op (defined in GraphNNOps.cpp).
defvar Graph_FusedOpMethods = [{
  /// How many of `args` the fused op `name` consumes, or -1 if graphc does
  /// not know `name`.
  static int64_t getFusedOpArgCount(::llvm::StringRef name);
}];

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

def Graph_DepthwiseConv2dNativeOp : Graph_ShapedOp<"DepthwiseConv2dNative",
    [Pure, AllElementTypesMatch<["input", "filter", "output"]>]> {
  let summary = "depthwise 2-D convolution; filter is [height, width, in, multiplier]";
  let description = [{
    Each input channel `c` is convolved with its own `multiplier` filters;
    output channel `c * multiplier + m` is input channel `c` convolved with
    `filter[:, :, c, m]`. Windows as in Conv2D (SAME/VALID/EXPLICIT,
    strides, dilations, NHWC/NCHW).
  }];
  let arguments = !con((ins AnyTensor:$input, AnyTensor:$filter),
                       Graph_ConvWindowAttrs);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

def Graph_Conv2DBackpropInputOp : Graph_ShapedOp<"Conv2DBackpropInput",
    [Pure, AllElementTypesMatch<["filter", "out_backprop", "output"]>]> {
  let summary = "gradient of Conv2D with respect to its input (transposed convolution)";
  let description = [{
    `input_sizes` (a 4-D shape in `data_format` order, int32) is the shape of
    the forward convolution's input, which is this op's result; `filter` is
    the forward [height, width, in, out] filter and `out_backprop` has the
    forward convolution's output shape. The window attrs describe the forward
    convolution.
  }];
  let arguments = !con((ins AnyTensor:$input_sizes, AnyTensor:$filter,
                            AnyTensor:$out_backprop),
                       Graph_ConvWindowAttrs);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def Graph_MaxPoolOp : Graph_PoolOp<"MaxPool", "max">;
def Graph_AvgPoolOp : Graph_PoolOp<"AvgPool", "average">;

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

def Graph_MatMulOp : Graph_ShapedOp<"MatMul", [Pure, AllElementTypesMatch<["a", "b", "product"]>]> {
  let summary = "2-D matrix product, optionally transposing either side";
  let arguments = (ins AnyTensor:$a, AnyTensor:$b,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs AnyTensor:$product);
  let hasVerifier = 1;
}

// x: [..., r_x, c_x], y: [..., r_y, c_y]; adj_x / adj_y transpose the last
// two dims. BatchMatMul requires equal batch dims; V2 and V3 broadcast them.
class Graph_BatchMatMulOpBase<string mnemonic, string what, list<Trait> traits>
    : Graph_ShapedOp<mnemonic, !listconcat([Pure], traits)> {
  let summary = what;
  let arguments = (ins AnyTensor:$x, AnyTensor:$y,
                       DefaultValuedAttr<BoolAttr, "false">:$adj_x,
                       DefaultValuedAttr<BoolAttr, "false">:$adj_y);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}
def Graph_BatchMatMulOp : Graph_BatchMatMulOpBase<"BatchMatMul",
    "batched matrix product (equal batch dims)",
    [AllElementTypesMatch<["x", "y", "output"]>]>;
def Graph_BatchMatMulV2Op : Graph_BatchMatMulOpBase<"BatchMatMulV2",
    "batched matrix product with broadcasting batch dims",
    [AllElementTypesMatch<["x", "y", "output"]>]>;
// V3's Ta/Tb/Tout attrs may differ (the element types say which).
def Graph_BatchMatMulV3Op : Graph_BatchMatMulOpBase<"BatchMatMulV3",
    "batched matrix product with broadcasting batch dims and own output type",
    []>;

// Keras 3's MultiHeadAttention and EinsumDense write their projections and
// attention products as einsums ("abc,cde->abde", "aecd,abcd->acbe").
def Graph_EinsumOp : Graph_ShapedOp<"Einsum", [Pure]> {
  let summary = "tensor contraction given by an einsum equation";
  let description = [{
    TF's Einsum: the product of the operands' elements over every label of
    the equation, summed over the labels the output leaves out (see
    EinsumEquation.h for the accepted forms).
  }];
  let arguments = (ins Variadic<AnyTensor>:$inputs, StrAttr:$equation);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Bias and batch normalization
//===----------------------------------------------------------------------===//

def Graph_BiasAddOp : Graph_ShapedOp<"BiasAdd",
    [Pure, AllElementTypesMatch<["value", "bias", "output"]>]> {
  let summary = "adds a 1-D bias along the channel dimension";
  let arguments = (ins AnyTensor:$value, AnyTensor:$bias,
                       DefaultValuedAttr<StrAttr, "\"NHWC\"">:$data_format);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

// x is 4-D (NHWC/NCHW; V2/V3 also 5-D NDHWC/NCDHW); scale, offset, mean and
// variance are 1-D over channels (mean/variance may be empty when training).
// Inference: y = (x - mean) * (rsqrt(variance + epsilon) * scale) + offset,
// batch_mean/batch_variance are mean/variance. Training: the statistics of
// the batch (over every dim but channels) replace mean/variance for y,
// batch_mean is the batch mean (blended with `mean` by
// exponential_avg_factor) and batch_variance the Bessel-corrected batch
// variance (likewise blended); reserve_space_1/2 are the batch mean and the
// population batch variance.
class Graph_FusedBatchNormOpBase<string mnemonic, dag extraResults>
    : Graph_ShapedOp<mnemonic, [Pure, AllElementTypesMatch<["x", "y"]>,
        AllElementTypesMatch<["scale", "offset", "mean", "variance",
                              "batch_mean", "batch_variance"]>]> {
  let summary = "batch normalization (TF " # mnemonic # ")";
  let arguments = (ins AnyTensor:$x, AnyTensor:$scale, AnyTensor:$offset,
                       AnyTensor:$mean, AnyTensor:$variance,
                       DefaultValuedAttr<F32Attr, "0.0001f">:$epsilon,
                       DefaultValuedAttr<F32Attr, "1.0f">:$exponential_avg_factor,
                       DefaultValuedAttr<StrAttr, "\"NHWC\"">:$data_format,
                       DefaultValuedAttr<BoolAttr, "true">:$is_training);
  let results = !con((outs AnyTensor:$y, AnyTensor:$batch_mean,
                           AnyTensor:$batch_variance,
                           AnyTensor:$reserve_space_1,
                           AnyTensor:$reserve_space_2),
                     extraResults);
  let hasVerifier = 1;
}
def Graph_FusedBatchNormOp : Graph_FusedBatchNormOpBase<"FusedBatchNorm", (outs)>;
def Graph_FusedBatchNormV2Op : Graph_FusedBatchNormOpBase<"FusedBatchNormV2", (outs)>;
// V3's reserve_space_3 is a scalar 0 on CPU.
def Graph_FusedBatchNormV3Op : Graph_FusedBatchNormOpBase<"FusedBatchNormV3",
    (outs AnyTensor:$reserve_space_3)>;

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

def Graph_ReluOp : Graph_UnaryOp<"Relu", "max(x, 0)">;
def Graph_Relu6Op : Graph_UnaryOp<"Relu6", "min(max(x, 0), 6)">;
def Graph_SigmoidOp : Graph_UnaryOp<"Sigmoid", "1 / (1 + exp(-x))">;
def Graph_TanhOp : Graph_UnaryOp<"Tanh", "tanh(x)">;

def Graph_SoftmaxOp : Graph_ShapedOp<"Softmax", [Pure, AllElementTypesMatch<["logits", "softmax"]>]> {
  let summary = "softmax over the last dimension";
  let arguments = (ins AnyTensor:$logits);
  let results = (outs AnyTensor:$softmax);
}
def Graph_PreluOp : Graph_ShapedOp<"Prelu",
    [Pure, AllElementTypesMatch<["x", "alpha", "y"]>]> {
  let summary = "x > 0 ? x : alpha * x, alpha broadcast to x (TF.js Prelu)";
  let arguments = (ins AnyTensor:$x, AnyTensor:$alpha);
  let results = (outs AnyTensor:$y);
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Fused ops of real frozen graphs
//===----------------------------------------------------------------------===//

def Graph_FusedConv2DOp : Graph_ShapedOp<"_FusedConv2D",
    [Pure, AllElementTypesMatch<["input", "filter", "output"]>]> {
  let summary = "Conv2D followed by the `fused_ops` epilogue (grappler)";
  let arguments = !con((ins AnyTensor:$input, AnyTensor:$filter,
                            Variadic<AnyTensor>:$args),
                       Graph_ConvWindowAttrs,
                       (ins DefaultValuedAttr<StrAttr, "\"HWIO\"">:$filter_format),
                       Graph_FusionAttrs);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let extraClassDeclaration = Graph_FusedOpMethods;
}

def Graph_FusedDepthwiseConv2dNativeOp : Graph_ShapedOp<
    "FusedDepthwiseConv2dNative",
    [Pure, AllElementTypesMatch<["input", "filter", "output"]>]> {
  let summary = "DepthwiseConv2dNative followed by the `fused_ops` epilogue (TF.js)";
  let arguments = !con((ins AnyTensor:$input, AnyTensor:$filter,
                            Variadic<AnyTensor>:$args),
                       Graph_ConvWindowAttrs, Graph_FusionAttrs);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let extraClassDeclaration = Graph_FusedOpMethods;
}

def Graph_FusedMatMulOp : Graph_ShapedOp<"_FusedMatMul",
    [Pure, AllElementTypesMatch<["a", "b", "product"]>]> {
  let summary = "MatMul followed by the `fused_ops` epilogue (grappler)";
  let arguments = !con((ins AnyTensor:$a, AnyTensor:$b,
                            Variadic<AnyTensor>:$args,
                            DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                            DefaultValuedAttr<BoolAttr, "false">:$transpose_b),
                       Graph_FusionAttrs);
  let results = (outs AnyTensor:$product);
  let hasVerifier = 1;
  let extraClassDeclaration = Graph_FusedOpMethods;
}

#endif // GRAPH_NN_OPS_TD

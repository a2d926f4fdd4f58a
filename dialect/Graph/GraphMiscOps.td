//===- GraphMiscOps.td - misc ops of the graph dialect -*- tablegen -*-===//
//
// Image resizing (ResizeBilinear, ResizeNearestNeighbor), the space/batch
// shuffles around atrous convolutions (SpaceToBatchND, BatchToSpaceND),
// TopKV2, NonMaxSuppressionV2-V5, Dequantize of TF's quantized dtypes and
// the fused LSTM sequence ops (BlockLSTM, BlockLSTMV2). Included at the end of GraphOps.td, so
// the shared op classes are visible. Verifiers, shape functions and folders
// are in GraphMiscOps.cpp; TF's arithmetic that folders and lowering share
// (resize source coordinates, dequantize scales) in GraphMiscOps.h.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_MISC_OPS_TD
#define GRAPH_MISC_OPS_TD

//===----------------------------------------------------------------------===//
// Resizing
//===----------------------------------------------------------------------===//

// ResizeBilinear / ResizeNearestNeighbor: a 4-D NHWC `images` resized to the
// [new_height, new_width] in the int32 `size` operand.
class Graph_ResizeOp<string mnemonic, string what, list<Trait> traits = []>
    : Graph_ShapedOp<mnemonic, [Pure] # traits> {
  let summary = what # " resize of NHWC images to `size`";
  let description = [{
    Source coordinates follow TF's image_resizer_state.h: the scale is
    `in / out`, or `(in - 1) / (out - 1)` with `align_corners`;
    `half_pixel_centers` samples at `(dst + 0.5) * scale - 0.5` (bilinear) or
    `(dst + 0.5) * scale` (nearest). TF refuses `half_pixel_centers` together
    with `align_corners`. graph-to-linalg needs a constant `size`.
  }];
  let arguments = (ins AnyTensor:$images, AnyTensor:$size,
                       DefaultValuedAttr<BoolAttr, "false">:$align_corners,
                       DefaultValuedAttr<BoolAttr, "false">:$half_pixel_centers);
  let results = (outs AnyTensor:$resized_images);
  let hasVerifier = 1;
  let hasFolder = 1;
}
def Graph_ResizeBilinearOp : Graph_ResizeOp<"ResizeBilinear",
    "bilinear (float32 result)">;
def Graph_ResizeNearestNeighborOp : Graph_ResizeOp<"ResizeNearestNeighbor",
    "nearest-neighbor", [AllElementTypesMatch<["images", "resized_images"]>]>;

//===----------------------------------------------------------------------===//
// Space <-> batch
//===----------------------------------------------------------------------===//

def Graph_SpaceToBatchNDOp : Graph_ShapedOp<"SpaceToBatchND",
    [Pure, AllElementTypesMatch<["input", "output"]>]> {
  let summary = "zero-pads the M spatial dims and moves blocks into the batch";
  let description = [{
    `input` is `[batch] + spatial_shape (M dims) + remaining_shape`;
    `block_shape` is `[M]`, `paddings` is `[M, 2]` (before, after). The result
    is `[batch * prod(block_shape)] + [(padded_i / block_i)] +
    remaining_shape`, where the outer batch index runs over the block
    offsets (row-major) and the inner one over the input batch.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$block_shape,
                       AnyTensor:$paddings);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Graph_BatchToSpaceNDOp : Graph_ShapedOp<"BatchToSpaceND",
    [Pure, AllElementTypesMatch<["input", "output"]>]> {
  let summary = "the inverse of SpaceToBatchND, with `crops` instead of pads";
  let description = [{
    `input` is `[batch] + spatial_shape (M dims) + remaining_shape` with
    `batch` divisible by `prod(block_shape)`; the result is
    `[batch / prod(block_shape)] + [spatial_i * block_i - crops[i][0] -
    crops[i][1]] + remaining_shape`.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$block_shape,
                       AnyTensor:$crops);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Random numbers
//===----------------------------------------------------------------------===//

def Graph_RandomUniformOp : Graph_ShapedOp<"RandomUniform"> {
  let summary = "uniform floats in [0, 1) of the given `shape` (TF's Philox)";
  let description = [{
    TF's RandomUniform: element `i` is lane `i % 4` of Philox4x32-10 with
    key `seed` and counter `[i / 4 (64 bits), seed2 (64 bits)]`, mapped to
    a float as TF's `Uint32ToFloat` does (`bitcast(0x3f800000 | (u &
    0x7fffff)) - 1`). That is the stream a TF session produces on the first
    run of the op; the compiled function is stateless and returns the same
    values on every call. When `seed` and `seed2` are both 0 TF seeds the op
    at random; graphc then keys it by a hash of the node name, so distinct
    ops still get distinct streams. Not `Pure`: two such ops must not merge.
    Only float32 results are lowered.
  }];
  let arguments = (ins AnyTensor:$shape,
                       DefaultValuedAttr<I64Attr, "0">:$seed,
                       DefaultValuedAttr<I64Attr, "0">:$seed2);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Selection
//===----------------------------------------------------------------------===//

def Graph_TopKV2Op : Graph_ShapedOp<"TopKV2",
    [Pure, AllElementTypesMatch<["input", "values"]>]> {
  let summary = "the k largest entries of each row (last dim) and their indices";
  let description = [{
    `input` is `[..., n]`, `k` an int32 (or int64) scalar in [0, n]; `values`
    and `indices` (int32 or int64) are `[..., k]`, sorted by decreasing value,
    the lower index first among equal values (TF's contract). `sorted` =
    false lets TF return them in any order; graphc sorts them anyway.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$k,
                       DefaultValuedAttr<BoolAttr, "true">:$sorted);
  let results = (outs AnyTensor:$values, AnyTensor:$indices);
  let hasVerifier = 1;
}

// Non-max suppression: boxes [N, 4] (corners in either order), scores [N],
// an int32 max_output_size and float scalar thresholds. Greedy in
// (score desc, index asc) order: a box whose score > score_threshold is
// kept unless its IoU with a box kept before is > iou_threshold, until
// max_output_size are kept. The kept count depends on the data, so only
// the padded forms (V4/V5 with pad_to_max_output_size) have static shapes.
// The class forwards verify and refineResultTypes to the shared rules in
// GraphMiscOps.h; `padded`: the op has pad_to_max_output_size.
class Graph_NonMaxSuppressionOp<string mnemonic, dag args, dag outs,
                                bit padded>
    : Graph_ShapedOp<mnemonic, [Pure]> {
  let summary = "greedy non-max suppression of boxes by IoU";
  let arguments = args;
  let results = outs;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The padded output length (a constant max_output_size), if the
    /// outputs are padded to it.
    std::optional<int64_t> getPaddedSize();
  }];
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyNonMaxSuppression(*this);
    }
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineNonMaxSuppression(*this, getPaddedSize());
    }
    std::optional<int64_t> $cppClass::getPaddedSize() {
      return getNonMaxSuppressionPaddedSize(*this, }]
        # !if(padded, "getPadToMaxOutputSize()", "false") # [{);
    }
  }];
}
def Graph_NonMaxSuppressionV2Op : Graph_NonMaxSuppressionOp<"NonMaxSuppressionV2",
    (ins AnyTensor:$boxes, AnyTensor:$scores, AnyTensor:$max_output_size,
         AnyTensor:$iou_threshold),
    (outs AnyTensor:$selected_indices), 0>;
def Graph_NonMaxSuppressionV3Op : Graph_NonMaxSuppressionOp<"NonMaxSuppressionV3",
    (ins AnyTensor:$boxes, AnyTensor:$scores, AnyTensor:$max_output_size,
         AnyTensor:$iou_threshold, AnyTensor:$score_threshold),
    (outs AnyTensor:$selected_indices), 0>;
def Graph_NonMaxSuppressionV4Op : Graph_NonMaxSuppressionOp<"NonMaxSuppressionV4",
    (ins AnyTensor:$boxes, AnyTensor:$scores, AnyTensor:$max_output_size,
         AnyTensor:$iou_threshold, AnyTensor:$score_threshold,
         DefaultValuedAttr<BoolAttr, "false">:$pad_to_max_output_size),
    (outs AnyTensor:$selected_indices, AnyTensor:$valid_outputs), 1>;
def Graph_NonMaxSuppressionV5Op : Graph_NonMaxSuppressionOp<"NonMaxSuppressionV5",
    (ins AnyTensor:$boxes, AnyTensor:$scores, AnyTensor:$max_output_size,
         AnyTensor:$iou_threshold, AnyTensor:$score_threshold,
         AnyTensor:$soft_nms_sigma,
         DefaultValuedAttr<BoolAttr, "false">:$pad_to_max_output_size),
    (outs AnyTensor:$selected_indices, AnyTensor:$selected_scores,
          AnyTensor:$valid_outputs), 1>;

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

def Graph_DequantizeOp : Graph_ShapedOp<"Dequantize", [Pure]> {
  let summary = "quantized integers to float32 (or bfloat16)";
  let description = [{
    `input` holds DT_QUINT8/QINT8/QUINT16/QINT16/QINT32 values (imported as
    ui8/i8/ui16/i16/i32); `min_range`/`max_range` are float32 scalars, or one
    value per slice of dimension `axis` when `axis` is not -1. The `mode`s
    compute exactly what TF's dequantize_op.cc does:

    - MIN_COMBINED: `((float(x) + half_range) * scale) + min_range`, with
      `scale = (max_range - min_range) / (max(T) - min(T))` and `half_range`
      `(max(T) - min(T) + 1) / 2` for signed T, else 0;
    - MIN_FIRST: `(min_rounded - lowest(T) * step) + float(x) * step`, with
      `step = (max_range - min_range) / (2^bits - 1)` and `min_rounded =
      round(min_range / step) * step` (quantization_utils.h); per-axis is not
      implemented by TF;
    - SCALED: `float(x) * scale`, `scale = max_range / max(T)` for unsigned T,
      else `max(min_range / (min(T) + narrow_range), max_range / max(T))`.

    A bfloat16 result (`dtype`) is the float32 value rounded, MIN_COMBINED
    only. graph-to-linalg needs constant ranges.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$min_range,
                       AnyTensor:$max_range,
                       DefaultValuedAttr<StrAttr, "\"MIN_COMBINED\"">:$mode,
                       DefaultValuedAttr<BoolAttr, "false">:$narrow_range,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       OptionalAttr<TypeAttr>:$dtype);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

// BlockLSTM / BlockLSTMV2: an LSTM over a whole [time, batch, input] sequence.
class Graph_BlockLSTMOpBase<string mnemonic, string layout, dag attrs>
    : Graph_ShapedOp<mnemonic, [Pure,
        AllElementTypesMatch<["x", "cs_prev", "h_prev", "w", "wci", "wcf",
                              "wco", "b", "i", "cs", "f", "o", "ci", "co",
                              "h"]>]> {
  let summary = "LSTM over a sequence (gates " # layout # " in `w` and `b`)";
  let description = [{
    For t < seq_len_max, with xh = [x[t], h[t-1]] (h[-1] = h_prev,
    cs[-1] = cs_prev) and gates = xh * w + b split into four [batch, cell]
    blocks in the gate order above:
    i = sigmoid(gate_i + cs[t-1] * wci), ci = tanh(gate_c),
    f = sigmoid(gate_f + forget_bias + cs[t-1] * wcf),
    cs = i * ci + f * cs[t-1], clipped to [-cell_clip, cell_clip] if
    cell_clip > 0, co = tanh(cs), o = sigmoid(gate_o + cs * wco),
    h = o * co; the peephole terms only with use_peephole. Every output is
    [time, batch, cell]; steps at or after seq_len_max are zero, as in TF's
    kernel. graph-to-linalg needs a constant seq_len_max.
  }];
  let arguments = !con((ins AnyTensor:$seq_len_max, AnyTensor:$x,
                            AnyTensor:$cs_prev, AnyTensor:$h_prev,
                            AnyTensor:$w, AnyTensor:$wci, AnyTensor:$wcf,
                            AnyTensor:$wco, AnyTensor:$b), attrs);
  let results = (outs AnyTensor:$i, AnyTensor:$cs, AnyTensor:$f,
                      AnyTensor:$o, AnyTensor:$ci, AnyTensor:$co,
                      AnyTensor:$h);
  let hasVerifier = 1;
}
def Graph_BlockLSTMOp : Graph_BlockLSTMOpBase<"BlockLSTM", "i, ci, f, o",
    (ins DefaultValuedAttr<F32Attr, "1.0f">:$forget_bias,
         DefaultValuedAttr<F32Attr, "3.0f">:$cell_clip,
         DefaultValuedAttr<BoolAttr, "false">:$use_peephole)>;
// V2 has no forget_bias (0) and TF's default cell_clip is 0 (no clipping).
def Graph_BlockLSTMV2Op : Graph_BlockLSTMOpBase<"BlockLSTMV2", "i, f, ci, o",
    (ins DefaultValuedAttr<F32Attr, "0.0f">:$cell_clip,
         DefaultValuedAttr<BoolAttr, "false">:$use_peephole)>;

#endif // GRAPH_MISC_OPS_TD

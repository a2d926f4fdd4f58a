//===- GraphArrayOps.td - array ops of the graph dialect -*- tablegen -*-===//
//
// Shape and data-movement ops: Reshape, Squeeze, ExpandDims, Transpose,
// ConcatV2, Pack, Unpack, Split, SplitV, Slice, StridedSlice, Pad, PadV2,
// MirrorPad, Shape, Size, Rank, Fill, Tile, GatherV2, GatherNd, ZerosLike,
// OnesLike.
// They carry TF's operands in TF's order (Split's `split_dim` comes first)
// and declare the TF attrs their shape functions and lowerings read, with
// TF's names and defaults. Index operands (axes, begin/end, paddings) are
// read when they are constants: shape inference needs them, and the
// lowering refuses an op whose index operands are not constant.
// Verifiers, folders and shape functions are in GraphArrayShapeOps.cpp
// (reshaping, shape queries, fills), GraphArraySliceOps.cpp (slicing,
// gathering), GraphArrayJoinOps.cpp (joining, splitting, tiling) and
// GraphArrayLayoutOps.cpp (transposes, padding, block shuffles).
// Included at the end of GraphOps.td, so the shared op classes are visible.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_ARRAY_OPS_TD
#define GRAPH_ARRAY_OPS_TD

// An op that only moves, relabels or replicates elements: the named
// single tensors (not variadic ones, which the verifier checks) share one
// element type.
class Graph_ArrayOp<string mnemonic, list<string> sameElements = []>
    : Graph_ShapedOp<mnemonic, [Pure] # !if(!empty(sameElements), [],
        [AllElementTypesMatch<sameElements>])> {
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reshaping, adding and removing unit dims, permuting
//===----------------------------------------------------------------------===//

def Graph_ReshapeOp : Graph_ShapedOp<"Reshape", [Pure, AllElementTypesMatch<["tensor", "output"]>]> {
  let summary = "gives `tensor` the shape in the 1-D `shape` operand (-1: inferred)";
  let arguments = (ins AnyTensor:$tensor, AnyTensor:$shape);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}

def Graph_SqueezeOp : Graph_ArrayOp<"Squeeze", ["input", "output"]> {
  let summary = "removes size-1 dims (those in `squeeze_dims`, or all)";
  let description = [{
    TF's `axis` argument is the `squeeze_dims` attr; empty means every
    size-1 dim, which needs the input shape to be static.
  }];
  let arguments = (ins AnyTensor:$input,
                       DefaultValuedAttr<I64ArrayAttr, "{}">:$squeeze_dims);
  let results = (outs AnyTensor:$output);
}

def Graph_ExpandDimsOp : Graph_ArrayOp<"ExpandDims", ["input", "output"]> {
  let summary = "inserts a size-1 dim at index `dim` (in [-rank-1, rank])";
  let arguments = (ins AnyTensor:$input, AnyTensor:$dim);
  let results = (outs AnyTensor:$output);
}

def Graph_TransposeOp : Graph_ArrayOp<"Transpose", ["x", "y"]> {
  let summary = "permutes dims: result dim i is input dim perm[i]";
  let arguments = (ins AnyTensor:$x, AnyTensor:$perm);
  let results = (outs AnyTensor:$y);
}

//===----------------------------------------------------------------------===//
// Joining and splitting
//===----------------------------------------------------------------------===//

def Graph_ConcatV2Op : Graph_ArrayOp<"ConcatV2"> {
  let summary = "concatenates N >= 2 tensors along `axis` (negative: from the end)";
  let arguments = (ins Variadic<AnyTensor>:$values, AnyTensor:$axis);
  let results = (outs AnyTensor:$output);
}

def Graph_PackOp : Graph_ArrayOp<"Pack"> {
  let summary = "stacks N same-shaped tensors along a new dim `axis`";
  let arguments = (ins Variadic<AnyTensor>:$values,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs AnyTensor:$output);
}

def Graph_UnpackOp : Graph_ArrayOp<"Unpack"> {
  let summary = "unstacks the `num` slices of `value` along `axis`";
  let arguments = (ins AnyTensor:$value, I64Attr:$num,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs Variadic<AnyTensor>:$output);
}

def Graph_SplitOp : Graph_ArrayOp<"Split"> {
  let summary = "splits `value` into `num_split` equal parts along `split_dim`";
  let arguments = (ins AnyTensor:$split_dim, AnyTensor:$value,
                       I64Attr:$num_split);
  let results = (outs Variadic<AnyTensor>:$output);
}

def Graph_SplitVOp : Graph_ArrayOp<"SplitV"> {
  let summary = "splits `value` along `split_dim` into parts of `size_splits` (one may be -1)";
  let arguments = (ins AnyTensor:$value, AnyTensor:$size_splits,
                       AnyTensor:$split_dim, I64Attr:$num_split);
  let results = (outs Variadic<AnyTensor>:$output);
}

//===----------------------------------------------------------------------===//
// Slicing
//===----------------------------------------------------------------------===//

def Graph_SliceOp : Graph_ArrayOp<"Slice", ["input", "output"]> {
  let summary = "the block at `begin` of `size` (-1: to the end of the dim)";
  let arguments = (ins AnyTensor:$input, AnyTensor:$begin, AnyTensor:$size);
  let results = (outs AnyTensor:$output);
}

def Graph_StridedSliceOp : Graph_ArrayOp<"StridedSlice", ["input", "output"]> {
  let summary = "numpy-style strided slice with TF's five masks";
  let description = [{
    Bit i of a mask refers to entry i of `begin`/`end`/`strides`:
    `begin_mask`/`end_mask` ignore the begin/end value (the whole range in
    the stride's direction), `ellipsis_mask` (at most one bit) stands for as
    many full dims as needed, `new_axis_mask` inserts a size-1 dim and
    `shrink_axis_mask` takes the single index `begin` and drops the dim.
    Indices are clamped as TF's ValidateStridedSliceOp does.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$begin, AnyTensor:$end,
                       AnyTensor:$strides,
                       DefaultValuedAttr<I64Attr, "0">:$begin_mask,
                       DefaultValuedAttr<I64Attr, "0">:$end_mask,
                       DefaultValuedAttr<I64Attr, "0">:$ellipsis_mask,
                       DefaultValuedAttr<I64Attr, "0">:$new_axis_mask,
                       DefaultValuedAttr<I64Attr, "0">:$shrink_axis_mask);
  let results = (outs AnyTensor:$output);
}

//===----------------------------------------------------------------------===//
// Padding, tiling, filling
//===----------------------------------------------------------------------===//

def Graph_PadOp : Graph_ArrayOp<"Pad", ["input", "output"]> {
  let summary = "pads with zeros; `paddings` is [rank, 2] (before, after)";
  let arguments = (ins AnyTensor:$input, AnyTensor:$paddings);
  let results = (outs AnyTensor:$output);
}

def Graph_PadV2Op : Graph_ArrayOp<"PadV2", ["input", "constant_values", "output"]> {
  let summary = "pads with the scalar `constant_values`";
  let arguments = (ins AnyTensor:$input, AnyTensor:$paddings,
                       AnyTensor:$constant_values);
  let results = (outs AnyTensor:$output);
}

def Graph_MirrorPadOp : Graph_ArrayOp<"MirrorPad", ["input", "output"]> {
  let summary = "pads with a mirror image of the input (REFLECT or SYMMETRIC)";
  let description = [{
    REFLECT mirrors without repeating the edge element ([1,2,3] padded by 2
    on both sides is [3,2,1,2,3,2,1]), SYMMETRIC repeats it ([2,1,1,2,3,3,2]).
    Paddings are at most dim - 1 (REFLECT) or dim (SYMMETRIC).
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$paddings, StrAttr:$mode);
  let results = (outs AnyTensor:$output);
}

def Graph_TileOp : Graph_ArrayOp<"Tile", ["input", "output"]> {
  let summary = "repeats the input `multiples[i]` times along dim i";
  let arguments = (ins AnyTensor:$input, AnyTensor:$multiples);
  let results = (outs AnyTensor:$output);
}

// DepthToSpace / SpaceToDepth: NHWC block shuffles between the depth and
// the spatial dims, as in pixel-shuffle upsamplers and detector heads.
// The two differ only in direction (`toSpace`): the class forwards
// verify, fold and refineResultTypes to the shared rules in
// GraphArrayUtils.h.
class Graph_BlockShuffleOp<string mnemonic, string what, string toSpace>
    : Graph_ArrayOp<mnemonic, ["input", "output"]> {
  let summary = what;
  let arguments = (ins AnyTensor:$input, I64Attr:$block_size,
                       DefaultValuedAttr<StrAttr, "\"NHWC\"">:$data_format);
  let results = (outs AnyTensor:$output);
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyBlockShuffle(*this, getInput(), getBlockSize(),
                                getDataFormat(), }] # toSpace # [{);
    }
    ::mlir::LogicalResult $cppClass::refineResultTypes() {
      return refineBlockShuffle(*this, getInput(), getOutput(), getBlockSize(),
                                getDataFormat(), }] # toSpace # [{);
    }
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return foldBlockShuffle(getOutput(), adaptor.getInput(), getBlockSize(),
                              getDataFormat(), }] # toSpace # [{);
    }
  }];
}

def Graph_DepthToSpaceOp : Graph_BlockShuffleOp<"DepthToSpace",
    "moves depth blocks into block_size x block_size spatial blocks",
    "/*toSpace=*/true"> {
  let description = [{
    `[B, H, W, C]` (C divisible by `block_size`^2) to
    `[B, H * bs, W * bs, C / bs^2]`: `out[b, h * bs + i, w * bs + j, c] =
    in[b, h, w, (i * bs + j) * C / bs^2 + c]` (NHWC, the layout TF's CPU
    kernel runs).
  }];
}

def Graph_SpaceToDepthOp : Graph_BlockShuffleOp<"SpaceToDepth",
    "moves block_size x block_size spatial blocks into the depth",
    "/*toSpace=*/false"> {
  let description = [{
    The inverse of DepthToSpace: `[B, H, W, C]` (H and W divisible by
    `block_size`) to `[B, H / bs, W / bs, C * bs^2]`.
  }];
}

def Graph_FillOp : Graph_ArrayOp<"Fill", ["value", "output"]> {
  let summary = "a tensor of shape `dims` filled with the scalar `value`";
  let arguments = (ins AnyTensor:$dims, AnyTensor:$value);
  let results = (outs AnyTensor:$output);
}

def Graph_RangeOp : Graph_ShapedOp<"Range", [Pure]> {
  let summary = "`start, start + delta, ...` up to (not including) `limit`";
  let description = [{
    TF's Range: scalars `start`, `limit`, `delta` of one type (Tidx);
    `ceil((limit - start) / delta)` elements (for integers, TF's
    `(|limit - start| + |delta| - 1) / |delta|`). Shape inference and the
    folder need constant scalars; the lowering computes `start + i * delta`.
  }];
  let arguments = (ins AnyTensor:$start, AnyTensor:$limit, AnyTensor:$delta);
  let results = (outs AnyTensor:$output);
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Graph_ZerosLikeOp : Graph_ArrayOp<"ZerosLike", ["x", "y"]> {
  let summary = "zeros of the shape and type of `x`";
  let arguments = (ins AnyTensor:$x);
  let results = (outs AnyTensor:$y);
  let hasVerifier = 0;
}

def Graph_OnesLikeOp : Graph_ArrayOp<"OnesLike", ["x", "y"]> {
  let summary = "ones of the shape and type of `x`";
  let arguments = (ins AnyTensor:$x);
  let results = (outs AnyTensor:$y);
  let hasVerifier = 0;
}

//===----------------------------------------------------------------------===//
// Gathering
//===----------------------------------------------------------------------===//

def Graph_GatherV2Op : Graph_ArrayOp<"GatherV2", ["params", "output"]> {
  let summary = "the slices of `params` along `axis` at `indices`";
  let description = [{
    The result shape is params.shape[:axis] + indices.shape[batch_dims:] +
    params.shape[axis + 1:]. Indices outside [0, params.shape[axis]) are an
    error in TF on CPU; compiled code clamps them into range.
  }];
  let arguments = (ins AnyTensor:$params, AnyTensor:$indices, AnyTensor:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$batch_dims);
  let results = (outs AnyTensor:$output);
}

def Graph_GatherNdOp : Graph_ArrayOp<"GatherNd", ["params", "output"]> {
  let summary = "the slices of `params` at the K-D indices in `indices`' last dim";
  let description = [{
    `indices` has shape [..., K] (K <= rank of params); the result shape is
    indices.shape[:-1] + params.shape[K:]. Out-of-range indices are an
    error in TF on CPU; compiled code clamps each coordinate into range.
  }];
  let arguments = (ins AnyTensor:$params, AnyTensor:$indices);
  let results = (outs AnyTensor:$output);
}

//===----------------------------------------------------------------------===//
// Shape queries (fold to constants once the operand's shape is static)
//===----------------------------------------------------------------------===//

class Graph_ShapeQueryOp<string mnemonic, string what>
    : Graph_ShapedOp<mnemonic, [Pure]> {
  let summary = what # " of `input`, as a constant once it is static";
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasVerifier = 1;
}
def Graph_ShapeOp : Graph_ShapeQueryOp<"Shape", "the 1-D shape (int32 or int64, attr out_type)">;
def Graph_SizeOp : Graph_ShapeQueryOp<"Size", "the element count (int32 or int64, attr out_type)">;
def Graph_RankOp : Graph_ShapeQueryOp<"Rank", "the int32 rank">;

#endif // GRAPH_ARRAY_OPS_TD

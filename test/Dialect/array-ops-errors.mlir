// RUN: graph-opt %s -split-input-file -verify-diagnostics
// Every verifier rule of the array family (GraphArray*Ops.cpp).

func.func @squeeze_range(%x: tensor<1x2xf32>) {
  // expected-error @+1 {{squeeze_dims value 2 is out of range for rank 2}}
  %0 = graph.Squeeze %x {squeeze_dims = [2]} : (tensor<1x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @squeeze_size(%x: tensor<1x2xf32>) {
  // expected-error @+1 {{cannot squeeze dim -1 of size 2 (expected 1)}}
  %0 = graph.Squeeze %x {squeeze_dims = [-1]} : (tensor<1x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @expand_dims_count(%x: tensor<2xf32>, %d: tensor<2xi32>) {
  // expected-error @+1 {{'dim' must hold a single value, got 'tensor<2xi32>'}}
  %0 = graph.ExpandDims %x, %d : (tensor<2xf32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @expand_dims_type(%x: tensor<2xf32>, %d: tensor<f32>) {
  // expected-error @+1 {{'dim' must be int32 or int64, got 'f32'}}
  %0 = graph.ExpandDims %x, %d : (tensor<2xf32>, tensor<f32>) -> tensor<*xf32>
  return
}

// -----

func.func @transpose_perm_rank(%x: tensor<2x3xf32>, %p: tensor<2x2xi32>) {
  // expected-error @+1 {{'perm' must be 1-D, got 'tensor<2x2xi32>'}}
  %0 = graph.Transpose %x, %p : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @transpose_perm_size(%x: tensor<2x3xf32>, %p: tensor<3xi32>) {
  // expected-error @+1 {{'perm' has 3 entries but 'x' has rank 2}}
  %0 = graph.Transpose %x, %p : (tensor<2x3xf32>, tensor<3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @transpose_types(%x: tensor<2x3xf32>, %p: tensor<2xi32>) {
  // expected-error @+1 {{failed to verify that all of {x, y} have same element type}}
  %0 = graph.Transpose %x, %p : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<*xi32>
  return
}

// -----

func.func @concat_one(%x: tensor<2xf32>, %a: tensor<i32>) {
  // expected-error @+1 {{needs at least 2 values (attr N >= 2), got 1}}
  %0 = graph.ConcatV2 %x, %a : (tensor<2xf32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @concat_types(%x: tensor<2xf32>, %y: tensor<2xi32>, %a: tensor<i32>) {
  // expected-error @+1 {{value 1 has element type 'i32', expected 'f32'}}
  %0 = graph.ConcatV2 %x, %y, %a : (tensor<2xf32>, tensor<2xi32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @concat_scalars(%x: tensor<f32>, %a: tensor<i32>) {
  // expected-error @+1 {{cannot concatenate scalars (value 0); use Pack}}
  %0 = graph.ConcatV2 %x, %x, %a : (tensor<f32>, tensor<f32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @concat_ranks(%x: tensor<2xf32>, %y: tensor<2x2xf32>, %a: tensor<i32>) {
  // expected-error @+1 {{value 1 has rank 2 but an earlier value has rank 1}}
  %0 = graph.ConcatV2 %x, %y, %a : (tensor<2xf32>, tensor<2x2xf32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @concat_axis(%x: tensor<2xf32>, %a: tensor<2xi32>) {
  // expected-error @+1 {{'axis' must be a scalar or a 1-element vector, got 'tensor<2xi32>'}}
  %0 = graph.ConcatV2 %x, %x, %a : (tensor<2xf32>, tensor<2xf32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @pack_none() {
  // expected-error @+1 {{needs at least 1 value (attr N >= 1)}}
  %0 = graph.Pack : () -> tensor<*xf32>
  return
}

// -----

func.func @pack_shapes(%x: tensor<2xf32>, %y: tensor<3xf32>) {
  // expected-error @+1 {{value 1 has shape 'tensor<3xf32>', which differs from an earlier value's}}
  %0 = graph.Pack %x, %y : (tensor<2xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @pack_axis(%x: tensor<2xf32>) {
  // expected-error @+1 {{axis 2 is out of range [-2, 1]}}
  %0 = graph.Pack %x, %x {axis = 2} : (tensor<2xf32>, tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @unpack_num(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{has 2 results but attr 'num' is 3}}
  %0:2 = graph.Unpack %x {num = 3} : (tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @unpack_size(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{dim 0 has size 2 but attr 'num' is 3}}
  %0:3 = graph.Unpack %x {num = 3} : (tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @unpack_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0:2 = graph.Unpack %x {num = 2, axis = -3} : (tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @unpack_types(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result 1 has element type 'i32', expected 'f32'}}
  %0:2 = graph.Unpack %x {num = 2} : (tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xi32>)
  return
}

// -----

func.func @split_num(%d: tensor<i32>, %x: tensor<4xf32>) {
  // expected-error @+1 {{has 2 results but attr 'num_split' is 4}}
  %0:2 = graph.Split %d, %x {num_split = 4} : (tensor<i32>, tensor<4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @split_zero(%d: tensor<i32>, %x: tensor<4xf32>) {
  // expected-error @+1 {{attr 'num_split' must be at least 1, got 0}}
  graph.Split %d, %x {num_split = 0} : (tensor<i32>, tensor<4xf32>) -> ()
  return
}

// -----

func.func @split_dim_type(%d: tensor<i64>, %x: tensor<4xf32>) {
  // expected-error @+1 {{'split_dim' must be int32, got 'i64'}}
  %0:2 = graph.Split %d, %x {num_split = 2} : (tensor<i64>, tensor<4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @split_v_sizes(%x: tensor<4xf32>, %s: tensor<3xi32>, %d: tensor<i32>) {
  // expected-error @+1 {{'size_splits' has 3 entries but attr 'num_split' is 2}}
  %0:2 = graph.SplitV %x, %s, %d {num_split = 2} : (tensor<4xf32>, tensor<3xi32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @slice_lengths(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %s: tensor<3xi32>) {
  // expected-error @+1 {{'size' has 3 entries but 'input' has rank 2}}
  %0 = graph.Slice %x, %b, %s : (tensor<4x6xf32>, tensor<2xi32>, tensor<3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @slice_types(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %s: tensor<2xi64>) {
  // expected-error @+1 {{'begin' and 'size' have different types}}
  %0 = graph.Slice %x, %b, %s : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_ellipses(%x: tensor<4x6xf32>, %b: tensor<2xi32>) {
  // expected-error @+1 {{ellipsis_mask has more than one bit set (multiple ellipses in the slice spec)}}
  %0 = graph.StridedSlice %x, %b, %b, %b {ellipsis_mask = 3} : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_lengths(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %e: tensor<3xi32>) {
  // expected-error @+1 {{'begin', 'end' and 'strides' must have the same length}}
  %0 = graph.StridedSlice %x, %b, %e, %b : (tensor<4x6xf32>, tensor<2xi32>, tensor<3xi32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_types(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %e: tensor<2xi64>) {
  // expected-error @+1 {{'begin', 'end' and 'strides' have different types}}
  %0 = graph.StridedSlice %x, %b, %e, %b : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi64>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @pad_columns(%x: tensor<4x6xf32>, %p: tensor<2x3xi32>) {
  // expected-error @+1 {{'paddings' must be a matrix with 2 columns, got 'tensor<2x3xi32>'}}
  %0 = graph.Pad %x, %p : (tensor<4x6xf32>, tensor<2x3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @pad_rows(%x: tensor<4x6xf32>, %p: tensor<3x2xi32>) {
  // expected-error @+1 {{'paddings' has 3 rows but 'input' has rank 2}}
  %0 = graph.Pad %x, %p : (tensor<4x6xf32>, tensor<3x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @pad_v2_value(%x: tensor<4xf32>, %p: tensor<1x2xi32>, %c: tensor<1xf32>) {
  // expected-error @+1 {{'constant_values' must be a scalar, got 'tensor<1xf32>'}}
  %0 = graph.PadV2 %x, %p, %c : (tensor<4xf32>, tensor<1x2xi32>, tensor<1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @mirror_pad_mode(%x: tensor<4xf32>, %p: tensor<1x2xi32>) {
  // expected-error @+1 {{mode must be REFLECT or SYMMETRIC, got 'EDGE'}}
  %0 = graph.MirrorPad %x, %p {mode = "EDGE"} : (tensor<4xf32>, tensor<1x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @tile_multiples(%x: tensor<4x6xf32>, %m: tensor<3xi32>) {
  // expected-error @+1 {{'multiples' has 3 entries but 'input' has rank 2}}
  %0 = graph.Tile %x, %m : (tensor<4x6xf32>, tensor<3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @fill_value(%d: tensor<2xi32>, %v: tensor<2xf32>) {
  // expected-error @+1 {{'value' must be a scalar, got 'tensor<2xf32>'}}
  %0 = graph.Fill %d, %v : (tensor<2xi32>, tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_axis(%x: tensor<4x6xf32>, %i: tensor<2xi32>, %a: tensor<2xi32>) {
  // expected-error @+1 {{'axis' must hold a single value, got 'tensor<2xi32>'}}
  %0 = graph.GatherV2 %x, %i, %a : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_indices(%x: tensor<4x6xf32>, %i: tensor<2xf32>, %a: tensor<i32>) {
  // expected-error @+1 {{'indices' must be int32 or int64, got 'f32'}}
  %0 = graph.GatherV2 %x, %i, %a : (tensor<4x6xf32>, tensor<2xf32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_batch_dims(%x: tensor<4x6xf32>, %i: tensor<2xi32>, %a: tensor<i32>) {
  // expected-error @+1 {{batch_dims 2 is out of range for indices of rank 1}}
  %0 = graph.GatherV2 %x, %i, %a {batch_dims = 2} : (tensor<4x6xf32>, tensor<2xi32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_nd_rank(%x: tensor<4x6xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{'indices' must have rank >= 1, got 'tensor<i32>'}}
  %0 = graph.GatherNd %x, %i : (tensor<4x6xf32>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_nd_depth(%x: tensor<4x6xf32>, %i: tensor<5x3xi32>) {
  // expected-error @+1 {{the last dim of 'indices' (3) is larger than the rank of 'params' (2)}}
  %0 = graph.GatherNd %x, %i : (tensor<4x6xf32>, tensor<5x3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @shape_type(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{result must be int32 or int64, got 'f32'}}
  %0 = graph.Shape %x : (tensor<4x6xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @shape_size(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{result 'tensor<3xi32>' does not match rank 2 of 'input'}}
  %0 = graph.Shape %x : (tensor<4x6xf32>) -> tensor<3xi32>
  return
}

// -----

func.func @rank_type(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{result must be int32, got 'i64'}}
  %0 = graph.Rank %x : (tensor<4x6xf32>) -> tensor<i64>
  return
}

// -----

func.func @size_rank(%x: tensor<4x6xf32>) {
  // expected-error @+1 {{'output' must be a scalar, got 'tensor<1xi32>'}}
  %0 = graph.Size %x : (tensor<4x6xf32>) -> tensor<1xi32>
  return
}

// -----

func.func @depth_to_space_depth(%x: tensor<1x2x2x6xf32>) {
  // expected-error @+1 {{input dim 3 (6) is not divisible by 4}}
  %0 = graph.DepthToSpace %x {block_size = 2} : (tensor<1x2x2x6xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @space_to_depth_spatial(%x: tensor<1x4x3x1xf32>) {
  // expected-error @+1 {{input dim 2 (3) is not divisible by 2}}
  %0 = graph.SpaceToDepth %x {block_size = 2} : (tensor<1x4x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @block_size_one(%x: tensor<1x4x4x1xf32>) {
  // expected-error @+1 {{block_size must be at least 2, got 1}}
  %0 = graph.SpaceToDepth %x {block_size = 1} : (tensor<1x4x4x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @block_shuffle_rank(%x: tensor<4x4x1xf32>) {
  // expected-error @+1 {{'input' must be 4-D}}
  %0 = graph.DepthToSpace %x {block_size = 2} : (tensor<4x4x1xf32>) -> tensor<*xf32>
  return
}

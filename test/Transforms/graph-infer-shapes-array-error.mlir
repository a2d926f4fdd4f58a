// RUN: graph-opt %s -split-input-file -graph-infer-shapes -verify-diagnostics
// Shape-function errors of the array family: constant index operands that
// TF rejects (out-of-range axes, bad sizes, invalid slice specs).

func.func @expand_dims_range(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %d = graph.Const {value = dense<3> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{dim 3 is out of range [-3, 2]}}
  %0 = graph.ExpandDims %x, %d : (tensor<2x3xf32>, tensor<i32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @transpose_perm(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %p = graph.Const {value = dense<[1, 1]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{'perm' [1, 1] is not a permutation of 0..1}}
  %0 = graph.Transpose %x, %p : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_axis(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = graph.ConcatV2 %x, %x, %a : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<i32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_shapes(%x: tensor<2x3xf32>, %y: tensor<3x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{value 1 has shape 'tensor<3x3xf32>', which differs from the others outside axis 1}}
  %0 = graph.ConcatV2 %x, %y, %a : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<i32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @split_divisible(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{dim 1 of size 3 is not divisible by num_split 2}}
  %0:2 = graph.Split %a, %x {num_split = 2} : (tensor<i32>, tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_dim_range(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<-3> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{split_dim -3 is out of range for rank 2}}
  %0:2 = graph.Split %a, %x {num_split = 2} : (tensor<i32>, tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_v_two_inferred(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %s = graph.Const {value = dense<[-1, -1]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{'size_splits' has more than one -1}}
  %0:2 = graph.SplitV %x, %s, %a {num_split = 2} : (tensor<2x3xf32>, tensor<2xi32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_v_sum(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %s = graph.Const {value = dense<[1, 1]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{'size_splits' sum to 2 but dim 1 has size 3}}
  %0:2 = graph.SplitV %x, %s, %a {num_split = 2} : (tensor<2x3xf32>, tensor<2xi32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @split_v_negative(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %s = graph.Const {value = dense<[5, -2]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{'size_splits' has a negative size -2}}
  %0:2 = graph.SplitV %x, %s, %a {num_split = 2} : (tensor<2x3xf32>, tensor<2xi32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0#0 : tensor<*xf32>
}

// -----

func.func @slice_range(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %b = graph.Const {value = dense<[0, 2]> : tensor<2xi32>} : tensor<2xi32>
  %s = graph.Const {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{slice [2, 4) of dim 1 is out of range for its size 3}}
  %0 = graph.Slice %x, %b, %s : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @slice_begin(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %b = graph.Const {value = dense<[0, 4]> : tensor<2xi32>} : tensor<2xi32>
  %s = graph.Const {value = dense<[1, -1]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{begin 4 of dim 1 is past its size 3}}
  %0 = graph.Slice %x, %b, %s : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @slice_size(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %b = graph.Const {value = dense<[0, 0]> : tensor<2xi32>} : tensor<2xi32>
  %s = graph.Const {value = dense<[1, -2]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{size -2 of dim 1 is negative (only -1 means 'to the end')}}
  %0 = graph.Slice %x, %b, %s : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @strided_slice_shrink_range(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %b = graph.Const {value = dense<[2]> : tensor<1xi32>} : tensor<1xi32>
  %e = graph.Const {value = dense<[3]> : tensor<1xi32>} : tensor<1xi32>
  %s = graph.Const {value = dense<[1]> : tensor<1xi32>} : tensor<1xi32>
  // expected-error @+1 {{slice index 2 of dim 0 is out of bounds for its size 2}}
  %0 = graph.StridedSlice %x, %b, %e, %s {shrink_axis_mask = 1} : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @strided_slice_zero_stride(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %b = graph.Const {value = dense<[0]> : tensor<1xi32>} : tensor<1xi32>
  // expected-error @+1 {{stride of dim 0 is zero}}
  %0 = graph.StridedSlice %x, %b, %b, %b : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @strided_slice_shrink_stride(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %b = graph.Const {value = dense<[0]> : tensor<1xi32>} : tensor<1xi32>
  %s = graph.Const {value = dense<[-1]> : tensor<1xi32>} : tensor<1xi32>
  // expected-error @+1 {{shrink_axis_mask dim 0 needs a positive stride (only stride 1 is allowed on non-range indexing)}}
  %0 = graph.StridedSlice %x, %b, %b, %s {shrink_axis_mask = 1} : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @strided_slice_too_long(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %b = graph.Const {value = dense<0> : tensor<3xi32>} : tensor<3xi32>
  %s = graph.Const {value = dense<1> : tensor<3xi32>} : tensor<3xi32>
  // expected-error @+1 {{index 2 of the slice spec is out of range: the input has only 2 dims}}
  %0 = graph.StridedSlice %x, %b, %b, %s : (tensor<2x3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %p = graph.Const {value = dense<[[0, 0], [-1, 0]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  // expected-error @+1 {{paddings of dim 1 must be non-negative, got [-1, 0]}}
  %0 = graph.Pad %x, %p : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @mirror_pad_reflect(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %p = graph.Const {value = dense<[[0, 0], [3, 0]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  // expected-error @+1 {{paddings [3, 0] of dim 1 must be at most 2 in REFLECT mode (dim size 3)}}
  %0 = graph.MirrorPad %x, %p {mode = "REFLECT"} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @mirror_pad_symmetric(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %p = graph.Const {value = dense<[[0, 4], [3, 0]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  // expected-error @+1 {{paddings [0, 4] of dim 0 must be at most 2 in SYMMETRIC mode (dim size 2)}}
  %0 = graph.MirrorPad %x, %p {mode = "SYMMETRIC"} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @tile_negative(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %m = graph.Const {value = dense<[1, -1]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{multiple -1 of dim 1 is negative}}
  %0 = graph.Tile %x, %m : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @fill_negative(%v: tensor<f32>) -> tensor<*xf32> {
  %d = graph.Const {value = dense<[2, -3]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{dims[1] = -3 is negative}}
  %0 = graph.Fill %d, %v : (tensor<2xi32>, tensor<f32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gather_axis_range(%x: tensor<2x3xf32>, %i: tensor<4xi32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{axis 2 is out of range for params of rank 2}}
  %0 = graph.GatherV2 %x, %i, %a : (tensor<2x3xf32>, tensor<4xi32>, tensor<i32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gather_batch_dims(%x: tensor<2x3xf32>, %i: tensor<2x4xi32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{axis 0 must not be less than batch_dims 1}}
  %0 = graph.GatherV2 %x, %i, %a {batch_dims = 1} : (tensor<2x3xf32>, tensor<2x4xi32>, tensor<i32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// RUN: graph-opt %s -graph-to-linalg -split-input-file -verify-diagnostics
// What the array-family patterns refuse up front, with the reason, naming
// the node (ArrayPatterns.cpp `check`): index operands computed at run time
// and GatherV2 with batch dims.

func.func @transpose_perm(%x: tensor<2x3xf32>, %p: tensor<2xi32>) -> tensor<3x2xf32> {
  // expected-error @unknown {{node 'tr': cannot lower Transpose: 'perm' is not a constant}}
  %0 = graph.Transpose %x, %p : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf32> loc("tr")
  return %0 : tensor<3x2xf32>
}

// -----

func.func @concat_axis(%x: tensor<2x3xf32>, %a: tensor<i32>) -> tensor<4x3xf32> {
  // expected-error @unknown {{node 'cat': cannot lower ConcatV2: 'axis' is not a constant}}
  %0 = graph.ConcatV2 %x, %x, %a : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<i32>) -> tensor<4x3xf32> loc("cat")
  return %0 : tensor<4x3xf32>
}

// -----

func.func @slice_begin(%x: tensor<2x3xf32>, %b: tensor<2xi32>) -> tensor<1x2xf32> {
  %s = graph.Const {value = dense<[1, 2]> : tensor<2xi32>} : tensor<2xi32> loc("s")
  // expected-error @unknown {{node 'sl': cannot lower Slice: 'begin' is not a constant}}
  %0 = graph.Slice %x, %b, %s : (tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<1x2xf32> loc("sl")
  return %0 : tensor<1x2xf32>
}

// -----

func.func @strided_slice_end(%x: tensor<2x3xf32>, %e: tensor<1xi32>) -> tensor<1x3xf32> {
  %b = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32> loc("b")
  // expected-error @unknown {{node 'ss': cannot lower StridedSlice: 'end' is not a constant}}
  %0 = graph.StridedSlice %x, %b, %e, %b : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<1x3xf32> loc("ss")
  return %0 : tensor<1x3xf32>
}

// -----

func.func @split_dim(%x: tensor<2x4xf32>, %d: tensor<i32>) -> tensor<2x2xf32> {
  // expected-error @unknown {{node 'sp': cannot lower Split: 'split_dim' is not a constant}}
  %0:2 = graph.Split %d, %x {num_split = 2} : (tensor<i32>, tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) loc("sp")
  return %0#0 : tensor<2x2xf32>
}

// -----

func.func @pad_paddings(%x: tensor<2x3xf32>, %p: tensor<2x2xi32>) -> tensor<3x4xf32> {
  // expected-error @unknown {{node 'pad': cannot lower MirrorPad: 'paddings' is not a constant}}
  %0 = graph.MirrorPad %x, %p {mode = "SYMMETRIC"} : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<3x4xf32> loc("pad")
  return %0 : tensor<3x4xf32>
}

// -----

func.func @block_shuffle_nchw(%x: tensor<1x12x2x3xf32>) -> tensor<1x3x4x6xf32> {
  // expected-error @unknown {{node 'd2s': cannot lower DepthToSpace: data_format NCHW is not supported (TF's CPU kernel runs NHWC only)}}
  %0 = graph.DepthToSpace %x {block_size = 2, data_format = "NCHW"} : (tensor<1x12x2x3xf32>) -> tensor<1x3x4x6xf32> loc("d2s")
  return %0 : tensor<1x3x4x6xf32>
}

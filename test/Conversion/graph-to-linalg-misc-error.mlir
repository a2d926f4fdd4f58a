// RUN: graph-opt %s -graph-to-linalg -split-input-file -verify-diagnostics
// What the misc-op lowerings cannot handle is reported up front, naming the
// node and the reason.

func.func @resize_size(%img: tensor<1x2x2x1xf32>, %size: tensor<2xi32>) -> tensor<1x4x4x1xf32> {
  // expected-error @unknown {{node 'up': cannot lower ResizeBilinear: size is not a constant}}
  %0 = graph.ResizeBilinear %img, %size : (tensor<1x2x2x1xf32>, tensor<2xi32>) -> tensor<1x4x4x1xf32> loc("up")
  return %0 : tensor<1x4x4x1xf32>
}

// -----

func.func @resize_mismatch(%img: tensor<1x2x2x1xf32>) -> tensor<1x4x4x1xf32> {
  %size = graph.Const {value = dense<[4, 3]> : tensor<2xi32>} : tensor<2xi32> loc("size")
  // expected-error @unknown {{node 'up': cannot lower ResizeNearestNeighbor: the constant size does not match the result type}}
  %0 = graph.ResizeNearestNeighbor %img, %size : (tensor<1x2x2x1xf32>, tensor<2xi32>) -> tensor<1x4x4x1xf32> loc("up")
  return %0 : tensor<1x4x4x1xf32>
}

// -----

func.func @resize_bool(%img: tensor<1x2x2x1xi1>) -> tensor<1x4x4x1xf32> {
  %size = graph.Const {value = dense<4> : tensor<2xi32>} : tensor<2xi32> loc("size")
  // expected-error @unknown {{node 'up': cannot lower ResizeBilinear: element type i1 is not supported}}
  %0 = graph.ResizeBilinear %img, %size : (tensor<1x2x2x1xi1>, tensor<2xi32>) -> tensor<1x4x4x1xf32> loc("up")
  return %0 : tensor<1x4x4x1xf32>
}

// -----

func.func @block_not_constant(%x: tensor<1x4x4x1xf32>, %block: tensor<2xi32>) -> tensor<4x2x2x1xf32> {
  %pads = graph.Const {value = dense<0> : tensor<2x2xi32>} : tensor<2x2xi32> loc("pads")
  // expected-error @unknown {{node 's2b': cannot lower SpaceToBatchND: block_shape and paddings must be constants}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x4x4x1xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x2x1xf32> loc("s2b")
  return %0 : tensor<4x2x2x1xf32>
}

// -----

func.func @crops_not_constant(%x: tensor<4x2x2x1xf32>, %crops: tensor<2x2xi32>) -> tensor<1x4x4x1xf32> {
  %block = graph.Const {value = dense<2> : tensor<2xi32>} : tensor<2xi32> loc("block")
  // expected-error @unknown {{node 'b2s': cannot lower BatchToSpaceND: block_shape and crops must be constants}}
  %0 = graph.BatchToSpaceND %x, %block, %crops : (tensor<4x2x2x1xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x4x4x1xf32> loc("b2s")
  return %0 : tensor<1x4x4x1xf32>
}

// -----

func.func @ranges_not_constant(%q: tensor<4xi8>, %r: tensor<f32>) -> tensor<4xf32> {
  // expected-error @unknown {{node 'dq': cannot lower Dequantize: min_range and max_range must be constants}}
  %0 = graph.Dequantize %q, %r, %r : (tensor<4xi8>, tensor<f32>, tensor<f32>) -> tensor<4xf32> loc("dq")
  return %0 : tensor<4xf32>
}

// -----

func.func @seq_len_not_constant(%n: tensor<i64>, %x: tensor<3x2x5xf32>, %s: tensor<2x4xf32>, %w: tensor<9x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) -> tensor<3x2x4xf32> {
  // expected-error @unknown {{node 'lstm': cannot lower BlockLSTM: seq_len_max is not a constant}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<3x2x5xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<9x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>) loc("lstm")
  return %0#6 : tensor<3x2x4xf32>
}

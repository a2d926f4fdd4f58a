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

// -----

// Unpadded NMS keeps a data-dependent number of boxes: refused, saying
// which form compiles (not "cannot infer a static shape").
func.func @nms_unpadded(%boxes: tensor<3x4xf32>, %scores: tensor<3xf32>, %iou: tensor<f32>, %thr: tensor<f32>) -> tensor<?xi32> {
  %max = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32> loc("max")
  // expected-error @unknown {{node 'nms': cannot lower NonMaxSuppressionV4: how many boxes it keeps depends on the data, and graphc compiles static shapes; NonMaxSuppressionV4/V5 with pad_to_max_output_size=True and a constant max_output_size compile}}
  %0:2 = graph.NonMaxSuppressionV4 %boxes, %scores, %max, %iou, %thr : (tensor<3x4xf32>, tensor<3xf32>, tensor<i32>, tensor<f32>, tensor<f32>) -> (tensor<?xi32>, tensor<i32>) loc("nms")
  return %0#0 : tensor<?xi32>
}

// -----

func.func @soft_nms(%boxes: tensor<3x4xf32>, %scores: tensor<3xf32>, %iou: tensor<f32>, %thr: tensor<f32>) -> tensor<2xi32> {
  %max = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32> loc("max")
  %sigma = graph.Const {value = dense<0.5> : tensor<f32>} : tensor<f32> loc("sigma")
  // expected-error @unknown {{node 'nms': cannot lower NonMaxSuppressionV5: soft-NMS (soft_nms_sigma other than a constant 0) is not supported}}
  %0:3 = graph.NonMaxSuppressionV5 %boxes, %scores, %max, %iou, %thr, %sigma {pad_to_max_output_size = true} : (tensor<3x4xf32>, tensor<3xf32>, tensor<i32>, tensor<f32>, tensor<f32>, tensor<f32>) -> (tensor<2xi32>, tensor<2xf32>, tensor<i32>) loc("nms")
  return %0#0 : tensor<2xi32>
}

// -----

func.func @nms_bad_iou(%boxes: tensor<3x4xf32>, %scores: tensor<3xf32>, %thr: tensor<f32>) -> tensor<2xi32> {
  %max = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32> loc("max")
  %iou = graph.Const {value = dense<1.5> : tensor<f32>} : tensor<f32> loc("iou")
  // expected-error @unknown {{'graph.NonMaxSuppressionV4' op iou_threshold = 1.5 is not in [0, 1]}}
  %0:2 = graph.NonMaxSuppressionV4 %boxes, %scores, %max, %iou, %thr {pad_to_max_output_size = true} : (tensor<3x4xf32>, tensor<3xf32>, tensor<i32>, tensor<f32>, tensor<f32>) -> (tensor<2xi32>, tensor<i32>) loc("nms")
  return %0#0 : tensor<2xi32>
}

// -----

// Tables built at compile time are bounded (kMaxLoweringTable, 2^20
// entries): a declared shape costs the graph nothing.
func.func @resize_huge(%img: tensor<1x2x2x1xf32>) -> tensor<1x2097152x4x1xf32> {
  %size = graph.Const {value = dense<[2097152, 4]> : tensor<2xi32>} : tensor<2xi32> loc("size")
  // expected-error @unknown {{node 'up': cannot lower ResizeBilinear: resizing to 2097152 x 4: graphc's row and column tables hold at most 1048576 entries}}
  %0 = graph.ResizeBilinear %img, %size : (tensor<1x2x2x1xf32>, tensor<2xi32>) -> tensor<1x2097152x4x1xf32> loc("up")
  return %0 : tensor<1x2097152x4x1xf32>
}

// -----

func.func @dequantize_huge_ranges(%q: tensor<1x2097152xi8>) -> tensor<1x2097152xf32> {
  %lo = graph.Const {value = dense<-1.0> : tensor<2097152xf32>} : tensor<2097152xf32> loc("lo")
  %hi = graph.Const {value = dense<1.0> : tensor<2097152xf32>} : tensor<2097152xf32> loc("hi")
  // expected-error @unknown {{node 'dq': cannot lower Dequantize: min_range and max_range of 2097152 values: graphc's tables hold at most 1048576}}
  %0 = graph.Dequantize %q, %lo, %hi {mode = "SCALED", axis = 1} : (tensor<1x2097152xi8>, tensor<2097152xf32>, tensor<2097152xf32>) -> tensor<1x2097152xf32> loc("dq")
  return %0 : tensor<1x2097152xf32>
}

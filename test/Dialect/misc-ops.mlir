// RUN: graph-opt %s -split-input-file -verify-diagnostics | graph-opt -split-input-file | FileCheck %s
// Misc ops (resize, space/batch, Dequantize, BlockLSTM): they print and parse
// back with their TF attrs, and every verifier rule has its message.

// CHECK-LABEL: func.func @round_trip
func.func @round_trip(%img: tensor<1x4x4x3xf32>, %size: tensor<2xi32>, %block: tensor<2xi32>, %pads: tensor<2x2xi32>, %q: tensor<2x3xui8>, %qs: tensor<2x3xi8>, %r: tensor<f32>, %r3: tensor<3xf32>, %n: tensor<i64>, %x: tensor<5x2x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) {
  // CHECK: graph.ResizeBilinear %{{.*}}, %{{.*}} {half_pixel_centers = true}
  %0 = graph.ResizeBilinear %img, %size {half_pixel_centers = true} : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  // CHECK: graph.ResizeNearestNeighbor %{{.*}}, %{{.*}} {align_corners = true}
  %1 = graph.ResizeNearestNeighbor %img, %size {align_corners = true} : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  // CHECK: graph.SpaceToBatchND
  %2 = graph.SpaceToBatchND %img, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  // CHECK: graph.BatchToSpaceND
  %3 = graph.BatchToSpaceND %img, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  // CHECK: graph.Dequantize %{{.*}} {dtype = f32, mode = "MIN_FIRST"}
  %4 = graph.Dequantize %q, %r, %r {mode = "MIN_FIRST", dtype = f32} : (tensor<2x3xui8>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: graph.Dequantize %{{.*}} {axis = 1 : i64, mode = "SCALED", narrow_range = true}
  %5 = graph.Dequantize %qs, %r3, %r3 {mode = "SCALED", narrow_range = true, axis = 1} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: graph.Dequantize %{{.*}} : (tensor<2x3xi8>, tensor<f32>, tensor<f32>) -> tensor<2x3xbf16>
  %6 = graph.Dequantize %qs, %r, %r : (tensor<2x3xi8>, tensor<f32>, tensor<f32>) -> tensor<2x3xbf16>
  // CHECK: graph.BlockLSTM {{.*}} {cell_clip = 0.000000e+00 : f32, forget_bias = 5.000000e-01 : f32, use_peephole = true}
  %7:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b {forget_bias = 0.5 : f32, cell_clip = 0.0 : f32, use_peephole = true} : (tensor<i64>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  // CHECK: graph.BlockLSTMV2 {{.*}} {cell_clip = 1.000000e+00 : f32}
  %8:7 = graph.BlockLSTMV2 %n, %x, %s, %s, %w, %v, %v, %v, %b {cell_clip = 1.0 : f32} : (tensor<i64>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>, tensor<5x2x4xf32>)
  return
}

// -----

func.func @resize_flags(%img: tensor<1x4x4x3xf32>, %size: tensor<2xi32>) {
  // expected-error @+1 {{half_pixel_centers requires align_corners to be false}}
  %0 = graph.ResizeBilinear %img, %size {align_corners = true, half_pixel_centers = true} : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_rank(%img: tensor<4x4x3xf32>, %size: tensor<2xi32>) {
  // expected-error @+1 {{images must be 4-D, got rank 3}}
  %0 = graph.ResizeNearestNeighbor %img, %size : (tensor<4x4x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_size_shape(%img: tensor<1x4x4x3xf32>, %size: tensor<3xi32>) {
  // expected-error @+1 {{size must be a 1-D tensor of 2 elements, got 'tensor<3xi32>'}}
  %0 = graph.ResizeBilinear %img, %size : (tensor<1x4x4x3xf32>, tensor<3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_size_type(%img: tensor<1x4x4x3xf32>, %size: tensor<2xi64>) {
  // expected-error @+1 {{size must be int32}}
  %0 = graph.ResizeBilinear %img, %size : (tensor<1x4x4x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_size_positive(%img: tensor<1x4x4x3xf32>) {
  %size = graph.Const {value = dense<[8, 0]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{size must be positive, got [8, 0]}}
  %0 = graph.ResizeBilinear %img, %size : (tensor<1x4x4x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_bilinear_result(%img: tensor<1x4x4x3xi32>, %size: tensor<2xi32>) {
  // expected-error @+1 {{result must be float32, got 'i32'}}
  %0 = graph.ResizeBilinear %img, %size : (tensor<1x4x4x3xi32>, tensor<2xi32>) -> tensor<*xi32>
  return
}

// -----

func.func @block_rank(%x: tensor<1x4x4x3xf32>, %block: tensor<2x1xi32>, %pads: tensor<2x2xi32>) {
  // expected-error @+1 {{block_shape must be 1-D, got 'tensor<2x1xi32>'}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2x1xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @paddings_shape(%x: tensor<1x4x4x3xf32>, %block: tensor<2xi32>, %pads: tensor<2x3xi32>) {
  // expected-error @+1 {{paddings must have shape [M, 2], got 'tensor<2x3xi32>'}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xi32>, tensor<2x3xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @block_count(%x: tensor<1x4x4x3xf32>, %block: tensor<2xi32>, %pads: tensor<3x2xi32>) {
  // expected-error @+1 {{block_shape has 2 elements but paddings has 3 rows}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xi32>, tensor<3x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @block_input_rank(%x: tensor<4x3xf32>, %block: tensor<2xi32>, %pads: tensor<2x2xi32>) {
  // expected-error @+1 {{input must have rank >= 3 (batch + 2 block dims), got 2}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @block_types(%x: tensor<1x4x4x3xf32>, %block: tensor<2xf32>, %pads: tensor<2x2xi32>) {
  // expected-error @+1 {{block_shape and crops must be int32 or int64}}
  %0 = graph.BatchToSpaceND %x, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xf32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @block_positive(%x: tensor<1x4x4x3xf32>, %pads: tensor<2x2xi32>) {
  %block = graph.Const {value = dense<[2, 0]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{block_shape must be positive, got [2, 0]}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @paddings_negative(%x: tensor<1x4x4x3xf32>, %block: tensor<2xi32>) {
  %pads = graph.Const {value = dense<[[0, 0], [-1, 1]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  // expected-error @+1 {{paddings must be non-negative, got [0, 0, -1, 1]}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @paddings_divisible(%x: tensor<1x4x4x3xf32>) {
  %block = graph.Const {value = dense<[2, 3]> : tensor<2xi32>} : tensor<2xi32>
  %pads = graph.Const {value = dense<[[1, 1], [0, 1]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  // expected-error @+1 {{padded size 5 of spatial dim 1 is not divisible by its block size 3}}
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x4x4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @batch_divisible(%x: tensor<6x4x4x3xf32>) {
  %block = graph.Const {value = dense<[2, 2]> : tensor<2xi32>} : tensor<2xi32>
  %crops = graph.Const {value = dense<0> : tensor<2x2xi32>} : tensor<2x2xi32>
  // expected-error @+1 {{batch 6 is not divisible by the block count 4}}
  %0 = graph.BatchToSpaceND %x, %block, %crops : (tensor<6x4x4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @crops_too_large(%x: tensor<4x4x4x3xf32>) {
  %block = graph.Const {value = dense<[2, 2]> : tensor<2xi32>} : tensor<2xi32>
  %crops = graph.Const {value = dense<[[0, 0], [5, 4]]> : tensor<2x2xi32>} : tensor<2x2xi32>
  // expected-error @+1 {{crops 5 + 4 exceed the size 8 of spatial dim 1}}
  %0 = graph.BatchToSpaceND %x, %block, %crops : (tensor<4x4x4x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @dequantize_mode(%q: tensor<4xui8>, %r: tensor<f32>) {
  // expected-error @+1 {{mode must be 'MIN_COMBINED', 'MIN_FIRST' or 'SCALED', got 'MAX_FIRST'}}
  %0 = graph.Dequantize %q, %r, %r {mode = "MAX_FIRST"} : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @dequantize_input(%q: tensor<4xi64>, %r: tensor<f32>) {
  // expected-error @+1 {{input must be a quantized type (qint8, quint8, qint16, quint16 or qint32), got 'i64'}}
  %0 = graph.Dequantize %q, %r, %r : (tensor<4xi64>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @dequantize_result(%q: tensor<4xui8>, %r: tensor<f32>) {
  // expected-error @+1 {{result must be float32 or bfloat16, got 'f16'}}
  %0 = graph.Dequantize %q, %r, %r : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xf16>
  return
}

// -----

func.func @dequantize_dtype(%q: tensor<4xui8>, %r: tensor<f32>) {
  // expected-error @+1 {{attr 'dtype' is 'bf16' but the result is 'f32'}}
  %0 = graph.Dequantize %q, %r, %r {dtype = bf16} : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @dequantize_bf16_mode(%q: tensor<4xui8>, %r: tensor<f32>) {
  // expected-error @+1 {{a bfloat16 result needs mode 'MIN_COMBINED', got 'SCALED'}}
  %0 = graph.Dequantize %q, %r, %r {mode = "SCALED"} : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xbf16>
  return
}

// -----

func.func @dequantize_range_type(%q: tensor<4xui8>, %r: tensor<f64>) {
  // expected-error @+1 {{min_range and max_range must be float32}}
  %0 = graph.Dequantize %q, %r, %r : (tensor<4xui8>, tensor<f64>, tensor<f64>) -> tensor<4xf32>
  return
}

// -----

func.func @dequantize_axis_low(%q: tensor<4xui8>, %r: tensor<f32>) {
  // expected-error @+1 {{axis should be at least -1, got -2}}
  %0 = graph.Dequantize %q, %r, %r {axis = -2} : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @dequantize_axis_high(%q: tensor<4xui8>, %r: tensor<f32>) {
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %0 = graph.Dequantize %q, %r, %r {axis = 1} : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return
}

// -----

func.func @dequantize_min_first_axis(%q: tensor<4xui8>, %r: tensor<4xf32>) {
  // expected-error @+1 {{MIN_FIRST mode is not implemented for Dequantize with axis != -1}}
  %0 = graph.Dequantize %q, %r, %r {mode = "MIN_FIRST", axis = 0} : (tensor<4xui8>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @dequantize_slices(%q: tensor<2x3xi8>, %r: tensor<2xf32>) {
  // expected-error @+1 {{min_range must have 3 elements (axis 1), got 2}}
  %0 = graph.Dequantize %q, %r, %r {axis = 1} : (tensor<2x3xi8>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dequantize_scalar_range(%q: tensor<2x3xi8>, %r: tensor<2xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{max_range must have 1 element, got 2}}
  %0 = graph.Dequantize %q, %s, %r : (tensor<2x3xi8>, tensor<f32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @lstm_seq_len(%n: tensor<1xi64>, %x: tensor<5x2x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) {
  // expected-error @+1 {{seq_len_max must be a scalar}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<1xi64>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_seq_len_type(%n: tensor<i32>, %x: tensor<5x2x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) {
  // expected-error @+1 {{seq_len_max must be int64}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i32>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_x_rank(%n: tensor<i64>, %x: tensor<2x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) {
  // expected-error @+1 {{x must be 3-D, got rank 2}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_type(%n: tensor<i64>, %x: tensor<5x2x3xf64>, %s: tensor<2x4xf64>, %w: tensor<7x16xf64>, %v: tensor<4xf64>, %b: tensor<16xf64>) {
  // expected-error @+1 {{T must be float32 or float16, got 'f64'}}
  %0:7 = graph.BlockLSTMV2 %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<5x2x3xf64>, tensor<2x4xf64>, tensor<2x4xf64>, tensor<7x16xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<16xf64>) -> (tensor<*xf64>, tensor<*xf64>, tensor<*xf64>, tensor<*xf64>, tensor<*xf64>, tensor<*xf64>, tensor<*xf64>)
  return
}

// -----

func.func @lstm_w_rows(%n: tensor<i64>, %x: tensor<5x2x3xf32>, %s: tensor<2x4xf32>, %w: tensor<8x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) {
  // expected-error @+1 {{w rows mismatch: input + cell size gives 7, w gives 8}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<8x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_batch(%n: tensor<i64>, %x: tensor<5x3x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) {
  // expected-error @+1 {{batch size mismatch: x gives 3, cs_prev gives 2}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<5x3x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_bias(%n: tensor<i64>, %x: tensor<5x2x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %b: tensor<12xf32>) {
  // expected-error @+1 {{bias size mismatch: 4 * cell size gives 16, b gives 12}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<12xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_peephole(%n: tensor<i64>, %x: tensor<5x2x3xf32>, %s: tensor<2x4xf32>, %w: tensor<7x16xf32>, %v: tensor<4xf32>, %v3: tensor<3xf32>, %b: tensor<16xf32>) {
  // expected-error @+1 {{peephole size mismatch: cs_prev gives 4, wcf gives 3}}
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v3, %v, %b : (tensor<i64>, tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<7x16xf32>, tensor<4xf32>, tensor<3xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @top_k
// CHECK: graph.TopKV2 %{{.*}}, %{{.*}} {sorted = false}
func.func @top_k(%x: tensor<2x5xf32>, %k: tensor<i32>) -> (tensor<2x3xf32>, tensor<2x3xi32>) {
  %0:2 = graph.TopKV2 %x, %k {sorted = false} : (tensor<2x5xf32>, tensor<i32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xi32>
}

// -----

func.func @top_k_too_many(%x: tensor<2x5xf32>) {
  %k = graph.Const {value = dense<6> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{k = 6 is not in [0, 5] (the size of the last dim)}}
  %0:2 = graph.TopKV2 %x, %k : (tensor<2x5xf32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xi32>)
  return
}

// -----

func.func @top_k_scalar(%x: tensor<f32>, %k: tensor<i32>) {
  // expected-error @+1 {{'input' must have rank >= 1, got a scalar}}
  %0:2 = graph.TopKV2 %x, %k : (tensor<f32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xi32>)
  return
}

// -----

func.func @top_k_index_type(%x: tensor<5xf32>, %k: tensor<i32>) {
  // expected-error @+1 {{'indices' must be int32 or int64, got 'tensor<*xf32>'}}
  %0:2 = graph.TopKV2 %x, %k : (tensor<5xf32>, tensor<i32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// RUN: graph-opt %s -graph-to-linalg -split-input-file | FileCheck %s

// Resizes read the source with tensor.extract at rows/columns from
// compile-time tables (TF's coordinate arithmetic done on the host): 2 -> 3
// rows with half_pixel_centers sample at -1/6, 1/2, 7/6 (lower 0 0 1,
// upper 0 1 1, weights 5/6 1/2 1/6); nearest with align_corners rounds
// i * 2/4 and i * 1/2. A same-size float resize is its input.

// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-LABEL: func.func @resize
// CHECK-SAME:    (%[[IMG:.*]]: tensor<1x2x3x2xf32>, %[[I:.*]]: tensor<1x2x3x2xi32>)
// CHECK-DAG:     %[[YLO:.*]] = arith.constant dense<[0, 0, 1]> : tensor<3xindex>
// CHECK-DAG:     %[[YHI:.*]] = arith.constant dense<[0, 1, 1]> : tensor<3xindex>
// CHECK-DAG:     %[[YW:.*]] = arith.constant dense<[0.833333373, 5.000000e-01, 0.166666746]> : tensor<3xf32>
// CHECK-DAG:     %[[XLO:.*]] = arith.constant dense<[0, 0, 1, 2]> : tensor<4xindex>
// CHECK-DAG:     %[[XHI:.*]] = arith.constant dense<[0, 1, 2, 2]> : tensor<4xindex>
// CHECK-DAG:     %[[XW:.*]] = arith.constant dense<[8.750000e-01, 6.250000e-01, 3.750000e-01, 1.250000e-01]> : tensor<4xf32>
// CHECK:         %[[BIL:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[ROW]], #[[ROW]], #[[COL]], #[[COL]], #[[COL]], #{{.*}}]
// CHECK-SAME:      ins(%[[YLO]], %[[YHI]], %[[YW]], %[[XLO]], %[[XHI]], %[[XW]] :
// CHECK:         ^bb0(%[[Y0:.*]]: index, %[[Y1:.*]]: index, %[[WY:.*]]: f32, %[[X0:.*]]: index, %[[X1:.*]]: index, %[[WX:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[N:.*]] = linalg.index 0
// CHECK:           %[[C:.*]] = linalg.index 3
// CHECK:           %[[TL:.*]] = tensor.extract %[[IMG]][%[[N]], %[[Y0]], %[[X0]], %[[C]]]
// CHECK:           %[[TR:.*]] = tensor.extract %[[IMG]][%[[N]], %[[Y0]], %[[X1]], %[[C]]]
// CHECK:           tensor.extract %[[IMG]][%[[N]], %[[Y1]], %[[X0]], %[[C]]]
// CHECK:           tensor.extract %[[IMG]][%[[N]], %[[Y1]], %[[X1]], %[[C]]]
// CHECK:           %[[D:.*]] = arith.subf %[[TR]], %[[TL]]
// CHECK:           %[[M:.*]] = arith.mulf %[[D]], %[[WX]]
// CHECK:           %[[TOP:.*]] = arith.addf %[[TL]], %[[M]]
// CHECK:           arith.subf
// CHECK:           arith.mulf {{.*}}, %[[WX]]
// CHECK:           %[[BOT:.*]] = arith.addf
// CHECK:           %[[DY:.*]] = arith.subf %[[BOT]], %[[TOP]]
// CHECK:           %[[MY:.*]] = arith.mulf %[[DY]], %[[WY]]
// CHECK:           %[[R:.*]] = arith.addf %[[TOP]], %[[MY]]
// CHECK:           linalg.yield %[[R]]
// CHECK-DAG:     %[[NY:.*]] = arith.constant dense<[0, 1, 1]> : tensor<3xindex>
// CHECK-DAG:     %[[NX:.*]] = arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xindex>
// CHECK:         %[[NN:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[COL]], #{{.*}}]
// CHECK-SAME:      ins(%[[NY]], %[[NX]] :
// CHECK:           tensor.extract %[[I]]
// CHECK:         return %[[BIL]], %[[NN]], %[[IMG]]
func.func @resize(%img: tensor<1x2x3x2xf32>, %i: tensor<1x2x3x2xi32>) -> (tensor<1x3x4x2xf32>, tensor<1x3x5x2xi32>, tensor<1x2x3x2xf32>) {
  %s = graph.Const {value = dense<[3, 4]> : tensor<2xi32>} : tensor<2xi32> loc("s")
  %s5 = graph.Const {value = dense<[3, 5]> : tensor<2xi32>} : tensor<2xi32> loc("s5")
  %same = graph.Const {value = dense<[2, 3]> : tensor<2xi32>} : tensor<2xi32> loc("same")
  %0 = graph.ResizeBilinear %img, %s {half_pixel_centers = true} : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x3x4x2xf32> loc("bilinear")
  %1 = graph.ResizeNearestNeighbor %i, %s5 {align_corners = true} : (tensor<1x2x3x2xi32>, tensor<2xi32>) -> tensor<1x3x5x2xi32> loc("nearest")
  %2 = graph.ResizeBilinear %img, %same : (tensor<1x2x3x2xf32>, tensor<2xi32>) -> tensor<1x2x3x2xf32> loc("noop")
  return %0, %1, %2 : tensor<1x3x4x2xf32>, tensor<1x3x5x2xi32>, tensor<1x2x3x2xf32>
}

// -----

// An integer image is converted to float before blending; a same-size
// resize of it is just that conversion.
// CHECK-LABEL: func.func @resize_int
// CHECK:         linalg.generic
// CHECK:           %[[E:.*]] = tensor.extract
// CHECK:           arith.sitofp %[[E]] : i8 to f32
// CHECK:         linalg.generic
// CHECK:           arith.sitofp %{{.*}} : i8 to f32
func.func @resize_int(%img: tensor<1x2x2x1xi8>) -> (tensor<1x4x4x1xf32>, tensor<1x2x2x1xf32>) {
  %s = graph.Const {value = dense<4> : tensor<2xi32>} : tensor<2xi32> loc("s")
  %same = graph.Const {value = dense<2> : tensor<2xi32>} : tensor<2xi32> loc("same")
  %0 = graph.ResizeBilinear %img, %s : (tensor<1x2x2x1xi8>, tensor<2xi32>) -> tensor<1x4x4x1xf32> loc("up")
  %1 = graph.ResizeBilinear %img, %same : (tensor<1x2x2x1xi8>, tensor<2xi32>) -> tensor<1x2x2x1xf32> loc("noop")
  return %0, %1 : tensor<1x4x4x1xf32>, tensor<1x2x2x1xf32>
}

// -----

// SpaceToBatchND: pad, split each padded spatial dim into (size / block,
// block), move the block offsets in front of the batch, merge them into it.
// BatchToSpaceND: the inverse, then crop with extract_slice.
// CHECK-LABEL: func.func @space_batch
// CHECK-SAME:    (%[[X:.*]]: tensor<1x3x4x2xf32>, %[[Y:.*]]: tensor<4x2x3x2xf32>)
// CHECK:         %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 1, 1, 0]
// CHECK:         } : tensor<1x3x4x2xf32> to tensor<1x4x6x2xf32>
// CHECK:         %[[E:.*]] = tensor.expand_shape %[[P]] {{\[\[}}0], [1, 2], [3, 4], [5]] output_shape [1, 2, 2, 3, 2, 2]
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[E]] : tensor<1x2x2x3x2x2xf32>) outs(%{{.*}} : tensor<2x2x1x2x3x2xf32>) permutation = [2, 4, 0, 1, 3, 5]
// CHECK:         %[[S2B:.*]] = tensor.collapse_shape %[[T]] {{\[\[}}0, 1], [2, 3], [4], [5]] : tensor<2x2x1x2x3x2xf32> into tensor<4x2x3x2xf32>
// CHECK:         %[[E2:.*]] = tensor.expand_shape %[[Y]] {{\[\[}}0, 1], [2, 3], [4], [5]] output_shape [2, 2, 1, 2, 3, 2]
// CHECK:         %[[T2:.*]] = linalg.transpose ins(%[[E2]] : tensor<2x2x1x2x3x2xf32>) outs(%{{.*}} : tensor<1x2x2x3x2x2xf32>) permutation = [2, 3, 0, 4, 1, 5]
// CHECK:         %[[C2:.*]] = tensor.collapse_shape %[[T2]] {{\[\[}}0], [1, 2], [3, 4], [5]] : tensor<1x2x2x3x2x2xf32> into tensor<1x4x6x2xf32>
// CHECK:         %[[B2S:.*]] = tensor.extract_slice %[[C2]][0, 0, 1, 0] [1, 3, 4, 2] [1, 1, 1, 1]
// CHECK:         return %[[S2B]], %[[B2S]]
func.func @space_batch(%x: tensor<1x3x4x2xf32>, %y: tensor<4x2x3x2xf32>) -> (tensor<4x2x3x2xf32>, tensor<1x3x4x2xf32>) {
  %block = graph.Const {value = dense<2> : tensor<2xi32>} : tensor<2xi32> loc("block")
  %pads = graph.Const {value = dense<[[0, 1], [1, 1]]> : tensor<2x2xi32>} : tensor<2x2xi32> loc("pads")
  %0 = graph.SpaceToBatchND %x, %block, %pads : (tensor<1x3x4x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x2x3x2xf32> loc("s2b")
  %1 = graph.BatchToSpaceND %y, %block, %pads : (tensor<4x2x3x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x3x4x2xf32> loc("b2s")
  return %0, %1 : tensor<4x2x3x2xf32>, tensor<1x3x4x2xf32>
}

// -----

// Dequantize: SCALED per axis 1 reads its scales (max(min / -128,
// max / 127) per column) from a table; MIN_COMBINED qint32 to bfloat16 adds
// half_range 2^31, scales by 2 / 2^32, adds min_range, rounds to bf16.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[AXIS:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @dequantize
// CHECK:         %[[SCALES:.*]] = arith.constant dense<[0.00787401571, 0.0157480314, 0.0236220472]> : tensor<3xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[AXIS]], #[[ID]]]
// CHECK-SAME:      ins(%{{.*}}, %[[SCALES]] : tensor<2x3xi8>, tensor<3xf32>)
// CHECK:           %[[F:.*]] = arith.sitofp %{{.*}} : i8 to f32
// CHECK:           %[[R:.*]] = arith.mulf %[[F]], %{{.*}} : f32
// CHECK:           linalg.yield %[[R]]
// CHECK:         linalg.generic
// CHECK:           %[[F2:.*]] = arith.sitofp %{{.*}} : i32 to f32
// CHECK:           %[[H:.*]] = arith.constant 2.14748365E+9 : f32
// CHECK:           %[[A:.*]] = arith.addf %[[F2]], %[[H]]
// CHECK:           %[[S:.*]] = arith.constant 4.65661287E-10 : f32
// CHECK:           %[[M:.*]] = arith.mulf %[[A]], %[[S]]
// CHECK:           %[[L:.*]] = arith.constant -1.000000e+00 : f32
// CHECK:           %[[O:.*]] = arith.addf %[[M]], %[[L]]
// CHECK:           arith.truncf %[[O]] : f32 to bf16
func.func @dequantize(%q: tensor<2x3xi8>, %w: tensor<4xi32>) -> (tensor<2x3xf32>, tensor<4xbf16>) {
  %lo = graph.Const {value = dense<[-1.0, -2.0, -3.0]> : tensor<3xf32>} : tensor<3xf32> loc("lo")
  %hi = graph.Const {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : tensor<3xf32> loc("hi")
  %0 = graph.Dequantize %q, %lo, %hi {mode = "SCALED", axis = 1} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("scaled")
  %l = graph.Const {value = dense<-1.0> : tensor<f32>} : tensor<f32> loc("l")
  %h = graph.Const {value = dense<1.0> : tensor<f32>} : tensor<f32> loc("h")
  %1 = graph.Dequantize %w, %l, %h : (tensor<4xi32>, tensor<f32>, tensor<f32>) -> tensor<4xbf16> loc("combined")
  return %0, %1 : tensor<2x3xf32>, tensor<4xbf16>
}

// -----

// BlockLSTM with seq_len_max 2 of 3 steps: two unrolled steps, each
// [x_t, h] * w and one generic over [batch, cell] with the gate blocks
// i, ci, f, o at columns 0, 4, 8, 12 of gates and b; the cell state is
// clipped to [-2, 2]; step t goes to row t of zero-filled outputs (row 2
// stays zero); step 2 reads step 1's h and cs.
// CHECK-LABEL: func.func @lstm
// CHECK-SAME:    (%[[X:.*]]: tensor<3x2x5xf32>, %[[S:.*]]: tensor<2x4xf32>, %[[W:.*]]: tensor<9x16xf32>, %[[V:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK:         %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x2x4xf32>)
// CHECK:         %[[X0:.*]] = tensor.extract_slice %[[X]][0, 0, 0] [1, 2, 5] [1, 1, 1] : tensor<3x2x5xf32> to tensor<2x5xf32>
// CHECK:         %[[XH0:.*]] = tensor.insert_slice %[[X0]] into %{{.*}}[0, 0] [2, 5] [1, 1]
// CHECK:         %[[XH:.*]] = tensor.insert_slice %[[S]] into %[[XH0]][0, 5] [2, 4] [1, 1]
// CHECK:         %[[G:.*]] = linalg.matmul ins(%[[XH]], %[[W]] : tensor<2x9xf32>, tensor<9x16xf32>)
// CHECK:         %[[GI:.*]] = tensor.extract_slice %[[G]][0, 0] [2, 4]
// CHECK:         %[[GC:.*]] = tensor.extract_slice %[[G]][0, 4] [2, 4]
// CHECK:         %[[GF:.*]] = tensor.extract_slice %[[G]][0, 8] [2, 4]
// CHECK:         %[[GO:.*]] = tensor.extract_slice %[[G]][0, 12] [2, 4]
// CHECK:         %[[STEP:.*]]:7 = linalg.generic
// CHECK-SAME:      ins(%[[GI]], %[[GC]], %[[GF]], %[[GO]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[S]], %[[V]], %[[V]], %[[V]] :
// CHECK:           math.exp
// CHECK:           math.tanh
// CHECK:           arith.maximumf %{{.*}}, %{{.*}}
// CHECK:           arith.minimumf
// CHECK:           linalg.yield
// CHECK:         %[[H0:.*]] = tensor.insert_slice %[[STEP]]#6 into %[[Z]][0, 0, 0] [1, 2, 4] [1, 1, 1]
// CHECK:         tensor.extract_slice %[[X]][1, 0, 0]
// CHECK:         tensor.insert_slice %[[STEP]]#6 into %{{.*}}[0, 5] [2, 4] [1, 1]
// CHECK:         linalg.matmul
// CHECK:         %[[STEP2:.*]]:7 = linalg.generic
// CHECK-SAME:      %[[STEP]]#1, %[[V]], %[[V]], %[[V]] :
// CHECK:         %[[H1:.*]] = tensor.insert_slice %[[STEP2]]#6 into %[[H0]][1, 0, 0] [1, 2, 4] [1, 1, 1]
// CHECK-NOT:     linalg.matmul
// CHECK:         return %[[H1]]
func.func @lstm(%x: tensor<3x2x5xf32>, %s: tensor<2x4xf32>, %w: tensor<9x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) -> tensor<3x2x4xf32> {
  %n = graph.Const {value = dense<2> : tensor<i64>} : tensor<i64> loc("n")
  %0:7 = graph.BlockLSTM %n, %x, %s, %s, %w, %v, %v, %v, %b {use_peephole = true, cell_clip = 2.0 : f32} : (tensor<i64>, tensor<3x2x5xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<9x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>) loc("lstm")
  return %0#6 : tensor<3x2x4xf32>
}

// -----

// BlockLSTMV2's gate order is i, f, ci, o: ci comes from columns 8.., f
// from 4..; no peepholes, no clipping by default, no forget bias.
// CHECK-LABEL: func.func @lstm_v2
// CHECK:         %[[G:.*]] = linalg.matmul
// CHECK:         %[[GI:.*]] = tensor.extract_slice %[[G]][0, 0] [2, 4]
// CHECK:         %[[GC:.*]] = tensor.extract_slice %[[G]][0, 8] [2, 4]
// CHECK:         %[[GF:.*]] = tensor.extract_slice %[[G]][0, 4] [2, 4]
// CHECK:         %[[GO:.*]] = tensor.extract_slice %[[G]][0, 12] [2, 4]
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[GI]], %[[GC]], %[[GF]], %[[GO]], %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}} :
// CHECK-NOT:       arith.minimumf
// CHECK:           linalg.yield
func.func @lstm_v2(%x: tensor<1x2x5xf32>, %s: tensor<2x4xf32>, %w: tensor<9x16xf32>, %v: tensor<4xf32>, %b: tensor<16xf32>) -> tensor<1x2x4xf32> {
  %n = graph.Const {value = dense<1> : tensor<i64>} : tensor<i64> loc("n")
  %0:7 = graph.BlockLSTMV2 %n, %x, %s, %s, %w, %v, %v, %v, %b : (tensor<i64>, tensor<1x2x5xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<9x16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>) -> (tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>) loc("lstm")
  return %0#6 : tensor<1x2x4xf32>
}

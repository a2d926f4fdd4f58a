// RUN: graph-opt %s -graph-to-linalg -split-input-file | FileCheck %s

// Const becomes arith.constant; NoOp and the identity family vanish.

// CHECK-LABEL: func.func @constants
// CHECK-NEXT:    %[[A:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT:    %[[B:.*]] = arith.constant dense<7> : tensor<i64>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @constants() -> (tensor<2xf32>, tensor<i64>) {
  %a = graph.Const {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32> loc("a")
  %b = graph.Const {value = dense<7> : tensor<i64>} : tensor<i64> loc("b")
  graph.NoOp loc("init")
  return %a, %b : tensor<2xf32>, tensor<i64>
}

// CHECK-LABEL: func.func @identities
// CHECK-SAME:    (%[[X:.*]]: tensor<2xf32>, %[[Y:.*]]: tensor<3xi32>)
// CHECK-NEXT:    return %[[X]], %[[X]], %[[Y]]
func.func @identities(%x: tensor<2xf32>, %y: tensor<3xi32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<3xi32>) {
  %0 = graph.Identity %x : (tensor<2xf32>) -> tensor<2xf32> loc("i")
  %1 = graph.StopGradient %0 : (tensor<2xf32>) -> tensor<2xf32> loc("s")
  %2 = graph.Snapshot %1 : (tensor<2xf32>) -> tensor<2xf32> loc("n")
  %3:2 = graph.IdentityN %2, %y : (tensor<2xf32>, tensor<3xi32>) -> (tensor<2xf32>, tensor<3xi32>) loc("in")
  %4 = graph.PlaceholderWithDefault %3#0 : (tensor<2xf32>) -> tensor<2xf32> loc("p")
  return %4, %3#0, %3#1 : tensor<2xf32>, tensor<2xf32>, tensor<3xi32>
}

// -----

// Binary ops broadcast numpy-style through indexing maps: trailing dims
// align, size-1 dims read index 0, missing leading dims are dropped. BiasAdd
// indexes the bias by the channel dim: last for NHWC, 1 for NCHW.

// CHECK-DAG: #[[X_MAP:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[Y_MAP:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[LAST:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[CHAN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>

// CHECK-LABEL: func.func @broadcasting
// CHECK-SAME:    (%[[X:.*]]: tensor<4x1x3xf32>, %[[Y:.*]]: tensor<5x1xf32>, %[[I:.*]]: tensor<2x3xi32>, %[[J:.*]]: tensor<i32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x5x3xf32>
// CHECK:         %[[ADD:.*]] = linalg.generic {indexing_maps = [#[[X_MAP]], #[[Y_MAP]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<4x1x3xf32>, tensor<5x1xf32>) outs(%[[E]] : tensor<4x5x3xf32>)
// CHECK:           arith.addf
// CHECK:         %[[DIV:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[X_MAP]], #[[ID3]]]
// CHECK-SAME:      ins(%[[ADD]], %[[X]] :
// CHECK:           arith.divf
// CHECK:         %[[MUL:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[SCALAR]], #[[ID2]]]
// CHECK-SAME:      ins(%[[I]], %[[J]] : tensor<2x3xi32>, tensor<i32>)
// CHECK:           arith.muli
// CHECK:         %[[SUB:.*]] = linalg.generic
// CHECK:           arith.subi
// CHECK:         return %[[ADD]], %[[DIV]], %[[MUL]], %[[SUB]]
func.func @broadcasting(%x: tensor<4x1x3xf32>, %y: tensor<5x1xf32>, %i: tensor<2x3xi32>, %j: tensor<i32>) -> (tensor<4x5x3xf32>, tensor<4x5x3xf32>, tensor<2x3xi32>, tensor<2x3xi32>) {
  %0 = graph.AddV2 %x, %y : (tensor<4x1x3xf32>, tensor<5x1xf32>) -> tensor<4x5x3xf32> loc("add")
  %1 = graph.RealDiv %0, %x : (tensor<4x5x3xf32>, tensor<4x1x3xf32>) -> tensor<4x5x3xf32> loc("div")
  %2 = graph.Mul %i, %j : (tensor<2x3xi32>, tensor<i32>) -> tensor<2x3xi32> loc("mul")
  %3 = graph.Sub %i, %2 : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32> loc("sub")
  return %0, %1, %2, %3 : tensor<4x5x3xf32>, tensor<4x5x3xf32>, tensor<2x3xi32>, tensor<2x3xi32>
}

// CHECK-LABEL: func.func @add_int64
// CHECK:         linalg.generic
// CHECK:           arith.addi %{{.*}}, %{{.*}} : i64
func.func @add_int64(%x: tensor<3xi64>, %y: tensor<3xi64>) -> tensor<3xi64> {
  %0 = graph.Add %x, %y : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64> loc("add")
  return %0 : tensor<3xi64>
}

// CHECK-LABEL: func.func @bias_add
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #[[LAST]], #{{.*}}]
// CHECK:           arith.addf
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #[[CHAN]], #{{.*}}]
// CHECK:           arith.addf
func.func @bias_add(%x: tensor<1x4x4x3xf32>, %n: tensor<1x3x4x4xf32>, %b: tensor<3xf32>) -> (tensor<1x4x4x3xf32>, tensor<1x3x4x4xf32>) {
  %0 = graph.BiasAdd %x, %b : (tensor<1x4x4x3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32> loc("nhwc")
  %1 = graph.BiasAdd %n, %b {data_format = "NCHW"} : (tensor<1x3x4x4xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32> loc("nchw")
  return %0, %1 : tensor<1x4x4x3xf32>, tensor<1x3x4x4xf32>
}

// -----

// Activations: Relu is NaN-propagating maximumf, Relu6 clamps, Sigmoid is
// 1 / (1 + exp(-x)), Tanh is math.tanh; integer Relu uses maxsi.

// CHECK-LABEL: func.func @activations
// CHECK:         linalg.generic
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:       %[[SIX:.*]] = arith.constant 6.000000e+00 : f32
// CHECK:           %[[MAX:.*]] = arith.maximumf %{{.*}}, %[[ZERO]] : f32
// CHECK:           arith.minimumf %[[MAX]], %[[SIX]] : f32
// CHECK:         linalg.generic
// CHECK:           %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:           %[[NEG:.*]] = arith.negf
// CHECK:           %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK:           %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK:           arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK:         linalg.generic
// CHECK:           math.tanh
// CHECK:         linalg.generic
// CHECK:           arith.maximumf %{{.*}}, %{{.*}} : f16
// CHECK:         linalg.generic
// CHECK:           arith.maxsi %{{.*}}, %{{.*}} : i32
func.func @activations(%x: tensor<4xf32>, %h: tensor<4xf16>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<4xi32>) {
  %0 = graph.Relu6 %x : (tensor<4xf32>) -> tensor<4xf32> loc("relu6")
  %1 = graph.Sigmoid %x : (tensor<4xf32>) -> tensor<4xf32> loc("sigmoid")
  %2 = graph.Tanh %x : (tensor<4xf32>) -> tensor<4xf32> loc("tanh")
  %3 = graph.Relu %h : (tensor<4xf16>) -> tensor<4xf16> loc("relu")
  %4 = graph.Relu %i : (tensor<4xi32>) -> tensor<4xi32> loc("relu_int")
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<4xi32>
}

// -----

// MatMul: linalg.matmul into a zero-filled accumulator; transposes are
// indexing maps.

// CHECK-DAG: #[[AT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3x4xf32>, %[[AT_ARG:.*]]: tensor<3x2xf32>, %[[BT_ARG:.*]]: tensor<4x3xf32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK:         %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<2x4xf32>)
// CHECK:         %[[MM:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32>) outs(%[[FILL]] : tensor<2x4xf32>)
// CHECK:         %[[MMT:.*]] = linalg.matmul indexing_maps = [#[[AT]], #[[BT]], #[[C]]] ins(%[[AT_ARG]], %[[BT_ARG]] : tensor<3x2xf32>, tensor<4x3xf32>)
// CHECK:         return %[[MM]], %[[MMT]]
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %at: tensor<3x2xf32>, %bt: tensor<4x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = graph.MatMul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> loc("mm")
  %1 = graph.MatMul %at, %bt {transpose_a = true, transpose_b = true} : (tensor<3x2xf32>, tensor<4x3xf32>) -> tensor<2x4xf32> loc("mm_t")
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// Conv2D: TF's SAME padding (5 in, k 3, stride 2: out 3, pad 1 + 1), VALID
// without a pad, dilations, and NCHW through transposes with EXPLICIT pads.

// CHECK-LABEL: func.func @conv2d
// CHECK-SAME:    (%[[X:.*]]: tensor<1x5x5x2xf32>, %[[F:.*]]: tensor<3x3x2x4xf32>, %[[N:.*]]: tensor<1x2x5x5xf32>, %[[X6:.*]]: tensor<1x6x6x2xf32>)
// CHECK:         %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:           tensor.yield %{{.*}} : f32
// CHECK:         } : tensor<1x5x5x2xf32> to tensor<1x7x7x2xf32>
// CHECK:         %[[SAME:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[P]], %[[F]] : tensor<1x7x7x2xf32>, tensor<3x3x2x4xf32>) outs(%{{.*}} : tensor<1x3x3x4xf32>)
// CHECK-NOT:     tensor.pad
// CHECK:         %[[VALID:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[X]], %[[F]] : tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) outs(%{{.*}} : tensor<1x3x3x4xf32>)
// CHECK:         %[[DIL:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[X]], %[[F]] : {{.*}}) outs(%{{.*}} : tensor<1x1x1x4xf32>)
// CHECK:         %[[NHWC:.*]] = linalg.transpose ins(%[[N]] : tensor<1x2x5x5xf32>) outs(%{{.*}} : tensor<1x5x5x2xf32>) permutation = [0, 2, 3, 1]
// CHECK:         %[[PN:.*]] = tensor.pad %[[NHWC]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:         %[[CN:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[PN]], %[[F]] : {{.*}}) outs(%{{.*}} : tensor<1x5x5x4xf32>)
// CHECK:         %[[NCHW:.*]] = linalg.transpose ins(%[[CN]] : tensor<1x5x5x4xf32>) outs(%{{.*}} : tensor<1x4x5x5xf32>) permutation = [0, 3, 1, 2]
// Even input, stride 2: pad total 1, the extra row/column goes after.
// CHECK:         %[[P6:.*]] = tensor.pad %[[X6]] low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK:         %[[SAME6:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[P6]], %[[F]] : tensor<1x7x7x2xf32>, {{.*}}) outs(%{{.*}} : tensor<1x3x3x4xf32>)
// CHECK:         return %[[SAME]], %[[VALID]], %[[DIL]], %[[NCHW]], %[[SAME6]]
func.func @conv2d(%x: tensor<1x5x5x2xf32>, %f: tensor<3x3x2x4xf32>, %n: tensor<1x2x5x5xf32>, %x6: tensor<1x6x6x2xf32>) -> (tensor<1x3x3x4xf32>, tensor<1x3x3x4xf32>, tensor<1x1x1x4xf32>, tensor<1x4x5x5xf32>, tensor<1x3x3x4xf32>) {
  %0 = graph.Conv2D %x, %f {strides = [1, 2, 2, 1], padding = "SAME"} : (tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> loc("same")
  %1 = graph.Conv2D %x, %f {strides = [1, 1, 1, 1], padding = "VALID"} : (tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> loc("valid")
  %2 = graph.Conv2D %x, %f {strides = [1, 1, 1, 1], dilations = [1, 2, 2, 1], padding = "VALID"} : (tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x1x1x4xf32> loc("dilated")
  %3 = graph.Conv2D %n, %f {strides = [1, 1, 1, 1], padding = "EXPLICIT", explicit_paddings = [0, 0, 0, 0, 1, 1, 1, 1], data_format = "NCHW"} : (tensor<1x2x5x5xf32>, tensor<3x3x2x4xf32>) -> tensor<1x4x5x5xf32> loc("nchw")
  %4 = graph.Conv2D %x6, %f {strides = [1, 2, 2, 1], padding = "SAME"} : (tensor<1x6x6x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> loc("same_even")
  return %0, %1, %2, %3, %4 : tensor<1x3x3x4xf32>, tensor<1x3x3x4xf32>, tensor<1x1x1x4xf32>, tensor<1x4x5x5xf32>, tensor<1x3x3x4xf32>
}

// -----

// Pooling: MaxPool pads and starts from -inf; AvgPool SAME divides each
// window sum by its count of real (non-padded) elements, VALID by k*k.

// CHECK-DAG: #[[HW:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @pooling
// CHECK-SAME:    (%[[X:.*]]: tensor<1x5x5x2xf32>, %[[N:.*]]: tensor<1x2x4x4xf32>)
// CHECK:         %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:           tensor.yield %[[NEG_INF]] : f32
// CHECK:         %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x3x3x2xf32>)
// CHECK:         %[[MAX:.*]] = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[P]], %[[WIN]] : tensor<1x7x7x2xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<1x3x3x2xf32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PZ:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:           tensor.yield %[[ZERO]] : f32
// CHECK:         %[[SUM:.*]] = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[PZ]], %{{.*}} : tensor<1x7x7x2xf32>, tensor<3x3xf32>)
// CHECK:         %[[COUNTS:.*]] = arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<3x3xf32>
// CHECK:         %[[AVG:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[HW]], #{{.*}}]
// CHECK-SAME:      ins(%[[SUM]], %[[COUNTS]] : tensor<1x3x3x2xf32>, tensor<3x3xf32>)
// CHECK:           arith.divf
// CHECK:         %[[SUMV:.*]] = linalg.pooling_nhwc_sum {{.*}} ins(%[[X]], %{{.*}} : tensor<1x5x5x2xf32>, tensor<2x2xf32>)
// CHECK:         %[[AVGV:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[SUMV]] : tensor<1x2x2x2xf32>)
// CHECK:           %[[FOUR:.*]] = arith.constant 4.000000e+00 : f32
// CHECK:           arith.divf %{{.*}}, %[[FOUR]] : f32
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[N]] : tensor<1x2x4x4xf32>) outs(%{{.*}} : tensor<1x4x4x2xf32>) permutation = [0, 2, 3, 1]
// CHECK:         %[[MAXN:.*]] = linalg.pooling_nhwc_max {{.*}} ins(%[[T]], %{{.*}} : tensor<1x4x4x2xf32>, tensor<2x2xf32>)
// CHECK:         %[[MAXNCHW:.*]] = linalg.transpose ins(%[[MAXN]] : tensor<1x2x2x2xf32>) {{.*}} permutation = [0, 3, 1, 2]
// CHECK:         return %[[MAX]], %[[AVG]], %[[AVGV]], %[[MAXNCHW]]
func.func @pooling(%x: tensor<1x5x5x2xf32>, %n: tensor<1x2x4x4xf32>) -> (tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %0 = graph.MaxPool %x {ksize = [1, 3, 3, 1], strides = [1, 2, 2, 1], padding = "SAME"} : (tensor<1x5x5x2xf32>) -> tensor<1x3x3x2xf32> loc("max_same")
  %1 = graph.AvgPool %x {ksize = [1, 3, 3, 1], strides = [1, 2, 2, 1], padding = "SAME"} : (tensor<1x5x5x2xf32>) -> tensor<1x3x3x2xf32> loc("avg_same")
  %2 = graph.AvgPool %x {ksize = [1, 2, 2, 1], strides = [1, 2, 2, 1], padding = "VALID"} : (tensor<1x5x5x2xf32>) -> tensor<1x2x2x2xf32> loc("avg_valid")
  %3 = graph.MaxPool %n {ksize = [1, 1, 2, 2], strides = [1, 1, 2, 2], padding = "VALID", data_format = "NCHW"} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> loc("max_nchw")
  return %0, %1, %2, %3 : tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// Softmax over the last dim: max-reduce, exp(x - max), sum-reduce, divide.

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK-SAME:    (%[[X:.*]]: tensor<2x5xf32>)
// CHECK:         %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[MAX_INIT:.*]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK:         %[[MAX:.*]] = linalg.reduce ins(%[[X]] : tensor<2x5xf32>) outs(%[[MAX_INIT]] : tensor<2xf32>) dimensions = [1]
// CHECK:           arith.maximumf
// CHECK:         %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK-SAME:      ins(%[[X]], %[[MAX]] : tensor<2x5xf32>, tensor<2xf32>)
// CHECK:           %[[D:.*]] = arith.subf
// CHECK:           math.exp %[[D]]
// CHECK:         %[[SUM:.*]] = linalg.reduce ins(%[[EXP]] : tensor<2x5xf32>) outs(%{{.*}} : tensor<2xf32>) dimensions = [1]
// CHECK:           arith.addf
// CHECK:         %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK-SAME:      ins(%[[EXP]], %[[SUM]] : tensor<2x5xf32>, tensor<2xf32>)
// CHECK:           arith.divf
// CHECK:         return %[[R]]
func.func @softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = graph.Softmax %x : (tensor<2x5xf32>) -> tensor<2x5xf32> loc("softmax")
  return %0 : tensor<2x5xf32>
}

// -----

// Mean: linalg.reduce sum (f16 in f32, i32 in i64), divide by the count,
// expand_shape for keep_dims. The axes constant is not kept.

// CHECK-LABEL: func.func @mean
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3x4xf32>, %[[I:.*]]: tensor<2x3xi32>, %[[H:.*]]: tensor<4xf16>)
// CHECK-NOT:     dense<[1, -1]>
// CHECK:         %[[S0:.*]] = linalg.reduce ins(%[[X]] : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<2xf32>) dimensions = [1, 2]
// CHECK:         %[[M0:.*]] = linalg.generic {{.*}} ins(%[[S0]] : tensor<2xf32>)
// CHECK:           %[[TWELVE:.*]] = arith.constant 1.200000e+01 : f32
// CHECK:           arith.divf %{{.*}}, %[[TWELVE]] : f32
// CHECK:         %[[K0:.*]] = tensor.expand_shape %[[M0]] {{\[}}[0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK:         %[[S1:.*]] = linalg.reduce ins(%[[I]] : tensor<2x3xi32>) outs(%{{.*}} : tensor<2xi64>) dimensions = [1]
// CHECK:           arith.extsi %{{.*}} : i32 to i64
// CHECK:           arith.addi
// CHECK:         %[[M1:.*]] = linalg.generic {{.*}} ins(%[[S1]] : tensor<2xi64>) outs(%{{.*}} : tensor<2xi32>)
// CHECK:           arith.divsi
// CHECK:           arith.trunci %{{.*}} : i64 to i32
// CHECK:         %[[S2:.*]] = linalg.reduce ins(%[[H]] : tensor<4xf16>) outs(%{{.*}} : tensor<f32>) dimensions = [0]
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:         %[[M2:.*]] = linalg.generic {{.*}} ins(%[[S2]] : tensor<f32>) outs(%{{.*}} : tensor<f16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         %[[S3:.*]] = linalg.reduce ins(%[[X]] : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<f32>) dimensions = [0, 1, 2]
// CHECK:         %[[M3:.*]] = linalg.generic {{.*}} ins(%[[S3]] : tensor<f32>)
// CHECK:         %[[K3:.*]] = tensor.expand_shape %[[M3]] [] output_shape [1, 1, 1] : tensor<f32> into tensor<1x1x1xf32>
// CHECK:         return %[[K0]], %[[M1]], %[[M2]], %[[K3]]
func.func @mean(%x: tensor<2x3x4xf32>, %i: tensor<2x3xi32>, %h: tensor<4xf16>) -> (tensor<2x1x1xf32>, tensor<2xi32>, tensor<f16>, tensor<1x1x1xf32>) {
  %ax = graph.Const {value = dense<[1, -1]> : tensor<2xi32>} : tensor<2xi32> loc("ax")
  %0 = graph.Mean %x, %ax {keep_dims = true} : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<2x1x1xf32> loc("mean_keep")
  %a1 = graph.Const {value = dense<1> : tensor<i64>} : tensor<i64> loc("a1")
  %1 = graph.Mean %i, %a1 : (tensor<2x3xi32>, tensor<i64>) -> tensor<2xi32> loc("mean_int")
  %a2 = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32> loc("a2")
  %2 = graph.Mean %h, %a2 : (tensor<4xf16>, tensor<1xi32>) -> tensor<f16> loc("mean_half")
  %a3 = graph.Const {value = dense<[0, 1, 2]> : tensor<3xi32>} : tensor<3xi32> loc("a3")
  %3 = graph.Mean %x, %a3 {keep_dims = true} : (tensor<2x3x4xf32>, tensor<3xi32>) -> tensor<1x1x1xf32> loc("mean_all")
  return %0, %1, %2, %3 : tensor<2x1x1xf32>, tensor<2xi32>, tensor<f16>, tensor<1x1x1xf32>
}

// -----

// Reshape: one collapse/expand when the dims regroup, else through 1-D.

// CHECK-LABEL: func.func @reshape
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3x4xf32>, %[[S:.*]]: tensor<f32>)
// CHECK-NOT:     arith.constant
// CHECK:         %[[R0:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK:         %[[R1:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1], [2, 3]] output_shape [2, 3, 2, 2] : tensor<2x3x4xf32> into tensor<2x3x2x2xf32>
// CHECK:         %[[F:.*]] = tensor.collapse_shape %[[R0]] {{\[}}[0, 1]] : tensor<6x4xf32> into tensor<24xf32>
// CHECK:         %[[R2:.*]] = tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
// CHECK:         %[[R3:.*]] = tensor.expand_shape %[[S]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK:         %[[R4:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK:         return %[[R0]], %[[R1]], %[[R2]], %[[R3]], %[[R4]]
func.func @reshape(%x: tensor<2x3x4xf32>, %s: tensor<f32>) -> (tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<4x6xf32>, tensor<1x1xf32>, tensor<24xf32>) {
  %s0 = graph.Const {value = dense<[6, 4]> : tensor<2xi32>} : tensor<2xi32> loc("s0")
  %0 = graph.Reshape %x, %s0 : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<6x4xf32> loc("r0")
  %s1 = graph.Const {value = dense<[2, 3, 2, 2]> : tensor<4xi32>} : tensor<4xi32> loc("s1")
  %1 = graph.Reshape %x, %s1 : (tensor<2x3x4xf32>, tensor<4xi32>) -> tensor<2x3x2x2xf32> loc("r1")
  %s2 = graph.Const {value = dense<[4, 6]> : tensor<2xi32>} : tensor<2xi32> loc("s2")
  %2 = graph.Reshape %0, %s2 : (tensor<6x4xf32>, tensor<2xi32>) -> tensor<4x6xf32> loc("r2")
  %s3 = graph.Const {value = dense<[1, 1]> : tensor<2xi32>} : tensor<2xi32> loc("s3")
  %3 = graph.Reshape %s, %s3 : (tensor<f32>, tensor<2xi32>) -> tensor<1x1xf32> loc("r3")
  %s4 = graph.Const {value = dense<[-1]> : tensor<1xi32>} : tensor<1xi32> loc("s4")
  %4 = graph.Reshape %x, %s4 : (tensor<2x3x4xf32>, tensor<1xi32>) -> tensor<24xf32> loc("r4")
  return %0, %1, %2, %3, %4 : tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<4x6xf32>, tensor<1x1xf32>, tensor<24xf32>
}

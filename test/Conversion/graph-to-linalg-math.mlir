// RUN: graph-opt %s -graph-to-linalg -split-input-file | FileCheck %s
// Lowering of the math family (MathPatterns.cpp).

// Unary math: one linalg.generic each, TF's formulas (exp(x) - 1 for Elu and
// Selu, a select for LeakyRelu), no fast-math.

// CHECK-LABEL: func.func @unary
// CHECK:         linalg.generic
// CHECK:           %[[E:.*]] = math.exp %[[IN:.*]] : f32
// CHECK:           %[[EM1:.*]] = arith.subf %[[E]], %{{.*}} : f32
// CHECK:           %[[NEG:.*]] = arith.cmpf olt, %[[IN]], %{{.*}} : f32
// CHECK:           arith.select %[[NEG]], %[[EM1]], %[[IN]] : f32
// CHECK:         linalg.generic
// CHECK:           arith.constant 1.75809932 : f32
// CHECK:           arith.constant 1.05070102 : f32
// CHECK:           arith.select
// CHECK:         linalg.generic
// CHECK:           %[[ALPHA:.*]] = arith.constant 1.000000e-01 : f32
// CHECK:           %[[POS:.*]] = arith.cmpf ogt
// CHECK:           %[[SCALED:.*]] = arith.mulf %[[X:.*]], %[[ALPHA]] : f32
// CHECK:           arith.select %[[POS]], %[[X]], %[[SCALED]] : f32
// CHECK:         math.exp
// CHECK:         math.log
// CHECK:         math.sqrt
// CHECK:         math.rsqrt
// CHECK:         math.floor
// CHECK:         arith.muli %{{.*}}, %{{.*}} : i32
// CHECK:         math.absi %{{.*}} : i32
// CHECK:         math.absf %{{.*}} : f32
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:         arith.subi %[[ZERO]], %{{.*}} : i32
// CHECK:         arith.negf %{{.*}} : f32
func.func @unary(%x: tensor<2x3xf32>, %i: tensor<4xi32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xi32>, tensor<4xi32>, tensor<2x3xf32>, tensor<4xi32>, tensor<2x3xf32>) {
  %0 = graph.Elu %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("elu")
  %1 = graph.Selu %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("selu")
  %2 = graph.LeakyRelu %x {alpha = 0.1 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("leaky")
  %3 = graph.Exp %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("exp")
  %4 = graph.Log %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("log")
  %5 = graph.Sqrt %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("sqrt")
  %6 = graph.Rsqrt %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("rsqrt")
  %7 = graph.Floor %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("floor")
  %8 = graph.Square %i : (tensor<4xi32>) -> tensor<4xi32> loc("square")
  %9 = graph.Abs %i : (tensor<4xi32>) -> tensor<4xi32> loc("abs")
  %10 = graph.Abs %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("absf")
  %11 = graph.Neg %i : (tensor<4xi32>) -> tensor<4xi32> loc("neg")
  %12 = graph.Neg %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("negf")
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xi32>, tensor<4xi32>, tensor<2x3xf32>, tensor<4xi32>, tensor<2x3xf32>
}

// -----

// Binary ops broadcast through indexing maps; Maximum/Minimum are the
// NaN-propagating arith ops; integer Pow is square-and-multiply; AddN adds
// left to right in one generic.

// CHECK-DAG: #[[ROWB:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @binary
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<3xf32>, %[[I:.*]]: tensor<3xi32>)
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[ROWB]], #[[ID]]]
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<2x3xf32>, tensor<3xf32>)
// CHECK:           arith.maximumf
// CHECK:         linalg.generic
// CHECK:           arith.minimumf
// CHECK:         linalg.generic
// CHECK:           %[[D:.*]] = arith.subf
// CHECK:           arith.mulf %[[D]], %[[D]] : f32
// CHECK:         linalg.generic
// CHECK:           math.powf
// CHECK:         linalg.generic
// CHECK-COUNT-32:  arith.select
// CHECK:           arith.cmpi slt
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[X]], %[[X]], %{{.*}} : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK:           %[[S0:.*]] = arith.addf %[[A:.*]], %[[B:.*]] : f32
// CHECK:           arith.addf %[[S0]], %{{.*}} : f32
// CHECK:         linalg.generic
// CHECK:           arith.maxsi
func.func @binary(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %i: tensor<3xi32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xi32>, tensor<2x3xf32>, tensor<3xi32>) {
  %0 = graph.Maximum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("max")
  %1 = graph.Minimum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("min")
  %2 = graph.SquaredDifference %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("sqdiff")
  %3 = graph.Pow %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("pow")
  %4 = graph.Pow %i, %i : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32> loc("ipow")
  %5 = graph.AddN %x, %x, %0 : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc("addn")
  %6 = graph.Maximum %i, %i : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32> loc("imax")
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xi32>, tensor<2x3xf32>, tensor<3xi32>
}

// -----

// Comparisons produce i1: ordered float predicates except NotEqual (une),
// signed integer predicates, bool equality.

// CHECK-LABEL: func.func @compare
// CHECK:         arith.cmpf olt
// CHECK:         arith.cmpf ole
// CHECK:         arith.cmpf ogt
// CHECK:         arith.cmpf oge
// CHECK:         arith.cmpf oeq
// CHECK:         arith.cmpf une
// CHECK:         arith.cmpi slt
// CHECK:         arith.cmpi eq, %{{.*}}, %{{.*}} : i1
// CHECK:         -> tensor<2x3xi1>
func.func @compare(%x: tensor<2x3xf32>, %y: tensor<f32>, %i: tensor<2x3xi64>, %b: tensor<2x3xi1>) -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>) {
  %0 = graph.Less %x, %y : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1> loc("lt")
  %1 = graph.LessEqual %x, %y : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1> loc("le")
  %2 = graph.Greater %x, %y : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1> loc("gt")
  %3 = graph.GreaterEqual %x, %y : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1> loc("ge")
  %4 = graph.Equal %x, %y : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1> loc("eq")
  %5 = graph.NotEqual %x, %y : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1> loc("ne")
  %6 = graph.Less %i, %i : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi1> loc("ilt")
  %7 = graph.Equal %b, %b : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1> loc("beq")
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>
}

// -----

// Select reads a 1-D condition by row (d0); SelectV2 broadcasts all three.

// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @select
// CHECK:         linalg.generic {indexing_maps = [#[[ROW]], #[[ID]], #[[ID]], #[[ID]]]
// CHECK:           arith.select
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]], #[[ID]]]
// CHECK:         linalg.generic {indexing_maps = [#[[SCALAR]], #[[ID]], #[[COL]], #[[ID]]]
func.func @select(%rows: tensor<2xi1>, %full: tensor<2x3xi1>, %s: tensor<i1>, %t: tensor<2x3xf32>, %e: tensor<3xf32>, %f: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = graph.Select %rows, %t, %f : (tensor<2xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc("rows")
  %1 = graph.Select %full, %t, %f : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc("full")
  %2 = graph.SelectV2 %s, %t, %e : (tensor<i1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("v2")
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Cast: fptosi truncates toward zero, `!= 0` for bool, extui from bool,
// truncf rounds; Truncate=true masks the low 13 mantissa bits of non-NaN
// f32 values before an f16 truncf.

// CHECK-LABEL: func.func @cast
// CHECK:         arith.fptosi %{{.*}} : f32 to i32
// CHECK:         arith.cmpf une
// CHECK:         arith.extui %{{.*}} : i1 to i64
// CHECK:         arith.uitofp %{{.*}} : i1 to f32
// CHECK:         arith.sitofp %{{.*}} : i64 to f16
// CHECK:         arith.cmpi ne
// CHECK:         arith.trunci %{{.*}} : i64 to i8
// CHECK:         arith.extsi %{{.*}} : i8 to i64
// CHECK:         arith.truncf %{{.*}} : f32 to f16
// CHECK:         %[[RAW:.*]] = arith.bitcast %[[V:.*]] : f32 to i32
// CHECK:         %[[MASK:.*]] = arith.constant -8192 : i32
// CHECK:         %[[AND:.*]] = arith.andi %[[RAW]], %[[MASK]] : i32
// CHECK:         %[[CLEARED:.*]] = arith.bitcast %[[AND]] : i32 to f32
// CHECK:         %[[NAN:.*]] = arith.cmpf uno, %[[V]], %[[V]] : f32
// CHECK:         %[[SEL:.*]] = arith.select %[[NAN]], %[[V]], %[[CLEARED]] : f32
// CHECK:         arith.truncf %[[SEL]] : f32 to f16
// CHECK:         arith.extf %{{.*}} : f16 to f32
// CHECK:         arith.truncf %{{.*}} : f32 to bf16
func.func @cast(%x: tensor<4xf32>, %l: tensor<4xi64>, %c: tensor<4xi8>, %h: tensor<4xf16>) -> (tensor<4xi32>, tensor<4xi1>, tensor<4xi64>, tensor<4xf32>, tensor<4xf16>, tensor<4xi1>, tensor<4xi8>, tensor<4xi64>, tensor<4xf16>, tensor<4xf16>, tensor<4xbf16>) {
  %0 = graph.Cast %x : (tensor<4xf32>) -> tensor<4xi32> loc("f2i")
  %1 = graph.Cast %x : (tensor<4xf32>) -> tensor<4xi1> loc("f2b")
  %2 = graph.Cast %1 : (tensor<4xi1>) -> tensor<4xi64> loc("b2i")
  %3 = graph.Cast %1 : (tensor<4xi1>) -> tensor<4xf32> loc("b2f")
  %4 = graph.Cast %l : (tensor<4xi64>) -> tensor<4xf16> loc("i2h")
  %5 = graph.Cast %l : (tensor<4xi64>) -> tensor<4xi1> loc("i2b")
  %6 = graph.Cast %l : (tensor<4xi64>) -> tensor<4xi8> loc("narrow")
  %7 = graph.Cast %c : (tensor<4xi8>) -> tensor<4xi64> loc("widen")
  %8 = graph.Cast %x : (tensor<4xf32>) -> tensor<4xf16> loc("round")
  %9 = graph.Cast %x {Truncate = true} : (tensor<4xf32>) -> tensor<4xf16> loc("truncate")
  %10 = graph.Cast %h : (tensor<4xf16>) -> tensor<4xbf16> loc("h2bf")
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : tensor<4xi32>, tensor<4xi1>, tensor<4xi64>, tensor<4xf32>, tensor<4xf16>, tensor<4xi1>, tensor<4xi8>, tensor<4xi64>, tensor<4xf16>, tensor<4xf16>, tensor<4xbf16>
}

// -----

// Reductions: linalg.reduce from the identity (0, 1, -inf, +inf / INT_MAX),
// f16 Sum in f32 then truncf, keep_dims by expand_shape. The axes
// constants are dropped.

// CHECK-LABEL: func.func @reductions
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3x4xf32>, %[[I:.*]]: tensor<2x3xi32>, %[[H:.*]]: tensor<4xf16>)
// CHECK-NOT:     dense<[1, -1]>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[FILL0:.*]] = linalg.fill ins(%[[ZERO]] : f32)
// CHECK:         %[[SUM:.*]] = linalg.reduce ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[FILL0]] : tensor<2xf32>) dimensions = [1, 2]
// CHECK:           arith.addf
// CHECK:         tensor.expand_shape %[[SUM]] {{\[}}[0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK:         arith.constant 1.000000e+00 : f32
// CHECK:         linalg.reduce ins(%[[X]] : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<3x4xf32>) dimensions = [0]
// CHECK:           arith.mulf
// CHECK:         arith.constant 0xFF800000 : f32
// CHECK:         linalg.reduce
// CHECK:           arith.maximumf
// CHECK:         arith.constant 2147483647 : i32
// CHECK:         linalg.reduce ins(%[[I]] : tensor<2x3xi32>) outs(%{{.*}} : tensor<2xi32>) dimensions = [1]
// CHECK:           arith.minsi
// CHECK:         %[[HSUM:.*]] = linalg.reduce ins(%[[H]] : tensor<4xf16>) outs(%{{.*}} : tensor<f32>) dimensions = [0]
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:         linalg.generic {{.*}} ins(%[[HSUM]] : tensor<f32>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
func.func @reductions(%x: tensor<2x3x4xf32>, %i: tensor<2x3xi32>, %h: tensor<4xf16>) -> (tensor<2x1x1xf32>, tensor<3x4xf32>, tensor<f32>, tensor<2xi32>, tensor<f16>) {
  %ax = graph.Const {value = dense<[1, -1]> : tensor<2xi32>} : tensor<2xi32> loc("ax")
  %0 = graph.Sum %x, %ax {keep_dims = true} : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<2x1x1xf32> loc("sum")
  %a0 = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32> loc("a0")
  %1 = graph.Prod %x, %a0 : (tensor<2x3x4xf32>, tensor<i32>) -> tensor<3x4xf32> loc("prod")
  %all = graph.Const {value = dense<[0, 1, 2]> : tensor<3xi64>} : tensor<3xi64> loc("all")
  %2 = graph.Max %x, %all : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<f32> loc("max")
  %a1 = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32> loc("a1")
  %3 = graph.Min %i, %a1 : (tensor<2x3xi32>, tensor<i32>) -> tensor<2xi32> loc("min")
  %4 = graph.Sum %h, %a0 : (tensor<4xf16>, tensor<i32>) -> tensor<f16> loc("hsum")
  return %0, %1, %2, %3, %4 : tensor<2x1x1xf32>, tensor<3x4xf32>, tensor<f32>, tensor<2xi32>, tensor<f16>
}

// -----

// ArgMax: one generic reducing (value, index) with linalg.index; a strictly
// greater value replaces the pair.

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax
// CHECK:         %[[VALS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK:         %[[IDXS:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<2xi64>)
// CHECK:         %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      outs(%[[VALS]], %[[IDXS]] : tensor<2xf32>, tensor<2xi64>)
// CHECK:         ^bb0(%[[V:.*]]: f32, %[[BEST:.*]]: f32, %[[BI:.*]]: i64):
// CHECK:           %[[GT:.*]] = arith.cmpf ogt, %[[V]], %[[BEST]] : f32
// CHECK:           %[[K:.*]] = linalg.index 1 : index
// CHECK:           %[[KI:.*]] = arith.index_cast %[[K]] : index to i64
// CHECK:           %[[NV:.*]] = arith.select %[[GT]], %[[V]], %[[BEST]] : f32
// CHECK:           %[[NI:.*]] = arith.select %[[GT]], %[[KI]], %[[BI]] : i64
// CHECK:           linalg.yield %[[NV]], %[[NI]] : f32, i64
// CHECK:         arith.cmpi slt
// CHECK:         return %[[R]]#1
func.func @argmax(%x: tensor<2x3xf32>, %i: tensor<5xi32>) -> (tensor<2xi64>, tensor<i32>) {
  %d = graph.Const {value = dense<-1> : tensor<i32>} : tensor<i32> loc("d")
  %0 = graph.ArgMax %x, %d : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xi64> loc("argmax")
  %z = graph.Const {value = dense<0> : tensor<i64>} : tensor<i64> loc("z")
  %1 = graph.ArgMin %i, %z : (tensor<5xi32>, tensor<i64>) -> tensor<i32> loc("argmin")
  return %0, %1 : tensor<2xi64>, tensor<i32>
}

// -----

// LogSoftmax: shifted = x - max, shifted - log(sum(exp(shifted))).

// CHECK-LABEL: func.func @log_softmax
// CHECK:         %[[MAX:.*]] = linalg.reduce
// CHECK:           arith.maximumf
// CHECK:         %[[SHIFTED:.*]] = linalg.generic
// CHECK:           arith.subf
// CHECK:         %[[SUM:.*]] = linalg.reduce ins(%[[SHIFTED]]
// CHECK:           math.exp
// CHECK:           arith.addf
// CHECK:         linalg.generic {{.*}} ins(%[[SHIFTED]], %[[SUM]]
// CHECK:           %[[LOG:.*]] = math.log
// CHECK:           arith.subf %{{.*}}, %[[LOG]]
func.func @log_softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = graph.LogSoftmax %x : (tensor<2x5xf32>) -> tensor<2x5xf32> loc("lsm")
  return %0 : tensor<2x5xf32>
}

// -----

// Division: integer divisors 0 and -1 are replaced by 1 before arith.divsi
// / arith.remsi (so nothing traps; -1 negates); FloorDiv/FloorMod adjust
// where the remainder's sign differs from the divisor's; float FloorDiv is
// floor(x / y), float FloorMod starts from arith.remf (fmod).

// CHECK-LABEL: func.func @division
// CHECK:         linalg.generic
// CHECK:           arith.divf
// CHECK:         linalg.generic
// CHECK:           %[[Z:.*]] = arith.cmpi eq, %[[Y:.*]], %{{.*}} : i32
// CHECK:           %[[M:.*]] = arith.cmpi eq, %[[Y]], %{{.*}} : i32
// CHECK:           %[[S:.*]] = arith.ori %[[Z]], %[[M]] : i1
// CHECK:           %[[D:.*]] = arith.select %[[S]], %{{.*}}, %[[Y]] : i32
// CHECK:           %[[Q:.*]] = arith.divsi %[[X:.*]], %[[D]] : i32
// CHECK:           %[[N:.*]] = arith.subi %{{.*}}, %[[X]] : i32
// CHECK:           arith.select %[[M]], %[[N]], %[[Q]] : i32
// CHECK-NOT:       arith.remsi
// CHECK:           linalg.yield
// CHECK:         linalg.generic
// CHECK:           %[[FQ:.*]] = arith.divf
// CHECK:           math.floor %[[FQ]] : f32
// CHECK:         linalg.generic
// CHECK:           %[[REM:.*]] = arith.remsi
// CHECK:           %[[DEC:.*]] = arith.subi
// CHECK:           arith.cmpi ne, %[[REM]]
// CHECK:           arith.xori
// CHECK:           arith.select %{{.*}}, %[[DEC]], %{{.*}} : i32
// CHECK:         linalg.generic
// CHECK:           %[[R:.*]] = arith.remf
// CHECK:           %[[FIX:.*]] = arith.addf %[[R]]
// CHECK:           arith.select %{{.*}}, %[[FIX]], %[[R]] : f32
func.func @division(%x: tensor<4xf32>, %y: tensor<4xf32>, %i: tensor<4xi32>, %j: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>) {
  %0 = graph.Div %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("div")
  %1 = graph.Div %i, %j : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32> loc("idiv")
  %2 = graph.FloorDiv %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("floordiv")
  %3 = graph.FloorDiv %i, %j : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32> loc("ifloordiv")
  %4 = graph.FloorMod %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("floormod")
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xi32>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>
}

// -----

// Graph_LibmUnaryOp lowers to its math dialect op; All / Any reduce bools
// with andi (from true) / ori (from false).
// CHECK-LABEL: func.func @libm_and_logical
// CHECK: linalg.generic
// CHECK:   math.sin
// CHECK: linalg.generic
// CHECK:   math.roundeven
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: linalg.fill ins(%[[TRUE]] : i1)
// CHECK: linalg.reduce
// CHECK:   arith.andi
// CHECK: %[[FALSE:.*]] = arith.constant false
// CHECK: linalg.fill ins(%[[FALSE]] : i1)
// CHECK: linalg.reduce
// CHECK:   arith.ori
func.func @libm_and_logical(%x: tensor<4xf32>, %b: tensor<2x3xi1>) -> (tensor<4xf32>, tensor<4xf32>, tensor<2xi1>, tensor<2xi1>) {
  %s = graph.Sin %x : (tensor<4xf32>) -> tensor<4xf32>
  %r = graph.Round %x : (tensor<4xf32>) -> tensor<4xf32>
  %axis = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %all = graph.All %b, %axis : (tensor<2x3xi1>, tensor<i32>) -> tensor<2xi1>
  %any = graph.Any %b, %axis : (tensor<2x3xi1>, tensor<i32>) -> tensor<2xi1>
  return %s, %r, %all, %any : tensor<4xf32>, tensor<4xf32>, tensor<2xi1>, tensor<2xi1>
}

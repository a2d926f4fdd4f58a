// RUN: graph-opt %s -graph-to-linalg -split-input-file | FileCheck %s
// TF's unsigned integers (uint8 ... uint64, ui8 ... ui64 in the graph
// dialect): the lowering computes on signless integers of the same width,
// function signatures included, and picks the unsigned arith op wherever
// signedness matters. Add/Sub/Mul wrap the same either way.

// CHECK-LABEL: func.func @arith
// CHECK-SAME:    (%{{.*}}: tensor<4xi8>, %{{.*}}: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xi8>)
// CHECK:         arith.addi %{{.*}}, %{{.*}} : i8
// CHECK:         arith.divui
// CHECK:         arith.divui
// CHECK:         arith.remui
// CHECK:         arith.maxui
// CHECK:         arith.minui
// CHECK-NOT:     ui8
func.func @arith(%x: tensor<4xui8>, %y: tensor<4xui8>) -> (tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>) {
  %0 = graph.AddV2 %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8> loc("add")
  %1 = graph.Div %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8> loc("div")
  %2 = graph.FloorDiv %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8> loc("floordiv")
  %3 = graph.FloorMod %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8> loc("floormod")
  %4 = graph.Maximum %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8> loc("max")
  %5 = graph.Minimum %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8> loc("min")
  return %0, %1, %2, %3, %4, %5 : tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xui8>
}

// -----

// Comparisons use the unsigned predicates; Cast zero-extends and converts
// with uitofp / fptoui; a uint8 <-> int8 Cast keeps the bits.

// CHECK-LABEL: func.func @compare_cast
// CHECK:         arith.cmpi ult, %{{.*}}, %{{.*}} : i8
// CHECK:         arith.cmpi uge, %{{.*}}, %{{.*}} : i8
// CHECK:         arith.uitofp %{{.*}} : i8 to f32
// CHECK:         arith.extui %{{.*}} : i8 to i32
// CHECK:         arith.fptoui %{{.*}} : f32 to i8
// CHECK-NOT:     arith.sitofp
// CHECK:         return
func.func @compare_cast(%x: tensor<4xui8>, %y: tensor<4xui8>, %f: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xui8>, tensor<4xi8>) {
  %0 = graph.Less %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1> loc("less")
  %1 = graph.GreaterEqual %x, %y : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1> loc("ge")
  %2 = graph.Cast %x {Truncate = false} : (tensor<4xui8>) -> tensor<4xf32> loc("to_f32")
  %3 = graph.Cast %x {Truncate = false} : (tensor<4xui8>) -> tensor<4xi32> loc("to_i32")
  %4 = graph.Cast %f {Truncate = false} : (tensor<4xf32>) -> tensor<4xui8> loc("to_u8")
  %5 = graph.Cast %x {Truncate = false} : (tensor<4xui8>) -> tensor<4xi8> loc("to_i8")
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xui8>, tensor<4xi8>
}

// -----

// Max starts from 0 (not -128) and combines with maxui; ArgMax compares with
// ugt; constants are retyped as signless with the same bits (255 is -1).

// CHECK-LABEL: func.func @reduce
// CHECK:         arith.constant dense<-1> : tensor<4xi8>
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK:         linalg.fill ins(%[[ZERO]] : i8)
// CHECK:         linalg.reduce
// CHECK:           arith.maxui
// CHECK:         linalg.generic
// CHECK:           arith.cmpi ugt
func.func @reduce(%x: tensor<4xui8>) -> (tensor<ui8>, tensor<i64>, tensor<4xui8>) {
  %axis = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32> loc("axis")
  %c = graph.Const {value = dense<255> : tensor<4xui8>} : tensor<4xui8> loc("c")
  %0 = graph.Max %x, %axis {keep_dims = false} : (tensor<4xui8>, tensor<i32>) -> tensor<ui8> loc("max")
  %1 = graph.ArgMax %x, %axis : (tensor<4xui8>, tensor<i32>) -> tensor<i64> loc("argmax")
  return %0, %1, %c : tensor<ui8>, tensor<i64>, tensor<4xui8>
}

// -----

// A run-time quint8 input of Dequantize converts with uitofp.

// CHECK-LABEL: func.func @dequantize
// CHECK-SAME:    (%{{.*}}: tensor<4xi8>) -> tensor<4xf32>
// CHECK:         linalg.generic
// CHECK:           arith.uitofp %{{.*}} : i8 to f32
func.func @dequantize(%q: tensor<4xui8>) -> tensor<4xf32> {
  %lo = graph.Const {value = dense<0.0> : tensor<f32>} : tensor<f32> loc("lo")
  %hi = graph.Const {value = dense<255.0> : tensor<f32>} : tensor<f32> loc("hi")
  %0 = graph.Dequantize %q, %lo, %hi : (tensor<4xui8>, tensor<f32>, tensor<f32>) -> tensor<4xf32> loc("dq")
  return %0 : tensor<4xf32>
}

// -----

// MaxPool uses linalg's unsigned max pooling with 0 padding; Mean
// zero-extends into its i64 sum and divides unsigned.

// CHECK-LABEL: func.func @pool_mean
// CHECK:         linalg.pooling_nhwc_max_unsigned
// CHECK:         linalg.reduce
// CHECK:           arith.extui %{{.*}} : i8 to i64
// CHECK:         arith.divui
func.func @pool_mean(%x: tensor<1x4x4x1xui8>) -> (tensor<1x2x2x1xui8>, tensor<1xui8>) {
  %0 = graph.MaxPool %x {ksize = [1, 2, 2, 1], strides = [1, 2, 2, 1], padding = "VALID"} : (tensor<1x4x4x1xui8>) -> tensor<1x2x2x1xui8> loc("pool")
  %axes = graph.Const {value = dense<[1, 2, 3]> : tensor<3xi32>} : tensor<3xi32> loc("axes")
  %1 = graph.Mean %x, %axes : (tensor<1x4x4x1xui8>, tensor<3xi32>) -> tensor<1xui8> loc("mean")
  return %0, %1 : tensor<1x2x2x1xui8>, tensor<1xui8>
}

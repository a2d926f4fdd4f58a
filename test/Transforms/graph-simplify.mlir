// RUN: graph-opt %s -split-input-file -graph-simplify | FileCheck %s

// An RNN zero state as TF builds it (tf2onnx_gru): batch = Shape(x)[0],
// ExpandDims, ConcatV2 with [128], Fill: folded to a static constant.
// (In tf2onnx_gru the chain is longer than the two fixed infer/fold rounds
// the pipeline used to run; test/Conformance/frozen-misc.test compiles it.)
// CHECK-LABEL: func.func @zero_state
// CHECK-SAME: -> tensor<1x128xf32>
// CHECK: %[[Z:.*]] = graph.Const {value = dense<0.000000e+00> : tensor<1x128xf32>}
// CHECK-NEXT: return %[[Z]]
func.func @zero_state(%x: tensor<1x784xf32>) -> tensor<*xf32> {
  %shape = graph.Shape %x {out_type = i32} : (tensor<1x784xf32>) -> tensor<*xi32>
  %b = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %e = graph.Const {value = dense<1> : tensor<1xi32>} : tensor<1xi32>
  %batch = graph.StridedSlice %shape, %b, %e, %e {shrink_axis_mask = 1} : (tensor<*xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xi32>
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %batch1 = graph.ExpandDims %batch, %zero : (tensor<*xi32>, tensor<i32>) -> tensor<*xi32>
  %units = graph.Const {value = dense<128> : tensor<1xi32>} : tensor<1xi32>
  %dims = graph.ConcatV2 %batch1, %units, %zero : (tensor<*xi32>, tensor<1xi32>, tensor<i32>) -> tensor<*xi32>
  %fzero = graph.Const {value = dense<0.0> : tensor<f32>} : tensor<f32>
  %state = graph.Fill %dims, %fzero : (tensor<*xi32>, tensor<f32>) -> tensor<*xf32>
  return %state : tensor<*xf32>
}

// -----

// Range folds when its scalars are constant (TF's size rule, integer and
// float), and is 1-D of unknown size otherwise.
// CHECK-LABEL: func.func @range
// CHECK-DAG: graph.Const {value = dense<[0, 2, 4]> : tensor<3xi32>}
// CHECK-DAG: graph.Const {value = dense<[5, 2]> : tensor<2xi32>}
// CHECK-DAG: graph.Const {value = dense<[5.000000e-01, 1.000000e+00, 1.500000e+00]> : tensor<3xf32>}
// CHECK: graph.Range {{.*}} -> tensor<?xi32>
func.func @range(%n: tensor<i32>) -> (tensor<*xi32>, tensor<*xi32>, tensor<*xf32>, tensor<*xi32>) {
  %c0 = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %c2 = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  %c5 = graph.Const {value = dense<5> : tensor<i32>} : tensor<i32>
  %cm3 = graph.Const {value = dense<-3> : tensor<i32>} : tensor<i32>
  %c1 = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %0 = graph.Range %c0, %c5, %c2 : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<*xi32>
  %1 = graph.Range %c5, %c1, %cm3 : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<*xi32>
  %fs = graph.Const {value = dense<0.5> : tensor<f32>} : tensor<f32>
  %fl = graph.Const {value = dense<2.0> : tensor<f32>} : tensor<f32>
  %2 = graph.Range %fs, %fl, %fs : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  %3 = graph.Range %c0, %n, %c1 : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<*xi32>
  return %0, %1, %2, %3 : tensor<*xi32>, tensor<*xi32>, tensor<*xf32>, tensor<*xi32>
}

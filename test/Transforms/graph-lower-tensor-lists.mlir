// RUN: graph-opt %s -split-input-file -graph-lower-tensor-lists -verify-diagnostics | FileCheck %s
// graph-lower-tensor-lists: an unrolled Keras RNN's lists with constant
// indices. GetItem of a FromTensor list is a GatherV2 of its rows; GetItem
// of a set item is that item; Stack is a Pack of the items (the last one
// set at an index wins, as in Keras's return_sequences=False output list).

// CHECK-LABEL: func.func @rnn_lists
// CHECK: %[[ROW:.*]] = graph.GatherV2 %arg0, %{{.*}}, %{{.*}} {Taxis = i32, Tindices = i32, Tparams = f32
// CHECK: %[[Y:.*]] = graph.Tanh %[[ROW]]
// CHECK: %[[Z:.*]] = graph.Tanh %[[Y]]
// CHECK: %[[P:.*]] = graph.Pack %[[Z]] {N = 1 : i64, T = f32}
// CHECK-NOT: TensorList
// CHECK: return %[[P]], %arg0
func.func @rnn_lists(%x: tensor<3x2xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %in = "graph.TensorListFromTensor"(%x, %shape) {element_dtype = f32} : (tensor<3x2xf32>, tensor<1xi32>) -> tensor<!graph.opaque>
  %out = "graph.TensorListReserve"(%shape, %one) {element_dtype = f32} : (tensor<1xi32>, tensor<i32>) -> tensor<!graph.opaque>
  %row = "graph.TensorListGetItem"(%in, %one, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<i32>, tensor<1xi32>) -> tensor<*xf32>
  %y = graph.Tanh %row : (tensor<*xf32>) -> tensor<*xf32>
  %out1 = "graph.TensorListSetItem"(%out, %zero, %y) : (tensor<!graph.opaque>, tensor<i32>, tensor<*xf32>) -> tensor<!graph.opaque>
  %back = "graph.TensorListGetItem"(%out1, %zero, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<i32>, tensor<1xi32>) -> tensor<*xf32>
  %z = graph.Tanh %back : (tensor<*xf32>) -> tensor<*xf32>
  %out2 = "graph.TensorListSetItem"(%out1, %zero, %z) : (tensor<!graph.opaque>, tensor<i32>, tensor<*xf32>) -> tensor<!graph.opaque>
  %stacked = "graph.TensorListStack"(%out2, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<1xi32>) -> tensor<*xf32>
  %all = "graph.TensorListStack"(%in, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<1xi32>) -> tensor<*xf32>
  return %stacked, %all : tensor<*xf32>, tensor<*xf32>
}

// -----

func.func @unset_item() -> tensor<*xf32> {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %two = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  %list = "graph.TensorListReserve"(%shape, %two) {element_dtype = f32} : (tensor<1xi32>, tensor<i32>) -> tensor<!graph.opaque>
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  // expected-error @+1 {{reads item 0 of a TensorList before it is set}}
  %item = "graph.TensorListGetItem"(%list, %zero, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<i32>, tensor<1xi32>) -> tensor<*xf32>
  return %item : tensor<*xf32>
}

// -----

func.func @index_out_of_range() -> tensor<*xf32> {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %two = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  %list = "graph.TensorListReserve"(%shape, %two) {element_dtype = f32} : (tensor<1xi32>, tensor<i32>) -> tensor<!graph.opaque>
  // expected-error @+1 {{TensorListGetItem: index 2 is outside the list's 2 items}}
  %item = "graph.TensorListGetItem"(%list, %two, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<i32>, tensor<1xi32>) -> tensor<*xf32>
  return %item : tensor<*xf32>
}

// -----

func.func @fed_index(%i: tensor<i32>, %x: tensor<3x2xf32>) -> tensor<*xf32> {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %list = "graph.TensorListFromTensor"(%x, %shape) {element_dtype = f32} : (tensor<3x2xf32>, tensor<1xi32>) -> tensor<!graph.opaque>
  // expected-error @+1 {{TensorListGetItem: the index is not a constant (a loop graph-inline-control-flow did not unroll?)}}
  %item = "graph.TensorListGetItem"(%list, %i, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<i32>, tensor<1xi32>) -> tensor<*xf32>
  return %item : tensor<*xf32>
}

// -----

func.func @reserve_unknown_size(%n: tensor<i32>) {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  // expected-error @+1 {{TensorListReserve: the number of elements is not a non-negative constant}}
  %list = "graph.TensorListReserve"(%shape, %n) {element_dtype = f32} : (tensor<1xi32>, tensor<i32>) -> tensor<!graph.opaque>
  return
}

// -----

func.func @from_dynamic(%x: tensor<?x2xf32>) {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  // expected-error @+1 {{TensorListFromTensor: the tensor's first dim must be static, got 'tensor<?x2xf32>'}}
  %list = "graph.TensorListFromTensor"(%x, %shape) {element_dtype = f32} : (tensor<?x2xf32>, tensor<1xi32>) -> tensor<!graph.opaque>
  return
}

// -----

func.func @list_from_outside(%list: tensor<!graph.opaque>) -> tensor<*xf32> {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  // expected-error @+1 {{TensorListStack: graphc does not know where this list comes from}}
  %s = "graph.TensorListStack"(%list, %shape) {element_dtype = f32} : (tensor<!graph.opaque>, tensor<1xi32>) -> tensor<*xf32>
  return %s : tensor<*xf32>
}

// -----

func.func @list_escapes(%x: tensor<3x2xf32>) -> tensor<!graph.opaque> {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %list = "graph.TensorListFromTensor"(%x, %shape) {element_dtype = f32} : (tensor<3x2xf32>, tensor<1xi32>) -> tensor<!graph.opaque>
  // expected-error @+1 {{uses a TensorList (from TensorListFromTensor), which graphc cannot lower}}
  return %list : tensor<!graph.opaque>
}

// -----

func.func @unknown_list_op(%x: tensor<3x2xf32>) -> tensor<*xi32> {
  %shape = graph.Const {value = dense<2> : tensor<1xi32>} : tensor<1xi32>
  %list = "graph.TensorListFromTensor"(%x, %shape) {element_dtype = f32} : (tensor<3x2xf32>, tensor<1xi32>) -> tensor<!graph.opaque>
  // expected-error @+1 {{TensorListLength is not supported}}
  %n = "graph.TensorListLength"(%list) : (tensor<!graph.opaque>) -> tensor<*xi32>
  return %n : tensor<*xi32>
}

// -----

// TF1 TensorArrays (dynamic_rnn's): the contents follow the flow value.
// A whole in-order scatter is its source, a read of it a GatherV2 row; a
// gather after writes packs the written items in the gather's order; the
// size (computed from a Shape, as TF1 does) folds to a constant, and the
// Identity of a flow (a raised loop's Exit) goes with the array.
// CHECK-LABEL: func.func @tf1_tensor_arrays
// CHECK: %[[ROW:.*]] = graph.GatherV2 %arg0, %{{.*}}, %{{.*}} {Taxis = i32, Tindices = i32, Tparams = f32
// CHECK: %[[A:.*]] = graph.Tanh %[[ROW]]
// CHECK: %[[B:.*]] = graph.Neg %[[A]]
// CHECK: %[[P:.*]] = graph.Pack %[[B]], %[[A]] {N = 2 : i64, T = f32}
// CHECK-NOT: TensorArray
// CHECK: return %[[P]], %arg0
func.func @tf1_tensor_arrays(%x: tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %shape = graph.Shape %x {out_type = i32} : (tensor<2x3xf32>) -> tensor<*xi32>
  %zero = graph.Const {value = dense<0> : tensor<i32>} : tensor<i32>
  %one = graph.Const {value = dense<1> : tensor<i32>} : tensor<i32>
  %ends = graph.Const {value = dense<1> : tensor<1xi32>} : tensor<1xi32>
  %begins = graph.Const {value = dense<0> : tensor<1xi32>} : tensor<1xi32>
  %size = graph.StridedSlice %shape, %begins, %ends, %ends {shrink_axis_mask = 1 : i64} : (tensor<*xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<*xi32>
  %all = graph.Range %zero, %size, %one : (tensor<i32>, tensor<*xi32>, tensor<i32>) -> tensor<*xi32>
  %in:2 = "graph.TensorArrayV3"(%size) {dtype = f32} : (tensor<*xi32>) -> (tensor<!graph.resource>, tensor<*xf32>)
  %inflow = "graph.TensorArrayScatterV3"(%in#0, %all, %x, %in#1) {T = f32} : (tensor<!graph.resource>, tensor<*xi32>, tensor<2x3xf32>, tensor<*xf32>) -> tensor<*xf32>
  %out:2 = "graph.TensorArrayV3"(%size) {dtype = f32} : (tensor<*xi32>) -> (tensor<!graph.resource>, tensor<*xf32>)
  %row = "graph.TensorArrayReadV3"(%in#0, %one, %inflow) {dtype = f32} : (tensor<!graph.resource>, tensor<i32>, tensor<*xf32>) -> tensor<*xf32>
  %a = graph.Tanh %row : (tensor<*xf32>) -> tensor<*xf32>
  %f1 = "graph.TensorArrayWriteV3"(%out#0, %one, %a, %out#1) {T = f32} : (tensor<!graph.resource>, tensor<i32>, tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  %b = graph.Neg %a : (tensor<*xf32>) -> tensor<*xf32>
  %f2 = "graph.TensorArrayWriteV3"(%out#0, %zero, %b, %f1) {T = f32} : (tensor<!graph.resource>, tensor<i32>, tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  %exit = graph.Identity %f2 : (tensor<*xf32>) -> tensor<*xf32>
  %stacked = "graph.TensorArrayGatherV3"(%out#0, %all, %exit) {dtype = f32} : (tensor<!graph.resource>, tensor<*xi32>, tensor<*xf32>) -> tensor<*xf32>
  %source = "graph.TensorArrayGatherV3"(%in#0, %all, %inflow) {dtype = f32} : (tensor<!graph.resource>, tensor<*xi32>, tensor<*xf32>) -> tensor<*xf32>
  return %stacked, %source : tensor<*xf32>, tensor<*xf32>
}

// -----

// A TensorArray read past its size is an error naming the op.
func.func @tf1_read_past_end(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %two = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32>
  %idx = graph.Const {value = dense<[0, 1]> : tensor<2xi32>} : tensor<2xi32>
  %in:2 = "graph.TensorArrayV3"(%two) {dtype = f32} : (tensor<i32>) -> (tensor<!graph.resource>, tensor<*xf32>)
  %flow = "graph.TensorArrayScatterV3"(%in#0, %idx, %x, %in#1) {T = f32} : (tensor<!graph.resource>, tensor<2xi32>, tensor<2x3xf32>, tensor<*xf32>) -> tensor<*xf32>
  // expected-error @+1 {{TensorArrayReadV3: index 2 is outside the TensorArray's 2 items}}
  %row = "graph.TensorArrayReadV3"(%in#0, %two, %flow) {dtype = f32} : (tensor<!graph.resource>, tensor<i32>, tensor<*xf32>) -> tensor<*xf32>
  return %row : tensor<*xf32>
}

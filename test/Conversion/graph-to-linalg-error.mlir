// RUN: graph-opt %s -graph-to-linalg -split-input-file -verify-diagnostics

// Ops without a lowering, registered or not, are listed in one error at the
// function: count and first node per op type, in order of first use.

// expected-error @below {{unsupported TensorFlow ops: Foo (2 nodes, first 'a/foo'), VariableV2 (1 node, first 'v')}}
func.func @unsupported(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "graph.Foo"(%x) : (tensor<2xf32>) -> tensor<2xf32> loc("a/foo")
  %1 = "graph.Foo"(%0) : (tensor<2xf32>) -> tensor<2xf32> loc("b/foo")
  %v = graph.VariableV2 : tensor<2xf32> loc("v")
  %2 = graph.AddV2 %1, %v : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("add")
  return %2 : tensor<2xf32>
}

// -----

// A Placeholder left in the function was not fed. (Node locations carry no
// file position, hence @unknown.)

func.func @unfed_placeholder() -> tensor<2xf32> {
  // expected-error @unknown {{node 'x': Placeholder is not fed; pass --feed x[:SHAPE]}}
  %0 = graph.Placeholder : tensor<2xf32> loc("x")
  %1 = graph.Relu %0 : (tensor<2xf32>) -> tensor<2xf32> loc("relu")
  return %1 : tensor<2xf32>
}

// -----

// A dynamic feed is reported once, not at every op downstream of it.

// expected-error @unknown {{node 'input': cannot infer a static shape (type tensor<?x4xf32>); give the feed shapes with --feed NAME:SHAPE}}
func.func @dynamic_argument(%x: tensor<?x4xf32> loc("input")) -> tensor<?x4xf32> {
  %0 = graph.Relu %x : (tensor<?x4xf32>) -> tensor<?x4xf32> loc("relu")
  %1 = graph.Tanh %0 : (tensor<?x4xf32>) -> tensor<?x4xf32> loc("tanh")
  return %1 : tensor<?x4xf32>
}

// -----

// A dynamic shape that starts at an op is reported at that op.

func.func @dynamic_result(%x: tensor<2x4xf32>) -> tensor<*xf32> {
  // expected-error @unknown {{node 'r': cannot infer a static shape (type tensor<*xf32>); give the feed shapes with --feed NAME:SHAPE}}
  %0 = graph.Relu %x : (tensor<2x4xf32>) -> tensor<*xf32> loc("r")
  %1 = graph.Tanh %0 : (tensor<*xf32>) -> tensor<*xf32> loc("t")
  return %1 : tensor<*xf32>
}

// -----

// Element types and attribute combinations the lowering does not handle are
// reported before anything is converted, with the reason.

func.func @unsupported_variants(%u: tensor<4xui8>, %i: tensor<4xi32>, %x: tensor<1x5x5x4xf32>, %f: tensor<3x3x2x4xf32>, %axes: tensor<1xi32>) -> (tensor<4xui8>, tensor<4xi32>, tensor<1x3x3x4xf32>, tensor<1x5x4xf32>) {
  // Neg is not defined on unsigned integers (TF's kernel is not either).
  // expected-error @unknown {{node 'neg_u8': Neg on element type ui8 is not supported}}
  %0 = graph.Neg %u : (tensor<4xui8>) -> tensor<4xui8> loc("neg_u8")
  // expected-error @unknown {{node 'sigmoid_i32': cannot lower Sigmoid: element type i32 is not supported (floating-point only)}}
  %1 = graph.Sigmoid %i : (tensor<4xi32>) -> tensor<4xi32> loc("sigmoid_i32")
  // expected-error @unknown {{node 'grouped': cannot lower Conv2D: grouped convolution (filter in-channels 2, input channels 4) is not supported}}
  %2 = graph.Conv2D %x, %f {strides = [1, 1, 1, 1], padding = "VALID"} : (tensor<1x5x5x4xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> loc("grouped")
  // expected-error @unknown {{node 'mean': cannot lower Mean: reduction_indices must be constants in [-rank, rank)}}
  %3 = graph.Mean %x, %axes : (tensor<1x5x5x4xf32>, tensor<1xi32>) -> tensor<1x5x4xf32> loc("mean")
  return %0, %1, %2, %3 : tensor<4xui8>, tensor<4xi32>, tensor<1x3x3x4xf32>, tensor<1x5x4xf32>
}

// -----

// Every problem in the function is reported in one run.

// expected-error @below {{unsupported TensorFlow ops: Bar (1 node, first 'bar')}}
func.func @all_at_once(%x: tensor<?xf32> loc("feed")) -> (tensor<?xf32>, tensor<3xf32>, tensor<3xf32>) {
  // expected-error @unknown {{node 'feed': cannot infer a static shape}}
  // expected-error @unknown {{node 'p': Placeholder is not fed; pass --feed p[:SHAPE]}}
  %p = graph.Placeholder : tensor<3xf32> loc("p")
  %0 = "graph.Bar"(%x) : (tensor<?xf32>) -> tensor<?xf32> loc("bar")
  %c = graph.Const {value = dense<1.0> : tensor<3xf32>} : tensor<3xf32> loc("c")
  %1 = graph.Relu %c : (tensor<3xf32>) -> tensor<3xf32> loc("relu")
  return %0, %p, %1 : tensor<?xf32>, tensor<3xf32>, tensor<3xf32>
}

// RUN: graph-opt %s -split-input-file -graph-infer-shapes -verify-diagnostics

func.func @bad_reshape(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %s = graph.Const {value = dense<[4, -1]> : tensor<2xi32>} : tensor<2xi32>
  // expected-error @+1 {{cannot reshape 'tensor<2x3xf32>' to shape with 4 known elements}}
  %r = graph.Reshape %x, %s : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

// -----

func.func @bad_axis(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %a = graph.Const {value = dense<[2]> : tensor<1xi32>} : tensor<1xi32>
  // expected-error @+1 {{reduction index 2 is out of range for rank 2}}
  %m = graph.Mean %x, %a : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<*xf32>
  return %m : tensor<*xf32>
}

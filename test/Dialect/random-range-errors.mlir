// RUN: graph-opt %s -split-input-file -verify-diagnostics
// Verifier rules of RandomUniform (GraphMiscOps.cpp) and Range
// (GraphArrayShapeOps.cpp).

func.func @random_shape_type(%s: tensor<2xf32>) {
  // expected-error @+1 {{shape must be int32 or int64, got 'tensor<2xf32>'}}
  %0 = graph.RandomUniform %s : (tensor<2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @random_shape_rank(%s: tensor<2x2xi32>) {
  // expected-error @+1 {{shape must be 1-D, got 'tensor<2x2xi32>'}}
  %0 = graph.RandomUniform %s : (tensor<2x2xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @random_dtype(%s: tensor<2xi32>) {
  // expected-error @+1 {{dtype must be a float type, got 'i32'}}
  %0 = graph.RandomUniform %s : (tensor<2xi32>) -> tensor<*xi32>
  return
}

// -----

func.func @range_types(%a: tensor<i32>, %b: tensor<f32>) {
  // expected-error @+1 {{limit has element type 'f32' but the output has 'i32'}}
  %0 = graph.Range %a, %b, %a : (tensor<i32>, tensor<f32>, tensor<i32>) -> tensor<*xi32>
  return
}

// -----

func.func @range_rank(%a: tensor<i32>, %v: tensor<2xi32>) {
  // expected-error @+1 {{'delta' must be a scalar, got 'tensor<2xi32>'}}
  %0 = graph.Range %a, %a, %v : (tensor<i32>, tensor<i32>, tensor<2xi32>) -> tensor<*xi32>
  return
}

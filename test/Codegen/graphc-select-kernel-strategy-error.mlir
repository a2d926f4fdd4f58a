// RUN: graph-opt %s -graphc-select-kernel-strategy="vector-width=0" -verify-diagnostics -split-input-file

// expected-error @+1 {{graphc-select-kernel-strategy: vector-width must be at least 1}}
func.func @zero_width(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  return %x : tensor<4x64xf32>
}

// RUN: graph-opt %s -graphc-lower-strided-memref-copy -verify-diagnostics

func.func @unranked(%u: memref<*xf32>, %v: memref<*xf32>) {
  // expected-error @+1 {{graphc cannot lower a copy of unranked memrefs without the MLIR runtime library}}
  memref.copy %u, %v : memref<*xf32> to memref<*xf32>
  return
}

// RUN: graph-opt %s -graphc-plan-memory=alignment=48 -verify-diagnostics

// expected-error @below {{graphc-plan-memory: alignment must be a power of 2}}
module {
  func.func @f(%x: memref<3xf32>) {
    return
  }
}

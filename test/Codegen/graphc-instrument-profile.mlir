// RUN: graph-opt %s -graphc-instrument-profile | FileCheck %s

// Two kernels (the loop nest, the copy), each bracketed by cycle-counter
// reads whose difference is added atomically to its slot; slot 2 counts the
// whole call. Kernels are named by their root node (the contraction's node
// for the loop nest), with the op types of all their nodes and their FLOPs
// from graphc.node_types / graphc.node_flops.
// CHECK: module attributes {graphc.node_flops = {conv = 100 : i64}, graphc.node_types = {conv = "Conv2D", relu = "Relu", x = "Placeholder"}, graphc.profile = {{\[}}["conv", "Relu+Conv2D", 100], ["x", "Placeholder", 0]]}
// CHECK: llvm.mlir.global external @f_profile_cycles(dense<0> : tensor<3xi64>) {{.*}} : !llvm.array<3 x i64>
// CHECK-LABEL: func.func @f
// CHECK:       %[[T:.*]] = llvm.call_intrinsic "llvm.readcyclecounter"() : () -> i64
// CHECK:       %[[T0:.*]] = llvm.call_intrinsic "llvm.readcyclecounter"() : () -> i64
// CHECK:       scf.for
// CHECK:       %[[T1:.*]] = llvm.call_intrinsic "llvm.readcyclecounter"() : () -> i64
// CHECK:       %[[D:.*]] = llvm.sub %[[T1]], %[[T0]] : i64
// CHECK:       llvm.getelementptr %{{.*}}[0, 0]
// CHECK:       llvm.atomicrmw add %{{.*}}, %[[D]] monotonic
// CHECK:       memref.copy
// CHECK:       llvm.getelementptr %{{.*}}[0, 1]
// CHECK:       llvm.atomicrmw add
// CHECK:       llvm.sub %{{.*}}, %[[T]] : i64
// CHECK:       llvm.getelementptr %{{.*}}[0, 2]
// CHECK:       llvm.atomicrmw add
// CHECK-NEXT:  return
module attributes {graphc.node_flops = {conv = 100 : i64}, graphc.node_types = {conv = "Conv2D", relu = "Relu", x = "Placeholder"}} {
  func.func @f(%a: memref<4xf32>, %b: memref<4xf32>, %o: memref<4xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      %x = memref.load %a[%i] : memref<4xf32> loc("relu")
      %v = vector.broadcast %x : f32 to vector<4xf32> loc("conv")
      %r = vector.fma %v, %v, %v : vector<4xf32> loc("conv")
      %s = vector.extract %r[0] : f32 from vector<4xf32> loc("relu")
      memref.store %s, %o[%i] : memref<4xf32> loc("relu")
    } loc("relu")
    memref.copy %a, %b : memref<4xf32> to memref<4xf32> loc("x")
    return
  }
}

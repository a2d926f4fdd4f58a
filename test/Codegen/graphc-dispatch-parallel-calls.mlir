// RUN: graph-opt %s -graphc-dispatch-parallel-calls=threads=2 | FileCheck %s
// RUN: graph-opt %s -graphc-dispatch-parallel-calls=threads=1 | FileCheck %s --check-prefix=SERIAL
// The call of an outlined loop over its 7 iterations becomes a call of the
// pool with a task that unpacks the captures (a pointer and a float) from
// a frame on the caller's stack. With one thread nothing changes.

// CHECK-LABEL: llvm.func @f(
// CHECK-SAME:    %[[P:.*]]: !llvm.ptr, %[[X:.*]]: f32)
// CHECK:         %[[FRAME:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(ptr, f32)>
// CHECK:         %[[F0:.*]] = llvm.getelementptr %[[FRAME]][0, 0]
// CHECK:         llvm.store %[[P]], %[[F0]]
// CHECK:         %[[F1:.*]] = llvm.getelementptr %[[FRAME]][0, 1]
// CHECK:         llvm.store %[[X]], %[[F1]]
// CHECK:         %[[TASK:.*]] = llvm.mlir.addressof @body_task
// CHECK:         %[[T:.*]] = llvm.mlir.constant(2 : i32)
// CHECK:         llvm.call @graphc_rt_parallel_for(%[[TASK]], %[[FRAME]], %{{.*}}, %[[T]])
// CHECK-NOT:     llvm.call @body(
// CHECK:       llvm.func internal @body_task(%[[CTX:.*]]: !llvm.ptr, %[[FIRST:.*]]: i64, %[[LAST:.*]]: i64)
// CHECK:         %[[A:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK:         %[[B:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK:         llvm.call @body(%[[FIRST]], %[[LAST]], %[[A]], %[[B]])
// SERIAL:      llvm.call @body(
// SERIAL-NOT:  graphc_rt_parallel_for
llvm.func @body(%first: i64, %last: i64, %p: !llvm.ptr, %x: f32) attributes {graphc.parallel_body} {
  llvm.return
}
llvm.func @f(%p: !llvm.ptr, %x: f32) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c7 = llvm.mlir.constant(7 : i64) : i64
  llvm.call @body(%c0, %c7, %p, %x) : (i64, i64, !llvm.ptr, f32) -> ()
  llvm.return
}

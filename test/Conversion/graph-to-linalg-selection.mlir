// RUN: graph-opt %s -graph-to-linalg -split-input-file | FileCheck %s
// TopKV2 (SelectionPatterns.cpp): an scf.for over the k slots; each slot is
// one linalg.generic reducing every row to the greatest (value, index) pair
// after the previous slot's pick, inserted as column `slot` of the results.

// CHECK-LABEL: func.func @top_k
// CHECK:         %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK:         %[[PV:.*]] = linalg.fill ins(%[[INF]] : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK:         %[[K:.*]] = arith.constant 3 : index
// CHECK:         scf.for %[[SLOT:.*]] = %{{.*}} to %[[K]] step %{{.*}} iter_args(%[[V:.*]] = %{{.*}}, %[[I:.*]] = %{{.*}}, %{{.*}} = %[[PV]], %{{.*}} = %{{.*}}) -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2xf32>, tensor<2xi32>)
// CHECK:           %[[BEST:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:             %[[IDX:.*]] = arith.index_cast
// CHECK:             arith.cmpi slt, %[[PI:.*]], %[[IDX]] : i32
// CHECK:             arith.cmpf ogt, %[[PV2:.*]], %[[X:.*]] : f32
// CHECK:             arith.cmpi slt, %[[IDX]], %[[BI:.*]] : i32
// CHECK:             arith.cmpf ogt, %[[X]], %[[BV:.*]] : f32
// CHECK:             arith.select
// CHECK:             linalg.yield
// CHECK:           tensor.insert_slice %[[BEST]]#0 into %[[V]][0, %[[SLOT]]] [2, 1] [1, 1] : tensor<2xf32> into tensor<2x3xf32>
// CHECK:           tensor.insert_slice %[[BEST]]#1 into %[[I]][0, %[[SLOT]]] [2, 1] [1, 1] : tensor<2xi32> into tensor<2x3xi32>
// CHECK:           scf.yield
func.func @top_k(%x: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi32>) {
  %k = graph.Const {value = dense<3> : tensor<i32>} : tensor<i32> loc("k")
  %0:2 = graph.TopKV2 %x, %k : (tensor<2x5xf32>, tensor<i32>) -> (tensor<2x3xf32>, tensor<2x3xi32>) loc("top")
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xi32>
}

// -----

// uint8 compares unsigned (200 > 100, which i8 would say is -56 < 100).
// CHECK-LABEL: func.func @top_k_unsigned
// CHECK:         linalg.generic
// CHECK:           arith.cmpi ugt
// CHECK-NOT:       arith.cmpi sgt, %{{.*}}, %{{.*}} : i8
func.func @top_k_unsigned(%x: tensor<6xui8>) -> (tensor<2xui8>, tensor<2xi32>) {
  %k = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32> loc("k")
  %0:2 = graph.TopKV2 %x, %k : (tensor<6xui8>, tensor<i32>) -> (tensor<2xui8>, tensor<2xi32>) loc("top")
  return %0#0, %0#1 : tensor<2xui8>, tensor<2xi32>
}

// -----

// NonMaxSuppressionV5, padded: an scf.for over the 3 candidates; each step
// picks the next (score desc, index asc) candidate in an inner loop, and
// keeps it (tensor.insert at the kept count) when its score passes the
// threshold, fewer than 2 are kept, and no kept box overlaps it by IoU >
// iou_threshold (a loop up to the kept count). The results are the padded
// indices and scores and the count.
// CHECK-LABEL: func.func @nms_padded
// CHECK:         %[[THR:.*]] = tensor.extract %arg2[] : tensor<f32>
// CHECK:         %[[LOOP:.*]]:5 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args({{.*}}) -> (tensor<2xi32>, tensor<2xf32>, index, f32, i32)
// CHECK:           %[[PICK:.*]]:2 = scf.for
// CHECK:             tensor.extract %arg1[%{{.*}}] : tensor<3xf32>
// CHECK:           arith.cmpf ogt, %[[PICK]]#0, %{{.*}} : f32
// CHECK:           scf.if
// CHECK:             scf.for %{{.*}} = %{{.*}} to %{{.*}} step
// CHECK:               arith.divf
// CHECK:               arith.cmpf ogt, %{{.*}}, %[[THR]] : f32
// CHECK:             scf.if
// CHECK:               tensor.insert %[[PICK]]#1 into
// CHECK:         %[[N:.*]] = arith.index_cast %[[LOOP]]#2 : index to i32
// CHECK:         %[[VALID:.*]] = tensor.from_elements %[[N]] : tensor<i32>
// CHECK:         return %[[LOOP]]#0, %[[LOOP]]#1, %[[VALID]]
func.func @nms_padded(%boxes: tensor<3x4xf32>, %scores: tensor<3xf32>, %iou: tensor<f32>) -> (tensor<2xi32>, tensor<2xf32>, tensor<i32>) {
  %max = graph.Const {value = dense<2> : tensor<i32>} : tensor<i32> loc("max")
  %thr = graph.Const {value = dense<0.1> : tensor<f32>} : tensor<f32> loc("thr")
  %sigma = graph.Const {value = dense<0.0> : tensor<f32>} : tensor<f32> loc("sigma")
  %0:3 = graph.NonMaxSuppressionV5 %boxes, %scores, %max, %iou, %thr, %sigma {pad_to_max_output_size = true} : (tensor<3x4xf32>, tensor<3xf32>, tensor<i32>, tensor<f32>, tensor<f32>, tensor<f32>) -> (tensor<2xi32>, tensor<2xf32>, tensor<i32>) loc("nms")
  return %0#0, %0#1, %0#2 : tensor<2xi32>, tensor<2xf32>, tensor<i32>
}

//===- Passes.td - graphc conversion passes ----------------*- tablegen -*-===//
//
// Passes that lower the graph dialect to upstream MLIR dialects.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_CONVERSION_PASSES_TD
#define GRAPHC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def GraphToLinalgPass : Pass<"graph-to-linalg", "mlir::func::FuncOp"> {
  let summary = "Lower graph ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites a frozen, shape-inferred graph function into upstream MLIR on
    tensors, with TensorFlow's numerics (no fast-math): graph.Const becomes
    arith.constant, MatMul linalg.matmul (transposes as indexing maps),
    Conv2D tensor.pad + linalg.conv_2d_nhwc_hwcf (TF's SAME/EXPLICIT
    padding; NCHW through linalg.transpose), MaxPool/AvgPool linalg pooling
    ops (AvgPool SAME divides by the number of non-padded elements per
    window, like TF), broadcasting elementwise ops linalg.generic, Softmax and
    Mean linalg.reduce + linalg.generic, Reshape tensor.collapse_shape /
    tensor.expand_shape, and the identity ops forward their operand.

    Before converting, the pass checks the whole function at once and fails
    with one diagnostic per problem:
    * TF ops without a lowering (including unregistered `graph.*` ops) are
      listed in one error at the function, with a count and the first node
      name per op type;
    * a graph.Placeholder still in the function was not fed (`--feed`);
    * every function argument and graph op result must have a static shape;
      the error names the first node where a dynamic shape appears;
    * element types other than f16/bf16/f32/f64 and i1/i8/i16/i32/i64, and
      op variants a pattern does not handle (e.g. grouped Conv2D, integer
      Sigmoid, non-constant Mean axes) are reported per node with the reason.

    After the conversion, constants that only fed compile-time operands
    (Reshape's shape, Mean's axes) are erased.

    Example:

    ```mlir
    func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
      %b = graph.Const {value = dense<1.0> : tensor<3xf32>} : tensor<3xf32> loc("b")
      %y = graph.BiasAdd %x, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32> loc("y")
      %r = graph.Relu %y : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("r")
      return %r : tensor<2x3xf32>
    }
    ```

    becomes

    ```mlir
    func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
      %b = arith.constant dense<1.0> : tensor<3xf32>
      %e = tensor.empty() : tensor<2x3xf32>
      %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>,
                                            affine_map<(d0, d1) -> (d1)>,
                                            affine_map<(d0, d1) -> (d0, d1)>],
                           iterator_types = ["parallel", "parallel"]}
          ins(%x, %b : tensor<2x3xf32>, tensor<3xf32>) outs(%e : tensor<2x3xf32>) {
        ^bb0(%in: f32, %bias: f32, %out: f32):
          %s = arith.addf %in, %bias : f32
          linalg.yield %s : f32
      } -> tensor<2x3xf32>
      %r = linalg.generic ... { arith.maximumf %in, %zero : f32 ... }
      return %r : tensor<2x3xf32>
    }
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect",
    "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect",
  ];
}

#endif // GRAPHC_CONVERSION_PASSES_TD

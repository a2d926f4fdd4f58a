//===- Passes.td - graph-level passes ----------------------*- tablegen -*-===//
//
// The passes that turn an imported graph into a frozen, shaped, folded one.
// Each can run alone in graph-opt under the flag given here.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TRANSFORMS_PASSES_TD
#define GRAPHC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def GraphPrune : Pass<"graph-prune", "mlir::func::FuncOp"> {
  let summary = "Keep only what the fetches need";
  let description = [{
    Erases every op the function's results do not depend on (through data
    edges): initializers, Assign ops, save/restore subgraphs, NoOps, unused
    variables and unsupported ops that nothing needs. Runs after freezing,
    which still needs the initializers.

    Before:
    ```mlir
    %v = graph.VariableV2 ... ; %init = graph.Assign %v, %c ... ; return %x
    ```
    After: only the ops `return` transitively uses.
  }];
}

def GraphFreezeVariables : Pass<"graph-freeze-variables", "mlir::func::FuncOp"> {
  let summary = "Replace every variable read with a constant holding its value";
  let description = [{
    What TF's `convert_variables_to_constants` does, without TensorFlow.
    Handles TF1 ref variables (`VariableV2`/`Variable`, read directly or via
    `Identity(x/read)`) and resource variables (`VarHandleOp` +
    `ReadVariableOp`). Values come from a value source; the one built in here
    reads constant initializers (`Assign`/`AssignVariableOp` whose value folds
    to a constant); checkpoints plug in through the same interface
    (`graphc::VariableValueSource`).

    Refuses, with an error naming the writing node and the path from the
    fetch, a variable that an op the fetches depend on writes; and a variable
    the fetches read that has no value.

    Before:
    ```mlir
    %w = graph.VariableV2 : tensor<2xf32>
    %c = graph.Const {value = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<2xf32>
    %a = graph.Assign %w, %c : ...
    %r = graph.Identity %w : ...
    ```
    After: `%r`'s users read `graph.Const {value = dense<[1.0, 2.0]>}`.
  }];
}

def GraphInferShapes : Pass<"graph-infer-shapes", "mlir::func::FuncOp"> {
  let summary = "Propagate static shapes from the feeds through the graph";
  let description = [{
    Visits ops in order and lets each op that implements
    `ShapeInferenceOpInterface` refine its result types from its operands
    (and constant shape operands), then updates the function's result types.
    Unknown ops keep their types. Fails only on inconsistent shapes.
  }];
}

def GraphSimplify : Pass<"graph-simplify", "mlir::func::FuncOp"> {
  let summary = "Shape inference and folding, repeated until nothing changes";
  let description = [{
    Alternates `graph-infer-shapes` and the canonicalization patterns (op
    folders included) until neither changes the function. Shape chains
    computed at run time (Shape -> StridedSlice -> ExpandDims -> ConcatV2 ->
    Fill, as RNN zero states are built) need one round per link: a folder
    often needs its operand's inferred type, and inference needs the folded
    constant. A fixed number of rounds would leave long chains dynamic.
  }];
  let options = [
    Option<"maxIterations", "max-iterations", "unsigned", /*default=*/"32",
           "Give up (with an error) after this many rounds">
  ];
}

#endif // GRAPHC_TRANSFORMS_PASSES_TD

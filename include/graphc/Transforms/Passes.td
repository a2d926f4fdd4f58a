//===- Passes.td - graph-level passes ----------------------*- tablegen -*-===//
//
// The passes that turn an imported graph into a frozen, shaped, folded one.
// Each can run alone in graph-opt under the flag given here.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_TRANSFORMS_PASSES_TD
#define GRAPHC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def GraphInlineControlFlow : Pass<"graph-inline-control-flow", "mlir::ModuleOp"> {
  let summary = "Unroll fixed-count While loops and inline If branches";
  let description = [{
    TF2 control flow (and TF1's, raised to it at import by
    lib/Import/RaiseWhileLoops.cpp and RaiseSwitchMerge.cpp) is
    functional: `While` / `StatelessWhile` (Keras's LSTM
    and GRU over their time steps) name their condition and body, `If` /
    `StatelessIf` (`tf.cond`) their `then_branch` and `else_branch`, as
    functions, imported as private funcs (lib/Import/ImportLoopFunctions.cpp).
    graphc compiles one static graph, so in each public function:

    - a loop is replaced by copies of its body: the condition is cloned on
      the current loop values and folded; true -> the body is cloned (each op
      folded as it is cloned, so counters stay constants), false -> the
      loop's results are the values. A condition that does not fold to a
      constant (a trip count that depends on fed data) is an error naming
      the loop. Cloned ops are named `LOOP/iteration_K/NODE`.
    - an If whose condition folds to a constant is replaced by the branch it
      takes (`IF/then/NODE` or `IF/else/NODE`). Otherwise both branches are
      inlined and each result is a `SelectV2` on the (scalar bool)
      condition: TF's branches in an inference graph are pure, so computing
      both is the same function, at the price of the branch not taken. A
      non-bool or non-scalar run-time condition is an error naming the If.

    Loops and Ifs inside bodies and branches are handled as they appear;
    the functions are erased afterwards.

    Before:
    ```mlir
    %r:2 = graph.While %i0, %x {body = @body, cond = @cond, T = [i32, f32]}
    %y = graph.If %p, %x {then_branch = @then, else_branch = @else}
    ```
    After: `max-trip-count` bounds the iterations, `max-ops` the ops cloned
    in all, `max-fold-bytes` the dense constants the folds of cloned ops
    make in all (each fold is bounded alone, but not their sum), so a
    hostile loop is refused instead of exhausting memory.
  }];
  let options = [
    Option<"maxTripCount", "max-trip-count", "int64_t", /*default=*/"100000",
           "Refuse a loop that runs more iterations than this">,
    Option<"maxOps", "max-ops", "int64_t", /*default=*/"2000000",
           "Refuse to clone more ops than this in all">,
    Option<"maxFoldBytes", "max-fold-bytes", "int64_t",
           /*default=*/"1073741824",
           "Refuse to fold more bytes of dense constants than this in all">
  ];
}

def GraphLowerTensorLists : Pass<"graph-lower-tensor-lists", "mlir::func::FuncOp"> {
  let summary = "Replace TensorList ops with known indices by tensor ops";
  let description = [{
    TF2 loops carry their per-step inputs and outputs in TensorLists
    (`TensorListFromTensor`, `TensorListReserve`, `TensorListGetItem`,
    `TensorListSetItem`, `TensorListStack`). Once `graph-inline-control-flow` has
    made every index a constant, each list is a known sequence of tensors:
    GetItem of a FromTensor list is a GatherV2 of the source along dim 0,
    GetItem of a set item is that item, Stack is a Pack of the items. A list
    whose index is not a constant, an item read before it is set, or a
    Stack with unset items is an error naming the op.

    TF1's TensorArrays (`TensorArrayV3` and its `Scatter`, `Read`, `Write`,
    `Gather`, `Size`, `Close` V3 ops, what `dynamic_rnn` unrolls over) are
    lowered the same way, an array's contents being those of its "flow"
    value, the float scalar TF threads from every write to the next read.
    Sizes and indices computed from shapes (`Range(0, Shape(x)[1])`) are
    folded on demand first (FoldValues.h).
  }];
}

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

    `keep-variables` (graph-compile `--keep-variable NAME`) names variables
    to leave mutable: each becomes a new function argument after the feeds,
    in the order given (arg attrs `graph.feed` = its name, `graph.variable`,
    and `graph.initial_value` = the value it would have been frozen to, so
    callers can start from it), and its reads read that argument. A kept
    variable still needs a value, must be read by the fetches, and must not
    be written by them.
  }];
  let options = [
    ListOption<"keepVariables", "keep-variables", "std::string",
               "Variables to turn into inputs instead of constants">
  ];
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
    Alternates shape inference and the canonicalization patterns (op
    folders included) until neither changes the function. Shape chains
    computed at run time (Shape -> StridedSlice -> ExpandDims -> ConcatV2 ->
    Fill, as RNN zero states are built) need both in turn: a folder often
    needs its operand's inferred type, and inference needs the folded
    constant. So each round starts with one walk in program order that
    refines each op's types and folds it at once, which resolves a whole
    chain (and every chain after it) in one round; then inference and the
    patterns run as before.
  }];
  let options = [
    Option<"maxIterations", "max-iterations", "unsigned", /*default=*/"32",
           "Give up (with an error) after this many rounds">
  ];
}

//===----------------------------------------------------------------------===//
// Graph optimizations (run after graph-simplify, before graph-to-linalg)
//===----------------------------------------------------------------------===//

def GraphFoldBatchNorm : Pass<"graph-fold-batch-norm", "mlir::func::FuncOp"> {
  let summary = "Fold inference batch norms into the preceding conv/matmul weights";
  let description = [{
    A `FusedBatchNorm`/`V2`/`V3` with `is_training = false`, NHWC, constant
    scale/offset/mean/variance, only `y` used, whose input is a `Conv2D`,
    `DepthwiseConv2dNative` (NHWC) or `MatMul` with constant f32 weights,
    possibly followed by a bias (`BiasAdd`/`Add`/`AddV2`/`Sub` of a
    per-channel constant), becomes that op with scaled weights and one
    `BiasAdd`:

    ```
    f = scale * rsqrt(variance + epsilon)      (TF's kernel's factor, f32)
    BN(conv(x, W) + b) = conv(x, W * f) + ((b - mean) * f + offset)
    ```

    Why: grappler, the TFLite converter and OpenVINO's MO all do it; it
    removes an elementwise pass over the activation and leaves the
    conv + bias (+ activation) shape that codegen fuses. Only single-use
    intermediates are folded (a conv result used twice keeps its value) and
    only with static shapes. A `_FusedConv2D` / `FusedDepthwiseConv2dNative`
    whose `fused_ops` start with `FusedBatchNorm` (grappler's remapper makes
    them) is folded in place the same way: its epilogue then starts with
    `BiasAdd`. The Mul/Add chains a batch norm is unfused into are
    `graph-fold-scale-shift`'s.

    Before:
    ```mlir
    %c = graph.Conv2D %x, %w {padding = "SAME", strides = [1, 1, 1, 1]} : ...
    %y, ... = graph.FusedBatchNormV3 %c, %scale, %offset, %mean, %var {is_training = false} : ...
    ```
    After:
    ```mlir
    %c = graph.Conv2D %x, %w_times_f {padding = "SAME", strides = [1, 1, 1, 1]} : ...
    %y = graph.BiasAdd %c, %shift : ...
    ```
  }];
}

def GraphFoldScaleShift : Pass<"graph-fold-scale-shift", "mlir::func::FuncOp"> {
  let summary = "Fold constant Mul/Add after a conv/matmul into its weights and bias";
  let description = [{
    After a `Conv2D`, `DepthwiseConv2dNative` (NHWC) or `MatMul` with
    constant f32 weights whose result has one use:

    - `Mul` by a per-output-channel or scalar constant (either operand
      order, any rank of 1s before the channels) is multiplied into the
      weights, and into the bias when a bias sits between them:
      `Mul(BiasAdd(conv(x, W), b), s) -> BiasAdd(conv(x, W * s), b * s)`;
    - `Add`/`AddV2` of such a constant, or `Sub` of one, becomes the op's
      `BiasAdd`;
    - two consecutive bias-likes (`BiasAdd`/`Add`/`AddV2`/`Sub` of
      per-channel constants, the inner one single-use) merge into one
      `BiasAdd(x, b + c)`, after any op.

    Why: a batch norm unfused into `x * s + t` (Keras, TF.js's converter) and
    explicit scale layers then cost nothing at run time; grappler's
    arithmetic optimizer / remapper, the TFLite converter and OpenVINO's MO
    fold these. The weights are rescaled once at compile time in f32.

    Before:
    ```mlir
    %c = graph.Conv2D %x, %w ... ; %m = graph.Mul %c, %s ; %a = graph.AddV2 %m, %t
    ```
    After:
    ```mlir
    %c = graph.Conv2D %x, %w_times_s ... ; %a = graph.BiasAdd %c, %t
    ```
  }];
}

def GraphFoldPad : Pass<"graph-fold-pad", "mlir::func::FuncOp"> {
  let summary = "Fold zero Pad into the padding of the Conv2D/depthwise conv it feeds";
  let description = [{
    A `Pad` (or `PadV2` with a zero `constant_values`) with constant
    paddings that pad only H and W of an NHWC tensor, feeding a `Conv2D` or
    `DepthwiseConv2dNative` (or `_FusedConv2D` / `FusedDepthwiseConv2dNative`;
    NHWC, SAME/VALID/EXPLICIT), is folded into the
    conv's padding: the sum of both is written as `SAME` when it equals what
    SAME gives for the unpadded input (Keras' `ZeroPadding2D(((0,1),(0,1)))`
    before a stride-2 VALID conv), `VALID` when it is zero, else `EXPLICIT`
    with `explicit_paddings`. Both convs lower EXPLICIT padding like SAME (one
    `tensor.pad`). Why: saves a padded copy of the activation and gives
    codegen one op that knows its border; the TFLite converter and MO do the
    same.

    Before:
    ```mlir
    %p = graph.Pad %x, %paddings_0_1 ; %c = graph.DepthwiseConv2dNative %p, %w {padding = "VALID", strides = [1, 2, 2, 1]}
    ```
    After:
    ```mlir
    %c = graph.DepthwiseConv2dNative %x, %w {padding = "SAME", strides = [1, 2, 2, 1]}
    ```
  }];
}

def GraphFusePrelu : Pass<"graph-fuse-prelu", "mlir::func::FuncOp"> {
  let summary = "Turn the unfused PReLU pattern into one graph.Prelu";
  let description = [{
    `Sub(Relu(x), Mul(a, Relu(Neg(x))))` (TF.js's converter writes `Neg(x)`
    as `Mul(x, -1)`) and Keras' `Add(Relu(x), Mul(c, Relu(Neg(x))))`, with a
    constant `a` / `c` and every intermediate single-use, become
    `Prelu(x, a)` / `Prelu(x, -c)`. Both are bit-exact rewrites: one of the
    two Relus is zero, and negation and `0 - y` are exact. Why: five full
    passes over the activation become one (FaceMesh's unfused graph has 28);
    the TFLite converter does the same fusion into `tfl.prelu`.

    Before:
    ```mlir
    %p = graph.Relu %x ; %n = graph.Mul %x, %minus_one ; %r = graph.Relu %n
    %m = graph.Mul %r, %alpha ; %y = graph.Sub %p, %m
    ```
    After:
    ```mlir
    %y = graph.Prelu %x, %alpha
    ```
  }];
}

def GraphFoldLayout : Pass<"graph-fold-layout", "mlir::func::FuncOp"> {
  let summary = "Compose transposes, collapse reshape chains, trivial transposes to reshapes";
  let description = [{
    What `canonicalize` leaves (its folders already remove identity
    `Transpose`/`Reshape`/`Squeeze`/`ExpandDims` and evaluate them on
    constants):

    - `Transpose(Transpose(x, p), q)` becomes `Transpose(x, r)` with
      `r[i] = p[q[i]]`, which the Transpose folder removes when `r` is the
      identity (NCHW<->NHWC pairs converters leave);
    - a `Reshape`/`Squeeze`/`ExpandDims` of a `Reshape`/`Squeeze`/
      `ExpandDims` becomes one `Reshape` of the source, which folds away
      when it restores the source's type (MoveNet's `Squeeze` +
      `ExpandDims` of its input);
    - a `Transpose` with static shapes that only moves size-1 dims is a
      `Reshape` (a collapse/expand instead of a copy).

    Why: layout ops are pure data movement; grappler's arithmetic optimizer
    and the TFLite converter remove them the same way.

    Before:
    ```mlir
    %a = graph.Transpose %x, %to_nchw ; %b = graph.Transpose %a, %to_nhwc
    ```
    After: `%b`'s users read `%x`.
  }];
}

#endif // GRAPHC_TRANSFORMS_PASSES_TD

//===- Passes.td - codegen passes --------------------------*- tablegen -*-===//
//
// The passes of graphc's code generator: from linalg on tensors (the output
// of graph-to-linalg) to the LLVM dialect. The pipeline that strings them
// together with upstream MLIR passes is buildLinalgToLLVMPipeline
// (graphc/Codegen/Pipeline.h); each pass can run alone in graph-opt.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_CODEGEN_PASSES_TD
#define GRAPHC_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def MarkFeedsReadOnly : Pass<"graphc-mark-feeds-read-only", "mlir::ModuleOp"> {
  let summary = "Mark the tensor arguments of public functions non-writable";
  let description = [{
    One-shot bufferization treats function arguments as writable: an op that
    updates a feed "in place" (a linalg op with the feed as `outs`) would
    overwrite the caller's input buffer, which the ABI promises never to
    write. Setting `bufferization.writable = false` on the tensor arguments
    of public functions makes bufferization copy instead.
  }];
}

def CopyRepeatedResults : Pass<"graphc-copy-repeated-results", "mlir::ModuleOp"> {
  let summary = "Give every result of a public function its own tensor";
  let description = [{
    Every fetch is written to its own caller-owned buffer, so the value
    each result of a public function returns must be a tensor of its own:
    a function argument (a feed fetched as it is) or a value returned twice
    (two fetches that compute the same thing, merged by CSE) gets a
    `linalg.copy` into a fresh tensor; after bufferization, a buffer
    returned twice (two results bufferized into one buffer) gets a
    `memref.copy` into a fresh allocation. Upstream's
    buffer-results-to-out-params expects exactly that (it crashes on a
    memref returned twice). The pipeline runs it after bufferization, where
    it sees both cases (on tensors, empty-tensor elimination would turn the
    copy's fresh tensor back into the copied value).
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
                           "mlir::memref::MemRefDialect"];
}

def LowerStridedMemRefCopy : Pass<"graphc-lower-strided-memref-copy"> {
  let summary = "Rewrite strided memref.copy ops into linalg.copy";
  let description = [{
    finalize-memref-to-llvm lowers memref.copy to llvm.memcpy only when both
    sides are contiguous; any other copy (from tensor.pad, insert_slice)
    becomes a call to `memrefCopy` in libmlir_c_runner_utils, which a
    generated library must not depend on. With `vectorize` (the fast
    pipeline), a statically shaped copy becomes a loop nest over all but the
    innermost dimension that moves rows of up to 64 elements as vectors;
    otherwise (the -O0 pipeline, dynamic shapes, booleans) a linalg.copy,
    which becomes plain loops.
  }];
  let options = [
    Option<"vectorize", "vectorize", "bool", /*default=*/"false",
           "Copy statically shaped memrefs row by row with vector transfers">
  ];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::scf::SCFDialect",
                           "mlir::vector::VectorDialect", "mlir::arith::ArithDialect"];
}

def PadInPlace : Pass<"graphc-pad-in-place", "mlir::func::FuncOp"> {
  let summary = "Let the producer of a padded tensor write into the padded buffer";
  let description = [{
    Every SAME-padded convolution or pooling pads its input (`tensor.pad`),
    which bufferizes to a fill of the whole padded buffer plus a strided
    copy of the input into it: two extra passes over memory per layer. This
    pass rewrites a `tensor.pad` with a constant padding value into a
    `linalg.fill` of the padded shape, placed before the op that produces
    the padded value, and a `tensor.insert_slice` of the value into its
    interior. Empty-tensor elimination (before bufferization) then makes
    the producer compute its result directly into that interior (the
    TVM-style storage padding of CODEGEN.md): the copy disappears and only
    the fill remains, itself vectorized. Only for a value the pad is the
    only user of: bufferization would copy a value with other users back out
    of the padded buffer for each of them.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
                           "mlir::arith::ArithDialect"];
}

def SelectKernelStrategy : Pass<"graphc-select-kernel-strategy", "mlir::func::FuncOp"> {
  let summary = "Choose tile sizes per linalg op from its shapes and the target";
  let description = [{
    The one place where graphc decides how each kernel is cut into tiles,
    in the way IREE's KernelDispatch attaches a lowering configuration to
    each root op. For every linalg op on tensors with a static iteration
    space it attaches `graphc.tiles = {parallel = [...], reduction = [...]}`:
    the tile size per loop (0 = not tiled) of the register-level tile of its
    parallel loops and of its reduction loops, chosen from the op kind
    (matmul, 2-D/depthwise convolution, pooling, elementwise, reduction),
    its shapes and the target's vector width (8 fp32 lanes for AVX2, 16 for
    AVX-512):

    * matmul / batch matmul / 1x1 and KxK convolution: an output register
      tile of rows x (2 x vector width) columns, the reduction cut into short
      steps, so the accumulators stay in registers (XNNPACK's MRx16
      micro-kernel shape);
    * depthwise convolution and pooling: a few output pixels x (2 x vector
      width) channels, the filter window unrolled;
    * elementwise and reductions: the innermost parallel loop cut to a
      multiple of the vector width, reduction loops kept sequential (so
      float sums keep TensorFlow's order).

    Tile sizes divide the loop's extent where a good divisor exists (the
    largest not above the ideal size); where none does (29 pixels, 88
    channels) the ideal size is kept and graphc-tile-and-fuse peels the
    partial last tile into a loop of its own, so every tile is static and
    vectorizes without masks. When the weights outweigh the activations
    (filter tiles x taps > output pixels, or N >= M for a matmul), the
    attribute also says `interchange`: weight panels become the outer tile
    loop. `graph-opt -graphc-select-kernel-strategy` shows the choices.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"8",
           "fp32 lanes of the target's widest vector register">
  ];
}

def TileAndFuse : Pass<"graphc-tile-and-fuse", "mlir::func::FuncOp"> {
  let summary = "Tile each kernel by its strategy and fuse its elementwise neighbours";
  let description = [{
    Reads `graphc.tiles` (graphc-select-kernel-strategy) and tiles with the
    TilingInterface (`scf::tileConsumerAndFuseProducersUsingSCF`), in the
    way IREE forms dispatch regions: a convolution or matmul (the root) whose
    only user is an elementwise op (bias, activation, residual add,
    batch-norm scale, merged into one linalg.generic by
    linalg-fuse-elementwise-ops) is computed tile by tile inside that
    consumer's loops, with its zero-fill, so the epilogue runs on the tile
    while it is in registers and the root's result is never written to
    memory. The root's reduction loops are then tiled inside. Ops that are
    not part of such a group are tiled alone. Tile loops over parallel
    dimensions get a `graphc.parallel` unit attribute (their iterations
    write disjoint tiles; it survives bufferization), so a later step can
    split their iterations across threads without redoing the analysis.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::tensor::TensorDialect",
                           "mlir::affine::AffineDialect"];
}

def PackMatmulWeights : Pass<"graphc-pack-matmul-weights", "mlir::func::FuncOp"> {
  let summary = "Read the B tiles of matmuls from panels laid out contiguously";
  let description = [{
    After graphc-tile-and-fuse, each matmul tile reads a kt x nt slice of
    its B operand: kt rows N elements apart. With N a multiple of 1024
    floats those rows map to the same few cache sets and evict each other
    (a 1024^3 matmul ran at 31% of the FMA peak, TOOLCHAIN.md); XNNPACK,
    oneDNN and IREE's data tiling all read B from packed panels instead.
    This pass gives every such B a panel layout, `[ceil(N/nt), K, nt]`
    (`linalg.pack` with outer_dims_perm = [1, 0], inner tile nt on N, zero
    padded), and rewrites each tile's slice of B into the matching
    rank-reduced slice of a panel, so a tile's rows are nt elements apart
    and one panel is one contiguous K x nt block. The tiles' matmuls are
    untouched.

    A constant B is re-laid out at compile time (upstream's pack folder
    only folds splats, so the relayout of the dense data is ours): nothing
    is repacked at run time and the original constant dies. A B that is
    computed or fed is packed once per call by the lowered `linalg.pack`
    (a pad, an expand_shape and a transpose) before the loops, when there
    are at least `min-rows-to-pack` rows of A to amortize the copy over.
    Only 2-D matmuls with the default maps whose every B slice starts at a
    multiple of nt (the n tile loop's step) are rewritten.
  }];
  let options = [
    Option<"minRowsToPack", "min-rows-to-pack", "int64_t", /*default=*/"64",
           "rows of A below which a run-time B is left unpacked">
  ];
  let dependentDialects = ["mlir::tensor::TensorDialect",
                           "mlir::affine::AffineDialect"];
}

def DecomposeAndVectorize : Pass<"graphc-vectorize", "mlir::func::FuncOp"> {
  let summary = "Decompose tiled 2-D windows to 1-D and vectorize the tiles";
  let description = [{
    After tiling, convolution and pooling tiles cover one output row and one
    filter row: the upstream decomposition patterns rewrite them into 1-D
    ops (`linalg.conv_1d_nwc_wcf`, `linalg.depthwise_conv_1d_nwc_wc`,
    `linalg.pooling_nwc_*`), which the linalg vectorizer turns into
    contractions and FMAs over the filter width. Then every linalg op with a
    small static iteration space (a tile) is vectorized with
    `linalg::vectorize`; ops the vectorizer cannot handle (gathers, index
    arithmetic it refuses) stay scalar and are lowered to loops later.
    Finishes with the vector canonicalizations that forward a tile's
    written vectors to the reads of its fused epilogue.
  }];
  let options = [
    Option<"maxVectorElements", "max-vector-elements", "int64_t",
           /*default=*/"4096",
           "Leave ops with more iterations than this to loops">
  ];
  let dependentDialects = ["mlir::vector::VectorDialect", "mlir::tensor::TensorDialect",
                           "mlir::linalg::LinalgDialect"];
}

def PlanMemory : Pass<"graphc-plan-memory", "mlir::ModuleOp"> {
  let summary = "Lay every scratch buffer out in one arena at compile time";
  let description = [{
    TFLite's arena planner, at compile time: after bufferization, every
    statically shaped `memref.alloc` at the top level of a public function
    (the intermediates between kernels, after buffer-loop-hoisting moved
    the tiles' temporaries out of their loops) gets an offset in one
    workspace, chosen by liveness: a buffer lives from its allocation to
    the last top-level op that uses it or a view of it, and buffers whose
    lives overlap never share bytes. Offsets are assigned greedily,
    largest buffer first, each at the lowest 64-byte-aligned offset that
    conflicts with nothing placed; an elementwise op whose input dies where
    its output is born may get the same bytes.

    The workspace becomes a trailing `memref<Nxi8>` argument of the
    function (`graphc.workspace` on it) and its size the module attribute
    `graphc.workspace_bytes`: the exported entry point allocates it once
    per call (one malloc instead of one per buffer), and
    `NAME_with_workspace` takes it from the caller, who can then run the
    model with no allocation at all. Allocations the plan cannot place
    (dynamic sizes, inside loops) stay as they are.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"64",
           "Byte alignment of every buffer in the workspace">
  ];
  let dependentDialects = ["mlir::memref::MemRefDialect", "mlir::arith::ArithDialect"];
}

def CountFlops : Pass<"graphc-count-flops", "mlir::ModuleOp"> {
  let summary = "Record the FLOPs of each TF node's convolutions and matmuls";
  let description = [{
    For the profiler (`graph-compile --profile`): before tiling, sums
    2 x (iteration points) of every convolution, depthwise convolution,
    matmul and batch matmul per TF node (the NameLoc graph-to-linalg gives
    each op) into the module attribute `graphc.node_flops = {node = N}`.
    graphc-instrument-profile reads it to report GFLOP/s per kernel.
  }];
}

def InstrumentProfile : Pass<"graphc-instrument-profile", "mlir::ModuleOp"> {
  let summary = "Count the cycles each kernel of a public function takes";
  let description = [{
    For `graph-compile --profile`, after bufferization: every top-level
    loop nest, linalg op and copy of a public function (one kernel: a
    tiled conv/matmul with its fused epilogue, an elementwise op, a pad)
    is bracketed by reads of the cycle counter
    (`llvm.intr.readcyclecounter`: rdtsc on x86, cntvct on AArch64, no
    libc call), and their difference is added atomically (the library
    stays thread-safe) to that kernel's slot of a global counter array; the
    last slot counts the whole call. The kernels are described in the
    module attribute `graphc.profile`: per kernel the TF node it is named
    by (its root: the node of its first contraction, else of its outermost
    op), the op types of all nodes it holds (from `graphc.node_types`, set
    by the compiler before lowering), and its FLOPs (from
    `graphc.node_flops`). The entry point then exports
    `NAME_profile()` (graphc-c/Runtime.h), which graph-run --profile reads.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def OptimizeVectorTransfers : Pass<"graphc-optimize-vector-transfers", "mlir::func::FuncOp"> {
  let summary = "Keep accumulators in registers: hoist loop-invariant transfers";
  let description = [{
    Runs after bufferization. Folds subviews into the loads and stores that
    use them (so every access to an accumulator names the same base buffer
    and indices), then hoists the read/write pairs of a reduction loop's
    accumulator out of the loop (`linalg::hoistRedundantVectorTransfers`):
    a conv or matmul tile then loads its output once, runs all its FMAs on
    registers and stores once, as XNNPACK's micro-kernels do.
  }];
  let dependentDialects = ["mlir::vector::VectorDialect", "mlir::memref::MemRefDialect",
                           "mlir::affine::AffineDialect"];
}

def LowerVectors : Pass<"graphc-lower-vectors", "mlir::func::FuncOp"> {
  let summary = "Lower n-D vector ops to 1-D vectors and FMAs";
  let description = [{
    The progressive vector lowering before convert-vector-to-llvm:
    contractions to outer products (one `vector.fma` per row: the FMA
    instructions of the target), transfer permutations to broadcasts and
    transposes, multi-reductions to sequential 1-D ops (in the order of the
    reduction loop, so no reassociation), n-D transfers to 1-D loads and
    stores, transposes and shape casts to shuffles.
  }];
  let dependentDialects = ["mlir::vector::VectorDialect"];
}

def OutlineParallelLoops : Pass<"graphc-outline-parallel-loops", "mlir::ModuleOp"> {
  let summary = "Outline parallel tile loops into functions of their iteration range";
  let description = [{
    The first half of intra-op threads (--threads): every top-level
    `scf.for` marked `graphc.parallel` by graphc-tile-and-fuse, with static
    bounds, at least `min-trips` iterations, no results and no buffer
    allocated inside (hoisted, it would be shared by the iterations),
    becomes a private function `@F_parallelK(first, last, captures...)`
    that runs iterations [first, last), and a `func.call` over all of them
    (`no_inline`). Constants, globals and views the loop uses are
    recomputed inside, so every memref the function takes is a whole
    buffer. The program is unchanged (the call runs serially);
    graphc-dispatch-parallel-calls then hands each call to the thread
    pool. Runs on buffers, before the memory plan, so the plan's liveness
    sees each call as one top-level op.
  }];
  let options = [
    Option<"minTrips", "min-trips", "unsigned", /*default=*/"2",
           "Leave loops with fewer iterations serial">
  ];
  let dependentDialects = ["mlir::func::FuncDialect", "mlir::arith::ArithDialect"];
}

def DispatchParallelCalls : Pass<"graphc-dispatch-parallel-calls", "mlir::ModuleOp"> {
  let summary = "Run the calls of outlined parallel loops on the thread pool";
  let description = [{
    The second half of intra-op threads, in the LLVM dialect: each call
    `@F_parallelK(0, n, captures...)` becomes a call of
    `graphc_rt_parallel_for(@F_parallelK_task, ctx, n, threads)`, where
    `ctx` is a stack struct holding the captures and the task (a new
    internal function) loads them and calls `@F_parallelK(first, last,
    ...)` on the range the pool gives it. The pool (lib/Target/runtime,
    linked into the module) splits [0, n) into `threads` contiguous
    ranges, one per thread, the caller's among them. With `threads` <= 1
    nothing changes.
  }];
  let options = [
    Option<"threads", "threads", "unsigned", /*default=*/"1",
           "Threads the pool splits each parallel loop across">
  ];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

#endif // GRAPHC_CODEGEN_PASSES_TD

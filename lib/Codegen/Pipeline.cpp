//===- Pipeline.cpp - the codegen pipeline, stage by stage ----------------===//
//
// See graphc/Codegen/Pipeline.h. Stages 2 and 3 started from the verified
// naive-loops pipeline of ../shared/docs/TOOLCHAIN.md; stage 1 and the
// vector steps of stage 3 are the fast path.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Pipeline.h"

#include "graphc/Codegen/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/IR/ValueBoundsOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/IR/ValueBoundsOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferViewFlowOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/ControlFlow/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/ControlFlow/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Func/Extensions/InlinerExtension.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Index/IR/IndexDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/AllInterfaces.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/IR/ValueBoundsOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/Transforms/AllocationOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/Transforms/BufferViewFlowOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/IR/ValueBoundsOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/IR/TensorInferTypeOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/IR/TensorTilingInterfaceImpl.h"
#include "mlir/Dialect/Tensor/IR/ValueBoundsOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/ValueBoundsOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/Transforms/SubsetOpInterfaceImpl.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"

#include <mutex>

using namespace mlir;
using namespace graphc;

static bool wantsKernels(const CodegenOptions &options) {
  return options.tileAndVectorize && options.optLevel > 0;
}

void graphc::buildKernelPipeline(OpPassManager &pm,
                                 const CodegenOptions &options) {
  // The FLOPs per node, for the profile, before tiling hides them.
  if (options.profile)
    pm.addPass(createCountFlops());
  if (!wantsKernels(options))
    return;
  OpPassManager &f = pm.nest<func::FuncOp>();
  // Chains of elementwise ops (bias, activation, residual add, scale and
  // shift) become one linalg.generic: one pass over memory, and one
  // epilogue to fuse into the conv/matmul producing its input.
  f.addPass(createLinalgElementwiseOpFusionPass());
  f.addPass(createCanonicalizerPass());
  // Padded inputs of convolutions written in place by their producers.
  f.addPass(createPadInPlace());
  SelectKernelStrategyOptions strategy;
  strategy.vectorWidth = options.vectorWidth ? options.vectorWidth : 8;
  f.addPass(createSelectKernelStrategy(strategy));
  f.addPass(createTileAndFuse());
  f.addPass(createCanonicalizerPass());
  f.addPass(createCSEPass());
  // Contiguous panels of B for the matmul tiles just made.
  if (options.packMatmulWeights) {
    f.addPass(createPackMatmulWeights());
    f.addPass(createCanonicalizerPass());
  }
  f.addPass(createDecomposeAndVectorize());
  // Accumulators carried by the reduction loops: read before the loop,
  // written after it (tensor subsets on iter_args).
  f.addPass(createLoopInvariantSubsetHoistingPass());
  f.addPass(createCanonicalizerPass());
  f.addPass(createCSEPass());
}

void graphc::buildBufferizationPipeline(OpPassManager &pm,
                                        const CodegenOptions &options) {
  (void)options;
  // Feeds belong to the caller: never bufferize anything into them.
  pm.addPass(createMarkFeedsReadOnly());

  // A tensor.empty whose value ends up inserted into a larger tensor (the
  // interior of a padded buffer) becomes a slice of that tensor, so the
  // producer writes in place.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());

  // Tensors to buffers across the whole module, function signatures
  // included; arguments and results get identity layouts so the bare-pointer
  // calling convention applies to them.
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  bufferize.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Tile loops that carry a buffer only forward it: folding them lets a
  // result be the allocation itself, which the next pass turns into the
  // caller's out-parameter instead of copying into it.
  pm.addPass(createCanonicalizerPass());
  // Every fetch gets its own buffer: a returned feed, or a buffer two
  // results share, is copied.
  pm.addPass(createCopyRepeatedResults());

  // Memref results become trailing out-parameters the caller owns; the
  // allocation a result was computed in is replaced by the out-parameter
  // when its size is static (otherwise copied). Public functions too:
  // without it @NAME would keep returning memory allocated inside the call.
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));

  // --threads: parallel tile loops into functions of their iteration
  // range, before hoisting (a loop that allocates stays serial) and before
  // the plan (each call is one top-level op of the liveness order).
  if (wantsKernels(options) && options.threads > 1)
    pm.addPass(createOutlineParallelLoops());

  // Temporaries allocated inside tile loops move out of them; then every
  // static buffer gets its place in one workspace, laid out by liveness.
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  pm.addPass(createPlanMemory());

  // Free every temporary buffer on every path (ownership-based
  // deallocation, then simplified and lowered to memref.dealloc).
  bufferization::buildBufferDeallocationPipeline(pm);

  // Deallocation may call a generated `dealloc_helper` taking dynamically
  // shaped memrefs, which the bare-pointer calling convention cannot
  // express: inline it (and any other private function) and drop the dead
  // definitions.
  pm.addPass(createInlinerPass());
  pm.addPass(createSymbolDCEPass());

  // Fold the casts and copies bufferization leaves behind.
  pm.addPass(createCanonicalizerPass());
}

void graphc::buildLLVMLoweringPipeline(OpPassManager &pm,
                                       const CodegenOptions &options) {
  // Copies into/out of strided views (tensor.pad, insert_slice) would
  // otherwise become calls into libmlir_c_runner_utils.
  // Cycle counters around every kernel, for --profile.
  if (options.profile)
    pm.addPass(createInstrumentProfile());

  LowerStridedMemRefCopyOptions copies;
  copies.vectorize = wantsKernels(options);
  pm.addPass(createLowerStridedMemRefCopy(copies));

  if (wantsKernels(options)) {
    OpPassManager &f = pm.nest<func::FuncOp>();
    // Accumulators out of the reduction loops, into registers.
    f.addPass(createOptimizeVectorTransfers());
    f.addPass(createCanonicalizerPass());
    // Contractions to FMAs, n-D vectors to 1-D.
    f.addPass(createLowerVectors());
    VectorTransferToSCFOptions toSCF;
    toSCF.enableFullUnroll();
    toSCF.setTargetRank(1);
    f.addPass(createConvertVectorToSCFPass(toSCF));
    f.addPass(createLowerVectors());
    f.addPass(createCanonicalizerPass());
  }

  // Scalar loops for every linalg op still here (all of them in the naive
  // pipeline; the ops the vectorizer left in the fast one).
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());

  // Subviews, reshapes and casts into explicit base + offset + strides
  // arithmetic, so memref-to-llvm only sees simple descriptors.
  pm.addPass(memref::createExpandStridedMetadataPass());

  // affine.apply/min/max (from loops and strided metadata) to arith.
  pm.addPass(createLowerAffinePass());

  // scf.for/if/while to a CFG.
  pm.addPass(createSCFToControlFlowPass());

  // Math ops with LLVM intrinsics (exp, log, sqrt, fma, ...).
  pm.addPass(createConvertMathToLLVMPass());

  // The rest (tanh, erf, atan2, ...) become libm calls; on vectors one call
  // per element, built with vector and arith ops that the conversions
  // below then lower.
  pm.addPass(createConvertMathToLibmPass());

  // 1-D vector ops (loads, stores, FMAs, shuffles) to LLVM.
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));

  // memref ops to LLVM: malloc/free, constant globals, GEP/load/store.
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());

  // Integer and float arithmetic.
  pm.addPass(createArithToLLVMConversionPass());

  // Branches.
  pm.addPass(createConvertControlFlowToLLVMPass());

  // Functions and calls; static-shape memref arguments become bare
  // pointers, so @NAME(ptr in..., ptr out...).
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));

  // Any index-dialect ops left.
  pm.addPass(createConvertIndexToLLVMPass());

  // ub.poison that canonicalizations may introduce.
  pm.addPass(createUBToLLVMConversionPass());

  // Drop the casts between the old and new types once both sides are LLVM.
  pm.addPass(createReconcileUnrealizedCastsPass());

  // --threads: each outlined loop's call onto the thread pool.
  if (wantsKernels(options) && options.threads > 1) {
    DispatchParallelCallsOptions dispatch;
    dispatch.threads = options.threads;
    pm.addPass(createDispatchParallelCalls(dispatch));
  }
}

void graphc::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                       const CodegenOptions &options) {
  buildKernelPipeline(pm, options);
  buildBufferizationPipeline(pm, options);
  buildLLVMLoweringPipeline(pm, options);
}

namespace {
struct PipelineOptions : public PassPipelineOptions<PipelineOptions> {
  Option<bool> naive{*this, "naive",
                     llvm::cl::desc("The -O0 pipeline: no tiling or "
                                    "vectorization, scalar loops"),
                     llvm::cl::init(false)};
  Option<unsigned> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("fp32 lanes per vector register (8: AVX2, 16: AVX-512)"),
      llvm::cl::init(8)};
  Option<unsigned> threads{
      *this, "threads",
      llvm::cl::desc("Threads the parallel tile loops are split across"),
      llvm::cl::init(1)};

  CodegenOptions get() const {
    CodegenOptions options;
    options.tileAndVectorize = !naive;
    options.vectorWidth = vectorWidth;
    options.threads = threads;
    return options;
  }
};
} // namespace

void graphc::registerCodegenPipelines() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerGraphcCodegenPasses();
    // The upstream passes the stages use, so graph-opt can run each alone.
    registerLinalgElementwiseOpFusionPass();
    registerConvertLinalgToLoopsPass();
    registerLoopInvariantSubsetHoisting();
    registerPass([] { return createConvertVectorToSCFPass(); });
    registerPass([] { return createConvertVectorToLLVMPass(); });
    registerPass([] { return bufferization::createBufferLoopHoistingPass(); });
    registerPass([] { return bufferization::createOneShotBufferizePass(); });
    registerPass([] { return bufferization::createEmptyTensorEliminationPass(); });
    using Builder = void (*)(OpPassManager &, const CodegenOptions &);
    struct Stage {
      const char *flag, *description;
      Builder build;
    };
    static const Stage stages[] = {
        {"graphc-linalg-to-llvm",
         "Lower a linalg-on-tensors model to the LLVM dialect (kernels, "
         "bufferization, LLVM lowering; graphc/Codegen/Pipeline.h)",
         buildLinalgToLLVMPipeline},
        {"graphc-kernels",
         "Codegen stage 1: fuse, choose strategies, tile, vectorize",
         buildKernelPipeline},
        {"graphc-bufferize",
         "Codegen stage 2: bufferize, out-parameters, deallocation",
         buildBufferizationPipeline},
        {"graphc-lower-to-llvm",
         "Codegen stage 3: vectors to FMAs, loops, the LLVM dialect",
         buildLLVMLoweringPipeline},
    };
    for (const Stage &stage : stages)
      PassPipelineRegistration<PipelineOptions>(
          stage.flag, stage.description,
          [build = stage.build](OpPassManager &pm,
                                const PipelineOptions &options) {
            build(pm, options.get());
          });
  });
}

void graphc::registerCodegenDialects(DialectRegistry &registry) {
  registry.insert<affine::AffineDialect, arith::ArithDialect,
                  bufferization::BufferizationDialect, cf::ControlFlowDialect,
                  func::FuncDialect, index::IndexDialect, linalg::LinalgDialect,
                  LLVM::LLVMDialect, math::MathDialect, memref::MemRefDialect,
                  scf::SCFDialect, tensor::TensorDialect, ub::UBDialect,
                  vector::VectorDialect>();
  // Linalg: bufferization, tiling, subset insertion, value bounds.
  linalg::registerAllDialectInterfaceImplementations(registry);
  // One-shot bufferization of every other op kind the input may hold.
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  cf::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  vector::registerBufferizableOpInterfaceExternalModels(registry);
  // In-place analysis of extract_slice/insert_slice pairs and of vector
  // transfers (also used by loop-invariant subset hoisting).
  tensor::registerSubsetOpInterfaceExternalModels(registry);
  vector::registerSubsetOpInterfaceExternalModels(registry);
  tensor::registerInferTypeOpInterfaceExternalModels(registry);
  // Tiling of tensor.pad and friends; tile-size arithmetic.
  tensor::registerTilingInterfaceExternalModels(registry);
  affine::registerValueBoundsOpInterfaceExternalModels(registry);
  arith::registerValueBoundsOpInterfaceExternalModels(registry);
  memref::registerValueBoundsOpInterfaceExternalModels(registry);
  scf::registerValueBoundsOpInterfaceExternalModels(registry);
  tensor::registerValueBoundsOpInterfaceExternalModels(registry);
  vector::registerValueBoundsOpInterfaceExternalModels(registry);
  // Ownership-based deallocation.
  arith::registerBufferDeallocationOpInterfaceExternalModels(registry);
  cf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  scf::registerBufferDeallocationOpInterfaceExternalModels(registry);
  memref::registerAllocationOpInterfaceExternalModels(registry);
  arith::registerBufferViewFlowOpInterfaceExternalModels(registry);
  memref::registerBufferViewFlowOpInterfaceExternalModels(registry);
  // Inlining func.call (and cf ops) for the inliner pass.
  func::registerInlinerExtension(registry);
  // LLVM dialect -> LLVM IR.
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

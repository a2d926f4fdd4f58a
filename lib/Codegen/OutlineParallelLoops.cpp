//===- OutlineParallelLoops.cpp - parallel tile loops into functions ------===//
//
// graphc-outline-parallel-loops (see Passes.td). Upstream turns parallel
// loops into threads only through runtimes a generated library must not
// depend on (scf-to-openmp needs libomp, async-parallel-for the MLIR async
// runtime), so graphc outlines each parallel tile loop into a function of
// its iteration range here, and graphc-dispatch-parallel-calls hands that
// function to the library's own pthread pool (lib/Target/runtime).
//
//===----------------------------------------------------------------------===//

#include "KernelStrategy.h"

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace graphc {
#define GEN_PASS_DEF_OUTLINEPARALLELLOOPS
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

/// Values the outlined body recomputes instead of taking as arguments:
/// constants, globals and views, so that every memref argument is a whole
/// buffer with an identity layout (the bare-pointer convention's kind).
static bool isRematerializable(Operation *op) {
  return op && op->getNumRegions() == 0 && op->getNumResults() == 1 &&
         (isa<arith::ConstantOp, memref::GetGlobalOp, memref::SubViewOp,
              memref::ViewOp, memref::CastOp, memref::ExpandShapeOp,
              memref::CollapseShapeOp, memref::ReinterpretCastOp>(op));
}

/// The loop's iteration count when its bounds are constants (upstream's
/// scf.for trip count, as a plain integer).
static std::optional<int64_t> tripCount(scf::ForOp loop) {
  std::optional<APInt> trips = loop.getStaticTripCount();
  if (!trips || trips->getActiveBits() > 62)
    return std::nullopt;
  return trips->getSExtValue();
}

static bool isPassable(Value value) {
  if (auto type = dyn_cast<MemRefType>(value.getType()))
    return type.hasStaticShape() && type.getLayout().isIdentity();
  return value.getType().isIntOrIndexOrFloat();
}

/// The largest temporary an outlined loop may allocate (on each thread's
/// stack; a tile's accumulators take a few hundred bytes).
static constexpr int64_t kMaxStackBytes = 64 * 1024;

namespace {
struct OutlineParallelLoopsPass
    : graphc::impl::OutlineParallelLoopsBase<OutlineParallelLoopsPass> {
  using OutlineParallelLoopsBase::OutlineParallelLoopsBase;

  /// The values `loop` uses from above, split into the ops to clone into
  /// the body (in order) and the arguments. Fails if some value can be
  /// neither.
  LogicalResult collectCaptures(scf::ForOp loop,
                                SmallVectorImpl<Operation *> &clones,
                                SmallVectorImpl<Value> &arguments) {
    llvm::SetVector<Value> used;
    getUsedValuesDefinedAbove(loop.getBodyRegion(), used);
    for (Value bound : {loop.getLowerBound(), loop.getStep()})
      used.insert(bound);
    llvm::SetVector<Operation *> cloneSet;
    llvm::SetVector<Value> argSet;
    // First come, first served: arguments in the order the loop uses them.
    SmallVector<Value> worklist(used.begin(), used.end());
    for (size_t next = 0; next < worklist.size(); ++next) {
      Value value = worklist[next];
      Operation *def = value.getDefiningOp();
      if (isRematerializable(def)) {
        if (cloneSet.insert(def))
          worklist.append(def->operand_begin(), def->operand_end());
        continue;
      }
      if (!isPassable(value))
        return failure();
      argSet.insert(value);
    }
    // Clone in the order the ops appear in the function.
    clones.assign(cloneSet.begin(), cloneSet.end());
    llvm::sort(clones, [](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
    arguments.assign(argSet.begin(), argSet.end());
    return success();
  }

  /// Whether `loop` is worth and safe to outline: a marked top-level loop
  /// of static bounds with enough iterations, no results, no calls, and
  /// only small static buffers allocated inside (the tiles' accumulators),
  /// which the outlined function keeps on its own stack; hoisted into the
  /// workspace instead, they would be shared by the threads.
  bool isCandidate(scf::ForOp loop) {
    if (!loop->hasAttr(graphc::kParallelLoopAttrName) ||
        loop.getNumResults() != 0)
      return false;
    std::optional<int64_t> trips = tripCount(loop);
    if (!trips || *trips < int64_t(minTrips))
      return false;
    WalkResult walk = loop.getBody()->walk([](Operation *op) {
      if (isa<memref::AllocOp, memref::AllocaOp>(op)) {
        auto type = cast<MemRefType>(op->getResult(0).getType());
        if (!type.hasStaticShape() || !type.getElementType().isIntOrFloat() ||
            type.getNumElements() * type.getElementTypeBitWidth() / 8 >
                kMaxStackBytes)
          return WalkResult::interrupt();
      }
      return isa<func::CallOp, memref::DeallocOp>(op)
                 ? WalkResult::interrupt()
                 : WalkResult::advance();
    });
    return !walk.wasInterrupted();
  }

  void outline(func::FuncOp parent, scf::ForOp loop, unsigned index,
               SymbolTable &symbols) {
    SmallVector<Operation *> clones;
    SmallVector<Value> arguments;
    if (failed(collectCaptures(loop, clones, arguments)))
      return;
    int64_t trips = *tripCount(loop);
    MLIRContext *ctx = &getContext();
    OpBuilder b(parent->getContext());
    b.setInsertionPointAfter(parent);
    Location loc = loop.getLoc();
    Type indexType = b.getIndexType();
    SmallVector<Type> inputs = {indexType, indexType};
    for (Value arg : arguments)
      inputs.push_back(arg.getType());
    auto body = func::FuncOp::create(
        b, loc, (parent.getSymName() + "_parallel" + Twine(index)).str(),
        FunctionType::get(ctx, inputs, {}));
    body.setPrivate();
    body->setAttr(graphc::kParallelBodyAttrName, UnitAttr::get(ctx));
    symbols.insert(body);

    // body(first, last, args...): iterations [first, last) of the loop.
    Block *entry = body.addEntryBlock();
    OpBuilder inner = OpBuilder::atBlockBegin(entry);
    IRMapping mapping;
    for (auto [value, arg] :
         llvm::zip(arguments, entry->getArguments().drop_front(2)))
      mapping.map(value, arg);
    for (Operation *op : clones)
      inner.clone(*op, mapping);
    Value lb = mapping.lookupOrDefault(loop.getLowerBound());
    Value step = mapping.lookupOrDefault(loop.getStep());
    auto iterationStart = [&](Value k) {
      Value offset = arith::MulIOp::create(inner, loc, k, step);
      return arith::AddIOp::create(inner, loc, lb, offset).getResult();
    };
    Value first = iterationStart(entry->getArgument(0));
    Value last = iterationStart(entry->getArgument(1));
    auto forOp = cast<scf::ForOp>(inner.clone(*loop, mapping));
    forOp.getLowerBoundMutable().assign(first);
    forOp.getUpperBoundMutable().assign(last);
    forOp->removeAttr(graphc::kParallelLoopAttrName);
    func::ReturnOp::create(inner, loc);
    // The tiles' temporaries: one stack slot per thread, in the entry
    // block (allocated once per call, not per iteration).
    SmallVector<memref::AllocOp> allocs;
    forOp.walk([&](memref::AllocOp alloc) { allocs.push_back(alloc); });
    for (memref::AllocOp alloc : allocs) {
      OpBuilder top = OpBuilder::atBlockBegin(entry);
      auto alloca = memref::AllocaOp::create(top, alloc.getLoc(),
                                             alloc.getType(),
                                             alloc.getAlignmentAttr());
      alloc.replaceAllUsesWith(alloca.getResult());
      alloc.erase();
    }

    // The loop becomes one call over all its iterations.
    OpBuilder outer(loop);
    SmallVector<Value> operands = {
        arith::ConstantIndexOp::create(outer, loc, 0),
        arith::ConstantIndexOp::create(outer, loc, trips)};
    operands.append(arguments.begin(), arguments.end());
    auto call = func::CallOp::create(outer, loc, body, operands);
    // The inliner at the end of bufferization must leave it a call.
    call.setNoInline(true);
    loop.erase();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (func.isExternal() || func->hasAttr(graphc::kParallelBodyAttrName))
        continue;
      SmallVector<scf::ForOp> loops;
      for (Block &block : func.getBody())
        for (auto loop : block.getOps<scf::ForOp>())
          if (isCandidate(loop))
            loops.push_back(loop);
      for (auto [i, loop] : llvm::enumerate(loops))
        outline(func, loop, i, symbols);
    }
  }
};
} // namespace

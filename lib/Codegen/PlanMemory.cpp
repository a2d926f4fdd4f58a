//===- PlanMemory.cpp - one workspace, offsets by liveness ----------------===//
//
// graphc-plan-memory (see Passes.td). Upstream MLIR has buffer hoisting and
// promotion to the stack, but no planner that packs a function's buffers
// into one arena by liveness, which is what makes a caller-provided
// workspace (and no malloc per op) possible; hence this pass.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/Transforms/BufferViewFlowAnalysis.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace graphc {
#define GEN_PASS_DEF_PLANMEMORY
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
/// A buffer to place: its allocation, size and live range, in positions of
/// the function's top-level ops.
struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  unsigned first = 0, last = 0;
  int64_t offset = -1;
};

struct PlanMemoryPass : graphc::impl::PlanMemoryBase<PlanMemoryPass> {
  using PlanMemoryBase::PlanMemoryBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (alignment <= 0 || (alignment & (alignment - 1))) {
      module.emitError("graphc-plan-memory: alignment must be a power of 2");
      return signalPassFailure();
    }
    int64_t largest = 0;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      FailureOr<int64_t> bytes = planFunction(func);
      if (failed(bytes))
        return signalPassFailure();
      largest = std::max(largest, *bytes);
    }
    module->setAttr("graphc.workspace_bytes",
                    IntegerAttr::get(IntegerType::get(&getContext(), 64),
                                     largest));
  }

  /// The top-level op of `func` that contains `op`.
  static Operation *topLevel(func::FuncOp func, Operation *op) {
    while (op && op->getParentOp() != func)
      op = op->getParentOp();
    return op;
  }

  FailureOr<int64_t> planFunction(func::FuncOp func) {
    Block &body = func.getBody().front();
    DenseMap<Operation *, unsigned> position;
    for (auto [i, op] : llvm::enumerate(body))
      position[&op] = i;

    BufferViewFlowAnalysis aliases(func);
    SmallVector<Buffer> buffers;
    for (auto alloc : body.getOps<memref::AllocOp>()) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat() ||
          type.getMemorySpace())
        continue;
      Buffer buffer;
      buffer.alloc = alloc;
      buffer.bytes = std::max<int64_t>(
          1, type.getNumElements() *
                 llvm::divideCeil(type.getElementTypeBitWidth(), 8));
      buffer.first = buffer.last = position[alloc];
      bool placeable = true;
      for (Value alias : aliases.resolve(alloc.getResult())) {
        for (Operation *user : alias.getUsers()) {
          if (isa<memref::DeallocOp>(user))
            continue;
          if (isa<func::ReturnOp>(user)) {
            placeable = false; // escapes the call
            break;
          }
          Operation *top = topLevel(func, user);
          if (!top) {
            placeable = false;
            break;
          }
          buffer.last = std::max(buffer.last, position[top]);
        }
      }
      if (placeable)
        buffers.push_back(buffer);
    }

    // Largest first, each at the lowest aligned offset free over its life.
    SmallVector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    llvm::stable_sort(order, [](Buffer *a, Buffer *b) {
      return a->bytes > b->bytes;
    });
    int64_t total = 0;
    SmallVector<Buffer *> placed;
    for (Buffer *b : order) {
      SmallVector<std::pair<int64_t, int64_t>> taken; // [begin, end)
      for (Buffer *p : placed)
        if (p->first <= b->last && b->first <= p->last)
          taken.push_back({p->offset, p->offset + p->bytes});
      llvm::sort(taken);
      int64_t offset = 0;
      for (auto [begin, end] : taken) {
        if (offset + b->bytes <= begin)
          break;
        offset = std::max<int64_t>(offset, llvm::alignTo(end, alignment));
      }
      b->offset = offset;
      total = std::max<int64_t>(total, llvm::alignTo(offset + b->bytes, alignment));
      placed.push_back(b);
    }

    // The workspace argument, and a view of it per buffer.
    MLIRContext *ctx = func.getContext();
    auto workspaceType = MemRefType::get({total}, IntegerType::get(ctx, 8));
    unsigned index = func.getNumArguments();
    if (failed(func.insertArgument(index, workspaceType,
                                   DictionaryAttr::get(ctx), func.getLoc())))
      return func.emitError("graphc-plan-memory: cannot add the workspace "
                            "argument");
    func.setArgAttr(index, "graphc.workspace", UnitAttr::get(ctx));
    Value workspace = func.getArgument(index);
    for (Buffer &b : buffers) {
      OpBuilder builder(b.alloc);
      Value offset = arith::ConstantIndexOp::create(builder, b.alloc.getLoc(),
                                                    b.offset);
      Value view = memref::ViewOp::create(builder, b.alloc.getLoc(),
                                          b.alloc.getType(), workspace, offset,
                                          ValueRange{});
      for (Value alias : aliases.resolve(b.alloc.getResult()))
        for (Operation *user : llvm::make_early_inc_range(alias.getUsers()))
          if (auto dealloc = dyn_cast<memref::DeallocOp>(user))
            dealloc.erase();
      b.alloc.replaceAllUsesWith(view);
      b.alloc.erase();
    }
    return total;
  }
};
} // namespace

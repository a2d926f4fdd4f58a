//===- DispatchParallelCalls.cpp - outlined loops onto the thread pool ----===//
//
// graphc-dispatch-parallel-calls (see Passes.td). Done in the LLVM dialect
// because only there is every capture (memref descriptors included) a
// plain value that fits a struct field.
//
//===----------------------------------------------------------------------===//

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace graphc {
#define GEN_PASS_DEF_DISPATCHPARALLELCALLS
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;

namespace {
struct DispatchParallelCallsPass
    : graphc::impl::DispatchParallelCallsBase<DispatchParallelCallsPass> {
  using DispatchParallelCallsBase::DispatchParallelCallsBase;

  /// void graphc_rt_parallel_for(ptr, ptr, i64, i32), declared once.
  LLVM::LLVMFuncOp getParallelFor(ModuleOp module) {
    if (auto fn = module.lookupSymbol<LLVM::LLVMFuncOp>(graphc::kParallelForName))
      return fn;
    MLIRContext *ctx = &getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto type = LLVM::LLVMFunctionType::get(
        LLVM::LLVMVoidType::get(ctx),
        {ptr, ptr, IntegerType::get(ctx, 64), IntegerType::get(ctx, 32)});
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    return LLVM::LLVMFuncOp::create(b, module.getLoc(),
                                    graphc::kParallelForName, type);
  }

  /// task(ctx, first, last): loads the captures from the struct at ctx and
  /// calls body(first, last, captures...).
  LLVM::LLVMFuncOp buildTask(ModuleOp module, LLVM::LLVMFuncOp body,
                             LLVM::LLVMStructType captures) {
    MLIRContext *ctx = &getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = IntegerType::get(ctx, 64);
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Location loc = body.getLoc();
    auto task = LLVM::LLVMFuncOp::create(
        b, loc, (body.getName() + "_task").str(),
        LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                    {ptr, i64, i64}),
        LLVM::Linkage::Internal);
    Block *entry = task.addEntryBlock(b);
    b.setInsertionPointToStart(entry);
    SmallVector<Value> operands = {entry->getArgument(1),
                                   entry->getArgument(2)};
    for (auto [i, type] : llvm::enumerate(captures.getBody())) {
      Value field = LLVM::GEPOp::create(
          b, loc, ptr, captures, entry->getArgument(0),
          ArrayRef<LLVM::GEPArg>{0, int32_t(i)});
      operands.push_back(LLVM::LoadOp::create(b, loc, type, field));
    }
    LLVM::CallOp::create(b, loc, body, operands);
    LLVM::ReturnOp::create(b, loc, ValueRange{});
    return task;
  }

  void runOnOperation() override {
    if (threads <= 1)
      return;
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    SmallVector<LLVM::CallOp> calls;
    module.walk([&](LLVM::CallOp call) {
      auto callee = call.getCallee();
      if (!callee)
        return;
      auto fn = module.lookupSymbol<LLVM::LLVMFuncOp>(*callee);
      if (fn && fn->hasAttr(graphc::kParallelBodyAttrName) &&
          call->getParentOfType<LLVM::LLVMFuncOp>() != fn)
        calls.push_back(call);
    });
    if (calls.empty())
      return;
    LLVM::LLVMFuncOp parallelFor = getParallelFor(module);
    llvm::DenseMap<Operation *, LLVM::LLVMFuncOp> tasks;
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    for (LLVM::CallOp call : calls) {
      auto body = module.lookupSymbol<LLVM::LLVMFuncOp>(*call.getCallee());
      ValueRange operands = call.getArgOperands();
      if (operands.size() < 2)
        continue;
      SmallVector<Type> fieldTypes;
      for (Value v : operands.drop_front(2))
        fieldTypes.push_back(v.getType());
      auto captures = LLVM::LLVMStructType::getLiteral(ctx, fieldTypes);
      LLVM::LLVMFuncOp &task = tasks[body];
      if (!task)
        task = buildTask(module, body, captures);

      // The struct lives in the caller's frame: one alloca in its entry
      // block, however many calls there are.
      auto caller = call->getParentOfType<LLVM::LLVMFuncOp>();
      Location loc = call.getLoc();
      OpBuilder entry = OpBuilder::atBlockBegin(&caller.getBody().front());
      Value one = LLVM::ConstantOp::create(entry, loc, entry.getI64Type(),
                                           entry.getI64IntegerAttr(1));
      Value frame = LLVM::AllocaOp::create(entry, loc, ptr, captures, one);
      OpBuilder b(call);
      for (auto [i, v] : llvm::enumerate(operands.drop_front(2))) {
        Value field = LLVM::GEPOp::create(b, loc, ptr, captures, frame,
                                          ArrayRef<LLVM::GEPArg>{0, int32_t(i)});
        LLVM::StoreOp::create(b, loc, v, field);
      }
      Value taskAddress = LLVM::AddressOfOp::create(b, loc, task);
      Value count = operands[1];
      Value threadCount = LLVM::ConstantOp::create(
          b, loc, b.getI32Type(), b.getI32IntegerAttr(threads));
      LLVM::CallOp::create(b, loc, parallelFor,
                           ValueRange{taskAddress, frame, count, threadCount});
      call.erase();
    }
  }
};
} // namespace

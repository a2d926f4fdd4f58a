//===- Profile.cpp - cycles per kernel for graph-compile --profile --------===//
//
// graphc-count-flops and graphc-instrument-profile (see Passes.td). The
// counters are read by the exported NAME_profile() (lib/Target's entry
// point) and printed by graph-run --profile.
//
//===----------------------------------------------------------------------===//

#include "KernelStrategy.h"

#include "graphc/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace graphc {
#define GEN_PASS_DEF_COUNTFLOPS
#define GEN_PASS_DEF_INSTRUMENTPROFILE
#include "graphc/Codegen/Passes.h.inc"
} // namespace graphc

using namespace mlir;
using namespace graphc;

/// The TF node names in `loc` (NameLocs, possibly fused or nested), in
/// order.
static void collectNodeNames(Location loc, SmallVectorImpl<StringRef> &names) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    names.push_back(name.getName().getValue());
    return;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location inner : fused.getLocations())
      collectNodeNames(inner, names);
    return;
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    collectNodeNames(callSite.getCallee(), names);
}

static StringRef firstNodeName(Location loc) {
  SmallVector<StringRef> names;
  collectNodeNames(loc, names);
  return names.empty() ? StringRef() : names.front();
}

namespace {
struct CountFlopsPass : graphc::impl::CountFlopsBase<CountFlopsPass> {
  void runOnOperation() override {
    llvm::StringMap<int64_t> flops;
    getOperation().walk([&](linalg::LinalgOp op) {
      KernelKind kind = classifyKernel(op);
      if (kind != KernelKind::Matmul && kind != KernelKind::Conv &&
          kind != KernelKind::Depthwise)
        return;
      StringRef name = firstNodeName(op.getLoc());
      if (name.empty() || op.hasDynamicShape())
        return;
      int64_t points = 1;
      for (int64_t r : op.getStaticLoopRanges())
        points *= r;
      flops[name] += 2 * points;
    });
    Builder b(&getContext());
    SmallVector<NamedAttribute> entries;
    for (auto &entry : flops)
      entries.push_back(
          b.getNamedAttr(entry.getKey(), b.getI64IntegerAttr(entry.second)));
    getOperation()->setAttr("graphc.node_flops", b.getDictionaryAttr(entries));
  }
};

/// True for the top-level ops that do work (loop nests, linalg ops,
/// copies), not for views, constants and allocations.
static bool isKernel(Operation &op) {
  return op.getNumRegions() > 0 || isa<linalg::LinalgOp, memref::CopyOp>(op);
}

struct InstrumentProfilePass
    : graphc::impl::InstrumentProfileBase<InstrumentProfilePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    auto types = module->getAttrOfType<DictionaryAttr>("graphc.node_types");
    auto flops = module->getAttrOfType<DictionaryAttr>("graphc.node_flops");
    Builder b(ctx);
    SmallVector<Attribute> kernels;
    for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>())) {
      if (func.isExternal() || !func.isPublic())
        continue;
      if (!kernels.empty()) {
        func.emitError("graphc-instrument-profile: one public function per "
                       "module");
        return signalPassFailure();
      }
      Block &body = func.getBody().front();
      SmallVector<Operation *> work;
      for (Operation &op : body.without_terminator())
        if (isKernel(op))
          work.push_back(&op);

      // The counters: one per kernel and one for the whole call.
      auto i64 = IntegerType::get(ctx, 64);
      auto arrayType = LLVM::LLVMArrayType::get(i64, work.size() + 1);
      std::string global = (func.getSymName() + "_profile_cycles").str();
      OpBuilder mb(module.getBodyRegion());
      mb.setInsertionPointToStart(module.getBody());
      LLVM::GlobalOp::create(mb, func.getLoc(), arrayType, /*isConstant=*/false,
                             LLVM::Linkage::External, global,
                             b.getZeroAttr(RankedTensorType::get(
                                 {int64_t(work.size() + 1)}, i64)));

      // MLIR's LLVM dialect has no op for llvm.readcyclecounter.
      auto readCycles = [&](OpBuilder &builder, Location loc) -> Value {
        return LLVM::CallIntrinsicOp::create(
                   builder, loc, i64,
                   b.getStringAttr("llvm.readcyclecounter"), ValueRange{})
            .getResult(0);
      };
      auto count = [&](OpBuilder &builder, Location loc, Value start,
                       size_t slot) {
        Value stop = readCycles(builder, loc);
        Value delta = LLVM::SubOp::create(builder, loc, stop, start);
        Value base = LLVM::AddressOfOp::create(
            builder, loc, LLVM::LLVMPointerType::get(ctx), global);
        Value address = LLVM::GEPOp::create(
            builder, loc, LLVM::LLVMPointerType::get(ctx), arrayType, base,
            ArrayRef<LLVM::GEPArg>{0, int32_t(slot)});
        LLVM::AtomicRMWOp::create(builder, loc, LLVM::AtomicBinOp::add,
                                  address, delta,
                                  LLVM::AtomicOrdering::monotonic);
      };
      for (auto [slot, op] : llvm::enumerate(work)) {
        OpBuilder builder(op);
        Value start = readCycles(builder, op->getLoc());
        builder.setInsertionPointAfter(op);
        count(builder, op->getLoc(), start, slot);

        // Its root node, the op types of its nodes, its FLOPs.
        SmallVector<StringRef> names;
        StringRef root;
        op->walk([&](Operation *inner) {
          collectNodeNames(inner->getLoc(), names);
          if (root.empty() && isa<vector::ContractionOp, vector::FMAOp,
                                  linalg::ContractionOpInterface>(inner))
            root = firstNodeName(inner->getLoc());
        });
        if (root.empty())
          root = firstNodeName(op->getLoc());
        if (root.empty() && !names.empty())
          root = names.front();
        llvm::SetVector<StringRef> unique(names.begin(), names.end());
        std::string ops;
        int64_t kernelFlops = 0;
        llvm::SetVector<StringRef> opTypes;
        for (StringRef name : unique) {
          if (auto type = types ? types.getAs<StringAttr>(name) : StringAttr())
            opTypes.insert(type.getValue());
          if (auto n = flops ? flops.getAs<IntegerAttr>(name) : IntegerAttr())
            kernelFlops += n.getInt();
        }
        for (StringRef type : opTypes)
          ops += (ops.empty() ? "" : "+") + type.str();
        if (ops.empty())
          ops = op->getName().getStringRef().str();
        kernels.push_back(b.getArrayAttr(
            {b.getStringAttr(root.empty() ? "?" : root), b.getStringAttr(ops),
             b.getI64IntegerAttr(kernelFlops)}));
      }
      // The whole call.
      OpBuilder builder(&body, body.begin());
      Value start = readCycles(builder, func.getLoc());
      builder.setInsertionPoint(body.getTerminator());
      count(builder, func.getLoc(), start, work.size());
    }
    module->setAttr("graphc.profile", b.getArrayAttr(kernels));
  }
};
} // namespace

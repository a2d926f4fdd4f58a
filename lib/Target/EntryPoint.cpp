//===- EntryPoint.cpp - The exported ABI of a generated library -----------===//
//
// Done on the llvm::Module after translation rather than in the LLVM dialect:
// the metadata is a tree of constant structs pointing at constant strings
// and arrays, which llvm::ConstantStruct expresses directly. The struct
// types mirror graphc_tensor_info / graphc_model_info of graphc-c/Runtime.h;
// LLVM's natural (non-packed) struct layout inserts the same padding as the
// C compiler on every ABI we target.
//
// Out of memory. NAME returns 1 instead of crashing when malloc fails for a
// scratch buffer, having freed what the call had allocated so far. The
// lowering leaves every malloc and free of a call in the model function
// (NAME_impl). It is made to return a status, and each failed malloc branches
// to an exit block that frees the buffers still live and returns 1; NAME
// returns that status. This needs no setjmp/longjmp (returns_twice, a
// libc-specific jmp_buf), no thread-local and no global state, and no
// function beyond malloc and free. The live buffers are found through a
// 16-byte header in front of each one, which links it into a doubly-linked
// list whose sentinel is a local of NAME_impl: allocation, free and the
// clean-up cost O(1) per buffer, whatever the control flow (buffers
// allocated in loops, freed on some paths only) and whatever the sizes. The
// rewrite happens before LLVM's -O3 so that NAME_impl is simplified before
// the inliner folds it into NAME, as it was without the checks (inlining the
// raw body first loses the `noalias` of the feeds and adds run-time overlap
// checks to vectorized loops). Memory planning into one arena would remove
// the mallocs altogether, but must handle buffers allocated in loops; the
// list handles every case.
//
//===----------------------------------------------------------------------===//

#include "graphc/Target/EntryPoint.h"
#include "graphc/Target/SignatureUtils.h"
#include "graphc-c/Runtime.h"
#include "graphc/Import/TFGraph.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/ModRef.h"

// The dtype codes a library reports are TensorFlow's (ModelSignature holds
// tf::DataType): one mapping, checked here.
static_assert(int(GRAPHC_DT_FLOAT) == int(graphc::tf::DT_FLOAT) &&
                  int(GRAPHC_DT_DOUBLE) == int(graphc::tf::DT_DOUBLE) &&
                  int(GRAPHC_DT_INT32) == int(graphc::tf::DT_INT32) &&
                  int(GRAPHC_DT_UINT8) == int(graphc::tf::DT_UINT8) &&
                  int(GRAPHC_DT_INT16) == int(graphc::tf::DT_INT16) &&
                  int(GRAPHC_DT_INT8) == int(graphc::tf::DT_INT8) &&
                  int(GRAPHC_DT_INT64) == int(graphc::tf::DT_INT64) &&
                  int(GRAPHC_DT_BOOL) == int(graphc::tf::DT_BOOL) &&
                  int(GRAPHC_DT_UINT16) == int(graphc::tf::DT_UINT16) &&
                  int(GRAPHC_DT_HALF) == int(graphc::tf::DT_HALF) &&
                  int(GRAPHC_DT_UINT32) == int(graphc::tf::DT_UINT32) &&
                  int(GRAPHC_DT_UINT64) == int(graphc::tf::DT_UINT64),
              "GRAPHC_DT_* must be TensorFlow's DataType numbers");

using namespace graphc;
using namespace llvm;

// Must match GRAPHC_ABI_VERSION in graphc-c/Runtime.h.
static constexpr unsigned kAbiVersion = 3;

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

namespace {
/// Builds the constant graphc_model_info of one model.
class InfoBuilder {
public:
  InfoBuilder(Module &module, StringRef modelName)
      : module(module), ctx(module.getContext()), modelName(modelName) {
    ptrTy = PointerType::getUnqual(ctx);
    i32Ty = Type::getInt32Ty(ctx);
    i64Ty = Type::getInt64Ty(ctx);
    // struct graphc_tensor_info { name, dtype, rank, shape, num_elements,
    //                             num_bytes }
    tensorInfoTy = StructType::create(
        ctx, {ptrTy, i32Ty, i32Ty, ptrTy, i64Ty, i64Ty}, "graphc_tensor_info");
    // struct graphc_model_info { abi_version, name, num_inputs, num_outputs,
    //                            inputs, outputs, workspace_bytes,
    //                            num_variables, variable_values }
    modelInfoTy = StructType::create(
        ctx, {i32Ty, ptrTy, i32Ty, i32Ty, ptrTy, ptrTy, i64Ty, i32Ty, ptrTy},
        "graphc_model_info");
  }

  GlobalVariable *build(const ModelSignature &signature) {
    Constant *fields[] = {
        ConstantInt::get(i32Ty, kAbiVersion),
        getString(signature.name),
        ConstantInt::get(i32Ty, signature.inputs.size()),
        ConstantInt::get(i32Ty, signature.outputs.size()),
        getTensorArray(signature.inputs, "inputs"),
        getTensorArray(signature.outputs, "outputs"),
        ConstantInt::get(i64Ty, signature.workspaceBytes.value_or(0)),
        ConstantInt::get(i32Ty, getNumVariables(signature)),
        getVariableValues(signature),
    };
    return addConstant(ConstantStruct::get(modelInfoTy, fields), "info");
  }

  /// The constant graphc_profile_info of a --profile build, whose cycle
  /// counters are `cycles`.
  GlobalVariable *buildProfile(const std::vector<ProfileKernel> &kernels,
                               GlobalVariable *cycles) {
    SmallVector<Constant *> nodes, ops, flops;
    for (const ProfileKernel &kernel : kernels) {
      nodes.push_back(getString(kernel.node));
      ops.push_back(getString(kernel.ops));
      flops.push_back(ConstantInt::get(i64Ty, kernel.flops));
    }
    auto array = [&](Type *elementType, ArrayRef<Constant *> elements,
                     StringRef suffix) {
      auto *arrayTy = ArrayType::get(elementType, elements.size());
      return addConstant(ConstantArray::get(arrayTy, elements), suffix);
    };
    // struct graphc_profile_info { num_kernels, nodes, ops, flops, cycles }
    auto *profileInfoTy = StructType::create(
        ctx, {i32Ty, ptrTy, ptrTy, ptrTy, ptrTy}, "graphc_profile_info");
    Constant *fields[] = {ConstantInt::get(i32Ty, kernels.size()),
                          array(ptrTy, nodes, "nodes"),
                          array(ptrTy, ops, "ops"),
                          array(i64Ty, flops, "flops"), cycles};
    return addConstant(ConstantStruct::get(profileInfoTy, fields), "profile");
  }

private:
  static unsigned getNumVariables(const ModelSignature &signature) {
    return llvm::count_if(signature.inputs, [](const graphc::TensorSpec &t) {
      return t.variable;
    });
  }

  /// The kept variables' starting values: one read-only array each, aligned
  /// for any element type, and the array of pointers to them.
  Constant *getVariableValues(const ModelSignature &signature) {
    SmallVector<Constant *> values;
    for (const graphc::TensorSpec &tensor : signature.inputs) {
      if (!tensor.variable)
        continue;
      GlobalVariable *data = addConstant(
          ConstantDataArray::getRaw(tensor.initialValue,
                                    tensor.initialValue.size(),
                                    Type::getInt8Ty(ctx)),
          "initial");
      data->setAlignment(Align(64));
      values.push_back(data);
    }
    if (values.empty())
      return ConstantPointerNull::get(ptrTy);
    auto *arrayTy = ArrayType::get(ptrTy, values.size());
    return addConstant(ConstantArray::get(arrayTy, values), "variable_values");
  }

  GlobalVariable *addConstant(Constant *init, const Twine &suffix) {
    auto *global =
        new GlobalVariable(module, init->getType(),
                           /*isConstant=*/true, GlobalValue::PrivateLinkage,
                           init, modelName + ".graphc." + suffix);
    global->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    return global;
  }

  Constant *getString(StringRef str) {
    return addConstant(ConstantDataArray::getString(ctx, str), "str");
  }

  Constant *getTensorArray(const std::vector<graphc::TensorSpec> &tensors,
                           StringRef kind) {
    if (tensors.empty())
      return ConstantPointerNull::get(ptrTy);
    SmallVector<Constant *> elements;
    for (const graphc::TensorSpec &tensor : tensors) {
      Constant *shape = ConstantPointerNull::get(ptrTy);
      if (!tensor.shape.empty())
        shape = addConstant(
            ConstantDataArray::get(
                ctx, ArrayRef<uint64_t>(reinterpret_cast<const uint64_t *>(
                                            tensor.shape.data()),
                                        tensor.shape.size())),
            "shape");
      Constant *fields[] = {
          getString(tensor.name),
          ConstantInt::get(i32Ty, tensor.dtype),
          ConstantInt::get(i32Ty, tensor.shape.size()),
          shape,
          ConstantInt::get(i64Ty, getNumElements(tensor)),
          ConstantInt::get(i64Ty, getNumBytes(tensor)),
      };
      elements.push_back(ConstantStruct::get(tensorInfoTy, fields));
    }
    auto *arrayTy = ArrayType::get(tensorInfoTy, elements.size());
    return addConstant(ConstantArray::get(arrayTy, elements), kind);
  }

  Module &module;
  LLVMContext &ctx;
  StringRef modelName;
  PointerType *ptrTy;
  IntegerType *i32Ty, *i64Ty;
  StructType *tensorInfoTy, *modelInfoTy;
};
} // namespace

//===----------------------------------------------------------------------===//
// Checked scratch memory
//===----------------------------------------------------------------------===//

/// Allocation functions the lowering could emit (aligned, generic or
/// zeroing variants of finalize-memref-to-llvm) that the rewrite below does
/// not check. Meeting one is a graphc bug; it is reported rather than turned
/// into a library that crashes when memory runs out.
static constexpr StringLiteral kUncheckedAllocators[] = {
    "calloc",
    "realloc",
    "aligned_alloc",
    "posix_memalign",
    "memalign",
    "_mlir_memref_to_llvm_alloc",
    "_mlir_memref_to_llvm_aligned_alloc",
    "_mlir_memref_to_llvm_free",
};

namespace {
/// Rewrites the malloc and free calls of the model body (a function
/// returning a status) so that a failed malloc returns 1 from it after
/// freeing every scratch buffer still live. A scratch buffer is one
/// malloc'ed block
///
///   [ next | prev | (padding to 16 bytes) | payload ... ]
///     the node                              what the generated code sees
///
/// whose node links it into a circular doubly-linked list. The list's
/// sentinel node {next, prev} is a local of the body, so concurrent calls
/// share nothing. The payload keeps malloc's alignment (the header is 16
/// bytes); the lowered code aligns further itself. A size whose header
/// would overflow counts as a failed malloc.
class ScratchChecker {
public:
  ScratchChecker(Function &body, Function &mallocFn, Function &freeFn)
      : body(body), module(*body.getParent()), ctx(module.getContext()),
        mallocFn(mallocFn), freeFn(freeFn) {
    const DataLayout &layout = module.getDataLayout();
    ptrTy = PointerType::getUnqual(ctx);
    ptrSize = layout.getPointerSize();
    ptrAlign = layout.getPointerABIAlignment(0);
    sizeTy = cast<IntegerType>(mallocFn.getFunctionType()->getParamType(0));
    headerSize = alignTo(2 * ptrSize, 16);
  }

  /// Replaces `mallocs` and `frees` (calls inside the body).
  void rewrite(ArrayRef<CallInst *> mallocs, ArrayRef<CallInst *> frees) {
    Function *allocFn = createAlloc(), *freeNodeFn = createFree(),
             *releaseFn = createRelease();

    // The empty list: the sentinel points at itself both ways. Placed after
    // the static allocas of the entry block, before any malloc.
    BasicBlock &entryBlock = body.getEntryBlock();
    auto it = entryBlock.begin();
    while (isa<AllocaInst>(*it))
      ++it;
    IRBuilder<> builder(&entryBlock, it);
    AllocaInst *list =
        builder.CreateAlloca(ArrayType::get(ptrTy, 2), nullptr, "scratch.list");
    list->setAlignment(ptrAlign);
    builder.CreateAlignedStore(list, list, ptrAlign);
    builder.CreateAlignedStore(list, prevField(builder, list), ptrAlign);

    // Out of memory: free what is still allocated, return 1.
    BasicBlock *oom = BasicBlock::Create(ctx, "out_of_memory", &body);
    builder.SetInsertPoint(oom);
    builder.CreateCall(releaseFn, {list});
    builder.CreateRet(ConstantInt::get(body.getReturnType(), 1));

    MDNode *unlikely = MDBuilder(ctx).createUnlikelyBranchWeights();
    for (CallInst *call : mallocs) {
      builder.SetInsertPoint(call);
      CallInst *buffer =
          builder.CreateCall(allocFn, {list, call->getArgOperand(0)});
      call->replaceAllUsesWith(buffer);
      call->eraseFromParent();
      BasicBlock *block = buffer->getParent();
      BasicBlock *allocated =
          block->splitBasicBlock(std::next(buffer->getIterator()), "allocated");
      block->getTerminator()->eraseFromParent();
      builder.SetInsertPoint(block);
      builder.CreateCondBr(builder.CreateIsNull(buffer), oom, allocated,
                           unlikely);
    }
    for (CallInst *call : frees) {
      builder.SetInsertPoint(call);
      builder.CreateCall(freeNodeFn, {call->getArgOperand(0)});
      call->eraseFromParent();
    }
  }

private:
  Function *createHelper(StringRef suffix, Type *result,
                         ArrayRef<Type *> params) {
    Function *fn = Function::Create(
        FunctionType::get(result, params, false), GlobalValue::InternalLinkage,
        body.getName() + ".graphc." + suffix, module);
    fn->addFnAttr(Attribute::NoUnwind);
    for (StringRef kind : {"target-cpu", "target-features", "tune-cpu"})
      if (body.hasFnAttribute(kind))
        fn->addFnAttr(body.getFnAttribute(kind));
    return fn;
  }

  Value *prevField(IRBuilder<> &builder, Value *node) {
    return builder.CreateConstInBoundsGEP1_64(builder.getInt8Ty(), node,
                                              ptrSize, "prev.field");
  }

  /// ptr alloc(ptr list, size): the payload of a new linked node, or null
  /// if malloc failed (or size + header overflows).
  Function *createAlloc() {
    Function *fn = createHelper("scratch_alloc", ptrTy, {ptrTy, sizeTy});
    fn->addRetAttr(Attribute::NoAlias);
    Value *list = fn->getArg(0), *size = fn->getArg(1);
    list->setName("list");
    size->setName("size");
    auto *entryBlock = BasicBlock::Create(ctx, "entry", fn);
    auto *callMalloc = BasicBlock::Create(ctx, "malloc", fn);
    auto *link = BasicBlock::Create(ctx, "link", fn);
    auto *fail = BasicBlock::Create(ctx, "fail", fn);
    IRBuilder<> builder(entryBlock);
    Value *header = ConstantInt::get(sizeTy, headerSize);
    Value *tooBig = builder.CreateICmpUGT(
        size,
        ConstantInt::get(sizeTy, APInt::getMaxValue(sizeTy->getBitWidth()) -
                                     headerSize));
    builder.CreateCondBr(tooBig, fail, callMalloc);

    builder.SetInsertPoint(callMalloc);
    Value *node = builder.CreateCall(
        &mallocFn, {builder.CreateNUWAdd(size, header)}, "node");
    builder.CreateCondBr(builder.CreateIsNull(node), fail, link);

    // node.next = list.next; node.prev = list;
    // list.next.prev = node; list.next = node
    builder.SetInsertPoint(link);
    Value *first = builder.CreateAlignedLoad(ptrTy, list, ptrAlign, "first");
    builder.CreateAlignedStore(first, node, ptrAlign);
    builder.CreateAlignedStore(list, prevField(builder, node), ptrAlign);
    builder.CreateAlignedStore(node, prevField(builder, first), ptrAlign);
    builder.CreateAlignedStore(node, list, ptrAlign);
    builder.CreateRet(builder.CreateConstInBoundsGEP1_64(
        builder.getInt8Ty(), node, headerSize, "payload"));

    builder.SetInsertPoint(fail);
    builder.CreateRet(ConstantPointerNull::get(ptrTy));
    return fn;
  }

  /// void free(ptr payload): unlinks the node and frees the block; null is
  /// a no-op, as for free().
  Function *createFree() {
    Function *fn = createHelper("scratch_free", Type::getVoidTy(ctx), {ptrTy});
    Value *payload = fn->getArg(0);
    payload->setName("payload");
    auto *entryBlock = BasicBlock::Create(ctx, "entry", fn);
    auto *unlink = BasicBlock::Create(ctx, "unlink", fn);
    auto *done = BasicBlock::Create(ctx, "done", fn);
    IRBuilder<> builder(entryBlock);
    builder.CreateCondBr(builder.CreateIsNull(payload), done, unlink);

    // node.prev.next = node.next; node.next.prev = node.prev
    builder.SetInsertPoint(unlink);
    Value *node =
        builder.CreateConstGEP1_64(builder.getInt8Ty(), payload,
                                   -static_cast<int64_t>(headerSize), "node");
    Value *next = builder.CreateAlignedLoad(ptrTy, node, ptrAlign, "next");
    Value *prev = builder.CreateAlignedLoad(ptrTy, prevField(builder, node),
                                            ptrAlign, "prev");
    builder.CreateAlignedStore(next, prev, ptrAlign);
    builder.CreateAlignedStore(prev, prevField(builder, next), ptrAlign);
    builder.CreateCall(&freeFn, {node});
    builder.CreateBr(done);

    builder.SetInsertPoint(done);
    builder.CreateRetVoid();
    return fn;
  }

  /// void release(ptr list): frees every node still linked (cold: only the
  /// out-of-memory path calls it).
  Function *createRelease() {
    Function *fn =
        createHelper("scratch_release", Type::getVoidTy(ctx), {ptrTy});
    fn->addFnAttr(Attribute::Cold);
    Value *list = fn->getArg(0);
    list->setName("list");
    auto *entryBlock = BasicBlock::Create(ctx, "entry", fn);
    auto *loop = BasicBlock::Create(ctx, "loop", fn);
    auto *body = BasicBlock::Create(ctx, "body", fn);
    auto *done = BasicBlock::Create(ctx, "done", fn);
    IRBuilder<> builder(entryBlock);
    Value *first = builder.CreateAlignedLoad(ptrTy, list, ptrAlign, "first");
    builder.CreateBr(loop);

    builder.SetInsertPoint(loop);
    PHINode *node = builder.CreatePHI(ptrTy, 2, "node");
    node->addIncoming(first, entryBlock);
    builder.CreateCondBr(builder.CreateICmpEQ(node, list), done, body);

    builder.SetInsertPoint(body);
    Value *next = builder.CreateAlignedLoad(ptrTy, node, ptrAlign, "next");
    builder.CreateCall(&freeFn, {node});
    node->addIncoming(next, body);
    builder.CreateBr(loop);

    builder.SetInsertPoint(done);
    builder.CreateRetVoid();
    return fn;
  }

  Function &body;
  Module &module;
  LLVMContext &ctx;
  Function &mallocFn, &freeFn;
  PointerType *ptrTy;
  IntegerType *sizeTy;
  uint64_t ptrSize, headerSize;
  Align ptrAlign;
};
} // namespace

/// Makes a failed malloc in `body` (the model, returning a status) return 1
/// without leaking; see ScratchChecker.
static Error checkScratchAllocations(Function &body) {
  Module &module = *body.getParent();
  for (StringRef name : kUncheckedAllocators)
    if (Function *fn = module.getFunction(name); fn && !fn->use_empty())
      return makeError("the lowered model calls '" + name +
                       "', whose failure graphc cannot report");
  // Every call of malloc and free, all inside `body`.
  auto collectCalls = [&](StringRef name,
                          SmallVectorImpl<CallInst *> &calls) -> Error {
    Function *fn = module.getFunction(name);
    if (!fn)
      return Error::success();
    for (User *user : fn->users()) {
      auto *call = dyn_cast<CallInst>(user);
      if (!call || call->getCalledOperand() != fn ||
          call->getFunction() != &body)
        return makeError(
            "the lowered model uses '" + name + "' outside its body ('" +
            (call ? call->getFunction()->getName() : StringRef("not a call")) +
            "'); graphc cannot check that allocation");
      calls.push_back(call);
    }
    return Error::success();
  };
  SmallVector<CallInst *> mallocs, frees;
  if (Error err = collectCalls("malloc", mallocs))
    return err;
  if (Error err = collectCalls("free", frees))
    return err;
  if (mallocs.empty())
    return Error::success();

  Function *mallocFn = module.getFunction("malloc");
  FunctionType *mallocTy = mallocFn->getFunctionType();
  if (mallocTy->getNumParams() != 1 ||
      !mallocTy->getParamType(0)->isIntegerTy() ||
      !mallocTy->getReturnType()->isPointerTy())
    return makeError("the lowered model declares malloc with an unexpected "
                     "type");
  auto *ptrTy = PointerType::getUnqual(module.getContext());
  FunctionCallee freeCallee = module.getOrInsertFunction(
      "free",
      FunctionType::get(Type::getVoidTy(module.getContext()), {ptrTy}, false));
  auto *freeFn = dyn_cast<Function>(freeCallee.getCallee());
  if (!freeFn || freeFn->getFunctionType() != freeCallee.getFunctionType())
    return makeError("the lowered model declares free with an unexpected "
                     "type");
  ScratchChecker(body, *mallocFn, *freeFn).rewrite(mallocs, frees);
  return Error::success();
}

/// Replaces `impl` (returning void) by the same function returning i32 0
/// from every `ret`; the out-of-memory exit added later returns 1.
static Function *returnStatus(Function *impl) {
  Module &module = *impl->getParent();
  auto *type = FunctionType::get(Type::getInt32Ty(module.getContext()),
                                 impl->getFunctionType()->params(), false);
  Function *fn = Function::Create(type, impl->getLinkage(),
                                  impl->getAddressSpace(), "", &module);
  fn->takeName(impl);
  fn->copyAttributesFrom(impl);
  fn->copyMetadata(impl, 0);
  fn->splice(fn->begin(), impl);
  for (auto [oldArg, newArg] : llvm::zip(impl->args(), fn->args())) {
    newArg.takeName(&oldArg);
    oldArg.replaceAllUsesWith(&newArg);
  }
  for (BasicBlock &block : *fn)
    if (auto *ret = dyn_cast<ReturnInst>(block.getTerminator())) {
      ReturnInst::Create(module.getContext(),
                         ConstantInt::get(type->getReturnType(), 0),
                         ret->getIterator());
      ret->eraseFromParent();
    }
  impl->eraseFromParent();
  return fn;
}

Error graphc::addEntryPoint(Module &module, const ModelSignature &signature) {
  if (Error err = verifyModelSignature(signature))
    return err;
  const std::string &name = signature.name;
  std::string infoName = name + "_info";
  LLVMContext &ctx = module.getContext();

  Function *impl = module.getFunction(name);
  if (!impl || impl->isDeclaration())
    return makeError("the lowered module defines no function '" + name + "'");
  size_t numInputs = signature.inputs.size();
  size_t numOutputs = signature.outputs.size();
  FunctionType *implTy = impl->getFunctionType();
  bool hasWorkspace = signature.workspaceBytes.has_value();
  size_t numParams = numInputs + numOutputs + (hasWorkspace ? 1 : 0);
  if (implTy->getNumParams() != numParams ||
      !implTy->getReturnType()->isVoidTy() ||
      !llvm::all_of(implTy->params(), [](Type *t) { return t->isPointerTy(); }))
    return makeError("lowered function '" + name + "' should take " +
                     Twine(numParams) +
                     " pointers (inputs, then outputs" +
                     (hasWorkspace ? ", then the workspace" : "") +
                     ") and return void");
  std::string withWorkspaceName = name + "_with_workspace";
  if (module.getNamedValue(withWorkspaceName))
    return makeError("the module already defines '" + withWorkspaceName +
                     "'");
  if (module.getNamedValue(infoName))
    return makeError("the module already defines '" + infoName + "'");

  // The lowered body becomes internal; the inliner folds it into the wrapper.
  impl->setName(name + "_impl");
  impl->setLinkage(GlobalValue::InternalLinkage);
  impl->setVisibility(GlobalValue::DefaultVisibility);
  // The ABI says outputs overlap neither inputs nor each other, and inputs
  // are only read: every buffer is `noalias`, which spares the vectorizers
  // their run-time overlap checks.
  for (unsigned i = 0; i < impl->arg_size(); ++i)
    impl->addParamAttr(i, Attribute::NoAlias);
  // NAME_impl returns NAME's status: 0, or 1 when out of memory.
  if (!impl->use_empty())
    return makeError("the lowered function '" + name +
                     "' is called from elsewhere in the module");
  impl = returnStatus(impl);
  if (Error err = checkScratchAllocations(*impl))
    return err;

  // The new functions are compiled for the same CPU as the model body.
  SmallVector<Attribute> targetAttributes;
  for (StringRef kind : {"target-cpu", "target-features", "tune-cpu"})
    if (impl->hasFnAttribute(kind))
      targetAttributes.push_back(impl->getFnAttribute(kind));
  auto copyTargetAttributes = [&](Function *fn) {
    for (Attribute attribute : targetAttributes)
      fn->addFnAttr(attribute);
  };

  // int NAME_with_workspace(const void *const *inputs, void *const *outputs,
  //                         void *workspace)
  // int NAME(const void *const *inputs, void *const *outputs)
  auto *ptrTy = PointerType::getUnqual(ctx);
  auto *i32Ty = Type::getInt32Ty(ctx);
  auto *i64Ty = Type::getInt64Ty(ctx);
  auto createEntry = [&](StringRef symbol, bool takesWorkspace) {
    SmallVector<Type *> params = {ptrTy, ptrTy};
    if (takesWorkspace)
      params.push_back(ptrTy);
    Function *fn = Function::Create(FunctionType::get(i32Ty, params, false),
                                    GlobalValue::ExternalLinkage, symbol,
                                    module);
    fn->addFnAttr(Attribute::NoUnwind);
    copyTargetAttributes(fn);
    fn->getArg(0)->setName("inputs");
    fn->getArg(1)->setName("outputs");
    for (unsigned i = 0; i < 2; ++i) {
      fn->addParamAttr(
          i, Attribute::getWithCaptureInfo(ctx, CaptureInfo::none()));
      fn->addParamAttr(i, Attribute::ReadOnly);
    }
    if (takesWorkspace) {
      fn->getArg(2)->setName("workspace");
      fn->addParamAttr(2, Attribute::NoAlias);
    }
    return fn;
  };
  /// The call of the model body with the pointers of `fn`'s arrays.
  auto callImpl = [&](IRBuilder<> &builder, Function *fn, Value *workspace) {
    SmallVector<Value *> args;
    auto loadPointers = [&](Value *array, size_t count, StringRef kind) {
      for (size_t i = 0; i < count; ++i) {
        Value *slot = builder.CreateConstInBoundsGEP1_64(ptrTy, array, i);
        args.push_back(
            builder.CreateAlignedLoad(ptrTy, slot, Align(8), kind + Twine(i)));
      }
    };
    loadPointers(fn->getArg(0), numInputs, "in");
    loadPointers(fn->getArg(1), numOutputs, "out");
    if (hasWorkspace)
      args.push_back(workspace);
    return builder.CreateCall(impl, args, "status");
  };

  Function *withWorkspace = createEntry(withWorkspaceName, true);
  {
    IRBuilder<> builder(BasicBlock::Create(ctx, "entry", withWorkspace));
    builder.CreateRet(callImpl(builder, withWorkspace, withWorkspace->getArg(2)));
  }

  Function *entry = createEntry(name, false);
  {
    IRBuilder<> builder(BasicBlock::Create(ctx, "entry", entry));
    uint64_t bytes = signature.workspaceBytes.value_or(0);
    if (bytes == 0) {
      builder.CreateRet(
          callImpl(builder, entry, ConstantPointerNull::get(ptrTy)));
    } else {
      // One malloc for the whole workspace, aligned to 64 bytes by hand
      // (aligned_alloc is not in every libc graphc targets).
      FunctionCallee mallocFn = module.getOrInsertFunction(
          "malloc", FunctionType::get(ptrTy, {i64Ty}, false));
      FunctionCallee freeFn = module.getOrInsertFunction(
          "free", FunctionType::get(Type::getVoidTy(ctx), {ptrTy}, false));
      Value *raw = builder.CreateCall(
          mallocFn, {ConstantInt::get(i64Ty, bytes + 63)}, "raw");
      BasicBlock *ok = BasicBlock::Create(ctx, "ok", entry);
      BasicBlock *oom = BasicBlock::Create(ctx, "oom", entry);
      builder.CreateCondBr(builder.CreateIsNull(raw), oom, ok);
      builder.SetInsertPoint(oom);
      builder.CreateRet(ConstantInt::get(i32Ty, 1));
      builder.SetInsertPoint(ok);
      Value *address = builder.CreatePtrToInt(raw, i64Ty);
      Value *aligned = builder.CreateAnd(
          builder.CreateAdd(address, ConstantInt::get(i64Ty, 63)),
          ConstantInt::get(i64Ty, ~uint64_t(63)));
      Value *workspace = builder.CreateGEP(
          Type::getInt8Ty(ctx), raw, builder.CreateSub(aligned, address),
          "workspace");
      Value *status = callImpl(builder, entry, workspace);
      builder.CreateCall(freeFn, {raw});
      builder.CreateRet(status);
    }
  }

  // const graphc_model_info *NAME_info(void)
  // `const T *symbol(void)` returning the address of `value`.
  auto createGetter = [&](const Twine &symbol, GlobalVariable *value) {
    Function *fn = Function::Create(FunctionType::get(ptrTy, false),
                                    GlobalValue::ExternalLinkage, symbol,
                                    module);
    fn->addFnAttr(Attribute::NoUnwind);
    copyTargetAttributes(fn);
    fn->addFnAttr(Attribute::WillReturn);
    fn->setDoesNotAccessMemory();
    IRBuilder<> getterBuilder(BasicBlock::Create(ctx, "entry", fn));
    getterBuilder.CreateRet(value);
    return fn;
  };
  InfoBuilder infoBuilder(module, name);
  Function *infoFn = createGetter(infoName, infoBuilder.build(signature));

  // const graphc_profile_info *NAME_profile(void), for --profile builds.
  Function *profileFn = nullptr;
  if (signature.profile) {
    GlobalVariable *cycles =
        module.getGlobalVariable(name + "_profile_cycles", true);
    if (!cycles)
      return makeError("the profiled module has no '" + name +
                       "_profile_cycles' counters");
    profileFn = createGetter(
        name + "_profile",
        infoBuilder.buildProfile(*signature.profile, cycles));
  }

  // Everything else this module defines is private to the library.
  auto internalize = [&](GlobalValue &value) {
    if (&value == entry || &value == withWorkspace || &value == infoFn ||
        (profileFn && &value == profileFn) ||
        value.isDeclaration() ||
        value.hasLocalLinkage() || value.hasAppendingLinkage())
      return;
    value.setLinkage(GlobalValue::InternalLinkage);
    value.setVisibility(GlobalValue::DefaultVisibility);
    value.setDSOLocal(true);
  };
  for (Function &fn : module.functions())
    internalize(fn);
  for (GlobalVariable &global : module.globals())
    internalize(global);
  for (GlobalAlias &alias : module.aliases())
    internalize(alias);
  return Error::success();
}

//===- EntryPoint.cpp - The exported ABI of a generated library -----------===//
//
// Done on the llvm::Module after translation rather than in the LLVM dialect:
// the metadata is a tree of constant structs pointing at constant strings
// and arrays, which llvm::ConstantStruct expresses directly. The struct
// types mirror graphc_tensor_info / graphc_model_info of graphc-c/Runtime.h;
// LLVM's natural (non-packed) struct layout inserts the same padding as the
// C compiler on every ABI we target.
//
//===----------------------------------------------------------------------===//

#include "graphc/Target/EntryPoint.h"
#include "graphc/Target/SignatureUtils.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/ModRef.h"

using namespace graphc;
using namespace llvm;

// Must match GRAPHC_ABI_VERSION in graphc-c/Runtime.h.
static constexpr unsigned kAbiVersion = 1;

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
    //                            inputs, outputs }
    modelInfoTy = StructType::create(
        ctx, {i32Ty, ptrTy, i32Ty, i32Ty, ptrTy, ptrTy}, "graphc_model_info");
  }

  GlobalVariable *build(const ModelSignature &signature) {
    Constant *fields[] = {
        ConstantInt::get(i32Ty, kAbiVersion),
        getString(signature.name),
        ConstantInt::get(i32Ty, signature.inputs.size()),
        ConstantInt::get(i32Ty, signature.outputs.size()),
        getTensorArray(signature.inputs, "inputs"),
        getTensorArray(signature.outputs, "outputs"),
    };
    return addConstant(ConstantStruct::get(modelInfoTy, fields), "info");
  }

private:
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

  Constant *getTensorArray(const std::vector<TensorSpec> &tensors,
                           StringRef kind) {
    if (tensors.empty())
      return ConstantPointerNull::get(ptrTy);
    SmallVector<Constant *> elements;
    for (const TensorSpec &tensor : tensors) {
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
  if (implTy->getNumParams() != numInputs + numOutputs ||
      !implTy->getReturnType()->isVoidTy() ||
      !llvm::all_of(implTy->params(), [](Type *t) { return t->isPointerTy(); }))
    return makeError("lowered function '" + name + "' should take " +
                     Twine(numInputs + numOutputs) +
                     " pointers (inputs, then outputs) and return void");
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

  // The new functions are compiled for the same CPU as the model body.
  auto copyTargetAttributes = [&](Function *fn) {
    for (StringRef kind : {"target-cpu", "target-features", "tune-cpu"})
      if (impl->hasFnAttribute(kind))
        fn->addFnAttr(impl->getFnAttribute(kind));
  };

  // int NAME(const void *const *inputs, void *const *outputs)
  auto *ptrTy = PointerType::getUnqual(ctx);
  auto *i32Ty = Type::getInt32Ty(ctx);
  Function *entry =
      Function::Create(FunctionType::get(i32Ty, {ptrTy, ptrTy}, false),
                       GlobalValue::ExternalLinkage, name, module);
  entry->addFnAttr(Attribute::NoUnwind);
  copyTargetAttributes(entry);
  entry->getArg(0)->setName("inputs");
  entry->getArg(1)->setName("outputs");
  for (unsigned i = 0; i < 2; ++i) {
    entry->addParamAttr(
        i, Attribute::getWithCaptureInfo(ctx, CaptureInfo::none()));
    entry->addParamAttr(i, Attribute::ReadOnly);
  }
  IRBuilder<> builder(BasicBlock::Create(ctx, "entry", entry));
  SmallVector<Value *> args;
  auto loadPointers = [&](Value *array, size_t count, StringRef kind) {
    for (size_t i = 0; i < count; ++i) {
      Value *slot = builder.CreateConstInBoundsGEP1_64(ptrTy, array, i);
      args.push_back(
          builder.CreateAlignedLoad(ptrTy, slot, Align(8), kind + Twine(i)));
    }
  };
  loadPointers(entry->getArg(0), numInputs, "in");
  loadPointers(entry->getArg(1), numOutputs, "out");
  builder.CreateCall(impl, args);
  builder.CreateRet(ConstantInt::get(i32Ty, 0));

  // const graphc_model_info *NAME_info(void)
  GlobalVariable *info = InfoBuilder(module, name).build(signature);
  Function *infoFn =
      Function::Create(FunctionType::get(ptrTy, false),
                       GlobalValue::ExternalLinkage, infoName, module);
  infoFn->addFnAttr(Attribute::NoUnwind);
  copyTargetAttributes(infoFn);
  infoFn->addFnAttr(Attribute::WillReturn);
  infoFn->setDoesNotAccessMemory();
  IRBuilder<> infoBuilder(BasicBlock::Create(ctx, "entry", infoFn));
  infoBuilder.CreateRet(info);

  // Everything else this module defines is private to the library.
  auto internalize = [&](GlobalValue &value) {
    if (&value == entry || &value == infoFn || value.isDeclaration() ||
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

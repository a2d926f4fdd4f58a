//===- CodegenTest.cpp - The codegen back end and the files it writes -----===//
//
// End-to-end checks of lib/Pipelines/Codegen and lib/Target: small
// linalg-on-tensors models (an MLP with constant weights; a padded conv +
// bias + tanh + max-pool with a strided slice and an integer output; loops
// and branches on tensors) are compiled to PREFIX.{o,so,h,...}, the .so is
// dlopen()ed and run, and every number is compared against the same
// computation written in plain C++ here. Also checked: the metadata of
// NAME_info(), that the library exports exactly NAME, NAME_with_workspace
// and NAME_info and
// depends on libc/libm only, that feeds are never written, that the header
// compiles as C99 and C++ together with graphc-c/Runtime.h and that two
// models link into one C program, the ld.lld subprocess fallback, the
// diagnostics for bad input, and out of memory: a C program that defines
// malloc/free makes each malloc of a call fail in turn, and the model must
// return 1 and leave no block allocated each time, then run normally.
//
//===----------------------------------------------------------------------===//

#include "graphc/Pipelines/Codegen.h"
#include "graphc/Target/EntryPoint.h"
#include "graphc/Target/HeaderWriter.h"
#include "graphc/Target/Linker.h"
#include "graphc/Target/SignatureUtils.h"

#include "graphc-c/Runtime.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <set>
#include <thread>

#ifndef GRAPHC_TEST_CLANG
#define GRAPHC_TEST_CLANG "/usr/lib/llvm-22/bin/clang"
#endif
#ifndef GRAPHC_SOURCE_INCLUDE_DIR
#error "GRAPHC_SOURCE_INCLUDE_DIR must name graphc's include/ folder"
#endif

using namespace graphc;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// `values` as an MLIR hex dense literal: exact, and shape-independent.
std::string denseHex(const std::vector<float> &values) {
  llvm::ArrayRef<uint8_t> bytes(
      reinterpret_cast<const uint8_t *>(values.data()),
      values.size() * sizeof(float));
  return "dense<\"0x" + llvm::toHex(bytes) + "\">";
}

/// Deterministic, varied test data in [-1, 1).
std::vector<float> makeData(size_t n, unsigned seed) {
  std::vector<float> data(n);
  for (size_t i = 0; i < n; ++i)
    data[i] =
        static_cast<float>(static_cast<int>((i * 37 + seed * 101) % 64) - 32) /
        32.0f;
  return data;
}

std::string replaceAll(std::string text, llvm::StringRef from,
                       llvm::StringRef to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to.str());
  return text;
}

TensorSpec f32(std::string name, std::vector<int64_t> shape) {
  return TensorSpec{std::move(name), GRAPHC_DT_FLOAT, std::move(shape)};
}

/// Names of the libraries `path` (an ELF shared object) lists as DT_NEEDED.
std::vector<std::string> getNeededLibraries(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  EXPECT_TRUE(bool(buffer)) << path;
  if (!buffer)
    return {};
  auto elf = llvm::object::ELF64LEFile::create((*buffer)->getBuffer());
  EXPECT_TRUE(bool(elf)) << llvm::toString(elf.takeError());
  auto entries = elf->dynamicEntries();
  EXPECT_TRUE(bool(entries)) << llvm::toString(entries.takeError());
  uint64_t strtab = 0;
  std::vector<uint64_t> offsets;
  for (const auto &entry : *entries) {
    if (entry.d_tag == llvm::ELF::DT_STRTAB)
      strtab = entry.getPtr();
    else if (entry.d_tag == llvm::ELF::DT_NEEDED)
      offsets.push_back(entry.getVal());
  }
  std::vector<std::string> names;
  if (offsets.empty())
    return names;
  auto base = elf->toMappedAddr(strtab);
  EXPECT_TRUE(bool(base)) << llvm::toString(base.takeError());
  for (uint64_t offset : offsets)
    names.push_back(reinterpret_cast<const char *>(*base + offset));
  return names;
}

/// Global symbols `path` defines: dynamic ones for a .so, all for a .o.
std::set<std::string> getDefinedGlobals(const std::string &path, bool dynamic) {
  std::set<std::string> names;
  auto binary = llvm::object::ObjectFile::createObjectFile(path);
  EXPECT_TRUE(bool(binary)) << llvm::toString(binary.takeError());
  if (!binary)
    return names;
  auto *elf =
      llvm::dyn_cast<llvm::object::ELFObjectFileBase>(binary->getBinary());
  EXPECT_NE(elf, nullptr);
  auto collect = [&](auto symbols) {
    for (const llvm::object::SymbolRef &symbol : symbols) {
      auto flags = symbol.getFlags();
      auto name = symbol.getName();
      if (!flags || !name) {
        llvm::consumeError(flags.takeError());
        llvm::consumeError(name.takeError());
        continue;
      }
      if ((*flags & llvm::object::SymbolRef::SF_Global) &&
          !(*flags & llvm::object::SymbolRef::SF_Undefined))
        names.insert(name->str());
    }
  };
  if (dynamic)
    collect(elf->getDynamicSymbolIterators());
  else
    collect(elf->symbols());
  return names;
}

/// Runs `argv` (argv[0] the program path); returns the exit code and puts
/// stdout+stderr into `output`.
int runProgram(const std::vector<std::string> &argv, std::string &output) {
  llvm::SmallString<128> outPath;
  llvm::sys::fs::createTemporaryFile("graphc-codegen-test", "txt", outPath);
  std::vector<llvm::StringRef> args(argv.begin(), argv.end());
  std::optional<llvm::StringRef> redirects[] = {
      std::nullopt, llvm::StringRef(outPath), llvm::StringRef(outPath)};
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(argv[0], args, std::nullopt, redirects, 0,
                                     0, &error);
  if (auto buffer = llvm::MemoryBuffer::getFile(outPath))
    output = (*buffer)->getBuffer().str();
  output += error;
  llvm::sys::fs::remove(outPath);
  return rc;
}

//===----------------------------------------------------------------------===//
// Fixture: a temporary folder and an MLIR context per test
//===----------------------------------------------------------------------===//

class CodegenTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    llvm::SmallString<128> dir;
    ASSERT_FALSE(
        llvm::sys::fs::createUniqueDirectory("graphc-codegen-test", dir));
    tempDir = new std::string(dir.str());
  }
  static void TearDownTestSuite() {
    if (!getenv("GRAPHC_KEEP_TEST_OUTPUT"))
      llvm::sys::fs::remove_directories(*tempDir);
    delete tempDir;
  }

  CodegenTest() {
    mlir::DialectRegistry registry;
    registerCodegenDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
  }

  /// PREFIX of the files of model `name` (one sub-folder per model, which
  /// also checks that emitArtifacts creates missing folders).
  std::string prefixOf(llvm::StringRef name) const {
    return *tempDir + "/" + name.str() + "/" + name.str();
  }

  /// Parses `source`, compiles it with `signature` and returns true on
  /// success; diagnostics land in `diagnostics`.
  bool compile(const std::string &source, const ModelSignature &signature,
               std::set<std::string> emit = {"obj", "so", "h"},
               const CodegenOptions &codegen = {}) {
    diagnostics.clear();
    mlir::ScopedDiagnosticHandler handler(context.get(),
                                          [&](mlir::Diagnostic &diag) {
                                            diagnostics += diag.str() + "\n";
                                            return mlir::success();
                                          });
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceString<mlir::ModuleOp>(source, context.get());
    if (!module)
      return false;
    EmitOptions options;
    options.outputPrefix = prefixOf(signature.name);
    options.emit = std::move(emit);
    options.codegen = codegen;
    return mlir::succeeded(emitArtifacts(*module, signature, options));
  }

  /// dlopen()s PREFIX.so of `name` and returns its two entry points.
  std::pair<graphc_entry_fn, graphc_info_fn> load(const std::string &name) {
    std::string path = prefixOf(name) + ".so";
    void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    EXPECT_NE(handle, nullptr) << dlerror();
    if (!handle)
      return {nullptr, nullptr};
    auto entry = reinterpret_cast<graphc_entry_fn>(dlsym(handle, name.c_str()));
    auto info = reinterpret_cast<graphc_info_fn>(
        dlsym(handle, (name + "_info").c_str()));
    EXPECT_NE(entry, nullptr);
    EXPECT_NE(info, nullptr);
    return {entry, info};
  }

  /// The library depends on libc/libm only and exports NAME,
  /// NAME_with_workspace and NAME_info only; so does the object.
  void checkLibraryHygiene(const std::string &name) {
    for (const std::string &lib : getNeededLibraries(prefixOf(name) + ".so"))
      EXPECT_TRUE(lib == "libc.so.6" || lib == "libm.so.6") << lib;
    std::set<std::string> expected = {name, name + "_info",
                                      name + "_with_workspace"};
    EXPECT_EQ(getDefinedGlobals(prefixOf(name) + ".so", /*dynamic=*/true),
              expected);
    if (llvm::sys::fs::exists(prefixOf(name) + ".o")) {
      EXPECT_EQ(getDefinedGlobals(prefixOf(name) + ".o", /*dynamic=*/false),
                expected);
    }
  }

  /// The metadata NAME_info() returns matches `signature`.
  static void checkInfo(const graphc_model_info *info,
                        const ModelSignature &signature) {
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->abi_version, static_cast<uint32_t>(GRAPHC_ABI_VERSION));
    EXPECT_STREQ(info->name, signature.name.c_str());
    ASSERT_EQ(info->num_inputs, static_cast<int32_t>(signature.inputs.size()));
    ASSERT_EQ(info->num_outputs,
              static_cast<int32_t>(signature.outputs.size()));
    auto check = [](const graphc_tensor_info &got, const TensorSpec &want) {
      EXPECT_STREQ(got.name, want.name.c_str());
      EXPECT_EQ(got.dtype, want.dtype);
      ASSERT_EQ(got.rank, static_cast<int32_t>(want.shape.size()));
      for (size_t d = 0; d < want.shape.size(); ++d)
        EXPECT_EQ(got.shape[d], want.shape[d]) << want.name << " dim " << d;
      EXPECT_EQ(got.num_elements, getNumElements(want));
      EXPECT_EQ(got.num_bytes, getNumBytes(want));
    };
    for (size_t i = 0; i < signature.inputs.size(); ++i)
      check(info->inputs[i], signature.inputs[i]);
    for (size_t j = 0; j < signature.outputs.size(); ++j)
      check(info->outputs[j], signature.outputs[j]);
  }

  static std::string *tempDir;
  std::unique_ptr<mlir::MLIRContext> context;
  std::string diagnostics;
};

std::string *CodegenTest::tempDir = nullptr;

//===----------------------------------------------------------------------===//
// Models
//===----------------------------------------------------------------------===//

// y = relu(x * W1 + b1) * W2 + b2, weights as dense constants.
const char *const kMlpSource = R"mlir(
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>
func.func @mlp(%x: tensor<4x16xf32>) -> tensor<4x8xf32> {
  %w1 = arith.constant $W1 : tensor<16x32xf32>
  %b1 = arith.constant $B1 : tensor<32xf32>
  %w2 = arith.constant $W2 : tensor<32x8xf32>
  %b2 = arith.constant $B2 : tensor<8xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4x32xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x32xf32>) -> tensor<4x32xf32>
  %m1 = linalg.matmul ins(%x, %w1 : tensor<4x16xf32>, tensor<16x32xf32>)
                      outs(%f1 : tensor<4x32xf32>) -> tensor<4x32xf32>
  %h = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m1, %b1 : tensor<4x32xf32>, tensor<32xf32>) outs(%e1 : tensor<4x32xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<4x32xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x8xf32>) -> tensor<4x8xf32>
  %m2 = linalg.matmul ins(%h, %w2 : tensor<4x32xf32>, tensor<32x8xf32>)
                      outs(%f2 : tensor<4x8xf32>) -> tensor<4x8xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m2, %b2 : tensor<4x8xf32>, tensor<8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
)mlir";

// pad(x) -> 3x3 conv -> +bias -> tanh; outputs: 2x2/2 max-pool flattened,
// a channel slice of the tanh (a strided view), int32(p*1000 + erf(p*1000)).
const char *const kConvSource = R"mlir(
#id = affine_map<(n, h, w, c) -> (n, h, w, c)>
#chan = affine_map<(n, h, w, c) -> (c)>
func.func @convnet(%x: tensor<1x6x6x2xf32>)
    -> (tensor<1x36xf32>, tensor<1x6x6x2xf32>, tensor<1x3x3x4xi32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %w = arith.constant $W : tensor<3x3x2x4xf32>
  %bias = arith.constant $B : tensor<4xf32>
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f32
  } : tensor<1x6x6x2xf32> to tensor<1x8x8x2xf32>
  %e = tensor.empty() : tensor<1x6x6x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x6x6x4xf32>) -> tensor<1x6x6x4xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p, %w : tensor<1x8x8x2xf32>, tensor<3x3x2x4xf32>)
      outs(%f : tensor<1x6x6x4xf32>) -> tensor<1x6x6x4xf32>
  %t = linalg.generic {indexing_maps = [#id, #chan, #id],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c, %bias : tensor<1x6x6x4xf32>, tensor<4xf32>) outs(%e : tensor<1x6x6x4xf32>) {
  ^bb0(%v: f32, %b: f32, %o: f32):
    %s = arith.addf %v, %b : f32
    %th = math.tanh %s : f32
    linalg.yield %th : f32
  } -> tensor<1x6x6x4xf32>
  %pe = tensor.empty() : tensor<1x3x3x4xf32>
  %pf = linalg.fill ins(%ninf : f32) outs(%pe : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %pool = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%t, %win : tensor<1x6x6x4xf32>, tensor<2x2xf32>)
      outs(%pf : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  %flat = tensor.collapse_shape %pool [[0], [1, 2, 3]] : tensor<1x3x3x4xf32> into tensor<1x36xf32>
  %slice = tensor.extract_slice %t[0, 0, 0, 1] [1, 6, 6, 2] [1, 1, 1, 1]
      : tensor<1x6x6x4xf32> to tensor<1x6x6x2xf32>
  %ie = tensor.empty() : tensor<1x3x3x4xi32>
  %ints = linalg.generic {indexing_maps = [#id, #id],
                          iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%pool : tensor<1x3x3x4xf32>) outs(%ie : tensor<1x3x3x4xi32>) {
  ^bb0(%v: f32, %o: i32):
    %k = arith.constant 1000.0 : f32
    %m = arith.mulf %v, %k : f32
    %er = math.erf %m : f32
    %m2 = arith.addf %m, %er : f32
    %i = arith.fptosi %m2 : f32 to i32
    linalg.yield %i : i32
  } -> tensor<1x3x3x4xi32>
  return %flat, %slice, %ints : tensor<1x36xf32>, tensor<1x6x6x2xf32>, tensor<1x3x3x4xi32>
}
)mlir";

// y = n > 0 ? f(f(f(x))) : x with f(v) = 2v + 1: scf.for and scf.if on
// tensors (deallocation then needs its generic helper function).
const char *const kLoopSource = R"mlir(
func.func @loop(%x: tensor<8xf32>, %n: tensor<i32>) -> tensor<8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<8xf32>
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %x) -> tensor<8xf32> {
    %g = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                         iterator_types = ["parallel"]}
        ins(%acc : tensor<8xf32>) outs(%e : tensor<8xf32>) {
    ^bb0(%a: f32, %o: f32):
      %two = arith.constant 2.0 : f32
      %one = arith.constant 1.0 : f32
      %m = arith.mulf %a, %two : f32
      %s = arith.addf %m, %one : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    scf.yield %g : tensor<8xf32>
  }
  %nv = tensor.extract %n[] : tensor<i32>
  %cond = arith.cmpi sgt, %nv, %zero : i32
  %y = scf.if %cond -> tensor<8xf32> {
    scf.yield %r : tensor<8xf32>
  } else {
    scf.yield %x : tensor<8xf32>
  }
  return %y : tensor<8xf32>
}
)mlir";

// A linalg op whose `outs` is the feed itself: bufferization must not
// write into the caller's input.
const char *const kInPlaceSource = R"mlir(
func.func @twice(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%x : tensor<4xf32>) {
  ^bb0(%o: f32):
    %s = arith.addf %o, %o : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}
)mlir";

// Other dtypes: f64, i64, i8 (TF uint8 is signless i8 too), i1 (bool, one
// byte per element); a scalar result.
const char *const kDTypesSource = R"mlir(
#id = affine_map<(i) -> (i)>
#all = affine_map<(i) -> ()>
func.func @dtypes(%a: tensor<3xf64>, %b: tensor<3xi64>, %c: tensor<3xi8>, %d: tensor<3xi1>)
    -> (tensor<3xf64>, tensor<3xi1>, tensor<i64>) {
  %ef = tensor.empty() : tensor<3xf64>
  %eb = tensor.empty() : tensor<3xi1>
  %r:2 = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id],
                         iterator_types = ["parallel"]}
      ins(%a, %b, %c, %d : tensor<3xf64>, tensor<3xi64>, tensor<3xi8>, tensor<3xi1>)
      outs(%ef, %eb : tensor<3xf64>, tensor<3xi1>) {
  ^bb0(%va: f64, %vb: i64, %vc: i8, %vd: i1, %o1: f64, %o2: i1):
    %fb = arith.sitofp %vb : i64 to f64
    %ic = arith.extui %vc : i8 to i64
    %fc = arith.sitofp %ic : i64 to f64
    %s = arith.addf %va, %fb : f64
    %t = arith.addf %s, %fc : f64
    %neg = arith.negf %t : f64
    %sel = arith.select %vd, %neg, %t : f64
    %big = arith.cmpf ogt, %sel, %va : f64
    linalg.yield %sel, %big : f64, i1
  } -> (tensor<3xf64>, tensor<3xi1>)
  %zero = arith.constant 0 : i64
  %e0 = tensor.empty() : tensor<i64>
  %acc = linalg.fill ins(%zero : i64) outs(%e0 : tensor<i64>) -> tensor<i64>
  %sum = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction"]}
      ins(%b : tensor<3xi64>) outs(%acc : tensor<i64>) {
  ^bb0(%v: i64, %o: i64):
    %x = arith.addi %v, %o : i64
    linalg.yield %x : i64
  } -> tensor<i64>
  return %r#0, %r#1, %sum : tensor<3xf64>, tensor<3xi1>, tensor<i64>
}
)mlir";

// No inputs at all: a constant result.
const char *const kConstantSource = R"mlir(
func.func @constant() -> tensor<2x2xf32> {
  %c = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  return %c : tensor<2x2xf32>
}
)mlir";

// Ops TF conversions emit besides the ones above: concat, transpose,
// reduce, broadcast, map with libm and intrinsic math, batch_matmul,
// depthwise conv, insert_slice into a constant, tensor.cast.
const char *const kOpsSource = R"mlir(
func.func @ops(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>)
    -> (tensor<4x3xf32>, tensor<3x2xf32>, tensor<2xf32>, tensor<2x2x3xf32>,
        tensor<2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2x3xf32>, tensor<3x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %cat = tensor.concat dim(0) %x, %y : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %te = tensor.empty() : tensor<3x2xf32>
  %tr = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%te : tensor<3x2xf32>) permutation = [1, 0]
  %re = tensor.empty() : tensor<2xf32>
  %rf = linalg.fill ins(%zero : f32) outs(%re : tensor<2xf32>) -> tensor<2xf32>
  %red = linalg.reduce ins(%y : tensor<2x3xf32>) outs(%rf : tensor<2xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %be = tensor.empty() : tensor<2x2x3xf32>
  %bc = linalg.broadcast ins(%x : tensor<2x3xf32>) outs(%be : tensor<2x2x3xf32>) dimensions = [0]
  %me = tensor.empty() : tensor<2x3xf32>
  %mapped = linalg.map ins(%x, %y : tensor<2x3xf32>, tensor<2x3xf32>) outs(%me : tensor<2x3xf32>)
    (%a: f32, %b: f32, %o: f32) {
      %one = arith.constant 1.0 : f32
      %three = arith.constant 3.0 : f32
      %p15 = arith.constant 1.5 : f32
      %aa = math.absf %a : f32
      %ab = math.absf %b : f32
      %e = math.exp %a : f32
      %a1 = arith.addf %aa, %one : f32
      %rs = math.rsqrt %a1 : f32
      %pw = math.powf %ab, %p15 : f32
      %lg = math.log1p %aa : f32
      %fl = math.floor %b : f32
      %a3 = arith.mulf %a, %three : f32
      %rd = math.roundeven %a3 : f32
      %er = math.erf %b : f32
      %at = math.atan2 %a, %b : f32
      %cb = math.cbrt %b : f32
      %s1 = arith.addf %e, %rs : f32
      %s2 = arith.addf %s1, %pw : f32
      %s3 = arith.addf %s2, %lg : f32
      %s4 = arith.addf %s3, %fl : f32
      %s5 = arith.addf %s4, %rd : f32
      %s6 = arith.addf %s5, %er : f32
      %s7 = arith.addf %s6, %at : f32
      %s8 = arith.addf %s7, %cb : f32
      linalg.yield %s8 : f32
    }
  %x3 = tensor.expand_shape %x [[0, 1], [2]] output_shape [1, 2, 3] : tensor<2x3xf32> into tensor<1x2x3xf32>
  %y3 = tensor.expand_shape %tr [[0, 1], [2]] output_shape [1, 3, 2] : tensor<3x2xf32> into tensor<1x3x2xf32>
  %bme = tensor.empty() : tensor<1x2x2xf32>
  %bmf = linalg.fill ins(%zero : f32) outs(%bme : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  %bmm = linalg.batch_matmul ins(%x3, %y3 : tensor<1x2x3xf32>, tensor<1x3x2xf32>)
                             outs(%bmf : tensor<1x2x2xf32>) -> tensor<1x2x2xf32>
  %img = tensor.expand_shape %cat [[0, 1], [2, 3]] output_shape [1, 4, 1, 3] : tensor<4x3xf32> into tensor<1x4x1x3xf32>
  %imgp = tensor.pad %img low[0, 0, 1, 0] high[0, 0, 2, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f32
  } : tensor<1x4x1x3xf32> to tensor<1x4x4x3xf32>
  %filter = arith.constant dense<[[[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]], [[-2.0, 1.0, 0.25], [1.0, 1.0, 1.0]]]> : tensor<2x2x3xf32>
  %dwe = tensor.empty() : tensor<1x2x2x3xf32>
  %dwf = linalg.fill ins(%zero : f32) outs(%dwe : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %dw = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%imgp, %filter : tensor<1x4x4x3xf32>, tensor<2x2x3xf32>) outs(%dwf : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %base = arith.constant dense<7.0> : tensor<3x4xf32>
  %ins = tensor.insert_slice %tr into %base[0, 1] [3, 2] [1, 1] : tensor<3x2xf32> into tensor<3x4xf32>
  %dyn = tensor.cast %ins : tensor<3x4xf32> to tensor<?x4xf32>
  %back = tensor.cast %dyn : tensor<?x4xf32> to tensor<3x4xf32>
  return %cat, %tr, %red, %bc, %mapped, %bmm, %dw, %back
      : tensor<4x3xf32>, tensor<3x2xf32>, tensor<2xf32>, tensor<2x2x3xf32>,
        tensor<2x3xf32>, tensor<1x2x2xf32>, tensor<1x2x2x3xf32>, tensor<3x4xf32>
}
)mlir";

ModelSignature loopSignature() {
  return {"loop",
          {f32("x", {8}), TensorSpec{"n", GRAPHC_DT_INT32, {}}},
          {f32("y:0", {8})}};
}

ModelSignature twiceSignature() {
  return {"twice", {f32("x", {4})}, {f32("y", {4})}};
}

//===----------------------------------------------------------------------===//
// Signature helpers and the header writer
//===----------------------------------------------------------------------===//

TEST(SignatureUtilsTest, DTypesAndNames) {
  EXPECT_EQ(getDTypeSize(GRAPHC_DT_FLOAT), 4u);
  EXPECT_EQ(getDTypeSize(GRAPHC_DT_BOOL), 1u);
  EXPECT_EQ(getDTypeSize(GRAPHC_DT_HALF), 2u);
  EXPECT_EQ(getDTypeSize(GRAPHC_DT_UINT64), 8u);
  EXPECT_EQ(getDTypeSize(14 /* bfloat16 */), 0u);
  EXPECT_EQ(getDTypeCType(GRAPHC_DT_INT64), "int64_t");
  EXPECT_EQ(getNumElements(TensorSpec{"s", 1, {}}), 1);
  EXPECT_EQ(getNumBytes(TensorSpec{"t", 2, {3, 5}}), 120);
  EXPECT_EQ(sanitizeCIdentifier("dense/BiasAdd:0"), "dense_BiasAdd_0");
  EXPECT_EQ(sanitizeCIdentifier("0x"), "_0x");
  EXPECT_TRUE(isValidCIdentifier("mobilenet_v2"));
  EXPECT_FALSE(isValidCIdentifier("2fast"));
  EXPECT_FALSE(isValidCIdentifier("my-model"));
  EXPECT_FALSE(isValidCIdentifier("int"));

  EXPECT_FALSE(bool(llvm::errorToBool(
      verifyModelSignature({"ok", {f32("x", {1})}, {f32("y", {1})}}))));
  EXPECT_TRUE(llvm::errorToBool(
      verifyModelSignature({"my-model", {}, {f32("y", {1})}})));
  EXPECT_TRUE(llvm::errorToBool(verifyModelSignature({"m", {}, {}})));
  EXPECT_TRUE(llvm::errorToBool(verifyModelSignature(
      {"m", {TensorSpec{"x", 14, {1}}}, {f32("y", {1})}})));
  EXPECT_TRUE(llvm::errorToBool(
      verifyModelSignature({"m", {f32("x", {-1, 3})}, {f32("y", {1})}})));
}

TEST(HeaderWriterTest, MacrosDeclarationsAndWrapper) {
  ModelSignature signature{
      "net",
      {f32("image", {1, 28, 28, 1}), TensorSpec{"ids", GRAPHC_DT_INT64, {3}}},
      {f32("dense/Softmax:0", {1, 10}), TensorSpec{"a.b", GRAPHC_DT_BOOL, {}},
       TensorSpec{"a/b", GRAPHC_DT_BOOL, {}}}};
  std::string text;
  llvm::raw_string_ostream os(text);
  writeHeader(signature, os);
  for (const char *expected : {
           "#ifndef GRAPHC_GENERATED_net_H",
           "#include <stdint.h>",
           "extern \"C\" {",
           "#define net_NUM_INPUTS 2\n",
           "#define net_NUM_OUTPUTS 3\n",
           "#define net_INPUT_0_RANK 4\n",
           "#define net_INPUT_0_DIM_1 28\n",
           "#define net_INPUT_0_NUM_ELEMENTS 784\n",
           "#define net_INPUT_0_NUM_BYTES 3136\n",
           "#define net_INPUT_image_INDEX 0\n",
           "#define net_INPUT_ids_INDEX 1\n",
           "#define net_INPUT_1_DTYPE 9\n",
           "#define net_OUTPUT_dense_Softmax_0_INDEX 0\n",
           "#define net_OUTPUT_1_RANK 0\n",
           "#define net_OUTPUT_1_NUM_ELEMENTS 1\n",
           "Output 0: \"dense/Softmax:0\"",
           "float32 [1, 28, 28, 1]",
           "struct graphc_model_info;",
           "Returns 0 on success, and 1 if malloc failed for the scratch "
           "memory\n",
           "int net(const void *const *inputs, void *const *outputs);",
           "const struct graphc_model_info *net_info(void);",
           "static inline int net_run(const float *in_image, const int64_t "
           "*in_ids, float *out_dense_Softmax_0, uint8_t *out1, uint8_t "
           "*out2)",
       })
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n"
                                                      << text;
  // "a.b" and "a/b" both sanitize to a_b: neither gets a name macro.
  EXPECT_EQ(text.find("net_OUTPUT_a_b_INDEX"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// Compiled models
//===----------------------------------------------------------------------===//

TEST_F(CodegenTest, MlpMatchesReference) {
  const int m = 4, k = 16, h = 32, n = 8;
  std::vector<float> w1 = makeData(k * h, 1), b1 = makeData(h, 2),
                     w2 = makeData(h * n, 3), b2 = makeData(n, 4),
                     x = makeData(m * k, 5);
  std::string source = kMlpSource;
  source = replaceAll(source, "$W1", denseHex(w1));
  source = replaceAll(source, "$B1", denseHex(b1));
  source = replaceAll(source, "$W2", denseHex(w2));
  source = replaceAll(source, "$B2", denseHex(b2));
  ModelSignature signature{"mlp", {f32("x", {m, k})}, {f32("y:0", {m, n})}};
  ASSERT_TRUE(
      compile(source, signature, {"obj", "so", "h", "mlir", "llvm", "asm"}))
      << diagnostics;
  for (const char *ext : {".o", ".so", ".h", ".mlir", ".ll", ".s"})
    EXPECT_TRUE(llvm::sys::fs::exists(prefixOf("mlp") + ext)) << ext;
  checkLibraryHygiene("mlp");

  // Reference, accumulating in the loop order of linalg.matmul (k innermost).
  std::vector<float> hidden(m * h), expected(m * n);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < h; ++j) {
      float acc = 0.0f;
      for (int l = 0; l < k; ++l)
        acc += x[i * k + l] * w1[l * h + j];
      hidden[i * h + j] = std::max(acc + b1[j], 0.0f);
    }
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      float acc = 0.0f;
      for (int l = 0; l < h; ++l)
        acc += hidden[i * h + l] * w2[l * n + j];
      expected[i * n + j] = acc + b2[j];
    }

  auto [entry, info] = load("mlp");
  ASSERT_TRUE(entry && info);
  checkInfo(info(), signature);
  std::vector<float> xCopy = x, y(m * n, -12345.0f);
  const void *inputs[] = {x.data()};
  void *outputs[] = {y.data()};
  ASSERT_EQ(entry(inputs, outputs), 0);
  EXPECT_EQ(x, xCopy) << "the model wrote into its input";
  for (int i = 0; i < m * n; ++i)
    EXPECT_NEAR(y[i], expected[i], 1e-5f * (1 + std::fabs(expected[i])))
        << "y[" << i << "]";
}

TEST_F(CodegenTest, ConvPadPoolTanhMatchesReference) {
  // Once as it is, once with its tile loops split across a pool of two
  // threads (--threads 2): same numbers, still libc-only and reentrant.
  for (unsigned poolThreads : {1u, 2u}) {
  SCOPED_TRACE("threads=" + std::to_string(poolThreads));
  const std::string name = poolThreads == 1 ? "convnet" : "convnet_threads";
  CodegenOptions codegen;
  codegen.threads = poolThreads;
  std::vector<float> w = makeData(3 * 3 * 2 * 4, 7), b = makeData(4, 8),
                     x = makeData(6 * 6 * 2, 9);
  std::string source = kConvSource;
  source = replaceAll(source, "$W", denseHex(w));
  source = replaceAll(source, "$B", denseHex(b));
  source = replaceAll(source, "@convnet(", "@" + name + "(");
  ModelSignature signature{
      name,
      {f32("input", {1, 6, 6, 2})},
      {f32("pool/flat:0", {1, 36}), f32("slice:0", {1, 6, 6, 2}),
       TensorSpec{"ints:0", GRAPHC_DT_INT32, {1, 3, 3, 4}}}};
  ASSERT_TRUE(compile(source, signature, {"so", "h"}, codegen)) << diagnostics;
  // Only what was asked for: the object was a temporary.
  EXPECT_FALSE(llvm::sys::fs::exists(prefixOf(name) + ".o"));
  checkLibraryHygiene(name);

  // Reference: NHWC / HWCF, padding 1, loops in linalg's order.
  auto xAt = [&](int r, int c, int ch) {
    return (r < 0 || r >= 6 || c < 0 || c >= 6) ? 0.0f
                                                : x[(r * 6 + c) * 2 + ch];
  };
  std::vector<float> act(6 * 6 * 4);
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c < 6; ++c)
      for (int f = 0; f < 4; ++f) {
        float acc = 0.0f;
        for (int kh = 0; kh < 3; ++kh)
          for (int kw = 0; kw < 3; ++kw)
            for (int ch = 0; ch < 2; ++ch)
              acc += xAt(r + kh - 1, c + kw - 1, ch) *
                     w[((kh * 3 + kw) * 2 + ch) * 4 + f];
        act[(r * 6 + c) * 4 + f] = std::tanh(acc + b[f]);
      }
  std::vector<float> pool(36);
  std::vector<int32_t> ints(36);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      for (int f = 0; f < 4; ++f) {
        float best = -INFINITY;
        for (int i = 0; i < 2; ++i)
          for (int j = 0; j < 2; ++j)
            best = std::max(best, act[((2 * r + i) * 6 + 2 * c + j) * 4 + f]);
        pool[(r * 3 + c) * 4 + f] = best;
        float scaled = best * 1000.0f;
        ints[(r * 3 + c) * 4 + f] =
            static_cast<int32_t>(scaled + std::erf(scaled));
      }

  auto [entry, info] = load(name);
  ASSERT_TRUE(entry && info);
  checkInfo(info(), signature);
  auto run = [&, entry = entry](std::vector<float> &flat,
                                std::vector<float> &slice,
                                std::vector<int32_t> &intOut) {
    flat.assign(36, -1.0f);
    slice.assign(72, -1.0f);
    intOut.assign(36, -1);
    const void *inputs[] = {x.data()};
    void *outputs[] = {flat.data(), slice.data(), intOut.data()};
    return entry(inputs, outputs);
  };
  std::vector<float> flat, slice;
  std::vector<int32_t> intOut;
  ASSERT_EQ(run(flat, slice, intOut), 0);
  for (int i = 0; i < 36; ++i) {
    EXPECT_NEAR(flat[i], pool[i], 1e-6f) << "flat[" << i << "]";
    EXPECT_NEAR(intOut[i], ints[i], 1) << "ints[" << i << "]";
  }
  for (int p = 0; p < 36; ++p)
    for (int ch = 0; ch < 2; ++ch)
      EXPECT_NEAR(slice[p * 2 + ch], act[p * 4 + 1 + ch], 1e-6f)
          << "slice[" << p * 2 + ch << "]";

  // Reentrant: concurrent calls agree with the first one.
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      std::vector<float> f2, s2;
      std::vector<int32_t> i2;
      for (int iter = 0; iter < 50; ++iter)
        if (run(f2, s2, i2) != 0 || f2 != flat || s2 != slice || i2 != intOut)
          ++mismatches;
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(mismatches, 0);
  }
}

TEST_F(CodegenTest, LoopsAndBranchesOnTensors) {
  ModelSignature signature = loopSignature();
  ASSERT_TRUE(compile(kLoopSource, signature)) << diagnostics;
  checkLibraryHygiene("loop");
  auto [entry, info] = load("loop");
  ASSERT_TRUE(entry && info);
  checkInfo(info(), signature);
  std::vector<float> x = makeData(8, 11), xCopy = x, y(8);
  for (int32_t n : {1, 0}) {
    const void *inputs[] = {x.data(), &n};
    void *outputs[] = {y.data()};
    ASSERT_EQ(entry(inputs, outputs), 0);
    for (int i = 0; i < 8; ++i) {
      float expected = n > 0 ? ((x[i] * 2 + 1) * 2 + 1) * 2 + 1 : x[i];
      EXPECT_EQ(y[i], expected) << "n=" << n << " y[" << i << "]";
    }
  }
  EXPECT_EQ(x, xCopy);
}

TEST_F(CodegenTest, NeverWritesIntoFeeds) {
  ASSERT_TRUE(compile(kInPlaceSource, twiceSignature())) << diagnostics;
  auto [entry, info] = load("twice");
  ASSERT_TRUE(entry);
  float x[4] = {1, 2, 3, 4}, y[4] = {0, 0, 0, 0};
  const void *inputs[] = {x};
  void *outputs[] = {y};
  ASSERT_EQ(entry(inputs, outputs), 0);
  EXPECT_EQ(x[2], 3.0f);
  EXPECT_EQ(y[2], 6.0f);
}

TEST_F(CodegenTest, MoreOpsMatchReference) {
  ModelSignature signature{"ops",
                           {f32("x", {2, 3}), f32("y", {2, 3})},
                           {f32("cat", {4, 3}), f32("tr", {3, 2}),
                            f32("red", {2}), f32("bc", {2, 2, 3}),
                            f32("mapped", {2, 3}), f32("bmm", {1, 2, 2}),
                            f32("dw", {1, 2, 2, 3}), f32("ins", {3, 4})}};
  ASSERT_TRUE(compile(kOpsSource, signature, {"so"})) << diagnostics;
  checkLibraryHygiene("ops");
  auto [entry, info] = load("ops");
  ASSERT_TRUE(entry && info);

  float x[6] = {0.5f, -1.25f, 2.0f, 0.0f, 3.5f, -0.75f};
  float y[6] = {-2.5f, 1.0f, 0.25f, 4.0f, -0.5f, 1.75f};
  float cat[12], tr[6], red[2], bc[12], mapped[6], bmm[4], dw[12], ins[12];
  const void *inputs[] = {x, y};
  void *outputs[] = {cat, tr, red, bc, mapped, bmm, dw, ins};
  ASSERT_EQ(entry(inputs, outputs), 0);

  auto X = [&](int i, int j) { return x[i * 3 + j]; };
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(cat[i], x[i]);
    EXPECT_EQ(cat[6 + i], y[i]);
  }
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 2; ++j)
      EXPECT_EQ(tr[i * 2 + j], X(j, i));
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(red[i], ((0.0f + y[i * 3]) + y[i * 3 + 1]) + y[i * 3 + 2]);
  for (int b = 0; b < 2; ++b)
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(bc[b * 6 + i], x[i]);
  for (int i = 0; i < 6; ++i) {
    float a = x[i], b = y[i];
    float expected = std::exp(a) + 1.0f / std::sqrt(std::fabs(a) + 1.0f);
    expected += std::pow(std::fabs(b), 1.5f);
    expected += std::log1p(std::fabs(a));
    expected += std::floor(b);
    expected += std::nearbyint(a * 3.0f);
    expected += std::erf(b);
    expected += std::atan2(a, b);
    expected += std::cbrt(b);
    EXPECT_NEAR(mapped[i], expected, 1e-5f * (1 + std::fabs(expected)))
        << "mapped[" << i << "]";
  }
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      float acc = 0.0f;
      for (int k = 0; k < 3; ++k)
        acc += X(i, k) * X(j, k); // x * transpose(x)
      EXPECT_EQ(bmm[i * 2 + j], acc);
    }
  // Depthwise 2x2, stride 2, over a 4x4 image: the rows of cat as column 1,
  // zero padding around it, 3 channels.
  const float filter[2][2][3] = {{{1.0f, 2.0f, 3.0f}, {0.5f, -1.0f, 0.0f}},
                                 {{-2.0f, 1.0f, 0.25f}, {1.0f, 1.0f, 1.0f}}};
  auto img = [&](int r, int c, int ch) {
    return c == 1 ? cat[r * 3 + ch] : 0.0f; // only column 1 is not padding
  };
  for (int oh = 0; oh < 2; ++oh)
    for (int ow = 0; ow < 2; ++ow)
      for (int ch = 0; ch < 3; ++ch) {
        float acc = 0.0f;
        for (int kh = 0; kh < 2; ++kh)
          for (int kw = 0; kw < 2; ++kw)
            acc += img(2 * oh + kh, 2 * ow + kw, ch) * filter[kh][kw][ch];
        EXPECT_EQ(dw[(oh * 2 + ow) * 3 + ch], acc)
            << oh << "," << ow << "," << ch;
      }
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j)
      EXPECT_EQ(ins[i * 4 + j], (j == 1 || j == 2) ? tr[i * 2 + j - 1] : 7.0f);
}

TEST_F(CodegenTest, OtherDTypesAndScalars) {
  ModelSignature signature{"dtypes",
                           {TensorSpec{"a", GRAPHC_DT_DOUBLE, {3}},
                            TensorSpec{"b", GRAPHC_DT_INT64, {3}},
                            TensorSpec{"c", GRAPHC_DT_UINT8, {3}},
                            TensorSpec{"d", GRAPHC_DT_BOOL, {3}}},
                           {TensorSpec{"sel", GRAPHC_DT_DOUBLE, {3}},
                            TensorSpec{"big", GRAPHC_DT_BOOL, {3}},
                            TensorSpec{"sum", GRAPHC_DT_INT64, {}}}};
  ASSERT_TRUE(compile(kDTypesSource, signature, {"so", "h"})) << diagnostics;
  auto [entry, info] = load("dtypes");
  ASSERT_TRUE(entry && info);
  checkInfo(info(), signature);
  double a[3] = {0.5, -1.25, 3.0};
  int64_t b[3] = {1, -(int64_t(1) << 40), 7};
  uint8_t c[3] = {200, 0, 1};
  uint8_t d[3] = {0, 1, 1};
  double sel[3] = {0, 0, 0};
  uint8_t big[3] = {7, 7, 7};
  int64_t sum = -1;
  const void *inputs[] = {a, b, c, d};
  void *outputs[] = {sel, big, &sum};
  ASSERT_EQ(entry(inputs, outputs), 0);
  for (int i = 0; i < 3; ++i) {
    double t = a[i] + static_cast<double>(b[i]) + static_cast<double>(c[i]);
    double expected = d[i] ? -t : t;
    EXPECT_EQ(sel[i], expected) << i;
    EXPECT_EQ(big[i], expected > a[i] ? 1 : 0) << i;
  }
  EXPECT_EQ(sum, b[0] + b[1] + b[2]);
}

TEST_F(CodegenTest, ModelWithoutInputs) {
  ModelSignature signature{"constant", {}, {f32("c", {2, 2})}};
  ASSERT_TRUE(compile(kConstantSource, signature)) << diagnostics;
  checkLibraryHygiene("constant");
  auto [entry, info] = load("constant");
  ASSERT_TRUE(entry && info);
  checkInfo(info(), signature);
  EXPECT_EQ(info()->inputs, nullptr);
  float c[4] = {0, 0, 0, 0};
  void *outputs[] = {c};
  ASSERT_EQ(entry(nullptr, outputs), 0);
  EXPECT_EQ(c[0], 1.0f);
  EXPECT_EQ(c[3], 4.0f);
  // The wrapper of a model without inputs is valid C too.
  std::string source = prefixOf("constant") + "_use.c", output;
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(source, ec);
    os << "#include \"constant.h\"\n"
          "int main(void) { float c[4]; return constant_run(c); }\n";
  }
  EXPECT_EQ(runProgram({GRAPHC_TEST_CLANG, "-std=c99", "-Wall", "-Wextra",
                        "-pedantic", "-Werror", "-fsyntax-only", source},
                       output),
            0)
      << output;
}

TEST_F(CodegenTest, NamedPipelineLowersToLLVMDialect) {
  registerCodegenPipelines();
  registerCodegenPipelines(); // idempotent
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kInPlaceSource, context.get());
  ASSERT_TRUE(module);
  mlir::PassManager pm(context.get());
  std::string errors;
  llvm::raw_string_ostream errorStream(errors);
  ASSERT_TRUE(mlir::succeeded(
      mlir::parsePassPipeline("graphc-linalg-to-llvm", pm, errorStream)))
      << errors;
  ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
  // Everything is in the LLVM dialect; @twice takes (input, output,
  // workspace) pointers.
  module->walk([](mlir::Operation *op) {
    if (!llvm::isa<mlir::ModuleOp>(op)) {
      EXPECT_EQ(op->getDialect()->getNamespace(), "llvm")
          << op->getName().getStringRef().str();
    }
  });
  auto func = module->lookupSymbol<mlir::LLVM::LLVMFuncOp>("twice");
  ASSERT_TRUE(func);
  EXPECT_EQ(func.getNumArguments(), 3u);
  EXPECT_TRUE(llvm::isa<mlir::LLVM::LLVMVoidType>(
      func.getFunctionType().getReturnType()));
}

TEST_F(CodegenTest, TargetCpuAndFeatures) {
  // Host by default: the exported functions carry the host CPU.
  ModelSignature signature = twiceSignature();
  signature.name = "hostcpu";
  ASSERT_TRUE(compile(replaceAll(kInPlaceSource, "@twice", "@hostcpu"),
                      signature, {"llvm"}))
      << diagnostics;
  auto ll = llvm::MemoryBuffer::getFile(prefixOf("hostcpu") + ".ll");
  ASSERT_TRUE(bool(ll));
  std::string hostCpu =
      "\"target-cpu\"=\"" + llvm::sys::getHostCPUName().str() + "\"";
  EXPECT_NE((*ll)->getBuffer().find(hostCpu), llvm::StringRef::npos)
      << (*ll)->getBuffer().str();

  // An explicit CPU and features; assembly for it.
  CodegenOptions codegen;
  codegen.cpu = "x86-64";
  codegen.features = "+avx2";
  signature.name = "genericcpu";
  ASSERT_TRUE(compile(replaceAll(kInPlaceSource, "@twice", "@genericcpu"),
                      signature, {"llvm", "asm", "so"}, codegen))
      << diagnostics;
  ll = llvm::MemoryBuffer::getFile(prefixOf("genericcpu") + ".ll");
  ASSERT_TRUE(bool(ll));
  llvm::StringRef text = (*ll)->getBuffer();
  EXPECT_NE(text.find("\"target-cpu\"=\"x86-64\""), llvm::StringRef::npos);
  EXPECT_NE(text.find("+avx2"), llvm::StringRef::npos);
  EXPECT_TRUE(llvm::sys::fs::exists(prefixOf("genericcpu") + ".s"));
  auto [entry, info] = load("genericcpu");
  ASSERT_TRUE(entry && info);

  // The host named by a short triple is still the host.
  codegen = CodegenOptions();
  codegen.triple = llvm::sys::getProcessTriple();
  codegen.triple = llvm::Triple(codegen.triple).getArchName().str() + "-" +
                   llvm::Triple(codegen.triple).getOSName().str() + "-gnu";
  signature.name = "shorttriple";
  ASSERT_TRUE(compile(replaceAll(kInPlaceSource, "@twice", "@shorttriple"),
                      signature, {"obj"}, codegen))
      << diagnostics;

  // A target LLVM does not know is an error, not a crash.
  codegen.cpu = "host";
  codegen.triple = "nonsense-unknown-none";
  signature.name = "badtarget";
  EXPECT_FALSE(compile(replaceAll(kInPlaceSource, "@twice", "@badtarget"),
                       signature, {"obj"}, codegen));
  EXPECT_NE(diagnostics.find("cannot set up code generation"),
            std::string::npos)
      << diagnostics;
}

TEST_F(CodegenTest, HeadersCompileAndTwoModelsLinkIntoOneProgram) {
  ModelSignature loop = loopSignature(), twice = twiceSignature();
  loop.name = "cloop";
  twice.name = "ctwice";
  ASSERT_TRUE(compile(replaceAll(kLoopSource, "@loop", "@cloop"), loop))
      << diagnostics;
  ASSERT_TRUE(compile(replaceAll(kInPlaceSource, "@twice", "@ctwice"), twice))
      << diagnostics;
  std::string dir = *tempDir + "/cprog";
  ASSERT_FALSE(llvm::sys::fs::create_directories(dir));
  std::string mainC = dir + "/main.c";
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(mainC, ec);
    ASSERT_FALSE(ec);
    // Both model headers and Runtime.h, Runtime.h in the middle: each order
    // of a model header and Runtime.h is exercised.
    os << R"c(#include "cloop.h"
#include "graphc-c/Runtime.h"
#include "ctwice.h"
#include <string.h>

int main(void) {
  float x[cloop_INPUT_0_NUM_ELEMENTS] = {1, 2, 3, 4, 5, 6, 7, -8};
  int32_t n = 1;
  float y[cloop_OUTPUT_0_NUM_ELEMENTS];
  float a[ctwice_INPUT_x_INDEX + 4] = {1, 2, 3, 4}, b[4];
  const graphc_model_info *info = cloop_info();
  int i;
  if (cloop_run(x, &n, y) != 0)
    return 10;
  for (i = 0; i < 8; ++i)
    if (y[i] != 8 * x[i] + 7)
      return 11;
  if (info->abi_version != GRAPHC_ABI_VERSION || strcmp(info->name, "cloop") ||
      info->num_inputs != cloop_NUM_INPUTS || info->inputs[1].rank != 0 ||
      info->inputs[1].dtype != GRAPHC_DT_INT32 ||
      info->outputs[0].num_bytes != cloop_OUTPUT_0_NUM_BYTES ||
      strcmp(info->outputs[0].name, "y:0"))
    return 12;
  if (ctwice_run(a, b) != 0 || b[3] != 8 || a[3] != 4)
    return 13;
  if (strcmp(ctwice_info()->name, "ctwice") || ctwice_NUM_OUTPUTS != 1)
    return 14;
  return 0;
}
)c";
  }
  std::string clang = GRAPHC_TEST_CLANG, output;
  std::string includeModels1 = "-I" + *tempDir + "/cloop";
  std::string includeModels2 = "-I" + *tempDir + "/ctwice";
  std::string includeRuntime = "-I" GRAPHC_SOURCE_INCLUDE_DIR;
  std::string exe = dir + "/main";
  ASSERT_EQ(
      runProgram({clang, "-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror",
                  includeModels1, includeModels2, includeRuntime, mainC, "-o",
                  exe, prefixOf("cloop") + ".so", prefixOf("ctwice") + ".so",
                  "-Wl,-rpath," + *tempDir + "/cloop",
                  "-Wl,-rpath," + *tempDir + "/ctwice"},
                 output),
      0)
      << output;
  EXPECT_EQ(runProgram({exe}, output), 0) << output;

  // The same headers as C++.
  ASSERT_EQ(runProgram({clang, "-x", "c++", "-std=c++17", "-Wall", "-Wextra",
                        "-Werror", "-fsyntax-only", includeModels1,
                        includeModels2, includeRuntime, mainC},
                       output),
            0)
      << output;
}

TEST_F(CodegenTest, SubprocessLinkerFallback) {
  ModelSignature signature = twiceSignature();
  signature.name = "sub";
  ASSERT_TRUE(
      compile(replaceAll(kInPlaceSource, "@twice", "@sub"), signature, {"obj"}))
      << diagnostics;
  LinkOptions options;
  options.inProcess = false;
  options.soname = "sub.so";
  std::string so = prefixOf("sub") + ".so";
  llvm::Error err = linkSharedLibrary({prefixOf("sub") + ".o"}, so, options);
  ASSERT_FALSE(bool(err)) << llvm::toString(std::move(err));
  checkLibraryHygiene("sub");
  auto [entry, info] = load("sub");
  ASSERT_TRUE(entry && info);
  checkInfo(info(), signature);
}

TEST_F(CodegenTest, LinkErrorsAreReported) {
  // An object that references a symbol neither libc nor libm defines.
  std::string dir = *tempDir + "/badlink";
  ASSERT_FALSE(llvm::sys::fs::create_directories(dir));
  std::string src = dir + "/bad.c", obj = dir + "/bad.o", output;
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(src, ec);
    os << "void memrefCopy(void);\nvoid f(void) { memrefCopy(); }\n";
  }
  ASSERT_EQ(
      runProgram({GRAPHC_TEST_CLANG, "-c", "-fPIC", src, "-o", obj}, output), 0)
      << output;
  llvm::Error err = linkSharedLibrary({obj}, dir + "/bad.so");
  ASSERT_TRUE(bool(err));
  EXPECT_NE(llvm::toString(std::move(err)).find("memrefCopy"),
            std::string::npos);
  // lld is still usable in this process afterwards.
  ASSERT_TRUE(
      compile(replaceAll(kInPlaceSource, "@twice", "@after"),
              ModelSignature{"after", {f32("x", {4})}, {f32("y", {4})}}))
      << diagnostics;
}

TEST_F(CodegenTest, ReportsSignatureMismatch) {
  ModelSignature signature = twiceSignature();
  signature.inputs[0].shape = {5};
  EXPECT_FALSE(compile(kInPlaceSource, signature));
  EXPECT_NE(diagnostics.find("input 0 ('x')"), std::string::npos)
      << diagnostics;

  signature = twiceSignature();
  signature.outputs[0].dtype = GRAPHC_DT_INT32;
  EXPECT_FALSE(compile(kInPlaceSource, signature));
  EXPECT_NE(diagnostics.find("output 0 ('y')"), std::string::npos)
      << diagnostics;

  signature = twiceSignature();
  signature.name = "absent";
  EXPECT_FALSE(compile(kInPlaceSource, signature));
  EXPECT_NE(diagnostics.find("no func.func @absent"), std::string::npos)
      << diagnostics;

  signature = twiceSignature();
  signature.name = "two-words";
  EXPECT_FALSE(compile(kInPlaceSource, signature));
  EXPECT_NE(diagnostics.find("not a valid C identifier"), std::string::npos)
      << diagnostics;
}

TEST_F(CodegenTest, FailedCompileLeavesNoFiles) {
  // A call to a function neither the model nor libc/libm defines: the link
  // fails (-z defs) with a diagnostic naming it, and the header and object
  // written before are removed again.
  const char *source = R"mlir(
func.func private @external_helper(f32) -> f32
func.func @extcall(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %p = func.call @external_helper(%a) : (f32) -> f32
    linalg.yield %p : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}
)mlir";
  ModelSignature signature{"extcall", {f32("x", {4})}, {f32("y", {4})}};
  EXPECT_FALSE(compile(source, signature, {"h", "obj", "so", "llvm"}));
  EXPECT_NE(diagnostics.find("external_helper"), std::string::npos)
      << diagnostics;
  for (const char *ext : {".h", ".o", ".so", ".ll"})
    EXPECT_FALSE(llvm::sys::fs::exists(prefixOf("extcall") + ext)) << ext;
}

TEST_F(CodegenTest, RejectsUnknownEmitKind) {
  EXPECT_FALSE(compile(kInPlaceSource, twiceSignature(), {"so", "exe"}));
  EXPECT_NE(diagnostics.find("unknown output kind 'exe'"), std::string::npos)
      << diagnostics;
}

//===----------------------------------------------------------------------===//
// Out of memory
//===----------------------------------------------------------------------===//

// oom_driver LIB NAME IN_0 ... IN_m-1 OUT_0 ... OUT_n-1: dlopen()s a model,
// reads its inputs from raw files, and calls it once normally, then once
// with each of the mallocs of one call failing in turn, then normally again,
// writing the outputs of that last call to raw files. The program defines
// malloc and free, which take precedence over libc's for the model library
// too; they count the mallocs and the blocks still allocated during a call.
// A failing call must return 1 right after its failed malloc and leave no
// block allocated. Prints the number of mallocs of one call.
const char *const kOomDriverSource = R"c(#include "graphc-c/Runtime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *__libc_malloc(size_t size);
void __libc_free(void *ptr);

static int watching;
static long num_mallocs, num_live, fail_at;

void *malloc(size_t size) {
  void *ptr;
  if (!watching)
    return __libc_malloc(size);
  if (++num_mallocs == fail_at)
    return NULL;
  ptr = __libc_malloc(size);
  if (ptr)
    ++num_live;
  return ptr;
}

void free(void *ptr) {
  if (watching && ptr)
    --num_live;
  __libc_free(ptr);
}

static graphc_entry_fn entry;
static const void *inputs[16];
static void *outputs[16];

static int run(long fail) {
  int rc;
  num_mallocs = num_live = 0;
  fail_at = fail;
  watching = 1;
  rc = entry(inputs, outputs);
  watching = 0;
  return rc;
}

static int transfer(const char *path, void *data, size_t size, int write) {
  FILE *file = fopen(path, write ? "wb" : "rb");
  size_t done;
  if (!file)
    return 0;
  done = write ? fwrite(data, 1, size, file) : fread(data, 1, size, file);
  return fclose(file) == 0 && done == size;
}

int main(int argc, char **argv) {
  char info_name[256];
  void *lib;
  graphc_info_fn info_fn;
  const graphc_model_info *info;
  long total, k;
  int i, rc, wrong = 0;
  if (argc < 3 || !(lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL)))
    return 2;
  snprintf(info_name, sizeof info_name, "%s_info", argv[2]);
  *(void **)&entry = dlsym(lib, argv[2]);
  *(void **)&info_fn = dlsym(lib, info_name);
  if (!entry || !info_fn)
    return 2;
  info = info_fn();
  if (info->num_inputs > 16 || info->num_outputs > 16 ||
      argc != 3 + info->num_inputs + info->num_outputs)
    return 2;
  for (i = 0; i < info->num_inputs; ++i) {
    void *data = malloc(info->inputs[i].num_bytes);
    if (!data || !transfer(argv[3 + i], data, info->inputs[i].num_bytes, 0))
      return 2;
    inputs[i] = data;
  }
  for (i = 0; i < info->num_outputs; ++i)
    if (!(outputs[i] = malloc(info->outputs[i].num_bytes)))
      return 2;

  rc = run(0);
  total = num_mallocs;
  printf("%ld mallocs per call, returned %d, %ld blocks left\n", total, rc,
         num_live);
  for (k = 1; k <= total; ++k) {
    rc = run(k);
    if (rc != 1 || num_mallocs != k || num_live != 0) {
      printf("malloc %ld failing: returned %d after %ld mallocs, %ld blocks "
             "left\n", k, rc, num_mallocs, num_live);
      ++wrong;
    }
  }
  for (i = 0; i < info->num_outputs; ++i)
    memset(outputs[i], 0xab, info->outputs[i].num_bytes);
  rc = run(0);
  printf("then: returned %d, %ld blocks left\n", rc, num_live);
  for (i = 0; i < info->num_outputs; ++i)
    if (!transfer(argv[3 + info->num_inputs + i], outputs[i],
                  info->outputs[i].num_bytes, 1))
      return 2;
  return wrong != 0 || rc != 0 || num_live != 0;
}
)c";

template <typename T> std::string toBytes(const std::vector<T> &values) {
  return std::string(reinterpret_cast<const char *>(values.data()),
                     values.size() * sizeof(T));
}

template <typename T> std::vector<T> fromBytes(const std::string &bytes) {
  std::vector<T> values(bytes.size() / sizeof(T));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
  return values;
}

class OutOfMemoryTest : public CodegenTest {
protected:
  /// Runs PREFIX.so of `name` under oom_driver on the raw `inputs`. Returns
  /// the number of mallocs of one call (-1 if the driver found an error, all
  /// of them reported through gtest) and the outputs of the final call.
  long runWithFailingMallocs(const std::string &name,
                             const std::vector<std::string> &inputs,
                             size_t numOutputs,
                             std::vector<std::string> &outputs) {
    std::string dir = *tempDir + "/oom_driver", driver = dir + "/oom_driver";
    std::string output;
    if (!llvm::sys::fs::exists(driver)) {
      EXPECT_FALSE(llvm::sys::fs::create_directories(dir));
      std::error_code ec;
      {
        llvm::raw_fd_ostream os(dir + "/oom_driver.c", ec);
        os << kOomDriverSource;
      }
      EXPECT_FALSE(ec);
      // -rdynamic: the program's malloc and free go into its dynamic symbol
      // table, so that the dlopen()ed library binds to them.
      EXPECT_EQ(
          runProgram({GRAPHC_TEST_CLANG, "-std=c99", "-Wall", "-Wextra",
                      "-Werror", "-I" GRAPHC_SOURCE_INCLUDE_DIR,
                      dir + "/oom_driver.c", "-rdynamic", "-ldl", "-o", driver},
                     output),
          0)
          << output;
    }
    std::vector<std::string> argv = {driver, prefixOf(name) + ".so", name};
    for (size_t i = 0; i < inputs.size(); ++i) {
      argv.push_back(prefixOf(name) + ".in" + std::to_string(i));
      std::error_code ec;
      llvm::raw_fd_ostream os(argv.back(), ec);
      os << inputs[i];
    }
    for (size_t j = 0; j < numOutputs; ++j)
      argv.push_back(prefixOf(name) + ".out" + std::to_string(j));
    int rc = runProgram(argv, output);
    EXPECT_EQ(rc, 0) << output;
    // The driver's last line says that the final, normal call worked.
    EXPECT_NE(output.find("then: returned 0, 0 blocks left\n"),
              std::string::npos)
        << output;
    outputs.clear();
    for (size_t j = 0; j < numOutputs; ++j) {
      auto buffer = llvm::MemoryBuffer::getFile(argv[3 + inputs.size() + j]);
      EXPECT_TRUE(bool(buffer)) << argv[3 + inputs.size() + j];
      outputs.push_back(buffer ? (*buffer)->getBuffer().str() : "");
    }
    long mallocs = -1;
    if (rc != 0 ||
        sscanf(output.c_str(), "%ld mallocs per call, returned 0, 0 blocks",
               &mallocs) != 1)
      return -1;
    return mallocs;
  }
};

TEST_F(OutOfMemoryTest, LoopAllocatesWhileOtherBuffersAreLive) {
  // Each iteration of the scf.for allocates its result while the previous
  // one is still live: failing the second malloc has a buffer to free.
  ModelSignature signature = loopSignature();
  signature.name = "oomloop";
  ASSERT_TRUE(
      compile(replaceAll(kLoopSource, "@loop", "@oomloop"), signature, {"so"}))
      << diagnostics;
  std::vector<float> x = makeData(8, 11);
  std::vector<int32_t> n = {1};
  std::vector<std::string> outputs;
  long mallocs =
      runWithFailingMallocs("oomloop", {toBytes(x), toBytes(n)}, 1, outputs);
  EXPECT_GE(mallocs, 2);
  std::vector<float> y = fromBytes<float>(outputs[0]);
  ASSERT_EQ(y.size(), 8u);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(y[i], ((x[i] * 2 + 1) * 2 + 1) * 2 + 1) << "y[" << i << "]";
}

TEST_F(OutOfMemoryTest, ConvNetFreesEveryBuffer) {
  std::vector<float> w = makeData(3 * 3 * 2 * 4, 7), b = makeData(4, 8),
                     x = makeData(6 * 6 * 2, 9);
  std::string source = replaceAll(kConvSource, "@convnet", "@oomconv");
  source = replaceAll(source, "$W", denseHex(w));
  source = replaceAll(source, "$B", denseHex(b));
  ModelSignature signature{
      "oomconv",
      {f32("input", {1, 6, 6, 2})},
      {f32("pool/flat:0", {1, 36}), f32("slice:0", {1, 6, 6, 2}),
       TensorSpec{"ints:0", GRAPHC_DT_INT32, {1, 3, 3, 4}}}};
  ASSERT_TRUE(compile(source, signature, {"so"})) << diagnostics;
  std::vector<std::string> outputs;
  // One malloc per call: the workspace every intermediate lives in
  // (graphc-plan-memory).
  long mallocs = runWithFailingMallocs("oomconv", {toBytes(x)}, 3, outputs);
  EXPECT_GE(mallocs, 1);

  // The final call agrees with an undisturbed one in this process (whose
  // numbers ConvPadPoolTanhMatchesReference checks).
  auto [entry, info] = load("oomconv");
  ASSERT_TRUE(entry && info);
  std::vector<float> flat(36), slice(72);
  std::vector<int32_t> ints(36);
  const void *inputs[] = {x.data()};
  void *results[] = {flat.data(), slice.data(), ints.data()};
  ASSERT_EQ(entry(inputs, results), 0);
  EXPECT_EQ(outputs[0], toBytes(flat));
  EXPECT_EQ(outputs[1], toBytes(slice));
  EXPECT_EQ(outputs[2], toBytes(ints));
}

TEST_F(CodegenTest, ScratchTooLargeForMemoryReturnsOne) {
  // A 2^60-byte intermediate (x broadcast 2^56 times, then summed): no
  // malloc can satisfy it, so the call returns 1 at once, after freeing the
  // small buffer it had allocated before.
  const char *source = R"mlir(
func.func @huge(%x: tensor<4xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %two = arith.constant 2.0 : f32
  %e0 = tensor.empty() : tensor<4xf32>
  %d = linalg.map ins(%x : tensor<4xf32>) outs(%e0 : tensor<4xf32>)
    (%a: f32, %o: f32) {
      %m = arith.mulf %a, %two : f32
      linalg.yield %m : f32
    }
  %e1 = tensor.empty() : tensor<72057594037927936x4xf32>
  %big = linalg.broadcast ins(%d : tensor<4xf32>)
      outs(%e1 : tensor<72057594037927936x4xf32>) dimensions = [0]
  %e2 = tensor.empty() : tensor<f32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<f32>) -> tensor<f32>
  %sum = linalg.reduce ins(%big : tensor<72057594037927936x4xf32>)
      outs(%acc : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %a: f32) {
      %s = arith.addf %in, %a : f32
      linalg.yield %s : f32
    }
  return %sum : tensor<f32>
}
)mlir";
  ModelSignature signature{"huge", {f32("x", {4})}, {f32("sum", {})}};
  ASSERT_TRUE(compile(source, signature, {"so", "llvm"})) << diagnostics;
  checkLibraryHygiene("huge");
  auto [entry, info] = load("huge");
  ASSERT_TRUE(entry && info);
  float x[4] = {1, 2, 3, 4}, sum = -1.0f;
  const void *inputs[] = {x};
  void *outputs[] = {&sum};
  EXPECT_EQ(entry(inputs, outputs), 1);
  EXPECT_EQ(entry(inputs, outputs), 1);
}

TEST(EntryPointTest, RefusesAllocationsItCannotCheck) {
  // The lowering puts every malloc into the model function; one elsewhere,
  // or another allocation function, is a graphc bug that must not turn into
  // a library that crashes when memory runs out.
  auto addTo = [](const char *ir) -> std::string {
    llvm::LLVMContext context;
    llvm::SMDiagnostic diag;
    std::unique_ptr<llvm::Module> module =
        llvm::parseAssemblyString(ir, diag, context);
    if (!module)
      return "parse error: " + diag.getMessage().str();
    ModelSignature signature{"m", {f32("x", {4})}, {f32("y", {4})}};
    return llvm::toString(addEntryPoint(*module, signature));
  };
  std::string error = addTo(R"ll(
declare ptr @malloc(i64)
declare void @free(ptr)
define internal void @helper() {
  %p = call ptr @malloc(i64 16)
  call void @free(ptr %p)
  ret void
}
define void @m(ptr %x, ptr %y) {
  call void @helper()
  ret void
}
)ll");
  EXPECT_NE(error.find("uses 'malloc' outside its body ('helper')"),
            std::string::npos)
      << error;
  error = addTo(R"ll(
declare ptr @calloc(i64, i64)
define void @m(ptr %x, ptr %y) {
  %p = call ptr @calloc(i64 1, i64 16)
  ret void
}
)ll");
  EXPECT_NE(error.find("calls 'calloc', whose failure graphc cannot report"),
            std::string::npos)
      << error;
  // A model body that allocates is accepted.
  EXPECT_EQ(addTo(R"ll(
declare ptr @malloc(i64)
declare void @free(ptr)
define void @m(ptr %x, ptr %y) {
  %p = call ptr @malloc(i64 16)
  call void @free(ptr %p)
  ret void
}
)ll"),
            "");
}

} // namespace

//===- ModelLibrary.cpp - dlopen a compiled model and check its metadata --===//
//
// Loads a library that graph-compile wrote, finds its two exported symbols
// (NAME and NAME_info, see graphc-c/Runtime.h) and validates the metadata
// NAME_info() returns, so the rest of the runner can trust every count,
// pointer and size in it and a broken library yields an error, not a crash.
//
//===----------------------------------------------------------------------===//

#include "RunnerInternal.h"

#include "graphc/Support/Npy.h"

#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstring>

#include <dlfcn.h>
#include <sys/stat.h>

using namespace graphc;
using namespace graphc::runner;

namespace {

/// TensorFlow's own limit on tensor rank.
constexpr int32_t kMaxRank = 254;

bool validateTensor(const graphc_tensor_info &t, const char *kind, int index,
                    std::string &reason) {
  std::string where = std::string(kind) + " " + std::to_string(index);
  auto fail = [&](const std::string &message) {
    reason = "invalid model metadata: " + where + " " + message;
    return false;
  };
  if (!t.name)
    return fail("has no name");
  where += " ('" + std::string(t.name) + "')";
  size_t elementSize = npyElementSize(t.dtype);
  if (elementSize == 0)
    return fail("has unsupported dtype " + std::to_string(t.dtype));
  if (t.rank < 0 || t.rank > kMaxRank)
    return fail("has invalid rank " + std::to_string(t.rank));
  if (t.rank > 0 && !t.shape)
    return fail("has no shape");
  int64_t count = 1;
  for (int32_t i = 0; i < t.rank; ++i) {
    if (t.shape[i] < 0)
      return fail("has a negative dimension");
    if (__builtin_mul_overflow(count, t.shape[i], &count))
      return fail("has too many elements");
  }
  if (t.num_elements != count)
    return fail("says num_elements=" + std::to_string(t.num_elements) +
                " but its shape " +
                formatShape(llvm::ArrayRef<int64_t>(t.shape, size_t(t.rank))) +
                " has " + std::to_string(count));
  int64_t bytes;
  if (__builtin_mul_overflow(count, int64_t(elementSize), &bytes) ||
      t.num_bytes != bytes)
    return fail("says num_bytes=" + std::to_string(t.num_bytes) + " but " +
                std::to_string(count) + " " + npyDTypeName(t.dtype) +
                " elements need " + std::to_string(bytes));
  return true;
}

bool validateInfo(const graphc_model_info &info, std::string &reason) {
  if (info.abi_version != GRAPHC_ABI_VERSION) {
    reason = "the model was built for ABI version " +
             std::to_string(info.abi_version) + ", graph-run supports " +
             std::to_string(GRAPHC_ABI_VERSION) + "; recompile it";
    return false;
  }
  if (info.workspace_bytes < 0) {
    reason = "the metadata states a negative workspace size";
    return false;
  }
  if (info.num_inputs < 0 || info.num_outputs < 0 ||
      (info.num_inputs > 0 && !info.inputs) ||
      (info.num_outputs > 0 && !info.outputs)) {
    reason = "invalid model metadata: bad input or output table";
    return false;
  }
  if (info.num_variables < 0 || info.num_variables > info.num_inputs ||
      (info.num_variables > 0 && !info.variable_values)) {
    reason = "invalid model metadata: bad kept-variable table";
    return false;
  }
  for (int i = 0; i < info.num_inputs; ++i)
    if (!validateTensor(info.inputs[i], "input", i, reason))
      return false;
  for (int i = 0; i < info.num_outputs; ++i)
    if (!validateTensor(info.outputs[i], "output", i, reason))
      return false;
  return true;
}

int findTensor(llvm::ArrayRef<graphc_tensor_info> tensors,
               llvm::StringRef name) {
  for (size_t i = 0; i < tensors.size(); ++i)
    if (name == tensors[i].name)
      return int(i);
  for (size_t i = 0; i < tensors.size(); ++i)
    if (tensorNameMatches(tensors[i].name, name))
      return int(i);
  return -1;
}

} // namespace

std::vector<std::string>
runner::candidateModelNames(llvm::StringRef libraryPath) {
  llvm::StringRef file = llvm::sys::path::filename(libraryPath);
  // Drop ".so" and any version after it ("foo.so.1"), else the extension.
  llvm::StringRef stem = file;
  size_t so = file.find(".so");
  while (so != llvm::StringRef::npos && so + 3 < file.size() &&
         file[so + 3] != '.')
    so = file.find(".so", so + 1);
  if (so != llvm::StringRef::npos)
    stem = file.substr(0, so);
  else
    stem = llvm::sys::path::stem(file);
  std::vector<std::string> names;
  if (!stem.empty())
    names.push_back(stem.str());
  if (stem.size() > 3 && stem.starts_with("lib"))
    names.push_back(stem.drop_front(3).str());
  return names;
}

bool runner::tensorNameMatches(llvm::StringRef tensorName,
                               llvm::StringRef userName) {
  if (tensorName == userName)
    return true;
  tensorName.consume_back(":0");
  userName.consume_back(":0");
  return !userName.empty() && tensorName == userName;
}

std::unique_ptr<ModelLibrary> ModelLibrary::load(const std::string &path,
                                                 const std::string &name,
                                                 RunError &error) {
  error.file = path;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    error.reason = std::string("cannot open: ") + std::strerror(errno);
    return nullptr;
  }
  // Without a slash dlopen would search the library path, not the file.
  std::string dlPath = path.find('/') == std::string::npos ? "./" + path : path;
  dlerror();
  void *handle = dlopen(dlPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *message = dlerror();
    llvm::StringRef reason = message ? message : "unknown dlopen failure";
    reason.consume_front(dlPath + ": ");
    error.reason = "cannot load the library: " + reason.str();
    return nullptr;
  }
  std::unique_ptr<ModelLibrary> lib(new ModelLibrary());
  lib->handle = handle;
  lib->libPath = path;

  std::vector<std::string> candidates =
      name.empty() ? candidateModelNames(path) : std::vector<std::string>{name};
  graphc_info_fn infoFn = nullptr;
  for (const std::string &candidate : candidates) {
    void *entry = dlsym(handle, candidate.c_str());
    void *info = dlsym(handle, (candidate + "_info").c_str());
    void *withWorkspace =
        dlsym(handle, (candidate + "_with_workspace").c_str());
    if (entry && info && withWorkspace) {
      lib->entryName = candidate;
      lib->entry = reinterpret_cast<graphc_entry_fn>(entry);
      lib->entryWithWorkspace =
          reinterpret_cast<graphc_entry_with_workspace_fn>(withWorkspace);
      lib->profileFn = reinterpret_cast<graphc_profile_fn>(
          dlsym(handle, (candidate + "_profile").c_str()));
      infoFn = reinterpret_cast<graphc_info_fn>(info);
      break;
    }
    if (!name.empty()) {
      error.reason = "the library exports no symbol '" +
                     (!entry ? name
                             : !info ? name + "_info"
                                     : name + "_with_workspace") +
                     "'";
      return nullptr;
    }
  }
  if (!infoFn) {
    std::string tried;
    for (const std::string &candidate : candidates)
      tried += (tried.empty() ? "'" : ", '") + candidate + "'";
    error.reason = "found no model entry point (tried " +
                   (tried.empty() ? std::string("nothing") : tried) +
                   " with its _info); pass --name NAME";
    return nullptr;
  }
  lib->modelInfo = infoFn();
  if (!lib->modelInfo) {
    error.reason = lib->entryName + "_info() returned null";
    return nullptr;
  }
  if (!validateInfo(*lib->modelInfo, error.reason))
    return nullptr;
  return lib;
}

ModelLibrary::~ModelLibrary() {
  if (handle)
    dlclose(handle);
}

llvm::ArrayRef<graphc_tensor_info> ModelLibrary::inputs() const {
  return llvm::ArrayRef<graphc_tensor_info>(modelInfo->inputs,
                                            size_t(modelInfo->num_inputs));
}

llvm::ArrayRef<graphc_tensor_info> ModelLibrary::outputs() const {
  return llvm::ArrayRef<graphc_tensor_info>(modelInfo->outputs,
                                            size_t(modelInfo->num_outputs));
}

int ModelLibrary::findInput(llvm::StringRef name) const {
  return findTensor(inputs(), name);
}

int ModelLibrary::findOutput(llvm::StringRef name) const {
  return findTensor(outputs(), name);
}

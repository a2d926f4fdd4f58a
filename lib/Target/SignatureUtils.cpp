//===- SignatureUtils.cpp - Dtypes, sizes and C names for signatures ------===//
//
// One table of the TF dtypes a generated library can take or produce (the
// graphc_dtype enum of graphc-c/Runtime.h), and the checks every emitter
// relies on, so the entry point, the metadata and the header agree.
//
//===----------------------------------------------------------------------===//

#include "graphc/Target/SignatureUtils.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

using namespace graphc;

namespace {
struct DTypeInfo {
  int dtype;
  unsigned size;
  const char *name;
  const char *cType;
};
} // namespace

static const DTypeInfo kDTypes[] = {
    {1, 4, "float32", "float"},    {2, 8, "float64", "double"},
    {3, 4, "int32", "int32_t"},    {4, 1, "uint8", "uint8_t"},
    {5, 2, "int16", "int16_t"},    {6, 1, "int8", "int8_t"},
    {9, 8, "int64", "int64_t"},    {10, 1, "bool", "uint8_t"},
    {17, 2, "uint16", "uint16_t"}, {19, 2, "float16", "uint16_t"},
    {22, 4, "uint32", "uint32_t"}, {23, 8, "uint64", "uint64_t"},
};

static const DTypeInfo *lookup(int dtype) {
  for (const DTypeInfo &info : kDTypes)
    if (info.dtype == dtype)
      return &info;
  return nullptr;
}

unsigned graphc::getDTypeSize(int dtype) {
  const DTypeInfo *info = lookup(dtype);
  return info ? info->size : 0;
}

llvm::StringRef graphc::getDTypeName(int dtype) {
  const DTypeInfo *info = lookup(dtype);
  return info ? info->name : "";
}

llvm::StringRef graphc::getDTypeCType(int dtype) {
  const DTypeInfo *info = lookup(dtype);
  return info ? info->cType : "";
}

int64_t graphc::getNumElements(const TensorSpec &tensor) {
  int64_t n = 1;
  for (int64_t d : tensor.shape)
    n *= d;
  return n;
}

int64_t graphc::getNumBytes(const TensorSpec &tensor) {
  return getNumElements(tensor) * getDTypeSize(tensor.dtype);
}

bool graphc::isValidCIdentifier(llvm::StringRef name) {
  // C11 and C++17 keywords a symbol or macro prefix must not be.
  static const llvm::StringSet<> keywords = {
      "auto",     "break",      "case",      "char",     "const",
      "continue", "default",    "do",        "double",   "else",
      "enum",     "extern",     "float",     "for",      "goto",
      "if",       "inline",     "int",       "long",     "register",
      "restrict", "return",     "short",     "signed",   "sizeof",
      "static",   "struct",     "switch",    "typedef",  "union",
      "unsigned", "void",       "volatile",  "while",    "_Bool",
      "_Complex", "_Imaginary", "alignas",   "alignof",  "and",
      "asm",      "bool",       "catch",     "class",    "constexpr",
      "delete",   "explicit",   "export",    "false",    "friend",
      "mutable",  "namespace",  "new",       "noexcept", "nullptr",
      "operator", "private",    "protected", "public",   "template",
      "this",     "throw",      "true",      "try",      "typeid",
      "typename", "using",      "virtual",   "main"};
  if (name.empty() || llvm::isDigit(name.front()))
    return false;
  for (char c : name)
    if (!llvm::isAlnum(c) && c != '_')
      return false;
  return !keywords.contains(name);
}

std::string graphc::sanitizeCIdentifier(llvm::StringRef name) {
  std::string result;
  if (name.empty() || llvm::isDigit(name.front()))
    result.push_back('_');
  for (char c : name)
    result.push_back(llvm::isAlnum(c) ? c : '_');
  return result;
}

static llvm::Error verifyTensor(const TensorSpec &tensor, llvm::StringRef kind,
                                size_t index) {
  auto fail = [&](const llvm::Twine &why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   kind + " " + llvm::Twine(index) + " ('" +
                                       tensor.name + "'): " + why);
  };
  unsigned size = getDTypeSize(tensor.dtype);
  if (size == 0)
    return fail("unsupported dtype " + llvm::Twine(tensor.dtype));
  int64_t n = size;
  for (int64_t d : tensor.shape) {
    if (d < 0)
      return fail("dimension " + llvm::Twine(d) + " is not static");
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d)
      return fail("size overflows 64 bits");
    n *= d;
  }
  return llvm::Error::success();
}

llvm::Error graphc::verifyModelSignature(const ModelSignature &signature) {
  if (!isValidCIdentifier(signature.name))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "model name '" + signature.name +
            "' is not a valid C identifier (letters, digits and '_', not "
            "starting with a digit, not a keyword)");
  if (signature.outputs.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "model '" + signature.name +
                                       "' has no outputs");
  for (auto [i, tensor] : llvm::enumerate(signature.inputs))
    if (llvm::Error err = verifyTensor(tensor, "input", i))
      return err;
  for (auto [i, tensor] : llvm::enumerate(signature.outputs))
    if (llvm::Error err = verifyTensor(tensor, "output", i))
      return err;
  return llvm::Error::success();
}

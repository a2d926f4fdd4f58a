//===- HeaderWriter.cpp - The C header of a generated library -------------===//
//
// The macros are plain integer literals (no enum: element counts may exceed
// int, and macros work in #if). TF names become C identifiers by replacing
// every other character with '_'; names that collide after that get no
// name-based macro (the index-based ones always exist), and the typed
// wrapper falls back to positional parameter names for them.
//
//===----------------------------------------------------------------------===//

#include "graphc/Target/HeaderWriter.h"
#include "graphc/Target/SignatureUtils.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace graphc;
using namespace llvm;

/// `text` escaped for a C comment ("*/" must not close it early) and kept on
/// one line.
static std::string commentSafe(StringRef text) {
  std::string result;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r')
      c = ' ';
    result.push_back(c);
    if (c == '*' && i + 1 < text.size() && text[i + 1] == '/')
      result.push_back(' ');
  }
  return result;
}

static std::string formatShape(const TensorSpec &tensor) {
  std::string result = "[";
  for (auto [i, d] : llvm::enumerate(tensor.shape))
    result += (i ? ", " : "") + std::to_string(d);
  return result + "]";
}

/// Sanitized names of `tensors`, "" where two of them collide.
static std::vector<std::string>
getUniqueCNames(const std::vector<TensorSpec> &tensors) {
  std::vector<std::string> names;
  StringMap<unsigned> counts;
  for (const TensorSpec &tensor : tensors) {
    names.push_back(sanitizeCIdentifier(tensor.name));
    ++counts[names.back()];
  }
  for (std::string &name : names)
    if (counts[name] > 1)
      name.clear();
  return names;
}

static void writeTensorMacros(raw_ostream &os, StringRef model, StringRef kind,
                              const TensorSpec &tensor, size_t index,
                              StringRef cName, size_t variableIndex = 0) {
  std::string prefix = (model + "_" + kind + "_" + Twine(index)).str();
  os << "/* " << (kind == "INPUT" ? "Input " : "Output ") << index << ": \""
     << commentSafe(tensor.name) << "\"\n"
     << " *   " << getDTypeName(tensor.dtype) << " " << formatShape(tensor)
     << ", " << getNumElements(tensor) << " elements, " << getNumBytes(tensor)
     << " bytes (C type " << getDTypeCType(tensor.dtype) << ")"
     << (tensor.variable
             ? ";\n *   a variable kept by --keep-variable: its saved value is " +
                   model.str() + "_info()->variable_values[" +
                   std::to_string(variableIndex) + "]"
             : std::string())
     << " */\n";
  if (tensor.variable)
    os << "#define " << prefix << "_IS_VARIABLE 1\n";
  if (!cName.empty())
    os << "#define " << model << "_" << kind << "_" << cName << "_INDEX "
       << index << "\n";
  os << "#define " << prefix << "_DTYPE " << tensor.dtype << "\n";
  os << "#define " << prefix << "_RANK " << tensor.shape.size() << "\n";
  for (auto [d, size] : llvm::enumerate(tensor.shape))
    os << "#define " << prefix << "_DIM_" << d << " " << size << "\n";
  os << "#define " << prefix << "_NUM_ELEMENTS " << getNumElements(tensor)
     << "\n";
  os << "#define " << prefix << "_NUM_BYTES " << getNumBytes(tensor) << "\n\n";
}

void graphc::writeHeader(const ModelSignature &signature, raw_ostream &os) {
  StringRef name = signature.name;
  std::string guard = ("GRAPHC_GENERATED_" + name + "_H").str();
  std::vector<std::string> inputNames = getUniqueCNames(signature.inputs);
  std::vector<std::string> outputNames = getUniqueCNames(signature.outputs);

  os << "/* " << name << ".h - interface of the model '" << name
     << "' compiled by graphc.\n"
     << " * Generated file: do not edit.\n"
     << " *\n"
     << " * int " << name
     << "(const void *const *inputs, void *const *outputs);\n"
     << " *   Runs the model once. inputs[i] points at input i, outputs[j] at "
        "a\n"
     << " *   caller-owned buffer for output j; every buffer is dense, "
        "row-major,\n"
     << " *   with the dtype and static shape stated below. The library "
        "only reads\n"
     << " *   the inputs, writes every output in full, and keeps no pointer "
        "after\n"
     << " *   it returns; outputs must not overlap inputs or each other.\n"
     << " *   Returns 0 on success, and 1 if malloc failed for the scratch "
        "memory\n"
     << " *   the call allocates (GRAPHC_STATUS_OUT_OF_MEMORY in "
        "graphc-c/Runtime.h):\n"
     << " *   the call then frees what it had allocated, the outputs' "
        "contents are\n"
     << " *   unspecified, and calling again is safe. Other non-zero values "
        "are\n"
     << " *   reserved. Reentrant and thread-safe: no mutable global state, "
        "scratch\n"
     << " *   memory is allocated per call.\n"
     << " *\n"
     << " * int " << name
     << "_with_workspace(const void *const *inputs, void *const *outputs,\n"
     << " *     void *workspace);\n"
     << " *   The same with the caller's scratch memory: " << name
     << "_WORKSPACE_BYTES bytes,\n"
     << " *   64-byte aligned, used by no concurrent call (NULL if 0). "
        "Never\n"
     << " *   allocates; returns 0.\n"
     << " *\n"
     << " * const struct graphc_model_info *" << name << "_info(void);\n"
     << " *   The same description at run time (see graphc-c/Runtime.h): "
        "constant\n"
     << " *   data inside the library, valid while it is loaded; never free "
        "it.\n"
     << " */\n"
     << "#ifndef " << guard << "\n"
     << "#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\n"
     << "extern \"C\" {\n"
     << "#endif\n\n";

  size_t numVariables = llvm::count_if(
      signature.inputs, [](const TensorSpec &t) { return t.variable; });
  os << "#define " << name << "_ABI_VERSION 3\n"
     << "#define " << name << "_WORKSPACE_BYTES "
     << signature.workspaceBytes.value_or(0) << "\n"
     << "#define " << name << "_NUM_INPUTS " << signature.inputs.size() << "\n"
     << "#define " << name << "_NUM_OUTPUTS " << signature.outputs.size()
     << "\n"
     << "#define " << name << "_NUM_VARIABLES " << numVariables << "\n\n";
  for (auto [i, tensor] : llvm::enumerate(signature.inputs))
    writeTensorMacros(os, name, "INPUT", tensor, i, inputNames[i],
                      i + numVariables - signature.inputs.size());
  for (auto [i, tensor] : llvm::enumerate(signature.outputs))
    writeTensorMacros(os, name, "OUTPUT", tensor, i, outputNames[i]);

  // Declarations. graphc_model_info is defined in graphc-c/Runtime.h; the
  // forward declaration keeps this header self-contained.
  os << "struct graphc_model_info;\n\n"
     << "int " << name << "(const void *const *inputs, void *const *outputs);\n"
     << "int " << name << "_with_workspace(const void *const *inputs, "
     << "void *const *outputs,\n    void *workspace);\n"
     << "const struct graphc_model_info *" << name << "_info(void);\n\n";

  // Typed wrapper: one pointer per tensor, in the same order.
  os << "/* " << name << "(inputs, outputs) with one typed pointer per "
     << "tensor. */\n"
     << "static inline int " << name << "_run(";
  StringSet<> usedParams;
  auto paramName = [&](StringRef kind, size_t i, StringRef cName) {
    std::string param =
        cName.empty() ? (kind + Twine(i)).str() : (kind + "_" + cName).str();
    if (!usedParams.insert(param).second)
      param = (kind + Twine(i) + "_" + cName).str();
    usedParams.insert(param);
    return param;
  };
  std::vector<std::string> inParams, outParams;
  for (auto [i, tensor] : llvm::enumerate(signature.inputs)) {
    inParams.push_back(paramName("in", i, inputNames[i]));
    os << (i ? ", " : "") << "const " << getDTypeCType(tensor.dtype) << " *"
       << inParams.back();
  }
  for (auto [i, tensor] : llvm::enumerate(signature.outputs)) {
    outParams.push_back(paramName("out", i, outputNames[i]));
    os << (i || !signature.inputs.empty() ? ", " : "")
       << getDTypeCType(tensor.dtype) << " *" << outParams.back();
  }
  os << ") {\n";
  if (!signature.inputs.empty()) {
    os << "  const void *const inputs[" << inParams.size() << "] = {";
    for (auto [i, param] : llvm::enumerate(inParams))
      os << (i ? ", " : "") << param;
    os << "};\n";
  }
  os << "  void *const outputs[" << outParams.size() << "] = {";
  for (auto [i, param] : llvm::enumerate(outParams))
    os << (i ? ", " : "") << param;
  os << "};\n"
     << "  return " << name << "("
     << (signature.inputs.empty() ? "(const void *const *)0" : "inputs")
     << ", outputs);\n"
     << "}\n\n";

  os << "#ifdef __cplusplus\n"
     << "} /* extern \"C\" */\n"
     << "#endif\n\n"
     << "#endif /* " << guard << " */\n";
}

//===- EinsumEquation.cpp - parsing TF Einsum equations -------------------===//
#include "Graph/EinsumEquation.h"

#include "llvm/ADT/StringExtras.h"


using namespace graphc::graph;

std::optional<EinsumEquation>
graphc::graph::parseEinsumEquation(llvm::StringRef equation, size_t numInputs,
                                   std::string &error) {
  std::string text;
  for (char c : equation)
    if (c != ' ')
      text.push_back(c);
  if (text.find("...") != std::string::npos) {
    error = "equation '" + equation.str() +
            "': ellipsis (broadcast dims) is not supported";
    return std::nullopt;
  }
  EinsumEquation eq;
  llvm::StringRef rest(text);
  auto [lhs, rhs] = rest.split("->");
  if (!rest.contains("->")) {
    // TF's Einsum kernel wants exactly one "->" (tf.einsum's Python side
    // writes the implicit form out before building the op).
    error = "equation '" + equation.str() + "' has no '->'";
    return std::nullopt;
  }
  llvm::SmallVector<llvm::StringRef> operands;
  lhs.split(operands, ',');
  if (operands.size() != numInputs) {
    error = "equation '" + equation.str() + "' names " +
            std::to_string(operands.size()) + " operands, the op has " +
            std::to_string(numInputs);
    return std::nullopt;
  }
  std::map<char, int> count;
  for (llvm::StringRef labels : operands) {
    for (char c : labels) {
      if (!llvm::isAlpha(c)) {
        error = "equation '" + equation.str() + "': '" + std::string(1, c) +
                "' is not a label";
        return std::nullopt;
      }
      if (!count[c]++)
        eq.labels.push_back(c);
    }
    eq.inputs.push_back(labels.str());
  }
  for (char c : rhs) {
    if (!llvm::isAlpha(c) || !count.count(c) ||
        eq.output.find(c) != std::string::npos) {
      error = "equation '" + equation.str() + "': output label '" +
              std::string(1, c) + "' is not a label of an operand, or repeats";
      return std::nullopt;
    }
    eq.output.push_back(c);
  }
  return eq;
}

std::optional<std::map<char, int64_t>>
graphc::graph::einsumLabelSizes(const EinsumEquation &eq,
                                llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes,
                                std::string &error) {
  std::map<char, int64_t> sizes;
  for (auto [k, labels] : llvm::enumerate(eq.inputs)) {
    if (shapes[k].size() != labels.size()) {
      error = "operand " + std::to_string(k) + " has rank " +
              std::to_string(shapes[k].size()) + ", the equation gives it " +
              std::to_string(labels.size()) + " labels";
      return std::nullopt;
    }
    for (auto [d, c] : llvm::enumerate(labels)) {
      int64_t size = shapes[k][d];
      auto [it, inserted] = sizes.emplace(c, size);
      if (inserted || size < 0)
        continue;
      if (it->second < 0) {
        it->second = size;
      } else if (it->second != size) {
        error = "label '" + std::string(1, c) + "' has size " +
                std::to_string(it->second) + " and " + std::to_string(size);
        return std::nullopt;
      }
    }
  }
  return sizes;
}

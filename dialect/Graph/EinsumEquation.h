//===- EinsumEquation.h - parsing TF Einsum equations -----------*- C++ -*-===//
//
// `graph.Einsum`'s equation ("abc,cde->abde"), parsed once for the
// verifier, shape inference and the linalg lowering. Labels are letters,
// and "->" must be there, as TF's kernel wants (tf.einsum's Python side
// spells out the implicit form before building the op). A label repeated in
// one operand takes its diagonal; a label missing from the output is summed
// over. Ellipsis ("...", broadcast batch dims) is refused: no Keras layer
// graphc has met writes one.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_DIALECT_GRAPH_EINSUMEQUATION_H
#define GRAPHC_DIALECT_GRAPH_EINSUMEQUATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>

namespace graphc::graph {

struct EinsumEquation {
  llvm::SmallVector<std::string> inputs; // the labels of each operand
  std::string output;
  /// Every label, in order of first appearance (inputs, then output): the
  /// iteration dims of the contraction.
  std::string labels;
  /// Index of `label` in `labels`.
  unsigned dimOf(char label) const { return labels.find(label); }
};

/// Parses `equation` for `numInputs` operands; nullopt and `error` set on a
/// malformed or unsupported one.
std::optional<EinsumEquation> parseEinsumEquation(llvm::StringRef equation,
                                                  size_t numInputs,
                                                  std::string &error);

/// The size of each label from the operands' shapes (-1 = dynamic), or
/// nullopt with `error` when ranks or sizes disagree.
std::optional<std::map<char, int64_t>>
einsumLabelSizes(const EinsumEquation &eq,
                 llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes,
                 std::string &error);

} // namespace graphc::graph

#endif // GRAPHC_DIALECT_GRAPH_EINSUMEQUATION_H

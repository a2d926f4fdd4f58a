//===- MathPatterns.cpp - lowering of the math op family ----------===//
//
// See dialect/Graph/GraphMathOps.td for the ops.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

using namespace mlir;

namespace graphc::graph_to_linalg {

void populateMathPatterns(RewritePatternSet &patterns) {}

} // namespace graphc::graph_to_linalg

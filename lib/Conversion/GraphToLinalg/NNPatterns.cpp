//===- NNPatterns.cpp - lowering of the nn op family ----------===//
//
// See dialect/Graph/GraphNNOps.td for the ops.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

using namespace mlir;

namespace graphc::graph_to_linalg {

void populateNNPatterns(RewritePatternSet &patterns) {}

} // namespace graphc::graph_to_linalg

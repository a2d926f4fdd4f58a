//===- ArrayPatterns.cpp - lowering of the array op family ----------===//
//
// See dialect/Graph/GraphArrayOps.td for the ops.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

using namespace mlir;

namespace graphc::graph_to_linalg {

void populateArrayPatterns(RewritePatternSet &patterns) {}

} // namespace graphc::graph_to_linalg

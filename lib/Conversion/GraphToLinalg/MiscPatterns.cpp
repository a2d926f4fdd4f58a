//===- MiscPatterns.cpp - lowering of the misc op family ----------===//
//
// See dialect/Graph/GraphMiscOps.td for the ops.
//
//===----------------------------------------------------------------------===//
#include "PatternUtils.h"

using namespace mlir;

namespace graphc::graph_to_linalg {

void populateMiscPatterns(RewritePatternSet &patterns) {}

} // namespace graphc::graph_to_linalg

//===- GraphMiscOps.cpp - verifiers, folders, shapes of misc ops ----===//
//
// resize, space-to-batch, dequantize, batch matmul, BlockLSTM (issue 3).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"

using namespace mlir;
using namespace graphc::graph;

//===- GraphNNOps.cpp - verifiers, folders, shapes of nn ops ----===//
//
// convolution family, batch norm and the fused ops of real frozen graphs (issue 3).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"

using namespace mlir;
using namespace graphc::graph;

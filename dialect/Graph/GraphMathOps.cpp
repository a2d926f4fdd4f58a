//===- GraphMathOps.cpp - verifiers, folders, shapes of math ops ----===//
//
// elementwise math, comparisons, select, cast and reductions beyond Mean (issue 3).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"

using namespace mlir;
using namespace graphc::graph;

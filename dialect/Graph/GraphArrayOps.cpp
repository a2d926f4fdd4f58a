//===- GraphArrayOps.cpp - verifiers, folders, shapes of array ops ----===//
//
// shape and data-movement ops: Squeeze, ExpandDims, Transpose, ConcatV2, Pack, Unpack, Split, Slice, StridedSlice, Pad, Shape, Fill, Tile (issue 3).
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"

using namespace mlir;
using namespace graphc::graph;

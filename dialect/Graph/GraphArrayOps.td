//===- GraphArrayOps.td - array ops of the graph dialect -*- tablegen -*-===//
//
// shape and data-movement ops: Squeeze, ExpandDims, Transpose, ConcatV2, Pack, Unpack, Split, Slice, StridedSlice, Pad, Shape, Fill, Tile (issue 3).
// Included at the end of GraphOps.td, so the shared op classes are visible.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_ARRAY_OPS_TD
#define GRAPH_ARRAY_OPS_TD

#endif // GRAPH_ARRAY_OPS_TD

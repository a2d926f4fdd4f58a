//===- GraphMiscOps.td - misc ops of the graph dialect -*- tablegen -*-===//
//
// resize, space-to-batch, dequantize, batch matmul, BlockLSTM (issue 3).
// Included at the end of GraphOps.td, so the shared op classes are visible.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_MISC_OPS_TD
#define GRAPH_MISC_OPS_TD

#endif // GRAPH_MISC_OPS_TD

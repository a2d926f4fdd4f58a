//===- GraphNNOps.td - nn ops of the graph dialect -*- tablegen -*-===//
//
// convolution family, batch norm and the fused ops of real frozen graphs (issue 3).
// Included at the end of GraphOps.td, so the shared op classes are visible.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_NN_OPS_TD
#define GRAPH_NN_OPS_TD

#endif // GRAPH_NN_OPS_TD

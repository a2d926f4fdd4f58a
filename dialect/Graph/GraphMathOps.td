//===- GraphMathOps.td - math ops of the graph dialect -*- tablegen -*-===//
//
// elementwise math, comparisons, select, cast and reductions beyond Mean (issue 3).
// Included at the end of GraphOps.td, so the shared op classes are visible.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPH_MATH_OPS_TD
#define GRAPH_MATH_OPS_TD

#endif // GRAPH_MATH_OPS_TD

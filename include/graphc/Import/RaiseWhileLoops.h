//===- RaiseWhileLoops.h - TF1 while_loop frames to functional While -*- C++ -*-===//
//
// TF1's `tf.while_loop` (what frozen TF1 graphs, `dynamic_rnn` and TF.js
// exports hold) is dataflow in a "frame": each loop variable enters through
// `Enter(init)`, meets its next value in `Merge(Enter, NextIteration)`, is
// tested by `LoopCond(cond(Merges...))` and split by `Switch(Merge,
// LoopCond)` into `Exit` (output 0, the loop's result) and the body
// (output 1, through an Identity) whose result feeds `NextIteration`;
// loop-invariant values enter through `Enter(x, is_constant=true)`. The
// Merge <- NextIteration edge closes a cycle, which graphc's importer
// (like any static compiler) cannot order.
//
// This rewrites every frame, innermost first, into the functional form
// TF2 uses and graphc already compiles: a `While` node whose `cond` and
// `body` are new library functions (the frame's condition and body
// nodes, with the Merges / Switch outputs / invariant Enters as arguments;
// invariants become extra loop variables the body returns unchanged, as
// TF's own functionalize_while does), and each Exit an Identity of the
// While's result. Conditionals inside a body are raised there too
// (RaiseSwitchMerge.h). graph-inline-control-flow then unrolls the loop.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_RAISEWHILELOOPS_H
#define GRAPHC_IMPORT_RAISEWHILELOOPS_H

#include <string>

namespace graphc::tf {
struct GraphDef;

/// Rewrites `graph`'s TF1 loop frames in place (see above). False with
/// `error` naming the frame and node when a frame does not have the shape
/// `tf.while_loop` gives it.
bool raiseWhileLoops(GraphDef &graph, std::string &error);

} // namespace graphc::tf

#endif // GRAPHC_IMPORT_RAISEWHILELOOPS_H

//===- RaiseSwitchMerge.h - TF1 conditionals to Identity + SelectV2 -*- C++ -*-===//
//
// TF1's `tf.cond` (what frozen TF1 graphs and Keras 2's learning-phase
// switches hold) is dataflow: `Switch(data, pred)` sends `data` to output 1
// when pred is true and output 0 when false, the untaken output is "dead",
// and `Merge(a, b)` forwards whichever input is alive. graphc compiles one
// static graph, so this raises each conditional to the functional form
// graph-inline-control-flow gives TF2's If: every Switch becomes an
// Identity of its data (both outputs), and every Merge a SelectV2 on the
// Switch predicate between its true-side and false-side inputs. TF1 cond
// branches are pure in inference graphs, so computing both is the same
// function; a predicate that folds to a constant (a learning-phase
// PlaceholderWithDefault, a frozen flag) then folds the select and prunes
// the branch not taken.
//
// A Merge input's side is the Switch output it depends on (through data and
// control edges: TF puts a branch's constants under a control edge from
// `switch_t` / `switch_f`, Identities of the Switch outputs): the side of a
// predicate P is known when one input depends on a P-Switch's output 1 and
// not its output 0, and the other the reverse. TF1 loops (Enter, Exit,
// NextIteration, LoopCond; their Merges close cycles) are raised before
// this runs (RaiseWhileLoops.h); any left make this a no-op.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_RAISESWITCHMERGE_H
#define GRAPHC_IMPORT_RAISESWITCHMERGE_H

#include <string>

namespace graphc::tf {
struct GraphDef;

/// Rewrites `graph`'s Switch/Merge conditionals in place (see above).
/// False with `error` naming the node when a Merge's sides cannot be told
/// apart or its value_index output is used.
bool raiseSwitchMerge(GraphDef &graph, std::string &error);

} // namespace graphc::tf

#endif // GRAPHC_IMPORT_RAISESWITCHMERGE_H

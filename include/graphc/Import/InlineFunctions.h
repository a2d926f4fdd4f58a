//===- InlineFunctions.h - splice function calls into the graph -*- C++ -*-===//
//
// TF2 graphs keep their computation in the function library, behind
// StatefulPartitionedCall / PartitionedCall nodes (attr `f`) or nodes whose
// op is a library function. Freezing and lowering want one flat graph, so
// calls are replaced by the function's body, as TF's own inliner does:
//   - body nodes are renamed CALL/NODE; input args become the call's inputs;
//   - body references `node:output_arg:index` become `CALL/node:K`, where K
//     is the flat output index, from the OpDef of the node's op (the
//     MetaGraphDef's stripped_op_list, a library function's signature, or,
//     for ops neither describes, a single output list);
//   - attr placeholders take the call's attr values;
//   - body nodes without inputs get the call's control inputs;
//   - the call node becomes an IdentityN named CALL over the function's
//     return values (so `CALL:k` keeps its meaning), with control inputs on
//     the function's control outputs (a NoOp when it returns nothing).
// Nested calls are inlined too. Plain C++ on the TFGraph.h structs.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_INLINEFUNCTIONS_H
#define GRAPHC_IMPORT_INLINEFUNCTIONS_H

#include "graphc/Import/TFGraph.h"

#include <string>
#include <vector>

namespace graphc::tf {

/// Inlines the calls that the nodes `roots` depend on (through data and
/// control inputs), or every call when `roots` is empty. `ops` are the
/// OpDefs known for the graph (may be empty). On failure returns false and
/// sets `error` (leaving `graph` unchanged), e.g. "function 'f' (called by node 'call'): node 'n':
/// input 'm:bogus:0': op 'Mul' has no output 'bogus'".
bool inlineFunctionCalls(GraphDef &graph, const std::vector<OpDef> &ops,
                         const std::vector<std::string> &roots,
                         std::string &error);

} // namespace graphc::tf

#endif // GRAPHC_IMPORT_INLINEFUNCTIONS_H

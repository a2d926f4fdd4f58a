//===- CheckpointKeys.h - which checkpoint key holds which variable -*- C++ -*-===//
//
// A TF1 checkpoint names a variable's entry after the variable node; a TF2
// one after the object path ("model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE").
// The graph itself says which key restores which variable: its saver's
// RestoreV2 node reads the keys listed in a Const `tensor_names` and the
// Assign/AssignVariableOp nodes consuming its outputs write the variables
// (in TF2 inside the inlined restore function). And a TF2 checkpoint stores
// its object graph under "_CHECKPOINTABLE_OBJECT_GRAPH", naming the variable
// each key saves. Plain C++ on TFGraph.h structs.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_IMPORT_CHECKPOINTKEYS_H
#define GRAPHC_IMPORT_CHECKPOINTKEYS_H

#include "graphc/Import/TFGraph.h"

#include <map>
#include <string>

namespace graphc::tf {

class TensorBundleReader;

/// The key of the object graph entry of TF2 checkpoints.
inline constexpr const char *kObjectGraphKey = "_CHECKPOINTABLE_OBJECT_GRAPH";

/// Variable node name -> checkpoint key, for every variable that an
/// Assign/AssignVariableOp writes with output K of a RestoreV2 (or
/// RestoreSlice/Restore) node whose tensor names come from a Const:
/// key = tensor_names[K]. Identity nodes in between are looked through.
std::map<std::string, std::string> restoredVariableKeys(const GraphDef &graph);

/// Checkpoint key -> the saved variable's name (the object graph's
/// `full_name`), from the checkpoint's "_CHECKPOINTABLE_OBJECT_GRAPH" entry;
/// empty when the checkpoint has none. Returns false with `error` when the
/// entry exists but cannot be read.
bool checkpointObjectGraphKeys(const TensorBundleReader &reader,
                               std::map<std::string, std::string> &keys,
                               std::string &error);

} // namespace graphc::tf

#endif // GRAPHC_IMPORT_CHECKPOINTKEYS_H

//===- ProtoConvert.h - TF messages to TFGraph.h structs ------*- C++ -*-===//
//
// Private to GraphcTFProto: converts the generated protobuf messages for
// attrs, nodes, functions and graphs into the plain structs of TFGraph.h.
// On failure the error names where it happened, outermost first:
//   "function 'f': node 'n': attr 'value': tensor_content has 12 bytes, ..."
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_PROTOCONVERT_H
#define GRAPHC_LIB_IMPORT_PROTOCONVERT_H

#include "graphc/Import/TFGraph.h"

#include "proto/attr_value.pb.h"
#include "proto/function.pb.h"
#include "proto/graph.pb.h"
#include "proto/node_def.pb.h"

#include <string>

namespace graphc::tf::detail {

/// Converts one attr value; tensors inside it are decoded.
bool convertAttrValue(const tensorflow::AttrValue &proto, AttrValue &value,
                      std::string &error);

/// Converts a node; errors are prefixed with "node '<name>': ".
bool convertNodeDef(const tensorflow::NodeDef &proto, NodeDef &node,
                    std::string &error);

/// Converts a library function; errors are prefixed with
/// "function '<name>': ".
bool convertFunctionDef(const tensorflow::FunctionDef &proto,
                        FunctionDef &function, std::string &error);

/// Converts a whole graph (nodes, versions, function library).
bool convertGraphDef(const tensorflow::GraphDef &proto, GraphDef &graph,
                     std::string &error);

} // namespace graphc::tf::detail

#endif // GRAPHC_LIB_IMPORT_PROTOCONVERT_H

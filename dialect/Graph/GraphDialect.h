//===- GraphDialect.h - the graph dialect -----------------------*- C++ -*-===//
#ifndef GRAPH_GRAPHDIALECT_H
#define GRAPH_GRAPHDIALECT_H

#include "mlir/IR/Dialect.h"

#include "Graph/GraphDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "Graph/GraphTypes.h.inc"

#endif // GRAPH_GRAPHDIALECT_H

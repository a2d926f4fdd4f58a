//===- GraphOps.cpp - generated op classes of the graph dialect -----------===//
//
// The TableGen'd op and interface definitions, in one translation unit. The
// methods an op class defines for all its ops (extraClassDefinition in the
// .td files) call the rules declared in GraphShapeUtils.h and
// GraphArrayUtils.h; every other method of an op (verifiers, folders, shape
// functions, canonicalizers) is in its family's Graph<Family>Ops.cpp.
//
//===----------------------------------------------------------------------===//
#include "Graph/GraphOps.h"
#include "Graph/GraphArrayUtils.h"
#include "Graph/GraphMiscOps.h"
#include "Graph/GraphShapeUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Dialect/Traits.h"

using namespace mlir;
using namespace graphc::graph;

#include "Graph/GraphInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "Graph/GraphOps.cpp.inc"

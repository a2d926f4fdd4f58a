//===- OpTable.h - what the importer knows about TF ops ---------*- C++ -*-===//
//
// The slice of TF's OpDefs the importer needs, for the ops graphc models:
// how many outputs a node has and their dtypes, which attr types each input
// (so a producer/consumer dtype mismatch is refused at import, as TF does),
// and the attr defaults that old GraphDefs omit. Ops not listed import
// generically.
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_OPTABLE_H
#define GRAPHC_LIB_IMPORT_OPTABLE_H

#include "graphc/Import/TFGraph.h"

#include <string>
#include <utility>
#include <vector>

namespace graphc::importer {

/// Type of one input or output argument: the name of the attr holding its
/// dtype ("T"), a fixed dtype ("=resource", "=bool", "=int32"), or "" when
/// it is not checked. A leading "N*" repeats the argument attr-N times
/// ("N*T", for inputs and outputs); an empty last input rule means the op
/// takes any number of further inputs, unchecked.
struct OpSpec {
  const char *op;
  std::vector<const char *> inputs;
  std::vector<const char *> outputs;
  std::vector<std::pair<const char *, tf::AttrValue>> defaults;
};

/// The spec of `op`, or null if the importer does not know it.
const OpSpec *lookupOpSpec(const std::string &op);

} // namespace graphc::importer

#endif // GRAPHC_LIB_IMPORT_OPTABLE_H

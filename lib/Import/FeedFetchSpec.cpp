//===- FeedFetchSpec.cpp - parse --feed / --fetch values ------------------===//
//
// --feed NAME[:INDEX][:SHAPE] and --fetch NAME[:INDEX]. SHAPE is dims joined
// by 'x' (`1x224x224x3`, `?` for an unknown size, `[]` for a scalar). A
// feed with one suffix reads it as SHAPE (`x:3` is a 1-D feed of 3), with
// two as INDEX and SHAPE (`split:1:2x3`); `x:0` is output 0 of x.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/ImportGraphDef.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace graphc;
using llvm::StringRef;

static bool parseIndex(StringRef text, int &index) {
  unsigned value;
  if (text.empty() || text.getAsInteger(10, value))
    return false;
  index = value;
  return true;
}

static bool parseShape(StringRef text, std::vector<int64_t> &shape) {
  shape.clear();
  if (text == "[]")
    return true;
  llvm::SmallVector<StringRef> dims;
  text.split(dims, 'x');
  for (StringRef d : dims) {
    int64_t value;
    if (d == "?" || d == "-1") {
      shape.push_back(-1);
      continue;
    }
    if (d.empty() || d.getAsInteger(10, value) || value < 0)
      return false;
    shape.push_back(value);
  }
  return true;
}

std::optional<FeedSpec> graphc::parseFeedSpec(StringRef text,
                                              std::string &error) {
  llvm::SmallVector<StringRef> parts;
  text.split(parts, ':');
  FeedSpec spec;
  spec.node = parts[0].str();
  bool ok = !spec.node.empty() && parts.size() <= 3;
  if (ok && parts.size() == 3)
    ok = parseIndex(parts[1], spec.index);
  // `x:0` is TF's tensor name of output 0, not a zero-length 1-D shape.
  if (ok && parts.size() == 2 && parts[1] == "0")
    return spec;
  if (ok && parts.size() >= 2) {
    std::vector<int64_t> shape;
    ok = parseShape(parts.back(), shape);
    spec.shape = shape;
  }
  if (!ok) {
    error = "invalid --feed '" + text.str() +
            "': expected NAME[:INDEX][:SHAPE] with SHAPE like 1x28x28x3";
    return std::nullopt;
  }
  return spec;
}

std::optional<FetchSpec> graphc::parseFetchSpec(StringRef text,
                                                std::string &error) {
  auto [name, index] = text.split(':');
  FetchSpec spec;
  spec.node = name.str();
  if (spec.node.empty() || (text.contains(':') && !parseIndex(index, spec.index))) {
    error = "invalid --fetch '" + text.str() + "': expected NAME[:INDEX]";
    return std::nullopt;
  }
  return spec;
}

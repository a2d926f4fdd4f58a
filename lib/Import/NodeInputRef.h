//===- NodeInputRef.h - a NodeDef input string, split -----------*- C++ -*-===//
//
// Private to lib/Import: the graph-level spelling of a NodeDef input
// ("^ctrl", "node:K", "node" for port 0), parsed without exceptions (an
// over-long port is not a port, so hostile input cannot throw).
//
//===----------------------------------------------------------------------===//
#ifndef GRAPHC_LIB_IMPORT_NODEINPUTREF_H
#define GRAPHC_LIB_IMPORT_NODEINPUTREF_H

#include <string>

namespace graphc::tf {

/// An input string split: "^n" (control), "n:k" or "n" (port 0).
struct InputRef {
  std::string node;
  int port = 0;
  bool control = false;
};

inline InputRef parseInputRef(const std::string &input) {
  InputRef ref;
  std::string s = input;
  if (!s.empty() && s[0] == '^') {
    ref.control = true;
    s = s.substr(1);
  }
  size_t colon = s.rfind(':');
  if (colon != std::string::npos && colon + 1 < s.size() &&
      s.size() - colon - 1 <= 9 &&
      s.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    ref.port = std::stoi(s.substr(colon + 1));
    s = s.substr(0, colon);
  }
  ref.node = s;
  return ref;
}

/// "node" for port 0 (as TF writes it), else "node:K".
inline std::string tensorRef(const std::string &node, int port) {
  return port == 0 ? node : node + ":" + std::to_string(port);
}

} // namespace graphc::tf

#endif // GRAPHC_LIB_IMPORT_NODEINPUTREF_H

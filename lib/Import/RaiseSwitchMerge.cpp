//===- RaiseSwitchMerge.cpp - TF1 conditionals to Identity + SelectV2 -----===//
//
// See RaiseSwitchMerge.h. Our own: TF's own raising (functionalize_cond.cc)
// lives in TensorFlow, which graphc does not link.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/RaiseSwitchMerge.h"
#include "graphc/Import/TFGraph.h"

#include "NodeInputRef.h"

#include <map>
#include <set>
#include <unordered_map>
#include <vector>

namespace graphc::tf {
namespace {

bool isLoopOp(const std::string &op) {
  return op == "Enter" || op == "RefEnter" || op == "Exit" ||
         op == "NextIteration" || op == "LoopCond";
}

/// (predicate input string, Switch output port) pairs a tensor depends on.
using Sides = std::set<std::pair<std::string, int>>;

class Raiser {
public:
  explicit Raiser(GraphDef &graph) : graph(graph) {
    for (size_t i = 0; i < graph.nodes.size(); ++i)
      byName[graph.nodes[i].name] = i;
  }

  bool run(std::string &error) {
    bool any = false;
    for (const NodeDef &node : graph.nodes) {
      if (isLoopOp(node.op))
        return true; // a TF1 loop: left for the cycle check to refuse
      any |= isSwitch(node) || isMerge(node);
    }
    if (!any)
      return true;
    std::vector<size_t> order;
    if (!topologicalOrder(order))
      return true; // a cycle: refused by the importer, naming it
    // Decide every Merge on the original edges, in topological order, so
    // that an inner conditional's Merge is known before the outer one.
    std::map<size_t, NodeDef> selects;
    sides.assign(graph.nodes.size(), {});
    for (size_t i : order) {
      const NodeDef &node = graph.nodes[i];
      if (isMerge(node)) {
        NodeDef select;
        if (!raiseMerge(node, i, select, error))
          return false;
        selects[i] = std::move(select);
        continue;
      }
      for (const std::string &input : node.inputs)
        addAll(sides[i], sidesOf(input));
    }
    std::set<std::string> switchNames, mergeNames;
    for (auto &[i, select] : selects) {
      mergeNames.insert(select.name);
      graph.nodes[i] = std::move(select);
    }
    for (NodeDef &node : graph.nodes) {
      if (!isSwitch(node))
        continue;
      switchNames.insert(node.name);
      std::vector<std::string> inputs = {node.inputs.empty() ? ""
                                                             : node.inputs[0]};
      for (size_t k = 2; k < node.inputs.size(); ++k)
        inputs.push_back(node.inputs[k]); // control inputs
      node.op = "Identity";
      node.inputs = std::move(inputs);
    }
    // Both Switch outputs are now output 0 of its Identity.
    for (NodeDef &node : graph.nodes)
      for (std::string &input : node.inputs) {
        InputRef ref = parseInputRef(input);
        if (ref.control)
          continue;
        if (switchNames.count(ref.node)) {
          input = ref.node;
        } else if (mergeNames.count(ref.node) && ref.port == 1) {
          error = "node '" + node.name + "' uses the value_index of Merge '" +
                  ref.node + "', which graphc cannot raise";
          return false;
        }
      }
    return true;
  }

private:
  static bool isSwitch(const NodeDef &n) {
    return n.op == "Switch" || n.op == "RefSwitch";
  }
  static bool isMerge(const NodeDef &n) {
    return n.op == "Merge" || n.op == "RefMerge";
  }
  static void addAll(Sides &into, const Sides &from) {
    into.insert(from.begin(), from.end());
  }

  /// Kahn's order over data and control edges; false on a cycle.
  bool topologicalOrder(std::vector<size_t> &order) {
    size_t n = graph.nodes.size();
    std::vector<int> pending(n, 0);
    std::vector<std::vector<size_t>> users(n);
    for (size_t i = 0; i < n; ++i)
      for (const std::string &input : graph.nodes[i].inputs)
        if (auto it = byName.find(parseInputRef(input).node); it != byName.end()) {
          ++pending[i];
          users[it->second].push_back(i);
        }
    std::vector<size_t> ready;
    for (size_t i = 0; i < n; ++i)
      if (!pending[i])
        ready.push_back(i);
    while (!ready.empty()) {
      size_t i = ready.back();
      ready.pop_back();
      order.push_back(i);
      for (size_t u : users[i])
        if (--pending[u] == 0)
          ready.push_back(u);
    }
    return order.size() == n;
  }

  /// The Switch outputs the tensor `input` names depends on: a Switch's
  /// output k adds (its predicate, k) to what its inputs depend on; a
  /// raised Merge drops its own predicate (both of its sides meet there).
  Sides sidesOf(const std::string &input) {
    InputRef ref = parseInputRef(input);
    auto it = byName.find(ref.node);
    if (it == byName.end())
      return {};
    Sides result = sides[it->second];
    const NodeDef &node = graph.nodes[it->second];
    if (isSwitch(node) && !ref.control && node.inputs.size() >= 2)
      result.insert({node.inputs[1], ref.port});
    return result;
  }

  /// Merge `merge` (node `index`) as a SelectV2 on the predicate that tells
  /// its two inputs apart; records what the Merge depends on.
  bool raiseMerge(const NodeDef &merge, size_t index, NodeDef &select,
                  std::string &error) {
    std::vector<std::string> data, controls;
    for (const std::string &input : merge.inputs)
      (parseInputRef(input).control ? controls : data).push_back(input);
    if (data.size() != 2) {
      error = "Merge '" + merge.name + "' has " + std::to_string(data.size()) +
              " inputs; graphc raises two-way TF1 conditionals only";
      return false;
    }
    Sides a = sidesOf(data[0]), b = sidesOf(data[1]);
    for (const auto &[pred, port] : a) {
      int other = 1 - port;
      if ((port != 0 && port != 1) || a.count({pred, other}) ||
          !b.count({pred, other}) || b.count({pred, port}))
        continue;
      select.name = merge.name;
      select.op = "SelectV2";
      select.device = merge.device;
      select.inputs = {pred, port == 1 ? data[0] : data[1],
                       port == 1 ? data[1] : data[0]};
      select.inputs.insert(select.inputs.end(), controls.begin(),
                           controls.end());
      if (auto t = merge.attrs.find("T"); t != merge.attrs.end())
        select.attrs["T"] = t->second;
      Sides &mine = sides[index];
      unionWithout(mine, a, b, pred);
      for (const std::string &c : controls)
        addAll(mine, sidesOf(c));
      return true;
    }
    error = "Merge '" + merge.name +
            "': cannot tell which input is the true branch (no Switch "
            "predicate separates '" +
            data[0] + "' and '" + data[1] + "')";
    return false;
  }

  /// a and b without predicate `pred`.
  static void unionWithout(Sides &into, const Sides &a, const Sides &b,
                     const std::string &pred) {
    for (const Sides *s : {&a, &b})
      for (const auto &side : *s)
        if (side.first != pred)
          into.insert(side);
  }

  GraphDef &graph;
  std::unordered_map<std::string, size_t> byName;
  /// Per node (Switches: without their own output's entry), what it
  /// depends on.
  std::vector<Sides> sides;
};

} // namespace

bool raiseSwitchMerge(GraphDef &graph, std::string &error) {
  return Raiser(graph).run(error);
}

} // namespace graphc::tf

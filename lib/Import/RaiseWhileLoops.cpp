//===- RaiseWhileLoops.cpp - TF1 while_loop frames to functional While ----===//
//
// See RaiseWhileLoops.h. Our own: TF's raising (functionalize_while.cc)
// lives in TensorFlow, which graphc does not link.
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/RaiseWhileLoops.h"
#include "graphc/Import/RaiseSwitchMerge.h"
#include "graphc/Import/TFGraph.h"

#include "NodeInputRef.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace graphc::tf {
namespace {

/// More nested or sibling loop frames than this is not a model.
constexpr size_t kMaxFrames = 10000;

bool isOp(const NodeDef &n, const char *op) {
  return n.op == op || n.op == std::string("Ref") + op;
}
bool isEnter(const NodeDef &n) { return isOp(n, "Enter"); }

const AttrValue *findAttr(const NodeDef &n, const char *name) {
  auto it = n.attrs.find(name);
  return it == n.attrs.end() ? nullptr : &it->second;
}

std::string frameName(const NodeDef &enter) {
  const AttrValue *a = findAttr(enter, "frame_name");
  return a && a->kind == AttrValue::String ? a->s : "";
}

bool isConstantEnter(const NodeDef &enter) {
  const AttrValue *a = findAttr(enter, "is_constant");
  return a && a->kind == AttrValue::Bool && a->b;
}

std::string quote(const std::string &s) { return "'" + s + "'"; }

/// One loop frame: its Enter nodes, in graph order.
struct Frame {
  std::string name;
  std::vector<size_t> enters;
};

/// A node the condition or body reads as a function argument: output
/// `port` of `node` is argument `arg`.
struct ArgSource {
  std::string arg;
  int port = 0;
};

class LoopRaiser {
public:
  LoopRaiser(GraphDef &graph, std::string &error)
      : graph(graph), error(error) {}

  bool run() {
    for (size_t round = 0;; ++round) {
      index();
      std::vector<Frame> frames = collectFrames();
      if (frames.empty())
        return true;
      if (round > kMaxFrames) {
        error = "more than " + std::to_string(kMaxFrames) + " TF1 loop frames";
        return false;
      }
      bool raised = false;
      for (const Frame &frame : frames) {
        std::vector<bool> members;
        if (!innermostMembers(frame, members))
          continue;
        if (!raise(frame, members))
          return false;
        raised = true;
        break;
      }
      if (!raised) {
        error = "TF1 loop frames enter each other (first: " +
                quote(frames[0].name) + "); cannot order them";
        return false;
      }
    }
  }

private:
  void index() {
    byName.clear();
    users.assign(graph.nodes.size(), {});
    for (size_t i = 0; i < graph.nodes.size(); ++i)
      byName[graph.nodes[i].name] = i;
    for (size_t i = 0; i < graph.nodes.size(); ++i)
      for (const std::string &input : graph.nodes[i].inputs)
        if (auto it = byName.find(parseInputRef(input).node);
            it != byName.end())
          users[it->second].push_back(i);
  }

  std::vector<Frame> collectFrames() {
    std::vector<Frame> frames;
    std::unordered_map<std::string, size_t> at;
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      if (!isEnter(graph.nodes[i]))
        continue;
      std::string name = frameName(graph.nodes[i]);
      auto [it, added] = at.emplace(name, frames.size());
      if (added)
        frames.push_back(Frame{name, {}});
      frames[it->second].enters.push_back(i);
    }
    return frames;
  }

  /// The nodes reachable from the frame's Enters (data and control edges)
  /// up to and including its Exits. False when that reaches another
  /// frame's Enter: a loop nested inside, to be raised first.
  bool innermostMembers(const Frame &frame, std::vector<bool> &members) {
    members.assign(graph.nodes.size(), false);
    std::vector<size_t> work(frame.enters.begin(), frame.enters.end());
    for (size_t e : frame.enters)
      members[e] = true;
    while (!work.empty()) {
      size_t i = work.back();
      work.pop_back();
      if (isOp(graph.nodes[i], "Exit"))
        continue;
      for (size_t u : users[i]) {
        if (members[u])
          continue;
        if (isEnter(graph.nodes[u]) && frameName(graph.nodes[u]) != frame.name)
          return false;
        members[u] = true;
        work.push_back(u);
      }
    }
    return true;
  }

  /// The member users of node `i` with op `op` (and its Ref form).
  std::vector<size_t> usersOf(size_t i, const char *op,
                              const std::vector<bool> &members) {
    std::vector<size_t> found;
    for (size_t u : users[i])
      if (members[u] && isOp(graph.nodes[u], op) &&
          std::find(found.begin(), found.end(), u) == found.end())
        found.push_back(u);
    return found;
  }

  std::vector<std::string> dataInputs(const NodeDef &n) {
    std::vector<std::string> data;
    for (const std::string &input : n.inputs)
      if (!parseInputRef(input).control)
        data.push_back(input);
    return data;
  }

  bool fail(const Frame &frame, const std::string &why) {
    error = "TF1 loop " + quote(frame.name) + ": " + why;
    return false;
  }

  bool raise(const Frame &frame, const std::vector<bool> &members) {
    // The frame's one LoopCond.
    std::vector<size_t> loopConds;
    for (size_t i = 0; i < graph.nodes.size(); ++i)
      if (members[i] && graph.nodes[i].op == "LoopCond")
        loopConds.push_back(i);
    if (loopConds.size() != 1)
      return fail(frame, "has " + std::to_string(loopConds.size()) +
                             " LoopCond nodes; a tf.while_loop has one");
    const NodeDef &loopCond = graph.nodes[loopConds[0]];
    std::vector<std::string> condInputs = dataInputs(loopCond);
    if (condInputs.size() != 1)
      return fail(frame, "LoopCond " + quote(loopCond.name) +
                             " needs one input");

    // Loop variables first, then the invariants, as the While's inputs.
    std::vector<size_t> vars, invariants;
    for (size_t e : frame.enters)
      (isConstantEnter(graph.nodes[e]) ? invariants : vars).push_back(e);
    std::vector<size_t> enters = vars;
    enters.insert(enters.end(), invariants.begin(), invariants.end());

    std::vector<DataType> types;
    std::vector<std::string> argNames;
    for (size_t k = 0; k < enters.size(); ++k) {
      const NodeDef &enter = graph.nodes[enters[k]];
      const AttrValue *t = findAttr(enter, "T");
      if (!t || t->kind != AttrValue::Type || t->type == DT_INVALID)
        return fail(frame, "Enter " + quote(enter.name) + " has no dtype T");
      DataType type = t->type;
      if (type > DT_REF_OFFSET)
        type = DataType(type - DT_REF_OFFSET);
      types.push_back(type);
      // A leading '_' cannot start a TF node name, so no node clashes.
      argNames.push_back("_loop_var_" + std::to_string(k));
    }

    // Per loop variable: Merge(Enter, NextIteration), Switch(Merge,
    // LoopCond), Exit(Switch:0).
    std::unordered_map<std::string, ArgSource> condArgs, bodyArgs;
    std::unordered_set<size_t> structural(loopConds.begin(), loopConds.end());
    std::vector<size_t> nextIterations, exits(vars.size(), SIZE_MAX);
    for (size_t k = 0; k < vars.size(); ++k) {
      const NodeDef &enter = graph.nodes[vars[k]];
      std::vector<size_t> merges = usersOf(vars[k], "Merge", members);
      if (merges.size() != 1)
        return fail(frame, "Enter " + quote(enter.name) + " feeds " +
                               std::to_string(merges.size()) +
                               " Merges; a loop variable feeds one");
      const NodeDef &merge = graph.nodes[merges[0]];
      std::vector<std::string> mergeInputs = dataInputs(merge);
      size_t next = SIZE_MAX;
      for (const std::string &input : mergeInputs) {
        auto it = byName.find(parseInputRef(input).node);
        if (it != byName.end() &&
            isOp(graph.nodes[it->second], "NextIteration"))
          next = it->second;
      }
      if (mergeInputs.size() != 2 || next == SIZE_MAX || !members[next])
        return fail(frame, "Merge " + quote(merge.name) +
                               " is not Merge(Enter, NextIteration)");
      std::vector<size_t> switches;
      for (size_t s : usersOf(merges[0], "Switch", members)) {
        std::vector<std::string> in = dataInputs(graph.nodes[s]);
        if (in.size() == 2 && parseInputRef(in[0]).node == merge.name &&
            parseInputRef(in[1]).node == loopCond.name)
          switches.push_back(s);
      }
      if (switches.size() != 1)
        return fail(frame, "Merge " + quote(merge.name) + " feeds " +
                               std::to_string(switches.size()) +
                               " Switches on " + quote(loopCond.name) +
                               "; a loop variable feeds one");
      for (size_t x : usersOf(switches[0], "Exit", members))
        exits[k] = x;
      condArgs[merge.name] = ArgSource{argNames[k], 0};
      bodyArgs[graph.nodes[switches[0]].name] = ArgSource{argNames[k], 1};
      structural.insert({vars[k], merges[0], next, switches[0]});
      if (exits[k] != SIZE_MAX)
        structural.insert(exits[k]);
      nextIterations.push_back(next);
    }
    for (size_t k = 0; k < invariants.size(); ++k) {
      ArgSource arg{argNames[vars.size() + k], 0};
      condArgs[graph.nodes[invariants[k]].name] = arg;
      bodyArgs[graph.nodes[invariants[k]].name] = arg;
      structural.insert(invariants[k]);
    }

    FunctionDef cond, body;
    cond.name = uniqueFunctionName(frame.name + "/cond");
    body.name = uniqueFunctionName(frame.name + "/body");
    for (size_t k = 0; k < enters.size(); ++k) {
      ArgDef arg;
      arg.name = argNames[k];
      arg.type = types[k];
      cond.inputArgs.push_back(arg);
      body.inputArgs.push_back(arg);
      arg.name = "out_" + std::to_string(k);
      body.outputArgs.push_back(arg);
    }
    ArgDef pred;
    pred.name = "pred";
    pred.type = DT_BOOL;
    cond.outputArgs.push_back(pred);

    std::string predRef;
    if (!extract(frame, {condInputs[0]}, condArgs, members, structural,
                 cond.nodes) ||
        !rewrite(frame, condInputs[0], condArgs, predRef))
      return false;
    cond.ret["pred"] = predRef;

    std::vector<std::string> results;
    for (size_t next : nextIterations) {
      std::vector<std::string> in = dataInputs(graph.nodes[next]);
      if (in.size() != 1)
        return fail(frame, "NextIteration " + quote(graph.nodes[next].name) +
                               " needs one input");
      results.push_back(in[0]);
    }
    if (!extract(frame, results, bodyArgs, members, structural, body.nodes))
      return false;
    for (size_t k = 0; k < enters.size(); ++k) {
      std::string ref = argNames[k]; // an invariant comes back unchanged
      if (k < vars.size() && !rewrite(frame, results[k], bodyArgs, ref))
        return false;
      body.ret["out_" + std::to_string(k)] = ref;
    }
    // Conditionals inside the loop are raised in its functions.
    for (FunctionDef *f : {&cond, &body}) {
      GraphDef nodes;
      nodes.nodes = std::move(f->nodes);
      if (!raiseSwitchMerge(nodes, error))
        return fail(frame, error);
      f->nodes = std::move(nodes.nodes);
    }

    NodeDef loop;
    loop.name = uniqueNodeName(frame.name);
    loop.op = "While";
    std::set<std::string> controls;
    for (size_t e : enters) {
      const NodeDef &enter = graph.nodes[e];
      std::vector<std::string> in = dataInputs(enter);
      if (in.size() != 1)
        return fail(frame, "Enter " + quote(enter.name) + " needs one input");
      loop.inputs.push_back(in[0]);
      for (const std::string &input : enter.inputs)
        if (parseInputRef(input).control)
          controls.insert(input);
    }
    loop.inputs.insert(loop.inputs.end(), controls.begin(), controls.end());
    AttrValue typeList;
    typeList.kind = AttrValue::List;
    typeList.list = std::make_shared<AttrList>();
    typeList.list->type = types;
    loop.attrs["T"] = typeList;
    for (auto [attr, f] :
         {std::pair{"cond", &cond}, std::pair{"body", &body}}) {
      AttrValue func;
      func.kind = AttrValue::Func;
      func.func = std::make_shared<NameAttrList>();
      func.func->name = f->name;
      loop.attrs[attr] = func;
    }
    if (const AttrValue *p = findAttr(graph.nodes[enters[0]],
                                      "parallel_iterations"))
      loop.attrs["parallel_iterations"] = *p;

    // The frame's nodes go; each Exit becomes an Identity of a result.
    std::vector<NodeDef> kept;
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      auto exit = std::find(exits.begin(), exits.end(), i);
      if (exit != exits.end()) {
        NodeDef identity;
        identity.name = graph.nodes[i].name;
        identity.op = "Identity";
        identity.device = graph.nodes[i].device;
        identity.inputs = {tensorRef(loop.name, int(exit - exits.begin()))};
        AttrValue t;
        t.kind = AttrValue::Type;
        t.type = types[exit - exits.begin()];
        identity.attrs["T"] = t;
        kept.push_back(std::move(identity));
      } else if (!members[i]) {
        kept.push_back(std::move(graph.nodes[i]));
      }
    }
    kept.push_back(std::move(loop));
    graph.nodes = std::move(kept);
    graph.functions.push_back(std::move(cond));
    graph.functions.push_back(std::move(body));
    return true;
  }

  /// `input` with a reference to an argument's source replaced by the
  /// argument's name.
  bool rewrite(const Frame &frame, const std::string &input,
               const std::unordered_map<std::string, ArgSource> &args,
               std::string &out) {
    InputRef ref = parseInputRef(input);
    auto it = args.find(ref.node);
    if (it == args.end()) {
      out = input;
      return true;
    }
    if (ref.control) {
      out = "^" + it->second.arg;
      return true;
    }
    if (ref.port != it->second.port)
      return fail(frame, "uses output " + std::to_string(ref.port) + " of " +
                             quote(ref.node) +
                             ", which a tf.while_loop does not");
    out = it->second.arg;
    return true;
  }

  /// Copies into `nodes` what `roots` depend on inside the frame (data
  /// and control edges), stopping at the argument sources in `args`, with
  /// their references rewritten to the arguments.
  bool extract(const Frame &frame, const std::vector<std::string> &roots,
               const std::unordered_map<std::string, ArgSource> &args,
               const std::vector<bool> &members,
               const std::unordered_set<size_t> &structural,
               std::vector<NodeDef> &nodes) {
    std::vector<bool> seen(graph.nodes.size(), false);
    std::vector<std::pair<std::string, std::string>> work; // (user, input)
    for (const std::string &root : roots)
      work.emplace_back("", root);
    while (!work.empty()) {
      auto [user, input] = work.back();
      work.pop_back();
      std::string name = parseInputRef(input).node;
      if (args.count(name))
        continue;
      auto it = byName.find(name);
      std::string where = user.empty() ? "" : "node " + quote(user) + " ";
      if (it == byName.end())
        return fail(frame, where + "reads unknown node " + quote(name));
      size_t i = it->second;
      if (!members[i])
        return fail(frame, where + "reads " + quote(name) +
                               " from outside the loop without an Enter");
      if (structural.count(i))
        return fail(frame, where + "reads the loop's own " +
                               graph.nodes[i].op + " " + quote(name));
      if (seen[i])
        continue;
      seen[i] = true;
      for (const std::string &next : graph.nodes[i].inputs)
        work.emplace_back(graph.nodes[i].name, next);
    }
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      if (!seen[i])
        continue;
      NodeDef node = graph.nodes[i];
      for (std::string &input : node.inputs)
        if (!rewrite(frame, input, args, input))
          return false;
      nodes.push_back(std::move(node));
    }
    return true;
  }

  std::string uniqueFunctionName(const std::string &base) {
    std::set<std::string> taken;
    for (const FunctionDef &f : graph.functions)
      taken.insert(f.name);
    std::string name = base;
    for (int k = 1; taken.count(name); ++k)
      name = base + "_" + std::to_string(k);
    return name;
  }

  std::string uniqueNodeName(const std::string &base) {
    std::string stem = base.empty() ? "while" : base, name = stem;
    for (int k = 1; byName.count(name); ++k)
      name = stem + "_" + std::to_string(k);
    return name;
  }

  GraphDef &graph;
  std::string &error;
  std::unordered_map<std::string, size_t> byName;
  std::vector<std::vector<size_t>> users;
};

} // namespace

bool raiseWhileLoops(GraphDef &graph, std::string &error) {
  return LoopRaiser(graph, error).run();
}

} // namespace graphc::tf

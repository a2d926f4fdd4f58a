//===- SavedModelTest.cpp - SavedModel / MetaGraphDef loading tests -------===//
//
// readSavedModel / readMetaGraphDef on TF's own files in
// ../shared/models/savedmodels (skipped when absent): tag selection,
// signatures, object-graph keys; function inlining of TF2 graphs; the
// restore-op analysis mapping variables to checkpoint keys; and inlining on
// small hand-written libraries (output argument indices, lists of outputs,
// attr placeholders, errors).
//
//===----------------------------------------------------------------------===//
#include "graphc/Import/CheckpointKeys.h"
#include "graphc/Import/InlineFunctions.h"
#include "graphc/Import/TFGraph.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace graphc::tf;
namespace fs = std::filesystem;

namespace {

const std::string kModels = GRAPHC_MODELS_DIR "/savedmodels";

#define REQUIRE_MODELS()                                                       \
  if (!fs::is_directory(kModels))                                              \
  GTEST_SKIP() << kModels << " not found"

const NodeDef *findNode(const GraphDef &graph, const std::string &name) {
  for (const NodeDef &node : graph.nodes)
    if (node.name == name)
      return &node;
  return nullptr;
}

AttrValue typeAttr(DataType type) {
  AttrValue v;
  v.kind = AttrValue::Type;
  v.type = type;
  return v;
}

NodeDef node(const std::string &name, const std::string &op,
             std::vector<std::string> inputs = {}) {
  NodeDef n;
  n.name = name;
  n.op = op;
  n.inputs = std::move(inputs);
  return n;
}

ArgDef arg(const std::string &name, DataType type) {
  ArgDef a;
  a.name = name;
  a.type = type;
  return a;
}

} // namespace

TEST(SavedModel, Tf1SignatureAndRestoreKeys) {
  REQUIRE_MODELS();
  MetaGraph meta;
  std::string error;
  ASSERT_TRUE(readSavedModel(kModels + "/half_plus_two_tf1/00000123", {"serve"},
                             meta, error))
      << error;
  EXPECT_EQ(meta.tags, (std::vector<std::string>{"serve"}));
  EXPECT_EQ(meta.tensorflowVersion, "1.14.0");
  const SignatureDef &sig = meta.signatures.at("serving_default");
  EXPECT_EQ(sig.methodName, "tensorflow/serving/predict");
  EXPECT_EQ(sig.inputs.at("x").name, "x:0");
  EXPECT_EQ(sig.inputs.at("x").dtype, DT_FLOAT);
  EXPECT_EQ(sig.inputs.at("x").shape.dims, (std::vector<int64_t>{-1, 1}));
  EXPECT_EQ(sig.outputs.at("y").name, "y:0");
  EXPECT_EQ(meta.saver.version, 2);
  EXPECT_FALSE(meta.ops.empty());

  // The saver restores a, b, c under their own names.
  std::map<std::string, std::string> keys = restoredVariableKeys(meta.graph);
  EXPECT_EQ(keys["a"], "a");
  EXPECT_EQ(keys["b"], "b");
  EXPECT_EQ(keys["c"], "c");
}

TEST(SavedModel, TagSelection) {
  REQUIRE_MODELS();
  MetaGraph meta;
  std::string error;
  // One MetaGraphDef tagged {serve, train}: "serve" alone does not match, as
  // with TF's loader.
  EXPECT_FALSE(readSavedModel(kModels + "/regression_tf1_savedmodel",
                              {"serve"}, meta, error));
  EXPECT_EQ(error, "no MetaGraphDef in saved_model.pb has exactly the tags "
                   "{serve}; it has {serve,train}: choose one with "
                   "--saved-model-tags");
  ASSERT_TRUE(readSavedModel(kModels + "/regression_tf1_savedmodel",
                             {"train", "serve"}, meta, error))
      << error;
  EXPECT_TRUE(meta.signatures.count("tensorflow/serving/regress"));

  EXPECT_FALSE(readSavedModel(kModels + "/nonexistent", {"serve"}, meta, error));
  EXPECT_EQ(error, "saved_model.pb: cannot open file: No such file or "
                   "directory");
}

TEST(SavedModel, MetaGraphDefOfACheckpoint) {
  REQUIRE_MODELS();
  MetaGraph meta;
  std::string error;
  ASSERT_TRUE(readMetaGraphDef(
      kModels + "/regression_ckpt_savedmodel_frozen/checkpoint/model.meta",
      meta, error))
      << error;
  EXPECT_TRUE(findNode(meta.graph, "W"));
  EXPECT_TRUE(findNode(meta.graph, "pred"));
  std::map<std::string, std::string> keys = restoredVariableKeys(meta.graph);
  EXPECT_EQ(keys["W"], "W");
  EXPECT_EQ(keys["b"], "b");

  // A SavedModel is not a MetaGraphDef.
  EXPECT_FALSE(readMetaGraphDef(
      kModels + "/regression_ckpt_savedmodel_frozen/graphdef/frozen.pb", meta,
      error));
}

TEST(SavedModel, Tf2InliningAndObjectGraph) {
  REQUIRE_MODELS();
  MetaGraph meta;
  std::string error;
  ASSERT_TRUE(readSavedModel(kModels + "/half_plus_two_tf2/00000123",
                             {"serve"}, meta, error))
      << error;
  EXPECT_EQ(meta.objectGraphVariables["a/.ATTRIBUTES/VARIABLE_VALUE"], "a");
  EXPECT_EQ(meta.objectGraphVariables["c/.ATTRIBUTES/VARIABLE_VALUE"], "c");
  const SignatureDef &sig = meta.signatures.at("serving_default");
  EXPECT_EQ(sig.inputs.at("x").name, "serving_default_x:0");
  EXPECT_EQ(sig.outputs.at("y").name, "StatefulPartitionedCall_5:0");

  // Inline only what serving_default needs.
  GraphDef graph = meta.graph;
  ASSERT_TRUE(inlineFunctionCalls(graph, meta.ops,
                                  {"StatefulPartitionedCall_5"}, error))
      << error;
  const NodeDef *call = findNode(graph, "StatefulPartitionedCall_5");
  ASSERT_TRUE(call);
  EXPECT_EQ(call->op, "IdentityN");
  // The wrapper calls __inference_predict_235 (a nested call), whose body
  // computes Mul then AddV2 and reads a and b.
  const NodeDef *add = nullptr;
  for (const NodeDef &n : graph.nodes)
    if (n.op == "AddV2" && n.name.rfind("StatefulPartitionedCall_5/", 0) == 0)
      add = &n;
  ASSERT_TRUE(add);
  int reads = 0;
  for (const NodeDef &n : graph.nodes)
    if (n.op == "ReadVariableOp" &&
        n.name.rfind("StatefulPartitionedCall_5/", 0) == 0) {
      ++reads;
      EXPECT_TRUE(n.inputs[0] == "a" || n.inputs[0] == "b") << n.inputs[0];
    }
  EXPECT_EQ(reads, 2);
  // Other signatures' calls stay calls.
  EXPECT_EQ(findNode(graph, "StatefulPartitionedCall")->op,
            "StatefulPartitionedCall");

  // Inlining everything exposes the restore function: keys by variable.
  GraphDef all = meta.graph;
  ASSERT_TRUE(inlineFunctionCalls(all, meta.ops, {}, error)) << error;
  for (const NodeDef &n : all.nodes)
    EXPECT_NE(n.op, "StatefulPartitionedCall") << n.name;
  std::map<std::string, std::string> keys = restoredVariableKeys(all);
  EXPECT_EQ(keys["a"], "a/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(keys["b"], "b/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(keys["c"], "c/.ATTRIBUTES/VARIABLE_VALUE");
}

TEST(SavedModel, RegressionTf2Keys) {
  REQUIRE_MODELS();
  MetaGraph meta;
  std::string error;
  ASSERT_TRUE(readSavedModel(kModels + "/regression_tf2_savedmodel",
                             {"serve"}, meta, error))
      << error;
  EXPECT_FALSE(meta.signatures.count("serving_default"));
  EXPECT_TRUE(meta.signatures.count("w"));
  GraphDef all = meta.graph;
  ASSERT_TRUE(inlineFunctionCalls(all, meta.ops, {}, error)) << error;
  std::map<std::string, std::string> keys = restoredVariableKeys(all);
  EXPECT_EQ(keys["w"], "w/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(keys["b"], "b/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(keys["SGD/iter"], "optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE");
}

//===----------------------------------------------------------------------===//
// Inlining on hand-written libraries
//===----------------------------------------------------------------------===//

TEST(InlineFunctions, OutputArgIndicesAndControl) {
  // f(x, y) returns (first, second) = (Unpack(x):output:1, Mul(x, y)); it
  // has a control output on the Mul.
  FunctionDef f;
  f.name = "f";
  f.inputArgs = {arg("x", DT_FLOAT), arg("y", DT_FLOAT)};
  f.outputArgs = {arg("first", DT_FLOAT), arg("second", DT_FLOAT)};
  NodeDef unpack = node("u", "Unpack", {"x"});
  AttrValue num;
  num.kind = AttrValue::Int;
  num.i = 3;
  unpack.attrs["num"] = num;
  f.nodes = {unpack, node("m", "Mul", {"x", "y:0"}),
             node("c", "Const", {})};
  f.ret["first"] = "u:output:1";
  f.ret["second"] = "m:z:0";
  f.controlRet["side"] = "m";

  OpDef unpackDef;
  unpackDef.name = "Unpack";
  ArgDef out = arg("output", DT_INVALID);
  out.numberAttr = "num";
  unpackDef.outputArgs = {out};
  OpDef mulDef;
  mulDef.name = "Mul";
  mulDef.outputArgs = {arg("z", DT_INVALID)};

  GraphDef graph;
  graph.functions = {f};
  NodeDef call = node("call", "f", {"a", "b:1", "^init"});
  graph.nodes = {node("a", "Placeholder"), node("b", "Split"),
                 node("init", "NoOp"), call,
                 node("use", "AddV2", {"call", "call:1"})};
  std::string error;
  ASSERT_TRUE(inlineFunctionCalls(graph, {unpackDef, mulDef}, {}, error))
      << error;
  const NodeDef *result = findNode(graph, "call");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->op, "IdentityN");
  EXPECT_EQ(result->inputs,
            (std::vector<std::string>{"call/u:1", "call/m", "^call/m"}));
  EXPECT_EQ(result->attrs.at("T").list->type.size(), 2u);
  EXPECT_EQ(findNode(graph, "call/m")->inputs,
            (std::vector<std::string>{"a", "b:1"}));
  // The input-less body node waits for the call's control inputs.
  EXPECT_EQ(findNode(graph, "call/c")->inputs,
            (std::vector<std::string>{"^init"}));
  // Consumers keep their inputs.
  EXPECT_EQ(findNode(graph, "use")->inputs,
            (std::vector<std::string>{"call", "call:1"}));
}

TEST(InlineFunctions, NestedCallsAndPlaceholders) {
  // outer(x) = PartitionedCall(inner, x); inner(v) = Cast(v) with DstT from
  // the function attr "T".
  FunctionDef inner;
  inner.name = "inner";
  inner.inputArgs = {arg("v", DT_FLOAT)};
  inner.outputArgs = {arg("r", DT_INT32)};
  NodeDef cast = node("cast", "Cast", {"v"});
  AttrValue placeholder;
  placeholder.kind = AttrValue::Placeholder;
  placeholder.s = "T";
  cast.attrs["DstT"] = placeholder;
  inner.nodes = {cast};
  inner.ret["r"] = "cast:y:0";

  FunctionDef outer;
  outer.name = "outer";
  outer.inputArgs = {arg("x", DT_FLOAT)};
  outer.outputArgs = {arg("o", DT_INT32)};
  NodeDef pc = node("pc", "PartitionedCall", {"x"});
  AttrValue fattr;
  fattr.kind = AttrValue::Func;
  fattr.func = std::make_shared<NameAttrList>();
  fattr.func->name = "inner";
  fattr.func->attrs["T"] = typeAttr(DT_INT32);
  pc.attrs["f"] = fattr;
  AttrValue tout;
  tout.kind = AttrValue::List;
  tout.list = std::make_shared<AttrList>();
  tout.list->type = {DT_INT32};
  pc.attrs["Tout"] = tout;
  outer.nodes = {pc};
  outer.ret["o"] = "pc:output:0";

  GraphDef graph;
  graph.functions = {inner, outer};
  graph.nodes = {node("in", "Placeholder"), node("top", "outer", {"in"})};
  std::string error;
  ASSERT_TRUE(inlineFunctionCalls(graph, {}, {"top"}, error)) << error;
  const NodeDef *castNode = findNode(graph, "top/pc/cast");
  ASSERT_TRUE(castNode);
  EXPECT_EQ(castNode->inputs, (std::vector<std::string>{"in"}));
  EXPECT_EQ(castNode->attrs.at("DstT").kind, AttrValue::Type);
  EXPECT_EQ(castNode->attrs.at("DstT").type, DT_INT32);
  EXPECT_EQ(findNode(graph, "top/pc")->inputs,
            (std::vector<std::string>{"top/pc/cast"}));
  EXPECT_EQ(findNode(graph, "top")->inputs,
            (std::vector<std::string>{"top/pc"}));
}

TEST(InlineFunctions, Errors) {
  FunctionDef f;
  f.name = "f";
  f.inputArgs = {arg("x", DT_FLOAT)};
  f.outputArgs = {arg("r", DT_FLOAT)};
  f.nodes = {node("m", "Mul", {"x", "nowhere"})};
  f.ret["r"] = "m:z:0";
  GraphDef graph;
  graph.functions = {f};
  graph.nodes = {node("a", "Placeholder"), node("call", "f", {"a"})};
  std::string error;
  EXPECT_FALSE(inlineFunctionCalls(graph, {}, {}, error));
  EXPECT_EQ(error, "function 'f' (called by node 'call'): node 'm': input "
                   "'nowhere' names neither a node nor an argument of the "
                   "function");

  OpDef mulDef;
  mulDef.name = "Mul";
  mulDef.outputArgs = {arg("z", DT_INVALID)};
  graph.functions[0].nodes = {node("m", "Mul", {"x", "x"})};
  graph.functions[0].ret["r"] = "m:bogus:0";
  EXPECT_FALSE(inlineFunctionCalls(graph, {mulDef}, {}, error));
  EXPECT_EQ(error, "function 'f' (called by node 'call'): return value 'r': "
                   "op 'Mul' of node 'm' has no output 'bogus'");

  graph.nodes = {node("a", "Placeholder"), node("call", "f", {"a", "a"})};
  graph.functions[0].ret["r"] = "m:z:0";
  EXPECT_FALSE(inlineFunctionCalls(graph, {mulDef}, {}, error));
  EXPECT_EQ(error, "function 'f' (called by node 'call'): the call has 2 "
                   "inputs, the function takes 1");

  // Recursion.
  FunctionDef loop;
  loop.name = "loop";
  loop.inputArgs = {arg("x", DT_FLOAT)};
  loop.outputArgs = {arg("r", DT_FLOAT)};
  loop.nodes = {node("again", "loop", {"x"})};
  loop.ret["r"] = "again:r:0";
  graph.functions = {loop};
  graph.nodes = {node("a", "Placeholder"), node("call", "loop", {"a"})};
  EXPECT_FALSE(inlineFunctionCalls(graph, {}, {}, error));
  EXPECT_NE(error.find("calls nest deeper than 64 (a recursive function?)"),
            std::string::npos)
      << error;
}

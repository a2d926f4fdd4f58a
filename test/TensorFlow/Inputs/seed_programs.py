"""seed-programs.test: the three TF1 programs of the question graphc answers,
built and run by TensorFlow, saved every way a user saves them, frozen and
compiled by graphc without TF, and checked against TF's own numbers and
TF's own frozen graphs.

  (a) my_variable = tf.Variable(1.0); result = my_variable * 2; run (2.0),
      then my_variable.assign(3.0) (6.0);
  (b) my_function(input, multiplier) creates
      tf.Variable(initial_value=multiplier, name="my_multiplier") and
      returns input * var; fed 4.0 from a placeholder it gives 8.0, and
      20.0 once the variable is assigned 5.0;
  (c) the graph of (b) frozen by TF's graph_util.convert_variables_to_constants.

Each of (a) and (b) is saved as a tf.train.Saver checkpoint + .meta, a TF1
SavedModel and a bare GraphDef (whose only values are the initializers),
and (b) is compiled with --keep-variable my_multiplier too (8.0 from the
saved value, 20.0 when the caller passes 5.0, one compilation),
with ref variables (VariableV2, TF1's default) and with resource variables
(VarHandleOp, TF2's). Then the TF2 spelling: a tf.Module with tf.Variables
saved by tf.saved_model.save, against convert_variables_to_constants_v2.

Usage: seed_programs.py WORKDIR tf1|tf2  (graph-compile and graph-run on
PATH; tf1 runs in graph mode, eager execution off, as TF1 programs did).
Prints one line per check and ends with "N passed, M failed"; exit 1 on a
failure."""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TF's oneDNN kernels, on whatever CPU: TF enables them by default only
# where AVX-512 is present, and without them some CPU kernels refuse what
# the oneDNN ones run (DepthwiseConv2dNative with dilations).
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.python.framework import convert_to_constants  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from graphc_driver import Checks, run_tool  # noqa: E402

tf1 = tf.compat.v1
WORK, MODE = sys.argv[1], sys.argv[2]
if MODE == "tf1":
    tf1.disable_eager_execution()
os.makedirs(WORK, exist_ok=True)
check = Checks()
run = run_tool


def compile_model(model, out, feeds=(), fetches=(), extra=()):
    """graph-compile MODEL into OUT.so; returns the prefix."""
    cmd = ["graph-compile", model, "-o", out, "--emit", "so,h,frozen-pb"]
    for f in feeds:
        cmd += ["--feed", f]
    for f in fetches:
        cmd += ["--fetch", f]
    run(cmd + list(extra))
    return out


def run_library(prefix, inputs, fetch):
    """Runs PREFIX.so through graph-run; returns the output FETCH."""
    cmd = ["graph-run", prefix + ".so"]
    for name, value in inputs.items():
        path = prefix + "." + name + ".in.npy"
        np.save(path, np.asarray(value, dtype=np.float32))
        cmd += ["--input", name + "=" + path]
    out = prefix + ".out.npy"
    cmd += ["--output", fetch + "=" + out]
    run(cmd)
    return np.load(out)


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def consts_of(graph_def):
    """name -> ndarray of every Const node."""
    return {n.name: tf.make_ndarray(n.attr["value"].tensor) for n in graph_def.node if n.op == "Const"}


def load_graph_def(path):
    gd = tf1.GraphDef()
    with open(path, "rb") as f:
        gd.ParseFromString(f.read())
    return gd


def tf_run_graph_def(graph_def, feeds, fetch):
    """Runs a GraphDef in TF (tf.import_graph_def) and returns FETCH."""
    g = tf.Graph()
    with g.as_default():
        tf.import_graph_def(graph_def, name="")
        with tf1.Session(graph=g) as sess:
            return sess.run(fetch + ":0", {k + ":0": v for k, v in feeds.items()})


def compare_frozen(label, ours_path, theirs, feeds, fetch, expect):
    """graphc's --emit frozen-pb against TF's convert_variables_to_constants:
    the same nodes (names and ops) once both are pruned to FETCH, the same
    constants bit for bit, and TF computes EXPECT from graphc's graph."""
    ours = load_graph_def(ours_path)
    theirs = tf1.graph_util.extract_sub_graph(theirs, [fetch])
    ours_nodes = sorted((n.name, n.op) for n in ours.node)
    theirs_nodes = sorted((n.name, n.op) for n in theirs.node)
    check(label + ": frozen-pb has the nodes of TF's frozen graph", ours_nodes == theirs_nodes,
          "graphc %s, TF %s" % (ours_nodes, theirs_nodes))
    ours_c, theirs_c = consts_of(ours), consts_of(theirs)
    check(label + ": constants bit-identical to TF's",
          ours_c.keys() == theirs_c.keys() and all(same_bits(ours_c[k], theirs_c[k]) for k in ours_c),
          "graphc %s, TF %s" % (ours_c, theirs_c))
    got = tf_run_graph_def(ours, feeds, fetch)
    check(label + ": TF runs graphc's frozen graph: %r" % float(got), same_bits(got, np.float32(expect)),
          "expected %r" % expect)


def tf1_program(kind, resource):
    """Builds program (a) or (b) in graph mode; returns (graph, session,
    feeds, fetch, assign op and the value it assigns, expected before/after)."""
    g = tf.Graph()
    with g.as_default():
        if kind == "a":
            my_variable = tf1.Variable(1.0, name="my_variable", use_resource=resource)
            result = tf.multiply(my_variable, 2.0, name="result")
            feeds, var, new_value, before, after = {}, my_variable, 3.0, 2.0, 6.0
        else:
            def my_function(input, multiplier):
                var = tf1.Variable(initial_value=multiplier, name="my_multiplier", use_resource=resource)
                return tf.multiply(input, var, name="result"), var

            x = tf1.placeholder(tf.float32, shape=[], name="input")
            result, var = my_function(x, 2.0)
            feeds, new_value, before, after = {"input": np.float32(4.0)}, 5.0, 8.0, 20.0
        init = tf1.global_variables_initializer()
        saver = tf1.train.Saver()
        assign = var.assign(new_value)
    sess = tf1.Session(graph=g)
    sess.run(init)
    return g, sess, saver, feeds, result, assign, before, after


def tf1_checks(kind, resource):
    label = "(%s) %s" % (kind, "resource variables" if resource else "ref variables")
    d = os.path.join(WORK, kind + ("_resource" if resource else "_ref"))
    os.makedirs(d, exist_ok=True)
    g, sess, saver, feeds, result, assign, before, after = tf1_program(kind, resource)
    fetch = result.op.name
    tf_feeds = {g.get_tensor_by_name(k + ":0"): v for k, v in feeds.items()}
    tf_before = sess.run(result, tf_feeds)
    check(label + ": TF computes %r" % float(tf_before), tf_before == before)
    graph_def = g.as_graph_def()
    feed_specs = [k for k in feeds]

    # Saved every way: a Saver checkpoint + .meta, a TF1 SavedModel, the bare GraphDef.
    ckpt = saver.save(sess, os.path.join(d, "model"))
    sm_dir = os.path.join(d, "saved_model")
    builder = tf1.saved_model.Builder(sm_dir)
    sig = tf1.saved_model.signature_def_utils.build_signature_def(
        inputs={k: tf1.saved_model.utils.build_tensor_info(g.get_tensor_by_name(k + ":0")) for k in feeds},
        outputs={"result": tf1.saved_model.utils.build_tensor_info(result)},
        method_name=tf1.saved_model.signature_constants.PREDICT_METHOD_NAME)
    with g.as_default():  # the Builder exports the default graph
        builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
    builder.save()
    bare = os.path.join(d, "graph.pb")
    with open(bare, "wb") as f:
        f.write(graph_def.SerializeToString())
    # TF's own freezing (program (c) is this for (b)).
    tf_frozen = tf1.graph_util.convert_variables_to_constants(sess, graph_def, [fetch])

    ways = {
        "checkpoint + .meta": (ckpt + ".meta", ["--checkpoint", ckpt]),
        "TF1 SavedModel": (sm_dir, []),
        "bare GraphDef (initializers)": (bare, []),
    }
    for way, (model, extra) in ways.items():
        prefix = compile_model(model, os.path.join(d, way.split()[0].lower().strip("+")),
                               feed_specs, [fetch], extra)
        got = run_library(prefix, feeds, fetch)
        check("%s, %s: graphc's library computes %r" % (label, way, float(got)),
              same_bits(got, np.float32(before)), "expected %r" % before)
        compare_frozen("%s, %s" % (label, way), prefix + ".pb", tf_frozen, feeds, fetch, before)

    if kind == "b":
        # The variable kept (--keep-variable): an input after the feeds that
        # starts from its saved value; no recompilation for a new one.
        prefix = compile_model(ckpt + ".meta", os.path.join(d, "kept"), feed_specs, [fetch],
                               ["--checkpoint", ckpt, "--keep-variable", "my_multiplier"])
        got = run_library(prefix, feeds, fetch)
        check(label + ", --keep-variable my_multiplier: the saved value gives %r" % float(got),
              same_bits(got, np.float32(before)), "expected %r" % before)
        got = run_library(prefix, dict(feeds, my_multiplier=np.float32(5.0)), fetch)
        check(label + ", --keep-variable my_multiplier: passing 5.0 gives %r" % float(got),
              same_bits(got, np.float32(after)), "expected %r" % after)

    # The assignment, saved to a new checkpoint; the same graph with it.
    sess.run(assign)
    tf_after = sess.run(result, tf_feeds)
    check(label + ": after the assignment TF computes %r" % float(tf_after), tf_after == after)
    ckpt2 = saver.save(sess, os.path.join(d, "assigned"), write_meta_graph=False)
    prefix = compile_model(ckpt + ".meta", os.path.join(d, "assigned"), feed_specs, [fetch],
                           ["--checkpoint", ckpt2])
    got = run_library(prefix, feeds, fetch)
    check("%s, the .meta with the new checkpoint: graphc computes %r" % (label, float(got)),
          same_bits(got, np.float32(after)), "expected %r" % after)
    tf_frozen2 = tf1.graph_util.convert_variables_to_constants(sess, graph_def, [fetch])
    compare_frozen(label + ", new checkpoint", prefix + ".pb", tf_frozen2, feeds, fetch, after)
    sess.close()


def tf2_checks():
    """The TF2 spelling: a tf.Module saved by tf.saved_model.save."""
    label = "TF2 tf.Module"
    d = os.path.join(WORK, "tf2")

    class Scale(tf.Module):
        def __init__(self):
            super().__init__()
            self.my_multiplier = tf.Variable(2.0, name="my_multiplier")
            self.offset = tf.Variable([0.5, -1.0, 0.25], name="offset")

        @tf.function(input_signature=[tf.TensorSpec([3], tf.float32, name="input")])
        def __call__(self, x):
            return {"result": x * self.my_multiplier + self.offset}

    m = Scale()
    x = np.array([4.0, -2.0, 1.5], np.float32)
    expect = m(tf.constant(x))["result"].numpy()
    check(label + ": TF computes %s" % expect.tolist(),
          same_bits(expect, x * np.float32(2.0) + np.array([0.5, -1.0, 0.25], np.float32)))
    sm_dir = os.path.join(d, "saved_model")
    tf.saved_model.save(m, sm_dir, signatures={"serving_default": m.__call__})
    prefix = compile_model(sm_dir, os.path.join(d, "graphc"), ["input:3"])
    got = run_library(prefix, {"input": x}, "result")
    check(label + ": graphc's library computes %s" % got.tolist(), same_bits(got, expect),
          "expected %s" % expect.tolist())

    # TF's freezing of the same signature, loaded back from the SavedModel.
    loaded = tf.saved_model.load(sm_dir)  # owns the variables: keep it alive
    fn = loaded.signatures["serving_default"]
    frozen_fn = convert_to_constants.convert_variables_to_constants_v2(fn)
    theirs = frozen_fn.graph.as_graph_def()
    ours = load_graph_def(prefix + ".pb")
    # The float constants of both are the two variables' values, bit for bit
    # (keyed by value: TF names them after its captured placeholders).
    def float_consts(gd):
        return sorted((v.dtype.str, v.shape, v.tobytes()) for v in consts_of(gd).values()
                      if v.dtype == np.float32)
    check(label + ": frozen-pb constants are TF's convert_variables_to_constants_v2 values, bit for bit",
          float_consts(ours) == float_consts(theirs) and len(float_consts(ours)) == 2,
          "graphc %s, TF %s" % (consts_of(ours), consts_of(theirs)))
    frozen_out = frozen_fn(input=tf.constant(x))
    frozen_out = list(frozen_out.values())[0] if isinstance(frozen_out, dict) else frozen_out[0]
    check(label + ": TF's frozen function agrees", same_bits(frozen_out.numpy(), expect))
    # The frozen graph keeps the SavedModel's node names: its one
    # Placeholder (serving_default_input) and, as the fetch, the node
    # nothing else consumes (the signature's output).
    consumed = {i.lstrip("^").split(":")[0] for n in ours.node for i in n.input}
    fetch = [n.name for n in ours.node if n.name not in consumed and n.op != "Const"][-1]
    placeholder = [n.name for n in ours.node if n.op == "Placeholder"][0]
    got_tf = tf_run_graph_def(ours, {placeholder: x}, fetch)
    check(label + ": TF runs graphc's frozen graph: %s" % got_tf.tolist(), same_bits(got_tf, expect))


if MODE == "tf1":
    for kind in ("a", "b"):
        for resource in (False, True):
            tf1_checks(kind, resource)
else:
    tf2_checks()
sys.exit(check.finish())

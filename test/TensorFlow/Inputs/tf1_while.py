"""tf1-while.test: TF1's dataflow tf.while_loop (Enter / Merge / Switch /
NextIteration / LoopCond / Exit, what frozen TF1 graphs, dynamic_rnn and
TF.js exports hold) compiled by graphc from a GraphDef, against live TF in
a session.

- `counter`: a counted loop with a loop-invariant weight (is_constant Enter);
- `max_iter`: maximum_iterations cuts a longer condition short;
- `nested`: a loop inside a loop body, the inner bound read from the outer
  counter;
- `cond_inside`: a tf.cond on the counter inside the body;
- `tensor_array`: per-step inputs read from a TensorArray (unstack), outputs
  written to another (stack), as dynamic_rnn does;
- `lstm`: an LSTM as dynamic_rnn builds it (TensorArrays, weights read
  inside the loop), frozen by TF's convert_variables_to_constants (the TF1
  deployment path), and the same graph from a Saver checkpoint + .meta,
  frozen by graphc;
- `fed_trip_count`: a trip count read from a feed, which a static compiler
  cannot unroll: refused with exit 2 naming the loop.

Usage: tf1_while.py WORKDIR (graph-compile and graph-run on PATH).
"""
import os
import subprocess
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TF's oneDNN kernels, on whatever CPU (see lit.cfg.py's %tfpython).
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from graphc_driver import Checks, compile_and_run, run_tool  # noqa: E402

tf1 = tf.compat.v1
tf1.disable_eager_execution()
# TF1's dataflow loops, not TF2's functional While.
tf1.disable_control_flow_v2()
WORK = sys.argv[1]
os.makedirs(WORK, exist_ok=True)
check = Checks()
rng = np.random.default_rng(7)
LOOP_OPS = {"Enter", "Merge", "Switch", "NextIteration", "LoopCond", "Exit"}


def compare(tag, graph, feeds, fetches, tol=1e-5):
    """Runs `graph` in a TF session and compiled by graphc on `feeds`
    ({name: array}) and checks every fetch."""
    graph_def = graph.as_graph_def()
    ops = {n.op for n in graph_def.node}
    check("%s: TF writes a dataflow loop" % tag, LOOP_OPS <= ops, str(sorted(ops)))
    with tf1.Session(graph=graph) as sess:
        expect = sess.run([f + ":0" for f in fetches], {k + ":0": v for k, v in feeds.items()})
    got, err = compile_and_run(WORK, tag, graph_def, feeds, fetches)
    if err:
        check("%s: compiles and runs" % tag, False, str(err))
        return
    for name, ref in zip(fetches, expect):
        out = got[name]
        diff = float(np.max(np.abs(out.astype(np.float64) - ref))) if ref.size else 0.0
        check("%s: %s %s matches TF (max abs error %.2g)" % (tag, name, list(ref.shape), diff),
              out.shape == ref.shape and out.dtype == ref.dtype
              and diff <= tol * (1 + float(np.max(np.abs(ref)))),
              "shape %s dtype %s vs %s %s" % (out.shape, out.dtype, ref.shape, ref.dtype))


# counter: i < 4, h = tanh(h @ w + 1), w loop-invariant.
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [2, 3], name="x")
    w = tf.constant(rng.standard_normal([3, 3]).astype(np.float32), name="w")
    i, h = tf1.while_loop(lambda i, h: i < 4,
                          lambda i, h: (i + 1, tf.tanh(tf.matmul(h, w) + 1.0)),
                          [tf.constant(0), x])
    tf.identity(h, name="h")
    tf.identity(i, name="i")
compare("counter", g, {"x": rng.standard_normal([2, 3]).astype(np.float32)}, ["h", "i"])

# max_iter: the condition alone would run 100 steps.
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [4], name="x")
    _, y = tf1.while_loop(lambda k, y: k < 100, lambda k, y: [k + 2, y * 0.5 + tf.tanh(y)],
                          [tf.constant(0), x], maximum_iterations=7)
    tf.identity(y, name="y")
compare("max_iter", g, {"x": rng.standard_normal([4]).astype(np.float32)}, ["y"])

# nested: for i in 0..2: for j in 0..i: s = s * 0.9 + x * (i + j).
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [3], name="x")

    def outer(i, s):
        def inner(j, t):
            return j + 1, t * 0.9 + x * tf.cast(i + j, tf.float32)
        _, s = tf1.while_loop(lambda j, t: j <= i, inner, [tf.constant(0), s])
        return i + 1, s

    _, s = tf1.while_loop(lambda i, s: i < 3, outer, [tf.constant(0), tf.zeros([3])])
    tf.identity(s, name="s")
compare("nested", g, {"x": rng.standard_normal([3]).astype(np.float32)}, ["s"])

# cond_inside: even steps add x, odd steps scale.
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [2, 2], name="x")

    def body(i, acc):
        acc = tf1.cond(tf.equal(i % 2, 0), lambda: acc + x, lambda: acc * 1.5)
        return i + 1, acc

    _, acc = tf1.while_loop(lambda i, acc: i < 5, body, [tf.constant(0), tf.ones([2, 2])])
    tf.identity(acc, name="acc")
compare("cond_inside", g, {"x": rng.standard_normal([2, 2]).astype(np.float32)}, ["acc"])

# tensor_array: h_t = tanh(x_t + h_{t-1} @ u), every h_t stacked.
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [2, 5, 3], name="x")
    u = tf.constant(rng.standard_normal([3, 3]).astype(np.float32) * 0.5)
    steps = tf.shape(x)[1]
    xs = tf.TensorArray(tf.float32, size=steps).unstack(tf.transpose(x, [1, 0, 2]))

    def body(t, h, out):
        h = tf.tanh(xs.read(t) + tf.matmul(h, u))
        return t + 1, h, out.write(t, h)

    _, h, out = tf1.while_loop(lambda t, h, out: t < steps, body,
                               [tf.constant(0), tf.zeros([2, 3]),
                                tf.TensorArray(tf.float32, size=steps)])
    tf.identity(tf.transpose(out.stack(), [1, 0, 2]), name="seq")
    tf.identity(h, name="last")
compare("tensor_array", g, {"x": rng.standard_normal([2, 5, 3]).astype(np.float32)},
        ["seq", "last"])

# An LSTM over a TensorArray, its weights variables read inside the loop:
# frozen by TF, and from a checkpoint by graphc. (Keras 3 removed
# tf.compat.v1.nn.rnn_cell, so the cell is spelled out as dynamic_rnn's
# LSTMCell computes it.)
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [2, 6, 4], name="x")
    units = 5
    kernel = tf1.get_variable("lstm/kernel", [4 + units, 4 * units],
                              initializer=tf1.glorot_uniform_initializer(seed=1))
    bias = tf1.get_variable("lstm/bias", [4 * units],
                            initializer=tf1.random_normal_initializer(stddev=0.3, seed=2))
    steps = tf.shape(x)[1]
    xs = tf.TensorArray(tf.float32, size=steps).unstack(tf.transpose(x, [1, 0, 2]))

    def lstm(t, c, h, out):
        z = tf.matmul(tf.concat([xs.read(t), h], 1), kernel) + bias
        i, j, f, o = tf.split(z, 4, axis=1)
        c = tf.sigmoid(f + 1.0) * c + tf.sigmoid(i) * tf.tanh(j)
        h = tf.sigmoid(o) * tf.tanh(c)
        return t + 1, c, h, out.write(t, h)

    zeros = tf.zeros([2, units])
    _, c, h, out = tf1.while_loop(lambda t, c, h, out: t < steps, lstm,
                                  [tf.constant(0), zeros, zeros,
                                   tf.TensorArray(tf.float32, size=steps)])
    tf.identity(tf.transpose(out.stack(), [1, 0, 2]), name="outputs")
    tf.identity(h, name="state_h")
    saver = tf1.train.Saver()
    with tf1.Session(graph=g) as sess:
        sess.run(tf1.global_variables_initializer())
        frozen = tf1.graph_util.convert_variables_to_constants(
            sess, g.as_graph_def(), ["outputs", "state_h"])
        prefix = saver.save(sess, os.path.join(WORK, "rnn", "model"))
        feed = rng.standard_normal([2, 6, 4]).astype(np.float32)
        expect = sess.run(["outputs:0", "state_h:0"], {"x:0": feed})
frozen_graph = tf.Graph()
with frozen_graph.as_default():
    tf.import_graph_def(frozen, name="")
compare("lstm_frozen_by_tf", frozen_graph, {"x": feed}, ["outputs", "state_h"])
lib = os.path.join(WORK, "rnn_ckpt")
r = subprocess.run(["graph-compile", prefix + ".meta", "--checkpoint", prefix,
                    "--feed", "x", "--fetch", "outputs", "--fetch", "state_h",
                    "-o", lib, "--emit", "so"], capture_output=True, text=True)
check("lstm from a Saver checkpoint: graphc freezes and compiles it",
      r.returncode == 0, r.stderr[-2000:])
if r.returncode == 0:
    np.save(lib + ".x.npy", feed)
    run_tool(["graph-run", lib + ".so", "--input", "x=%s.x.npy" % lib,
              "--output", "outputs=%s.o.npy" % lib, "--output", "state_h=%s.h.npy" % lib])
    for name, ref, path in [("outputs", expect[0], lib + ".o.npy"),
                            ("state_h", expect[1], lib + ".h.npy")]:
        got = np.load(path)
        diff = float(np.max(np.abs(got - ref)))
        check("lstm from a Saver checkpoint: %s matches TF (max abs error %.2g)"
              % (name, diff), got.shape == ref.shape and diff <= 1e-5, str(got.shape))

# fed_trip_count: refused, naming the loop.
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [3], name="x")
    n = tf1.placeholder(tf.int32, [], name="n")
    _, y = tf1.while_loop(lambda k, y: k < n, lambda k, y: (k + 1, y * 2.0),
                          [tf.constant(0), x], name="fed_loop")
    tf.identity(y, name="y")
_, err = compile_and_run(WORK, "fed_trip_count", g.as_graph_def(),
                         {"x": np.ones([3], np.float32), "n": np.array(3, np.int32)}, ["y"])
check("fed_trip_count: refused with exit 2 naming the loop (%s)" % err,
      err is not None and err.tool == "graph-compile" and err.code == 2
      and "fed_loop" in err.message, str(err))
sys.exit(check.finish())

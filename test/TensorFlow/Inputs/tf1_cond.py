"""tf1-cond.test: TF1's dataflow tf.cond (Switch/Merge, what frozen TF1
graphs and Keras 2's learning phase hold) compiled by graphc from a
GraphDef, against live TF in a session.

- `y`: a learning-phase PlaceholderWithDefault(False) picks dropout or a
  scale; unfed, it is a constant and only the scale is compiled;
- `w`: a second cond on the same predicate, chained after the first;
- `z`: a data-dependent cond whose false branch holds another cond.
Fed `phase` too, so both sides of `y` and `w` run.

Usage: tf1_cond.py WORKDIR (graph-compile and graph-run on PATH).
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TF's oneDNN kernels, on whatever CPU (see lit.cfg.py's %tfpython).
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from graphc_driver import Checks, run_tool as run  # noqa: E402

tf1 = tf.compat.v1
# TF1's dataflow cond, not TF2's functional If (which graph mode also
# builds by default now).
tf1.disable_control_flow_v2()
WORK = sys.argv[1]
os.makedirs(WORK, exist_ok=True)
check = Checks()

g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [4], name="x")
    phase = tf1.placeholder_with_default(False, [], name="phase")
    y = tf.identity(tf1.cond(phase, lambda: tf1.nn.dropout(x, rate=0.5, seed=1) * 0.0 + x * 5.0,
                             lambda: x * 2.0), name="y")
    w = tf.identity(tf1.cond(phase, lambda: y - 1.0, lambda: y + 5.0), name="w")
    z = tf.identity(tf1.cond(tf.reduce_sum(x) > 0.0, lambda: tf.nn.relu(x) + 1.0,
                             lambda: tf1.cond(x[0] > 0.0, lambda: x * 3.0, lambda: x - 3.0)),
                    name="z")
graph_def = g.as_graph_def()
ops = {n.op for n in graph_def.node}
check("TF1 writes the conds as Switch/Merge (%s)" % sorted(ops & {"Switch", "Merge"}),
      {"Switch", "Merge"} <= ops)
path = os.path.join(WORK, "cond.pb")
with open(path, "wb") as f:
    f.write(graph_def.SerializeToString())

inputs = {
    "positive sum": np.array([1.0, -0.5, 2.0, 0.25], np.float32),
    "negative sum, x[0] > 0": np.array([0.5, -1.5, -2.0, 0.25], np.float32),
    "negative sum, x[0] <= 0": np.array([-1.0, 0.5, -2.0, 0.25], np.float32),
}
for fed_phase in [None, False, True]:
    tag = "phase unfed" if fed_phase is None else "phase=%s" % fed_phase
    prefix = os.path.join(WORK, "phase_%s" % fed_phase)
    feeds = ["--feed", "x:4"] + ([] if fed_phase is None else ["--feed", "phase"])
    run(["graph-compile", path] + feeds + ["--fetch", "y", "--fetch", "w", "--fetch", "z",
                                           "-o", prefix, "--emit", "so,graph"])
    if fed_phase is None:
        with open(prefix + ".graph.mlir") as f:
            compiled = f.read()
        check("phase unfed: only the taken branch is compiled (no dropout's random op, "
              "no select on the phase)", "RandomUniform" not in compiled, compiled[:2000])
    for label, value in inputs.items():
        with tf1.Session(graph=g) as sess:
            feed = {"x:0": value}
            if fed_phase is not None:
                feed["phase:0"] = fed_phase
            expect = sess.run(["y:0", "w:0", "z:0"], feed)
        np.save(prefix + ".x.npy", value)
        cmd = ["graph-run", prefix + ".so", "--input", "x=" + prefix + ".x.npy"]
        if fed_phase is not None:
            np.save(prefix + ".phase.npy", np.array(fed_phase))
            cmd += ["--input", "phase=" + prefix + ".phase.npy"]
        for name in ["y", "w", "z"]:
            cmd += ["--output", "%s=%s.%s.npy" % (name, prefix, name)]
        run(cmd)
        for name, ref in zip(["y", "w", "z"], expect):
            got = np.load("%s.%s.npy" % (prefix, name))
            err = float(np.max(np.abs(got - ref)))
            check("%s, %s: %s = %s (TF %s)" % (tag, label, name, got.tolist(), ref.tolist()),
                  got.shape == ref.shape and err <= 1e-6 * (1 + float(np.max(np.abs(ref)))),
                  "max abs error %g" % err)
sys.exit(check.finish())

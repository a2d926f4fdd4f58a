"""functional-if.test: TF2's tf.cond (If / StatelessIf naming two branch
functions) compiled by graphc from a SavedModel, against live TF.

- `data_cond`: the branch depends on the fed data (sum(x) > 0), so graphc
  inlines both branches and selects; run on inputs that take each branch.
- `flag_cond`: the branch depends on a variable (a Keras-style `training`
  flag), which freezing makes a constant: the SelectV2 of the inlined
  branches folds, and the compiled graph (--emit graph) has none of the
  other branch (the frozen GraphDef, taken before folding, keeps both).
- `nested`: a tf.cond inside a tf.cond's branch.

Usage: functional_if.py WORKDIR (graph-compile and graph-run on PATH).
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

WORK = sys.argv[1]
check = Checks()


class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.training = tf.Variable(False, name="training")
        self.scale = tf.Variable([1.5, -2.0, 0.5, 3.0], name="scale")

    @tf.function(input_signature=[tf.TensorSpec([4], tf.float32, name="x")])
    def data_cond(self, x):
        y = tf.cond(tf.reduce_sum(x) > 0.0,
                    lambda: tf.nn.relu(x) * self.scale,
                    lambda: tf.tanh(x) - 1.0)
        return {"y": y}

    @tf.function(input_signature=[tf.TensorSpec([4], tf.float32, name="x")])
    def flag_cond(self, x):
        y = tf.cond(self.training,
                    lambda: tf.nn.dropout(x, rate=0.5, seed=1),
                    lambda: x * self.scale)
        return {"y": y}

    @tf.function(input_signature=[tf.TensorSpec([4], tf.float32, name="x")])
    def nested(self, x):
        def outer():
            return tf.cond(x[0] > 0.0, lambda: x * 2.0, lambda: x * 3.0)
        y = tf.cond(tf.reduce_max(x) > 1.0, outer, lambda: -x)
        return {"y": y}


m = Model()
sm_dir = os.path.join(WORK, "saved_model")
tf.saved_model.save(m, sm_dir, signatures={
    "data_cond": m.data_cond, "flag_cond": m.flag_cond, "nested": m.nested})
signature_graph = tf.saved_model.load(sm_dir).signatures["data_cond"].graph.as_graph_def()
ops = {n.op for n in signature_graph.node}
ops |= {n.op for f in signature_graph.library.function for n in f.node_def}
check("TF writes the tf.cond as a functional If (%s)" % sorted(o for o in ops if "If" in o),
      bool({"If", "StatelessIf"} & ops))

inputs = {
    "positive sum": np.array([1.0, -0.5, 2.0, 0.25], np.float32),
    "negative sum": np.array([-1.0, 0.5, -2.0, 0.25], np.float32),
    "max <= 1": np.array([0.5, -0.5, 1.0, -3.0], np.float32),
    "x[0] <= 0": np.array([-0.5, 2.0, 1.0, 0.0], np.float32),
}
for signature in ["data_cond", "flag_cond", "nested"]:
    prefix = os.path.join(WORK, signature)
    run(["graph-compile", sm_dir, "--signature", signature, "--feed", "x:4", "-o", prefix,
         "--emit", "so,frozen-pb,graph"])
    frozen = tf.compat.v1.GraphDef()
    with open(prefix + ".pb", "rb") as f:
        frozen.ParseFromString(f.read())
    frozen_ops = [n.op for n in frozen.node]
    check("%s: the frozen graph has no If (%d nodes)" % (signature, len(frozen_ops)),
          not any(o in ("If", "StatelessIf") for o in frozen_ops), str(frozen_ops))
    if signature == "flag_cond":
        # The compiled graph (after freezing and folding) keeps one branch;
        # the frozen GraphDef, taken before folding, both and their select.
        with open(prefix + ".graph.mlir") as f:
            compiled = f.read()
        check("flag_cond: the constant condition leaves one branch in the compiled graph "
              "(no dropout's random op, no select)",
              "RandomUniform" not in compiled and "SelectV2" not in compiled, compiled)
    for label, x in inputs.items():
        expect = getattr(m, signature)(tf.constant(x))["y"].numpy()
        np.save(prefix + ".in.npy", x)
        run(["graph-run", prefix + ".so", "--input", "x=" + prefix + ".in.npy",
             "--output", "y=" + prefix + ".out.npy"])
        got = np.load(prefix + ".out.npy")
        err = float(np.max(np.abs(got - expect)))
        check("%s, %s: graphc %s, TF %s" % (signature, label, got.tolist(), expect.tolist()),
              got.shape == expect.shape and err <= 1e-6 * (1 + float(np.max(np.abs(expect)))),
              "max abs error %g" % err)
sys.exit(check.finish())

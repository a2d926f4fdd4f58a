"""fuzz-regressions.test: the minimized graphs of random-graph mismatches
(Inputs/fuzz/*.pbtxt, written by random_graphs.py, each named after its
seed and what it broke), run by TF on seeded inputs for every Placeholder
and by graphc, compared within random_graphs.py's tolerance.

Usage: fuzz_regressions.py WORKDIR FUZZDIR (graph-compile, graph-run on PATH).
"""
import glob
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TF's oneDNN kernels, on whatever CPU: TF enables them by default only
# where AVX-512 is present, and without them some CPU kernels refuse what
# the oneDNN ones run (DepthwiseConv2dNative with dilations).
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from google.protobuf import text_format  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import random_graphs  # noqa: E402

tf1 = tf.compat.v1
work, fuzz_dir = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
passed = failed = 0
for path in sorted(glob.glob(os.path.join(fuzz_dir, "*.pbtxt"))):
    gd = text_format.Parse(open(path).read(), tf1.GraphDef())
    rng = np.random.default_rng(0)
    feeds = {n.name: rng.uniform(-2, 2, [d.size for d in n.attr["shape"].shape.dim]).astype(np.float32)
             for n in gd.node if n.op == "Placeholder"}
    consumed = {i.split(":")[0].lstrip("^") for n in gd.node for i in n.input}
    fetches = [n.name + ":0" for n in gd.node if n.name not in consumed and n.op not in ("Placeholder", "Const")]
    g = tf.Graph()
    with g.as_default():
        tf.import_graph_def(gd, name="")
        with tf1.Session(graph=g) as sess:
            refs = sess.run(fetches, {k + ":0": v for k, v in feeds.items()})
    tag = os.path.splitext(os.path.basename(path))[0].split("-")[0]
    outs, err = random_graphs.graphc(work, tag, gd, feeds, fetches)
    problem = err or "; ".join(p for p in (random_graphs.differs(outs[f], np.asarray(r))
                                           for f, r in zip(fetches, refs)) if p)
    name = os.path.basename(path)
    if problem:
        failed += 1
        print(f"FAIL: {name}: {problem}")
    else:
        passed += 1
        print(f"ok: {name}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

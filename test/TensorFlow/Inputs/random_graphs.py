"""Random-graph differential fuzzing against TensorFlow, in the spirit of
NNSmith: a seeded generator of valid TF graphs of 5-40 nodes drawn from
the ops graphc lowers, with shapes and attributes kept consistent (TF's
own shape functions check every node as it is added), run by TF and by
graphc and compared.

Usage: random_graphs.py WORKDIR --seed S --count N [--batch B]
(graph-compile and graph-run on PATH; scripts/difftest wraps it). Graph i
uses seed S + i; B graphs are compiled together as one GraphDef. A graph
whose outputs differ is minimized: every tensor of it is fetched, the first
one (in graph order) that differs from TF is found, and the subgraph that
computes it is written to WORKDIR/min_<seed>.pbtxt with its inputs as .npy
files, ready to become a regression test. Prints one line per mismatch and
"N passed, M failed".

Tolerance: |graphc - TF| <= 1e-4 * (1 + max |TF|) per output: chains of
float32 ops accumulate rounding differently in TF and in graphc.
"""
import argparse
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TF's oneDNN kernels, on whatever CPU: TF enables them by default only
# where AVX-512 is present, and without them some CPU kernels refuse what
# the oneDNN ones run (DepthwiseConv2dNative with dilations).
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from graphc_driver import compile_and_run  # noqa: E402

tf1 = tf.compat.v1
tf1.disable_eager_execution()
raw = tf.raw_ops
MAX_ELEMENTS = 4096
# TF runs the graphs as written: grappler's constant folding otherwise
# removes folded intermediates that the minimizer fetches.
CONFIG = tf1.ConfigProto()
CONFIG.graph_options.rewrite_options.disable_meta_optimizer = True


class Builder:
    """Grows one random graph in the default TF graph, under a name prefix."""

    def __init__(self, rng, prefix):
        self.rng, self.prefix = rng, prefix
        self.pool = []      # tensors (all float32, static shapes)
        self.feeds = {}     # placeholder name -> value
        self.used = set()   # tensors consumed by a later node

    def pick(self, pred=lambda t: True):
        choices = [t for t in self.pool if pred(t)]
        if not choices:
            return None
        # Prefer recent tensors: deeper graphs.
        weights = np.arange(1, len(choices) + 1, dtype=np.float64)
        return choices[self.rng.choice(len(choices), p=weights / weights.sum())]

    def const(self, shape, scale=1.0):
        return tf.constant(self.rng.uniform(-scale, scale, shape).astype(np.float32))

    def placeholder(self):
        rank = int(self.rng.integers(1, 5))
        shape = [int(self.rng.integers(1, 7)) for _ in range(rank)]
        name = f"{self.prefix}_in{len(self.feeds)}"
        ph = tf1.placeholder(tf.float32, shape=shape, name=name)
        self.feeds[name] = self.rng.uniform(-2, 2, shape).astype(np.float32)
        self.pool.append(ph)

    def shape(self, t):
        return t.shape.as_list()

    def add(self, t, *inputs):
        if int(np.prod(self.shape(t))) > MAX_ELEMENTS or int(np.prod(self.shape(t))) == 0:
            return False
        for i in inputs:
            self.used.add(i.ref())
        self.pool.append(t)
        return True

    # One random op; False when it did not apply.
    def step(self):
        r = self.rng
        x = self.pick()
        s = self.shape(x)
        kind = r.choice(["unary", "unary", "binary", "binary", "reduce", "transpose", "reshape",
                         "concat", "conv", "pool", "matmul", "bias", "softmax", "pad", "slice",
                         "expand", "tile"])
        if kind == "unary":
            op = r.choice(["Relu", "Relu6", "Tanh", "Sigmoid", "Abs", "Neg", "Square", "Elu",
                           "Selu", "Floor", "LeakyRelu", "Softplus_", "Rsqrt_", "Sqrt_", "Log_", "Exp_"])
            if op == "LeakyRelu":
                y = raw.LeakyRelu(features=x, alpha=0.2)
            elif op in ("Relu", "Relu6", "Elu", "Selu"):
                y = getattr(raw, op)(features=x)
            elif op == "Rsqrt_":
                y = raw.Rsqrt(x=raw.AddV2(x=raw.Abs(x=x), y=tf.constant(0.5)))
            elif op == "Sqrt_":
                y = raw.Sqrt(x=raw.Abs(x=x))
            elif op == "Log_":
                y = raw.Log(x=raw.AddV2(x=raw.Abs(x=x), y=tf.constant(1.0)))
            elif op == "Exp_":
                y = raw.Exp(x=raw.Tanh(x=x))
            elif op == "Softplus_":
                y = raw.Log(x=raw.AddV2(x=raw.Exp(x=raw.Tanh(x=x)), y=tf.constant(1.0)))
            else:
                y = getattr(raw, op)(x=x)
            return self.add(y, x)
        if kind == "binary":
            op = r.choice(["AddV2", "Sub", "Mul", "Maximum", "Minimum", "SquaredDifference",
                           "RealDiv_"])
            # A partner of a broadcast-compatible shape: another tensor of
            # the same shape, or a constant with some dims set to 1.
            other = self.pick(lambda t: self.shape(t) == s and t is not x)
            if other is None or r.random() < 0.4:
                cshape = [d if r.random() < 0.6 else 1 for d in s][int(r.integers(0, len(s) + 1)):]
                other = self.const(cshape)
            a, b = (x, other) if r.random() < 0.5 else (other, x)
            if op == "RealDiv_":
                y = raw.RealDiv(x=a, y=raw.AddV2(x=raw.Abs(x=b), y=tf.constant(0.5)))
            else:
                y = getattr(raw, op)(x=a, y=b)
            return self.add(y, x)
        if kind == "reduce" and len(s) >= 1:
            op = r.choice(["Sum", "Mean", "Max", "Min"])
            k = int(r.integers(1, len(s) + 1))
            axes = sorted(r.choice(len(s), k, replace=False).tolist())
            y = getattr(raw, op)(input=x, axis=tf.constant(axes, tf.int32), keep_dims=bool(r.random() < 0.5))
            return self.add(y, x)
        if kind == "transpose" and len(s) >= 2:
            perm = r.permutation(len(s)).tolist()
            return self.add(raw.Transpose(x=x, perm=tf.constant(perm, tf.int32)), x)
        if kind == "reshape":
            n = int(np.prod(s))
            dims, rest = [], n
            for _ in range(int(r.integers(0, 3))):
                divisors = [d for d in range(1, rest + 1) if rest % d == 0]
                d = int(r.choice(divisors))
                dims.append(d)
                rest //= d
            dims.append(rest)
            r.shuffle(dims)
            return self.add(raw.Reshape(tensor=x, shape=tf.constant(dims, tf.int32)), x)
        if kind == "concat":
            other = self.pick(lambda t: self.shape(t) == s)
            axis = int(r.integers(0, len(s)))
            return self.add(raw.ConcatV2(values=[x, other], axis=tf.constant(axis, tf.int32)), x, other)
        if kind == "conv" and len(s) == 4 and s[1] >= 1:
            kh, kw = int(r.integers(1, min(3, s[1]) + 1)), int(r.integers(1, min(3, s[2]) + 1))
            co = int(r.integers(1, 6))
            st = int(r.integers(1, 3))
            pad = str(r.choice(["SAME", "VALID"]))
            if r.random() < 0.3:
                y = raw.DepthwiseConv2dNative(input=x, filter=self.const([kh, kw, s[3], 1], 0.5),
                                              strides=[1, st, st, 1], padding=pad)
            else:
                y = raw.Conv2D(input=x, filter=self.const([kh, kw, s[3], co], 0.5),
                               strides=[1, st, st, 1], padding=pad)
            return self.add(y, x)
        if kind == "pool" and len(s) == 4:
            k = int(r.integers(1, min(3, s[1], s[2]) + 1))
            st = int(r.integers(1, 3))
            pad = str(r.choice(["SAME", "VALID"]))
            if r.random() < 0.5:
                y = raw.MaxPool(input=x, ksize=[1, k, k, 1], strides=[1, st, st, 1], padding=pad)
            else:
                y = raw.AvgPool(value=x, ksize=[1, k, k, 1], strides=[1, st, st, 1], padding=pad)
            return self.add(y, x)
        if kind == "matmul" and len(s) == 2:
            n = int(r.integers(1, 9))
            tb = bool(r.random() < 0.3)
            w = self.const([n, s[1]] if tb else [s[1], n], 0.5)
            return self.add(raw.MatMul(a=x, b=w, transpose_b=tb), x)
        if kind == "bias" and len(s) >= 2:
            return self.add(raw.BiasAdd(value=x, bias=self.const([s[-1]])), x)
        if kind == "softmax" and len(s) >= 1:
            op = r.choice(["Softmax", "LogSoftmax"])
            return self.add(getattr(raw, op)(logits=x), x)
        if kind == "pad":
            pads = [[int(r.integers(0, 2)), int(r.integers(0, 2))] for _ in s]
            if r.random() < 0.3 and all(d > 1 for d in s):
                return self.add(raw.MirrorPad(input=x, paddings=tf.constant(pads, tf.int32),
                                              mode="REFLECT"), x)
            return self.add(raw.Pad(input=x, paddings=tf.constant(pads, tf.int32)), x)
        if kind == "slice":
            begin = [int(r.integers(0, d)) for d in s]
            size = [int(r.integers(1, d - b + 1)) for d, b in zip(s, begin)]
            return self.add(raw.Slice(input=x, begin=tf.constant(begin, tf.int32),
                                      size=tf.constant(size, tf.int32)), x)
        if kind == "expand" and len(s) < 4:
            axis = int(r.integers(0, len(s) + 1))
            return self.add(raw.ExpandDims(input=x, axis=tf.constant(axis, tf.int32)), x)
        if kind == "tile" and len(s) >= 1:
            mult = [int(r.integers(1, 3)) for _ in s]
            return self.add(raw.Tile(input=x, multiples=tf.constant(mult, tf.int32)), x)
        return False


def build_graph(seed, prefix):
    """Adds random graph `seed` to the default graph; returns (feeds,
    fetch tensors, every tensor in order)."""
    rng = np.random.default_rng(seed)
    b = Builder(rng, prefix)
    for _ in range(int(rng.integers(1, 4))):
        b.placeholder()
    target = int(rng.integers(5, 41))
    attempts = 0
    with tf1.name_scope(prefix):
        while len(b.pool) - len(b.feeds) < target - len(b.feeds) and attempts < 400:
            attempts += 1
            try:
                b.step()
            except (ValueError, TypeError):
                pass  # TF's shape function refused the node: try another
    computed = b.pool[len(b.feeds):]
    sinks = [t for t in computed if t.ref() not in b.used] or computed[-1:]
    fetches = [tf.identity(t, name=f"{prefix}_out{i}") for i, t in enumerate(sinks)]
    return b.feeds, fetches, computed


def graphc(work, tag, graph_def, feeds, fetch_names):
    """graphc's outputs, or (None, the failure as a string)."""
    outs, err = compile_and_run(work, tag, graph_def, feeds, fetch_names)
    return outs, (str(err) if err else None)


def differs(got, ref):
    if got.shape != ref.shape:
        return f"shape {got.shape} vs TF {ref.shape}"
    tol = 1e-4 * (1 + float(np.max(np.abs(ref))) if ref.size else 1)
    err = float(np.max(np.abs(got.astype(np.float64) - ref))) if ref.size else 0.0
    if not np.isfinite(err) or err > tol:
        return f"max abs error {err:g} > {tol:g}"
    return None


def minimize(work, seed):
    """The first tensor of graph `seed` that graphc gets wrong, and the
    subgraph computing it, written as min_<seed>.pbtxt + inputs."""
    g = tf.Graph()
    with g.as_default():
        feeds, _, computed = build_graph(seed, f"s{seed}")
        names = [t.name for t in computed]
        with tf1.Session(graph=g, config=CONFIG) as sess:
            refs = sess.run(names, {k + ":0": v for k, v in feeds.items()})
    for t, ref in zip(names, refs):
        node = t.split(":")[0]
        sub = tf1.graph_util.extract_sub_graph(g.as_graph_def(), [node])
        used = {n.name for n in sub.node}
        sub_feeds = {k: v for k, v in feeds.items() if k in used}
        outs, err = graphc(work, f"m{seed}", sub, sub_feeds, [t])
        problem = err or differs(outs[t], np.asarray(ref))
        if problem:
            path = os.path.join(work, f"min_{seed}.pbtxt")
            with open(path, "w") as f:
                f.write(str(sub))
            for k, v in sub_feeds.items():
                np.save(os.path.join(work, f"min_{seed}.{k}.npy"), v)
            np.save(os.path.join(work, f"min_{seed}.ref.npy"), ref)
            return f"first wrong tensor '{t}' ({len(sub.node)} nodes, {path}): {problem}"
    return "no single tensor differs alone"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--batch", type=int, default=25)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    passed = failed = nodes = 0
    for start in range(args.seed, args.seed + args.count, args.batch):
        seeds = list(range(start, min(start + args.batch, args.seed + args.count)))
        g = tf.Graph()
        per = {}
        with g.as_default():
            feeds = {}
            for seed in seeds:
                f, fetches, computed = build_graph(seed, f"s{seed}")
                feeds.update(f)
                per[seed] = [t.name for t in fetches]
                nodes += len(computed)
            with tf1.Session(graph=g, config=CONFIG) as sess:
                all_names = [n for seed in seeds for n in per[seed]]
                refs = dict(zip(all_names, sess.run(all_names, {k + ":0": v for k, v in feeds.items()})))
        outs, err = graphc(args.work, f"b{start}", g.as_graph_def(), feeds, all_names)
        for seed in seeds:
            problem = err
            if outs is not None:
                problems = [differs(outs[n], np.asarray(refs[n])) for n in per[seed]]
                problem = "; ".join(p for p in problems if p) or None
            if problem and err:
                # The batch failed to compile: judge each graph alone.
                with tf.Graph().as_default() as g1:
                    f1, fe1, _ = build_graph(seed, f"s{seed}")
                    names1 = [t.name for t in fe1]
                    with tf1.Session(graph=g1, config=CONFIG) as sess:
                        refs1 = sess.run(names1, {k + ":0": v for k, v in f1.items()})
                o1, e1 = graphc(args.work, f"one{seed}", g1.as_graph_def(), f1, names1)
                problem = e1 or "; ".join(p for p in (differs(o1[n], np.asarray(r))
                                                      for n, r in zip(names1, refs1)) if p) or None
            if problem:
                failed += 1
                print(f"FAIL: seed {seed}: {problem}\n  minimized: {minimize(args.work, seed)}")
            else:
                passed += 1
    print(f"graphs: {args.count} (seeds {args.seed}..{args.seed + args.count - 1}), {nodes} op nodes")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

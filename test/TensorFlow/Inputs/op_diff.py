"""op-differential.test: TensorFlow 2.21 as the oracle for graphc, op by op.

For the ops graphc lowers (graph-compile --list-ops) it generates cases
over a grid of attributes, shapes and dtypes (strides, dilations,
SAME/VALID/EXPLICIT padding, transpose flags, broadcasting, size-1 and odd
sizes, the dtypes TF's CPU kernels take), runs each in TF (graph mode,
seeded inputs), compiles them with graphc (many cases per graph, one
compilation per group) and compares. A case TF refuses at run time (no CPU
kernel for the dtype, an attribute combination the kernel rejects) must be
refused by graphc too, with exit status 2. Cases TF refuses while building
the graph (its shape functions) have no GraphDef and are not counted.

Tolerances (|graphc - TF| <= atol + rtol * |TF|), by dtype:
  float32: atol 1e-5, rtol 1e-5 for elementwise ops; windows, matmuls and
           reductions of n terms: atol 1e-5 * n, rtol 1e-4
  float64: atol 1e-12, rtol 1e-12 (1e-12 * n for reductions)
  float16: atol 1e-3, rtol 1e-3 (elementwise only)
  integers and bools: exact.

Usage: op_diff.py WORKDIR [--only OP,OP] [--group N] [--known-failures F]
(graph-compile and graph-run on PATH). Prints a table per op and "N passed,
M failed"; exit 1 on a failure. F lists cases known to fail ("OP LABEL" per
line, # comments): they are counted in their own column and do not fail
the run, but one that passes does ("FIXED: ..."), so the list shrinks.
"""
import argparse
import collections
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

F16, F32, F64 = np.float16, np.float32, np.float64
I32, I64, U8, I8, BOOL = np.int32, np.int64, np.uint8, np.int8, np.bool_


class Case:
    def __init__(self, op, label, inputs, build, kind="elementwise", terms=1):
        self.op, self.label, self.inputs, self.build = op, label, inputs, build
        self.kind, self.terms = kind, terms  # tolerance class, reduction length


CASES = []


def case(op, label, inputs, build, kind="elementwise", terms=1):
    """inputs: [(shape, dtype, domain)]; build(*placeholders) -> tensor or list."""
    CASES.append(Case(op, label, inputs, build, kind, terms))


def inp(shape, dtype, domain="any"):
    return (tuple(shape), dtype, domain)


# ------------------------------------------------------------------ inputs

def make_input(rng, shape, dtype, domain):
    if dtype == BOOL:
        return rng.integers(0, 2, shape).astype(BOOL)
    if np.issubdtype(dtype, np.integer):
        lo, hi = {"any": (-9, 10), "pos": (1, 6), "nonzero": (1, 6), "small": (0, 4), "unit": (-2, 3),
                  "index": (0, 3)}[domain]
        if dtype == U8:  # the whole range where it is free, >= 128 included
            lo, hi = {"any": (0, 256), "nonzero": (1, 256)}.get(domain, (max(lo, 0), hi))
        elif dtype == I8 and domain == "any":
            lo, hi = -128, 128
        v = rng.integers(lo, hi, shape)
        if domain == "nonzero":
            v = v * rng.choice([-1, 1], shape) if dtype != U8 else v
        return v.astype(dtype)
    if domain == "pos":
        v = rng.uniform(0.1, 4.0, shape)
    elif domain == "nonzero":
        v = rng.uniform(0.5, 3.0, shape) * rng.choice([-1.0, 1.0], shape)
    elif domain == "unit":
        v = rng.uniform(-0.9, 0.9, shape)
    elif domain == "small":
        v = rng.uniform(0.0, 3.0, shape)
    elif domain == "quarters":  # ties certain: -2, -1.75, ..., 1.75 (halves too)
        v = rng.integers(-8, 8, shape) * 0.25
    elif domain == "boxes":  # [N, 4] corners in [0, 4), some overlapping
        v = rng.uniform(0.0, 4.0, shape)
        v[:, 2:] = v[:, :2] + rng.uniform(-1.5, 1.5, (shape[0], 2))
    else:
        v = rng.uniform(-3.0, 3.0, shape)
    return np.asarray(v).astype(dtype)


# ------------------------------------------------------------------ the grid

SHAPES = [(), (1,), (7,), (3, 5), (2, 9), (3, 1, 16), (2, 3, 4), (1, 1, 5, 3), (2, 1, 3, 17)]

UNARY = {  # op: (dtypes, domain)
    "Abs": ([F32, F64, F16, I32, I64], "any"), "Neg": ([F32, F64, F16, I32, I64], "any"),
    "Exp": ([F32, F64, F16], "any"), "Log": ([F32, F64, F16], "pos"),
    "Sqrt": ([F32, F64, F16], "pos"), "Rsqrt": ([F32, F64], "pos"),
    "Square": ([F32, F64, I32, I64, U8], "any"), "Floor": ([F32, F64, F16], "any"),
    "Erf": ([F32, F64, F16], "any"), "Erfc": ([F32, F64, F16], "any"),
    "Tanh": ([F32, F64, F16], "any"), "Sigmoid": ([F32, F64, F16], "any"),
    "Relu": ([F32, F64, F16, I32, I64, U8], "any"), "Relu6": ([F32, F64, I32, U8], "any"),
    "Elu": ([F32, F64], "any"), "Selu": ([F32, F64], "any"),
    "Identity": ([F32, I32, BOOL, U8], "any"), "Snapshot": ([F32, I64], "any"),
    "StopGradient": ([F32], "any"), "OnesLike": ([F32, I32, BOOL, U8], "any"),
    "ZerosLike": ([F32, I64, BOOL, U8], "any"),
    # Float math with a libm function (Graph_LibmUnaryOp); "unit" keeps
    # asin/acos/atanh inside their domain, "pos" acosh and log1p near it.
    "Sin": ([F32, F64, F16], "any"), "Cos": ([F32, F64, F16], "any"),
    "Tan": ([F32, F64], "unit"), "Asin": ([F32, F64], "unit"), "Acos": ([F32, F64], "unit"),
    "Atan": ([F32, F64], "any"), "Sinh": ([F32, F64], "any"), "Cosh": ([F32, F64], "any"),
    "Asinh": ([F32, F64], "any"), "Acosh": ([F32, F64], "pos"), "Atanh": ([F32, F64], "unit"),
    "Ceil": ([F32, F64, F16], "any"), "Round": ([F32, F64, F16], "quarters"),
    "Rint": ([F32, F64], "quarters"), "Expm1": ([F32, F64], "any"), "Log1p": ([F32, F64], "pos"),
}
for op, (dtypes, domain) in UNARY.items():
    for dt in dtypes:
        for shape in SHAPES:
            arg = ("features" if op in ("Relu", "Relu6", "Elu", "Selu") else
                   "input" if op in ("Identity", "Snapshot", "StopGradient") else "x")
            case(op, f"{np.dtype(dt).name} {list(shape)}", [inp(shape, dt, domain)],
                 lambda x, op=op, arg=arg: getattr(raw, op)(**{arg: x}))
for dt in [F32, F64]:
    for alpha in [0.2, 0.01]:
        for shape in SHAPES[2:]:
            case("LeakyRelu", f"{np.dtype(dt).name} alpha={alpha} {list(shape)}",
                 [inp(shape, dt)], lambda x, a=alpha: raw.LeakyRelu(features=x, alpha=a))
for op in ["Softmax", "LogSoftmax"]:
    for dt in [F32, F64]:
        for shape in [(7,), (3, 5), (2, 3, 4), (1, 1, 5, 33)]:
            case(op, f"{np.dtype(dt).name} {list(shape)}", [inp(shape, dt)],
                 lambda x, op=op: getattr(raw, op)(logits=x), kind="reduce", terms=shape[-1])

# Binary elementwise, with broadcasting.
PAIRS = [((), ()), ((5,), (5,)), ((5,), ()), ((), (4,)), ((3, 5), (5,)), ((3, 1), (1, 4)),
         ((2, 3, 4), (3, 1)), ((1, 6, 1), (2, 1, 5)), ((2, 1, 3, 4), (1, 5, 1, 4)),
         ((4, 1), (4, 3)), ((1,), (2, 3))]
BINARY = {  # op: (dtypes, domain of y); uint8 wherever TF's CPU kernels take it
    "Add": ([F32, F64, I32, I64, U8], "any"), "AddV2": ([F32, F64, F16, I32, I64, U8], "small"),
    "Sub": ([F32, F64, I32, I64, U8], "any"), "Mul": ([F32, F64, F16, I32, I64, U8], "any"),
    "RealDiv": ([F32, F64], "nonzero"), "Div": ([F32, I32, I64, U8], "nonzero"),
    "Maximum": ([F32, F64, I32, I64, U8], "any"), "Minimum": ([F32, F64, I32, I64, U8], "any"),
    "Pow": ([F32, F64], "any"), "SquaredDifference": ([F32, F64, I32], "any"),
    "FloorDiv": ([F32, I32, I64, U8], "nonzero"), "FloorMod": ([F32, I32, I64, U8], "nonzero"),
    "Equal": ([F32, I32, I64, U8], "index"), "NotEqual": ([F32, I32, U8], "index"),
    "Less": ([F32, I32, I64, U8], "any"), "LessEqual": ([F32, I32, U8], "any"),
    "Greater": ([F32, I32, I64, U8], "any"), "GreaterEqual": ([F32, I32, U8], "any"),
}
for op, (dtypes, ydomain) in BINARY.items():
    for dt in dtypes:
        for xs, ys in PAIRS:
            xdomain = "pos" if op == "Pow" else ("index" if ydomain == "index" else
                                                  "small" if ydomain == "small" else "any")
            yd = "unit" if op == "Pow" else ydomain
            case(op, f"{np.dtype(dt).name} {list(xs)} {list(ys)}",
                 [inp(xs, dt, xdomain), inp(ys, dt, yd)],
                 lambda x, y, op=op: getattr(raw, op)(x=x, y=y))
for dt in [F32, I32, U8]:
    for n in [2, 3, 5]:
        case("AddN", f"{np.dtype(dt).name} n={n}", [inp((3, 4), dt)] * n,
             lambda *xs: raw.AddN(inputs=list(xs)))
for dt in [F32, I32, BOOL, U8]:
    for cs, xs in [((4,), (4,)), ((), (2, 3)), ((2, 3), (2, 3)), ((3, 1), (3, 4)), ((1, 4), (2, 3, 4))]:
        case("SelectV2", f"{np.dtype(dt).name} cond {list(cs)} x {list(xs)}",
             [inp(cs, BOOL), inp(xs, dt), inp(xs, dt)],
             lambda c, x, y: raw.SelectV2(condition=c, t=x, e=y))
    for cs, xs in [((4,), (4, 3)), ((2, 3), (2, 3)), ((), (5,))]:
        case("Select", f"{np.dtype(dt).name} cond {list(cs)} x {list(xs)}",
             [inp(cs, BOOL), inp(xs, dt), inp(xs, dt)],
             lambda c, x, y: raw.Select(condition=c, x=x, y=y))

# Reductions.
for op in ["Sum", "Mean", "Max", "Min", "Prod"]:
    for dt in [F32, I32, U8] + ([F64] if op in ("Sum", "Mean") else []):
        for shape, axes in [((7,), [0]), ((3, 5), [0]), ((3, 5), [1]), ((3, 5), [0, 1]),
                            ((3, 5), [-1]), ((2, 3, 4), [1]), ((2, 3, 4), [0, 2]),
                            ((2, 3, 4), [2, 0, 1]), ((1, 6, 6, 8), [1, 2]), ((2, 1, 3, 17), [3])]:
            for keep in [False, True]:
                terms = int(np.prod([shape[a] for a in axes]))
                dom = "unit" if op == "Prod" else "any"
                case(op, f"{np.dtype(dt).name} {list(shape)} axes={axes} keep_dims={keep}",
                     [inp(shape, dt, dom)],
                     lambda x, op=op, axes=axes, keep=keep: getattr(raw, op)(
                         input=x, axis=tf.constant(axes, tf.int32), keep_dims=keep),
                     kind="reduce", terms=terms)
for op in ["All", "Any"]:
    for shape, axes in [((7,), [0]), ((3, 5), [1]), ((3, 5), [0, 1]), ((2, 3, 4), [0, 2]),
                        ((1, 6, 6, 8), [1, 2])]:
        for keep in [False, True]:
            case(op, f"bool {list(shape)} axes={axes} keep_dims={keep}", [inp(shape, BOOL)],
                 lambda x, op=op, axes=axes, keep=keep: getattr(raw, op)(
                     input=x, axis=tf.constant(axes, tf.int32), keep_dims=keep))
for op in ["ArgMax", "ArgMin"]:
    for dt in [F32, I32, U8]:
        for shape, axis in [((7,), 0), ((3, 5), 0), ((3, 5), 1), ((2, 3, 4), -1), ((1, 4, 4, 6), 3)]:
            for out in [tf.int32, tf.int64]:
                case(op, f"{np.dtype(dt).name} {list(shape)} axis={axis} -> {out.name}",
                     [inp(shape, dt)],
                     lambda x, op=op, axis=axis, out=out: getattr(raw, op)(
                         input=x, dimension=tf.constant(axis, tf.int32), output_type=out))

# Convolutions (NHWC, TF's CPU layout).
for (n, h, w, c) in [(1, 5, 5, 3), (1, 6, 7, 2), (1, 1, 4, 5), (2, 6, 6, 8)]:
    for (kh, kw, co) in [(1, 1, 4), (3, 3, 2), (2, 3, 3)]:
        if kh > h:
            continue
        for strides in [1, 2]:
            for dil in [1, 2]:
                for pad in ["SAME", "VALID", "EXPLICIT"]:
                    if pad == "VALID" and (h < (kh - 1) * dil + 1 or w < (kw - 1) * dil + 1):
                        continue
                    explicit = [0, 0, 1, 0, 0, 2, 0, 0] if pad == "EXPLICIT" else []
                    case("Conv2D", f"{n}x{h}x{w}x{c} k{kh}x{kw}->{co} s{strides} d{dil} {pad}",
                         [inp((n, h, w, c), F32), inp((kh, kw, c, co), F32)],
                         lambda x, f, s=strides, d=dil, p=pad, e=explicit: raw.Conv2D(
                             input=x, filter=f, strides=[1, s, s, 1], padding=p,
                             explicit_paddings=e, dilations=[1, d, d, 1]),
                         kind="window", terms=kh * kw * c)
    for (kh, kw, mult) in [(3, 3, 1), (2, 2, 2), (1, 3, 1)]:
        for strides in [1, 2]:
            for dil in [1, 2]:
                for pad in ["SAME", "VALID"]:
                    if pad == "VALID" and (h < (kh - 1) * dil + 1 or w < (kw - 1) * dil + 1):
                        continue
                    case("DepthwiseConv2dNative",
                         f"{n}x{h}x{w}x{c} k{kh}x{kw} x{mult} s{strides} d{dil} {pad}",
                         [inp((n, h, w, c), F32), inp((kh, kw, c, mult), F32)],
                         lambda x, f, s=strides, d=dil, p=pad: raw.DepthwiseConv2dNative(
                             input=x, filter=f, strides=[1, s, s, 1], padding=p,
                             dilations=[1, d, d, 1]),
                         kind="window", terms=kh * kw)
# Conv2D on int32 and float64: TF's CPU has a float64 kernel, no int32 one.
for dt in [F64, I32]:
    case("Conv2D", f"{np.dtype(dt).name} 5x5x3 k3x3->2 SAME",
         [inp((1, 5, 5, 3), dt), inp((3, 3, 3, 2), dt)],
         lambda x, f: raw.Conv2D(input=x, filter=f, strides=[1, 1, 1, 1], padding="SAME"),
         kind="window", terms=27)
# Attribute combinations TF's CPU kernels reject when they run (strides or
# windows on the batch or depth dimension): graphc must refuse them too.
for strides in [[2, 1, 1, 1], [1, 1, 1, 2]]:
    case("Conv2D", f"strides={strides} (refused by TF)", [inp((2, 5, 5, 2), F32), inp((3, 3, 2, 2), F32)],
         lambda x, f, s=strides: raw.Conv2D(input=x, filter=f, strides=s, padding="SAME"),
         kind="window", terms=18)
    case("DepthwiseConv2dNative", f"strides={strides} (refused by TF)",
         [inp((2, 5, 5, 2), F32), inp((3, 3, 2, 1), F32)],
         lambda x, f, s=strides: raw.DepthwiseConv2dNative(input=x, filter=f, strides=s, padding="SAME"),
         kind="window", terms=9)
for op in ["MaxPool", "AvgPool"]:
    for ksize, strides in [([2, 1, 1, 1], [1, 1, 1, 1]), ([1, 1, 1, 1], [2, 1, 1, 1]),
                           ([1, 2, 2, 2], [1, 1, 1, 2])]:
        case(op, f"ksize={ksize} strides={strides} (refused by TF)", [inp((2, 4, 4, 4), F32)],
             lambda x, op=op, k=ksize, s=strides: (
                 raw.MaxPool(input=x, ksize=k, strides=s, padding="VALID") if op == "MaxPool"
                 else raw.AvgPool(value=x, ksize=k, strides=s, padding="VALID")),
             kind="window", terms=8)

# Transposed convolutions (Conv2DBackpropInput).
for (h, w) in [(3, 3), (4, 5)]:
    for (kh, kw) in [(2, 2), (3, 3)]:
        for s in [1, 2]:
            for pad in ["SAME", "VALID"]:
                oh = h * s if pad == "SAME" else (h - 1) * s + kh
                ow = w * s if pad == "SAME" else (w - 1) * s + kw
                case("Conv2DBackpropInput", f"{h}x{w}x3 k{kh}x{kw}->2 s{s} {pad}",
                     [inp((kh, kw, 2, 3), F32), inp((1, h, w, 3), F32)],
                     lambda f, x, s=s, p=pad, oh=oh, ow=ow: raw.Conv2DBackpropInput(
                         input_sizes=tf.constant([1, oh, ow, 2], tf.int32), filter=f,
                         out_backprop=x, strides=[1, s, s, 1], padding=p),
                     kind="window", terms=kh * kw * 3)

# Pooling (and MaxPool of uint8 images).
for (h, w, c) in [(5, 5, 2), (6, 7, 3)]:
    for k, s, pad in [(2, 2, "VALID"), (3, 1, "SAME"), (3, 2, "SAME")]:
        case("MaxPool", f"uint8 {h}x{w}x{c} k{k} s{s} {pad}", [inp((1, h, w, c), U8)],
             lambda x, k=k, s=s, p=pad: raw.MaxPool(input=x, ksize=[1, k, k, 1],
                                                   strides=[1, s, s, 1], padding=p),
             kind="window", terms=k * k)
# Pooling.
for op in ["MaxPool", "AvgPool"]:
    for (h, w, c) in [(5, 5, 2), (6, 7, 3), (1, 4, 1)]:
        for k in [1, 2, 3]:
            for s in [1, 2]:
                for pad in ["SAME", "VALID"]:
                    if pad == "VALID" and k > h:
                        continue
                    case(op, f"{h}x{w}x{c} k{k} s{s} {pad}", [inp((1, h, w, c), F32)],
                         lambda x, op=op, k=k, s=s, p=pad: (
                             raw.MaxPool(input=x, ksize=[1, k, k, 1], strides=[1, s, s, 1], padding=p)
                             if op == "MaxPool" else
                             raw.AvgPool(value=x, ksize=[1, k, k, 1], strides=[1, s, s, 1], padding=p)),
                         kind="window", terms=k * k)

# Matrix products (TF's CPU MatMul has no uint8 kernel: graphc refuses it too).
for dt in [F32, F64, I32, U8]:
    for (m, k, n) in [(1, 1, 1), (3, 5, 4), (1, 17, 3), (8, 33, 16), (5, 2, 1)]:
        for ta in [False, True]:
            for tb in [False, True]:
                a = (k, m) if ta else (m, k)
                b = (n, k) if tb else (k, n)
                case("MatMul", f"{np.dtype(dt).name} {m}x{k}x{n} ta={ta} tb={tb}",
                     [inp(a, dt), inp(b, dt)],
                     lambda x, y, ta=ta, tb=tb: raw.MatMul(a=x, b=y, transpose_a=ta, transpose_b=tb),
                     kind="window", terms=k)
for op in ["BatchMatMulV2", "BatchMatMulV3", "BatchMatMul"]:
    for (ba, bb) in ([((2,), (2,)), ((1,), (3,)), ((2, 1), (1, 3)), ((), (2,))] if op != "BatchMatMul"
                     else [((2,), (2,)), ((2, 3), (2, 3))]):
        for ax in [False, True]:
            for ay in [False, True]:
                m, k, n = 3, 4, 5
                a = ba + ((k, m) if ax else (m, k))
                b = bb + ((n, k) if ay else (k, n))
                kw = {"Tout": tf.float32} if op == "BatchMatMulV3" else {}
                case(op, f"{list(ba)}x{list(bb)} adj_x={ax} adj_y={ay}", [inp(a, F32), inp(b, F32)],
                     lambda x, y, op=op, ax=ax, ay=ay, kw=kw: getattr(raw, op)(x=x, y=y, adj_x=ax, adj_y=ay, **kw),
                     kind="window", terms=k)
# Logic (a While loop's condition is LogicalAnd of two Less).
for op in ["LogicalAnd", "LogicalOr"]:
    for (a, b) in [((3, 5), (3, 5)), ((2, 1, 3), (4, 1)), ((), (7,)), ((1,), ())]:
        case(op, f"bool {list(a)}x{list(b)}", [inp(a, BOOL), inp(b, BOOL)],
             lambda x, y, op=op: getattr(raw, op)(x=x, y=y))
for shape in [(), (7,), (2, 3, 4)]:
    case("LogicalNot", f"bool {list(shape)}", [inp(shape, BOOL)], lambda x: raw.LogicalNot(x=x))
# Einsum: Keras 3's MultiHeadAttention / EinsumDense equations, plain and
# transposed products, a diagonal, a sum, an outer product.
EINSUM = {  # equation: operand shapes (label sizes a=2 b=3 c=4 d=5 e=3)
    "abc,cde->abde": [(2, 3, 4), (4, 5, 3)],
    "aecd,abcd->acbe": [(2, 3, 4, 5), (2, 3, 4, 5)],
    "acbe,aecd->abcd": [(2, 4, 3, 3), (2, 3, 4, 5)],
    "abcd,cde->abe": [(2, 3, 4, 5), (4, 5, 3)],
    "ab,bc->ac": [(2, 3), (3, 4)],
    "ab,cb->ac": [(2, 3), (4, 3)],
    "bij,bjk->bik": [(2, 3, 4), (2, 4, 5)],
    "ij,ij->i": [(3, 4), (3, 4)],
    "i,j->ij": [(3,), (4,)],
    "ii->i": [(4, 4)],
    "abc->cb": [(2, 3, 4)],
    "abc->": [(2, 3, 4)],
}
for eq, shapes in EINSUM.items():
    for dt in ([F32, F64, I32] if len(shapes) == 2 else [F32]):
        terms = 1
        labels = {}
        for spec, shape in zip(eq.split("->")[0].split(","), shapes):
            labels.update(zip(spec, shape))
        out = eq.split("->")[1] if "->" in eq else None
        for lab, size in labels.items():
            if out is not None and lab not in out:
                terms *= size
        case("Einsum", f"{np.dtype(dt).name} {eq}", [inp(sh, dt) for sh in shapes],
             lambda *xs, eq=eq: raw.Einsum(inputs=list(xs), equation=eq),
             kind="window", terms=max(terms, 1))
for dt in [F32, F64, U8]:
    for shape in [(2, 5), (1, 3, 3, 4), (2, 2, 2, 7)]:
        case("BiasAdd", f"{np.dtype(dt).name} {list(shape)}", [inp(shape, dt), inp(shape[-1:], dt)],
             lambda x, b: raw.BiasAdd(value=x, bias=b))

# Shapes and data movement.
for dt in [F32, I32, BOOL, U8]:
    for shape, perm in [((3, 5), [1, 0]), ((2, 3, 4), [2, 0, 1]), ((2, 3, 4), [0, 2, 1]),
                        ((1, 2, 3, 4), [0, 3, 1, 2]), ((2, 3, 4, 5), [3, 2, 1, 0]), ((7,), [0])]:
        case("Transpose", f"{np.dtype(dt).name} {list(shape)} perm={perm}", [inp(shape, dt)],
             lambda x, perm=perm: raw.Transpose(x=x, perm=tf.constant(perm, tf.int32)))
    for shape, to in [((3, 4), [12]), ((3, 4), [2, -1]), ((2, 3, 4), [4, 6]), ((6,), [1, 2, 3, 1]),
                      ((1,), [])]:
        case("Reshape", f"{np.dtype(dt).name} {list(shape)} -> {to}", [inp(shape, dt)],
             lambda x, to=to: raw.Reshape(tensor=x, shape=tf.constant(to, tf.int32)))
    for shapes, axis in [([(2, 3), (2, 3)], 0), ([(2, 3), (2, 5)], 1), ([(2, 3), (2, 1), (2, 4)], -1),
                         ([(1, 2, 2, 3), (1, 2, 2, 5)], 3), ([(4,), (1,)], 0)]:
        case("ConcatV2", f"{np.dtype(dt).name} {[list(s) for s in shapes]} axis={axis}",
             [inp(s, dt) for s in shapes],
             lambda *xs, axis=axis: raw.ConcatV2(values=list(xs), axis=tf.constant(axis, tf.int32)))
    for shape, n, axis in [((3, 4), 2, 0), ((3, 4), 3, 1), ((2,), 1, 0), ((2, 3, 4), 2, -1)]:
        case("Pack", f"{np.dtype(dt).name} {n} x {list(shape)} axis={axis}", [inp(shape, dt)] * n,
             lambda *xs, axis=axis: raw.Pack(values=list(xs), axis=axis))
        case("Unpack", f"{np.dtype(dt).name} {list(shape)} axis={axis}", [inp(shape, dt)],
             lambda x, axis=axis, shape=shape: raw.Unpack(value=x, num=shape[axis], axis=axis))
    for shape, mult in [((3,), [2]), ((2, 3), [1, 3]), ((2, 1, 3), [2, 4, 1])]:
        case("Tile", f"{np.dtype(dt).name} {list(shape)} x {mult}", [inp(shape, dt)],
             lambda x, mult=mult: raw.Tile(input=x, multiples=tf.constant(mult, tf.int32)))
    for shape, axis in [((3,), 0), ((3,), -1), ((2, 3), 1), ((), 0)]:
        case("ExpandDims", f"{np.dtype(dt).name} {list(shape)} axis={axis}", [inp(shape, dt)],
             lambda x, axis=axis: raw.ExpandDims(input=x, axis=tf.constant(axis, tf.int32)))
    for shape, dims in [((1, 3, 1), []), ((1, 3, 1), [0]), ((2, 1, 1, 4), [1, 2])]:
        case("Squeeze", f"{np.dtype(dt).name} {list(shape)} dims={dims}", [inp(shape, dt)],
             lambda x, dims=dims: raw.Squeeze(input=x, axis=dims))
    for shape, begin, size in [((5,), [1], [3]), ((3, 4), [1, 0], [2, -1]), ((2, 3, 4), [0, 1, 1], [2, 2, 3])]:
        case("Slice", f"{np.dtype(dt).name} {list(shape)} begin={begin} size={size}", [inp(shape, dt)],
             lambda x, b=begin, s=size: raw.Slice(input=x, begin=tf.constant(b, tf.int32),
                                                  size=tf.constant(s, tf.int32)))
for dt in [F32, I32, U8]:
    for shape, b, e, s, masks in [
            ((7,), [1], [6], [2], {}), ((7,), [-1], [0], [-1], {}), ((7,), [0], [0], [1], {"end_mask": 1}),
            ((3, 4), [0, 1], [3, 4], [1, 2], {}), ((3, 4), [1, 0], [2, 0], [1, 1], {"shrink_axis_mask": 1, "end_mask": 2}),
            ((2, 3, 4), [0, 0, 0], [0, 0, 2], [1, 1, 1], {"begin_mask": 3, "end_mask": 3}),
            ((2, 3, 4), [0, 1], [0, 2], [1, 1], {"begin_mask": 1, "end_mask": 1, "shrink_axis_mask": 2}),
            ((2, 3, 4), [0, 0], [1, 3], [1, 1], {"new_axis_mask": 1}),
            ((2, 3, 4), [0, 1], [0, 3], [1, 1], {"ellipsis_mask": 1}),
            ((6, 5), [5, 4], [0, 0], [-2, -3], {})]:
        case("StridedSlice", f"{np.dtype(dt).name} {list(shape)} {b}:{e}:{s} {masks}", [inp(shape, dt)],
             lambda x, b=b, e=e, s=s, m=masks: raw.StridedSlice(
                 input=x, begin=tf.constant(b, tf.int32), end=tf.constant(e, tf.int32),
                 strides=tf.constant(s, tf.int32), **m))
    for shape, pads in [((3,), [[1, 2]]), ((2, 3), [[0, 1], [2, 0]]), ((1, 3, 3, 2), [[0, 0], [1, 1], [2, 1], [0, 0]])]:
        case("Pad", f"{np.dtype(dt).name} {list(shape)} {pads}", [inp(shape, dt)],
             lambda x, p=pads: raw.Pad(input=x, paddings=tf.constant(p, tf.int32)))
        case("PadV2", f"{np.dtype(dt).name} {list(shape)} {pads} value=3", [inp(shape, dt)],
             lambda x, p=pads, dt=dt: raw.PadV2(input=x, paddings=tf.constant(p, tf.int32),
                                                constant_values=tf.constant(3, tf.as_dtype(dt))))
        for mode in ["REFLECT", "SYMMETRIC"]:
            case("MirrorPad", f"{np.dtype(dt).name} {list(shape)} {pads} {mode}", [inp(shape, dt)],
                 lambda x, p=pads, mode=mode: raw.MirrorPad(input=x, paddings=tf.constant(p, tf.int32), mode=mode))
    for shape, n, axis in [((6,), 2, 0), ((4, 6), 3, 1), ((2, 4, 3), 2, 1)]:
        case("Split", f"{np.dtype(dt).name} {list(shape)} num={n} axis={axis}", [inp(shape, dt)],
             lambda x, n=n, axis=axis: raw.Split(axis=tf.constant(axis, tf.int32), value=x, num_split=n))
    for shape, sizes, axis in [((6,), [1, 5], 0), ((4, 6), [2, -1, 1], 1)]:
        case("SplitV", f"{np.dtype(dt).name} {list(shape)} sizes={sizes} axis={axis}", [inp(shape, dt)],
             lambda x, s=sizes, axis=axis: raw.SplitV(value=x, size_splits=tf.constant(s, tf.int32),
                                                      axis=tf.constant(axis, tf.int32), num_split=len(s)))
    for shape, ishape, axis, bd in [((5,), (3,), 0, 0), ((4, 3), (2, 2), 0, 0), ((4, 3), (5,), 1, 0),
                                    ((2, 4, 3), (2, 2), 1, 1), ((2, 3, 4, 2), (2, 3, 5), 2, 2),
                                    ((2, 4, 3), (2, 2, 3), 2, 1), ((2, 4, 3), (2, 5), 1, -1)]:
        case("GatherV2", f"{np.dtype(dt).name} {list(shape)} indices {list(ishape)} axis={axis} batch_dims={bd}",
             [inp(shape, dt), inp(ishape, I32, "index")],
             lambda x, i, axis=axis, bd=bd: raw.GatherV2(params=x, indices=i, axis=tf.constant(axis, tf.int32),
                                                        batch_dims=bd))
    for shape, ishape in [((4, 3), (2, 2)), ((4, 3), (3, 1)), ((3, 3, 2), (2, 2))]:
        case("GatherNd", f"{np.dtype(dt).name} {list(shape)} indices {list(ishape)}",
             [inp(shape, dt), inp(ishape, I32, "index")], lambda x, i: raw.GatherNd(params=x, indices=i))
for src, dsts in [(F32, [I32, I64, F64, F16, BOOL, U8]), (I32, [F32, I64, BOOL, F64, U8]), (BOOL, [F32, I32, U8]),
                  (I64, [I32, F32, U8]), (U8, [F32, I32, I64, F64, F16, BOOL, I8]), (F64, [F32, I32, U8]),
                  (F16, [F32]), (I8, [U8, I32])]:
    for dst in dsts:
        for shape in [(7,), (2, 3)]:
            # Out-of-range float -> uint8 casts are undefined in C++ (and
            # TF); integer ones wrap, so int32/int64/int8 sources take "any".
            domain = "small" if dst == U8 and src in (F32, F64) else "any"
            case("Cast", f"{np.dtype(src).name} -> {np.dtype(dst).name} {list(shape)}",
                 [inp(shape, src, domain)],
                 lambda x, dst=dst: raw.Cast(x=x, DstT=tf.as_dtype(dst)))
for dt in [F32, I32, U8]:
    for shape, bs in [((1, 2, 3, 8), 2), ((2, 1, 2, 18), 3), ((1, 3, 3, 4), 2)]:
        case("DepthToSpace", f"{np.dtype(dt).name} {list(shape)} block={bs}", [inp(shape, dt)],
             lambda x, bs=bs: raw.DepthToSpace(input=x, block_size=bs))
    for shape, bs in [((1, 4, 6, 2), 2), ((2, 3, 6, 1), 3), ((1, 4, 4, 3), 4)]:
        case("SpaceToDepth", f"{np.dtype(dt).name} {list(shape)} block={bs}", [inp(shape, dt)],
             lambda x, bs=bs: raw.SpaceToDepth(input=x, block_size=bs))
# TopKV2 (sorted): ties broken by the lower index; "index" inputs (0-2)
# make ties certain, the "any" ones test the order.
for dt in [F32, I32, U8, F64]:
    # (k = 0, empty results, is refused: graphc does not compile empty outputs)
    for shape, k in [((7,), 3), ((7,), 7), ((3, 10), 4), ((2, 3, 6), 1), ((1, 40), 12)]:
        for domain in ["any", "index"]:
            case("TopKV2", f"{np.dtype(dt).name} {list(shape)} k={k} {domain}", [inp(shape, dt, domain)],
                 lambda x, k=k: list(raw.TopKV2(input=x, k=tf.constant(k, tf.int32))))
# Non-max suppression, padded (the static-shape forms): corners in either
# order, tied scores ("quarters"), score thresholds that drop some boxes,
# max_output_size below, at and above the number of boxes.
for n, max_out in [(6, 3), (10, 10), (12, 16), (40, 8)]:
    for iou in [0.0, 0.3, 0.5, 0.9]:
        for sdomain, sthr in [("unit", float("-inf")), ("quarters", 0.3)]:
            label = f"[{n}] max={max_out} iou={iou} scores={sdomain} thr={sthr}"
            ins = [inp((n, 4), F32, "boxes"), inp((n,), F32, sdomain)]
            case("NonMaxSuppressionV4", label, ins,
                 lambda b, s, m=max_out, i=iou, t=sthr: list(raw.NonMaxSuppressionV4(
                     boxes=b, scores=s, max_output_size=m, iou_threshold=i,
                     score_threshold=t, pad_to_max_output_size=True)))
            case("NonMaxSuppressionV5", label, ins,
                 lambda b, s, m=max_out, i=iou, t=sthr: list(raw.NonMaxSuppressionV5(
                     boxes=b, scores=s, max_output_size=m, iou_threshold=i,
                     score_threshold=t, soft_nms_sigma=0.0, pad_to_max_output_size=True)))
# NCHW, which TF's CPU kernels refuse when they run: graphc must refuse too.
case("DepthToSpace", "NCHW (refused by TF)", [inp((1, 8, 2, 3), F32)],
     lambda x: raw.DepthToSpace(input=x, block_size=2, data_format="NCHW"))
case("SpaceToDepth", "NCHW (refused by TF)", [inp((1, 2, 4, 6), F32)],
     lambda x: raw.SpaceToDepth(input=x, block_size=2, data_format="NCHW"))
for shape in [(3,), (2, 3)]:
    case("Fill", f"{list(shape)}", [inp((), F32)], lambda v, s=shape: raw.Fill(dims=tf.constant(s, tf.int32), value=v))
    for op in ["Shape", "Size", "Rank"]:
        case(op, f"{list(shape)}", [inp(shape, F32)], lambda x, op=op: getattr(raw, op)(input=x))
for (start, limit, delta) in [(0, 5, 1), (2, 11, 3), (5, 0, -2)]:
    case("Range", f"{start}:{limit}:{delta} + x", [inp((), I32)],
         lambda x, a=start, b=limit, d=delta: raw.AddV2(
             x=raw.Range(start=tf.constant(a), limit=tf.constant(b), delta=tf.constant(d)), y=x))
for op in ["ResizeBilinear", "ResizeNearestNeighbor"]:
    for (h, w), size in [((3, 4), (6, 8)), ((5, 5), (3, 2)), ((2, 3), (5, 7)), ((4, 4), (4, 4))]:
        for ac, hp in [(False, False), (True, False), (False, True)]:
            for dt in [F32, U8]:  # uint8: images as decoded
                name = "" if dt == F32 else "uint8 "
                case(op, f"{name}{h}x{w} -> {size} align_corners={ac} half_pixel={hp}",
                     [inp((1, h, w, 2), dt)],
                     lambda x, op=op, s=size, ac=ac, hp=hp: getattr(raw, op)(
                         images=x, size=tf.constant(s, tf.int32), align_corners=ac, half_pixel_centers=hp))
for shape, block, pads in [((1, 4, 4, 2), [2, 2], [[0, 0], [0, 0]]), ((1, 5, 3, 1), [2, 2], [[1, 0], [1, 0]])]:
    case("SpaceToBatchND", f"{list(shape)} block={block} pads={pads}", [inp(shape, F32)],
         lambda x, b=block, p=pads: raw.SpaceToBatchND(input=x, block_shape=tf.constant(b, tf.int32),
                                                       paddings=tf.constant(p, tf.int32)))
for shape, block, crops in [((4, 2, 2, 2), [2, 2], [[0, 0], [0, 0]]), ((4, 3, 2, 1), [2, 2], [[1, 0], [0, 1]])]:
    case("BatchToSpaceND", f"{list(shape)} block={block} crops={crops}", [inp(shape, F32)],
         lambda x, b=block, c=crops: raw.BatchToSpaceND(input=x, block_shape=tf.constant(b, tf.int32),
                                                        crops=tf.constant(c, tf.int32)))
for op in ["FusedBatchNorm", "FusedBatchNormV3"]:
    for shape in [(1, 3, 3, 4), (2, 2, 5, 3)]:
        c = shape[-1]
        case(op, f"inference {list(shape)}",
             [inp(shape, F32), inp((c,), F32), inp((c,), F32), inp((c,), F32), inp((c,), F32, "pos")],
             lambda x, s, o, m, v, op=op: getattr(raw, op)(x=x, scale=s, offset=o, mean=m, variance=v,
                                                          epsilon=0.001, is_training=False)[0])


# ------------------------------------------------------------------ running

def tolerance(c, dtype):
    if np.issubdtype(dtype, np.integer) or dtype == BOOL:
        return 0.0, 0.0
    if dtype == F16:
        return 1e-3, 1e-3 * max(1, c.terms)
    if dtype == F64:
        return 1e-12 * max(1, c.terms), 1e-12
    if c.kind == "elementwise":
        return 1e-5, 1e-5
    return 1e-5 * c.terms, 1e-4


def build_case(c, index, rng):
    """Adds case `c` to the default graph; returns (feeds {name: value},
    fetch names, refs are computed later)."""
    feeds, phs = {}, []
    for j, (shape, dtype, domain) in enumerate(c.inputs):
        name = f"c{index}_in{j}"
        phs.append(tf1.placeholder(tf.as_dtype(dtype), shape=shape, name=name))
        feeds[name] = make_input(rng, shape, dtype, domain)
    with tf1.name_scope(f"c{index}"):
        out = c.build(*phs)
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    fetches = []
    for j, t in enumerate(outs):
        fetches.append(tf.identity(t, name=f"c{index}_out{j}").op.name)
    return feeds, fetches


def tf_reference(c, index):
    """(feeds, fetches, refs) or an error string when TF refuses the case."""
    g = tf.Graph()
    rng = np.random.default_rng(1000 + index)
    with g.as_default():
        try:
            feeds, fetches = build_case(c, index, rng)
        except (ValueError, TypeError, tf.errors.OpError) as e:
            return None, "build: " + str(e).splitlines()[0]
        with tf1.Session(graph=g) as sess:
            try:
                refs = sess.run([f + ":0" for f in fetches], {k + ":0": v for k, v in feeds.items()})
            except tf.errors.OpError as e:
                return (g.as_graph_def(), feeds, fetches), "run: " + e.message.splitlines()[0]
    return (feeds, fetches, refs), None


def compare(c, got, ref):
    ref = np.asarray(ref)
    if got.shape != ref.shape:
        return f"shape {got.shape} vs TF {ref.shape}"
    if got.dtype != ref.dtype:
        return f"dtype {got.dtype} vs TF {ref.dtype}"
    if ref.dtype == BOOL or np.issubdtype(ref.dtype, np.integer):
        bad = int(np.sum(got != ref))
        return f"{bad} elements differ" if bad else None
    atol, rtol = tolerance(c, ref.dtype)
    g64, r64 = got.astype(np.float64), ref.astype(np.float64)
    both_nan = np.isnan(g64) & np.isnan(r64)
    same_inf = np.isinf(r64) & (g64 == r64)
    ok = both_nan | same_inf | (np.abs(g64 - r64) <= atol + rtol * np.abs(r64))
    if not ok.all():
        i = np.argmax(~ok.ravel())
        return (f"{int((~ok).sum())}/{ok.size} outside atol {atol:g} + rtol {rtol:g}: "
                f"graphc {g64.ravel()[i]!r} vs TF {r64.ravel()[i]!r}")
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("--only", default="")
    ap.add_argument("--group", type=int, default=120)
    ap.add_argument("--known-failures", default="")
    args = ap.parse_args()
    known = set()
    if args.known_failures:
        with open(args.known_failures) as f:
            known = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    os.makedirs(args.work, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    cases = [(i, c) for i, c in enumerate(CASES) if not only or c.op in only]
    stats = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # cases, pass, refused, fail, known
    failures, notes = [], []

    def record(c, outcome, detail=""):
        s = stats[c.op]
        s[0] += 1
        key = f"{c.op} {c.label}"
        if key in known:
            if outcome == "fail":
                s[4] += 1
                notes.append(f"known failure: {key}: {detail}")
                return
            outcome, detail = "fail", "FIXED: a known failure now passes; remove it from the list"
        s[{"pass": 1, "refused": 2, "fail": 3}[outcome]] += 1
        if outcome == "fail":
            failures.append(f"FAIL: {key}: {detail}")

    accepted, refused, dropped = [], [], []
    for i, c in cases:
        data, err = tf_reference(c, i)
        if err is None:
            accepted.append((i, c, data))
        elif err.startswith("run:"):
            refused.append((i, c, data, err))
        else:
            # TF's shape functions refused it: no GraphDef, not counted.
            dropped.append(f"{c.op} {c.label}: {err}")

    # TF refuses at run time: graphc must refuse with exit status 2.
    for i, c, (graph_def, feeds, fetches), err in refused:
        outs, gerr = compile_and_run(args.work, f"r{i}", graph_def, feeds, fetches)
        if gerr and gerr.tool == "graph-compile" and gerr.code == 2:
            record(c, "refused")
        else:
            record(c, "fail", f"TF refuses ({err}) but graphc " +
                   ("compiles and runs it" if outs is not None else str(gerr)))

    # Accepted by TF: graphc in groups of cases per graph.
    def run_group(group, tag):
        g = tf.Graph()
        feeds, fetches, owners = {}, [], []
        with g.as_default():
            for i, c, (cfeeds, cfetches, refs) in group:
                f2, fe2 = build_case(c, i, np.random.default_rng(1000 + i))
                feeds.update(f2)
                fetches += fe2
        outs, gerr = compile_and_run(args.work, tag, g.as_graph_def(), feeds, fetches)
        if outs is None:
            if len(group) == 1:
                i, c, _ = group[0]
                record(c, "fail", str(gerr))
                return
            half = len(group) // 2  # find the cases graphc refuses
            run_group(group[:half], tag + "a")
            run_group(group[half:], tag + "b")
            return
        for i, c, (cfeeds, cfetches, refs) in group:
            problems = [compare(c, outs[f], r) for f, r in zip(cfetches, refs)]
            problems = [p for p in problems if p]
            record(c, "fail" if problems else "pass", "; ".join(problems))

    for start in range(0, len(accepted), args.group):
        run_group(accepted[start:start + args.group], f"g{start}")

    print(f"{'op':<24} {'cases':>6} {'pass':>6} {'refused':>8} {'fail':>5} {'known':>6}")
    for op in sorted(stats):
        n, p, r, f, k = stats[op]
        print(f"{op:<24} {n:>6} {p:>6} {r:>8} {f:>5} {k:>6}")
    for line in notes + failures:
        print(line)
    total = sum(s[0] for s in stats.values())
    failed = sum(s[3] for s in stats.values())
    print(f"ops: {len(stats)}; cases: {total} (refused as TF does: {sum(s[2] for s in stats.values())}, "
          f"known failures: {sum(s[4] for s in stats.values())})")
    print(f"not counted (TF refuses to build them): {len(dropped)}")
    for line in dropped:
        print("  " + line)
    print(f"{total - failed} passed, {failed} failed")  # known failures count as passed runs
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

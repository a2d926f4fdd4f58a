#!/usr/bin/env python3
"""bench/matmul and bench/conv: single kernels compiled by graphc against
OpenBLAS (cblas_sgemm) and OpenCV DNN, single-threaded, interleaved rounds,
medians.

    bench/matmul [--sizes 512,1024] [--runs N] [--build-dir B]
    bench/conv   [--small] [--runs N] [--build-dir B] [--peak GFLOPS]

The TensorFlow graphs are written here as binary GraphDefs (a few lines of
protobuf encoding: no TensorFlow needed) into a temporary folder: a MatMul
with constant weights and one with both operands fed; a 3x3 Conv2D
(1x56x56x64 -> 64, SAME) and a 3x3 depthwise conv (1x112x112x32, SAME).
graphc's library is timed in this process through ctypes (bench/compare's
Graphc engine), OpenBLAS and OpenCV in their small C/C++ runners (one timed
call per request over a pipe). Every output is checked against numpy.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from compare import (BenchError, Graphc, OpenCV, PipeRunner, build_opencv_runner,  # noqa: E402
                     median, resolve_peak)


# ---------------------------------------------------------------- protobuf

def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(num, wire, payload):
    key = varint((num << 3) | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload  # wire 2


def shape_proto(shape):
    return b"".join(field(2, 2, field(1, 0, d)) for d in shape)


def attr(key, value):
    return field(5, 2, field(1, 2, key.encode()) + field(2, 2, value))


def a_type(t):
    return field(6, 0, t)


def a_shape(shape):
    return field(7, 2, shape_proto(shape))


def a_ints(xs):
    return field(1, 2, field(3, 2, b"".join(varint(x) for x in xs)))


def a_str(s):
    return field(2, 2, s.encode())


def a_bool(b):
    return field(5, 0, int(b))


def a_tensor(arr):
    arr = np.ascontiguousarray(arr, dtype=np.float32)
    return field(8, 2, field(1, 0, 1) + field(2, 2, shape_proto(arr.shape)) +
                 field(4, 2, arr.tobytes()))


def node(name, op, inputs=(), attrs=()):
    body = field(1, 2, name.encode()) + field(2, 2, op.encode())
    for i in inputs:
        body += field(3, 2, i.encode())
    for k, v in attrs:
        body += attr(k, v)
    return field(1, 2, body)


def graphdef(nodes):
    return b"".join(nodes) + field(4, 2, field(1, 0, 1100))


DT_FLOAT = 1


def placeholder(name, shape):
    return node(name, "Placeholder", (), [("dtype", a_type(DT_FLOAT)), ("shape", a_shape(shape))])


def const(name, arr):
    return node(name, "Const", (), [("dtype", a_type(DT_FLOAT)), ("value", a_tensor(arr))])


# ---------------------------------------------------------------- helpers

def compile_graph(pb, feeds, fetch, tools, prefix):
    cmd = [os.path.join(tools, "graph-compile"), pb, "-o", prefix, "--name", "graphc_model",
           "--emit", "so", "--fetch", fetch]
    for name, shape in feeds:
        cmd += ["--feed", f"{name}:{'x'.join(map(str, shape))}"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError("graph-compile: " + (r.stderr.strip().splitlines() or ["failed"])[-1])
    return prefix + ".so"


class GraphcMulti(Graphc):
    """Graphc with any number of inputs (the fed matmul has two)."""

    def __init__(self, so, xs):
        import ctypes
        self.lib = ctypes.CDLL(so, mode=os.RTLD_NOW | os.RTLD_LOCAL)
        self.fn = self.lib.graphc_model_with_workspace
        self.fn.restype = ctypes.c_int
        self.fn.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        info_fn = self.lib.graphc_model_info
        info_fn.restype = ctypes.POINTER(Graphc.ModelInfo)
        info = info_fn().contents
        self.ws_raw = np.zeros(int(info.workspace_bytes) + 64, dtype=np.uint8)
        self.ws = ctypes.c_void_p(-(-self.ws_raw.ctypes.data // 64) * 64)
        self.xs = [np.ascontiguousarray(x) for x in xs]
        to = info.outputs[0]
        self.outs = [np.zeros([to.shape[d] for d in range(to.rank)], dtype=np.float32)]
        self.inp = (ctypes.c_void_p * len(xs))(*[x.ctypes.data for x in self.xs])
        self.outp = (ctypes.c_void_p * 1)(self.outs[0].ctypes.data)


def interleave(engines, runs, warmup=3):
    names = list(engines)
    for k in names:
        for _ in range(warmup):
            engines[k].run()
    times = {k: [] for k in names}
    for r in range(runs):
        for i in range(len(names)):
            k = names[(r + i) % len(names)]
            times[k].append(engines[k].run())
    return {k: median(v) for k, v in times.items()}


def table(head, rows):
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


def build(src, exe, extra):
    if os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src):
        return exe
    r = subprocess.run(["cc", "-O2", src, "-o", exe] + extra, capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError("cannot build " + os.path.basename(src) + ": " +
                         (r.stderr.strip().splitlines() or ["?"])[-1])
    return exe


# ---------------------------------------------------------------- matmul

def bench_matmul(args, tools, work):
    rng = np.random.default_rng(0)
    try:
        blas = build(os.path.join(HERE, "blas_runner.c"), os.path.join(work, "blas_runner"),
                     ["-lopenblas"])
    except BenchError as e:
        blas, blas_err = None, str(e)
    rows, worst = [], None
    for n in args.sizes:
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        ref = a.astype(np.float64) @ b.astype(np.float64)
        tol = 1e-5 * n
        engines, errs = {}, {}
        for case in ("const", "fed"):
            d = os.path.join(work, f"mm{n}_{case}")
            os.makedirs(d, exist_ok=True)
            pb = os.path.join(d, "mm.pb")
            nodes = [placeholder("a", [n, n])]
            nodes.append(const("b", b) if case == "const" else placeholder("b", [n, n]))
            nodes.append(node("y", "MatMul", ["a", "b"], [("T", a_type(DT_FLOAT)),
                                                        ("transpose_a", a_bool(False)),
                                                        ("transpose_b", a_bool(False))]))
            with open(pb, "wb") as f:
                f.write(graphdef(nodes))
            try:
                feeds = [("a", [n, n])] + ([("b", [n, n])] if case == "fed" else [])
                so = compile_graph(pb, feeds, "y", tools, os.path.join(d, "mm"))
                e = GraphcMulti(so, [a] if case == "const" else [a, b])
                e.run()
                err = float(np.max(np.abs(e.output() - ref)))
                if err > tol:
                    raise BenchError(f"wrong: max_abs_err={err:.3g}")
                engines[case] = e
            except BenchError as ex:
                errs[case] = str(ex)
        if blas:
            a.tofile(os.path.join(work, "a.raw"))
            b.tofile(os.path.join(work, "b.raw"))
            try:
                engines["openblas"] = PipeRunner([blas, str(n), str(n), str(n),
                                              os.path.join(work, "a.raw"), os.path.join(work, "b.raw")])
            except BenchError as ex:
                errs["openblas"] = str(ex)
        else:
            errs["openblas"] = blas_err
        ms = interleave(engines, args.runs)
        if "openblas" in engines:
            engines["openblas"].close()
        gflop = 2.0 * n ** 3 / 1e9
        ob = ms.get("openblas")
        for case in ("const", "fed"):
            label = f"{n}x{n}x{n} {'constant B' if case == 'const' else 'fed A and B'}"
            if case not in ms:
                rows.append([label, errs.get(case, "-"), "-", "-", fmt(ob), gf(gflop, ob), "-"])
                worst = 0.0
                continue
            pct = 100.0 * ob / ms[case] if ob else None
            if pct is not None:
                worst = pct if worst is None else min(worst, pct)
            rows.append([label, fmt(ms[case]), gf(gflop, ms[case]),
                         f"{100 * gflop / (ms[case] / 1e3) / args.peak:.0f}%",
                         fmt(ob) if ob else errs.get("openblas", "-"), gf(gflop, ob),
                         f"{pct:.0f}%" if pct is not None else "-"])
    table(["matmul (fp32)", "graphc ms", "graphc GFLOP/s", "graphc % peak", "OpenBLAS ms",
           "OpenBLAS GFLOP/s", "% of OpenBLAS"], rows)
    print(f"peak {args.peak:g} GFLOP/s ({args.peak_how})")
    print(f"single-threaded; medians of {args.runs} interleaved rounds; OpenBLAS cblas_sgemm, "
          "OPENBLAS_NUM_THREADS=1")
    print(f"matmul vs OpenBLAS: {worst:.0f}%" if worst is not None else "matmul vs OpenBLAS: -")


def fmt(v):
    from compare import fmt_ms
    return fmt_ms(v)


def gf(gflop, ms):
    return "-" if not ms else f"{gflop / (ms / 1e3):.1f}"


# ---------------------------------------------------------------- conv

def bench_conv(args, tools, work):
    rng = np.random.default_rng(0)
    runner, runner_err = build_opencv_runner(work)
    cases = [("conv 3x3", [1, 56, 56, 64], 64, False), ("depthwise 3x3", [1, 112, 112, 32], 1, True)]
    if args.small:
        cases = [("conv 3x3", [1, 14, 14, 16], 16, False), ("depthwise 3x3", [1, 28, 28, 8], 1, True)]
    rows = []
    for label, shape, cout, dw in cases:
        n, h, w, c = shape
        x = rng.uniform(-1, 1, shape).astype(np.float32)
        wt = rng.uniform(-1, 1, (3, 3, c, cout)).astype(np.float32)
        ref = conv_ref(x, wt, dw)
        gflop = 2.0 * ref.size * 9 * (1 if dw else c) / 1e9
        d = os.path.join(work, label.replace(" ", "_"))
        os.makedirs(d, exist_ok=True)
        pb = os.path.join(d, "conv.pb")
        op = "DepthwiseConv2dNative" if dw else "Conv2D"
        with open(pb, "wb") as f:
            f.write(graphdef([placeholder("x", shape), const("w", wt),
                              node("y", op, ["x", "w"], [
                                  ("T", a_type(DT_FLOAT)), ("strides", a_ints([1, 1, 1, 1])),
                                  ("padding", a_str("SAME")), ("data_format", a_str("NHWC")),
                                  ("dilations", a_ints([1, 1, 1, 1]))])]))
        engines, errs = {}, {}
        try:
            so = compile_graph(pb, [("x", shape)], "y", tools, os.path.join(d, "conv"))
            e = Graphc(so, "graphc_model", x)
            e.run()
            err = float(np.max(np.abs(e.output() - ref)))
            if err > 1e-3:
                raise BenchError(f"wrong: max_abs_err={err:.3g}")
            engines["graphc"] = e
        except BenchError as ex:
            errs["graphc"] = str(ex)
        if runner:
            class M:
                pass
            m = M()
            m.x, m.shape, m.fetches = x, shape, ["y"]
            try:
                cv = OpenCV(m, pb, d, runner, layer="y")
                cv.run()
                out = cv.output().transpose(0, 2, 3, 1)
                err = float(np.max(np.abs(out - ref)))
                if err > 1e-3:
                    raise BenchError(f"wrong: max_abs_err={err:.3g}")
                engines["opencv"] = cv
            except BenchError as ex:
                errs["opencv"] = str(ex)
        else:
            errs["opencv"] = runner_err
        ms = interleave(engines, args.runs)
        if "opencv" in engines:
            engines["opencv"].close()
        g, cvms = ms.get("graphc"), ms.get("opencv")
        gfs = gflop / (g / 1e3) if g else None
        rows.append([f"{label} {'x'.join(map(str, shape))}" + ("" if dw else f" -> {cout}"),
                     f"{gflop:.4f}", fmt(g) if g else errs.get("graphc", "-"),
                     f"{gfs:.1f}" if gfs else "-", f"{100 * gfs / args.peak:.1f}%" if gfs else "-",
                     fmt(cvms) if cvms else errs.get("opencv", "-"), gf(gflop, cvms),
                     f"{100 * gflop / (cvms / 1e3) / args.peak:.1f}%" if cvms else "-",
                     f"{cvms / g:.2f}" if g and cvms else "-"])
    table(["conv (fp32, SAME)", "GFLOP", "graphc ms", "graphc GFLOP/s", "graphc % peak",
           "OpenCV ms", "OpenCV GFLOP/s", "OpenCV % peak", "speedup vs OpenCV"], rows)
    print(f"single-threaded; medians of {args.runs} interleaved rounds; peak {args.peak:g} GFLOP/s "
          f"({args.peak_how})")


def conv_ref(x, w, depthwise):
    n, h, wd, c = x.shape
    xp = np.pad(x.astype(np.float64), ((0, 0), (1, 1), (1, 1), (0, 0)))
    w = w.astype(np.float64)
    if depthwise:
        out = np.zeros((n, h, wd, c))
        for i in range(3):
            for j in range(3):
                out += xp[:, i:i + h, j:j + wd, :] * w[i, j, :, 0]
    else:
        out = np.zeros((n, h, wd, w.shape[3]))
        for i in range(3):
            for j in range(3):
                out += xp[:, i:i + h, j:j + wd, :] @ w[i, j]
    return out


def main(argv):
    kind = argv[0]
    ap = argparse.ArgumentParser(prog=f"bench/{kind}")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--peak", default="auto",
                    help="FMA peak GFLOP/s of one core (default auto: measured by bench/fma_peak.c)")
    ap.add_argument("--work", help="keep the graphs and libraries here")
    if kind == "matmul":
        ap.add_argument("--sizes", default="512,1024", help="square sizes (default 512,1024)")
    else:
        ap.add_argument("--small", action="store_true", help="small shapes (smoke test)")
    args = ap.parse_args(argv[1:])
    tools = os.path.join(args.build_dir, "bin")
    if not os.path.exists(os.path.join(tools, "graph-compile")):
        print(f"error: {tools}/graph-compile not found", file=sys.stderr)
        return 2
    work = args.work or tempfile.mkdtemp(prefix=f"bench-{kind}-")
    os.makedirs(work, exist_ok=True)
    resolve_peak(args, work)
    try:
        if kind == "matmul":
            args.sizes = [int(s) for s in args.sizes.split(",")]
            bench_matmul(args, tools, work)
        else:
            bench_conv(args, tools, work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

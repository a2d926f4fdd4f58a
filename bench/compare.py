#!/usr/bin/env python3
"""bench/compare: graphc against every CPU runtime that loads the same frozen
TensorFlow graph, single-threaded, in one interleaved run.

    bench/compare DIR [--runs N] [--models RE] [--peers LIST] [--build-dir B]
                      [--peak GFLOPS] [--warmup N] [--work DIR] [--graphc-graph fused|unfused]

DIR holds a realistic-style manifest.tsv (columns name, graph, unfused_graph,
feed, feed_shape, feed_dtype, input, fetches, expected, max_abs). Per model:
graphc compiles it (timed), every engine is loaded in this one process (the
OpenCV DNN runner is a child process served over a pipe, one timed inference
per request), each engine's first fetch is checked against the reference,
and then, after a warm-up, the engines take turns: round after round, each
runs one inference, the starting engine rotating, so that all of them see
the same machine. The medians of --runs rounds are reported. Peak RSS is
measured apart, one child process per engine running that engine alone.

See docs/Performance.md for the columns.
"""

import argparse
import ctypes
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# Single-threaded everywhere, before any runtime is imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
            "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
    os.environ[var] = "1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("GRPC_VERBOSITY", "ERROR")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ALL_PEERS = ["opencv", "tf", "tflite", "ort", "openvino"]
PEER_TITLE = {"graphc": "graphc", "opencv": "OpenCV", "tf": "TF", "tflite": "TFLite",
              "ort": "ORT", "openvino": "OpenVINO"}
DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 4: np.uint8, 5: np.int16,
          6: np.int8, 9: np.int64, 10: np.uint8, 17: np.uint16, 19: np.float16,
          22: np.uint32, 23: np.uint64}


class BenchError(Exception):
    """An engine that cannot load or run a model; the message is its cell."""


def short(msg, n=60):
    msg = " ".join(str(msg).split())
    return msg if len(msg) <= n else msg[:n - 3] + "..."


def quiet_stderr():
    """Context: silences C-level stderr (TF/ORT/OV chatter) while active."""
    class Quiet:
        def __enter__(self):
            sys.stderr.flush()
            self.saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)

        def __exit__(self, *exc):
            sys.stderr.flush()
            os.dup2(self.saved, 2)
            os.close(self.saved)
    return Quiet()


# --------------------------------------------------------------------------
# Manifest

def read_manifest(directory):
    path = os.path.join(directory, "manifest.tsv")
    cols, rows = None, []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                body = line[1:].strip()
                if cols is None and body.startswith("name\t"):
                    cols = body.split("\t")
                continue
            if cols is None:
                sys.exit(f"error: {path}:{lineno}: no '# name<TAB>...' header line before the rows")
            cells = line.split("\t")
            row = dict(zip(cols, cells))
            for need in ("name", "graph", "feed", "feed_shape", "input", "fetches", "expected"):
                if not row.get(need):
                    sys.exit(f"error: {path}:{lineno}: column '{need}' is empty or missing")
            rows.append(row)
    return rows


class Model:
    def __init__(self, row, directory):
        self.name = row["name"]
        self.fused = os.path.join(directory, row["graph"])
        unf = row.get("unfused_graph", "")
        self.unfused = os.path.join(directory, unf) if unf and unf != "-" else None
        if self.unfused and not os.path.exists(self.unfused):
            self.unfused = None
        self.feed = row["feed"].split(":")[0]
        self.shape = [int(d) for d in row["feed_shape"].split("x")] if row["feed_shape"] not in ("", "-", "[]") else []
        self.dtype = np.dtype(row.get("feed_dtype") or "float32")
        self.fetches = [f for f in row["fetches"].split(",") if f]
        self.input_path = os.path.join(directory, row["input"])
        self.x = np.ascontiguousarray(np.load(self.input_path).astype(self.dtype).reshape(self.shape))
        self.ref = np.load(os.path.join(directory, row["expected"]))
        self.max_abs = float(row.get("max_abs") or 1e-3)

    def graphs(self, prefer):
        """The (label, path) variants to try, in the order given."""
        out = []
        for kind in prefer:
            path = self.fused if kind == "fused" else self.unfused
            if path and os.path.exists(path):
                out.append((kind, path))
        return out


RTOL = 1e-5  # set from --rtol


def check_output(out, model, layout_nchw=False):
    """None if `out` matches the reference, else why not: every element
    within max_abs + RTOL * |ref| (graph-run --expect's criterion; RTOL is
    float32's rounding at the size of the value: posenet's outputs reach 317,
    where max_abs = 1e-3 alone is tighter than any float32 summation order)."""
    out = np.asarray(out)
    ref = model.ref
    if layout_nchw and out.ndim == 4:
        out = out.transpose(0, 2, 3, 1)
    if out.size != ref.size:
        return f"wrong: output shape {list(out.shape)}, reference {list(ref.shape)}"
    out = out.reshape(ref.shape).astype(np.float64)
    ref = ref.astype(np.float64)
    if not ref.size:
        return None
    diff = np.abs(out - ref)
    bad = ~(diff <= model.max_abs + RTOL * np.abs(ref))
    if bad.any():
        return (f"wrong: max_abs_err={float(np.max(diff)):.3g} (tolerance {model.max_abs:g} + "
                f"{RTOL:g}*|ref|; {int(bad.sum())}/{ref.size} outside)")
    return None


def cell_reason(msg):
    """The gist of a failure, for a table cell (the whole text goes in a note)."""
    msg = " ".join(str(msg).split())
    m = re.search(r'Can\'t create layer "[^"]*" of type "([^"]+)"', msg)
    if m:
        return f"unsupported op {m.group(1)}"
    m = re.match(r"wrong: max_abs_err=(\S+)", msg)
    if m:
        return f"wrong (err {m.group(1)})"
    m = re.search(r"AttrValue missing value .* for attr '(\w+)'.*?Op<name=(\w+)", msg)
    if m:
        return f"{m.group(2)} without attr {m.group(1)}"
    m = re.search(r"NodeDef missing attr '(\w+)' from Op<name=(\w+)", msg)
    if m:
        return f"{m.group(2)} without attr {m.group(1)}"
    msg = re.sub(r"^(\w+(Error|Exception)|RuntimeError|Exception): ", "", msg)
    m = re.search(r"(.*?) for '\{\{node [^}]*\}\} = (\w+)", msg)
    if m:
        msg = f"{m.group(2)}: {m.group(1)}"
    msg = re.sub(r"^OpenCV\([\d.]+\) \S+ ", "", msg)
    return short(msg, 32)


def tensor_name(name):
    return name if ":" in name else name + ":0"


# --------------------------------------------------------------------------
# Engines. Each has .run() (one inference; returns its time in ms) and
# .output() (the first fetch of the last run, as numpy).

class Graphc:
    name = "graphc"

    class TensorInfo(ctypes.Structure):
        _fields_ = [("name", ctypes.c_char_p), ("dtype", ctypes.c_int32),
                    ("rank", ctypes.c_int32), ("shape", ctypes.POINTER(ctypes.c_int64)),
                    ("num_elements", ctypes.c_int64), ("num_bytes", ctypes.c_int64)]

    class ModelInfo(ctypes.Structure):
        pass

    ModelInfo._fields_ = [("abi_version", ctypes.c_uint32), ("name", ctypes.c_char_p),
                          ("num_inputs", ctypes.c_int32), ("num_outputs", ctypes.c_int32),
                          ("inputs", ctypes.POINTER(TensorInfo)),
                          ("outputs", ctypes.POINTER(TensorInfo)),
                          ("workspace_bytes", ctypes.c_int64),
                          ("num_variables", ctypes.c_int32),
                          ("variable_values", ctypes.POINTER(ctypes.c_void_p))]

    def __init__(self, so, symbol, x):
        self.lib = ctypes.CDLL(so, mode=os.RTLD_NOW | os.RTLD_LOCAL)
        # NAME_with_workspace on a workspace allocated once, as a server
        # calling the model repeatedly would (the peers allocate at load
        # time too); NAME would malloc it per call.
        self.fn = getattr(self.lib, symbol + "_with_workspace")
        self.fn.restype = ctypes.c_int
        self.fn.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        info_fn = getattr(self.lib, symbol + "_info")
        info_fn.restype = ctypes.POINTER(Graphc.ModelInfo)
        info = info_fn().contents
        if info.abi_version != 3:
            raise BenchError(f"library ABI version {info.abi_version}, bench/compare reads 3")
        self.ws_raw = np.zeros(int(info.workspace_bytes) + 64, dtype=np.uint8)
        self.ws = ctypes.c_void_p(-(-self.ws_raw.ctypes.data // 64) * 64)
        if info.num_inputs != 1:
            raise BenchError(f"{info.num_inputs} inputs; bench/compare feeds one")
        ti = info.inputs[0]
        want = DTYPES[ti.dtype]
        if x.dtype != want or x.size != ti.num_elements:
            raise BenchError(f"input {x.dtype}{list(x.shape)} does not fit the library's")
        self.x = np.ascontiguousarray(x)
        self.outs = []
        for j in range(info.num_outputs):
            to = info.outputs[j]
            shape = [to.shape[d] for d in range(to.rank)]
            self.outs.append(np.zeros(shape, dtype=DTYPES[to.dtype]))
        self.inp = (ctypes.c_void_p * 1)(self.x.ctypes.data)
        self.outp = (ctypes.c_void_p * len(self.outs))(*[o.ctypes.data for o in self.outs])

    def run(self):
        t0 = time.perf_counter()
        rc = self.fn(self.inp, self.outp, self.ws)
        t1 = time.perf_counter()
        if rc != 0:
            raise BenchError(f"returned {rc}")
        return (t1 - t0) * 1e3

    def output(self):
        return self.outs[0]


def load_graphdef(path):
    import tensorflow as tf
    gd = tf.compat.v1.GraphDef()
    with open(path, "rb") as f:
        gd.ParseFromString(f.read())
    return gd


class TF:
    name = "tf"

    def __init__(self, model, pb, work):
        import tensorflow as tf
        gd = load_graphdef(pb)
        g = tf.Graph()
        with g.as_default():
            tf.import_graph_def(gd, name="")
        cfg = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=1,
                                       inter_op_parallelism_threads=1)
        self.sess = tf.compat.v1.Session(graph=g, config=cfg)
        self.fetches = [g.get_tensor_by_name(tensor_name(f)) for f in model.fetches]
        self.feed = {g.get_tensor_by_name(tensor_name(model.feed)): model.x}
        self.outs = None

    def run(self):
        t0 = time.perf_counter()
        self.outs = self.sess.run(self.fetches, self.feed)
        return (time.perf_counter() - t0) * 1e3

    def output(self):
        return self.outs[0]


class TFLite:
    name = "tflite"

    @staticmethod
    def convert(model, pb, work):
        import tensorflow as tf
        conv = tf.compat.v1.lite.TFLiteConverter.from_frozen_graph(
            pb, [model.feed], [f.split(":")[0] for f in model.fetches], {model.feed: model.shape})
        path = os.path.join(work, "model.tflite")
        with open(path, "wb") as f:
            f.write(conv.convert())
        return path

    def __init__(self, model, path, work=None, standalone=False):
        Interpreter = None
        if standalone:  # LiteRT, TFLite without TensorFlow: for the RSS child
            try:
                from ai_edge_litert.interpreter import Interpreter
            except ImportError:
                pass
        if Interpreter is None:
            from tensorflow.lite.python.interpreter import Interpreter
        self.it = Interpreter(model_path=path, num_threads=1)
        self.it.allocate_tensors()
        self.inp = self.it.get_input_details()[0]["index"]
        outs = self.it.get_output_details()
        first = model.fetches[0].split(":")[0]
        self.out = next((o["index"] for o in outs if o["name"].split(":")[0] == first), outs[0]["index"])
        self.x = model.x

    def run(self):
        t0 = time.perf_counter()
        self.it.set_tensor(self.inp, self.x)
        self.it.invoke()
        return (time.perf_counter() - t0) * 1e3

    def output(self):
        return self.it.get_tensor(self.out)


class ORT:
    name = "ort"

    @staticmethod
    def convert(model, pb, work):
        import tf2onnx
        gd = load_graphdef(pb)
        proto, _ = tf2onnx.convert.from_graph_def(
            gd, input_names=[tensor_name(model.feed)],
            output_names=[tensor_name(f) for f in model.fetches], opset=17)
        path = os.path.join(work, "model.onnx")
        with open(path, "wb") as f:
            f.write(proto.SerializeToString())
        return path

    def __init__(self, model, path, work=None):
        import onnxruntime as ort
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        self.feed = {self.sess.get_inputs()[0].name: model.x}
        self.outs = None

    def run(self):
        t0 = time.perf_counter()
        self.outs = self.sess.run(None, self.feed)
        return (time.perf_counter() - t0) * 1e3

    def output(self):
        return self.outs[0]


class OpenVINO:
    name = "openvino"

    def __init__(self, model, pb, work=None):
        import openvino as ov
        core = ov.Core()
        try:
            m = ov.convert_model(pb, input=[(model.feed, model.shape)],
                                 output=[f.split(":")[0] for f in model.fetches])
        except Exception:
            m = core.read_model(pb)
            m.reshape({m.inputs[0]: model.shape})
        self.compiled = core.compile_model(m, "CPU", {
            "INFERENCE_NUM_THREADS": 1, "NUM_STREAMS": 1, "PERFORMANCE_HINT": "LATENCY",
            "INFERENCE_PRECISION_HINT": "f32"})
        self.req = self.compiled.create_infer_request()
        first = tensor_name(model.fetches[0])
        self.out = 0
        for j, o in enumerate(self.compiled.outputs):
            names = set(o.get_names())
            if first in names or first.split(":")[0] in names:
                self.out = j
                break
        self.x = model.x

    def run(self):
        t0 = time.perf_counter()
        self.req.infer({0: self.x})
        return (time.perf_counter() - t0) * 1e3

    def output(self):
        return self.req.get_output_tensor(self.out).data


class PipeRunner:
    """A C runner served over a pipe, one request per line: it answers "ok"
    once loaded, then "run" with the milliseconds of one inference. The
    OpenCV runner here and bench/kernels.py's OpenBLAS runner speak it."""

    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1)
        line = self.proc.stdout.readline().strip()
        if line != "ok":
            self.proc.wait()
            raise BenchError(line.replace("error: ", "") or "runner died")

    def request(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().strip()
        if not reply or reply.startswith("error"):
            raise BenchError(reply or "runner died")
        return reply

    def run(self):
        return float(self.request("run"))

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait()


class OpenCV(PipeRunner):
    name = "opencv"
    nchw = True

    def __init__(self, model, pb, work, runner, layer=None):
        self.work = work
        raw = os.path.join(work, "input.raw")
        model.x.tofile(raw)
        layer = layer or producer_layer(pb, model.fetches[0])
        self.cmd = [runner, pb, raw, str(model.x.dtype), "x".join(map(str, model.shape))]
        if layer:
            self.cmd.append(layer)
        super().__init__(self.cmd)

    def output(self):
        path = os.path.join(self.work, "opencv_out.bin")
        self.request("dump " + path)
        with open(path, "rb") as f:
            shape = [int(d) for d in f.readline().split()]
            return np.frombuffer(f.read(), dtype=np.float32).reshape(shape)


def producer_layer(pb, fetch):
    """OpenCV drops Identity nodes: follow them back to the layer that
    computes the fetch. Without TensorFlow, the fetch itself."""
    node = fetch.split(":")[0]
    try:
        gd = load_graphdef(pb)
    except Exception:
        return node
    by_name = {n.name: n for n in gd.node}
    seen = set()
    while node in by_name and by_name[node].op in ("Identity", "IdentityN", "StopGradient") \
            and node not in seen:
        seen.add(node)
        node = by_name[node].input[0].split(":")[0].lstrip("^")
    return node


# --------------------------------------------------------------------------
# The FLOP count: conv/matmul multiply-adds from graphc's shaped graph.

FLOP_OPS = ("Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
            "MatMul", "_FusedMatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3",
            "Conv2DBackpropInput", "Conv3D")


def op_flops(op, operands, result, attrs):
    """2 x multiply-adds of one conv/matmul-like op from its static shapes."""
    nout = math.prod(result)
    if op in ("Conv2D", "_FusedConv2D", "Conv3D"):
        return 2 * nout * math.prod(operands[1][:-1])
    if op in ("DepthwiseConv2dNative", "FusedDepthwiseConv2dNative"):
        return 2 * nout * operands[1][0] * operands[1][1]
    if op == "Conv2DBackpropInput":
        f = operands[1]
        return 2 * math.prod(operands[2]) * f[0] * f[1] * f[2]
    if op in ("MatMul", "_FusedMatMul"):
        a = operands[0]
        return 2 * nout * (a[0] if attrs.get("transpose_a") else a[1])
    a = operands[0]
    return 2 * nout * (a[-2] if attrs.get("adj_x") else a[-1])


def count_gflop_graphc(model, pb, tools, work):
    """The FLOP count from graphc's shaped graph (`--emit graph`)."""
    prefix = os.path.join(work, "shaped")
    cmd = [os.path.join(tools, "graph-compile"), pb, "-o", prefix, "--emit", "graph",
           "--feed", f"{model.feed}:{'x'.join(map(str, model.shape)) or '[]'}"]
    for f in model.fetches:
        cmd += ["--fetch", f]
    if subprocess.run(cmd, capture_output=True).returncode != 0:
        return None
    total = 0
    op_re = re.compile(r"= graph\.(\w+) .* : \((.*)\) -> (.*)$")
    dims = lambda t: [int(d) for d in re.match(r"tensor<((?:\d+x)*)\w+>", t.strip()).group(1).split("x") if d]  # noqa: E731
    with open(prefix + ".graph.mlir") as f:
        for line in f:
            m = op_re.search(line)
            if not m or m.group(1) not in FLOP_OPS:
                continue
            try:
                operands = [dims(t) for t in re.findall(r"tensor<[^>]*>", m.group(2))]
                result = dims(re.findall(r"tensor<[^>]*>", m.group(3))[0])
                attrs = {"transpose_a": "transpose_a = true" in line, "adj_x": "adj_x = true" in line}
                total += op_flops(m.group(1), operands, result, attrs)
            except (AttributeError, IndexError, ValueError):
                continue
    return total / 1e9


# --------------------------------------------------------------------------
# Peak RSS: one child process per engine, running that engine alone.

def vmhwm_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def rss_child(spec):
    """Entry point of `compare.py --rss-child SPEC.json`: loads one Python
    engine alone, runs it, prints "VmHWM_kB N" (its peak resident set; the
    interpreter and the engine's modules included)."""
    with open(spec) as f:
        s = json.load(f)

    class M:
        pass
    m = M()
    m.feed, m.shape, m.fetches = s["feed"], s["shape"], s["fetches"]
    m.x = np.ascontiguousarray(np.load(s["input"]))
    kind, path = s["engine"], s["path"]
    with quiet_stderr():
        if kind == "tf":
            e = TF(m, path, None)
        elif kind == "tflite":
            e = TFLite(m, path, standalone=True)
        elif kind == "ort":
            e = ORT(m, path)
        elif kind == "openvino":
            e = OpenVINO(m, path)
        for _ in range(s["runs"]):
            e.run()
    print(f"VmHWM_kB {vmhwm_kb()}")
    return 0


def peak_rss_mb(kind, engine_spec, work, runs=5):
    """Peak RSS (MiB) of a child process that runs engine `kind` alone: the
    C runners for graphc and OpenCV, a Python child for the others. (VmHWM,
    not the rusage of the child: that counts the pages of this big process
    that the child had between fork and exec.)"""
    if kind == "opencv":
        r = subprocess.run(engine_spec["cmd"], input="run\n" * runs + "rss\nquit\n",
                           capture_output=True, text=True)
    elif kind == "graphc":
        raw = os.path.join(work, "input.raw")
        np.load(engine_spec["input"]).tofile(raw)
        r = subprocess.run([engine_spec["runner"], engine_spec["path"], engine_spec["symbol"],
                            raw, str(runs)], capture_output=True, text=True)
    else:
        spec = os.path.join(work, f"rss_{kind}.json")
        with open(spec, "w") as f:
            json.dump(dict(engine_spec, engine=kind, runs=runs), f)
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "--rss-child", spec],
                           capture_output=True, text=True)
    m = re.search(r"VmHWM_kB (\d+)", r.stdout)
    return int(m.group(1)) / 1024.0 if m and r.returncode == 0 else None


def measure_peak(work):
    """One core's fp32 FMA peak in GFLOP/s (bench/fma_peak.c, the widest
    vector ISA the CPU has) and a label; (None, why) if it cannot run."""
    src = os.path.join(HERE, "fma_peak.c")
    exe = os.path.join(work, "fma_peak")
    cc = shutil.which("cc") or shutil.which("gcc") or "cc"
    r = subprocess.run([cc, "-O3", src, "-o", exe], capture_output=True, text=True)
    if r.returncode != 0:
        return None, "fma_peak does not build"
    out = subprocess.run([exe], capture_output=True, text=True).stdout
    vals = dict((k, float(v)) for k, v in re.findall(r"(\w+)_fma_gflops (\S+)", out))
    for isa in ("avx512", "avx2"):
        if isa in vals:
            others = ", ".join(f"{k.upper()} {v:g}" for k, v in vals.items())
            return vals[isa], f"measured by bench/fma_peak.c: {others}"
    return None, "no FMA on this CPU"


def resolve_peak(args, work):
    """--peak auto -> the measured peak; a number stays."""
    if args.peak == "auto":
        peak, how = measure_peak(work)
        args.peak, args.peak_how = (peak or 99.0), (how if peak else how + "; assumed 99")
    else:
        args.peak, args.peak_how = float(args.peak), "given with --peak"


def build_graphc_runner(work):
    src = os.path.join(HERE, "graphc_runner.c")
    exe = os.path.join(work, "graphc_runner")
    if os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src):
        return exe
    cc = shutil.which("cc") or shutil.which("gcc") or "cc"
    r = subprocess.run([cc, "-O2", "-I", os.path.join(ROOT, "include"), src, "-o", exe, "-ldl"],
                       capture_output=True, text=True)
    return exe if r.returncode == 0 else None


# --------------------------------------------------------------------------

def build_opencv_runner(work):
    src = os.path.join(HERE, "opencv_runner.cpp")
    exe = os.path.join(work, "opencv_runner")
    if os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src):
        return exe, None
    if not shutil.which("pkg-config") or subprocess.call(
            ["pkg-config", "--exists", "opencv4"]) != 0:
        return None, "no opencv4 (libopencv-dev)"
    flags = subprocess.check_output(["pkg-config", "--cflags", "--libs", "opencv4"], text=True).split()
    r = subprocess.run(["g++", "-std=c++17", "-O2", src, "-o", exe] + flags,
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, "runner build failed: " + short(r.stderr, 40)
    return exe, None


def compile_graphc(model, pb, tools, work):
    prefix = os.path.join(work, "graphc_model")
    cmd = [os.path.join(tools, "graph-compile"), pb, "-o", prefix, "--name", "graphc_model",
           "--emit", "so", "--feed", f"{model.feed}:{'x'.join(map(str, model.shape)) or '[]'}"]
    for f in model.fetches:
        cmd += ["--fetch", f]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if r.returncode != 0:
        err = next((l for l in r.stderr.splitlines() if "error:" in l), None)
        if err:
            raise BenchError("compile: " + err.split("error:", 1)[-1].strip())
        if r.returncode < 0 or r.returncode > 128:
            sig = -r.returncode if r.returncode < 0 else r.returncode - 128
            raise BenchError(f"graph-compile crashed (signal {sig})")
        raise BenchError(f"graph-compile exit {r.returncode}")
    so = prefix + ".so"
    return so, secs, os.path.getsize(so)


def median(xs):
    return statistics.median(xs) if xs else None


def bench_model(model, args, tools, runner, runner_err, work, log):
    """Loads every engine for one model, checks, times them interleaved.
    Returns a result dict."""
    res = {"name": model.name, "ms": {}, "err": {}, "graph": {}, "gflop": None,
           "compile_s": None, "so_bytes": None, "rss": {}}
    engines = {}
    specs = {}
    common = {"feed": model.feed, "shape": model.shape, "fetches": model.fetches,
              "input": os.path.join(work, "input.npy")}
    np.save(common["input"], model.x)

    # graphc
    order = ["fused", "unfused"] if args.graphc_graph == "fused" else ["unfused", "fused"]
    for kind, pb in model.graphs(order[:1]):
        try:
            so, secs, size = compile_graphc(model, pb, tools, work)
            res["compile_s"], res["so_bytes"] = secs, size
            e = Graphc(so, "graphc_model", model.x)
            e.run()
            bad = check_output(e.output(), model)
            if bad:
                raise BenchError(bad)
            engines["graphc"] = e
            res["graph"]["graphc"] = kind
            if args.graphc_runner:
                specs["graphc"] = dict(common, path=so, symbol="graphc_model",
                                       runner=args.graphc_runner)
        except BenchError as ex:
            res["err"]["graphc"] = str(ex)
        except Exception as ex:  # noqa: BLE001
            res["err"]["graphc"] = f"{type(ex).__name__}: {ex}"
    if not model.graphs(order[:1]):
        res["err"]["graphc"] = "no graph file"

    for peer in args.peers:
        if peer == "opencv" and runner is None:
            res["err"][peer] = runner_err
            continue
        prefer = ["unfused", "fused"]
        reasons = []
        for kind, pb in model.graphs(prefer):
            pwork = os.path.join(work, f"{peer}_{kind}")
            os.makedirs(pwork, exist_ok=True)
            e = None
            try:
                with quiet_stderr():
                    if peer == "opencv":
                        e = OpenCV(model, pb, pwork, runner)
                        spec = {"cmd": e.cmd}
                    elif peer == "tf":
                        e = TF(model, pb, pwork)
                        spec = dict(common, path=pb)
                    elif peer == "tflite":
                        path = TFLite.convert(model, pb, pwork)
                        e = TFLite(model, path)
                        spec = dict(common, path=path)
                    elif peer == "ort":
                        path = ORT.convert(model, pb, pwork)
                        e = ORT(model, path)
                        spec = dict(common, path=path)
                    elif peer == "openvino":
                        e = OpenVINO(model, pb)
                        spec = dict(common, path=pb)
                    e.run()
                    bad = check_output(e.output(), model, getattr(e, "nchw", False))
                if bad:
                    raise BenchError(bad)
                engines[peer] = e
                res["graph"][peer] = kind
                specs[peer] = spec
                break
            except ImportError as ex:
                reasons.append(f"not installed ({ex.name})")
                break
            except BenchError as ex:
                reasons.append(str(ex))
            except Exception as ex:  # noqa: BLE001
                reasons.append(f"{type(ex).__name__}: {ex}")
            if e is not None and hasattr(e, "close"):
                e.close()
        if peer not in engines:
            res["err"][peer] = reasons[0] if reasons else "no graph file"

    log(f"{model.name}: timing {', '.join(engines)} ({args.warmup} warm-up + {args.runs} rounds)")
    times = {k: [] for k in engines}
    names = list(engines)
    try:
        with quiet_stderr():
            for k in names:
                for _ in range(args.warmup):
                    engines[k].run()
            for r in range(args.runs):
                for i in range(len(names)):
                    k = names[(r + i) % len(names)]
                    times[k].append(engines[k].run())
    except BenchError as ex:
        log(f"{model.name}: timing failed: {ex}")
    for k in names:
        res["ms"][k] = median(times[k])
        if hasattr(engines[k], "close"):
            engines[k].close()
    engines.clear()

    for kind, pb in model.graphs(["fused", "unfused"]):
        res["gflop"] = count_gflop_graphc(model, pb, tools, work)
        if res["gflop"] is not None:
            break

    peers_ok = {k: v for k, v in res["ms"].items() if k != "graphc" and v}
    res["best"] = min(peers_ok, key=peers_ok.get) if peers_ok else None
    if not args.no_rss:
        for k in ("graphc", res["best"], "opencv"):
            if k and k in specs and k not in res["rss"]:
                res["rss"][k] = peak_rss_mb(k, specs[k], work)
    return res


def fmt_ms(v):
    if v is None:
        return "-"
    return f"{v:.3f}" if v < 1 else f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 100 else f"{v:.0f}"


def print_table(results, args, out):
    peers = args.peers
    head = ["model", "GFLOP", "graphc ms"] + [f"{PEER_TITLE[p]} ms" for p in peers] + \
        ["vs OpenCV", "vs best", "best peer", "graphc GFLOP/s", "% peak",
         "compile s", ".so bytes", "RSS graphc MB", "RSS best MB", "RSS OpenCV MB"]
    rows = []
    sp_cv, sp_best = [], []
    notes = []
    for r in results:
        g = r["ms"].get("graphc")
        cells = [r["name"], f"{r['gflop']:.3f}" if r["gflop"] is not None else "-"]
        for p in ["graphc"] + peers:
            if r["ms"].get(p):
                cells.append(fmt_ms(r["ms"][p]))
            else:
                why = r["err"].get(p, "-")
                cells.append(cell_reason(why))
                if cell_reason(why) != " ".join(why.split()):
                    notes.append(f"{r['name']} {PEER_TITLE[p]}: {short(why, 300)}")
        cv = r["ms"].get("opencv")
        best = r["best"]
        bms = r["ms"].get(best) if best else None
        if g and cv:
            sp_cv.append(cv / g)
        if g and bms:
            sp_best.append(bms / g)
        cells.append(f"{cv / g:.2f}" if g and cv else "-")
        cells.append(f"{bms / g:.2f}" if g and bms else "-")
        cells.append(PEER_TITLE[best] if best else "-")
        if g and r["gflop"]:
            gfs = r["gflop"] / (g / 1e3)
            cells += [f"{gfs:.1f}", f"{100 * gfs / args.peak:.1f}%"]
        else:
            cells += ["-", "-"]
        cells.append(f"{r['compile_s']:.1f}" if r["compile_s"] is not None else "-")
        cells.append(str(r["so_bytes"]) if r["so_bytes"] is not None else "-")
        for k in ("graphc", best, "opencv"):
            v = r["rss"].get(k) if k else None
            cells.append(f"{v:.0f}" if v else "-")
        rows.append(cells)
    widths = [max(len(h), *(len(c[i]) for c in rows)) if rows else len(h) for i, h in enumerate(head)]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(head), file=out)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|", file=out)
    for c in rows:
        print(line(c), file=out)
    print(file=out)
    # Which graph file each engine read.
    for k in ["graphc"] + peers:
        used = {}
        for r in results:
            if k in r["graph"]:
                used.setdefault(r["graph"][k], []).append(r["name"])
        if used:
            parts = [("X.pb" if kind == "fused" else "X_unfused.pb") +
                     ("" if len(v) == sum(len(x) for x in used.values()) and len(used) == 1
                      else " (" + ", ".join(v) + ")")
                     for kind, v in used.items()]
            print(f"graph read by {PEER_TITLE[k]}: {'; '.join(parts)}", file=out)
    for n in notes:
        print(f"note: {n}", file=out)
    # How many models each engine computed correctly (timed engines are the
    # ones whose first fetch was within max_abs of the reference).
    ok = [f"{PEER_TITLE[k]} {sum(1 for r in results if r['ms'].get(k))}/{len(results)}"
          for k in ["graphc"] + peers]
    print(f"correct (first fetch within tolerance of the reference): {', '.join(ok)}", file=out)
    print(f"checked: |out - ref| <= max_abs + {args.rtol:g}*|ref| on the first fetch", file=out)
    print(f"single-threaded; medians of {args.runs} interleaved rounds after {args.warmup} warm-up runs; "
          f"% peak of {args.peak:g} GFLOP/s ({args.peak_how}); RSS: peak of a child process running that engine alone",
          file=out)

    def geo(xs):
        return f"{math.exp(sum(map(math.log, xs)) / len(xs)):.2f}" if xs else "-"
    print(f"geomean speedup vs OpenCV: {geo(sp_cv)}", file=out)
    print(f"geomean speedup vs best peer: {geo(sp_best)}", file=out)


def main(argv):
    if len(argv) >= 2 and argv[0] == "--rss-child":
        return rss_child(argv[1])
    ap = argparse.ArgumentParser(prog="bench/compare", description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=30, help="timed rounds per model (default 30)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed runs per engine first (default 3)")
    ap.add_argument("--models", default="", help="only models whose name matches this regex")
    ap.add_argument("--peers", default=",".join(ALL_PEERS),
                    help="comma list of " + ",".join(ALL_PEERS) + " (default all); 'none' for graphc only")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                    help="graphc build with bin/graph-compile (default: the checkout's build/)")
    ap.add_argument("--peak", default="auto",
                    help="FMA peak GFLOP/s of one core for the %% peak column (default auto: "
                         "measured by bench/fma_peak.c with the widest vector FMA the CPU has)")
    ap.add_argument("--graphc-graph", choices=["fused", "unfused"], default="fused",
                    help="graph graphc compiles: X.pb (fused, default) or X_unfused.pb")
    ap.add_argument("--rtol", type=float, default=1e-5,
                    help="relative tolerance added to the manifest's max_abs (default 1e-5; 0: max_abs alone)")
    ap.add_argument("--work", help="keep artifacts here (default: a temporary folder)")
    ap.add_argument("--no-rss", action="store_true", help="skip the peak-RSS children")
    ap.add_argument("--json", help="also write the raw results here")
    args = ap.parse_args(argv)
    global RTOL
    RTOL = args.rtol
    args.peers = [] if args.peers == "none" else [p for p in args.peers.split(",") if p]
    for p in args.peers:
        if p not in ALL_PEERS:
            ap.error(f"unknown peer '{p}' (known: {', '.join(ALL_PEERS)})")
    tools = os.path.join(args.build_dir, "bin")
    if not os.path.exists(os.path.join(tools, "graph-compile")):
        print(f"error: {tools}/graph-compile not found (build graphc or pass --build-dir)", file=sys.stderr)
        return 2
    rows = read_manifest(args.dir)
    pick = re.compile(args.models) if args.models else None
    rows = [r for r in rows if not pick or pick.search(r["name"])]
    if not rows:
        print("error: no model matches", file=sys.stderr)
        return 2
    work_root = args.work or tempfile.mkdtemp(prefix="bench-compare-")
    os.makedirs(work_root, exist_ok=True)

    def log(msg):
        print(f"[compare] {msg}", file=sys.stderr, flush=True)
    resolve_peak(args, work_root)
    args.graphc_runner = None if args.no_rss else build_graphc_runner(work_root)
    runner, runner_err = (None, None)
    if "opencv" in args.peers:
        runner, runner_err = build_opencv_runner(work_root)
    results = []
    for row in rows:
        model = Model(row, args.dir)
        work = os.path.join(work_root, model.name)
        os.makedirs(work, exist_ok=True)
        log(f"{model.name}: loading")
        results.append(bench_model(model, args, tools, runner, runner_err, work, log))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    print_table(results, args, sys.stdout)
    if not args.work:
        shutil.rmtree(work_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

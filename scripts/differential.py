#!/usr/bin/env python3
"""Differential test of graphc's two code generators.

  differential.py DIR... [--build-dir B] [--filter RE] [--jobs N] [--timeout S]
                         [--rtol R] [--atol A] [--tolerances FILE] [--seed S]
                         [--keep DIR] [-v]

Compiles every model of each DIR/manifest.tsv (the realistic or opencv_tf
format that scripts/conformance reads: `match` rows only, and for realistic
rows both X.pb and X_unfused.pb) twice: with `graph-compile -O0`, the naive
scalar-loops pipeline kept as an independent reference implementation, and
with the default pipeline (tiled, fused, vectorized kernels). Runs both
libraries on the same seeded random inputs and compares every fetch of the
fast library with the -O0 one:

    |fast - O0| <= rtol * max|O0| + atol     (per output; defaults 1e-4, 1e-5)

NaN matches NaN and an infinity the same infinity. --tolerances FILE gives
outputs their own rtol, one `MODEL[:OUTPUT] RTOL  # reason` per line (for
outputs that random inputs make ill-conditioned, with the measurement that
shows it in the reason). Inputs: for each feed,
random values in the range of the row's stored input (realistic photos:
uniform [0, 1) float32, or integers 0..255 for int32 feeds; opencv_tf:
uniform between the stored input's min and max), from a generator seeded
with --seed and the model's name, so every model sees the same data on every
run whatever the filter. Boolean feeds (`isTraining`) keep their stored
value. Prints one line per model (PASS/FAIL/ERROR, the worst absolute error,
the worst error relative to its output's max magnitude, and seconds) and
then `N passed, M failed`; exits 0 only if nothing failed.

Needs numpy (run it with /usr/bin/python3).
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import sys
import tempfile
import time
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conformance  # noqa: E402  (manifest reader, input loader, run_command)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Result:
    def __init__(self, name, status, detail="", max_abs=None, max_rel=None):
        self.name, self.status, self.detail = name, status, detail
        self.max_abs, self.max_rel = max_abs, max_rel
        self.seconds = 0.0

    def line(self):
        return "%s %s%s (%.0f s)" % (self.status, self.name, self.detail, self.seconds)


def random_input(row, spec, rng):
    """Seeded random data shaped and typed like the row's stored input and
    within its range."""
    stored = conformance.make_input(row, spec)
    if stored.dtype == np.bool_:
        return stored
    if stored.size == 0:
        return stored
    lo, hi = float(stored.min()), float(stored.max())
    if np.issubdtype(stored.dtype, np.integer):
        return rng.integers(int(lo), int(hi) + 1, size=stored.shape).astype(stored.dtype)
    if 0.0 <= lo and hi <= 1.0:  # an image in [0, 1]
        lo, hi = 0.0, 1.0
    return rng.uniform(lo, hi, size=stored.shape).astype(stored.dtype)


def compare(fast, ref, rtol, atol):
    """(max_abs_err, max_abs_err / max|ref|, ok) or an error text."""
    if fast.shape != ref.shape:
        return "shape %s, -O0 %s" % (list(fast.shape), list(ref.shape))
    if ref.size == 0:
        return 0.0, 0.0, True
    a, b = fast.astype(np.float64), ref.astype(np.float64)
    with np.errstate(invalid="ignore"):
        diff = np.abs(a - b)
        same = (a == b) | (np.isnan(a) & np.isnan(b))
    diff = np.where(same, 0.0, diff)
    diff = np.where(np.isnan(diff), np.inf, diff)
    finite = np.abs(b[np.isfinite(b)])
    scale = float(finite.max()) if finite.size else 0.0
    err = float(diff.max())
    rel = err / scale if scale > 0 else (0.0 if err == 0 else float("inf"))
    return err, rel, err <= rtol * scale + atol


def build(tools, graph, prefix, level, feed_args, fetch_args, deadline, log):
    cmd = [tools.compile, graph, "-o", prefix, "--emit", "so"] + feed_args + fetch_args
    if level is not None:
        cmd.append("-O%d" % level)
    return conformance.run_command(cmd, deadline, log)


def check_row(row, tools, args, work_root):
    """conformance.check_row (work folder, command log, errors reported
    rather than raised) around this script's check_row_in."""
    return conformance.check_row(
        row, tools, args, work_root, check_in=check_row_in,
        error_result=lambda r, detail: Result(r.name, "ERROR", detail))


def check_row_in(row, tools, args, work, log):
    deadline = time.monotonic() + args.timeout
    graph = conformance.resolve(row, row.graph)
    rng = np.random.default_rng([args.seed, zlib.crc32(row.name.encode())])
    feed_args, arrays = [], []
    for i, (feed, spec) in enumerate(zip(row.feeds, row.inputs)):
        array = random_input(row, spec, rng)
        if row.dtypes and array.dtype != np.dtype(row.dtypes[i]):
            array = array.astype(row.dtypes[i])
        shape = row.shapes[i] if row.shapes else conformance.shape_text(array.shape)
        arrays.append(array)
        feed_args += ["--feed", "%s:%s" % (feed, shape)]
    fetch_args = []
    for fetch in row.fetches:
        fetch_args += ["--fetch", fetch]

    libs = {}
    for label, level in (("O0", 0), ("fast", None)):
        prefix = os.path.join(work, label)
        status, _, err = build(tools, graph, prefix, level, feed_args, fetch_args, deadline, log)
        if status is None:
            return Result(row.name, "FAIL", ": timed out (graph-compile %s)" % label)
        if status != 0:
            return Result(row.name, "ERROR", ": %s: %s"
                          % (label, conformance.died("graph-compile", status, err)))
        libs[label] = prefix + ".so"

    # The feeds' dtypes as the library declares them (a DT_HALF placeholder
    # takes float16), and the names of its outputs.
    status, info, err = conformance.run_command([tools.run, libs["O0"], "--info"], deadline, log)
    if status != 0:
        return Result(row.name, "ERROR", ": " + conformance.died("graph-run", status or 0, err))
    dtypes = dict(re.findall(r"^input (\d+): \S+ (\w+) ", info, re.M))
    outputs = re.findall(r"^output \d+: (\S+) ", info, re.M)
    input_args = []
    for i, (feed, array) in enumerate(zip(row.feeds, arrays)):
        if dtypes.get(str(i)) and array.dtype != np.dtype(dtypes[str(i)]):
            array = array.astype(dtypes[str(i)])
        path = os.path.join(work, "in%d.npy" % i)
        np.save(path, array)
        input_args += ["--input", "%s=%s" % (feed, path)]

    results = {}
    for label, lib in libs.items():
        output_args, paths = [], []
        for j, name in enumerate(outputs):
            paths.append(os.path.join(work, "%s_out%d.npy" % (label, j)))
            output_args += ["--output", "%s=%s" % (name, paths[-1])]
        status, _, err = conformance.run_command([tools.run, lib] + input_args + output_args,
                                                 deadline, log)
        if status is None:
            return Result(row.name, "FAIL", ": timed out (graph-run %s)" % label)
        if status != 0:
            return Result(row.name, "ERROR", ": %s: %s"
                          % (label, conformance.died("graph-run", status, err)))
        results[label] = [np.load(p) for p in paths]

    worst_abs, worst_rel, bad = 0.0, 0.0, []
    for name, fast, ref in zip(outputs, results["fast"], results["O0"]):
        rtol = args.overrides.get("%s:%s" % (row.name, name), args.overrides.get(row.name, args.rtol))
        got = compare(fast, ref, rtol, args.atol)
        if isinstance(got, str):
            return Result(row.name, "FAIL", ": output '%s' has %s" % (name, got))
        err, rel, ok = got
        worst_abs, worst_rel = max(worst_abs, err), max(worst_rel, rel)
        if not ok:
            bad.append("'%s' max_abs_err=%s (%s of its max, rtol %s)" % (
                name, conformance.fmt(err), conformance.fmt(rel), conformance.fmt(rtol)))
    detail = " max_abs_err=%s max_rel_err=%s outputs=%d" % (
        conformance.fmt(worst_abs), conformance.fmt(worst_rel), len(outputs))
    if bad:
        return Result(row.name, "FAIL", detail + ": " + ", ".join(bad), worst_abs, worst_rel)
    return Result(row.name, "PASS", detail, worst_abs, worst_rel)


def main(argv):
    parser = argparse.ArgumentParser(
        prog="differential.py",
        description="Compare graph-compile -O0 (naive loops) with the default fast pipeline "
                    "on seeded random inputs, model by model.")
    parser.add_argument("dirs", nargs="+", metavar="DIR", help="folders with a manifest.tsv")
    parser.add_argument("--build-dir", default=os.path.join(REPO, "build"), metavar="DIR")
    parser.add_argument("--filter", metavar="REGEX", help="only models whose name matches")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N")
    parser.add_argument("--timeout", type=float, default=600, metavar="S",
                        help="seconds per model, both builds and runs (default 600)")
    parser.add_argument("--rtol", type=float, default=1e-4,
                        help="tolerance relative to each output's max magnitude (1e-4)")
    parser.add_argument("--atol", type=float, default=1e-5, help="absolute tolerance (1e-5)")
    parser.add_argument("--tolerances", metavar="FILE",
                        help="per-model or per-output rtol: `MODEL[:OUTPUT] RTOL  # reason` lines")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", metavar="DIR", help="keep the artifacts in DIR/NAME/")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    tools = conformance.Tools(args.build_dir)
    for tool in (tools.compile, tools.run):
        if not os.access(tool, os.X_OK):
            print("error: %s not found; build graphc or pass --build-dir" % tool, file=sys.stderr)
            return 2
    rows = []
    args.overrides = {}
    try:
        if args.tolerances:
            try:
                with open(args.tolerances) as f:
                    for line in f:
                        text = line.partition("#")[0].split()
                        if text:
                            args.overrides[text[0]] = float(text[1])
            except (OSError, IndexError, ValueError) as e:
                raise conformance.ManifestError("%s: %s" % (args.tolerances, e))
        for d in args.dirs:
            rows += [r for r in conformance.read_manifest(os.path.join(d, "manifest.tsv"), d)
                     if r.expect == "match"]
    except conformance.ManifestError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    if args.filter:
        rows = [r for r in rows if re.search(args.filter, r.name)]

    work_root = args.keep or tempfile.mkdtemp(prefix="graphc-differential-")
    os.makedirs(work_root, exist_ok=True)
    results = []
    start = time.monotonic()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for result in pool.map(lambda r: check_row(r, tools, args, work_root), rows):
                results.append(result)
                print(result.line(), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)
    passed = sum(r.status == "PASS" for r in results)
    compared = [r for r in results if r.max_abs is not None]
    if compared:
        worst = max(compared, key=lambda r: r.max_rel)
        print("worst: %s max_rel_err=%s; %.0f s in all" % (
            worst.name, conformance.fmt(worst.max_rel), time.monotonic() - start))
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Conformance runner: does graphc compute what TensorFlow computes?

  scripts/conformance DIR [--manifest FILE] [--build-dir B] [--filter RE]
                          [--jobs N] [--timeout S] [--keep DIR]
                          [--expect-failures FILE] [--markdown FILE] [-v]

Reads DIR/manifest.tsv (or --manifest FILE, whose paths are still relative
to DIR), and for every row compiles the graph with graph-compile, runs the
library with graph-run on the row's inputs and compares the outputs with the
reference .npy files. Prints one line per model and then `N passed, M
failed`; the exit status is 0 only if nothing failed (2 for bad usage or a
malformed manifest). docs/Conformance.md describes the manifest formats, the
line formats and the known-failures lists.

Needs numpy (the `scripts/conformance` wrapper runs /usr/bin/python3).
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Columns a manifest may have. Both shared/models formats name their columns
# in a `# name<TAB>graph<TAB>...` header; a row is read by column name, so
# the two formats differ only in which columns exist:
#   opencv_tf: name graph feeds inputs fetches expected layout max_abs mean_abs expect
#   realistic: name graph unfused_graph feed feed_shape feed_dtype input fetches expected max_abs
# (feeds/feed, inputs/input are synonyms). List columns are comma-separated.
# Optional in either: `message`, a regex the refusal of an `error` row must
# match (re.search), for graphs that must be refused for a specific reason.
KNOWN_COLUMNS = {"name", "graph", "unfused_graph", "feeds", "feed", "feed_shape",
                 "feed_dtype", "inputs", "input", "fetches", "expected", "layout",
                 "max_abs", "mean_abs", "expect", "message"}
EXPECT_KINDS = ("match", "error", "run")


class ManifestError(Exception):
    pass


class Row:
    """One model to check (a manifest line, or the `_unfused` twin of one)."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


class Result:
    """What checking a row gave: status PASS, FAIL or ERROR (later maybe
    XFAIL/XPASS), a one-line detail and the errors when outputs were compared."""

    def __init__(self, row, status, detail="", max_err=None, mean_err=None):
        self.row = row
        self.name = row.name
        self.status = status
        self.detail = detail
        self.max_err = max_err
        self.mean_err = mean_err
        self.reason = ""  # from the known-failures list
        self.suffix = ""  # what the known-failures list makes of the result
        self.seconds = None  # compile + run time

    def line(self):
        return "%s %s%s%s" % (self.status, self.name, self.detail, self.suffix)


def fmt(x):
    return "%.3g" % x


def split_list(text):
    text = text.strip()
    if text in ("", "-"):
        return []
    return [item.strip() for item in text.split(",")]


def parse_tol(text, path, lineno, column):
    text = text.strip()
    if text in ("", "-"):
        return None
    try:
        return float(text)
    except ValueError:
        raise ManifestError("%s:%d: %s '%s' is not a number" % (path, lineno, column, text))


def read_manifest(path, data_dir):
    """The rows of a manifest in either format (see KNOWN_COLUMNS)."""
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise ManifestError("%s: %s" % (path, e.strerror))
    columns = None
    rows = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            fields = [c.strip() for c in line.lstrip("#").strip().split("\t")]
            if columns is None and "name" in fields and "graph" in fields:
                columns = fields
            continue
        if columns is None:
            raise ManifestError("%s:%d: a row before the header line "
                                "('# name<TAB>graph<TAB>...')" % (path, lineno))
        values = line.split("\t")
        if len(values) != len(columns):
            raise ManifestError("%s:%d: %d fields, the header has %d columns"
                                % (path, lineno, len(values), len(columns)))
        rows.extend(make_rows(dict(zip(columns, values)), path, lineno, data_dir))
    if columns is None:
        raise ManifestError("%s: no header line ('# name<TAB>graph<TAB>...')" % path)
    unknown = [c for c in columns if c not in KNOWN_COLUMNS]
    if unknown:
        raise ManifestError("%s: unknown column(s) %s" % (path, ", ".join(unknown)))
    for required in ("fetches",):
        if required not in columns:
            raise ManifestError("%s: no '%s' column" % (path, required))
    names = set()
    for row in rows:
        if row.name in names:
            raise ManifestError("%s:%d: duplicate model name '%s'" % (path, row.lineno, row.name))
        names.add(row.name)
    return rows


def make_rows(cols, path, lineno, data_dir):
    get = lambda *keys: next((cols[k] for k in keys if k in cols), "")
    name = cols["name"].strip()
    expect = get("expect").strip() or "match"
    if expect not in EXPECT_KINDS:
        raise ManifestError("%s:%d: expect '%s' is not one of %s"
                            % (path, lineno, expect, ", ".join(EXPECT_KINDS)))
    layout = get("layout").strip() or "graph"
    if layout not in ("graph", "nchw"):
        raise ManifestError("%s:%d: layout '%s' is not 'graph' or 'nchw'" % (path, lineno, layout))
    feeds = split_list(get("feeds", "feed"))
    inputs = split_list(get("inputs", "input"))
    shapes = split_list(get("feed_shape"))
    dtypes = split_list(get("feed_dtype"))
    if len(inputs) != len(feeds):
        raise ManifestError("%s:%d: %d feeds but %d inputs" % (path, lineno, len(feeds), len(inputs)))
    for what, values in (("feed_shape", shapes), ("feed_dtype", dtypes)):
        if values and len(values) != len(feeds):
            raise ManifestError("%s:%d: %d feeds but %d %s values"
                                % (path, lineno, len(feeds), len(values), what))
    expected = split_list(get("expected"))
    fetches = split_list(get("fetches"))
    if expect == "match" and not expected:
        raise ManifestError("%s:%d: a 'match' row needs an expected output" % (path, lineno))
    if len(expected) > len(fetches):
        raise ManifestError("%s:%d: more expected outputs than fetches" % (path, lineno))
    max_abs = parse_tol(get("max_abs"), path, lineno, "max_abs")
    mean_abs = parse_tol(get("mean_abs"), path, lineno, "mean_abs")
    if expect == "match" and max_abs is None and mean_abs is None:
        raise ManifestError("%s:%d: a 'match' row needs max_abs or mean_abs" % (path, lineno))
    message = get("message").strip()
    message = "" if message == "-" else message
    try:
        re.compile(message)
    except re.error as e:
        raise ManifestError("%s:%d: message '%s' is not a regex: %s" % (path, lineno, message, e))
    common = dict(lineno=lineno, feeds=feeds, inputs=inputs, shapes=shapes, dtypes=dtypes,
                  fetches=fetches, expected=expected, layout=layout, max_abs=max_abs,
                  mean_abs=mean_abs, expect=expect, data_dir=data_dir,
                  message=message,
                  manifest_dir=os.path.dirname(os.path.abspath(path)))
    rows = [Row(name=name, graph=get("graph").strip(), **common)]
    unfused = get("unfused_graph").strip()
    if unfused not in ("", "-"):
        if os.path.exists(os.path.join(data_dir, unfused)):
            rows.append(Row(name=name + "_unfused", graph=unfused, **common))
        else:
            print("note: %s:%d: no %s, only %s is checked"
                  % (path, lineno, unfused, rows[0].graph), file=sys.stderr)
    return rows


def resolve(row, file):
    """A manifest path: relative to DIR, else to the manifest's folder."""
    for base in (row.data_dir, row.manifest_dir):
        candidate = os.path.join(base, file)
        if os.path.exists(candidate):
            return candidate
    return os.path.join(row.data_dir, file)


def parse_shape(text):
    return [] if text in ("[]", "") else [int(d) for d in text.split("x")]


def shape_text(shape):
    return "x".join(str(d) for d in shape) if len(shape) else "[]"


def make_input(row, spec):
    """The array an `inputs` entry names: a .npy file, or a generated one:
    `fill:DTYPE:SHAPE:VALUE` (every element VALUE) or `ramp:DTYPE:SHAPE`
    (0, 1, 2, ...). 4-D files of `nchw` rows are transposed to NHWC."""
    parts = spec.split(":")
    if parts[0] in ("fill", "ramp") and len(parts) == (4 if parts[0] == "fill" else 3):
        shape = parse_shape(parts[2])
        if parts[0] == "fill":
            return np.full(shape, float(parts[3])).astype(parts[1])
        return np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape).astype(parts[1])
    array = np.load(resolve(row, spec))
    if row.layout == "nchw" and array.ndim == 4:
        array = array.transpose(0, 2, 3, 1)
    return np.ascontiguousarray(array)


def load_reference(row, file):
    array = np.load(resolve(row, file))
    if row.layout == "nchw" and array.ndim == 4:
        array = array.transpose(0, 2, 3, 1)
    return array


def compare(out, ref):
    """(max_abs_err, mean_abs_err) of `out` against `ref`, or an error text.
    NaN matches NaN and an infinity the same infinity; any other mismatch
    involving them is an infinite error."""
    if out.shape != ref.shape:
        squeeze = lambda s: [d for d in s if d != 1]
        if out.size != ref.size or squeeze(out.shape) != squeeze(ref.shape):
            return "shape [%s], reference [%s]" % (",".join(map(str, out.shape)),
                                                   ",".join(map(str, ref.shape)))
        ref = ref.reshape(out.shape)
    if out.size == 0:
        return 0.0, 0.0
    a = out.astype(np.float64)
    b = ref.astype(np.float64)
    with np.errstate(invalid="ignore"):
        diff = np.abs(a - b)
        same = (a == b) | (np.isnan(a) & np.isnan(b))
    diff = np.where(same, 0.0, diff)
    diff = np.where(np.isnan(diff), np.inf, diff)
    return float(diff.max()), float(diff.mean())


class Tools:
    def __init__(self, build_dir):
        self.compile = os.path.join(build_dir, "bin", "graph-compile")
        self.run = os.path.join(build_dir, "bin", "graph-run")


def run_command(cmd, deadline, log):
    """Runs cmd in its own process group; returns (status, stdout, stderr),
    status None on timeout (the whole group is killed)."""
    log.append(" ".join(shlex.quote(c) for c in cmd))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, "", ""
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


def first_error(stderr, tool):
    """The first `error:` line of a tool's stderr (else its first line),
    without the `error: ` prefix."""
    lines = [l.strip() for l in stderr.splitlines() if l.strip()]
    for line in lines:
        if line.startswith("error:"):
            return line[len("error:"):].strip()
    return lines[0] if lines else "%s failed without a message" % tool


def died(tool, status, stderr):
    if status < 0:
        try:
            sig = signal.Signals(-status).name
        except ValueError:
            sig = "signal %d" % -status
        return "%s crashed (%s)" % (tool, sig)
    return "%s: %s" % (tool, first_error(stderr, tool)) if tool == "graph-run" \
        else first_error(stderr, tool)


def check_row(row, tools, args, work_root, check_in=None, error_result=None):
    """Compiles, runs and compares one row; never raises for model trouble.
    check_in(row, tools, args, work, log) does the work in the row's own
    folder (default: check_row_in); error_result(row, detail) makes the
    ERROR result when it raises (default: a Result of this module).
    scripts/differential.py passes its own."""
    check_in = check_in or check_row_in
    error_result = error_result or (lambda r, detail: Result(r, "ERROR", detail))
    work = os.path.join(work_root, re.sub(r"[^A-Za-z0-9_.-]", "_", row.name))
    os.makedirs(work, exist_ok=True)
    log = []
    start = time.monotonic()
    try:
        result = check_in(row, tools, args, work, log)
    except Exception as e:  # a broken .npy or similar: report, keep going
        result = error_result(row, ": %s: %s" % (type(e).__name__, e))
    result.seconds = time.monotonic() - start
    with open(os.path.join(work, "commands.sh"), "w") as f:
        f.write("\n".join(log) + "\n")
    if args.verbose:
        for cmd in log:
            print("  %s: %s" % (row.name, cmd), file=sys.stderr)
    return result


def check_row_in(row, tools, args, work, log):
    deadline = time.monotonic() + args.timeout
    graph = resolve(row, row.graph)
    if not os.path.exists(graph):
        return Result(row, "ERROR", ": no such graph %s" % graph)

    # Inputs: transposed/converted copies in the work folder; their shapes
    # are the feed shapes unless the manifest gives feed_shape.
    feed_args, input_args, arrays = [], [], []
    for i, (feed, spec) in enumerate(zip(row.feeds, row.inputs)):
        array = make_input(row, spec)
        if row.dtypes and array.dtype != np.dtype(row.dtypes[i]):
            array = array.astype(row.dtypes[i])
        shape = row.shapes[i] if row.shapes else shape_text(array.shape)
        arrays.append(array)
        feed_args += ["--feed", "%s:%s" % (feed, shape)]
        input_args += ["--input", "%s=%s" % (feed, os.path.join(work, "in%d.npy" % i))]
    fetch_args = []
    for fetch in row.fetches:
        fetch_args += ["--fetch", fetch]

    prefix = os.path.join(work, "model")
    status, _, err = run_command([tools.compile, graph, "-o", prefix, "--emit", "so"]
                                 + feed_args + fetch_args
                                 + list(getattr(args, "compile_flag", None) or []),
                                 deadline, log)
    with open(os.path.join(work, "compile.log"), "w") as f:
        f.write(err)
    if status is None:
        return Result(row, "FAIL", ": timed out after %g s (graph-compile)" % args.timeout)
    if row.expect == "error":
        if status == 0:
            return Result(row, "FAIL", ": compiled, but the manifest expects graph-compile "
                                       "to refuse it")
        message = first_error(err, "graph-compile")
        if status != 2:
            return Result(row, "FAIL", ": refused with exit status %d, not 2: %s"
                                       % (status, died("graph-compile", status, err)))
        # "node 'N': ..." or, for the list of unsupported ops, "first 'N'".
        if "node '" not in message and not re.search(r"first '[^']+'", message):
            return Result(row, "FAIL", ": refused, but the message names no node: %s" % message)
        if row.message and not re.search(row.message, message):
            return Result(row, "FAIL", ": refused, but not with a message matching '%s': %s"
                          % (row.message, message))
        return Result(row, "PASS", " (refused: %s)" % message)
    if status != 0:
        return Result(row, "ERROR", ": " + died("graph-compile", status, err))

    # The library's input dtypes (graph-run --info): an input is converted
    # to its placeholder's dtype, as tf.Session.run converts a fed array
    # (fp16_max_pool_odd_same feeds float32 data to a DT_HALF placeholder).
    status, info, err = run_command([tools.run, prefix + ".so", "--info"], deadline, log)
    if status is None:
        return Result(row, "FAIL", ": timed out after %g s (graph-run)" % args.timeout)
    if status != 0:
        return Result(row, "ERROR", ": " + died("graph-run", status, err))
    dtypes = re.findall(r"^input (\d+): \S+ (\w+) ", info, re.M)
    for i, array in enumerate(arrays):
        dtype = dict(dtypes).get(str(i))
        if dtype and array.dtype != np.dtype(dtype):
            array = array.astype(dtype)
        np.save(os.path.join(work, "in%d.npy" % i), array)

    # Run: write the outputs we compare (all of them for `run` rows).
    count = len(row.fetches) if row.expect == "run" else len(row.expected)
    outputs = [os.path.join(work, "out%d.npy" % j) for j in range(count)]
    output_args = []
    for fetch, path in zip(row.fetches, outputs):
        output_args += ["--output", "%s=%s" % (fetch, path)]
    status, _, err = run_command([tools.run, prefix + ".so"] + input_args + output_args,
                                 deadline, log)
    if status is None:
        return Result(row, "FAIL", ": timed out after %g s (graph-run)" % args.timeout)
    if status != 0:
        return Result(row, "ERROR", ": " + died("graph-run", status, err))
    if row.expect == "run":
        return Result(row, "PASS", " (ran; no reference to compare with)")

    # Compare every output with a reference; report the worst errors.
    worst_max, worst_mean, failures = 0.0, 0.0, []
    for fetch, path, ref_file in zip(row.fetches, outputs, row.expected):
        got = compare(np.load(path), load_reference(row, ref_file))
        if isinstance(got, str):
            return Result(row, "FAIL", ": output '%s' has %s" % (fetch, got))
        max_err, mean_err = got
        worst_max, worst_mean = max(worst_max, max_err), max(worst_mean, mean_err)
        if row.max_abs is not None and not max_err <= row.max_abs:
            failures.append("max_abs_err=%s (tol %s)" % (fmt(max_err), fmt(row.max_abs)))
        if row.mean_abs is not None and not mean_err <= row.mean_abs:
            failures.append("mean_abs_err=%s (tol %s)" % (fmt(mean_err), fmt(row.mean_abs)))
        if len(row.expected) > 1 and failures and not failures[-1].startswith("["):
            failures[-1] = failures[-1] + " [%s]" % fetch
    if failures:
        return Result(row, "FAIL", " " + " ".join(failures), worst_max, worst_mean)
    return Result(row, "PASS", " (max_abs_err=%s mean_abs_err=%s)"
                  % (fmt(worst_max), fmt(worst_mean)), worst_max, worst_mean)


def read_expected_failures(path):
    """name -> reason, from `name  # reason` lines."""
    entries = {}
    try:
        with open(path) as f:
            for line in f:
                text, _, comment = line.partition("#")
                if text.strip():
                    entries[text.strip()] = comment.strip()
    except OSError as e:
        raise ManifestError("%s: %s" % (path, e.strerror))
    return entries


def classify(result, entries, path):
    """Turns a listed model's FAIL/ERROR into XFAIL and its PASS into XPASS
    (a failure: the list must be kept accurate)."""
    if result.name not in entries:
        return
    result.reason = entries[result.name]
    if result.status in ("FAIL", "ERROR"):
        result.suffix = "  [expected: %s]" % (result.reason or "listed in %s" % path)
        result.status = "XFAIL"
    else:
        result.status = "XPASS"
        result.suffix = ": passes now but %s lists it as failing; delete its line there" % path


def markdown_table(results, args, summary):
    """The results as a markdown table; notes shortened (DIR's path left out,
    the errors that have their own columns not repeated)."""
    prefix = os.path.normpath(args.dir) + os.sep
    lines = ["Generated by `scripts/conformance` on %s: %s." % (args.label, summary),
             "", "| model | status | max_abs_err | mean_abs_err | seconds | note |",
             "|---|---|---|---|---|---|"]
    for r in results:
        note = re.sub(r"\s*\(max_abs_err=\S+ mean_abs_err=\S+\)", "", r.detail)
        note = note.strip().lstrip(":").strip().replace(prefix, "")
        if note.startswith("(") and note.endswith(")"):
            note = note[1:-1]
        if len(note) > 160:
            note = note[:157] + "..."
        if r.status == "XFAIL" and r.reason:
            note = "%s (known: %s)" % (note, r.reason) if note else "known: " + r.reason
        elif r.status == "XPASS":
            note = "passes, but listed as a known failure"
        lines.append("| %s | %s | %s | %s | %s | %s |" % (
            r.name, r.status, "" if r.max_err is None else fmt(r.max_err),
            "" if r.mean_err is None else fmt(r.mean_err),
            "" if r.seconds is None else "%.0f" % r.seconds, note.replace("|", "\\|")))
    return "\n".join(lines) + "\n"


def write_markdown(path, label, table):
    """Writes the table to `path`, or, when `path` has a
    `<!-- conformance:LABEL -->` ... `<!-- /conformance:LABEL -->` section,
    replaces that section's contents."""
    begin, end = "<!-- conformance:%s -->" % label, "<!-- /conformance:%s -->" % label
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            _, tail = rest.split(end, 1)
            with open(path, "w") as f:
                f.write(head + begin + "\n" + table + end + tail)
            return
        if "<!-- conformance:" in text:
            raise ManifestError("%s has no '%s' section to update" % (path, begin))
    with open(path, "w") as f:
        f.write(table)


def main(argv):
    parser = argparse.ArgumentParser(
        prog="scripts/conformance",
        description="Compile every model of DIR/manifest.tsv with graph-compile, run it with "
                    "graph-run and compare with the reference outputs.")
    parser.add_argument("dir", metavar="DIR", help="folder with manifest.tsv, graphs and .npy files")
    parser.add_argument("--manifest", metavar="FILE",
                        help="manifest to read instead of DIR/manifest.tsv (paths stay relative "
                             "to DIR, then to FILE's folder)")
    parser.add_argument("--build-dir", default=os.path.join(REPO, "build"), metavar="DIR",
                        help="graphc build folder with bin/graph-compile, bin/graph-run "
                             "(default: the repository's build/)")
    parser.add_argument("--filter", metavar="REGEX", help="only models whose name matches")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                        help="models checked in parallel (default 1)")
    parser.add_argument("--timeout", type=float, default=300, metavar="S",
                        help="seconds per model, compile and run together (default 300); "
                             "a model that takes longer FAILs")
    parser.add_argument("--keep", metavar="DIR",
                        help="keep every model's artifacts (library, inputs, outputs, "
                             "commands.sh, compile.log) in DIR/NAME/")
    parser.add_argument("--expect-failures", metavar="FILE",
                        help="models expected to fail, one `name  # reason` per line")
    parser.add_argument("--compile-flag", action="append", metavar="FLAG",
                        help="pass FLAG to every graph-compile (repeatable), e.g. --threads=2")
    parser.add_argument("--markdown", metavar="FILE",
                        help="also write the results as a markdown table (into FILE's "
                             "<!-- conformance:LABEL --> section if it has one)")
    parser.add_argument("--label", help="section name for --markdown (default: DIR's name)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every command on stderr")
    args = parser.parse_args(argv)
    args.label = args.label or os.path.basename(os.path.normpath(args.dir))

    tools = Tools(args.build_dir)
    for tool in (tools.compile, tools.run):
        if not os.access(tool, os.X_OK):
            print("error: %s not found; build graphc or pass --build-dir" % tool, file=sys.stderr)
            return 2
    try:
        rows = read_manifest(args.manifest or os.path.join(args.dir, "manifest.tsv"), args.dir)
        entries = read_expected_failures(args.expect_failures) if args.expect_failures else {}
        if args.filter:
            rows = [r for r in rows if re.search(args.filter, r.name)]
    except (ManifestError, re.error) as e:
        print("error: %s" % e, file=sys.stderr)
        return 2

    work_root = args.keep or tempfile.mkdtemp(prefix="graphc-conformance-")
    os.makedirs(work_root, exist_ok=True)
    results = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for result in pool.map(lambda r: check_row(r, tools, args, work_root), rows):
                classify(result, entries, args.expect_failures)
                results.append(result)
                print(result.line(), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)
    if entries and not args.filter:
        names = {r.name for r in results}
        for name in entries:
            if name not in names:
                stale = Result(Row(name=name), "FAIL", ": listed in %s but not in the "
                               "manifest; delete its line" % args.expect_failures)
                results.append(stale)
                print(stale.line())

    passed = sum(r.status == "PASS" for r in results)
    xfailed = sum(r.status == "XFAIL" for r in results)
    failed = len(results) - passed - xfailed
    if args.expect_failures:
        print("%d expected failures (%s)" % (xfailed, args.expect_failures))
    summary = "%d passed, %d failed" % (passed, failed)
    if args.markdown:
        shown = summary + (", %d expected failures" % xfailed if xfailed else "")
        try:
            write_markdown(args.markdown, args.label, markdown_table(results, args, shown))
        except (ManifestError, OSError) as e:
            print("error: %s" % e, file=sys.stderr)
            return 2
    print(summary)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

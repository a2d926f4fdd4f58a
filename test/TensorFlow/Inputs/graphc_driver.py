"""Shared by the live-TF tests: compile a GraphDef with graph-compile and run
the library with graph-run (both on PATH), on .npy files in a work folder."""
import os
import subprocess

import numpy as np


class GraphcError:
    """graph-compile or graph-run failed: which tool, its exit status and
    the last line it printed."""

    def __init__(self, tool, code, message):
        self.tool, self.code, self.message = tool, code, message

    def __str__(self):
        return f"{self.tool} exit {self.code}: {self.message}"


def _run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


class Checks:
    """Named pass/fail checks printed as `ok: NAME` / `FAIL: NAME (detail)`,
    ending with `N passed, M failed` (finish() returns the exit status)."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(("ok: " if ok else "FAIL: ") + name + ("" if ok else " (" + detail + ")"))

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0


def run_tool(cmd):
    """Runs `cmd`; raises RuntimeError with its stderr when it fails."""
    r = _run(cmd)
    if r.returncode != 0:
        raise RuntimeError(" ".join(cmd) + " exited " + str(r.returncode) + ":\n" + r.stderr)
    return r


def _last_line(stderr):
    return (stderr.strip().splitlines() or [""])[-1]


def compile_and_run(work, tag, graph_def, feeds, fetches):
    """Compiles `graph_def` as WORK/TAG.so with `feeds` ({name: array}) and
    `fetches` (tensor names), runs it on the feeds; returns
    ({fetch: array}, None) or (None, GraphcError)."""
    pb = os.path.join(work, tag + ".pb")
    with open(pb, "wb") as f:
        f.write(graph_def.SerializeToString())
    cmd = ["graph-compile", pb, "-o", os.path.join(work, tag), "--emit", "so"]
    for name in feeds:
        cmd += ["--feed", name]
    for name in fetches:
        cmd += ["--fetch", name]
    r = _run(cmd)
    if r.returncode != 0:
        return None, GraphcError("graph-compile", r.returncode, _last_line(r.stderr))
    cmd = ["graph-run", os.path.join(work, tag + ".so"), "--name", tag]
    for i, (name, value) in enumerate(feeds.items()):
        path = os.path.join(work, f"{tag}.in{i}.npy")
        np.save(path, value)
        cmd += ["--input", f"{name}={path}"]
    outs = {}
    for i, name in enumerate(fetches):
        outs[name] = os.path.join(work, f"{tag}.out{i}.npy")
        cmd += ["--output", f"{name}={outs[name]}"]
    r = _run(cmd)
    if r.returncode != 0:
        return None, GraphcError("graph-run", r.returncode, _last_line(r.stderr))
    return {k: np.load(v) for k, v in outs.items()}, None

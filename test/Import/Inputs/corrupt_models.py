#!/usr/bin/env python3
"""Robustness check: graph-compile on corrupted copies of real models must
either compile (exit 0) or refuse with one `error:` line and exit status 2;
never crash, hang or exit otherwise. Deterministic (fixed seed).

  corrupt_models.py GRAPH_COMPILE WORKDIR MODEL... [-- SAVEDMODEL_DIR...]
"""
import os
import random
import shutil
import subprocess
import sys


def corrupt(data, rng):
    kind = rng.choice(["truncate", "flip", "overwrite"])
    if kind == "truncate":
        return kind, data[:rng.randrange(0, len(data))]
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(data))
        if kind == "flip":
            data[i] ^= 1 << rng.randrange(8)
        else:
            data[i] = rng.randrange(256)
    return kind, bytes(data)


def check(tool, args, what):
    try:
        p = subprocess.run([tool] + args, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "%s: timed out" % what
    err = p.stderr.decode(errors="replace")
    if p.returncode == 0:
        return None
    if p.returncode != 2:
        return "%s: exit status %d: %s" % (what, p.returncode, err[-500:])
    if not err.startswith("error: ") and "\nerror: " not in err:
        return "%s: exit 2 without an error: line: %s" % (what, err[-500:])
    return None


def main(argv):
    tool, work = argv[1], argv[2]
    rest = argv[3:]
    split = rest.index("--") if "--" in rest else len(rest)
    graphs, savedmodels = rest[:split], rest[split + 1:]
    rng = random.Random(20261125)
    os.makedirs(work, exist_ok=True)
    failures, cases = [], 0
    for graph in graphs:
        original = open(graph, "rb").read()
        for k in range(25):
            kind, data = corrupt(original, rng)
            path = os.path.join(work, "case.pb")
            open(path, "wb").write(data)
            cases += 1
            problem = check(tool, [path, "-o", os.path.join(work, "out"), "--emit", "graph"],
                            "%s #%d (%s)" % (os.path.basename(graph), k, kind))
            if problem:
                failures.append(problem)
                shutil.copy(path, os.path.join(work, "failed-%d.pb" % len(failures)))
    for model in savedmodels:
        for k in range(25):
            copy = os.path.join(work, "sm")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(model, copy)
            files = sorted(os.path.join(d, f) for d, _, fs in os.walk(copy) for f in fs)
            target = rng.choice(files)
            kind, data = corrupt(open(target, "rb").read() or b"\0", rng)
            os.chmod(target, 0o644)
            open(target, "wb").write(data)
            cases += 1
            problem = check(tool, [copy, "--feed", "x:3x1", "-o", os.path.join(work, "out"), "--emit", "graph"],
                            "%s #%d (%s %s)" % (os.path.basename(model.rstrip("/")), k, kind,
                                                os.path.relpath(target, copy)))
            if problem:
                failures.append(problem)
    for f in failures:
        print("FAIL " + f)
    print("%d cases, %d failures" % (cases, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

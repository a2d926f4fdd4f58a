"""The zoo of real architectures (test/Zoo): Keras 3 models built
with weights=None and a fixed seed, exported as SavedModels with their
serving signature (model.export), compiled by graphc from the SavedModel
directory and compared with TensorFlow on a seeded input.

For each model this checks:
  1. graphc's library matches TF's output on the SavedModel's serving
     signature: max |graphc - TF| <= 1e-4 * (1 + max |TF|);
  2. graphc's frozen GraphDef (--emit frozen-pb), run by TF, matches TF's
     own frozen graph (convert_variables_to_constants_v2 of the signature's
     concrete function) on the same input, with the same tolerance.

The models and their generation are in zoo_models.py; generated models are
cached in CACHE/NAME, so a rerun only compiles and compares.

Usage: zoo.py CACHE WORK NAME...   (graph-compile and graph-run on PATH)
       zoo.py --list
Prints one line per check and ends with "N passed, M failed"."""
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TF's oneDNN kernels, on whatever CPU: TF enables them by default only
# where AVX-512 is present, and without them some CPU kernels refuse what
# the oneDNN ones run (DepthwiseConv2dNative with dilations).
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zoo_models import MODELS, cached  # noqa: E402


def run_frozen(pb_path, inputs, outputs, x):
    """Runs a frozen GraphDef in TF: feeds x to inputs[0], returns outputs[0]."""
    import tensorflow as tf

    graph_def = tf.compat.v1.GraphDef()
    with open(pb_path, "rb") as f:
        graph_def.ParseFromString(f.read())
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        return session.run(outputs[0], {inputs[0]: x})


def main():
    if sys.argv[1:] == ["--list"]:
        print("\n".join(MODELS))
        return 0
    cache, work, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(cache, exist_ok=True)
    os.makedirs(work, exist_ok=True)
    results = {"passed": 0, "failed": 0}

    def check(what, ok, detail):
        results["passed" if ok else "failed"] += 1
        print(("ok: " if ok else "FAIL: ") + what + " (" + detail + ")", flush=True)

    for name in names:
        folder, built = cached(cache, name)
        with open(os.path.join(folder, "meta.json")) as f:
            meta = json.load(f)
        x = np.load(os.path.join(folder, "input.npy"))
        reference = np.load(os.path.join(folder, "reference.npy"))
        tolerance = 1e-4 * (1.0 + float(np.max(np.abs(reference))))
        print(f"{name}: {'generated in %.0f s' % built if built else 'cached'}, "
              f"output {list(reference.shape)}, max |ref| {np.max(np.abs(reference)):.4g}",
              flush=True)

        out = os.path.join(work, name)
        shape = "x".join(str(d) for d in meta["shape"])
        cmd = ["graph-compile", os.path.join(folder, "saved_model"),
               "--feed", f"{meta['feed']}:{shape}", "-o", out,
               "--emit", "so,h,frozen-pb"]
        t = time.time()
        r = subprocess.run(cmd, capture_output=True, text=True)
        compile_s = time.time() - t
        if r.returncode != 0:
            last = (r.stderr.strip().splitlines() or [""])[-1]
            check(f"{name}: graph-compile", False, f"exit {r.returncode}: {last}")
            check(f"{name}: frozen-pb", False, "not compiled")
            continue
        np.save(out + ".in.npy", x)
        r = subprocess.run(["graph-run", out + ".so", "--name", name,
                            "--input", f"{meta['feed']}={out}.in.npy",
                            "--output", f"{meta['fetch']}={out}.out.npy"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            check(f"{name}: library", False, f"graph-run exit {r.returncode}: {r.stderr.strip()}")
        else:
            got = np.load(out + ".out.npy")
            if got.shape != reference.shape:
                check(f"{name}: library", False, f"shape {got.shape} != {reference.shape}")
            else:
                err = float(np.max(np.abs(got.astype(np.float64) - reference)))
                check(f"{name}: library matches TF", err <= tolerance,
                      f"max abs error {err:.3g}, tolerance {tolerance:.3g}, compiled in {compile_s:.1f} s")

        try:
            ours = run_frozen(out + ".pb", [meta["graph_feed"]], [meta["graph_fetch"]], x)
            theirs = run_frozen(os.path.join(folder, "tf_frozen.pb"),
                                meta["tf_frozen_inputs"], meta["tf_frozen_outputs"], x)
            err = float(np.max(np.abs(ours.astype(np.float64) - theirs)))
            check(f"{name}: frozen-pb matches convert_variables_to_constants_v2", err <= tolerance,
                  f"max abs error {err:.3g}")
        except Exception as e:  # noqa: BLE001 - any TF failure is a failed check
            check(f"{name}: frozen-pb matches convert_variables_to_constants_v2", False,
                  str(e).strip().splitlines()[0][:300])

    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""cmake-consumer.test: checks the consumer's printed outputs (`NAME: v...`
lines, one file per build variant) against the example's numpy reference
(examples/mlp/probs.npy, computed by make_mlp.py independently of graphc)
and against x * 2 + 0.5 for the affine model.

Usage: check_consumer.py EXAMPLES_MLP_DIR OUTPUT.txt...
"""
import os
import sys

import numpy as np

mlp_dir, outputs = sys.argv[1], sys.argv[2:]
x = np.load(os.path.join(mlp_dir, "x.npy")).reshape(-1)
probs = np.load(os.path.join(mlp_dir, "probs.npy")).reshape(-1)
expect = {"probs": (probs, 1e-6), "head": (probs, 1e-6),
          "affine": (x * np.float32(2) + np.float32(0.5), 0.0)}
passed = failed = 0
for path in outputs:
    got = {}
    with open(path) as f:
        for line in f:
            name, _, values = line.partition(":")
            got[name] = np.array([float(v) for v in values.split()], np.float32)
    for name, (ref, atol) in expect.items():
        value = got.get(name)
        ok = value is not None and value.shape == ref.shape and \
            float(np.max(np.abs(value - ref))) <= atol + 1e-5 * float(np.max(np.abs(ref)))
        print("%s: %s %s" % ("ok" if ok else "FAIL", os.path.basename(path), name))
        passed, failed = passed + ok, failed + (not ok)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)

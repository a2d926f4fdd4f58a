#!/usr/bin/env python3
"""Inputs and numpy references for test/Execution/array-ops.test.

  array_refs.py OUTDIR

writes OUTDIR/<input>.npy for every placeholder of Inputs/array-ops.pbtxt and
OUTDIR/ref_<fetch>.npy for every fetch, computed with numpy indexing that
spells out TF's semantics (strided slices as Python slices, MirrorPad as
np.pad's reflect/symmetric modes), not with graphc.
"""
import os
import sys

import numpy as np


def main(out):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 4, 5)).astype(np.float32)
    y = rng.standard_normal((3, 2, 5)).astype(np.float32)
    u = rng.standard_normal((1, 3, 1, 4)).astype(np.float32)
    i = rng.integers(-100, 100, (3, 4)).astype(np.int32)
    idx = rng.integers(0, 4, (2, 3)).astype(np.int32)
    nd = np.stack([rng.integers(0, 3, (2, 3)), rng.integers(0, 4, (2, 3))],
                  axis=-1).astype(np.int32)
    inputs = {"x": x, "y": y, "u": u, "i": i, "idx": idx, "nd": nd}
    refs = {
        "squeeze": u.reshape(3, 4),
        "squeeze_dims": u[:, :, 0, :],
        "expand_dims": x[..., np.newaxis],
        "transpose": x.transpose(2, 0, 1),
        "itranspose": i.T,
        "concat": np.concatenate([x, y], axis=1),
        "pack": np.stack([x, x], axis=-3),
        "unpack:1": x[:, 1],
        "unpack:3": x[:, 3],
        "split": x[:, :2],
        "split:1": x[:, 2:],
        "splitv": x[:, :, :1],
        "splitv:1": x[:, :, 1:3],
        "splitv:2": x[:, :, 3:],
        "slice": x[1:, 0:3, 2:4],
        "ss_reverse": x[::-1, 1:3, ::2],
        "ss_newaxis": x[..., np.newaxis, -1],
        "ss_clamp": x[-1:-4:-2, 3, 10:-10:-1],
        "ss_mixed": x[1, np.newaxis, ..., ::-3],
        "pad": np.pad(x, [[1, 0], [0, 2], [1, 1]]),
        "padv2": np.pad(x, [[1, 0], [0, 2], [1, 1]], constant_values=-2.5),
        "mirror_reflect": np.pad(x, [[1, 2], [3, 0], [2, 4]], mode="reflect"),
        "mirror_symmetric": np.pad(x, [[3, 0], [1, 4], [0, 5]], mode="symmetric"),
        "tile": np.tile(x, (2, 1, 3)),
        "itile": np.tile(i, (1, 2)),
        "fill": np.full((3, 60), x[0, 0, 0], np.float32),
        "zeros_like": np.zeros_like(i),
        "ones_like": np.ones_like(x),
        "gather": np.take(x, idx, axis=1),
        "gather_last": np.take(x, idx, axis=-1),
        "gather_nd": x[nd[..., 0], nd[..., 1]],
        "flatten": x.reshape(3, -1),
    }
    for name, value in inputs.items():
        np.save(os.path.join(out, name + ".npy"), value)
    for name, value in refs.items():
        path = os.path.join(out, "ref_" + name.replace(":", "_") + ".npy")
        np.save(path, np.ascontiguousarray(value))


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""Inputs and numpy references for the math-*.test execution tests.

  math_refs.py unary|binary|reduce OUTDIR

writes OUTDIR/<input>.npy for every placeholder of Inputs/math-<graph>.pbtxt
and OUTDIR/ref_<fetch>.npy for every fetch, computed with numpy in float64
(rounded once to the output dtype) following TF's documented semantics, not
with graphc.
"""
import os
import sys

import numpy as np

np.seterr(divide="ignore")  # pow(0, negative) is inf, as in TF

SELU_SCALE = 1.0507009873554804934193349852946
SELU_SCALE_ALPHA = 1.7580993408473768599402175208123


def unary(rng):
    # Away from 0 so that log/rsqrt stay finite; some values exactly integral
    # to exercise Floor.
    x = rng.uniform(-3, 3, (3, 4)).astype(np.float32)
    x[0, :2] = [-2.0, 1.0]
    d = x.astype(np.float64)
    a = np.abs(d)
    shifted = d - d.max(axis=-1, keepdims=True)
    refs = {
        "elu": np.where(d < 0, np.expm1(d), d),
        "selu": np.where(d < 0, SELU_SCALE_ALPHA * np.expm1(d), SELU_SCALE * d),
        "leaky": np.where(d > 0, d, 0.3 * d),
        "leaky_default": np.where(d > 0, d, 0.2 * d),
        "exp": np.exp(d),
        "log": np.log(a),
        "sqrt": np.sqrt(a),
        "rsqrt": 1 / np.sqrt(a),
        "floor": np.floor(d),
        "neg": -d,
        "square": d * d,
        "log_softmax": shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True)),
    }
    return {"x": x}, {k: v.astype(np.float32) for k, v in refs.items()}


def binary(rng):
    x = rng.uniform(-3, 3, (3, 4)).astype(np.float32)
    x[1, 1] = 0.0  # Cast to bool: 0 -> false
    y = np.array([0.5, -1.25, 2.0, 1.5], np.float32)
    x[2, 0] = y[0]  # a tie for the comparisons
    i = rng.integers(-5, 6, (3, 4)).astype(np.int32)
    j = np.array([0, 1, 3, 4], np.int32)
    divisor = np.array([3, -2, 5, -1], np.int32)  # the graph's Const
    i[0, 1] = 1  # equal to j[1]
    dx, dy = x.astype(np.float64), y.astype(np.float64)
    sqdiff = (dx - dy) ** 2
    maximum = np.maximum(dx, dy)
    less = x < y
    bits = x.view(np.uint32) & np.uint32(0xFFFFE000)  # 13 mantissa bits
    refs = {
        "maximum": maximum.astype(np.float32),
        "minimum": np.minimum(dx, dy).astype(np.float32),
        "sqdiff": sqdiff.astype(np.float32),
        "pow": np.power(np.abs(dx), dy).astype(np.float32),
        "addn": (dx + maximum + sqdiff).astype(np.float32),
        "ipow": np.power(i.astype(np.int64), j).astype(np.int32),
        "imax": np.maximum(i, j),
        "iabs": np.abs(i),
        "ineg": -i,
        "isquare": i * i,
        "iaddn": i + i,
        "less": less,
        "less_equal": x <= y,
        "greater": i > j,
        "greater_equal": i >= j,
        "equal": i == j,
        "not_equal": less != (x <= y),
        "select": np.where(less, dx, sqdiff).astype(np.float32),
        "select_rows": np.where(np.array([True, False, True])[:, None], dx,
                                sqdiff).astype(np.float32),
        "select_v2": np.where(y > 0, x, np.float32(0)),
        "to_int": np.trunc(x).astype(np.int32),
        "to_bool": np.trunc(x) != 0,
        "bool_to_float": (np.trunc(x) != 0).astype(np.float32),
        "to_float": i.astype(np.float32),
        "to_int8": i.astype(np.int8),
        "to_half": x.astype(np.float16),
        "to_half_truncated": bits.view(np.float32).astype(np.float16),
        # Division: floats in float32 as TF computes them; integers truncate
        # (Div) or floor (FloorDiv, FloorMod takes the divisor's sign).
        "div": x / y,
        "idiv": (np.sign(i) * np.sign(divisor) *
                 (np.abs(i) // np.abs(divisor))).astype(np.int32),
        "floordiv": np.floor(x / y),
        "ifloordiv": np.floor_divide(i, divisor),
        "floormod": np.mod(x, y),
        "ifloormod": np.mod(i, divisor),
    }
    return {"x": x, "y": y, "i": i, "j": j}, refs


def reduce(rng):
    x = rng.uniform(-2, 2, (2, 3, 4)).astype(np.float32)
    i = rng.integers(-5, 6, (2, 3, 4)).astype(np.int32)  # ties for ArgMax
    d = x.astype(np.float64)
    refs = {
        "sum": d.sum(axis=1, keepdims=True).astype(np.float32),
        "prod": d.prod(axis=(0, 2)).astype(np.float32),
        "max": x.max(axis=-1),
        "min": x.min(axis=1),
        "isum": np.array(i.sum(), np.int32),
        "imax": i.max(axis=1),
        "iprod": i.prod(axis=-1).astype(np.int32),
        "argmax": x.argmax(axis=1).astype(np.int64),
        "argmin": x.argmin(axis=-1).astype(np.int32),
        "iargmax": i.argmax(axis=1).astype(np.int64),
    }
    return {"x": x, "i": i}, refs


def main(argv):
    graph, out = argv[1], argv[2]
    rng = np.random.default_rng(20240)
    inputs, refs = {"unary": unary, "binary": binary, "reduce": reduce}[graph](rng)
    os.makedirs(out, exist_ok=True)
    for name, value in inputs.items():
        np.save(os.path.join(out, name + ".npy"), value)
    for name, value in refs.items():
        np.save(os.path.join(out, "ref_" + name + ".npy"), np.asarray(value))


if __name__ == "__main__":
    main(sys.argv)

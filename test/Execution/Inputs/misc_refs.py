#!/usr/bin/env python3
"""Inputs and numpy references for misc-ops.test.

  misc_refs.py OUTDIR

writes OUTDIR/<input>.npy for the placeholders of Inputs/misc-ops.pbtxt and
OUTDIR/ref_<fetch>.npy for every fetch, computed from TF's definitions, not
with graphc:

- resize source coordinates exactly as TF's kernels compute them, in float32
  (image_resizer_state.h: scale = in / out, or (in - 1) / (out - 1) with
  align_corners and out > 1; bilinear samples at i * scale, or
  (i + 0.5) * scale - 0.5 with half_pixel_centers, between rows
  max(floor, 0) and min(ceil, in - 1); nearest takes
  min(floor(i * scale), in - 1), min(roundf(i * scale), in - 1) with
  align_corners (roundf: halves away from zero), or
  max(min(floor((i + 0.5) * scale), in - 1), 0) with half_pixel_centers);
  the bilinear blend itself in float64;
- SpaceToBatchND / BatchToSpaceND element by element from their documented
  index maps (output batch = block offset (row-major) * batch + input batch);
- Dequantize as dequantize_op.cc: the scale factors in float32 as TF forms
  them, applied in float64.
"""
import os
import sys

import numpy as np

F = np.float32


def resize_scale(n_in, n_out, align):
    if align and n_out > 1:
        return F(n_in - 1) / F(n_out - 1)
    return F(n_in) / F(n_out)


def bilinear_taps(n_in, n_out, align, half):
    """Per output row: (lower, upper, lerp) as TF's
    compute_interpolation_weights, in float32."""
    scale = resize_scale(n_in, n_out, align)
    taps = []
    for i in range(n_out):
        if half:
            src = (F(i) + F(0.5)) * scale - F(0.5)
        else:
            src = F(i) * scale
        assert src.dtype == np.float32
        low = np.floor(src)
        taps.append((max(int(low), 0), min(int(np.ceil(src)), n_in - 1),
                     float(src - low)))
    return taps


def roundf(v):
    """C's roundf for v >= 0: halves away from zero (np.round rounds them
    to even)."""
    low = np.floor(v)
    return int(low) + (1 if v - low >= F(0.5) else 0)


def nearest_sources(n_in, n_out, align, half):
    scale = resize_scale(n_in, n_out, align)
    rows = []
    for i in range(n_out):
        if half:
            src = (F(i) + F(0.5)) * scale
            rows.append(max(min(int(np.floor(src)), n_in - 1), 0))
        elif align:
            rows.append(min(roundf(F(i) * scale), n_in - 1))
        else:
            rows.append(min(int(np.floor(F(i) * scale)), n_in - 1))
    return rows


def resize_bilinear(img, size, align, half):
    n, h, w, c = img.shape
    ys = bilinear_taps(h, size[0], align, half)
    xs = bilinear_taps(w, size[1], align, half)
    x = img.astype(np.float64)
    out = np.zeros((n, size[0], size[1], c))
    for i, (yl, yu, ly) in enumerate(ys):
        for j, (xl, xu, lx) in enumerate(xs):
            top = x[:, yl, xl] + (x[:, yl, xu] - x[:, yl, xl]) * lx
            bottom = x[:, yu, xl] + (x[:, yu, xu] - x[:, yu, xl]) * lx
            out[:, i, j] = top + (bottom - top) * ly
    return out


def resize_nearest(img, size, align, half):
    n, h, w, c = img.shape
    ys = nearest_sources(h, size[0], align, half)
    xs = nearest_sources(w, size[1], align, half)
    return img[:, ys][:, :, xs]


def space_to_batch(x, block, pads):
    n = x.shape[0]
    (bh, bw), ((pt, pb), (pl, pr)) = block, pads
    padded = np.zeros((n, x.shape[1] + pt + pb, x.shape[2] + pl + pr) +
                      x.shape[3:], x.dtype)
    padded[:, pt:pt + x.shape[1], pl:pl + x.shape[2]] = x
    oh, ow = padded.shape[1] // bh, padded.shape[2] // bw
    out = np.zeros((n * bh * bw, oh, ow) + x.shape[3:], x.dtype)
    for a in range(bh):
        for b in range(bw):
            for k in range(n):
                for i in range(oh):
                    for j in range(ow):
                        out[(a * bw + b) * n + k, i, j] = \
                            padded[k, i * bh + a, j * bw + b]
    return out


def batch_to_space(x, block, crops):
    (bh, bw), ((ct, cb), (cl, cr)) = block, crops
    n = x.shape[0] // (bh * bw)
    full = np.zeros((n, x.shape[1] * bh, x.shape[2] * bw) + x.shape[3:],
                    x.dtype)
    for k in range(n):
        for r in range(full.shape[1]):
            for q in range(full.shape[2]):
                full[k, r, q] = x[((r % bh) * bw + q % bw) * n + k,
                                  r // bh, q // bw]
    return full[:, ct:full.shape[1] - cb, cl:full.shape[2] - cr]


def dequantize(q, lo, hi, mode, narrow=False):
    """One slice of qint8 (or, MIN_COMBINED only, quint8) `q` with float32
    range [lo, hi]."""
    lo, hi = F(lo), F(hi)
    if mode == "MIN_COMBINED":
        lowest, highest = (0, 255) if q.dtype == np.uint8 else (-128, 127)
        # TF's half_range is 0 for unsigned types.
        half_range = (F(highest) - F(lowest) + F(1)) / F(2) if lowest else F(0)
        scale = (hi - lo) / (F(highest) - F(lowest))
        return (q.astype(np.float64) + float(half_range)) * float(scale) \
            + float(lo)
    min_output = -128 + (1 if narrow else 0)
    scale = max(lo / F(min_output), hi / F(127))
    assert scale.dtype == np.float32
    return q.astype(np.float64) * float(scale)


def dequantize_axis(q, lo, hi, mode, axis, narrow=False):
    out = np.zeros(q.shape)
    for s in range(q.shape[axis]):
        index = (slice(None),) * axis + (s,)
        out[index] = dequantize(q[index], lo[s], hi[s], mode, narrow)
    return out


def main():
    outdir = sys.argv[1]
    rng = np.random.default_rng(11)
    q = rng.integers(-128, 128, (3, 4, 5)).astype(np.int8)
    q.flat[:2] = (-128, 127)  # both ends of the range
    inputs = {
        "img": rng.uniform(-1, 1, (2, 5, 7, 3)).astype(F),
        "xs": rng.uniform(-1, 1, (2, 5, 6, 3)).astype(F),
        "xb": rng.uniform(-1, 1, (8, 3, 4, 2)).astype(F),
        "q": q,
        "qu": np.array([0, 1, 128, 255], np.uint8),
    }
    img = inputs["img"]
    refs = {}
    modes = {"legacy": (False, False), "align": (True, False),
             "half": (False, True)}
    for mode, (align, half) in modes.items():
        for direction, size in (("up", (8, 11)), ("down", (3, 4))):
            refs["bl_%s_%s" % (mode, direction)] = resize_bilinear(
                img, size, align, half)
            refs["nn_%s_%s" % (mode, direction)] = resize_nearest(
                img, size, align, half)
    refs["bl_align_row"] = resize_bilinear(img, (1, 4), True, False)
    refs["nn_align_tie"] = resize_nearest(img, (9, 13), True, False)
    # The ties decide: rounding them to even would pick other rows.
    assert nearest_sources(5, 9, True, False) == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    xs = inputs["xs"]
    pads, pads23 = ((1, 2), (3, 1)), ((0, 1), (1, 2))
    refs["s2b"] = space_to_batch(xs, (2, 2), pads)
    refs["s2b_23"] = space_to_batch(xs, (2, 3), pads23)
    refs["b2s"] = batch_to_space(inputs["xb"], (2, 2), ((1, 0), (2, 1)))
    # The round trips are checked against xs itself, and the two reference
    # functions against each other.
    assert np.array_equal(batch_to_space(refs["s2b"], (2, 2), pads), xs)
    assert np.array_equal(batch_to_space(refs["s2b_23"], (2, 3), pads23), xs)
    refs["round_trip"] = xs
    refs["round_trip_23"] = xs
    refs["dq_min_combined"] = dequantize(q, -1.5, 2.25, "MIN_COMBINED")
    refs["dq_quint8"] = dequantize(inputs["qu"], -1.5, 2.25, "MIN_COMBINED")
    refs["dq_scaled"] = dequantize(q, -2.0, 1.5, "SCALED")
    refs["dq_scaled_narrow"] = dequantize(q, -3.0, 2.0, "SCALED", True)
    refs["dq_scaled_axis"] = dequantize_axis(
        q, (-1.0, -0.5, -4.0, -0.25), (2.0, 0.5, 1.0, 3.0), "SCALED", 1, True)
    refs["dq_min_combined_axis"] = dequantize_axis(
        q, (-1.0, 0.0, -6.0, 0.5, -0.125), (1.0, 2.0, -2.0, 4.5, 0.375),
        "MIN_COMBINED", 2)
    for name, value in inputs.items():
        np.save(os.path.join(outdir, name + ".npy"), value)
    for name, value in refs.items():
        np.save(os.path.join(outdir, "ref_" + name + ".npy"),
                np.ascontiguousarray(value).astype(F))


if __name__ == "__main__":
    main()

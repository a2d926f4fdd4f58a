#!/usr/bin/env python3
"""Inputs and numpy references for the nn-*.test execution tests.

  nn_refs.py conv|matmul|norm OUTDIR

writes OUTDIR/<input>.npy for every placeholder of Inputs/nn-<graph>.pbtxt
and OUTDIR/ref_<fetch>.npy (ref_<node>_<index>.npy for output <index> > 0)
for every fetch, computed with numpy in float64 (rounded once to float32)
from TF's definitions, not with graphc: convolutions as sums over their
windows, the transposed convolution by scattering every gradient element
through the forward window, batch norm with TF's formulas.
"""
import os
import sys

import numpy as np


def same_pads(size, kernel, stride, dilation):
    """TF's SAME padding (before, after) of one spatial dim."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def window_geometry(x_hw, kernel_hw, strides, dilations, padding, explicit):
    """Per spatial dim: (pad_before, out_size) of a TF convolution."""
    geometry = []
    for d in range(2):
        size, k, s, dl = x_hw[d], kernel_hw[d], strides[d], dilations[d]
        if padding == "SAME":
            before, after = same_pads(size, k, s, dl)
        elif padding == "VALID":
            before, after = 0, 0
        else:
            before, after = explicit[d]
        out = (size + before + after - ((k - 1) * dl + 1)) // s + 1
        geometry.append((before, out))
    return geometry


def conv2d(x, w, strides, dilations, padding, explicit=((0, 0), (0, 0)),
           depthwise=False):
    """NHWC x, HWIO w (HW, C, M for depthwise): the TF definition, summing
    every tap that falls inside the input."""
    n, h, wd, c = x.shape
    kh, kw = w.shape[:2]
    (ph, oh), (pw, ow) = window_geometry((h, wd), (kh, kw), strides,
                                         dilations, padding, explicit)
    channels = c * w.shape[3] if depthwise else w.shape[3]
    out = np.zeros((n, oh, ow, channels))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    r = i * strides[0] + a * dilations[0] - ph
                    q = j * strides[1] + b * dilations[1] - pw
                    if 0 <= r < h and 0 <= q < wd:
                        if depthwise:
                            # channel c * M + m reads input channel c.
                            out[:, i, j, :] += (x[:, r, q, :, None] *
                                                w[a, b][None]).reshape(n, -1)
                        else:
                            out[:, i, j, :] += x[:, r, q, :] @ w[a, b]
    return out


def conv2d_backprop_input(sizes, w, grad, strides, dilations, padding,
                          explicit=((0, 0), (0, 0))):
    """The gradient of conv2d w.r.t. its NHWC input of shape `sizes`: every
    grad element flows back through the taps of its forward window."""
    n, h, wd, c = sizes
    kh, kw = w.shape[:2]
    (ph, oh), (pw, ow) = window_geometry((h, wd), (kh, kw), strides,
                                         dilations, padding, explicit)
    assert grad.shape[1:3] == (oh, ow)
    out = np.zeros((n, h, wd, c))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    r = i * strides[0] + a * dilations[0] - ph
                    q = j * strides[1] + b * dilations[1] - pw
                    if 0 <= r < h and 0 <= q < wd:
                        out[:, r, q, :] += grad[:, i, j, :] @ w[a, b].T
    return out


def nchw(a):
    return a.transpose(0, 3, 1, 2)


def nhwc(a):
    return a.transpose(0, 2, 3, 1)


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def conv(rng):
    f = lambda *s: rng.uniform(-1, 1, s).astype(np.float32)
    inputs = {"x": f(2, 5, 6, 3), "dw": f(3, 3, 3, 2), "w": f(3, 3, 3, 4),
              "g1": f(2, 3, 3, 4), "g2": f(2, 4, 4, 7), "b4": f(4),
              "b6": f(6), "alpha6": f(6), "side": f(2, 5, 6, 4)}
    inputs["xc"] = np.ascontiguousarray(nchw(inputs["x"]))
    d = {k: v.astype(np.float64) for k, v in inputs.items()}
    x, w, dw = d["x"], d["w"], d["dw"]
    scale = np.array([0.5, 1.5, -1.0, 2.0], np.float32).astype(np.float64)
    offset = np.array([0.1, -0.2, 0.3, 0.0], np.float32).astype(np.float64)
    mean = np.array([0.05, -0.1, 0.2, 0.0], np.float32).astype(np.float64)
    var = np.array([0.5, 1.0, 2.0, 0.25], np.float32).astype(np.float64)
    eps = np.float64(np.float32(0.01))
    bn = conv2d(x, w, (1, 1), (1, 1), "VALID")
    bn = (bn - mean) / np.sqrt(var + eps) * scale + offset
    biased = conv2d(x, w, (1, 1), (1, 1), "SAME") + d["b4"]
    added = biased + d["side"]
    fdw = conv2d(x, dw, (2, 2), (1, 1), "SAME", depthwise=True) + d["b6"]
    refs = {
        "dw_same": conv2d(x, dw, (2, 2), (1, 1), "SAME", depthwise=True),
        # NCHW: explicit_paddings H (1, 2), W (0, 1); dilations H 2;
        # strides W 2.
        "dw_nchw": nchw(conv2d(x, dw, (1, 2), (2, 1), "EXPLICIT",
                               ((1, 2), (0, 1)), depthwise=True)),
        "deconv_same": conv2d_backprop_input((2, 5, 6, 3), w, d["g1"],
                                             (2, 2), (1, 1), "SAME"),
        # NCHW: explicit H (2, 1), W (5, 0), where the W padding exceeds the
        # dilated window: gradient columns that reach no input are dropped.
        "deconv_nchw": nchw(conv2d_backprop_input(
            (2, 5, 6, 3), w, nhwc(d["g2"]), (1, 1), (2, 2), "EXPLICIT",
            ((2, 1), (5, 0)))),
        "fc_relu6": np.clip(biased, 0, 6),
        "fc_bn": nchw(np.where(bn > 0, bn, bn * np.float64(np.float32(0.3)))),
        "fc_add": np.where(added < 0, np.expm1(added), added),
        "fdw": np.where(fdw > 0, fdw, fdw * d["alpha6"]),
    }
    return inputs, refs


def matmul(rng):
    f = lambda *s: rng.uniform(-1, 1, s).astype(np.float32)
    i = lambda *s: rng.integers(-50, 50, s).astype(np.int32)
    inputs = {"a": f(2, 1, 3, 4), "b": f(3, 5, 4), "c": f(2, 4, 3),
              "d": f(2, 4, 5), "e": f(3, 4), "f": f(4, 2), "ci": i(2, 3, 4),
              "di": i(2, 4, 2), "m": f(3, 4), "n": f(2, 4), "mt": f(4, 3),
              "bias2": f(2), "scale2": f(2), "offset2": f(2), "mean2": f(2),
              "var2": rng.uniform(0.5, 2, 2).astype(np.float32)}
    d = {k: v.astype(np.float64) for k, v in inputs.items()}
    t = lambda v: np.swapaxes(v, -1, -2)
    bn = d["e"] @ d["f"]
    bn = ((bn - d["mean2"]) / np.sqrt(d["var2"] + np.float64(np.float32(1e-3)))
          * d["scale2"] + d["offset2"])
    refs = {
        "bmm_v2": d["a"] @ t(d["b"]),
        "bmm": t(d["c"]) @ d["d"],
        "bmm_v3": d["e"] @ d["f"],
        "bmm_int": inputs["ci"].astype(np.int64) @ inputs["di"],
        "fmm_sigmoid": sigmoid(d["m"] @ t(d["n"]) + d["bias2"]),
        "fmm_tanh": np.tanh(t(d["mt"]) @ t(d["n"]) + d["bias2"]),
        "fmm_bn": np.maximum(bn, 0),
    }
    return inputs, refs


def norm(rng):
    f = lambda *s: rng.uniform(-2, 2, s).astype(np.float32)
    inputs = {"x": f(2, 4, 5, 3), "p_scale": f(3), "p_offset": f(3),
              "p_mean": f(3), "p_var": rng.uniform(0.2, 2, 3).astype(np.float32),
              "alpha": f(3), "alpha2": f(1, 1, 3)}
    inputs["xc"] = np.ascontiguousarray(nchw(inputs["x"]))
    d = {k: v.astype(np.float64) for k, v in inputs.items()}
    c = lambda *v: np.array(v, np.float32).astype(np.float64)
    scale, offset = c(0.5, 2.0, -1.5), c(0.25, -1.0, 0.5)
    mean, var = c(0.1, -0.3, 0.2), c(0.8, 1.5, 0.3)
    eps = np.float64(np.float32(0.001))
    x = d["x"]

    def normalize(v, m, s2, sc, off, epsilon):
        return (v - m) / np.sqrt(s2 + epsilon) * sc + off

    axes = (0, 1, 2)
    count = x.size // x.shape[3]
    batch_mean = x.mean(axis=axes)
    batch_var = x.var(axis=axes)  # population variance, for y
    factor = 0.25
    refs = {
        "bn_inf": normalize(x, mean, var, scale, offset, eps),
        "bn_nchw": nchw(normalize(x, d["p_mean"], d["p_var"], d["p_scale"],
                                  d["p_offset"], np.float64(np.float32(1e-4)))),
        "bn_train": normalize(x, batch_mean, batch_var, scale, offset, eps),
        # Running statistics: blended with factor 0.25; the variance is
        # Bessel-corrected.
        "bn_train_1": (1 - factor) * mean + factor * batch_mean,
        "bn_train_2": ((1 - factor) * var +
                       factor * batch_var * count / (count - 1)),
        "bn_train_3": batch_mean,
        "bn_train_4": batch_var,
        "bn_train_nchw": nchw(normalize(x, batch_mean, batch_var, scale,
                                        offset, np.float64(np.float32(1e-4)))),
        "bn_train_nchw_2": batch_var * count / (count - 1),
        "prelu": np.where(x > 0, x, x * d["alpha"]),
        "prelu_b": np.where(x > 0, x, x * d["alpha2"]),
    }
    return inputs, refs


def main():
    kind, outdir = sys.argv[1], sys.argv[2]
    rng = np.random.default_rng(7)
    inputs, refs = {"conv": conv, "matmul": matmul, "norm": norm}[kind](rng)
    for name, value in inputs.items():
        np.save(os.path.join(outdir, name + ".npy"), value)
    for name, value in refs.items():
        dtype = np.int32 if name == "bmm_int" else np.float32
        np.save(os.path.join(outdir, "ref_" + name + ".npy"),
                np.ascontiguousarray(value).astype(dtype))


if __name__ == "__main__":
    main()

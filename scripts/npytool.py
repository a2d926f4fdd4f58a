#!/usr/bin/env python3
"""Small .npy helpers for tests and the conformance runner.

  npytool.py transpose IN.npy OUT.npy 0,2,3,1   permute axes (NCHW -> NHWC)
  npytool.py nhwc IN.npy OUT.npy                4-D NCHW -> NHWC, others copied
  npytool.py make OUT.npy DTYPE SHAPE VALUES    e.g. make x.npy float32 3x1 1,2,3
  npytool.py compare GOT.npy REF.npy ATOL       same shape, max |GOT - REF| <= ATOL
"""
import sys

import numpy as np


def main(argv):
    cmd = argv[1]
    if cmd == "transpose":
        a = np.load(argv[2])
        np.save(argv[3], np.ascontiguousarray(a.transpose([int(x) for x in argv[4].split(",")])))
    elif cmd == "nhwc":
        a = np.load(argv[2])
        if a.ndim == 4:
            a = a.transpose(0, 2, 3, 1)
        np.save(argv[3], np.ascontiguousarray(a))
    elif cmd == "make":
        shape = [int(d) for d in argv[4].split("x")] if argv[4] != "[]" else []
        values = [float(v) for v in argv[5].split(",")]
        np.save(argv[2], np.array(values, dtype=argv[3]).reshape(shape))
    elif cmd == "compare":
        got, ref = np.load(argv[2]), np.load(argv[3])
        if got.shape != ref.shape:
            sys.exit("npytool: shape %s, expected %s" % (got.shape, ref.shape))
        err = float(np.max(np.abs(got.astype(np.float64) - ref))) if ref.size else 0.0
        print("max_abs_err=%g (atol %s) %s" % (err, argv[4], "ok" if err <= float(argv[4]) else "FAIL"))
        sys.exit(0 if err <= float(argv[4]) else 1)
    else:
        sys.exit("npytool: unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)

#!/usr/bin/env python3
"""Small .npy helpers for tests and the conformance runner.

  npytool.py transpose IN.npy OUT.npy 0,2,3,1   permute axes (NCHW -> NHWC)
  npytool.py nhwc IN.npy OUT.npy                4-D NCHW -> NHWC, others copied
  npytool.py make OUT.npy DTYPE SHAPE VALUES    e.g. make x.npy float32 3x1 1,2,3
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
    else:
        sys.exit("npytool: unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)

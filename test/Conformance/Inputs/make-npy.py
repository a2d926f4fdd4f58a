"""Writes the .npy inputs and numpy-computed references of the synthetic
manifests in opencv-style/ and realistic-style/ (test/Conformance/runner-*.test).

  make-npy.py DIR     DIR holds copies of both folders
"""
import os
import sys

import numpy as np

root = sys.argv[1]
save = lambda sub, name, a: np.save(os.path.join(root, sub, name), a)

# opencv-style: NCHW storage of an NHWC graph y = relu(x + c), c per channel.
x = np.linspace(-2, 2, 24, dtype=np.float32).reshape(1, 2, 3, 4)  # NCHW
c = np.array([0.5, -1], dtype=np.float32)
y = np.maximum(x + c[None, :, None, None], 0)
save("opencv-style", "bias_relu_in.npy", x)
save("opencv-style", "bias_relu_out.npy", y)
wrong = y.copy()
wrong[0, 1, 2, 3] += 0.01  # one element off: max_abs fails
save("opencv-style", "bias_relu_wrong_out.npy", wrong)
save("opencv-style", "bias_relu_mean_out.npy", y + 5e-5)  # max_abs holds, mean_abs fails
save("opencv-style", "bias_relu_shape_out.npy", y.reshape(2, 12))
a = np.array([[1, -2, 3], [0.5, 0, -1]], dtype=np.float32)
b = np.array([[1, 2], [3, -4], [-5, 6]], dtype=np.float32)
save("opencv-style", "a.npy", a)
save("opencv-style", "b.npy", b)
save("opencv-style", "m.npy", a @ b)
save("opencv-style", "r.npy", np.maximum(a @ b, 0))

# realistic-style: dense layer, float64 input converted to float32.
xin = np.array([[0.1, -0.2, 0.3], [1.5, 0.25, -0.75]])
w = np.array([[1, -2], [0.5, 0.25], [-1, 3]])
bias = np.array([0.5, -0.5])
save("realistic-style", "dense_in.npy", xin)
save("realistic-style", "dense_out.npy", np.maximum(xin @ w + bias, 0).astype(np.float32))
save("realistic-style", "dense_z.npy", np.maximum(xin, 0).astype(np.float32))

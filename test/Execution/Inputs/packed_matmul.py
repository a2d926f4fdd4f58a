"""packed-matmul.test: a MatMul by a constant 37x100 B and one by a fed
37x100 B (N = 100: three whole 32-wide panels and a padded one), as a
.pbtxt, with seeded inputs and numpy references (float64 products)."""
import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.RandomState(11)
wb = rng.uniform(-1, 1, (37, 100)).astype(np.float32)
a = rng.uniform(-1, 1, (70, 37)).astype(np.float32)
a2 = rng.uniform(-1, 1, (96, 37)).astype(np.float32)
c = rng.uniform(-1, 1, (37, 100)).astype(np.float32)


def placeholder(name, shape):
    dims = "".join(f" dim {{ size: {d} }}" for d in shape)
    return (f'node {{ name: "{name}" op: "Placeholder" attr {{ key: "dtype" value {{ type: DT_FLOAT }} }}'
            f' attr {{ key: "shape" value {{ shape {{{dims} }} }} }} }}\n')


def matmul(name, x, y):
    return (f'node {{ name: "{name}" op: "MatMul" input: "{x}" input: "{y}"'
            f' attr {{ key: "T" value {{ type: DT_FLOAT }} }} }}\n')


values = " ".join(f"float_val: {v!r}" for v in wb.astype(float).ravel())
text = placeholder("a", a.shape) + placeholder("a2", a2.shape) + placeholder("c", c.shape)
text += ('node { name: "w" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }'
         ' attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 37 } dim { size: 100 } } '
         + values + ' } } } }\n')
text += matmul("y", "a", "w") + matmul("z", "a2", "c")
with open(os.path.join(out, "packed-matmul.pbtxt"), "w") as f:
    f.write(text)
for name, arr in (("a", a), ("a2", a2), ("c", c)):
    np.save(os.path.join(out, name + ".npy"), arr)
np.save(os.path.join(out, "ref_y.npy"), (a.astype(np.float64) @ wb.astype(np.float64)).astype(np.float32))
np.save(os.path.join(out, "ref_z.npy"), (a2.astype(np.float64) @ c.astype(np.float64)).astype(np.float32))

"""ctypes mirrors of the structs and constants of graphc-c/Runtime.h (ABI 3).

Keep in step with include/graphc-c/Runtime.h: the layouts below are that
header's graphc_tensor_info and graphc_model_info, field for field, and
DTYPES is its graphc_dtype enum (TensorFlow's DataType numbers).
test/Python checks these against the header.
"""

import ctypes

import numpy as np

__all__ = [
    "GRAPHC_ABI_VERSION", "GRAPHC_STATUS_OK", "GRAPHC_STATUS_OUT_OF_MEMORY",
    "DTYPES", "GraphcTensorInfo", "GraphcModelInfo", "ENTRY_ARGTYPES",
]

# The ABI version this package reads; a library built for another is refused.
GRAPHC_ABI_VERSION = 3

GRAPHC_STATUS_OK = 0
GRAPHC_STATUS_OUT_OF_MEMORY = 1

# graphc_dtype -> numpy dtype. BOOL is one byte per element (0 or 1), HALF
# holds IEEE binary16 bit patterns: numpy's bool_ and float16 exactly.
DTYPES = {
    1: np.dtype(np.float32),   # GRAPHC_DT_FLOAT
    2: np.dtype(np.float64),   # GRAPHC_DT_DOUBLE
    3: np.dtype(np.int32),     # GRAPHC_DT_INT32
    4: np.dtype(np.uint8),     # GRAPHC_DT_UINT8
    5: np.dtype(np.int16),     # GRAPHC_DT_INT16
    6: np.dtype(np.int8),      # GRAPHC_DT_INT8
    9: np.dtype(np.int64),     # GRAPHC_DT_INT64
    10: np.dtype(np.bool_),    # GRAPHC_DT_BOOL
    17: np.dtype(np.uint16),   # GRAPHC_DT_UINT16
    19: np.dtype(np.float16),  # GRAPHC_DT_HALF
    22: np.dtype(np.uint32),   # GRAPHC_DT_UINT32
    23: np.dtype(np.uint64),   # GRAPHC_DT_UINT64
}


class GraphcTensorInfo(ctypes.Structure):
    """struct graphc_tensor_info."""
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("dtype", ctypes.c_int32),
        ("rank", ctypes.c_int32),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
        ("num_elements", ctypes.c_int64),
        ("num_bytes", ctypes.c_int64),
    ]


class GraphcModelInfo(ctypes.Structure):
    """struct graphc_model_info."""
    _fields_ = [
        ("abi_version", ctypes.c_uint32),
        ("name", ctypes.c_char_p),
        ("num_inputs", ctypes.c_int32),
        ("num_outputs", ctypes.c_int32),
        ("inputs", ctypes.POINTER(GraphcTensorInfo)),
        ("outputs", ctypes.POINTER(GraphcTensorInfo)),
        ("workspace_bytes", ctypes.c_int64),
        ("num_variables", ctypes.c_int32),
        ("variable_values", ctypes.POINTER(ctypes.c_void_p)),
    ]


# int NAME(const void *const *inputs, void *const *outputs);
ENTRY_ARGTYPES = [ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]

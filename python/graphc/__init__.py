"""graphc: compile TensorFlow graphs ahead of time, and run the result.

Pure Python over ctypes and numpy. ``compile`` drives the ``graph-compile``
tool (found through $GRAPHC_HOME/bin, the package's own bin/, or PATH);
``load`` opens the shared library it writes and returns a callable Model.

    import graphc, numpy as np
    lib = graphc.compile("mlp.pb", fetches=["probs"], out="out/mlp")
    model = graphc.load(lib.so)
    probs = model(x=np.zeros((1, 8), np.float32))["probs"]
"""

from ._abi import DTYPES, GRAPHC_ABI_VERSION
from ._compile import CompiledModel, compile
from ._errors import ABIVersionError, CompileError, ModelRunError, ToolNotFoundError
from ._library import Model, TensorInfo, load
from ._tools import find_tool

__version__ = "0.1.0"

__all__ = [
    "compile", "load", "find_tool",
    "CompiledModel", "Model", "TensorInfo",
    "CompileError", "ToolNotFoundError", "ModelRunError", "ABIVersionError",
    "GRAPHC_ABI_VERSION", "DTYPES",
]

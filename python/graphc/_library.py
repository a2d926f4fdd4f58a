"""Loading a graphc-generated shared library and calling it with numpy arrays.

graphc.load(path) dlopens ``PREFIX.so`` with ctypes, reads its
``NAME_info()`` (graphc-c/Runtime.h, ABI 3) and returns a Model: a callable
that checks its inputs against the static shapes and dtypes, allocates fresh
output arrays and calls ``NAME(inputs, outputs)``.
"""

import collections.abc
import ctypes
import os
import re
import shutil
import tempfile
import threading

import numpy as np

from . import _abi
from ._elf import dynamic_symbols
from ._errors import ABIVersionError, ModelRunError

__all__ = ["load", "Model", "TensorInfo", "model_name_from_path"]


def model_name_from_path(prefix):
    """The entry-point name graph-compile gives ``-o PREFIX`` without --name:
    PREFIX's file name with every character other than a letter or digit
    replaced by ``_``, and ``model_`` put in front if it would start with a
    digit."""
    base = os.path.basename(os.fspath(prefix).rstrip("/"))
    name = re.sub(r"[^A-Za-z0-9]", "_", base)
    if not name or name[0].isdigit():
        name = "model_" + name
    return name


class TensorInfo(collections.namedtuple(
        "TensorInfo", ["name", "dtype", "shape", "is_variable"])):
    """One input or output of a compiled model: its TF name, numpy dtype,
    static shape (a tuple) and whether it is a variable kept by
    ``graph-compile --keep-variable``."""

    __slots__ = ()

    @property
    def num_elements(self):
        return int(np.prod(self.shape, dtype=np.int64))

    @property
    def num_bytes(self):
        return self.num_elements * self.dtype.itemsize

    def __str__(self):
        return "%s: %s[%s]%s" % (self.name, self.dtype.name,
                                 ",".join(str(d) for d in self.shape),
                                 " (variable)" if self.is_variable else "")


def _describe(info):
    return "dtype %s, shape %s" % (info.dtype.name, info.shape)


def _resolve_name(path, name):
    """Finds the model name: ``name`` if given, else the file stem, else the
    one ``NAME_info`` the library exports next to ``NAME``."""
    if name is not None:
        return name
    stem = os.path.basename(path)
    guess = model_name_from_path(stem[:-3] if stem.endswith(".so") else stem)
    try:
        symbols = set(dynamic_symbols(path))
    except Exception:  # not ELF, truncated...: let dlopen say what is wrong
        return guess
    if guess + "_info" in symbols and guess in symbols:
        return guess
    candidates = sorted(s[:-5] for s in symbols
                        if s.endswith("_info") and s[:-5] in symbols)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValueError("%s: exports no NAME_info/NAME pair: not a graphc-generated "
                         "library? (pass name= if it is)" % path)
    raise ValueError("%s: exports several models (%s): pass name= to choose one"
                     % (path, ", ".join(candidates)))


_loaded_lock = threading.Lock()
_loaded = {}  # absolute path -> ((st_dev, st_ino, st_size, st_mtime_ns), CDLL), the latest


def _dlopen(path):
    """ctypes.CDLL(path), except for a file rewritten since an earlier load
    of the same path: dlopen matches an already loaded object by its path
    and would return the old code (ctypes never dlcloses), so that file is
    loaded from a private copy, removed once it is mapped."""
    st = os.stat(path)
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    with _loaded_lock:
        before = _loaded.get(path)
        if before is not None and before[0] == key:
            return before[1]
        if before is None:
            lib = ctypes.CDLL(path)
        else:
            tmpdir = tempfile.mkdtemp(prefix="graphc-load-")
            try:
                copy = os.path.join(tmpdir, os.path.basename(path))
                shutil.copyfile(path, copy)
                lib = ctypes.CDLL(copy)
            finally:
                shutil.rmtree(tmpdir, ignore_errors=True)
        _loaded[path] = (key, lib)
        return lib


class Model:
    """A loaded graphc model.

    Attributes:
      path: the shared library; name: its model (entry point) name;
      abi_version: the ABI it was built for;
      inputs: tuple of TensorInfo in feed order, kept variables last;
      feeds: the inputs that are not kept variables;
      outputs: tuple of TensorInfo in fetch order;
      workspace_bytes: the scratch size of one call.

    Calling:
      ``model(x=a)``, ``model({"x": a})`` or ``model(a)`` (positional, in
      ``inputs`` order) returns a dict {output name: numpy array};
      ``model.run(...)`` takes the same arguments and returns a list of the
      outputs in fetch order. Every feed must be given; a kept variable may
      be, by name (or positionally after the feeds), and defaults to the value
      it was saved with. Each call allocates its own output arrays; calls from
      several threads at once are safe (ctypes releases the GIL during the
      call and the library is reentrant).
    """

    def __init__(self, path, name=None):
        path = os.fspath(path)
        if not path.endswith(".so") and not os.path.exists(path) and os.path.exists(path + ".so"):
            path = path + ".so"
        if not os.path.exists(path):
            raise FileNotFoundError("no such model library: %s" % path)
        self.path = os.path.abspath(path)
        name = _resolve_name(self.path, name)
        # RTLD_LOCAL (ctypes' default): models with the same NAME load side by side.
        self._lib = _dlopen(self.path)
        try:
            info_fn = getattr(self._lib, name + "_info")
            entry = getattr(self._lib, name)
        except AttributeError:
            raise ValueError("%s: exports no '%s_info'/'%s' (wrong name=? the library's "
                             "symbols are NAME, NAME_with_workspace, NAME_info)"
                             % (self.path, name, name)) from None
        # Read abi_version alone first: it leads the struct in every version.
        info_fn.restype = ctypes.c_void_p
        info_fn.argtypes = []
        addr = info_fn()
        if not addr:
            raise ValueError("%s: %s_info() returned NULL" % (self.path, name))
        abi = ctypes.c_uint32.from_address(addr).value
        if abi != _abi.GRAPHC_ABI_VERSION:
            raise ABIVersionError(
                "%s: built for graphc runtime ABI version %d, but this graphc package "
                "reads version %d: recompile the model with a matching graph-compile "
                "or use the matching graphc Python package"
                % (self.path, abi, _abi.GRAPHC_ABI_VERSION))
        info = _abi.GraphcModelInfo.from_address(addr)
        self._info = info
        self.abi_version = abi
        lib_name = info.name.decode("utf-8") if info.name else ""
        if lib_name != name:
            raise ValueError("%s: %s_info() describes model '%s', not '%s'"
                             % (self.path, name, lib_name, name))
        self.name = name
        self.workspace_bytes = int(info.workspace_bytes)

        nin, nout, nvar = int(info.num_inputs), int(info.num_outputs), int(info.num_variables)
        if not 0 <= nvar <= nin:
            raise ValueError("%s: inconsistent info: %d variables, %d inputs" % (self.path, nvar, nin))
        self.inputs = tuple(self._tensor(info.inputs[i], i >= nin - nvar, "input %d" % i)
                            for i in range(nin))
        self.outputs = tuple(self._tensor(info.outputs[j], False, "output %d" % j)
                             for j in range(nout))
        self.feeds = self.inputs[:nin - nvar]
        self._index = {t.name: i for i, t in enumerate(self.inputs)}
        # Saved values of the kept variables: pointers into the library's
        # read-only data, passed as is when the caller gives no value.
        self._variable_ptrs = [info.variable_values[i] for i in range(nvar)]

        entry.restype = ctypes.c_int
        entry.argtypes = _abi.ENTRY_ARGTYPES
        self._entry = entry

    def _tensor(self, t, is_variable, what):
        code = int(t.dtype)
        if code not in _abi.DTYPES:
            raise ValueError("%s: %s has graphc_dtype %d, which this package does not know"
                             % (self.path, what, code))
        rank = int(t.rank)
        shape = tuple(int(t.shape[d]) for d in range(rank)) if rank else ()
        ti = TensorInfo(t.name.decode("utf-8") if t.name else "", _abi.DTYPES[code],
                        shape, is_variable)
        if ti.num_bytes != int(t.num_bytes):
            raise ValueError("%s: %s '%s': num_bytes %d does not match %s"
                             % (self.path, what, ti.name, int(t.num_bytes), _describe(ti)))
        return ti

    # -- metadata ---------------------------------------------------------------

    @property
    def variables(self):
        """{name: numpy array}: fresh, writable copies of the values the kept
        variables (``graph-compile --keep-variable``) were saved with. Pass a
        changed one back by name to use it; an empty dict without variables."""
        out = {}
        first = len(self.inputs) - len(self._variable_ptrs)
        for i, ptr in enumerate(self._variable_ptrs):
            t = self.inputs[first + i]
            raw = ctypes.string_at(ptr, t.num_bytes) if t.num_bytes else b""
            out[t.name] = np.frombuffer(raw, dtype=t.dtype).reshape(t.shape).copy()
        return out

    def __repr__(self):
        return "<graphc.Model '%s' inputs=[%s] outputs=[%s]>" % (
            self.name, ", ".join(map(str, self.inputs)), ", ".join(map(str, self.outputs)))

    # -- calling ----------------------------------------------------------------

    def _gather(self, args, kwargs):
        if len(args) == 1 and isinstance(args[0], collections.abc.Mapping):
            given = dict(args[0])
            overlap = set(given) & set(kwargs)
            if overlap:
                raise TypeError("input '%s' given twice (in the dict and as a keyword)"
                                % sorted(overlap)[0])
            given.update(kwargs)
        else:
            if len(args) > len(self.inputs):
                raise TypeError("model '%s' takes %d inputs (%s), got %d positional arrays"
                                % (self.name, len(self.inputs),
                                   ", ".join(t.name for t in self.inputs), len(args)))
            given = {}
            for t, a in zip(self.inputs, args):
                given[t.name] = a
            for k, v in kwargs.items():
                if k in given:
                    raise TypeError("input '%s' given twice (positionally and as a keyword)" % k)
                given[k] = v
        unknown = [k for k in given if k not in self._index]
        if unknown:
            raise ValueError("unknown input '%s' for model '%s'; its inputs are: %s"
                             % (unknown[0], self.name,
                                ", ".join(t.name for t in self.inputs) or "(none)"))
        missing = [t for t in self.feeds if t.name not in given]
        if missing:
            t = missing[0]
            raise ValueError("missing input '%s' (%s) for model '%s'"
                             % (t.name, _describe(t), self.name))
        return given

    @staticmethod
    def _convert(t, value):
        a = value if isinstance(value, np.ndarray) else np.asarray(value)
        if not np.can_cast(a.dtype, t.dtype, "same_kind"):
            raise TypeError("input '%s': expected dtype %s, got %s, which cannot be cast "
                            "safely (same_kind)" % (t.name, t.dtype.name, a.dtype.name))
        if a.shape != t.shape:
            raise ValueError("input '%s': expected shape %s, got %s"
                             % (t.name, t.shape, a.shape))
        a = np.ascontiguousarray(a, dtype=t.dtype)
        if not a.flags.aligned:
            a = a.copy()
        return a

    def run(self, *args, **kwargs):
        """Runs the model once; returns the outputs as a list, in fetch order.
        Takes the same arguments as calling the model."""
        given = self._gather(args, kwargs)
        n = len(self.inputs)
        keep = []  # the converted arrays, alive until the call returns
        in_ptrs = (ctypes.c_void_p * max(n, 1))()
        first_var = n - len(self._variable_ptrs)
        for i, t in enumerate(self.inputs):
            if t.name in given:
                a = self._convert(t, given[t.name])
                keep.append(a)
                in_ptrs[i] = a.ctypes.data
            else:  # a kept variable: its saved value, read-only in the library
                in_ptrs[i] = self._variable_ptrs[i - first_var]
        outs = [np.empty(t.shape, dtype=t.dtype) for t in self.outputs]
        out_ptrs = (ctypes.c_void_p * max(len(outs), 1))()
        for j, o in enumerate(outs):
            out_ptrs[j] = o.ctypes.data
        status = self._entry(in_ptrs, out_ptrs)
        del keep
        if status != _abi.GRAPHC_STATUS_OK:
            raise ModelRunError(self.name, status)
        return outs

    def __call__(self, *args, **kwargs):
        """Runs the model once; returns {output name: numpy array}."""
        return dict(zip((t.name for t in self.outputs), self.run(*args, **kwargs)))


def load(path, name=None):
    """Loads the graphc-generated shared library ``path`` (``PREFIX.so``; a
    PREFIX without ``.so``, or a CompiledModel from graphc.compile, also do)
    and returns a Model.

    ``name`` is the model's entry-point name (graph-compile's --name). By
    default it is derived from the file name as graph-compile derives it from
    ``-o PREFIX``; if the library exports no such symbol, the single
    ``NAME_info`` it exports (read from its ELF dynamic symbol table) is used.
    """
    so = getattr(path, "so", None)
    if so is not None and not isinstance(path, (str, bytes, os.PathLike)):
        if name is None:
            name = getattr(path, "name", None)
        path = so
    return Model(path, name=name)

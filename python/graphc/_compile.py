"""Driving graph-compile: graphc.compile and the CompiledModel it returns.

graphc.compile builds a graph-compile command line from keyword arguments,
runs it, and returns the paths of what it wrote. TensorFlow objects are
first saved to a temporary SavedModel (see _tf.py).
"""

import os
import re
import shlex
import shutil
import subprocess
import tempfile

from . import _tf
from ._errors import CompileError
from ._library import load as _load, model_name_from_path
from ._tools import find_tool

__all__ = ["compile", "CompiledModel", "EMIT_SUFFIXES"]

# --emit kind -> the suffix graph-compile appends to the output prefix.
EMIT_SUFFIXES = {
    "obj": ".o",
    "so": ".so",
    "h": ".h",
    "mlir": ".mlir",
    "llvm": ".ll",
    "asm": ".s",
    "graph": ".graph.mlir",
    "frozen-pb": ".pb",
    "frozen-pbtxt": ".pbtxt",
}

_C_KEYWORDS = frozenset("""
    alignas alignof and and_eq asm auto bitand bitor bool break case catch char
    char8_t char16_t char32_t class compl concept const consteval constexpr
    constinit const_cast continue co_await co_return co_yield decltype default
    delete do double dynamic_cast else enum explicit export extern false float
    for friend goto if inline int long mutable namespace new noexcept not not_eq
    nullptr operator or or_eq private protected public register
    reinterpret_cast requires restrict return short signed sizeof static
    static_assert static_cast struct switch template this thread_local throw
    true try typedef typeid typename union unsigned using virtual void volatile
    wchar_t while xor xor_eq _Alignas _Alignof _Atomic _Bool _Complex _Generic
    _Imaginary _Noreturn _Static_assert _Thread_local
""".split())


class CompiledModel:
    """What graphc.compile wrote.

    Attributes:
      prefix: the output prefix (``-o``); name: the model's entry-point name;
      so, h, o: the paths of ``PREFIX.so``, ``PREFIX.h``, ``PREFIX.o`` (None
      for a kind not emitted); files: {emit kind: path} for every file
      written; command: the graph-compile command line (a list);
      stderr: what graph-compile printed on stderr (warnings, if any).
    """

    def __init__(self, prefix, name, emitted, command, stderr=""):
        self.prefix = prefix
        self.name = name
        self.files = {}
        for kind in emitted:
            path = prefix + EMIT_SUFFIXES.get(kind, "." + kind)
            if os.path.exists(path):
                self.files[kind] = path
        self.so = self.files.get("so")
        self.h = self.files.get("h")
        self.o = self.files.get("obj")
        self.command = list(command)
        self.stderr = stderr

    def load(self):
        """graphc.load of the shared library (needs ``so`` emitted)."""
        if self.so is None:
            raise ValueError("no shared library was emitted (emit 'so' to load the model)")
        return _load(self.so, name=self.name)

    def __repr__(self):
        return "<graphc.CompiledModel '%s' %s>" % (
            self.name, " ".join("%s=%s" % kv for kv in sorted(self.files.items())))


def _safe_stem(name):
    stem = re.sub(r"[^A-Za-z0-9_]", "_", name) or "model"
    if stem[0].isdigit():
        stem = "model_" + stem
    if stem in _C_KEYWORDS:
        stem += "_model"
    return stem


def _shape_text(shape):
    if shape is None:
        return None
    if isinstance(shape, str):
        return shape
    dims = tuple(shape)
    if not dims:
        return "[]"
    return "x".join("?" if d is None or d == -1 else str(int(d)) for d in dims)


def _feed_args(feeds):
    if feeds is None:
        return []
    if isinstance(feeds, str):
        feeds = [feeds]
    specs = []
    if isinstance(feeds, dict):
        for name, shape in feeds.items():
            text = _shape_text(shape)
            specs.append(str(name) if text is None else "%s:%s" % (name, text))
    else:
        specs = [str(f) for f in feeds]
    return ["--feed=" + s for s in specs]


def _list(value, what):
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    try:
        return [str(v) for v in value]
    except TypeError:
        raise TypeError("%s must be a string or a list of strings" % what) from None


def _error_message(stderr):
    lines = [l for l in stderr.splitlines() if re.match(r"^(\S+: )?error:", l)]
    return "\n".join(lines) if lines else stderr.strip()


def compile(model, feeds=None, fetches=None, signature=None, out=None, name=None,
            checkpoint=None, saved_model_tags=None, options=(), tf_input_signature=None,
            *, emit=("so", "h", "obj"), keep_variables=(), saved_model_dir=None):
    """Compiles ``model`` with graph-compile; returns a CompiledModel.

    model: a path (``.pb``, ``.pbtxt``, ``.meta``, a SavedModel directory;
      str or os.PathLike), or, with TensorFlow installed, a tf.function (with
      an input signature, its own or ``tf_input_signature``), a tf.Module
      (with a ``__call__`` tf.function or ``signatures``), or a Keras model.
      A TensorFlow object is saved to a temporary SavedModel, removed after
      compiling unless ``saved_model_dir`` names where to save it and keep it.
    feeds: ``--feed`` specs, a list of ``"NAME[:INDEX][:SHAPE]"`` strings
      (``"x:1x8"``) or a dict {name: shape} (a tuple; ``()`` is a scalar,
      None or -1 an unknown size, a None shape feeds the name as declared).
    fetches: the ``--fetch`` names, a list (or one string).
    signature, checkpoint: ``--signature``, ``--checkpoint``.
    saved_model_tags: ``--saved-model-tags``, a list or a comma-separated string.
    out: the output prefix (``-o``); by default ``NAME`` in a new temporary
      directory, NAME being ``name`` or the model's file stem. The files are
      left there.
    name: ``--name``, the entry-point name (default: the prefix's file name).
    options: more graph-compile arguments, a list (or one string, split as
      a shell would), e.g. ``["-O2", "--threads=2"]``.
    emit: the kinds to write (``--emit``), default so, h and obj.
    keep_variables: ``--keep-variable`` names, in order.

    Raises CompileError when graph-compile fails, ToolNotFoundError when it
    cannot be found.
    """
    tool = find_tool("graph-compile")
    tmp_saved = None
    tmp_out = None
    try:
        if isinstance(model, (str, os.PathLike)):
            model_path = os.fspath(model)
            stem = os.path.basename(model_path.rstrip("/")) or "model"
            if not os.path.isdir(model_path):
                stem = os.path.splitext(stem)[0] or "model"
        elif _tf.is_tf_object(model):
            unknown = [] if (feeds is not None or tf_input_signature is not None) \
                else _tf.keras_unknown_input_dims(model)
            if unknown:
                name0, shape0 = unknown[0]
                raise ValueError(
                    "graphc.compile: the Keras model's input '%s' has shape %s, with an "
                    "unknown dimension; graphc compiles static shapes: pass "
                    "feeds={'%s': (%s)} or tf_input_signature=[tf.TensorSpec(...)]"
                    % (name0, tuple(shape0), name0,
                       ", ".join("N" if d is None else str(d) for d in shape0)))
            if saved_model_dir is not None:
                model_path = os.fspath(saved_model_dir)
            else:
                tmp_saved = tempfile.mkdtemp(prefix="graphc-savedmodel-")
                model_path = os.path.join(tmp_saved, "saved_model")
            _tf.save_saved_model(model, model_path, tf_input_signature)
            stem = _tf.default_name(model)
        else:
            raise TypeError("graphc.compile: model must be a path (str or os.PathLike) or "
                            "a TensorFlow tf.function, tf.Module or Keras model, not %s"
                            % type(model).__name__)

        if out is None:
            tmp_out = tempfile.mkdtemp(prefix="graphc-")
            prefix = os.path.join(tmp_out, _safe_stem(name or stem))
        else:
            prefix = os.fspath(out)
            parent = os.path.dirname(prefix)
            if parent:
                os.makedirs(parent, exist_ok=True)
        kinds = _list(emit, "emit")
        if len(kinds) == 1 and "," in kinds[0]:
            kinds = [k.strip() for k in kinds[0].split(",") if k.strip()]

        cmd = [tool, model_path]
        cmd += _feed_args(feeds)
        cmd += ["--fetch=" + f for f in _list(fetches, "fetches")]
        if signature is not None:
            cmd.append("--signature=" + str(signature))
        if checkpoint is not None:
            cmd.append("--checkpoint=" + os.fspath(checkpoint))
        tags = _list(saved_model_tags, "saved_model_tags")
        if tags:
            cmd.append("--saved-model-tags=" + ",".join(tags))
        cmd += ["--keep-variable=" + v for v in _list(keep_variables, "keep_variables")]
        if name is not None:
            cmd.append("--name=" + str(name))
        cmd += ["--emit=" + ",".join(kinds), "-o", prefix]
        cmd += shlex.split(options) if isinstance(options, str) else [str(o) for o in options]

        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        if proc.returncode != 0:
            if tmp_out is not None:
                shutil.rmtree(tmp_out, ignore_errors=True)
            note = None
            if tmp_saved is not None:
                note = ("%s is a temporary SavedModel of the %s, removed now; pass "
                        "saved_model_dir= to keep it" % (model_path, type(model).__name__))
            raise CompileError(_error_message(proc.stderr), proc.returncode, cmd,
                               stderr=proc.stderr, stdout=proc.stdout, note=note)
        model_name = name if name is not None else model_name_from_path(prefix)
        return CompiledModel(prefix, model_name, kinds, cmd, stderr=proc.stderr)
    finally:
        if tmp_saved is not None:
            shutil.rmtree(tmp_saved, ignore_errors=True)

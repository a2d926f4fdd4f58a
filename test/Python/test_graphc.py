"""Tests of the graphc Python package without TensorFlow: compiling the
bundled example MLP, loading and calling it, input checks, errors, tool
lookup, kept variables, threads, and the ctypes mirror of Runtime.h."""
import ctypes
import os
import re
import shutil
import subprocess
import threading

import numpy as np
import pytest

import graphc
from graphc import _abi, _tools


@pytest.fixture(scope="module")
def mlp_dir(repo):
    return repo / "examples" / "mlp"


@pytest.fixture(scope="module")
def mlp_lib(bin_dir, mlp_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("mlp") / "mlp"
    return graphc.compile(mlp_dir / "mlp.pb", fetches=["probs"], out=out)


@pytest.fixture(scope="module")
def mlp(mlp_lib):
    return graphc.load(mlp_lib.so)


@pytest.fixture(scope="module")
def x(mlp_dir):
    return np.load(mlp_dir / "x.npy")


@pytest.fixture(scope="module")
def probs(mlp_dir):
    return np.load(mlp_dir / "probs.npy")


# -- compile + load: real numbers ------------------------------------------------

def test_compile_writes_so_h_o(mlp_lib):
    assert mlp_lib.name == "mlp"
    for path, suffix in ((mlp_lib.so, ".so"), (mlp_lib.h, ".h"), (mlp_lib.o, ".o")):
        assert path is not None and path.endswith("mlp" + suffix) and os.path.isfile(path)
    assert set(mlp_lib.files) == {"so", "h", "obj"}
    assert "--fetch=probs" in mlp_lib.command


def test_mlp_matches_numpy_reference(mlp, x, probs):
    assert x.shape == (1, 8) and probs.shape == (1, 4)
    got = mlp(x=x)
    assert list(got) == ["probs"]
    assert got["probs"].dtype == np.float32 and got["probs"].shape == (1, 4)
    np.testing.assert_allclose(got["probs"], probs, rtol=0, atol=1e-6)


def test_call_forms_agree(mlp, x):
    ref = mlp(x=x)["probs"]
    assert np.array_equal(mlp({"x": x})["probs"], ref)
    assert np.array_equal(mlp(x)["probs"], ref)
    listed = mlp.run(x)
    assert isinstance(listed, list) and len(listed) == 1
    assert np.array_equal(listed[0], ref)
    # Lists and float64 are converted (same_kind casts), as is a
    # non-contiguous view.
    assert np.array_equal(mlp(x=x.tolist())["probs"], ref)
    assert np.array_equal(mlp(x=x.astype(np.float64))["probs"], ref)
    wide = np.repeat(x, 2, axis=1)[:, ::2]
    assert not wide.flags.c_contiguous
    assert np.array_equal(mlp(x=wide)["probs"], ref)


def test_outputs_are_fresh_per_call(mlp, x):
    a = mlp(x=x)["probs"]
    b = mlp(x=x)["probs"]
    assert a is not b and not np.shares_memory(a, b)


def test_load_accepts_compiled_model_and_prefix(mlp_lib, x, probs):
    for arg in (mlp_lib, mlp_lib.prefix, mlp_lib.so):
        model = graphc.load(arg)
        np.testing.assert_allclose(model(x=x)["probs"], probs, rtol=0, atol=1e-6)
    np.testing.assert_allclose(mlp_lib.load()(x=x)["probs"], probs, rtol=0, atol=1e-6)


def test_pbtxt_and_feed_forms(mlp_dir, x, probs, tmp_path):
    for i, feeds in enumerate((["x:1x8"], {"x": (1, 8)}, {"x": None})):
        lib = graphc.compile(mlp_dir / "mlp.pbtxt", feeds=feeds, fetches="probs",
                             out=tmp_path / ("m%d" % i))
        assert "--feed=x" in " ".join(lib.command)
        np.testing.assert_allclose(graphc.load(lib.so)(x=x)["probs"], probs, rtol=0, atol=1e-6)


def test_name_and_emit_options(mlp_dir, x, probs, tmp_path):
    lib = graphc.compile(str(mlp_dir / "mlp.pb"), fetches=["probs"], name="my_net",
                         out=tmp_path / "other-file", emit=["so"], options=["-O1"])
    assert lib.name == "my_net"
    assert lib.so.endswith("other-file.so") and lib.h is None and lib.o is None
    assert "-O1" in lib.command and "--emit=so" in lib.command
    model = lib.load()
    assert model.name == "my_net"
    np.testing.assert_allclose(model(x=x)["probs"], probs, rtol=0, atol=1e-6)


def test_default_output_in_temp_dir(mlp_dir):
    lib = graphc.compile(mlp_dir / "mlp.pb", fetches=["probs"])
    try:
        assert os.path.basename(lib.prefix) == "mlp" and os.path.isfile(lib.so)
    finally:
        shutil.rmtree(os.path.dirname(lib.prefix))


# -- metadata --------------------------------------------------------------------

def test_metadata(mlp):
    assert mlp.name == "mlp"
    assert mlp.abi_version == graphc.GRAPHC_ABI_VERSION == 3
    assert [(t.name, t.dtype, t.shape) for t in mlp.inputs] == [("x", np.dtype("float32"), (1, 8))]
    assert [(t.name, t.dtype, t.shape) for t in mlp.outputs] == [("probs", np.dtype("float32"), (1, 4))]
    assert mlp.feeds == mlp.inputs
    assert not mlp.inputs[0].is_variable
    assert mlp.inputs[0].num_bytes == 32 and mlp.outputs[0].num_elements == 4
    assert mlp.variables == {}
    assert mlp.workspace_bytes >= 0
    assert "x: float32[1,8]" in repr(mlp) and "probs: float32[1,4]" in repr(mlp)


# -- input checks ----------------------------------------------------------------

def test_wrong_shape(mlp, x):
    with pytest.raises(ValueError, match=r"input 'x': expected shape \(1, 8\), got \(2, 8\)"):
        mlp(x=np.zeros((2, 8), np.float32))
    with pytest.raises(ValueError, match=r"input 'x'.*got \(8,\)"):
        mlp(x=x.reshape(8))


def test_wrong_dtype(mlp):
    with pytest.raises(TypeError, match=r"input 'x': expected dtype float32, got complex64"):
        mlp(x=np.zeros((1, 8), np.complex64))
    with pytest.raises(TypeError, match=r"input 'x'.*got <U1|input 'x'.*got str"):
        mlp(x=np.full((1, 8), "a"))


def test_missing_input(mlp):
    with pytest.raises(ValueError, match=r"missing input 'x' \(dtype float32, shape \(1, 8\)\)"):
        mlp()
    with pytest.raises(ValueError, match=r"missing input 'x'"):
        mlp({})


def test_unknown_input(mlp, x):
    with pytest.raises(ValueError, match=r"unknown input 'y'.*inputs are: x"):
        mlp(x=x, y=x)
    with pytest.raises(ValueError, match=r"unknown input 'probs'"):
        mlp({"x": x, "probs": x})
    with pytest.raises(TypeError, match=r"takes 1 inputs \(x\), got 2"):
        mlp(x, x)
    with pytest.raises(TypeError, match=r"input 'x' given twice"):
        mlp(x, x=x)


# -- errors ----------------------------------------------------------------------

def test_compile_error_bad_file(tmp_path):
    bad = tmp_path / "garbage.pb"
    bad.write_text("this is not a GraphDef\n")
    with pytest.raises(graphc.CompileError) as info:
        graphc.compile(bad, out=tmp_path / "bad")
    e = info.value
    assert isinstance(e, RuntimeError)
    assert e.returncode == 2
    assert "error:" in e.message and "garbage.pb" in e.message
    assert e.command[0].endswith("graph-compile") and str(bad) in e.command
    assert "exit status 2" in str(e)
    assert not os.path.exists(str(tmp_path / "bad.so"))


def test_compile_error_unknown_fetch(mlp_dir, tmp_path):
    with pytest.raises(graphc.CompileError) as info:
        graphc.compile(mlp_dir / "mlp.pb", fetches=["nosuchnode"], out=tmp_path / "m")
    assert info.value.returncode == 2
    assert re.search(r"error:.*'nosuchnode'", info.value.message)


def test_compile_error_missing_file(tmp_path):
    with pytest.raises(graphc.CompileError) as info:
        graphc.compile(tmp_path / "nothere.pb", out=tmp_path / "m")
    assert info.value.returncode == 2 and "error:" in info.value.message


def test_compile_error_bad_option(mlp_dir, tmp_path):
    # A command-line error (LLVM's parser) has no "error:" line; the whole
    # stderr is the message.
    with pytest.raises(graphc.CompileError) as info:
        graphc.compile(mlp_dir / "mlp.pb", out=tmp_path / "m", options="--no-such-option")
    assert info.value.returncode != 0 and "no-such-option" in info.value.message


def test_compile_rejects_non_model():
    with pytest.raises(TypeError, match="model must be a path"):
        graphc.compile(42)


def test_run_error_status(mlp_lib, x):
    model = graphc.load(mlp_lib.so)
    model._entry = lambda inputs, outputs: 1
    with pytest.raises(graphc.ModelRunError, match="out of memory") as info:
        model(x=x)
    assert isinstance(info.value, RuntimeError) and info.value.status == 1
    model._entry = lambda inputs, outputs: 7
    with pytest.raises(RuntimeError, match="returned 7"):
        model(x=x)


def test_abi_mismatch_refused(mlp_lib, monkeypatch):
    monkeypatch.setattr(_abi, "GRAPHC_ABI_VERSION", 99)
    with pytest.raises(graphc.ABIVersionError, match="ABI version 3.*reads version 99"):
        graphc.load(mlp_lib.so)


# -- finding the tool --------------------------------------------------------------

def test_tool_not_found(monkeypatch, tmp_path, mlp_dir):
    nowhere = tmp_path / "nowhere"
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("GRAPHC_HOME", str(nowhere))
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(graphc.ToolNotFoundError) as info:
        graphc.find_tool("graph-compile")
    e = info.value
    assert isinstance(e, RuntimeError)
    text = str(e)
    assert "graph-compile not found" in text
    assert str(nowhere / "bin") in text and str(empty) in text and _tools.PACKAGE_BIN_DIR in text
    with pytest.raises(graphc.ToolNotFoundError):
        graphc.compile(mlp_dir / "mlp.pb")


def test_tool_from_graphc_home(monkeypatch, tmp_path, bin_dir):
    monkeypatch.setenv("GRAPHC_HOME", str(bin_dir.parent))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert graphc.find_tool("graph-compile") == str(bin_dir / "graph-compile")


def test_tool_from_package_bin(monkeypatch, tmp_path, bin_dir):
    pkg_bin = tmp_path / "pkgbin"
    pkg_bin.mkdir()
    os.symlink(bin_dir / "graph-compile", pkg_bin / "graph-compile")
    monkeypatch.delenv("GRAPHC_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    monkeypatch.setattr(_tools, "PACKAGE_BIN_DIR", str(pkg_bin))
    assert graphc.find_tool("graph-compile") == str(pkg_bin / "graph-compile")


def test_tool_from_path(monkeypatch, bin_dir):
    monkeypatch.setenv("GRAPHC_HOME", "/nonexistent-graphc-home")
    assert graphc.find_tool("graph-compile") == str(bin_dir / "graph-compile")


# -- the model name ----------------------------------------------------------------

def test_name_from_elf_symbols(mlp_lib, tmp_path, x, probs):
    copy = tmp_path / "renamed-library.so"
    shutil.copy(mlp_lib.so, copy)
    model = graphc.load(copy)  # the stem gives renamed_library: no such symbol
    assert model.name == "mlp"
    np.testing.assert_allclose(model(x=x)["probs"], probs, rtol=0, atol=1e-6)
    assert graphc.load(copy, name="mlp").name == "mlp"
    with pytest.raises(ValueError, match="exports no 'wrong_info'"):
        graphc.load(copy, name="wrong")


def test_load_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        graphc.load(tmp_path / "nothing.so")
    junk = tmp_path / "junk.so"
    junk.write_bytes(b"not a library")
    with pytest.raises(OSError):
        graphc.load(junk)


# -- kept variables --------------------------------------------------------------

VARIABLES = ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"]


def _mlp_numpy(x, v):
    h = np.maximum(x @ v["dense/kernel"] + v["dense/bias"], 0)
    z = h @ v["dense_1/kernel"] + v["dense_1/bias"]
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def test_keep_variables(mlp_dir, tmp_path, x, probs):
    lib = graphc.compile(mlp_dir / "mlp.pb", fetches=["probs"], keep_variables=VARIABLES,
                         out=tmp_path / "mlpv")
    model = lib.load()
    assert [t.name for t in model.inputs] == ["x"] + VARIABLES
    assert [t.name for t in model.feeds] == ["x"]
    assert [t.is_variable for t in model.inputs] == [False, True, True, True, True]
    v = model.variables
    assert list(v) == VARIABLES
    assert {k: a.shape for k, a in v.items()} == {
        "dense/kernel": (8, 16), "dense/bias": (16,), "dense_1/kernel": (16, 4), "dense_1/bias": (4,)}
    # The saved values are the frozen model's: numpy on them gives probs.npy.
    np.testing.assert_allclose(_mlp_numpy(x, v), probs, rtol=0, atol=1e-6)
    # Without values the saved ones are used.
    np.testing.assert_allclose(model(x=x)["probs"], probs, rtol=0, atol=1e-6)
    # Copies: changing one changes nothing until it is passed.
    v["dense_1/bias"][:] = [2.0, -1.0, 0.5, 0.0]
    np.testing.assert_allclose(model(x=x)["probs"], probs, rtol=0, atol=1e-6)
    assert not np.array_equal(model.variables["dense_1/bias"], v["dense_1/bias"])
    got = model({"x": x, "dense_1/bias": v["dense_1/bias"]})["probs"]
    np.testing.assert_allclose(got, _mlp_numpy(x, v), rtol=1e-5, atol=1e-6)
    assert not np.allclose(got, probs, atol=1e-3)
    # Positionally after the feeds, all of them.
    v["dense/kernel"] *= 0.5
    got = model(x, *(v[k] for k in VARIABLES))["probs"]
    np.testing.assert_allclose(got, _mlp_numpy(x, v), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match=r"input 'dense/bias': expected shape \(16,\), got \(4,\)"):
        model(x=x, **{"dense/bias": np.zeros(4, np.float32)})


# -- threads ---------------------------------------------------------------------

def test_threads_bit_identical(mlp, x):
    rng = np.random.default_rng(7)
    inputs = [x] + [rng.standard_normal((1, 8)).astype(np.float32) for _ in range(7)]
    expected = [mlp(x=a)["probs"] for a in inputs]
    results = [[None] * 50 for _ in range(4)]
    errors = []
    barrier = threading.Barrier(4)

    def work(t):
        try:
            barrier.wait()
            for i in range(50):
                results[t][i] = mlp(x=inputs[(t + i) % len(inputs)])["probs"]
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    for t in range(4):
        for i in range(50):
            want = expected[(t + i) % len(inputs)]
            assert results[t][i].tobytes() == want.tobytes(), (t, i)


# -- the ctypes mirror of Runtime.h ----------------------------------------------

def _c_struct_fields(header, struct):
    body = re.search(r"typedef struct %s \{(.*?)\} %s;" % (struct, struct), header, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    return re.findall(r"(\w+)\s*;", body)


def test_mirrors_runtime_header(repo):
    header = (repo / "include" / "graphc-c" / "Runtime.h").read_text()
    version = int(re.search(r"#define GRAPHC_ABI_VERSION (\d+)", header).group(1))
    assert _abi.GRAPHC_ABI_VERSION == version
    enum = {int(v): k for k, v in re.findall(r"GRAPHC_DT_(\w+) = (\d+)", header)}
    assert sorted(enum) == sorted(graphc.DTYPES)
    names = {"FLOAT": "float32", "DOUBLE": "float64", "INT32": "int32", "UINT8": "uint8",
             "INT16": "int16", "INT8": "int8", "INT64": "int64", "BOOL": "bool",
             "UINT16": "uint16", "HALF": "float16", "UINT32": "uint32", "UINT64": "uint64"}
    for code, dtype in graphc.DTYPES.items():
        assert dtype.name == names[enum[code]]
    assert [f[0] for f in _abi.GraphcTensorInfo._fields_] == _c_struct_fields(header, "graphc_tensor_info")
    assert [f[0] for f in _abi.GraphcModelInfo._fields_] == _c_struct_fields(header, "graphc_model_info")
    # x86-64 / aarch64 LP64 layout.
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert ctypes.sizeof(_abi.GraphcTensorInfo) == 40
        assert ctypes.sizeof(_abi.GraphcModelInfo) == 64
        assert _abi.GraphcModelInfo.workspace_bytes.offset == 40
        assert _abi.GraphcModelInfo.variable_values.offset == 56
    status = dict(re.findall(r"#define (GRAPHC_STATUS_\w+) (\d+)", header))
    assert int(status["GRAPHC_STATUS_OK"]) == _abi.GRAPHC_STATUS_OK
    assert int(status["GRAPHC_STATUS_OUT_OF_MEMORY"]) == _abi.GRAPHC_STATUS_OUT_OF_MEMORY


def test_layout_matches_c_compiler(repo, tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None:
        pytest.skip("no C compiler to check the struct layout with")
    fields = {"graphc_tensor_info": _abi.GraphcTensorInfo, "graphc_model_info": _abi.GraphcModelInfo}
    lines = ['#include <stddef.h>', '#include <stdio.h>', '#include "graphc-c/Runtime.h"',
             "int main(void) {"]
    for struct, cls in fields.items():
        lines.append('  printf("%s sizeof %%zu\\n", sizeof(%s));' % (struct, struct))
        for f in cls._fields_:
            lines.append('  printf("%s %s %%zu\\n", offsetof(%s, %s));' % (struct, f[0], struct, f[0]))
    lines += ["  return 0;", "}"]
    src = tmp_path / "layout.c"
    src.write_text("\n".join(lines) + "\n")
    exe = tmp_path / "layout"
    subprocess.run([cc, "-I", str(repo / "include"), str(src), "-o", str(exe)], check=True)
    out = subprocess.run([str(exe)], check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout
    for line in out.splitlines():
        struct, field, value = line.split()
        cls = fields[struct]
        got = ctypes.sizeof(cls) if field == "sizeof" else getattr(cls, field).offset
        assert got == int(value), line


def test_reload_after_recompile(mlp_dir, tmp_path, x, probs):
    # dlopen returns an already loaded object for the same path: a model
    # recompiled to the same prefix must still load its new code.
    first = graphc.compile(mlp_dir / "mlp.pb", fetches=["probs"], out=tmp_path / "same").load()
    assert [t.name for t in first.outputs] == ["probs"]
    again = graphc.load(tmp_path / "same.so")
    assert again._lib is first._lib
    second = graphc.compile(mlp_dir / "mlp.pb", fetches=["dense/BiasAdd", "probs"],
                            out=tmp_path / "same").load()
    assert [(t.name, t.shape) for t in second.outputs] == [("dense/BiasAdd", (1, 16)), ("probs", (1, 4))]
    got = second(x=x)
    np.testing.assert_allclose(got["probs"], probs, rtol=0, atol=1e-6)
    np.testing.assert_allclose(first(x=x)["probs"], probs, rtol=0, atol=1e-6)
    assert graphc.load(tmp_path / "same.so")._lib is second._lib

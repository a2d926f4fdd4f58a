"""Tests of graphc.compile on TensorFlow objects: a tf.function, a tf.Module
with variables, and a Keras model trained here. Skipped without TensorFlow.
TF is slow to import: everything TF is in this one module, with
module-scoped fixtures."""
import os
import shutil

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"

import numpy as np  # noqa: E402
import pytest  # noqa: E402

tf = pytest.importorskip("tensorflow")

import graphc  # noqa: E402


def assert_close(got, ref):
    ref = np.asarray(ref)
    assert got.shape == ref.shape and got.dtype == ref.dtype
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-5 * (1 + float(np.max(np.abs(ref)))))


@tf.function(input_signature=[tf.TensorSpec([2, 3], tf.float32, name="a"),
                              tf.TensorSpec([3], tf.float32, name="b")])
def affine_tanh(a, b):
    return {"y": tf.tanh(a * 1.5 + b), "s": tf.reduce_sum(a, axis=1)}


class Scale(tf.Module):
    def __init__(self):
        super().__init__(name="scale")
        rng = np.random.default_rng(3)
        self.w = tf.Variable(rng.standard_normal((3, 4)).astype(np.float32), name="w")
        self.b = tf.Variable(np.linspace(-1, 1, 4).astype(np.float32), name="b")

    @tf.function(input_signature=[tf.TensorSpec([2, 3], tf.float32, name="x")])
    def __call__(self, x):
        return {"y": tf.nn.relu(tf.matmul(x, self.w) + self.b)}


@pytest.fixture(scope="module")
def inputs():
    rng = np.random.default_rng(11)
    return {"a": rng.standard_normal((2, 3)).astype(np.float32),
            "b": rng.standard_normal(3).astype(np.float32)}


@pytest.fixture(scope="module")
def function_model(bin_dir):
    # No out=: a temporary directory, the file and model named after the function.
    lib = graphc.compile(affine_tanh)
    assert os.path.basename(lib.prefix) == "affine_tanh"
    yield lib.load()
    shutil.rmtree(os.path.dirname(lib.prefix))


@pytest.fixture(scope="module")
def module():
    return Scale()


@pytest.fixture(scope="module")
def keras_setup(bin_dir):
    keras = pytest.importorskip("keras")
    keras.utils.set_random_seed(1234)
    rng = np.random.default_rng(1234)
    x = rng.standard_normal((128, 6)).astype(np.float32)
    y = (x[:, :3].sum(axis=1) > 0).astype(np.int64) + (x[:, 3] > 0.5)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(8, activation="tanh"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    before = [w.copy() for w in model.get_weights()]
    model.fit(x, y, epochs=3, batch_size=32, verbose=0)
    assert any(not np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    return keras, model, x


# -- tf.function -----------------------------------------------------------------

def test_function(function_model, inputs):
    m = function_model
    assert m.name == "affine_tanh"
    assert [(t.name, t.shape) for t in m.inputs] == [("a", (2, 3)), ("b", (3,))]
    assert sorted((t.name, t.shape) for t in m.outputs) == [("s", (2,)), ("y", (2, 3))]
    got = m(**inputs)
    ref = affine_tanh(**inputs)
    assert set(got) == {"y", "s"}
    for k in got:
        assert_close(got[k], ref[k].numpy())


def test_function_with_given_signature(tmp_path):
    @tf.function
    def f(x):
        return x * x - 2.0 * x

    with pytest.raises(ValueError, match="no input signature"):
        graphc.compile(f, out=tmp_path / "none")
    m = graphc.compile(f, tf_input_signature=[tf.TensorSpec([5], tf.float64, name="x")],
                       out=tmp_path / "sq").load()
    assert [(t.name, t.dtype, t.shape) for t in m.inputs] == [("x", np.dtype("float64"), (5,))]
    x = np.linspace(-2, 2, 5)
    assert_close(m(x=x)["output_0"], f(tf.constant(x)).numpy())


def test_saved_model_kept_or_removed(tmp_path, monkeypatch):
    import tempfile
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    graphc.compile(affine_tanh, out=tmp_path / "a")
    assert not [p for p in os.listdir(scratch) if p.startswith("graphc-savedmodel-")]
    kept = tmp_path / "kept_sm"
    graphc.compile(affine_tanh, out=tmp_path / "b", saved_model_dir=kept)
    assert (kept / "saved_model.pb").is_file()
    # The kept SavedModel compiles as a path too.
    m = graphc.compile(kept, out=tmp_path / "c").load()
    assert sorted(t.name for t in m.outputs) == ["s", "y"]


# -- tf.Module with variables ----------------------------------------------------

def test_module_with_variables(module, tmp_path):
    m = graphc.compile(module, out=tmp_path / "scale").load()
    assert m.name == "scale"
    assert [(t.name, t.shape) for t in m.inputs] == [("x", (2, 3))]
    x = np.random.default_rng(5).standard_normal((2, 3)).astype(np.float32)
    assert_close(m(x=x)["y"], module(x)["y"].numpy())


def test_module_keep_variable(module, tmp_path):
    m = graphc.compile(module, keep_variables=["w"], out=tmp_path / "scale_w").load()
    assert [(t.name, t.is_variable) for t in m.inputs] == [("x", False), ("w", True)]
    np.testing.assert_array_equal(m.variables["w"], module.w.numpy())
    x = np.random.default_rng(6).standard_normal((2, 3)).astype(np.float32)
    assert_close(m(x=x)["y"], module(x)["y"].numpy())
    w2 = m.variables["w"] * -0.5
    ref = np.maximum(x @ w2 + module.b.numpy(), 0)
    assert_close(m(x=x, w=w2)["y"], ref)


def test_module_compile_error_mentions_saved_model(module, tmp_path):
    with pytest.raises(graphc.CompileError) as info:
        graphc.compile(module, keep_variables=["nosuchvariable"], out=tmp_path / "bad")
    assert info.value.returncode == 2
    assert "error:" in info.value.message and "nosuchvariable" in info.value.message
    assert "saved_model_dir=" in str(info.value)


# -- Keras -----------------------------------------------------------------------

def test_keras_trained_model(keras_setup, tmp_path):
    _, model, x = keras_setup
    lib = graphc.compile(model, tf_input_signature=[tf.TensorSpec([8, 6], tf.float32, name="x")],
                         out=tmp_path / "keras_mlp")
    m = lib.load()
    assert [(t.name, t.shape) for t in m.inputs] == [("x", (8, 6))]
    assert [(t.name, t.shape) for t in m.outputs] == [("output_0", (8, 3))]
    for batch in (x[:8], x[40:48], x[-8:]):
        assert_close(m(x=batch)["output_0"], model.predict(batch, verbose=0))


def test_keras_feeds_by_input_name(keras_setup, tmp_path):
    _, model, x = keras_setup
    name = model.inputs[0].name
    with pytest.raises(ValueError, match="unknown dimension.*feeds="):
        graphc.compile(model, out=tmp_path / "nofeeds")
    m = graphc.compile(model, feeds={name: (4, 6)}, out=tmp_path / "keras_b4").load()
    assert [(t.name, t.shape) for t in m.inputs] == [(name, (4, 6))]
    assert_close(m(x[:4])["output_0"], model.predict(x[:4], verbose=0))


# -- dtypes ----------------------------------------------------------------------

@tf.function(input_signature=[tf.TensorSpec([4], tf.float16, name="h"),
                              tf.TensorSpec([4], tf.bool, name="m"),
                              tf.TensorSpec([4], tf.int64, name="i"),
                              tf.TensorSpec([4], tf.uint8, name="u"),
                              tf.TensorSpec([], tf.float64, name="s")])
def many_dtypes(h, m, i, u, s):
    return {"h2": h * tf.cast(2, tf.float16), "mi": tf.where(m, i, -i),
            "u2": u + tf.cast(1, tf.uint8), "notm": tf.logical_not(m), "s2": s * 3.0,
            "cnt": tf.reduce_sum(tf.cast(m, tf.int32))}


def test_dtypes(tmp_path):
    m = graphc.compile(many_dtypes, out=tmp_path / "dtypes").load()
    # A SignatureDef's inputs and outputs come sorted by name.
    assert [(t.name, t.dtype.name, t.shape) for t in m.inputs] == [
        ("h", "float16", (4,)), ("i", "int64", (4,)), ("m", "bool", (4,)),
        ("s", "float64", ()), ("u", "uint8", (4,))]
    args = dict(h=np.array([1, 2.5, -3, 0.1], np.float16), m=np.array([True, False, True, False]),
                i=np.arange(4, dtype=np.int64) * 10**12, u=np.array([0, 1, 254, 255], np.uint8),
                s=1.5)
    got = m(**args)
    ref = many_dtypes(**args)
    assert set(got) == set(ref)
    for k, v in ref.items():
        v = v.numpy()
        assert got[k].dtype == v.dtype and got[k].shape == v.shape, k
        np.testing.assert_array_equal(got[k], v, err_msg=k)
    with pytest.raises(TypeError, match=r"input 'i': expected dtype int64, got float64"):
        m(**dict(args, i=args["i"].astype(np.float64)))

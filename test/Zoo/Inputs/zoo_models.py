"""The models of the zoo (test/Zoo) and how each is generated: Keras 3
models built with weights=None and a fixed seed, exported as SavedModels
with their serving signature (model.export), with a seeded input, TF's
output on it and TF's own frozen graph (convert_variables_to_constants_v2).

Batch-norm statistics and normalization scales are drawn at random (seeded)
instead of Keras's fresh 0/1, so folding them is tested with real numbers.

Generated models are cached in CACHE/NAME, keyed by this file's hash and
TF's version (zoo.py, which checks them, can change without a rebuild)."""
import hashlib
import json
import os
import shutil
import time

import numpy as np


def image_model(app, size=96, **kw):
    """A keras.applications model at SIZE x SIZE x 3, 10 classes, logits."""

    def build(keras):
        fn = getattr(keras.applications, app)
        return fn(input_shape=(size, size, 3), weights=None, classes=10,
                  classifier_activation=None, **kw)

    return build, ("float32", (1, size, size, 3))


def transformer_encoder(keras):
    """Token + position embedding, two encoder blocks (MultiHeadAttention,
    residual, LayerNormalization, a GELU feed-forward), mean pooling, a
    softmax classifier."""
    layers = keras.layers
    seq, vocab, dim = 32, 1000, 64
    tokens = keras.Input((seq,), dtype="int32")
    positions = keras.ops.arange(seq)
    x = layers.Embedding(vocab, dim)(tokens) + layers.Embedding(seq, dim)(positions)
    for _ in range(2):
        a = layers.MultiHeadAttention(num_heads=4, key_dim=dim // 4)(x, x)
        x = layers.LayerNormalization(epsilon=1e-6)(x + a)
        f = layers.Dense(4 * dim, activation="gelu")(x)
        f = layers.Dense(dim)(f)
        x = layers.LayerNormalization(epsilon=1e-6)(x + f)
    x = layers.GlobalAveragePooling1D()(x)
    return keras.Model(tokens, layers.Dense(10, activation="softmax")(x))


def sequence_classifier(cell):
    """Embedding-free sequence classifier: CELL(48) over 20 steps of 8
    features, then a dense layer to 5 classes."""

    def build(keras):
        layers = keras.layers
        inp = keras.Input((20, 8))
        x = getattr(layers, cell)(48)(inp)
        return keras.Model(inp, layers.Dense(5)(x))

    return build, ("float32", (1, 20, 8))


MODELS = {
    "mobilenet_v2": image_model("MobileNetV2"),
    "mobilenet_v3_small": image_model("MobileNetV3Small"),
    "mobilenet_v3_large": image_model("MobileNetV3Large"),
    "resnet50": image_model("ResNet50"),
    "efficientnet_b0": image_model("EfficientNetB0"),
    "efficientnet_v2_b0": image_model("EfficientNetV2B0"),
    "densenet121": image_model("DenseNet121"),
    "inception_v3": image_model("InceptionV3"),
    "xception": image_model("Xception"),
    "nasnet_mobile": image_model("NASNetMobile"),
    "convnext_tiny": image_model("ConvNeXtTiny"),
    "transformer_encoder": (transformer_encoder, ("int32", (1, 32), 1000)),
    "lstm": sequence_classifier("LSTM"),
    "gru": sequence_classifier("GRU"),
}


def randomize_statistics(model, rng):
    """Seeded, non-trivial batch-norm statistics and normalization scales:
    a fresh Keras model has mean 0, variance 1, gamma 1, beta 0, which
    would let a wrong batch-norm fold pass."""
    for layer in model.layers:
        kind = type(layer).__name__
        if kind not in ("BatchNormalization", "LayerNormalization"):
            continue
        values = []
        for w in layer.weights:
            shape = tuple(w.shape)
            leaf = w.path.split("/")[-1]
            if leaf in ("gamma", "moving_variance"):
                values.append(rng.uniform(0.5, 1.5, shape))
            else:  # beta, moving_mean
                values.append(rng.normal(0.0, 0.2, shape))
        layer.set_weights([v.astype("float32") for v in values])


def make_input(spec, rng):
    dtype, shape = spec[0], spec[1]
    if dtype == "int32":
        return rng.integers(0, spec[2], size=shape).astype(np.int32)
    return rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)


def stamp():
    import tensorflow as tf

    with open(__file__, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return digest + " " + tf.__version__


def generate(name, folder):
    """Builds NAME, exports it to FOLDER/saved_model and writes the input,
    TF's output on the serving signature, TF's frozen graph and meta.json."""
    import keras
    import tensorflow as tf
    from tensorflow.python.framework import convert_to_constants

    build, spec = MODELS[name]
    keras.utils.set_random_seed(0)
    model = build(keras)
    rng = np.random.default_rng(1)
    randomize_statistics(model, rng)
    tmp = folder + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    model.export(os.path.join(tmp, "saved_model"), verbose=False)
    x = make_input(spec, np.random.default_rng(2))
    np.save(os.path.join(tmp, "input.npy"), x)

    loaded = tf.saved_model.load(os.path.join(tmp, "saved_model"))
    fn = loaded.signatures["serving_default"]
    (feed_key, feed_spec), = fn.structured_input_signature[1].items()
    (fetch_key,) = fn.structured_outputs.keys()
    reference = fn(**{feed_key: tf.constant(x)})[fetch_key].numpy()
    np.save(os.path.join(tmp, "reference.npy"), reference)

    frozen = convert_to_constants.convert_variables_to_constants_v2(fn)
    graph_def = frozen.graph.as_graph_def()
    with open(os.path.join(tmp, "tf_frozen.pb"), "wb") as f:
        f.write(graph_def.SerializeToString())
    # The signature's tensors in the SavedModel's graph: graphc's frozen
    # graph keeps these names (a Placeholder serving_default_<key>, the
    # call's output).
    from tensorflow.core.protobuf import saved_model_pb2

    saved = saved_model_pb2.SavedModel()
    with open(os.path.join(tmp, "saved_model", "saved_model.pb"), "rb") as f:
        saved.ParseFromString(f.read())
    signature = saved.meta_graphs[0].signature_def["serving_default"]
    meta = {
        "feed": feed_key,
        "graph_feed": signature.inputs[feed_key].name,
        "graph_fetch": signature.outputs[fetch_key].name,
        "fetch": fetch_key,
        "shape": list(spec[1]),
        "tf_frozen_inputs": [t.name for t in frozen.inputs],
        "tf_frozen_outputs": [t.name for t in frozen.outputs],
        "stamp": stamp(),
    }
    with open(os.path.join(tmp, "meta.json"), "w") as f:
        json.dump(meta, f)
    shutil.rmtree(folder, ignore_errors=True)
    os.rename(tmp, folder)


def cached(cache, name):
    folder = os.path.join(cache, name)
    meta = os.path.join(folder, "meta.json")
    if os.path.exists(meta):
        with open(meta) as f:
            if json.load(f).get("stamp") == stamp():
                return folder, False
    t = time.time()
    generate(name, folder)
    return folder, time.time() - t

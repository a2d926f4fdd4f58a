"""Saving TensorFlow objects as SavedModels for graph-compile.

graphc.compile accepts, besides model files, a ``tf.function``, a
``ConcreteFunction``, a ``tf.Module`` (with a ``__call__`` tf.function or
``signatures``) and a Keras model. This module writes such an object to a
SavedModel directory whose ``serving_default`` signature graph-compile then
reads. TensorFlow is imported only when one of these objects is passed.
"""

import inspect
import sys

__all__ = ["is_tf_object", "save_saved_model", "default_name", "keras_unknown_input_dims"]


def _tf():
    try:
        import tensorflow as tf
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise TypeError("graphc.compile: model is not a path, and TensorFlow (needed to "
                        "compile a tf.function, tf.Module or Keras model) cannot be "
                        "imported: %s" % e) from e
    return tf


def _keras_model_classes():
    # A Keras model's module is imported already: no need to import Keras.
    classes = []
    for modname in ("keras", "tf_keras"):
        m = sys.modules.get(modname)
        cls = getattr(m, "Model", None) if m is not None else None
        if isinstance(cls, type):
            classes.append(cls)
    return tuple(classes)


def _kind(obj):
    tf = sys.modules.get("tensorflow")
    keras_classes = _keras_model_classes()
    if keras_classes and isinstance(obj, keras_classes):
        return "keras"
    if tf is None:
        return None
    if isinstance(obj, tf.types.experimental.ConcreteFunction):
        return "concrete"
    if hasattr(obj, "get_concrete_function") and hasattr(obj, "python_function"):
        return "function"
    if isinstance(obj, tf.Module) or hasattr(obj, "signatures"):
        return "module"
    return None


def is_tf_object(obj):
    """Whether ``obj`` is a TensorFlow object graphc.compile can save."""
    if "tensorflow" not in sys.modules and not _keras_model_classes():
        return False
    return _kind(obj) is not None


def default_name(obj):
    """A file stem for the compiled model: the Keras model's or Module's name,
    the function's name, else "model"."""
    try:
        if _kind(obj) == "function":
            name = obj.python_function.__name__
        else:
            name = obj.name
        if isinstance(name, bytes):
            name = name.decode("utf-8", "replace")
    except Exception:  # e.g. a tf.Module whose __init__ skipped super().__init__()
        name = None
    return name if isinstance(name, str) and name else "model"


def keras_unknown_input_dims(obj):
    """For a Keras model, [(input name, shape)] of the inputs whose shape has
    an unknown dimension (the batch, usually); [] otherwise."""
    if _kind(obj) != "keras":
        return []
    try:
        inputs = list(obj.inputs)
    except Exception:  # a subclassed model has no symbolic inputs
        return []
    out = []
    for t in inputs:
        shape = tuple(getattr(t, "shape", ()))
        if any(d is None for d in shape):
            out.append((getattr(t, "name", "?"), shape))
    return out


def _save_function(tf, fn, concrete, directory):
    module = tf.Module()
    if fn is not None:
        module.fn = fn
    # Track the variables the function captures, so that saving does not
    # refuse them as untracked resources.
    module.captured_variables = list(concrete.variables)
    tf.saved_model.save(module, directory, signatures={"serving_default": concrete})


def _signature_of(fn, input_signature, what):
    sig = input_signature if input_signature is not None else getattr(fn, "input_signature", None)
    if sig is None:
        raise ValueError("graphc.compile: the %s has no input signature: decorate it with "
                         "@tf.function(input_signature=[tf.TensorSpec(shape, dtype, name=...)]) "
                         "or pass tf_input_signature=[...]" % what)
    return list(sig)


def save_saved_model(obj, directory, input_signature=None):
    """Saves ``obj`` as a SavedModel in ``directory`` with a serving_default
    signature. ``input_signature`` (a list of tf.TensorSpec) overrides or
    supplies the signature of a function, a Module's ``__call__`` or a Keras
    model."""
    tf = _tf()
    kind = _kind(obj)
    if kind == "keras":
        version = getattr(sys.modules.get(type(obj).__module__.split(".")[0]), "__version__", "")
        major = int(version.split(".")[0]) if version[:1].isdigit() else 0
        export = getattr(obj, "export", None)
        if major >= 3 and export is not None:
            kwargs = {}
            params = inspect.signature(export).parameters
            if "verbose" in params:
                kwargs["verbose"] = False
            if input_signature is not None:
                kwargs["input_signature"] = list(input_signature)
            export(directory, format="tf_saved_model", **kwargs)
        elif input_signature is not None:
            fn = tf.function(lambda *args: obj(*args, training=False),
                             input_signature=list(input_signature))
            concrete = fn.get_concrete_function()
            module = tf.Module()
            module.model = obj
            module.fn = fn
            tf.saved_model.save(module, directory, signatures={"serving_default": concrete})
        else:
            tf.saved_model.save(obj, directory)
    elif kind == "function":
        sig = _signature_of(obj, input_signature, "tf.function")
        concrete = obj.get_concrete_function(*sig)
        _save_function(tf, obj, concrete, directory)
    elif kind == "concrete":
        _save_function(tf, None, obj, directory)
    elif kind == "module":
        call = getattr(obj, "__call__", None)
        if call is not None and hasattr(call, "get_concrete_function"):
            sig = _signature_of(call, input_signature, "tf.Module's __call__ tf.function")
            concrete = call.get_concrete_function(*sig)
            tf.saved_model.save(obj, directory, signatures={"serving_default": concrete})
        elif getattr(obj, "signatures", None):
            tf.saved_model.save(obj, directory, signatures=dict(obj.signatures))
        else:
            raise ValueError("graphc.compile: the tf.Module has neither a __call__ "
                             "tf.function nor signatures to compile")
    else:
        raise TypeError("graphc.compile: cannot compile a %s: pass a model file or "
                        "SavedModel directory, a tf.function, a tf.Module or a Keras model"
                        % type(obj).__name__)

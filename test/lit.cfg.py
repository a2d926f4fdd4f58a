# lit configuration for graphc's regression tests (like mlir/examples/standalone).
import os
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config

config.name = "graphc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".pbtxt", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "utils"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.graphc_obj_root, "test")

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.graphc_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

config.substitutions.append(("%models", config.graphc_models_dir))
config.substitutions.append(("%examples", os.path.join(config.graphc_src_root, "examples")))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%python", config.python3))
# %exit2 CMD: CMD must fail with exit status 2 (bad input), not crash.
config.substitutions.append(("%exit2", "sh " + os.path.join(
    config.graphc_src_root, "test", "utils", "exit2")))
config.substitutions.append(("%npy", config.python3 + " " +
                             os.path.join(config.graphc_src_root, "scripts", "npytool.py")))
config.substitutions.append(("%cc", os.path.join(config.llvm_tools_dir, "clang")))
config.substitutions.append(("%graphc_include", os.path.join(config.graphc_src_root, "include")))

# Gated tests: `// REQUIRES: models` needs ../shared/models; `numpy` the
# system python's numpy (reference preprocessing); `c-compiler` clang 22.
if os.path.isdir(config.graphc_models_dir):
    config.available_features.add("models")
if subprocess.call([config.python3, "-c", "import numpy"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("numpy")
if os.path.exists(os.path.join(config.llvm_tools_dir, "clang")):
    config.available_features.add("c-compiler")
# `fuzzers`: a -DGRAPHC_FUZZ=ON build, with the libFuzzer targets.
if os.path.exists(os.path.join(config.graphc_tools_dir, "graphc-fuzz-graphdef")):
    config.available_features.add("fuzzers")
# `sanitizer-runtimes`: clang's ASan and TSan runtimes (libclang-rt-22-dev),
# for programs loading libraries compiled with graph-compile --sanitize.
import glob
if glob.glob(os.path.join(config.llvm_tools_dir, "..", "lib", "clang", "*", "lib",
                          "*", "libclang_rt.tsan*.a")) and \
        glob.glob(os.path.join(config.llvm_tools_dir, "..", "lib", "clang", "*", "lib",
                               "*", "libclang_rt.asan*.a")):
    config.available_features.add("sanitizer-runtimes")
# `sanitizers`: a -DGRAPHC_SANITIZE build. Its tools reserve terabytes of
# address space (shadow memory), so tests limiting it (`ulimit -v`) do not
# apply, and they need libasan/libubsan (the .deb's dependency check).
if getattr(config, "graphc_sanitize", ""):
    config.available_features.add("sanitizers")
# `aarch64-cross`: Debian's aarch64 libc (libc6-dev-arm64-cross, crt files
# from libgcc-12-dev-arm64-cross) to link against, and qemu-user to run
# the result (scripts/setup installs them).
if shutil.which("qemu-aarch64") and os.path.exists("/usr/aarch64-linux-gnu/lib/libc.so") \
        and os.path.isdir("/usr/lib/gcc-cross/aarch64-linux-gnu"):
    config.available_features.add("aarch64-cross")

# `protoc --decode=tensorflow.GraphDef -I %tfprotos proto/graph.proto`
# decodes a binary GraphDef graphc wrote, with an independent reader.
config.substitutions.append(("%tfprotos", os.path.join(config.graphc_src_root, "lib", "Import")))
# `opencv`: OpenCV's DNN module (libopencv-dev), a second consumer of the
# frozen GraphDefs graphc exports; `g++ ... %opencv_flags` builds against it.
if shutil.which("pkg-config") and subprocess.call(
        ["pkg-config", "--exists", "opencv4"]) == 0:
    config.available_features.add("opencv")
    config.substitutions.append(("%opencv_flags", subprocess.check_output(
        ["pkg-config", "--cflags", "--libs", "opencv4"], text=True).strip()))

# `bench-peers`: the venv of scripts/bench-setup (.venv/ in the checkout) is
# complete (TensorFlow, ONNX Runtime, tf2onnx, OpenVINO), so bench/compare
# can time graphc against its Python peers; `openblas`: cblas_sgemm for bench/matmul (libopenblas-dev).
config.substitutions.append(("%bench", os.path.join(config.graphc_src_root, "bench")))
config.substitutions.append(("%graphc_build", config.graphc_obj_root))
# (The stamp is written only when bench-setup installed every peer.)
_bench_python = os.path.join(config.graphc_src_root, ".venv", "bin", "python")
_bench_stamp = os.path.join(config.graphc_src_root, ".venv", ".graphc-bench-stamp")
if os.path.exists(_bench_stamp) and subprocess.call(
        [_bench_python, "-c", "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None "
         "for m in ('tensorflow', 'onnxruntime', 'tf2onnx', 'openvino')))"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("bench-peers")
if os.path.exists("/usr/include/x86_64-linux-gnu/cblas.h") or os.path.exists("/usr/include/cblas.h"):
    if shutil.which("cc") and subprocess.call(
            ["sh", "-c", "echo 'int main(){return 0;}' | cc -x c - -o /dev/null -lopenblas"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
        config.available_features.add("openblas")

# `tensorflow`: the checkout's .venv (scripts/bench-setup, which scripts/test
# runs) imports TensorFlow 2.21, the oracle of test/TensorFlow. `%tfpython`
# is that venv's python with TF's C++ logging silenced and its oneDNN kernels
# on (TF enables them itself only on AVX-512 CPUs). Where TF cannot be
# installed these tests are UNSUPPORTED and the rest of the suite runs.
_venv_python = os.path.join(config.graphc_src_root, ".venv", "bin", "python")
if os.path.exists(_venv_python) and subprocess.call(
        [_venv_python, "-c", "import tensorflow"],
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("tensorflow")
config.substitutions.append(("%tfpython", "env TF_CPP_MIN_LOG_LEVEL=3 TF_ENABLE_ONEDNN_OPTS=1 " + _venv_python))

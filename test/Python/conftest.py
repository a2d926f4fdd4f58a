"""pytest setup for the graphc Python package's tests.

Puts the checkout's python/ first on sys.path (nothing needs installing) and
the build's bin/ (GRAPHC_BUILD_DIR, default build, relative to the repo root)
first on PATH, where graphc finds graph-compile.
"""
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_DIR = Path(os.environ.get("GRAPHC_BUILD_DIR", "build"))
if not BUILD_DIR.is_absolute():
    BUILD_DIR = REPO / BUILD_DIR
BIN_DIR = BUILD_DIR / "bin"

sys.path.insert(0, str(REPO / "python"))
os.environ["PATH"] = str(BIN_DIR) + os.pathsep + os.environ.get("PATH", "")
# The tools must come from this build, not from an installed graphc.
os.environ.pop("GRAPHC_HOME", None)


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def bin_dir():
    if not (BIN_DIR / "graph-compile").exists():
        pytest.fail("no %s: build graphc first (scripts/build), or set GRAPHC_BUILD_DIR"
                    % (BIN_DIR / "graph-compile"))
    return BIN_DIR

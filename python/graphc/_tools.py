"""Finding the graphc command-line tools (graph-compile, graph-run).

A tool is looked up, in this order:

1. ``$GRAPHC_HOME/bin`` if the environment variable ``GRAPHC_HOME`` is set
   (a graphc build directory or install prefix);
2. ``bin/`` inside this package's directory (``graphc/bin/``), where a wheel
   that bundles the tools puts them;
3. the directories of ``PATH``.

The first executable file found wins; none raises ToolNotFoundError naming
every place looked in.
"""

import os
import shutil

from ._errors import ToolNotFoundError

__all__ = ["find_tool", "PACKAGE_BIN_DIR"]

PACKAGE_BIN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin")


def _executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_tool(name="graph-compile"):
    """Returns the absolute path of the graphc tool ``name``.

    Raises ToolNotFoundError (a RuntimeError) when it is nowhere to be found.
    """
    searched = []
    home = os.environ.get("GRAPHC_HOME")
    if home:
        bindir = os.path.join(home, "bin")
        candidate = os.path.join(bindir, name)
        if _executable(candidate):
            return os.path.abspath(candidate)
        searched.append("$GRAPHC_HOME/bin: %s" % bindir)
    else:
        searched.append("$GRAPHC_HOME/bin: (GRAPHC_HOME is not set)")

    candidate = os.path.join(PACKAGE_BIN_DIR, name)
    if _executable(candidate):
        return candidate
    searched.append("the package's bin directory: %s" % PACKAGE_BIN_DIR)

    path = os.environ.get("PATH", os.defpath)
    found = shutil.which(name, path=path)
    if found:
        return os.path.abspath(found)
    searched.append("PATH: %s" % (path if path else "(empty)"))
    raise ToolNotFoundError(name, searched)

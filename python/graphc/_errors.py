"""The exceptions graphc raises: a missing tool, a failed compile, a failed call."""

__all__ = ["ToolNotFoundError", "CompileError", "ModelRunError", "ABIVersionError"]


class ToolNotFoundError(RuntimeError):
    """A graphc tool (graph-compile) is in none of the places searched.

    ``tool`` is the tool's name and ``searched`` the list of directories (or
    descriptions of them) that were looked in, in order.
    """

    def __init__(self, tool, searched):
        self.tool = tool
        self.searched = list(searched)
        lines = ["%s not found; looked in:" % tool]
        lines += ["  " + s for s in self.searched]
        lines.append("Set GRAPHC_HOME to a graphc build or install directory "
                     "(the one holding bin/%s), or put it on PATH." % tool)
        super().__init__("\n".join(lines))


class CompileError(RuntimeError):
    """graph-compile exited with a non-zero status.

    Attributes:
      message: the compiler's ``error:`` lines (all of its stderr when it
        printed none, e.g. for an unknown option).
      returncode: its exit status: 2 for a model or option it refuses
        (graph-compile's own errors), 1 for a command-line parse error.
      command: the command that was run, a list of strings.
      stderr: its whole stderr; stdout: its whole stdout.
    """

    def __init__(self, message, returncode, command, stderr="", stdout="", note=None):
        self.message = message
        self.returncode = returncode
        self.command = list(command)
        self.stderr = stderr
        self.stdout = stdout
        text = "graph-compile failed (exit status %d):\n%s" % (returncode, message)
        if note:
            text += "\n(" + note + ")"
        super().__init__(text)


class ModelRunError(RuntimeError):
    """A compiled model's entry point returned a non-zero status.

    ``status`` is the value returned: 1 is GRAPHC_STATUS_OUT_OF_MEMORY (a
    scratch malloc failed; a later call may succeed), other values are
    reserved by the ABI.
    """

    def __init__(self, model_name, status):
        self.model_name = model_name
        self.status = status
        if status == 1:
            what = "out of memory (GRAPHC_STATUS_OUT_OF_MEMORY): malloc failed for its scratch memory"
        else:
            what = "unknown failure status %d (reserved by the graphc ABI)" % status
        super().__init__("model '%s' returned %d: %s" % (model_name, status, what))


class ABIVersionError(RuntimeError):
    """A library was built for another graphc runtime ABI than this package's."""

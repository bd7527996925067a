"""Worker processes when Scorer runs from a packaged app.

In a Briefcase package `sys.executable` is the app's launcher, not a `python` binary, and
the launcher hands every argument to Scorer. multiprocessing starts `sys.executable` with
the arguments it would give Python, `[interpreter options] -c "from multiprocessing...
import ...; ..."`: the merge workers' forkserver (spawned workers where there is none) and
the resource tracker. The entry point therefore runs that code itself, as Python would,
instead of parsing it as a command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# The programs multiprocessing passes with -c to a process it starts.
_CHILD_PROGRAMS = (
    "from multiprocessing.spawn import spawn_main",
    "from multiprocessing.resource_tracker import main",
    "from multiprocessing.forkserver import main",
)


def child_program(argv: Sequence[str]) -> tuple[str, list[str]] | None:
    """The `-c` program multiprocessing gave, and the arguments after it; None otherwise."""
    args = list(argv[1:])
    if "-c" not in args:
        return None
    at = args.index("-c")
    if at + 1 >= len(args) or not args[at + 1].startswith(_CHILD_PROGRAMS):
        return None
    return args[at + 1], args[at + 2:]


def run_if_child(argv: Sequence[str]) -> bool:
    """Run a multiprocessing child's program, as `python -c` would; False if `argv` is not one."""
    found = child_program(argv)
    if found is None:
        return False
    program, rest = found
    sys.argv = ["-c", *rest]
    exec(compile(program, "<string>", "exec"), {"__name__": "__main__"})
    return True

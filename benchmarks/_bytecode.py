"""Cold commands are timed as installed: with Scorer's modules already compiled.

pip and Briefcase compile a package's bytecode when they install it, and the libraries in
the environment were compiled by pip. A checkout run with PYTHONDONTWRITEBYTECODE set
would compile every one of Scorer's modules on every start instead, so the benchmarks
compile the tree they time once, up front.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_tree(tree: Path) -> None:
    for package in ("scorer", "tests/support"):
        if not compileall.compile_dir(tree / package, quiet=1):
            raise SystemExit(f"could not compile {tree / package}")

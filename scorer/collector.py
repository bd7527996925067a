"""Pausing Python's cyclic garbage collector around bulk work that makes no cycles.

Building many objects that are never in a reference cycle (rows of a list, results
coming back from worker processes) triggers full collections that sweep the whole
heap (SQLAlchemy, pydantic, Qt, the PDF libraries) a few times over for nothing.
Reference counting still frees everything as usual while the collector is paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, and back on after it if it was on before.

    The switch is process-wide: another thread's work in the meantime simply goes
    uncollected for that long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""Running pyHanko's coroutines: one event loop per thread, kept for the next call.

pyHanko's API is asynchronous; `asyncio.run` would make and tear down a new event
loop for every signature made or checked (about 0.4 ms each). Each thread keeps
its own loop instead, closed when the thread ends.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class _Loop:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def __del__(self) -> None:
        self.loop.close()


_local = threading.local()


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to its end on this thread's loop and return its result."""
    holder: _Loop | None = getattr(_local, "holder", None)
    if holder is None:
        holder = _local.holder = _Loop()
    return holder.loop.run_until_complete(coroutine)

"""pyHanko's coroutines run on one kept event loop per thread, closed when the thread ends."""

from __future__ import annotations

import asyncio
import gc
import threading

from scorer.io import pdf_async


async def _current_loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()


def test_a_thread_keeps_its_loop_from_call_to_call() -> None:
    first = pdf_async.run(_current_loop())
    assert pdf_async.run(_current_loop()) is first
    assert not first.is_closed()


def test_each_thread_has_its_own_loop_closed_when_the_thread_ends() -> None:
    mine = pdf_async.run(_current_loop())
    seen: list[asyncio.AbstractEventLoop] = []
    worker = threading.Thread(target=lambda: seen.append(pdf_async.run(_current_loop())))
    worker.start()
    worker.join()
    gc.collect()
    assert seen and seen[0] is not mine
    assert seen[0].is_closed()

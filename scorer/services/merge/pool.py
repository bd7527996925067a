"""Work on untrusted files in worker processes, each task bounded in time.

A hostile PDF must not hang or crash the merge. A thread cannot be stopped, so
each file is checked in a worker process of a `pebble.ProcessPool`: a task that
runs past its time limit has its worker killed (the pool starts a new one), and
a worker that dies fails only the task it ran. Workers never `fork` from the app
(it has threads): on POSIX they fork from multiprocessing's forkserver, a
single-threaded process that imports the pool's `preload` modules once, so a new
or replacement worker starts warm in milliseconds; elsewhere they are spawned.
They warm up in the pool's initializer so that imports do not count against a
file's limit (a task's time starts when a worker takes it), and on POSIX run with
a cap on their address space, so that a decompression bomb ends in a MemoryError
instead of taking the machine's memory.

Tasks are module-level functions (pickled by name) and picklable arguments.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import Any

from pebble import ProcessExpired, ProcessPool

from scorer.domain.errors import ScorerError

log = logging.getLogger(__name__)

MEMORY_LIMIT = 2 * 1024 ** 3  # address space of a worker, POSIX only
START_TIMEOUT = 120.0  # a cold start on a busy machine imports the whole PDF stack
TASKS_PER_NEW_WORKER = 4
START_FAILURES = 3  # pools whose workers all die before taking a task, in a row
_POLL = 0.25  # how often a run looks whether the pool is being closed


class WorkersUnavailable(ScorerError):
    """The worker processes cannot be started."""


@dataclass(frozen=True, slots=True)
class TaskFailure:
    """A task that did not return: too slow, its worker died, or it raised."""

    reason: str
    timed_out: bool = False
    cancelled: bool = False


def worker_context(preload: Sequence[str] = ()) -> BaseContext:
    """Where workers come from: the forkserver, preloaded with `preload`, where there is one.

    The forkserver is one per process and imports its preload when it starts, so the first
    pool to start a worker decides it; later pools' modules are imported in each worker.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    if preload:
        context.set_forkserver_preload(list(preload))
    return context


def _start_worker(warm_up: Callable[[], object] | None, memory_limit: int | None) -> None:
    """The pool's initializer: the memory cap first, then the warm-up."""
    if memory_limit:
        _limit_memory(memory_limit)
    if warm_up is not None:
        try:
            warm_up()
        except Exception:  # a failed warm-up shows again in the first task
            log.debug("warm-up failed", exc_info=True)


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        log.debug("cannot limit the worker's memory", exc_info=True)


def _call(function: Callable[[Any], Any], argument: Any) -> Any:
    """Run one task in the worker; its exception comes back as a short `TaskFailure`."""
    try:
        return function(argument)
    except MemoryError:
        return TaskFailure("it needs more memory than a scorecard ever does")
    except Exception as exc:  # noqa: BLE001 - reported to the parent as this task's failure
        return TaskFailure(f"{exc.__class__.__name__}: {str(exc)[:200]}")


class WorkerPool:
    """A few worker processes that run tasks with a time limit each; reusable, thread-safe."""

    def __init__(self, workers: int | None = None,
                 warm_up: Callable[[], object] | None = None,
                 memory_limit: int | None = MEMORY_LIMIT,
                 preload: Sequence[str] = ()) -> None:
        """`preload` names the modules the forkserver imports for every worker to share."""
        self.size = max(1, workers or min(4, os.cpu_count() or 1))
        self._preload = tuple(preload)
        self._warm_up = warm_up
        self._memory_limit = memory_limit
        self._pool: ProcessPool | None = None
        self._workers = 0  # the size of `_pool`
        self._lock = threading.Lock()
        self._closing = threading.Event()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, count: int | None = None) -> None:
        """Start workers ahead of time (they warm up in the background)."""
        with self._lock:
            self._ensure(min(self.size, count or self.size))

    def _ensure(self, count: int) -> ProcessPool:
        """A running pool of at least `count` workers (a larger one replaces a smaller)."""
        if self._pool is not None and (not self._pool.active or self._workers < count):
            self._stop()
        if self._pool is None:
            self._pool = ProcessPool(
                max_workers=count, initializer=_start_worker,
                initargs=(self._warm_up, self._memory_limit),
                context=worker_context(self._preload),
            )
            self._workers = count
            _ = self._pool.active  # starts the workers now
        return self._pool

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.stop()  # type: ignore[no-untyped-call]
            self._pool.join()
            self._pool = None
            self._workers = 0

    def close(self) -> None:
        """Stop the workers; a run in progress ends at once, its open tasks failed."""
        self._closing.set()
        with self._lock:
            self._stop()
        self._closing.clear()

    def run(self, function: Callable[[Any], Any], arguments: Sequence[Any], timeout: float,
            on_result: Callable[[int, Any], None] | None = None,
            cancel: threading.Event | None = None) -> list[Any]:
        """`function(argument)` for each argument, in order; a `TaskFailure` where one failed.

        Each task may take `timeout` seconds from the moment a warm worker takes it.
        `on_result(index, result)` is called on this thread as results arrive. Once `cancel`
        is set, the tasks not done fail (`cancelled`) and the workers running them are
        replaced.
        """
        results: list[Any] = [None] * len(arguments)
        if not arguments:
            return results
        with self._lock:
            # A worker's start costs more than a few tasks: only start more for more tasks.
            wanted = min(self.size, -(-len(arguments) // TASKS_PER_NEW_WORKER))
            todo = list(range(len(arguments)))
            for _attempt in range(START_FAILURES):
                pool = self._ensure(max(wanted, self._workers))
                todo = self._run_once(pool, function, arguments, todo, timeout, results,
                                      on_result, cancel)
                if not todo:
                    return results
                self._stop()  # every worker died before taking a task: try a new pool
            raise WorkersUnavailable(
                "The merge's checking processes stop as soon as they start, so no file can "
                "be checked.")

    def _run_once(self, pool: ProcessPool, function: Callable[[Any], Any],
                  arguments: Sequence[Any], todo: list[int], timeout: float,
                  results: list[Any], on_result: Callable[[int, Any], None] | None,
                  cancel: threading.Event | None) -> list[int]:
        """Run the tasks `todo` on `pool`; those left when the pool broke down."""
        futures: dict[Future[Any], int] = {
            pool.schedule(_call, args=(function, arguments[index]), timeout=timeout): index
            for index in todo
        }
        started = time.monotonic()
        broken: list[int] = []
        pending = set(futures)
        while pending:
            stop = (TaskFailure("the merge was closed first") if self._closing.is_set() else
                    TaskFailure("cancelled", cancelled=True) if cancel is not None
                    and cancel.is_set() else None)
            if stop is not None:  # a running task's future cancelled stops its worker
                for future in sorted(pending, key=futures.__getitem__):
                    future.cancel()
                    self._deliver(futures[future], stop, results, on_result)
                return []
            done, pending = wait(pending, timeout=_POLL, return_when=FIRST_COMPLETED)
            for future in done:
                index = futures[future]
                outcome = _outcome(future, timeout)
                if outcome is None:
                    broken.append(index)
                else:
                    self._deliver(index, outcome, results, on_result)
            if (pending and time.monotonic() - started > START_TIMEOUT
                    and not any(f.running() or f.done() for f in futures)):
                raise WorkersUnavailable(
                    f"The merge's checking processes did not start within "
                    f"{START_TIMEOUT:.0f} s.")
        return sorted(broken)

    @staticmethod
    def _deliver(index: int, value: Any, results: list[Any],
                 on_result: Callable[[int, Any], None] | None) -> None:
        results[index] = value
        if on_result is not None:
            on_result(index, value)


def _outcome(future: Future[Any], timeout: float) -> Any:
    """The task's result or `TaskFailure`; None when the pool broke down before it ran."""
    try:
        return future.result()
    except FutureTimeout:
        log.warning("a task took longer than %.0f s; its worker is stopped", timeout)
        return TaskFailure(f"took longer than {timeout:g} s", timed_out=True)
    except ProcessExpired as exc:
        return TaskFailure(f"its worker process stopped (exit code {exc.exitcode})")
    except BrokenProcessPool:
        return None
    except CancelledError:
        return TaskFailure("the merge was closed first")
    except Exception as exc:  # noqa: BLE001 - e.g. an argument or result that cannot be pickled
        return TaskFailure(f"{exc.__class__.__name__}: {str(exc)[:200]}")

"""Work on untrusted files in worker processes, each task bounded in time.

A hostile PDF must not hang or crash the merge. A thread cannot be stopped and
a signal cannot interrupt a worker thread, so each file is checked in a worker
process: a task that runs past its time limit gets its worker killed (and a new
one started when needed), and a worker that dies reports the file as failed.
Workers are started with `spawn` (never `fork`: the app has threads), warm up
before their first task so that imports do not count against a file's limit,
and on POSIX run with a cap on their address space, so that a decompression
bomb ends in a MemoryError instead of taking the machine's memory.

Tasks are module-level functions (pickled by name) and picklable arguments;
results come back pickled. Each worker is handed its next task while it runs the
current one, so it never waits for the parent between tasks; a task's time limit
starts when the one before it on that worker ends.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from scorer.domain.errors import ScorerError

log = logging.getLogger(__name__)

MEMORY_LIMIT = 2 * 1024 ** 3  # address space of a worker, POSIX only
START_TIMEOUT = 120.0  # a cold start on a busy machine imports the whole PDF stack
TASKS_PER_NEW_WORKER = 4
QUEUED = 2  # tasks handed to a worker at once: the one it runs and the next
START_FAILURES = 3  # workers that die before they are ready, in a row, before giving up


class WorkersUnavailable(ScorerError):
    """The worker processes cannot be started."""


@dataclass(frozen=True, slots=True)
class TaskFailure:
    """A task that did not return: too slow, its worker died, or it raised."""

    reason: str
    timed_out: bool = False
    cancelled: bool = False


class _Worker:
    def __init__(self, context: Any, warm_up: Callable[[], object] | None,
                 memory_limit: int | None) -> None:
        parent, child = context.Pipe(duplex=True)
        self.conn: Connection = parent
        self.process = context.Process(
            target=_worker_main, args=(child, warm_up, memory_limit), daemon=True,
            name="scorer-merge-worker",
        )
        self.process.start()
        child.close()
        self.ready = False
        self.loaded: Callable[[Any], Any] | None = None  # the task function it holds
        self.loading: Callable[[Any], Any] | None = None  # the one it is importing
        self.tasks: deque[int] = deque()  # handed over, not answered; it runs the first
        self.deadline = 0.0  # for the first of `tasks`

    @property
    def idle(self) -> bool:
        return self.ready and self.loading is None and not self.tasks

    @property
    def can_take(self) -> bool:
        return self.ready and self.loading is None and len(self.tasks) < QUEUED

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                self.process.kill()
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


def _worker_main(conn: Connection, warm_up: Callable[[], object] | None,
                 memory_limit: int | None) -> None:
    if memory_limit:
        _limit_memory(memory_limit)
    if warm_up is not None:
        try:
            warm_up()
        except Exception:  # a failed warm-up shows again in the first task
            log.debug("warm-up failed", exc_info=True)
    try:
        conn.send(("ready", None))
    except OSError:  # the pool was closed while this worker warmed up
        return
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def read() -> None:
        # The parent's messages are read as they come: the parent handing over the next
        # task must never wait for this process to finish sending a result, or with both
        # pipes full each would wait for the other.
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                message = None
            inbox.put(message)
            if message is None:
                return

    threading.Thread(target=read, daemon=True, name="scorer-merge-inbox").start()
    function: Callable[[Any], Any] | None = None
    while True:
        message = inbox.get()
        if message is None:
            return
        kind, value = message
        if kind == "load":  # importing the task's module does not count against a file
            function = value
            conn.send(("loaded", None))
            continue
        assert function is not None
        try:
            conn.send(("ok", function(value)))
        except MemoryError:
            conn.send(("error", "it needs more memory than a scorecard ever does"))
        except Exception as exc:  # noqa: BLE001 - reported to the parent as this task's failure
            conn.send(("error", f"{exc.__class__.__name__}: {str(exc)[:200]}"))


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


class WorkerPool:
    """A few worker processes that run tasks with a time limit each; reusable, thread-safe."""

    def __init__(self, workers: int | None = None,
                 warm_up: Callable[[], object] | None = None,
                 memory_limit: int | None = MEMORY_LIMIT) -> None:
        self.size = max(1, workers or min(4, os.cpu_count() or 1))
        self._warm_up = warm_up
        self._memory_limit = memory_limit
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._start_failures = 0
        self._closing = threading.Event()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, count: int | None = None) -> None:
        """Start workers ahead of time (they warm up in the background)."""
        with self._lock:
            self._grow(min(self.size, count or self.size))

    def _grow(self, count: int) -> None:
        while len(self._workers) < count:
            self._workers.append(_Worker(self._context, self._warm_up, self._memory_limit))

    def close(self) -> None:
        """Stop the workers; a run in progress ends at once, its open tasks failed."""
        self._closing.set()
        with self._lock:
            for worker in self._workers:
                worker.stop(kill=bool(worker.tasks))
            self._workers.clear()
        self._closing.clear()

    def run(self, function: Callable[[Any], Any], arguments: Sequence[Any], timeout: float,
            on_result: Callable[[int, Any], None] | None = None,
            cancel: threading.Event | None = None) -> list[Any]:
        """`function(argument)` for each argument, in order; a `TaskFailure` where one failed.

        Each task may take `timeout` seconds from the moment a warm worker receives it.
        `on_result(index, result)` is called as results arrive. Once `cancel` is set, the
        tasks not done fail (`cancelled`) and the workers running them are replaced.
        """
        results: list[Any] = [None] * len(arguments)
        if not arguments:
            return results
        with self._lock:
            # A worker's start costs more than a few tasks: only start more for more tasks
            # (workers already running are all used).
            self._grow(min(self.size, -(-len(arguments) // TASKS_PER_NEW_WORKER)))
            pending = deque(range(len(arguments)))
            remaining = len(arguments)
            started = time.monotonic()
            while remaining:
                if self._closing.is_set():
                    for index in range(len(arguments)):
                        if results[index] is None:
                            results[index] = TaskFailure("the merge was closed first")
                    break
                if cancel is not None and cancel.is_set():
                    for worker in [w for w in self._workers if w.tasks]:
                        self._replace(worker, kill=True)
                    for index in range(len(arguments)):
                        if results[index] is None:
                            results[index] = TaskFailure("cancelled", cancelled=True)
                    break
                now = time.monotonic()
                for worker in list(self._workers):
                    self._hand_over(worker, function, arguments, pending, timeout)
                waiting = [w for w in self._workers if not w.idle]
                deadlines = [w.deadline for w in waiting if w.tasks]
                if not any(w.ready for w in self._workers) and now - started > START_TIMEOUT:
                    raise WorkersUnavailable(
                        f"The merge's checking processes did not start within "
                        f"{START_TIMEOUT:.0f} s.")
                # Short waits, so that close() is never kept waiting for long.
                limit = min(0.25, max(0.0, min(deadlines) - now)) if deadlines else 0.25
                for conn in wait([w.conn for w in waiting], timeout=limit):
                    worker = next(w for w in waiting if w.conn is conn)
                    remaining -= self._receive(worker, results, on_result, pending, timeout)
                now = time.monotonic()
                for worker in list(self._workers):
                    if worker.loading is not None and now > worker.deadline:
                        raise WorkersUnavailable("The merge's checking processes cannot load "
                                                 "their task.")
                    if worker.tasks and now > worker.deadline:
                        index = worker.tasks.popleft()
                        log.warning("task %d took longer than %.0f s; its worker is stopped",
                                    index, timeout)
                        self._deliver(index, TaskFailure(
                            f"took longer than {timeout:g} s", timed_out=True),
                            results, on_result)
                        remaining -= 1
                        _give_back(worker, pending)
                        self._replace(worker, kill=True)
        return results

    def _hand_over(self, worker: _Worker, function: Callable[[Any], Any],
                   arguments: Sequence[Any], pending: deque[int], timeout: float) -> None:
        """Give `worker` the function to load, or tasks up to `QUEUED`."""
        while pending and worker.can_take:
            if worker.loaded is not function:
                if worker.tasks:  # it finishes the previous run's function first
                    return
                try:
                    worker.conn.send(("load", function))
                except (OSError, ValueError):
                    self._replace(worker)
                    return
                worker.loading = function
                worker.deadline = time.monotonic() + START_TIMEOUT
                return
            index = pending.popleft()
            try:
                worker.conn.send(("task", arguments[index]))
            except (OSError, ValueError):
                pending.appendleft(index)  # it never reached the worker
                if not worker.tasks:
                    self._replace(worker)
                return  # else the worker's end shows on its pipe, with the task it ran
            if not worker.tasks:
                worker.deadline = time.monotonic() + timeout
            worker.tasks.append(index)

    def _receive(self, worker: _Worker, results: list[Any],
                 on_result: Callable[[int, Any], None] | None, pending: deque[int],
                 timeout: float) -> int:
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=2)
            code = worker.process.exitcode
            # The task it was running failed with it; the next ones never started.
            index = worker.tasks.popleft() if worker.tasks else None
            _give_back(worker, pending)
            if not worker.ready:
                self._start_failures += 1
                if self._start_failures >= START_FAILURES:
                    worker.stop(kill=True)
                    self._workers.remove(worker)
                    raise WorkersUnavailable(
                        "The merge's checking processes stop as soon as they start (exit code "
                        f"{code}), so no file can be checked.") from None
            self._replace(worker, kill=True)
            if index is None:
                return 0
            self._deliver(index, TaskFailure(f"its worker process stopped (exit code {code})"),
                          results, on_result)
            return 1
        if kind == "ready":
            worker.ready = True
            self._start_failures = 0
            return 0
        if kind == "loaded":  # possibly left over from the previous run
            worker.loaded, worker.loading = worker.loading, None
            return 0
        if not worker.tasks:  # pragma: no cover - a worker only answers what it was given
            return 0
        index = worker.tasks.popleft()
        if worker.tasks:  # it has started the next one already
            worker.deadline = time.monotonic() + timeout
        self._deliver(index, value if kind == "ok" else TaskFailure(str(value)), results,
                      on_result)
        return 1

    @staticmethod
    def _deliver(index: int, value: Any, results: list[Any],
                 on_result: Callable[[int, Any], None] | None) -> None:
        results[index] = value
        if on_result is not None:
            on_result(index, value)

    def _replace(self, worker: _Worker, kill: bool = False) -> None:
        worker.tasks.clear()
        worker.stop(kill=kill)
        self._workers.remove(worker)
        self._workers.append(_Worker(self._context, self._warm_up, self._memory_limit))


def _give_back(worker: _Worker, pending: deque[int]) -> None:
    """Put the tasks `worker` was handed but never started back at the front, in order."""
    while worker.tasks:
        pending.appendleft(worker.tasks.pop())

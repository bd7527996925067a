"""Merge workers fork from a preloaded forkserver: warm at once, never forked from the app."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scorer.services.merge.pool import worker_context

REPO = Path(__file__).resolve().parents[2]
POSIX_ONLY = pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(),
                                reason="no forkserver on this platform (workers are spawned)")


@POSIX_ONLY
def test_workers_come_from_the_forkserver_never_a_fork_of_the_app() -> None:
    assert worker_context().get_start_method() == "forkserver"


def test_without_a_forkserver_workers_are_spawned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert worker_context(("json",)).get_start_method() == "spawn"


@POSIX_ONLY
def test_a_preloaded_module_is_imported_once_in_the_server_not_in_each_worker() -> None:
    # A fresh process: the forkserver is one per process and takes the first pool's preload.
    program = textwrap.dedent("""
        import os
        from scorer.services.merge.pool import WorkerPool
        from tests.support.merge_tasks import die, where_imported
        with WorkerPool(workers=2, preload=["tests.support.preloaded_marker"]) as pool:
            first = pool.run(where_imported, [0, 1, 2, 3], timeout=30)
            pool.run(die, [3], timeout=30)  # a replacement worker is preloaded too
            again = pool.run(where_imported, [0], timeout=30)
        print(os.getpid(), *[" ".join(map(str, r)) for r in first + again], sep="\\n")
    """)
    done = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    app, *rows = done.stdout.split("\n")[:-1]
    seen = [tuple(int(n) for n in row.split()) for row in rows]
    assert len(seen) == 5
    servers = {imported for imported, _worker, _parent in seen}
    assert len(servers) == 1  # imported once, in one process for all workers
    (server,) = servers
    for _imported, worker, parent in seen:
        assert worker != server  # not imported again in the worker
        assert parent == server != int(app)  # forked from the server, not from the app
    assert len({worker for _i, worker, _p in seen}) >= 2


def test_every_preloaded_module_exists() -> None:
    # The forkserver skips a module it cannot import without a word: a wrong name here
    # would only make every worker import the PDF stack again.
    import importlib

    from scorer.services.merge.workers import WORKER_MODULES

    for name in WORKER_MODULES:
        assert importlib.util.find_spec(name) is not None, name



@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process table of Linux")
def test_the_server_started_early_does_not_hold_the_commands_output_open() -> None:
    # A pipeline reading `scorer merge` ends when the command does, not when its server has.
    program = textwrap.dedent("""
        import os
        from scorer.services.merge.workers import start_server
        start_server()
        me = os.getpid()
        children = open(f"/proc/{me}/task/{me}/children").read().split()
        print(*[f"{pid} {os.readlink(f'/proc/{pid}/fd/1')} {os.readlink(f'/proc/{pid}/fd/2')}"
                for pid in children], sep="\\n")
    """)
    done = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()]
    assert rows  # the server, and multiprocessing's resource tracker
    for _pid, out, err in rows:
        assert (out, err) == (os.devnull, os.devnull)

"""A packaged app's launcher is `sys.executable`: multiprocessing's spawned children still run.

The launcher stand-in here behaves as Briefcase's does: it passes every argument to
Scorer's entry point (`python -m scorer "$@"`), never to Python's own option parser.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.spawn
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorer.launcher_child import child_program

SPAWN = "from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=7, pipe_handle=9)"


def test_the_spawn_program_is_recognised_after_interpreter_options() -> None:
    argv = ["/usr/bin/scorer", "-X", "utf8", "-c", SPAWN, "--multiprocessing-fork"]
    assert child_program(argv) == (SPAWN, ["--multiprocessing-fork"])
    tracker = "from multiprocessing.resource_tracker import main;main(6)"
    assert child_program(["scorer", "-c", tracker]) == (tracker, [])


@pytest.mark.parametrize("argv", [
    ["scorer"],
    ["scorer", "rubrics", "check"],
    ["scorer", "-c"],
    ["scorer", "-c", "import os; os.remove('x')"],  # only multiprocessing's own programs
])
def test_anything_else_is_left_to_the_command_line(argv: list[str]) -> None:
    assert child_program(argv) is None


def _square(queue: multiprocessing.Queue, value: int) -> None:  # type: ignore[type-arg]
    queue.put(value * value)


@pytest.fixture
def launcher(tmp_path: Path) -> Iterator[Path]:
    script = tmp_path / "scorer-launcher"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m scorer "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    previous = multiprocessing.spawn.get_executable()
    multiprocessing.spawn.set_executable(str(script))
    yield script
    multiprocessing.spawn.set_executable(previous)


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in launcher is a shell script")
def test_a_spawned_child_runs_its_target_through_the_launcher(launcher: Path) -> None:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_square, args=(queue, 7))
    process.start()
    process.join(60)
    assert process.exitcode == 0
    assert queue.get(timeout=5) == 49


FORKSERVER_RUN = """
import multiprocessing, multiprocessing.spawn, sys
from scorer.services.merge.pool import WorkerPool
from tests.support.merge_tasks import where_imported
if __name__ == "__main__":
    multiprocessing.spawn.set_executable(sys.argv[1])
    with WorkerPool(workers=1, preload=["tests.support.preloaded_marker"]) as pool:
        (imported, worker, parent), = pool.run(where_imported, [0], timeout=60)
    print(imported == parent != worker)
"""


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(),
                    reason="no forkserver on this platform")
def test_the_merge_workers_forkserver_runs_through_the_launcher(
    launcher: Path, tmp_path: Path
) -> None:
    import os
    import subprocess

    # A fresh process: the forkserver is one per process, started through the launcher.
    program = tmp_path / "run.py"
    program.write_text(FORKSERVER_RUN, encoding="utf-8")
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, str(program), str(launcher)], cwd=repo,
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(repo)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"

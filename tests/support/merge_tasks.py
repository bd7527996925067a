"""Tasks for the merge's worker processes in tests: a spawned worker imports them by name,
so this module stays light (no pytest, no PDF libraries until a task needs them)."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorer.services.merge.tasks import Checked, CheckTask


def echo(value: object) -> object:
    return value


def slow_unless_quick(value: str) -> str:
    if value == "hang":
        time.sleep(60)
    return value


def die(value: int) -> int:
    os._exit(value)


def die_on(value: str) -> str:
    """The worker process ends (exit code 3) on "die"; any other value comes back."""
    if value == "die":
        os._exit(3)
    return value


def fail(value: str) -> str:
    raise ValueError(value)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def check_or_hang(task: CheckTask) -> Checked:
    """The merge's own check, except that a file named hang.pdf never finishes."""
    from scorer.services.merge.tasks import check_file

    if task.path.name == "hang.pdf":
        time.sleep(60)
    return check_file(task)


def never_starts() -> None:
    os._exit(7)


def hang_recording_pid(pid_file: str) -> None:
    """Write this worker's process id to `pid_file`, then never finish."""
    with open(pid_file, "w", encoding="ascii") as handle:
        handle.write(str(os.getpid()))
    time.sleep(60)


def where_imported(_value: object) -> tuple[int, int, int]:
    """(the process that imported `preloaded_marker`, this worker, this worker's parent)."""
    from tests.support import preloaded_marker

    return preloaded_marker.IMPORTED_IN, os.getpid(), os.getppid()

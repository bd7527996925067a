"""No input can crash or hang the merge: bounded workers, hostile and oversized files."""

from __future__ import annotations

import os
import shutil
import sys
import time
import zlib
from pathlib import Path

import pytest

from scorer.services.merge import MergeService
from scorer.services.merge.pool import TaskFailure, WorkerPool, WorkersUnavailable
from scorer.services.verify import MAX_BYTES
from tests.support.hostile_files import minimal_pdf
from tests.support.merge_tasks import (
    allocate,
    check_or_hang,
    die,
    die_on,
    echo,
    fail,
    hang_recording_pid,
    never_starts,
    slow_unless_quick,
)
from tests.support.panel_cards import shared_pool, signed_cards


@pytest.fixture
def pool() -> WorkerPool:
    return shared_pool()


def test_a_task_past_its_time_is_stopped_and_the_others_finish(pool: WorkerPool) -> None:
    arrived: list[int] = []
    results = pool.run(slow_unless_quick, ["a", "hang", "b", "c"], timeout=1.0,
                       on_result=lambda i, _: arrived.append(i))
    assert results[0] == "a" and results[2:] == ["b", "c"]
    assert isinstance(results[1], TaskFailure) and results[1].timed_out
    assert "longer than 1 s" in results[1].reason
    assert sorted(arrived) == [0, 1, 2, 3]
    assert pool.run(echo, [1, 2], timeout=5) == [1, 2]  # the pool carries on


def test_the_worker_of_a_task_past_its_time_is_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with WorkerPool(workers=1) as single:
        (result,) = single.run(hang_recording_pid, [str(pid_file)], timeout=1.0)
        assert isinstance(result, TaskFailure) and result.timed_out
        pid = int(pid_file.read_text(encoding="ascii"))
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # the hung worker is gone, not merely abandoned
        assert single.run(echo, ["next"], timeout=5) == ["next"]  # a new worker took over


def test_a_worker_that_dies_fails_its_task_only(pool: WorkerPool) -> None:
    results = pool.run(die, [3], timeout=5)
    assert isinstance(results[0], TaskFailure) and "exit code 3" in results[0].reason
    assert pool.run(echo, ["still here"], timeout=5) == ["still here"]


def test_tasks_handed_to_a_worker_behind_one_that_hangs_or_kills_it_still_run() -> None:
    # One worker holds the running task and the next: that next one never started when
    # the worker was stopped or died, so it runs again on the worker that replaces it.
    import threading

    with WorkerPool(workers=1) as single:
        runs: list[list[object]] = []

        def both() -> None:
            runs.append(single.run(slow_unless_quick, ["a", "hang", "b", "c"], timeout=1.0))
            runs.append(single.run(die_on, ["a", "die", "b", "c"], timeout=5))

        runner = threading.Thread(target=both)
        runner.start()
        runner.join(timeout=60)  # a task lost in between would keep the run waiting
        assert not runner.is_alive() and len(runs) == 2
        hung, died = runs
        assert hung[0] == "a" and hung[2:] == ["b", "c"]
        assert isinstance(hung[1], TaskFailure) and hung[1].timed_out
        assert died[0] == "a" and died[2:] == ["b", "c"]
        assert isinstance(died[1], TaskFailure) and "exit code 3" in died[1].reason


def test_large_tasks_and_results_cross_at_once_without_a_deadlock() -> None:
    # Tasks go out while the worker sends results back; each is larger than a pipe
    # holds, so neither side may wait for the other to read.
    import threading

    big = [bytes([n]) * (4 * 1024 * 1024) for n in range(4)]
    with WorkerPool(workers=1) as single:
        out: list[list[object]] = []
        runner = threading.Thread(target=lambda: out.append(single.run(echo, big, timeout=30)))
        runner.start()
        runner.join(timeout=60)
        deadlocked = runner.is_alive()
        if deadlocked:  # end the run, so that this test fails instead of hanging
            single.close()
            runner.join(timeout=10)
        assert not deadlocked, "the pool and its worker wait for each other"
    assert out == [big]


def test_an_exception_becomes_the_task_failure(pool: WorkerPool) -> None:
    (result,) = pool.run(fail, ["bad input"], timeout=5)
    assert isinstance(result, TaskFailure) and result.reason == "ValueError: bad input"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
def test_a_worker_cannot_take_the_machines_memory() -> None:
    with WorkerPool(workers=1, memory_limit=512 * 1024 * 1024) as small:
        (result,) = small.run(allocate, [2048], timeout=30)
    assert isinstance(result, TaskFailure) and "more memory" in result.reason


def test_workers_that_cannot_start_give_one_clear_error() -> None:
    with WorkerPool(workers=1, warm_up=never_starts) as broken, \
            pytest.raises(WorkersUnavailable, match="stop as soon as they start"):
        broken.run(echo, [1], timeout=5)


HOSTILE = {
    "cyclic-pages.pdf": minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
    ]),
    "deep-nesting.pdf": minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000 + b" >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]),
    "reference-loop.pdf": minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Names 3 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"3 0 R",
    ]),
    "decompression-bomb.pdf": minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names "
        b"[(scorecard.json) 4 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        b"<< /Type /Filespec /F (scorecard.json) /EF << /F 5 0 R >> >>",
        (lambda d: b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length "
         + str(len(d)).encode() + b" >>\nstream\n" + d + b"\nendstream")(
            zlib.compress(b"\0" * (300 * 1024 * 1024), 9)),
    ]),
}


def test_hostile_pdfs_are_rejected_and_the_good_cards_still_merge(
    tmp_path: Path, pool: WorkerPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = signed_cards()
    name = next(iter(cards.by_candidate))
    folder = tmp_path / "in"
    folder.mkdir()
    for filename, data in HOSTILE.items():
        (folder / filename).write_bytes(data)
    huge = folder / "huge.pdf"
    with huge.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_BYTES + 1024 * 1024)  # sparse
    (folder / "hang.pdf").write_bytes(cards.by_candidate[name][0].read_bytes())
    for path in cards.by_candidate[name]:
        shutil.copyfile(path, folder / path.name)

    service = MergeService(cards.trust, pool=pool, file_timeout=3.0, check=check_or_hang)
    checked = service.check(service.expand([folder]))
    by_name = {c.path.name: c for c in checked}
    for filename in HOSTILE:
        assert not by_name[filename].ok, filename
        assert by_name[filename].reason, filename
    assert by_name["hang.pdf"].status == "UNREADABLE"
    assert by_name["hang.pdf"].reason == "refused: it took longer than 3 s to check"
    assert by_name["huge.pdf"].reason == "refused: 21 MB is over the 20 MB bound for a scorecard"
    assert sum(1 for c in checked if c.ok) == 4


def test_closing_the_pool_ends_a_run_at_once() -> None:
    import threading

    pool = WorkerPool(workers=1)
    results: list[object] = []
    runner = threading.Thread(target=lambda: results.extend(
        pool.run(slow_unless_quick, ["hang", "a", "b"], timeout=60)))
    runner.start()
    time.sleep(0.5)
    pool.close()
    runner.join(timeout=10)
    assert not runner.is_alive()
    assert len(results) == 3 and all(isinstance(r, TaskFailure) for r in results)


def test_a_cancelled_run_stops_its_tasks_and_the_pool_carries_on(pool: WorkerPool) -> None:
    import threading

    cancel = threading.Event()
    # The first result cancels the run; the hanging task is stopped, not waited for.
    results = pool.run(slow_unless_quick, ["a", "hang", "hang"], timeout=60,
                       on_result=lambda i, _: cancel.set(), cancel=cancel)
    assert results[0] == "a"
    assert all(isinstance(r, TaskFailure) and r.cancelled for r in results[1:])
    assert pool.run(echo, ["still here"], timeout=5) == ["still here"]

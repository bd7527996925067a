"""Kill a writer with SIGKILL at random points: every acknowledged edit survives.

After each kill the store is checked with `PRAGMA integrity_check` and then
reopened (and recovered) through the services for the next trial.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from scorer.paths import database_path
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from tests.services.factories import make_rubric

REPO = Path(__file__).resolve().parents[2]
TRIALS = 40


def _new_store(home: Path) -> int:
    with open_local_store(home) as store:
        service = InterviewService(store)
        ada = service.add_candidate("Ada", "ada@example.com")
        interview = service.create_interview(ada.id, make_rubric(), "Yan", "yan@example.com")
        service.start(interview.interview_id)
    return interview.interview_id


def _line(stream: IO[str]) -> str:
    line = stream.readline()
    assert line, "the crash child ended unexpectedly"
    return line.strip()


def _trial(child: subprocess.Popen[str], first: int, rng: random.Random) -> list[int]:
    """One writer, killed after a random number of acks plus a random delay."""
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(f"run {first}\n")
    child.stdin.flush()
    pid = int(_line(child.stdout).removeprefix("pid "))
    acked: list[int] = []
    kill_after = rng.choice([0, rng.randint(1, 5), rng.randint(5, 60)])
    while len(acked) < kill_after:
        acked.append(int(_line(child.stdout).removeprefix("ack ")))
    time.sleep(rng.uniform(0, 0.004))  # now and then, land inside a transaction
    os.kill(pid, signal.SIGKILL)
    while not (line := _line(child.stdout)).startswith("reaped"):
        acked.append(int(line.removeprefix("ack ")))  # printed before it died: acknowledged
    status = int(line.removeprefix("reaped "))
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return acked


def _check(home: Path, interview_id: int, acked: set[int], next_first: int) -> None:
    with sqlite3.connect(database_path(home)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with open_local_store(home) as store:
        detail = InterviewService(store).get_interview(interview_id)
    adhoc = {int(q.text.removeprefix("adhoc ")) for q in detail.adhoc_questions}
    assert {n for n in acked if n % 3 == 0} <= adhoc
    assert all(n < next_first for n in adhoc)  # nothing from a later trial, nothing invented
    last_notes = max((n for n in acked if n % 3 == 1), default=None)
    if last_notes is not None:
        assert int(detail.general_notes.removeprefix("notes ")) >= last_notes
    last_evidence = max((n for n in acked if n % 3 == 2), default=None)
    if last_evidence is not None:
        assert int(detail.score("parallel").evidence.removeprefix("evidence ")) >= last_evidence


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash child forks its writers")
def test_acknowledged_edits_survive_sigkill(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    home = tmp_path / "home"
    interview_id = _new_store(home)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.crash_child", str(home), str(interview_id)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    acked: set[int] = set()
    first = 0
    try:
        assert child.stdout is not None and _line(child.stdout) == "ready"
        for trial in range(TRIALS):
            got = _trial(child, first, rng)
            acked |= set(got)
            # The killed writer may have committed one edit past its last ack.
            first = max(got, default=first) + 2
            try:
                _check(home, interview_id, acked, first)
            except AssertionError as failure:
                raise AssertionError(f"trial {trial}, seed {seed}: {failure}") from failure
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=30)
        if child.stdout:
            child.stdout.close()
    assert len(acked) > TRIALS, f"too few edits acknowledged to mean much (seed {seed})"

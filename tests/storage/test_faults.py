"""A locked, read-only or corrupt database: one clear message naming the file, no half-writes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from scorer.domain.interview import InterviewState
from scorer.domain.store_errors import StoreCorrupt, StoreFull, StoreLocked, StoreReadOnly
from scorer.paths import database_path
from scorer.services.interviews import InterviewService
from scorer.services.store import Workspace, open_local_store
from scorer.storage.sqlite_errors import store_error
from scorer.storage.writes import Writer
from tests.services.factories import FakeClock, make_rubric


def _one_interview(home: Path) -> int:
    with open_local_store(home) as store:
        service = InterviewService(store)
        ada = service.add_candidate("Ada", "ada@example.com")
        change = service.create_interview(ada.id, make_rubric(), "Yan", "yan@example.com")
        return change.interview_id


def test_a_file_that_is_not_a_database_is_named(scorer_home: Path) -> None:
    scorer_home.mkdir(parents=True)
    path = database_path(scorer_home)
    path.write_bytes(b"This is my shopping list, not a database." * 100)
    with pytest.raises(StoreCorrupt, match=f"The database {path} is damaged"):
        open_local_store(scorer_home)
    assert path.read_bytes().startswith(b"This is my shopping list")


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:] = b"\xa5" * (len(data) - page)  # every page but the header page
    path.write_bytes(bytes(data))


def test_a_damaged_database_without_backups_says_how_to_start_afresh(scorer_home: Path) -> None:
    _one_interview(scorer_home)
    path = database_path(scorer_home)
    _damage(path)
    assert not (scorer_home / "backups").exists()
    with (
        pytest.raises(StoreCorrupt) as caught,
        open_local_store(scorer_home) as store,
    ):
        InterviewService(store).list_interviews()
    assert caught.value.message == (
        f"The database {path} is damaged or is not a Scorer database, and it has no backup; "
        "move it aside (rename it) and Scorer starts with a new, empty database, or start "
        "Scorer with --home DIR to use another folder.")


def test_a_damaged_database_names_its_newest_backup(scorer_home: Path) -> None:
    _one_interview(scorer_home)
    path = database_path(scorer_home)
    backups = scorer_home / "backups"
    backups.mkdir()
    older = backups / "scorer-20260101T090000Z-0003.sqlite3"
    newer = backups / "scorer-20260301T090000Z-0003.sqlite3"
    for copy in (older, newer):
        copy.write_bytes(path.read_bytes())
    _damage(path)
    with (
        pytest.raises(StoreCorrupt) as caught,
        open_local_store(scorer_home) as store,
    ):
        InterviewService(store).list_interviews()
    assert f"put a copy of its newest backup, {newer} (2 in {backups}), in its place" \
        in caught.value.message


def test_an_io_error_on_a_nearly_full_disk_says_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from scorer.storage import sqlite_errors

    path = tmp_path / "scorer.sqlite3"
    io_error = sqlite3.OperationalError("disk I/O error")
    io_error.sqlite_errorcode = 778  # type: ignore[attr-defined]  # SQLITE_IOERR_WRITE
    assert not isinstance(store_error(io_error, path), StoreFull)
    monkeypatch.setattr(sqlite_errors.shutil, "disk_usage",
                        lambda _: shutil._ntuple_diskusage(10**9, 10**9 - 4096, 4096))  # type: ignore[attr-defined]
    error = store_error(io_error, path)
    assert isinstance(error, StoreFull)
    assert error.message == (f"The disk holding {path} is full, so nothing was written; what "
                             "was saved before is safe. Free some space and try again.")


def test_a_writer_holding_the_lock_too_long_gives_a_locked_message(scorer_home: Path) -> None:
    interview_id = _one_interview(scorer_home)
    path = database_path(scorer_home)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE interviewers SET name = 'Other program'")
    try:
        with open_local_store(scorer_home, busy_timeout_ms=150) as store:
            service = InterviewService(store)
            with pytest.raises(StoreLocked, match=f"The database {path} is locked by another"):
                service.write_general_notes(interview_id, "lost?")
            # Readers are never blocked by a writer in WAL mode.
            assert [s.id for s in service.list_interviews()] == [interview_id]
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_local_store(scorer_home) as store:
        assert InterviewService(store).get_interview(interview_id).general_notes == ""


def test_an_exclusive_lock_held_by_another_program_is_named_at_open(scorer_home: Path) -> None:
    _one_interview(scorer_home)
    path = database_path(scorer_home)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE interviewers SET name = 'Other program'")
    other.execute("COMMIT")  # in exclusive mode the lock stays after the commit
    try:
        with (
            pytest.raises(StoreLocked, match=str(path)),
            open_local_store(scorer_home, busy_timeout_ms=150) as store,
        ):
            InterviewService(store).list_interviews()
    finally:
        other.close()


_READ_ONLY_CHILD = """
import sys
from datetime import datetime
from pathlib import Path
from scorer.domain.store_errors import StoreReadOnly
from scorer.services.interviews import InterviewService
from scorer.services.store import Workspace, open_local_store

home = Path(sys.argv[1])
try:
    with open_local_store(home) as store:
        service = InterviewService(store)
        print("listed", len(service.list_interviews()))
        service.write_general_notes(1, "x")
except StoreReadOnly as exc:
    print("edit:", exc)
try:
    Workspace(home)
except StoreReadOnly as exc:
    print("app:", exc)
"""


def _as_unprivileged(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python without root's right to write read-only files (CAP_DAC_OVERRIDE)."""
    command = [sys.executable, "-c", code, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a file read-only")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_a_read_only_database_is_named_and_readable(scorer_home: Path) -> None:
    _one_interview(scorer_home)
    path = database_path(scorer_home)
    path.chmod(0o444)
    try:
        result = _as_unprivileged(_READ_ONLY_CHILD, str(scorer_home))
    finally:
        path.chmod(0o644)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "listed 1"
    assert lines[1] == f"edit: The database {path} is read-only; make the file and its folder " \
        "writable, or start Scorer with --home DIR to use another folder."
    assert lines[2].startswith(f"app: The database {path} is read-only")


def test_a_read_only_folder_is_named_too(scorer_home: Path) -> None:
    _one_interview(scorer_home)
    (scorer_home / "scorer.sqlite3-shm").unlink(missing_ok=True)
    scorer_home.chmod(0o555)
    try:
        result = _as_unprivileged(_READ_ONLY_CHILD, str(scorer_home))
    finally:
        scorer_home.chmod(0o755)
    assert result.returncode == 0, result.stderr
    edit, app = result.stdout.splitlines()
    assert edit.startswith(f"edit: The database {database_path(scorer_home)} is read-only")
    assert app.startswith(f"app: The data folder {scorer_home} is read-only")


def test_sqlite_failures_map_to_one_sentence_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "scorer.sqlite3"
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    error = store_error(full, path)
    assert isinstance(error, StoreFull) and str(path) in str(error)
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    readonly = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as real:
        readonly.execute("INSERT INTO t VALUES (1)")
    readonly.close()
    assert isinstance(store_error(real.value, path), StoreReadOnly)
    assert store_error(sqlite3.ProgrammingError("bug"), path) is None
    assert store_error(ValueError("not sqlite"), path) is None


def test_an_action_that_fails_half_way_writes_nothing(
    scorer_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    with open_local_store(scorer_home) as store:
        service = InterviewService(store, clock)
        ada = service.add_candidate("Ada", "ada@example.com")
        interview = service.create_interview(ada.id, make_rubric(), "Yan", "y@example.com")
        interview_id = interview.interview_id
        service.start(interview_id)
        clock.advance(60)
        service.pause(interview_id)
        for dimension, score in (("parallel", 2), ("working", 3)):
            service.score_dimension(interview_id, dimension, score)
        service.set_recommendation(interview_id, "no")
        service.write_summary_note(interview_id, "Fine.")
        before = service.get_interview(interview_id)

        real_submit = Writer.submit

        def failing_submit(self: Writer, interview_id: int, at: datetime) -> None:
            real_submit(self, interview_id, at)  # after the clock was stopped and the pause closed
            raise OSError("power cut")

        monkeypatch.setattr(Writer, "submit", failing_submit)
        clock.advance(60)
        with pytest.raises(OSError, match="power cut"):
            service.submit(interview_id)
        monkeypatch.undo()
        after = service.get_interview(interview_id)
    assert after == before
    assert after.state is InterviewState.PAUSED and after.timer.pauses == ()


def test_the_app_workspace_closes_what_it_opened_when_it_fails(scorer_home: Path) -> None:
    scorer_home.mkdir(parents=True)
    database_path(scorer_home).write_bytes(b"garbage" * 1000)
    with pytest.raises(StoreCorrupt):
        Workspace(scorer_home)
    database_path(scorer_home).unlink()
    with Workspace(scorer_home) as workspace:  # the lock was released
        assert workspace.lock.held

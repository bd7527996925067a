"""Two app instances on one data folder: the second is refused cleanly.

Command-line tools run beside the app; SQLite's WAL mode keeps that safe.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.domain.store_errors import AnotherInstance
from scorer.services.interviews import InterviewService
from scorer.services.store import Workspace, open_local_store
from scorer.storage.instance_lock import InstanceLock
from tests.services.factories import make_rubric

REPO = Path(__file__).resolve().parents[2]

_HOLD_LOCK = """
import sys, time
from pathlib import Path
from scorer.services.store import Workspace
workspace = Workspace(Path(sys.argv[1]))
print("holding", flush=True)
time.sleep(60)
"""


def _child(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], cwd=REPO, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )


def test_a_second_lock_on_the_same_folder_is_refused_naming_it(scorer_home: Path) -> None:
    with (
        InstanceLock(scorer_home),
        pytest.raises(AnotherInstance, match=f"already open on the data folder {scorer_home}"),
    ):
        InstanceLock(scorer_home).acquire()
    with InstanceLock(scorer_home) as again:  # released on exit
        assert again.held


def test_another_process_holding_the_folder_refuses_the_app_until_it_dies(
    scorer_home: Path,
) -> None:
    child = _child(_HOLD_LOCK, str(scorer_home))
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "holding"
        with pytest.raises(AnotherInstance, match="--home DIR for a separate profile"):
            Workspace(scorer_home)
        # A crash leaves the lock file behind, but not the lock.
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (scorer_home / "scorer.lock").exists()
    with Workspace(scorer_home) as workspace:
        assert workspace.lock.held


def test_a_separate_home_is_not_blocked(scorer_home: Path, tmp_path: Path) -> None:
    with Workspace(scorer_home), Workspace(tmp_path / "other-profile") as other:
        assert other.lock.held


_WRITER_MID_TRANSACTION = """
import sys, time
from pathlib import Path
from scorer.services.store import open_local_store
from scorer.storage.tables import interviewers
from sqlalchemy import update
store = open_local_store(Path(sys.argv[1]))
with store.write() as tx:
    tx.connection.execute(update(interviewers).values(name="Uncommitted"))
    print("writing", flush=True)
    time.sleep(60)
"""


def test_the_cli_lists_while_the_app_is_in_the_middle_of_a_write(scorer_home: Path) -> None:
    with open_local_store(scorer_home) as store:
        service = InterviewService(store)
        ada = service.add_candidate("Ada Lovelace", "ada@example.com")
        service.create_interview(ada.id, make_rubric(), "Yan", "yan@example.com")
    with Workspace(scorer_home):  # the app is open on this folder...
        writer = _child(_WRITER_MID_TRANSACTION, str(scorer_home))
        try:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
            env = {**os.environ, "SCORER_HOME": str(scorer_home)}
            listing = subprocess.run(  # ...and a write transaction holds the write lock
                [sys.executable, "-m", "scorer", "interviews", "list", "--json"],
                cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
            )
        finally:
            writer.kill()
            writer.wait()
    assert listing.returncode == 0, listing.stderr
    (row,) = json.loads(listing.stdout)
    assert (row["candidate"], row["interviewer"]) == ("Ada Lovelace", "Yan")

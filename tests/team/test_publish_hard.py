"""Publishing under stress: a client killed mid-flush, twenty at once, a forged row."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from scorer.domain.team import TeamState
from scorer.services.team.access import open_client
from scorer.services.team.publish import Publisher
from scorer.services.team.trust import check_cards, team_trust
from scorer.services.verify import Verdict
from scorer.team.client import TeamClient
from tests.conftest import REPO
from tests.services.factories import make_rubric
from tests.support import fixtures
from tests.team.conftest import TeamDb
from tests.team.profiles import Profile, connected_interviewer

memory_keyring = fixtures.memory_keyring
RUBRIC = make_rubric()
CARDS = 6

_CHILD = """
import sys, time
from pathlib import Path
from scorer.services.store import open_local_store
from scorer.services.team.publish import Publisher
from scorer.team.client import TeamClient

def slowly(item):
    print("sent", item.kind, flush=True)
    time.sleep(0.3)

with open_local_store(Path(sys.argv[1])) as store:
    with TeamClient(sys.argv[2], "secret-pw") as client:
        Publisher(store).flush(client, on_sent=slowly)
print("finished", flush=True)
"""


@pytest.fixture
def ann(team_db: TeamDb, tmp_path: Path, memory_keyring: object) -> Iterator[Profile]:
    """Ann, connected, with CARDS submitted interviews whose cards wait in the outbox."""
    profile = connected_interviewer(team_db, tmp_path, "Ann Example", "ann@example.com")
    for n in range(CARDS):
        interview = profile.schedule(f"Cand {n}", f"cand{n}@example.com", RUBRIC)
        profile.conduct(interview, RUBRIC)
        profile.export(interview, tmp_path / "cards")
    yield profile
    profile.close()


def _server_cards(team_db: TeamDb) -> list[str]:
    with psycopg.connect(team_db.admin_url) as root:
        return [row[0] for row in root.execute("SELECT sha256 FROM scorer_team.cards")]


def _exported(profile: Profile, tmp_path: Path) -> list[str]:
    return sorted(hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in (tmp_path / "cards").glob("*.pdf"))


@pytest.mark.slow
def test_a_client_killed_during_a_flush_loses_and_doubles_nothing(
    ann: Profile, team_db: TeamDb, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(ann.home), team_db.url(ann.email)],
        stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    sent = 0
    for line in child.stdout:
        if line.startswith("sent card"):
            sent += 1
        if sent == 2:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    halfway = _server_cards(team_db)
    assert 2 <= len(halfway) < CARDS  # the kill did land mid-flush
    with open_client(ann.store) as client:
        report = Publisher(ann.store).flush(client)
    assert report.refused == [] and report.unreachable is None
    assert (report.waiting_cards, report.waiting_statuses) == (0, 0)
    cards = _server_cards(team_db)
    assert sorted(cards) == _exported(ann, tmp_path)  # every card, each once


def test_twenty_concurrent_clients_store_every_card_once(
    ann: Profile, team_db: TeamDb, tmp_path: Path
) -> None:
    failures: list[BaseException] = []
    start = threading.Barrier(20)

    def publish() -> None:
        try:
            with TeamClient(team_db.url(ann.email), "secret-pw") as client:
                start.wait()
                Publisher(ann.store).flush(client)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=publish) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert sorted(_server_cards(team_db)) == _exported(ann, tmp_path)
    assert Publisher(ann.store).waiting().cards == 0
    with TeamClient(team_db.url("lee@example.com"), "secret-pw") as lead:
        assert [row.state for row in lead.interviews()] == [TeamState.PUBLISHED] * CARDS


def test_a_card_tampered_with_in_the_database_is_rejected_by_the_reader(
    ann: Profile, team_db: TeamDb
) -> None:
    with open_client(ann.store) as client:
        Publisher(ann.store).flush(client)
    first, second, third, *_ = sorted(_server_cards(team_db))
    with psycopg.connect(team_db.admin_url) as root:
        # The bytes changed, the hash left alone.
        root.execute("UPDATE scorer_team.cards SET pdf = overlay(pdf placing 'X'::bytea "
                     "from 600) WHERE sha256 = %s", (first,))
        # The bytes changed and the hash made to match them.
        [pdf] = root.execute("SELECT pdf FROM scorer_team.cards WHERE sha256 = %s",
                             (second,)).fetchone() or [b""]
        forged = bytes(pdf).replace(b"(opensource)", b"(opensourcf)", 1)
        assert forged != bytes(pdf)
        root.execute("UPDATE scorer_team.cards SET pdf = %s, sha256 = %s WHERE sha256 = %s",
                     (forged, hashlib.sha256(forged).hexdigest(), second))
        # The row's claims changed: the card is for another candidate.
        root.execute("UPDATE scorer_team.cards SET candidate_email = 'someone@example.com' "
                     "WHERE sha256 = %s", (third,))
    with TeamClient(team_db.url("lee@example.com"), "secret-pw") as lead:
        checked = check_cards(lead.cards(), team_trust(lead.certificates()))
    verdicts = {c.card.sha256[:8]: c.verification.verdict for c in checked}
    bad = {c.card.sha256[:8] for c in checked if not c.ok}
    forged_sha = hashlib.sha256(forged).hexdigest()
    assert bad == {first[:8], forged_sha[:8], third[:8]}
    assert all(verdicts[key] is Verdict.TAMPERED for key in bad)
    assert sum(1 for c in checked if c.ok) == CARDS - 3

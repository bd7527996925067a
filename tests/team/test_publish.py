"""The outbox: queued with the local change, sent once, whatever happens to the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scorer.domain.team import Role, TeamState, Waiting
from scorer.services.team.access import client_for, connect_profile, open_client
from scorer.services.team.publish import Publisher
from scorer.storage import team_outbox
from scorer.team.client import TeamClient
from tests.services.factories import make_rubric
from tests.support import fixtures
from tests.team.conftest import TeamDb
from tests.team.profiles import Profile, connected_interviewer, make_profile

memory_keyring = fixtures.memory_keyring
RUBRIC = make_rubric()


@pytest.fixture
def ann(team_db: TeamDb, tmp_path: Path, memory_keyring: object) -> Iterator[Profile]:
    profile = connected_interviewer(team_db, tmp_path, "Ann Example", "ann@example.com")
    yield profile
    profile.close()


def lead_view(team_db: TeamDb) -> TeamClient:
    return TeamClient(team_db.url("lee@example.com"), "secret-pw")


def waiting(profile: Profile) -> Waiting:
    return Publisher(profile.store).waiting()


def test_a_change_queues_its_status_in_the_same_transaction(ann: Profile) -> None:
    interview = ann.schedule("Cara", "cara@example.com", RUBRIC)
    assert waiting(ann).statuses == 1
    ann.interviews.start(interview)
    ann.interviews.write_general_notes(interview, "notes are not a state change")
    assert waiting(ann).statuses == 2


def test_publish_sends_status_and_card_and_a_retry_duplicates_nothing(
    ann: Profile, team_db: TeamDb, tmp_path: Path
) -> None:
    interview = ann.schedule("Cara", "cara@example.com", RUBRIC)
    ann.conduct(interview, RUBRIC)
    card = ann.export(interview, tmp_path / "cards")
    assert (waiting(ann).cards, waiting(ann).statuses) == (1, 4)
    with open_client(ann.store) as client:
        report = Publisher(ann.store).flush(client)
    assert report.refused == [] and report.unreachable is None
    assert (report.waiting_cards, report.waiting_statuses) == (0, 0)
    with lead_view(team_db) as lead:
        [row] = lead.interviews()
        assert row.state is TeamState.PUBLISHED and row.candidate_email == "cara@example.com"
        [stored] = lead.cards()
        assert stored.sha256 == card.sha256 and stored.pdf == card.path.read_bytes()
    # The same rows again (as after a crash before they were deleted): nothing doubles.
    with ann.store.write() as tx:
        team_outbox.link(tx.connection, team_db.url(ann.email), "", 0.0)
    with ann.store.write() as tx:
        tx.connection.execute(team_outbox.team_outbox.insert().values(
            kind="card", interview_id=interview, sha256=card.sha256,
            pdf=card.path.read_bytes(), created_at=0.0))
    with ann.store.read() as reader:
        origin = team_outbox.linked(reader.connection)
    assert origin is not None
    with open_client(ann.store) as client:
        assert Publisher(ann.store).flush(client).refused == []
    with lead_view(team_db) as lead:
        assert len(lead.cards()) == 1


def test_the_server_stopped_mid_flush_then_restarted_loses_and_doubles_nothing(
    ann: Profile, team_db: TeamDb, tmp_path: Path
) -> None:
    cards = []
    for n in range(4):
        interview = ann.schedule(f"Cand {n}", f"cand{n}@example.com", RUBRIC)
        ann.conduct(interview, RUBRIC)
        cards.append(ann.export(interview, tmp_path / "cards").sha256)
    sent: list[int] = []

    def stop_after_three(item: team_outbox.OutboxItem) -> None:
        sent.append(item.id)
        if len(sent) == 3:
            team_db.cluster.stop()

    try:
        with open_client(ann.store) as client:
            report = Publisher(ann.store).flush(client, on_sent=stop_after_three)
        assert report.unreachable is not None and "cannot be reached" not in report.refused
        left = waiting(ann)
        assert left.cards + left.statuses > 0 and left.failing == left.cards + left.statuses
        # Retrying while it is down: a clear message, nothing lost.
        with open_client(ann.store) as client:
            again = Publisher(ann.store).flush(client)
        assert again.sent == 0 and again.unreachable
        assert waiting(ann) .cards == left.cards
    finally:
        team_db.cluster.start()
    with open_client(ann.store) as client:
        final = Publisher(ann.store).flush(client)
    assert final.unreachable is None and final.refused == []
    assert (final.waiting_cards, final.waiting_statuses) == (0, 0)
    with lead_view(team_db) as lead:
        assert sorted(c.sha256 for c in lead.cards()) == sorted(cards)
        states = [row.state for row in lead.interviews()]
    assert states == [TeamState.PUBLISHED] * 4


def test_backoff_is_respected_by_background_retries_but_not_by_publish(
    ann: Profile, team_db: TeamDb
) -> None:
    ann.schedule("Cara", "cara@example.com", RUBRIC)
    clock = [1000.0]
    publisher = Publisher(ann.store, clock=lambda: clock[0])
    team_db.cluster.stop()
    try:
        with open_client(ann.store) as client:
            assert publisher.flush(client).unreachable
        with open_client(ann.store) as client:
            assert publisher.flush(client, respect_backoff=True).unreachable is None
    finally:
        team_db.cluster.start()
    with open_client(ann.store) as client:
        assert publisher.flush(client, respect_backoff=True).sent == 0  # not due yet
        clock[0] += 10
        assert publisher.flush(client, respect_backoff=True).sent == 1


def test_a_card_whose_signer_is_not_on_the_team_list_is_kept_and_named(
    ann: Profile, team_db: TeamDb, tmp_path: Path
) -> None:
    with lead_view(team_db) as lead:
        lead.retire_certificates(keep=[])
    interview = ann.schedule("Cara", "cara@example.com", RUBRIC)
    ann.conduct(interview, RUBRIC)
    ann.export(interview, tmp_path / "cards")
    with open_client(ann.store) as client:
        report = Publisher(ann.store).flush(client)
    [reason] = report.refused
    assert "not on the team's trust list" in reason
    assert report.waiting_cards == 1  # kept, to publish once a lead adds the certificate


def test_a_wrong_password_is_refused_and_not_kept(
    team_db: TeamDb, tmp_path: Path, memory_keyring: object
) -> None:
    from scorer.domain.team import TeamRefused

    profile = make_profile(tmp_path, "Ann Example", "ann@example.com")
    team_db.add("Ann Example", profile.email, Role.INTERVIEWER)
    try:
        with pytest.raises(TeamRefused, match="refused the login") as refused:
            connect_profile(profile.store, team_db.url(profile.email), "wrong")
        assert "wrong" not in str(refused.value)
        with pytest.raises(Exception, match="not connected"):
            open_client(profile.store)
    finally:
        profile.close()


def test_a_url_with_a_password_is_refused(ann: Profile) -> None:
    from scorer.domain.team import TeamError

    with pytest.raises(TeamError, match="holds a password") as refused:
        connect_profile(ann.store, "postgresql://ann:hunter2@localhost/team", None)
    assert "hunter2" not in str(refused.value)


def test_client_for_uses_the_password_kept_in_the_keyring(ann: Profile,
                                                          team_db: TeamDb) -> None:
    with client_for(team_db.url(ann.email)) as client:
        member = client.whoami()
    assert member is not None and member.email == ann.email

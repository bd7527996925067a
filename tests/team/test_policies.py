"""Who may do what, enforced by PostgreSQL: each check runs as a real login role."""

from __future__ import annotations

import hashlib
from datetime import date

import psycopg
import pytest
from psycopg import errors

from scorer.domain.team import CardFacts, Role, StatusUpdate, TeamCertificate, TeamState
from scorer.team import admin, publish, reads
from tests.team.conftest import TeamDb

ANN, BOB, PAT, LEE = "ann@example.com", "bob@example.com", "pat@example.com", "lee@example.com"
CANDIDATE = "cara@example.com"


def _fingerprint(who: str) -> str:
    return hashlib.sha256(f"cert of {who}".encode()).hexdigest()


def _cert(who: str) -> TeamCertificate:
    return TeamCertificate(_fingerprint(who), who.split("@")[0].title(), who,
                           b"-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n")


@pytest.fixture
def team(team_db: TeamDb) -> TeamDb:
    team_db.add("Ann", ANN, Role.INTERVIEWER)
    team_db.add("Bob", BOB, Role.INTERVIEWER)
    team_db.add("Pat", PAT, Role.PANEL)
    team_db.add("Lee", LEE, Role.LEAD)
    with team_db.login(LEE) as lead:
        admin.publish_certificates(lead, [_cert(ANN), _cert(BOB)])
    return team_db


def _status(who: str, kind: str, version: int = 1) -> StatusUpdate:
    return StatusUpdate(f"{who}:{kind}", "Cara", CANDIDATE, kind, who, date(2026, 11, 30),
                        TeamState.SUBMITTED, version)


def _card(who: str, kind: str, fingerprint: str | None = None) -> tuple[CardFacts, bytes]:
    pdf = f"%PDF card of {who} for {kind}".encode()
    facts = CardFacts(hashlib.sha256(pdf).hexdigest(), f"{who}:{kind}", CANDIDATE, kind, who,
                      fingerprint or _fingerprint(who), "hire", '{"score": 3}')
    return facts, pdf


def _publish(team: TeamDb, who: str, kind: str) -> None:
    with team.login(who) as connection:
        publish.send_status(connection, _status(who, kind))
        publish.send_card(connection, *_card(who, kind))


def _visible_cards(team: TeamDb, who: str) -> list[tuple[str, str]]:
    with team.login(who) as connection:
        return connection.execute(
            "SELECT interviewer_email, kind FROM scorer_team.cards ORDER BY 1").fetchall()


def test_blind_until_own_card_is_published(team: TeamDb) -> None:
    _publish(team, ANN, "coding")
    with team.login(BOB) as bob:
        publish.send_status(bob, _status(BOB, "design"))
    # A direct SELECT from Bob's own role sees nothing of Ann's card, nor its count.
    assert _visible_cards(team, BOB) == []
    with team.login(BOB) as bob:
        assert bob.execute("SELECT count(*) FROM scorer_team.cards").fetchone() == (0,)
    assert _visible_cards(team, ANN) == [(ANN, "coding")]
    with team.login(BOB) as bob:
        publish.send_card(bob, *_card(BOB, "design"))
    assert _visible_cards(team, BOB) == [(ANN, "coding"), (BOB, "design")]


def test_panel_and_lead_read_every_card_and_status(team: TeamDb) -> None:
    _publish(team, ANN, "coding")
    for reader in (PAT, LEE):
        assert _visible_cards(team, reader) == [(ANN, "coding")]
        with team.login(reader) as connection:
            [row] = reads.interviews(connection, date.min)
            assert row.state is TeamState.PUBLISHED  # the card moved it on


def test_interviewer_sees_only_own_status_rows(team: TeamDb) -> None:
    _publish(team, ANN, "coding")
    with team.login(BOB) as bob:
        assert reads.interviews(bob, date.min) == []


def test_a_card_signed_with_another_interviewers_certificate_is_refused(team: TeamDb) -> None:
    with team.login(BOB) as bob:
        publish.send_status(bob, _status(BOB, "design"))
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            publish.send_card(bob, *_card(BOB, "design", fingerprint=_fingerprint(ANN)))
    assert _visible_cards(team, LEE) == []


def test_a_card_or_status_for_someone_elses_interview_is_refused(team: TeamDb) -> None:
    with team.login(BOB) as bob, pytest.raises(errors.InsufficientPrivilege,
                                               match="row-level security"):
        publish.send_status(bob, _status(ANN, "coding"))
    with team.login(ANN) as ann:
        publish.send_status(ann, _status(ANN, "coding"))
    facts, pdf = _card(ANN, "coding")
    with team.login(BOB) as bob, pytest.raises(errors.InsufficientPrivilege):
        # Bob claims Ann's card as Ann: the interviewer must be the login's member email.
        publish.send_card(bob, facts, pdf)
    with team.login(BOB) as bob, pytest.raises(errors.InsufficientPrivilege):
        bob.execute("UPDATE scorer_team.cards SET recommendation = 'no'")
    with team.login(BOB) as bob, pytest.raises(errors.InsufficientPrivilege):
        bob.execute("DELETE FROM scorer_team.interviews")


def test_a_retired_certificate_no_longer_publishes(team: TeamDb) -> None:
    with team.login(LEE) as lead:
        admin.retire_certificates(lead, keep=[_fingerprint(BOB)])
    with team.login(ANN) as ann:
        publish.send_status(ann, _status(ANN, "coding"))
        with pytest.raises(errors.InsufficientPrivilege):
            publish.send_card(ann, *_card(ANN, "coding"))


@pytest.mark.parametrize("who", [ANN, PAT])
def test_rubric_and_trust_writes_are_refused_for_non_leads(team: TeamDb, who: str) -> None:
    from scorer.domain.team import TeamRubric

    rubric = TeamRubric("a" * 64, "coding", "1", "coding.yaml", "id: coding\n")
    with team.login(who) as connection, pytest.raises(errors.InsufficientPrivilege):
        admin.publish_rubrics(connection, [rubric])
    with team.login(who) as connection, pytest.raises(errors.InsufficientPrivilege):
        admin.publish_certificates(connection, [_cert(who)])
    with team.login(who) as connection, pytest.raises(errors.InsufficientPrivilege):
        admin.retire_certificates(connection, keep=[])
    with team.login(who) as connection, pytest.raises(errors.InsufficientPrivilege):
        admin.add_member(connection, "eve@example.com", "Eve", "eve@example.com",
                         Role.LEAD, "pw")
    with team.login(LEE) as lead:
        assert admin.publish_rubrics(lead, [rubric]) == 1
        assert [r.rubric_id for r in reads.rubrics(lead)] == ["coding"]
        assert len(reads.certificates(lead)) == 2


def test_a_lead_cannot_take_over_an_administrator_login(team: TeamDb) -> None:
    with team.login(LEE) as lead, pytest.raises(errors.InsufficientPrivilege,
                                                match="administrator"):
        admin.add_member(lead, "postgres", "Root", "root@example.com", Role.LEAD, "pw")


def test_a_stranger_login_reads_nothing(team: TeamDb) -> None:
    with psycopg.connect(team.admin_url, autocommit=True) as root:
        root.execute("CREATE ROLE stranger LOGIN PASSWORD 'secret-pw'")
    with team.login("stranger") as stranger, pytest.raises(errors.InsufficientPrivilege):
        stranger.execute("SELECT * FROM scorer_team.cards")


def test_the_password_never_reaches_the_server_in_clear(team: TeamDb) -> None:
    with psycopg.connect(team.admin_url) as root:
        [verifier] = root.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                                  (ANN,)).fetchone() or [None]
    assert verifier is not None and verifier.startswith("SCRAM-SHA-256$")
    assert "secret-pw" not in verifier


def test_team_status_puts_late_interviews_first_and_counts_them(team: TeamDb) -> None:
    from scorer.services.team.status import team_status
    from scorer.team.client import TeamClient

    _publish(team, ANN, "coding")  # published: never late
    with team.login(BOB) as bob:
        publish.send_status(bob, _status(BOB, "design"))  # submitted on 30 November
        publish.send_status(bob, StatusUpdate(f"{BOB}:math", "Cara", CANDIDATE, "math", BOB,
                                              date(2026, 12, 4), TeamState.SCHEDULED, 1))
    with TeamClient(team.url(LEE), "secret-pw") as lead:
        report = team_status(lead, date(2026, 12, 5), limit=2)
    assert report.late == 1 and report.total == 3
    assert [row.key for row in report.interviews] == [f"{BOB}:design", f"{BOB}:math"]
    assert report.counts[TeamState.PUBLISHED] == 1
    assert report.lines()[-1] == "… 1 more (--limit 0 shows all)"
    assert report.to_json()["interviews"][0]["late"] is True
    with TeamClient(team.url(ANN), "secret-pw") as ann:
        mine = team_status(ann, date(2026, 12, 5))
    assert [row.key for row in mine.interviews] == [f"{ANN}:coding"]

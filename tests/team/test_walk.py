"""Two interviewers and a lead carry a candidate from scheduling to a team-built packet,
through the `scorer` command and a real PostgreSQL server."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from scorer.cli import main
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import load_library
from scorer.services.store import open_local_store
from tests.support import fixtures
from tests.team.conftest import TeamDb

memory_keyring = fixtures.memory_keyring
CARA = "cara@example.com"


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, home: Path,
        *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def conduct(home: Path, kind: str, name: str, email: str) -> int:
    rubric = load_library(home / "rubrics").get(kind)
    assert rubric is not None
    with open_local_store(home) as store:
        service = InterviewService(store)
        cara = service.add_candidate("Cara Candidate", CARA)
        interview = service.create_interview(cara.id, rubric, name, email,
                                              scheduled_for=date.today()).interview_id
        service.start(interview)
        for dimension in rubric.dimensions:
            service.score_dimension(interview, dimension.id, 3)
        service.set_recommendation(interview, rubric.recommendation[0].id)
        service.write_summary_note(interview, "Clear thinking.")
        service.end(interview)
        service.submit(interview)
    return interview


def test_two_interviewers_and_a_lead_build_a_packet_from_the_team_store(
    team_db: TeamDb, tmp_path: Path, memory_keyring: object,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    lead, ann, bob = (tmp_path / name for name in ("lead", "ann", "bob"))
    people = {lead: ("Lee Lead", "lee@example.com"), ann: ("Ann Archer", "ann@example.com"),
              bob: ("Bob Baker", "bob@example.com")}

    def go(home: Path, *args: str, stdin: str = "", code: int = 0) -> str:
        got, out, err = run(capsys, monkeypatch, home, *args, stdin=stdin)
        assert got == code, err
        for secret in ("lee-pw", "ann-pw", "bob-pw"):
            assert secret not in out + err
        return out + err

    # The database owner sets the store up and adds the first lead.
    out = go(lead, "team", "init", team_db.admin_url)
    assert f"group roles {team_db.prefix}_interviewer" in out
    go(lead, "team", "add-member", "Lee Lead", "lee@example.com", "--role", "lead",
       "--url", team_db.admin_url, "--password-stdin", stdin="lee-pw\n")
    trust = lead / "interviewers"
    trust.mkdir(parents=True)
    for home, (name, email) in people.items():
        go(home, "identity", "create", "--name", name, "--email", email)
        go(home, "identity", "export-cert", str(trust / f"{home.name}.pem"))
    out = go(lead, "team", "connect", team_db.url("lee@example.com"), "--password-stdin",
             stdin="lee-pw\n")
    assert "as Lee Lead <lee@example.com>, lead" in out
    for home in (ann, bob):
        name, email = people[home]
        go(lead, "team", "add-member", name, email, "--role", "interviewer",
           "--password-stdin", stdin=f"{home.name}-pw\n")
    out = go(lead, "team", "publish", "--library")
    assert "rubrics: 4 new of 4" in out and "trust list: 3 new of 3" in out
    coding = lead / "rubrics" / "coding.yaml"
    coding.write_text("# Revised by the lead.\n" + coding.read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert "rubrics: 1 new of 4" in go(lead, "team", "publish", "--library")

    # Each interviewer connects, pulls the rubrics, holds and exports an interview.
    for home, kind in ((ann, "coding"), (bob, "math")):
        name, email = people[home]
        go(home, "team", "connect", team_db.url(email), "--password-stdin",
           stdin=f"{home.name}-pw\n")
        pulled = go(home, "team", "pull")
        assert "1 rubric file updated" in pulled
        assert "trust list: 3 certificates written, 0 retired removed" in pulled
        assert (home / "rubrics" / "coding.yaml").read_text(encoding="utf-8").startswith(
            "# Revised by the lead.")
        interview = conduct(home, kind, name, email)
        go(home, "export", str(interview), "-o", str(home / f"{kind}.pdf"))
    assert "1 card and 4 status updates waiting" in go(ann, "team", "status")
    go(ann, "team", "publish")

    # Bob is blind to Ann's card until his own is published.
    out = go(bob, "merge", "--team", "--candidate", CARA, "-o", str(bob / "p.pdf"), code=1)
    assert "holds no card of cara@example.com that you may read" in out
    go(bob, "team", "publish")
    go(bob, "merge", "--team", "--candidate", CARA, "-o", str(bob / "p.pdf"))

    # The lead sees the team's status and builds the packet from the store.
    status = json.loads(go(lead, "team", "status", "--json"))
    assert status["counts"]["published"] == 2 and status["late"] == 0
    assert {row["interviewer"] for row in status["interviews"]} == {
        "ann@example.com", "bob@example.com"}
    packet = tmp_path / "cara-packet.pdf"
    out = go(lead, "merge", "--team", "--candidate", CARA, "-o", str(packet))
    assert "team store: 2 verified cards" in out
    out = go(lead, "verify", "--trust", str(trust), str(packet))
    assert ": OK" in out and "packet of 2 cards" in out
    # Ann's trust folder, pulled from the store, verifies the packet as well.
    out = go(ann, "verify", str(packet))
    assert ": OK" in out and "packet of 2 cards" in out

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scorer.cli import main
from scorer.domain.errors import ScorerError
from scorer.domain.interview import InterviewState
from scorer.services.demo import build_demo, fill_demo
from scorer.services.interviews import InterviewService
from scorer.storage import Store
from tests.services.factories import make_rubric
from tests.support import fixtures
from tests.support.keyrings import MemoryKeyring

memory_keyring = fixtures.memory_keyring

NOW = datetime(2025, 6, 2, 15, 0, tzinfo=UTC)
RUBRICS = [make_rubric("coding", "Coding"), make_rubric("math", "Math"),
           make_rubric("model-parallel", "Model parallel"), make_rubric("optimisation", "Opt")]


def test_the_sample_data_is_deterministic_for_a_seed() -> None:
    assert build_demo(RUBRICS, 5, NOW, seed=1) == build_demo(RUBRICS, 5, NOW, seed=1)
    assert build_demo(RUBRICS, 5, NOW, seed=1) != build_demo(RUBRICS, 5, NOW, seed=2)


def test_each_candidate_gets_every_interview_by_a_different_interviewer() -> None:
    details = build_demo(RUBRICS, 20, NOW)
    by_candidate: dict[str, list[str]] = {}
    for d in details:
        by_candidate.setdefault(d.candidate.email, []).append(d.interviewer.email)
        assert d.rubric.id in {r.id for r in RUBRICS}
    assert len(by_candidate) == 20
    assert all(len(set(staff)) == len(staff) == 4 for staff in by_candidate.values())
    assert any(not d.candidate.name.isascii() for d in details)
    assert details[0].candidate.name == "Łukasz Øster-Müller"


def test_all_submitted_but_one_in_progress_and_one_forgotten() -> None:
    details = build_demo(RUBRICS, 10, NOW)
    states = Counter(d.state for d in details)
    assert states == {InterviewState.SUBMITTED: 38, InterviewState.IN_PROGRESS: 1,
                      InterviewState.FINISHED: 1}
    for d in details:
        assert d.timer.started_at is not None and d.timer.started_at <= NOW
        if d.state is InterviewState.SUBMITTED:
            assert d.missing() == []
            assert d.timer.ended_at is not None and d.submitted_at is not None
            assert d.timer.ended_at <= d.submitted_at <= NOW
            asked = [q.asked_at for q in d.questions if q.asked_at is not None]
            assert asked == sorted(asked)
            assert "[" in d.general_notes and d.summary_note


def test_scores_spread_and_recommendations_follow_them() -> None:
    details = [d for d in build_demo(RUBRICS, 200, NOW) if d.state is InterviewState.SUBMITTED]
    used = Counter(s.score for d in details for s in d.scores)
    assert set(used) == {1, 2, 3, 4}  # every level is used
    assert max(used.values()) < 0.6 * sum(used.values())  # and none dominates
    mean = {opt: [] for opt in ("strong_no", "no", "yes", "strong_yes")}
    for d in details:
        assert d.recommendation is not None
        mean[d.recommendation].append(sum(s.score or 0 for s in d.scores) / len(d.scores))
    averages = [sum(v) / len(v) for v in mean.values()]
    assert averages == sorted(averages)


def test_fill_refuses_a_store_in_use_unless_forced(store: Store) -> None:
    result = fill_demo(store, RUBRICS, 3, clock=lambda: NOW)
    assert (result.candidates, result.interviews, len(result.interviewers)) == (3, 12, 4)
    with pytest.raises(ScorerError, match=r"already has 12 interviews; try `scorer --home DIR"):
        fill_demo(store, RUBRICS, 3, clock=lambda: NOW)
    fill_demo(store, RUBRICS, 3, clock=lambda: NOW, force=True, seed=5)
    service = InterviewService(store, lambda: NOW)
    assert service.count_interviews() == 24
    # The people are reused by email; the detail reads back complete.
    some = service.list_interviews()[5]
    assert service.get_interview(some.id).candidate.name == some.candidate_name


def test_scorer_demo_then_list_shows_the_sample_data(
    scorer_home: Path, capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring
) -> None:
    assert main(["demo", "--candidates", "3"]) == 0
    out = capsys.readouterr().out
    assert "Added 3 sample candidates and 12 interviews" in out
    assert main(["interviews", "list"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == ["ID", "Candidate", "Interview", "Interviewer", "State", "Age"]
    assert len(lines) == 13
    assert any("Łukasz Øster-Müller" in line for line in lines)
    assert sum("in progress" in line for line in lines) == 1
    assert sum(line.rstrip().endswith("!") or " ! " in line for line in lines) == 1
    assert "held over a day ago and not yet submitted" in captured.err

    assert main(["interviews", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 12
    assert {"id", "candidate", "email", "rubric", "interviewer", "state"} <= set(rows[0])
    assert {row["rubric"] for row in rows} == {"coding", "math", "model-parallel", "optimisation"}
    assert sum(row["forgotten"] for row in rows) == 1

    assert main(["demo"]) == 1
    assert "scorer --home DIR demo" in capsys.readouterr().err


def test_list_on_an_empty_store_says_how_to_get_sample_data(
    scorer_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["interviews", "list"]) == 0
    assert "scorer demo" in capsys.readouterr().err
    assert main(["interviews", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_bad_database_is_one_line_from_the_cli(
    scorer_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scorer_home.mkdir(parents=True)
    (scorer_home / "scorer.sqlite3").write_bytes(b"nope" * 1000)
    assert main(["interviews", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("scorer: The database ") and "is damaged" in err
    assert "Traceback" not in err

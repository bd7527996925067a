from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from scorer.domain.scorecard import (
    SCHEMA,
    ScorecardError,
    parse_scorecard,
    scorecard_from_detail,
)
from tests.support.sample import submitted_detail, unsubmitted

FP = "ab" * 32
NOW = datetime(2026, 11, 20, 15, 5, tzinfo=UTC)


def test_document_carries_everything_the_committee_needs() -> None:
    detail = submitted_detail()
    card = scorecard_from_detail(detail, FP, NOW)
    data = json.loads(card.to_json_bytes())
    assert data["schema"] == SCHEMA
    assert data["candidate"] == {"name": "Łukasz Øster-Müller", "email": "lukasz@example.org"}
    assert data["interviewer"]["certificate_sha256"] == FP
    assert data["rubric"]["version"] == detail.rubric.version
    assert data["rubric"]["snapshot"]["id"] == detail.rubric.id
    assert [s["score"] for s in data["scores"]] == [s.score for s in detail.scores]
    assert data["scores"][0]["evidence"] == detail.scores[0].evidence
    assert data["scores"][0]["anchor"] == detail.rubric.dimensions[0].level(3).anchor  # type: ignore[union-attr]
    assert data["recommendation"]["id"] == "yes" and data["recommendation"]["hire"] is True
    assert data["general_notes"] == detail.general_notes
    assert data["summary_note"] == detail.summary_note
    asked = [q for q in data["questions"] if q["status"] == "asked"]
    assert [q["asked_at"] for q in asked] == [125.0, 1300.5, 2400.0]
    assert data["interview"]["actual_seconds"] == pytest.approx(58.5 * 60 - 120)


def test_round_trip_through_the_canonical_bytes() -> None:
    card = scorecard_from_detail(submitted_detail(), FP, NOW)
    assert parse_scorecard(card.to_json_bytes()) == card


def test_an_unsubmitted_interview_has_no_scorecard() -> None:
    with pytest.raises(ScorecardError, match="not submitted"):
        scorecard_from_detail(unsubmitted(submitted_detail()), FP, NOW)


def _edited(change: dict[str, object]) -> bytes:
    data = json.loads(scorecard_from_detail(submitted_detail(), FP, NOW).to_json_bytes())
    data.update(change)
    return json.dumps(data).encode()


def test_a_summary_that_disagrees_with_the_scores_is_refused() -> None:
    card = json.loads(scorecard_from_detail(submitted_detail(), FP, NOW).to_json_bytes())
    card["summary"]["percent"] = 99
    with pytest.raises(ScorecardError, match="summary"):
        parse_scorecard(json.dumps(card).encode())


def test_a_snapshot_that_does_not_hash_to_the_version_is_refused() -> None:
    card = json.loads(scorecard_from_detail(submitted_detail(), FP, NOW).to_json_bytes())
    card["rubric"]["snapshot"]["title"] = "Something else"
    with pytest.raises(ScorecardError, match="snapshot"):
        parse_scorecard(json.dumps(card).encode())


@pytest.mark.parametrize("data", [b"\xff\xfe", b"[]", b"{}", _edited({"schema": "other/9"}),
                                  _edited({"extra": 1})])
def test_other_documents_are_not_scorecards(data: bytes) -> None:
    with pytest.raises(ScorecardError):
        parse_scorecard(data)

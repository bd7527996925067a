from __future__ import annotations

from scorer.domain.completeness import missing_items
from tests.services.factories import make_rubric


def test_everything_missing_is_named_in_screen_order() -> None:
    rubric = make_rubric()
    assert missing_items(rubric, {}, None, "") == [
        "score for 'Parallel paradigms'",
        "score for 'Working code'",
        "a recommendation",
        "a summary note",
    ]


def test_a_cleared_score_an_unknown_option_and_a_blank_note_count_as_missing() -> None:
    rubric = make_rubric()
    missing = missing_items(rubric, {"parallel": 3, "working": None}, "maybe", "  \n ")
    assert missing == ["score for 'Working code'", "a recommendation", "a summary note"]


def test_a_complete_scorecard_lacks_nothing() -> None:
    rubric = make_rubric()
    assert missing_items(rubric, {"parallel": 1, "working": 4}, "strong_no", "Clear.") == []

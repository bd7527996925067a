"""What a scorecard still lacks before it can be submitted, each item by name."""

from __future__ import annotations

from collections.abc import Mapping

from scorer.domain.rubric import Rubric


def missing_items(
    rubric: Rubric,
    scores: Mapping[str, int | None],
    recommendation: str | None,
    summary_note: str,
) -> list[str]:
    """Every dimension scored, a recommendation the rubric offers, a summary note written.

    The items come in the order the interviewer sees them on screen.
    """
    missing = [
        f"score for '{dimension.name}'"
        for dimension in rubric.dimensions
        if scores.get(dimension.id) is None
    ]
    if recommendation is None or rubric.recommendation_option(recommendation) is None:
        missing.append("a recommendation")
    if not summary_note.strip():
        missing.append("a summary note")
    return missing

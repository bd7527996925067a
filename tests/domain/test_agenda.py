from __future__ import annotations

from pathlib import Path

import pytest

from scorer.domain.agenda import Pace, planned_span, position, spans
from scorer.domain.rubric import Rubric
from scorer.io.rubrics.loader import load_rubric_file

MINIMAL = Path(__file__).parent.parent / "io" / "rubric_corpus" / "valid" / "minimal.yaml"


@pytest.fixture
def rubric() -> Rubric:
    load = load_rubric_file(MINIMAL)  # agenda: talk 30 min, derive 30 min
    assert load.rubric is not None
    return load.rubric


def test_spans_follow_the_minutes(rubric: Rubric) -> None:
    assert [(s.section.id, s.start, s.end) for s in spans(rubric)] == [
        ("talk", 0, 1800), ("derive", 1800, 3600),
    ]


def test_planned_section_by_time(rubric: Rubric) -> None:
    assert planned_span(rubric, 0).section.id == "talk"
    assert planned_span(rubric, 1799.9).section.id == "talk"
    assert planned_span(rubric, 1800).section.id == "derive"
    assert planned_span(rubric, 5000).section.id == "derive"


def test_on_time_in_the_planned_section(rubric: Rubric) -> None:
    where = position(rubric, 600)
    assert (where.span.section.id, where.pace, where.over_by, where.left) == (
        "talk", Pace.ON_TIME, 0, 1200,
    )


def test_a_section_running_over_turns_amber_then_red(rubric: Rubric) -> None:
    assert position(rubric, 1800 + 30, "talk").pace is Pace.OVER
    assert position(rubric, 1800 + 449, "talk").pace is Pace.OVER
    red = position(rubric, 1800 + 450, "talk")  # a quarter of 30 minutes
    assert (red.pace, red.over_by, red.left) == (Pace.FAR_OVER, 450, 0)


def test_a_section_started_early_has_its_whole_plan_left(rubric: Rubric) -> None:
    assert position(rubric, 1200, "derive").left == 1800


def test_the_whole_interview_overrunning(rubric: Rubric) -> None:
    assert position(rubric, 3600 + 1000).pace is Pace.FAR_OVER

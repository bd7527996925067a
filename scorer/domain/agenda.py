"""The agenda against the clock: which section is planned now, and by how much one runs over."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scorer.domain.rubric import AgendaSection, Rubric


class Pace(StrEnum):
    ON_TIME = "on_time"
    OVER = "over"  # past the section's planned end: amber
    FAR_OVER = "far_over"  # over by a quarter of its length or more (at least a minute): red


@dataclass(frozen=True, slots=True)
class Span:
    section: AgendaSection
    start: float  # seconds on the interview clock
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Position:
    """Where the interview stands: the section being run, and how it keeps to the plan."""

    span: Span
    pace: Pace
    over_by: float  # seconds past the section's planned end, 0 when on time
    left: float  # seconds left in the section's plan, 0 once over


def spans(rubric: Rubric) -> list[Span]:
    out: list[Span] = []
    start = 0.0
    for section in rubric.agenda:
        end = start + section.minutes * 60
        out.append(Span(section, start, end))
        start = end
    return out


def planned_span(rubric: Rubric, elapsed: float) -> Span:
    """The section the plan puts at `elapsed`; the last one once the hour is over."""
    all_spans = spans(rubric)
    return next((s for s in all_spans if elapsed < s.end), all_spans[-1])


def position(rubric: Rubric, elapsed: float, section_id: str | None = None) -> Position:
    """Where the interview is: in `section_id` if the interviewer is there, else in the plan's."""
    all_spans = spans(rubric)
    span = next((s for s in all_spans if s.section.id == section_id), None)
    if span is None:
        span = planned_span(rubric, elapsed)
    over_by = max(0.0, elapsed - span.end)
    if over_by <= 0:
        pace = Pace.ON_TIME
    elif over_by >= max(60.0, span.seconds / 4):
        pace = Pace.FAR_OVER
    else:
        pace = Pace.OVER
    return Position(span, pace, over_by, max(0.0, span.end - max(elapsed, span.start)))

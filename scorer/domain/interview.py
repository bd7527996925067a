"""Interviews as the services hand them out: a state, a list row, the full detail.

These are plain values. The store builds them; the UI shows them; nothing in
here knows about databases or widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from scorer.domain.completeness import missing_items
from scorer.domain.interview_state import (
    FORGOTTEN_AFTER,
    InterviewState,
    InterviewSummary,
    state_of,
)
from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Rubric
from scorer.domain.timer import Timer

__all__ = [
    "FORGOTTEN_AFTER",
    "AdHocQuestion",
    "DimensionScore",
    "InterviewDetail",
    "InterviewHead",
    "InterviewState",
    "InterviewSummary",
    "QuestionMark",
    "QuestionStatus",
    "interview_state",
    "state_of",
]


def interview_state(timer: Timer, submitted_at: datetime | None) -> InterviewState:
    """Derived from the timestamps, so the state can never disagree with them."""
    return state_of(timer.started, timer.paused, timer.ended, submitted_at is not None)


class QuestionStatus(StrEnum):
    ASKED = "asked"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class QuestionMark:
    """A rubric question as used: asked (at an offset on the clock) or skipped, and its note.

    `status` is None for a question that has a note but has not been marked.
    """

    question_id: str
    status: QuestionStatus | None = None
    asked_at: float | None = None  # seconds on the interview clock
    note: str = ""


@dataclass(frozen=True, slots=True)
class AdHocQuestion:
    id: int
    text: str
    asked_at: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class DimensionScore:
    dimension_id: str
    score: int | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class InterviewHead:
    """What every edit checks first: which rubric, whose interview, which state."""

    id: int
    candidate_name: str
    rubric_id: str
    rubric_version: str
    rubric_title: str
    timer: Timer
    submitted_at: datetime | None

    @property
    def state(self) -> InterviewState:
        return interview_state(self.timer, self.submitted_at)


@dataclass(frozen=True)
class InterviewDetail:
    """Everything about one interview, with the rubric exactly as it was pinned."""

    id: int
    candidate: Candidate
    interviewer: Interviewer
    rubric: Rubric
    rubric_version: str
    created_at: datetime
    updated_at: datetime
    scheduled_for: date | None = None
    timer: Timer = field(default_factory=Timer)
    submitted_at: datetime | None = None
    current_question_id: str | None = None
    questions: tuple[QuestionMark, ...] = ()
    adhoc_questions: tuple[AdHocQuestion, ...] = ()
    scores: tuple[DimensionScore, ...] = ()
    prep_ticked: frozenset[str] = frozenset()
    general_notes: str = ""
    summary_note: str = ""
    recommendation: str | None = None

    @property
    def state(self) -> InterviewState:
        return interview_state(self.timer, self.submitted_at)

    def elapsed(self, now: datetime) -> float:
        return self.timer.elapsed(now)

    def question(self, question_id: str) -> QuestionMark:
        found = next((q for q in self.questions if q.question_id == question_id), None)
        return found or QuestionMark(question_id)

    def score(self, dimension_id: str) -> DimensionScore:
        found = next((s for s in self.scores if s.dimension_id == dimension_id), None)
        return found or DimensionScore(dimension_id)

    def missing(self) -> list[str]:
        scores = {s.dimension_id: s.score for s in self.scores}
        return missing_items(self.rubric, scores, self.recommendation, self.summary_note)

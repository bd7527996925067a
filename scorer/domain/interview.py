"""Interviews as the services hand them out: a state, a list row, the full detail.

These are plain values. The store builds them; the UI shows them; nothing in
here knows about databases or widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from scorer.domain.completeness import missing_items
from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Rubric
from scorer.domain.timer import Timer

# An interview held more than this long ago and still not submitted is flagged.
FORGOTTEN_AFTER = timedelta(days=1)


class InterviewState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PAUSED = "paused"
    FINISHED = "finished"  # the clock has stopped; the scorecard is not yet submitted
    SUBMITTED = "submitted"  # read-only from here on

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def editable(self) -> bool:
        return self is not InterviewState.SUBMITTED


def interview_state(timer: Timer, submitted_at: datetime | None) -> InterviewState:
    """Derived from the timestamps, so the state can never disagree with them."""
    return state_of(timer.started, timer.paused, timer.ended, submitted_at is not None)


def state_of(started: bool, paused: bool, ended: bool, submitted: bool) -> InterviewState:
    """The state from which timestamps are set (lists need no more than that)."""
    if submitted:
        return InterviewState.SUBMITTED
    if ended:
        return InterviewState.FINISHED
    if paused:
        return InterviewState.PAUSED
    if started:
        return InterviewState.IN_PROGRESS
    return InterviewState.NOT_STARTED


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


class InterviewSummary(NamedTuple):
    """One row of the interview list: columns only, cheap to build by the ten thousand
    (a named tuple is built four times faster than a frozen dataclass)."""

    id: int
    candidate_name: str
    candidate_email: str
    rubric_id: str
    rubric_title: str
    interviewer_name: str
    interviewer_email: str
    state: InterviewState
    created_at: datetime
    scheduled_for: date | None
    started_at: datetime | None
    submitted_at: datetime | None
    recommendation: str | None

    def age(self, now: datetime) -> timedelta:
        """Time since the interview was held, or since it was created if not yet held."""
        return now - (self.started_at or self.created_at)

    def forgotten(self, now: datetime) -> bool:
        """Held (or due) over a day ago and still not submitted: a scorecard left behind."""
        if self.state is InterviewState.SUBMITTED:
            return False
        not_yet_due = self.scheduled_for is not None and self.scheduled_for >= now.date()
        if self.started_at is None and not_yet_due:
            return False
        return self.age(now) > FORGOTTEN_AFTER


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

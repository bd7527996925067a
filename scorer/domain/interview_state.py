"""Interview states and the interview list's rows: light values, free of the rubric model.

The start screen shows these before anything heavy is loaded, so this module
imports nothing beyond the standard library.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

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


class InterviewSummary(NamedTuple):
    """One row of the interview list: columns only, cheap to build by the ten thousand."""

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

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from scorer.domain.edit_rules import check_score, require_editable
from scorer.domain.interview import (
    InterviewHead,
    InterviewState,
    InterviewSummary,
    interview_state,
)
from scorer.domain.interview_errors import InvalidEdit, ReadOnlyInterview
from scorer.domain.people import clean_name, normalise_email
from scorer.domain.timer import Timer
from tests.services.factories import make_rubric

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("timer", "submitted", "state"),
    [
        (Timer(), None, InterviewState.NOT_STARTED),
        (Timer(T0), None, InterviewState.IN_PROGRESS),
        (Timer(T0, paused_at=T0 + HOUR), None, InterviewState.PAUSED),
        (Timer(T0, T0 + HOUR), None, InterviewState.FINISHED),
        (Timer(T0, T0 + HOUR), T0 + 2 * HOUR, InterviewState.SUBMITTED),
        (Timer(), T0, InterviewState.SUBMITTED),
    ],
)
def test_state_follows_the_timestamps(
    timer: Timer, submitted: datetime | None, state: InterviewState
) -> None:
    assert interview_state(timer, submitted) is state
    assert state.editable is (state is not InterviewState.SUBMITTED)


def summary(
    state: InterviewState, started: datetime | None, scheduled: date | None = None
) -> InterviewSummary:
    return InterviewSummary(
        1, "Ada", "ada@example.com", "toy", "Toy", "Yan", "yan@example.com", state,
        T0 - 48 * HOUR, scheduled, started, None, None,
    )


def test_unsubmitted_interviews_held_over_a_day_ago_are_flagged() -> None:
    now = T0 + 25 * HOUR
    assert summary(InterviewState.FINISHED, T0).forgotten(now)
    assert not summary(InterviewState.FINISHED, T0).forgotten(T0 + 23 * HOUR)
    assert not summary(InterviewState.SUBMITTED, T0).forgotten(now)
    assert summary(InterviewState.FINISHED, T0).age(now) == 25 * HOUR


def test_an_interview_scheduled_ahead_is_not_flagged_before_its_day() -> None:
    now = T0 + 25 * HOUR
    assert not summary(InterviewState.NOT_STARTED, None, (now + 48 * HOUR).date()).forgotten(now)
    assert summary(InterviewState.NOT_STARTED, None, (now - 48 * HOUR).date()).forgotten(now)


def test_a_submitted_interview_refuses_edits_naming_it() -> None:
    head = InterviewHead(7, "Łukasz Øster-Müller", "toy", "v1", "Toy coding", Timer(T0), T0)
    with pytest.raises(ReadOnlyInterview, match="Toy coding interview of Łukasz Øster-Müller"):
        require_editable(head)


def test_a_score_off_the_scale_lists_the_levels() -> None:
    with pytest.raises(InvalidEdit, match="choose one of 1, 2, 3, 4"):
        check_score(make_rubric(), "parallel", 7)
    with pytest.raises(InvalidEdit, match="no dimension 'nope'"):
        check_score(make_rubric(), "nope", 1)


def test_emails_and_names_are_normalised() -> None:
    assert normalise_email("  Ada.Lovelace@Example.COM ") == "ada.lovelace@example.com"
    assert clean_name("  Ada \t Lovelace ") == "Ada Lovelace"
    for bad in ("", "ada", "ada@", "a b@example.com", "ada@example"):
        with pytest.raises(InvalidEdit, match="not an email address"):
            normalise_email(bad)
    with pytest.raises(InvalidEdit, match="empty"):
        clean_name("   ")

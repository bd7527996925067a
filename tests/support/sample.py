"""A submitted interview built in memory, for tests that do not need the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from scorer.domain.interview import (
    AdHocQuestion,
    DimensionScore,
    InterviewDetail,
    QuestionMark,
    QuestionStatus,
)
from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Rubric
from scorer.domain.timer import Pause, Timer
from scorer.io.rubrics.loader import load_rubric_file
from scorer.paths import bundled_rubrics_dir

START = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)

LONG_EVIDENCE = (
    "Derived the normal equations on the notepad without help, then explained why X^T X "
    "may be singular and reached for the pseudo-inverse via the SVD. "
) * 3


def math_rubric() -> Rubric:
    load = load_rubric_file(bundled_rubrics_dir() / "math.yaml")
    assert load.rubric is not None
    return load.rubric


def submitted_detail(
    rubric: Rubric | None = None,
    candidate: str = "Łukasz Øster-Müller",
    interviewer: str = "Sameera Perera",
    interviewer_email: str = "sameera@example.com",
    notes_scale: int = 1,
) -> InterviewDetail:
    rubric = rubric or math_rubric()
    levels = [3, 4, 2, 3, 1, 4, 2, 3]
    scores = tuple(
        DimensionScore(d.id, levels[i % len(levels)],
                       LONG_EVIDENCE if i == 0 else f"Evidence for {d.name}: worked example.")
        for i, d in enumerate(rubric.dimensions)
    )
    qs = rubric.questions
    questions = (
        QuestionMark(qs[0].id, QuestionStatus.ASKED, 125.0, "Clean derivation, 8 minutes."),
        QuestionMark(qs[2].id, QuestionStatus.ASKED, 1300.5, "Needed a hint on the rank."),
        QuestionMark(qs[1].id, QuestionStatus.SKIPPED, None, ""),
        QuestionMark(qs[3].id, None, None, "Would ask this next time."),
    )
    end = START + timedelta(minutes=58, seconds=30)
    timer = Timer(
        started_at=START,
        ended_at=end,
        pauses=(Pause(START + timedelta(minutes=20), START + timedelta(minutes=22)),),
    )
    general = ("Candidate was calm and structured; asked clarifying questions first. " * 4
               + "\n\nSecond paragraph: <tags> & ampersands must survive.") * notes_scale
    return InterviewDetail(
        id=7,
        candidate=Candidate(1, candidate, "lukasz@example.org"),
        interviewer=Interviewer(2, interviewer, interviewer_email),
        rubric=rubric,
        rubric_version=rubric.version,
        created_at=START - timedelta(days=2),
        updated_at=end + timedelta(minutes=5),
        scheduled_for=date(2026, 11, 20),
        timer=timer,
        submitted_at=end + timedelta(minutes=5),
        questions=questions,
        adhoc_questions=(AdHocQuestion(1, "Why is PCA sensitive to scaling?", 2400.0,
                                       "Good intuition."),),
        scores=scores,
        general_notes=general,
        summary_note="Strong fundamentals in linear algebra; shakier on estimation bias.",
        recommendation="yes",
    )


def unsubmitted(detail: InterviewDetail) -> InterviewDetail:
    return replace(detail, submitted_at=None)

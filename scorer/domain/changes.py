"""The small value every edit returns: which interview, what changed, when it was saved.

The UI refreshes the part named by `aspect` (and `key`) from the service; it
never needs to know how the edit was stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from scorer.domain.interview import InterviewState


class Aspect(StrEnum):
    INTERVIEW = "interview"  # created
    TIMER = "timer"  # started, paused, resumed, ended
    QUESTION = "question"  # key: the rubric question id (asked/skipped, note)
    CURRENT_QUESTION = "current_question"  # key: the question id, or None
    ADHOC_QUESTION = "adhoc_question"  # key: the ad-hoc question id
    GENERAL_NOTES = "general_notes"
    SUMMARY_NOTE = "summary_note"
    SCORE = "score"  # key: the dimension id (score, evidence)
    RECOMMENDATION = "recommendation"
    PREP = "prep"  # key: the prep item id
    SUBMISSION = "submission"


@dataclass(frozen=True, slots=True)
class Change:
    interview_id: int
    aspect: Aspect
    key: str | None
    saved_at: datetime
    state: InterviewState

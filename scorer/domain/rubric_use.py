"""Which interviews used which version of a rubric: one light row per interview."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from scorer.domain.interview_state import InterviewState


class RubricUse(NamedTuple):
    interview_id: int
    candidate_name: str
    interviewer_name: str
    version: str
    held_at: datetime  # when it started, else when it was created
    state: InterviewState
    has_text: bool  # the rubric file's own text was pinned with it

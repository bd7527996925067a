"""Errors of interview edits, each one sentence the interviewer can act on."""

from __future__ import annotations

from collections.abc import Sequence

from scorer.domain.errors import ScorerError


class InvalidEdit(ScorerError):
    """The edit does not fit the interview: an unknown question, a score off the scale."""


class InterviewNotFound(ScorerError):
    """No interview (or candidate, or interviewer) has that id."""


class ReadOnlyInterview(ScorerError):
    """The interview was submitted; its scorecard no longer changes."""


class IncompleteInterview(ScorerError):
    """Submission refused: the named items are still missing."""

    def __init__(self, missing: Sequence[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            "The interview cannot be submitted yet; still missing: " + ", ".join(self.missing) + "."
        )

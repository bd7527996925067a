"""Errors a user can cause. Each carries one sentence that says what and where."""

from __future__ import annotations


class ScorerError(Exception):
    """Base of every error shown to the user as a message instead of a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RubricError(ScorerError):
    """A rubric is missing, unreadable or invalid."""


class SettingsError(ScorerError):
    """The settings file cannot be read or written."""

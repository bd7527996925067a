"""Candidates and interviewers: a name and an email, which identifies the person."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.domain.interview_errors import InvalidEdit

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Interviewer:
    id: int
    name: str
    email: str


def clean_name(name: str, who: str = "name") -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidEdit(f"The {who} is empty; type the person's full name.")
    if len(cleaned) > 200:
        raise InvalidEdit(f"The {who} is longer than 200 characters.")
    return cleaned


def normalise_email(email: str) -> str:
    """Emails compare case-insensitively: the same person typed twice is one row."""
    cleaned = email.strip().lower()
    if not _EMAIL.match(cleaned) or len(cleaned) > 254:
        raise InvalidEdit(f"'{email.strip()}' is not an email address like name@example.com.")
    return cleaned

"""The team store's values: roles, interview status as the team sees it, published cards.

Nothing here knows PostgreSQL; `scorer.team` reads and writes these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from scorer.domain.errors import ScorerError


class TeamError(ScorerError):
    """The team store cannot be reached, refused something, or is not set up."""


class TeamUnreachable(TeamError):
    """The server did not answer; what waits in the outbox is sent later."""


class TeamRefused(TeamError):
    """The server answered no (a policy, a missing membership): retrying will not help."""


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    PANEL = "panel"
    LEAD = "lead"


class TeamState(StrEnum):
    """An interview's state as the team sees it: never its scores or notes."""

    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    ENDED = "ended"
    SUBMITTED = "submitted"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


# An interview whose card is not published this many days after it was scheduled is late.
LATE_AFTER_DAYS = 2


@dataclass(frozen=True, slots=True)
class InterviewFacts:
    """One interview as the team sees it: whose, which kind, when, and how far along."""

    key: str
    candidate_name: str
    candidate_email: str
    kind: str
    interviewer_email: str
    scheduled_for: date | None
    state: TeamState


@dataclass(frozen=True, slots=True)
class TeamInterview(InterviewFacts):
    updated_at: datetime

    def late(self, today: date) -> bool:
        if self.state is TeamState.PUBLISHED or self.scheduled_for is None:
            return False
        return (today - self.scheduled_for).days > LATE_AFTER_DAYS


@dataclass(frozen=True, slots=True)
class StatusUpdate(InterviewFacts):
    """What an interviewer's computer tells the team about one interview."""

    version: int


@dataclass(frozen=True, slots=True)
class CardFacts:
    """The facts of a signed card, read from it once it verified."""

    sha256: str
    interview_key: str
    candidate_email: str
    kind: str
    interviewer_email: str
    fingerprint: str
    recommendation: str | None
    card_json: str


@dataclass(frozen=True, slots=True)
class StoredCard:
    """A card as downloaded: the row's claims and the bytes; trusted only once verified."""

    sha256: str
    candidate_email: str
    kind: str
    interviewer_email: str
    fingerprint: str
    pdf: bytes


@dataclass(frozen=True, slots=True)
class Member:
    login: str
    name: str
    email: str
    role: Role


@dataclass(frozen=True, slots=True)
class TeamCertificate:
    fingerprint: str
    name: str
    email: str
    pem: bytes


@dataclass(frozen=True, slots=True)
class TeamRubric:
    sha256: str
    rubric_id: str
    version: str
    file_name: str
    text: str


@dataclass(frozen=True, slots=True)
class Waiting:
    """This profile's outbox: what waits to be published."""

    cards: int
    statuses: int
    failing: int  # rows whose last attempt failed
    last_error: str | None


@dataclass
class FlushReport:
    """What one publishing round sent, what the team store refused, and what still waits."""

    sent: int = 0
    refused: list[str] = field(default_factory=list)
    unreachable: str | None = None
    waiting_cards: int = 0
    waiting_statuses: int = 0

    def lines(self) -> list[str]:
        out = [f"published {self.sent} item{'s' if self.sent != 1 else ''}"]
        out += [f"refused: {reason}" for reason in self.refused]
        if self.unreachable:
            out.append(f"not sent now: {self.unreachable}")
        out.append(waiting_line(self.waiting_cards, self.waiting_statuses))
        return out


def waiting_line(cards: int, statuses: int) -> str:
    if not cards and not statuses:
        return "nothing waiting to publish"
    parts = []
    if cards:
        parts.append(f"{cards} card{'s' if cards != 1 else ''}")
    if statuses:
        parts.append(f"{statuses} status update{'s' if statuses != 1 else ''}")
    return " and ".join(parts) + " waiting to publish"

"""The panel's inputs and per-interview results, and how cards group by candidate.

One interview is identified by its interview kind (rubric id), its interviewer's
email, and the interview's id and creation time in the interviewer's store, which
a re-export keeps and a new interview does not; a card by the certificate that
signed it (one interview under two certificates is a conflict, `panel_conflicts`).
The candidate is identified by email (case-insensitive).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from scorer.domain.aggregate import WeightedScore
from scorer.domain.errors import ScorerError
from scorer.domain.rubric import Rubric
from scorer.domain.scorecard import RecommendationPart, Scorecard


class MixedCandidates(ScorerError):
    """The cards given for one packet are for more than one candidate."""

    def __init__(self, names: Sequence[str]) -> None:
        shown = " and ".join(f"'{n}'" for n in names[:2])
        more = f" (and {len(names) - 2} more)" if len(names) > 2 else ""
        super().__init__(
            f"The verified cards are for {len(names)} candidates, {shown}{more}; a packet is "
            "for one candidate. Give one candidate's cards, or use --per-candidate OUTDIR to "
            "write one packet each."
        )
        self.names = tuple(names)


@dataclass(frozen=True, slots=True)
class PanelCard:
    """One verified card as the panel sees it."""

    source: str  # the file it came from
    card: Scorecard
    signer: str
    signed_at: datetime | None  # the time in the signature
    verified_at: datetime
    sha256: str
    signer_email: str = ""  # the signer certificate's email (`signer` is its name)

    @property
    def fingerprint(self) -> str:
        """The signer's certificate (verified to be the one the card names)."""
        return self.card.interviewer.certificate_sha256

    @property
    def newest_key(self) -> datetime:
        return self.signed_at or self.card.exported_at


@dataclass(frozen=True, slots=True)
class PanelKind:
    """One interview kind the panel expects: a rubric id and its title."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class RejectedInput:
    source: str
    status: str  # the verification verdict, e.g. "TAMPERED"
    reason: str
    candidate: str = ""
    signer: str = ""


@dataclass(frozen=True, slots=True)
class DimensionResult:
    dimension_id: str
    name: str
    weight: float
    competency: str | None
    score: int | None
    low: int
    high: int
    level_label: str | None
    anchor: str | None
    levels: tuple[int, ...] = ()  # the scale's level scores, lowest first

    @property
    def fraction(self) -> float | None:
        if self.score is None:
            return None
        span = self.high - self.low
        return 1.0 if span == 0 else min(1.0, max(0.0, (self.score - self.low) / span))


@dataclass(frozen=True, slots=True)
class InterviewResult:
    entry: PanelCard
    rubric: Rubric
    weighted: WeightedScore | None
    dimensions: tuple[DimensionResult, ...]

    @property
    def card(self) -> Scorecard:
        return self.entry.card

    @property
    def title(self) -> str:
        return self.card.rubric.title

    @property
    def interviewer(self) -> str:
        return self.card.interviewer.name

    @property
    def date(self) -> datetime:
        return self.card.interview.started_at or self.card.interview.submitted_at

    @property
    def recommendation(self) -> RecommendationPart | None:
        return self.card.recommendation

    @property
    def fraction(self) -> float | None:
        return self.weighted.fraction if self.weighted is not None else None


def candidate_key(card: Scorecard) -> str:
    return person_key(card.candidate.name, card.candidate.email)


def person_key(name: str, email: str) -> str:
    """A candidate is their email (case-insensitive), or their name when there is none."""
    return email.strip().lower() or name.strip().casefold()


def group_by_candidate(cards: Sequence[PanelCard]) -> dict[str, list[PanelCard]]:
    """Cards per candidate (by email), in the order first seen."""
    groups: dict[str, list[PanelCard]] = {}
    for entry in cards:
        groups.setdefault(candidate_key(entry.card), []).append(entry)
    return groups


def candidate_names(cards: Sequence[PanelCard]) -> list[str]:
    """One display name per candidate; the email is added where two share a name."""
    groups = group_by_candidate(cards)
    names = [g[0].card.candidate.name for g in groups.values()]
    out = []
    for group, name in zip(groups.values(), names, strict=True):
        email = group[0].card.candidate.email
        out.append(f"{name} <{email}>" if names.count(name) > 1 and email else name)
    return out


def interview_key(card: Scorecard) -> tuple[str, str, int, datetime, str]:
    """One interview as signed by one certificate: a re-export has the same key."""
    return (card.rubric.id, card.interviewer.email.strip().lower(), card.interview.id,
            card.interview.created_at, card.interviewer.certificate_sha256)

"""What a merge gives back: each checked input, each packet, a per-candidate cohort."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from scorer.domain.cohort import Cohort
from scorer.domain.errors import ScorerError
from scorer.domain.identity_match import person_label
from scorer.domain.panel import CONFLICT_STATUS, Flag, Panel, PanelCard, RejectedInput, Severity
from scorer.services.verify import Verification

SKIPPED = "skipped: not a scorecard"


class MergeError(ScorerError):
    """The merge cannot start or cannot write its result."""


class MergeCancelled(ScorerError):
    """The build was cancelled before anything was written."""

    def __init__(self) -> None:
        super().__init__("The build was cancelled; nothing was written.")


class NothingVerified(ScorerError):
    """No input verified, so there is nothing to put in a packet."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class CheckedInput:
    """One input after verification."""

    path: Path
    verification: Verification
    data: bytes | None  # the bytes that were verified, kept for a verified card only
    sha256: str
    verified_at: datetime
    pages: int = 0

    @property
    def ok(self) -> bool:
        """A verified scorecard that counts (a verified packet is not a scorecard)."""
        return (self.verification.ok and self.verification.kind == "scorecard"
                and self.data is not None)

    @property
    def skipped(self) -> bool:
        """A verified panel packet or cohort report: Scorer's own output, not an input.

        It is left out without counting as rejected; a packet or report that does not
        verify is rejected like any other file."""
        return self.verification.ok and self.verification.kind in ("packet", "cohort")

    @property
    def status(self) -> str:
        if self.skipped:
            return SKIPPED
        return self.verification.verdict.value

    @property
    def reason(self) -> str:
        if self.skipped:
            what = ("a cohort report" if self.verification.kind == "cohort"
                    else "a panel packet")
            return f"{what}, verified; merge the original cards"
        return self.verification.reason

    @property
    def candidate(self) -> str:
        return self.verification.candidate

    @property
    def signer(self) -> str:
        return self.verification.signer

    @property
    def interview(self) -> str:
        card = self.verification.scorecard
        return card.rubric.title if card is not None else ""

    def line(self) -> str:
        if self.skipped:
            return f"{self.path}: {self.status} · {self.reason}"
        return self.verification.line()

    def rejected(self) -> RejectedInput:
        signer = person_label(self.signer, self.verification.signer_email) if self.signer else ""
        return RejectedInput(self.path.name, self.status, self.reason, self.candidate, signer)

    def panel_card(self) -> PanelCard:
        card = self.verification.scorecard
        assert card is not None and self.ok
        return PanelCard(self.path.name, card, self.signer, self.verification.signed_at,
                         self.verified_at, self.sha256, self.verification.signer_email)


@dataclass(frozen=True, slots=True)
class PacketResult:
    path: Path
    panel: Panel
    pages: int
    sha256: str

    @property
    def candidate(self) -> str:
        return self.panel.candidate_name

    @property
    def cards(self) -> int:
        return len(self.panel.interviews)

    @property
    def rejected(self) -> tuple[RejectedInput, ...]:
        return self.panel.rejected

    @property
    def conflicts(self) -> int:
        """Verified cards not counted: another certificate claims the same interview."""
        return sum(1 for r in self.panel.rejected if r.status == CONFLICT_STATUS)

    @property
    def flags(self) -> tuple[Flag, ...]:
        return self.panel.flags

    def line(self) -> str:
        high = sum(1 for f in self.flags if f.severity is Severity.HIGH)
        flags = (f"{high} flag{'s' if high != 1 else ''} to discuss" if high
                 else "no flag to discuss")
        failed = len(self.rejected) - self.conflicts
        rejected = f", {failed} rejected" if failed else ""
        if self.conflicts:
            rejected += f", {self.conflicts} in conflict (not counted)"
        return (f"{self.path}: packet of {self.cards} card{'s' if self.cards != 1 else ''} for "
                f"{self.candidate}, {self.pages} pages{rejected}; {flags}")


@dataclass(frozen=True, slots=True)
class CohortResult:
    folder: Path
    packets: tuple[PacketResult, ...]
    report: Path | None
    cohort: Cohort | None
    unassigned: tuple[RejectedInput, ...] = field(default=())  # rejected, candidate unknown
    table: Path | None = None  # cohort.csv, beside the report

    @property
    def rejected(self) -> int:
        return len(self.unassigned) + sum(len(p.rejected) for p in self.packets)

    @property
    def conflicts(self) -> int:
        return sum(p.conflicts for p in self.packets)

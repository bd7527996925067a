"""What the store records about signing: the certificates of an interview, and its exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SigningFacts:
    """Who conducted an interview, and the certificates on record for them."""

    interviewer_name: str
    interviewer_email: str
    pinned: str | None  # the certificate pinned on the interview at its first export
    on_record: str | None  # the interviewer's certificate


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One signed scorecard written: where, its SHA-256, who signed it, when."""

    interview_id: int
    path: str
    sha256: str
    signer_fingerprint: str
    page_size: str
    exported_at: datetime

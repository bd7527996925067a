"""Checked merge inputs made from the sample interviews without signing: fast desk tests."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from scorer.domain.interview import InterviewDetail
from scorer.domain.panel import PanelKind
from scorer.domain.scorecard import scorecard_from_detail
from scorer.services.merge.results import CheckedInput
from scorer.services.verify import Verdict, Verification
from tests.support.panel_cards import NOW, sample_details


@cache
def details(candidates: int = 3) -> tuple[InterviewDetail, ...]:
    return tuple(sample_details(candidates))


def kinds(candidates: int = 3) -> tuple[PanelKind, ...]:
    seen: dict[str, PanelKind] = {}
    for d in details(candidates):
        seen.setdefault(d.rubric.id, PanelKind(d.rubric.id, d.rubric.title))
    return tuple(seen.values())


def checked(detail: InterviewDetail, path: Path, verdict: Verdict = Verdict.OK,
            reason: str = "", content: bytes | None = None) -> CheckedInput:
    """`detail`'s card at `path`, with `verdict`; its SHA-256 is that of `content`
    (by default the path and verdict, so that each file differs)."""
    card = scorecard_from_detail(detail, "f" * 64, NOW)
    data = content if content is not None else f"{path}:{verdict}".encode()
    ok = verdict is Verdict.OK
    verification = Verification(path, verdict, reason, signer=card.interviewer.name,
                                candidate=card.candidate.name,
                                scorecard=card, signed_at=NOW if ok else None,
                                signer_email=card.interviewer.email)
    return CheckedInput(path, verification, data if ok else None,
                        hashlib.sha256(data).hexdigest(), NOW, 2)


def unreadable(path: Path, reason: str = "not a PDF file") -> CheckedInput:
    return CheckedInput(path, Verification(path, Verdict.UNREADABLE, reason), None,
                        hashlib.sha256(str(path).encode()).hexdigest(), NOW)

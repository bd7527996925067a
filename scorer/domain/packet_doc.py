"""The panel packet as data: the JSON document `scorer.packet/1` embedded in a signed packet.

It records what the packet was built from (each original card's attachment name
and SHA-256), the computed numbers and the flags, so that `scorer verify` can tell
a packet from a scorecard and check that every attached original is the one the
merger verified. Its SHA-256 is written into the packet's keywords, inside the
signed content, as for scorecards.

Schema `scorer.packet/1`:

    schema       "scorer.packet/1"
    merged_at    ISO 8601 UTC
    merger       name, email, certificate_sha256
    candidate    name, email
    overall      fraction (0-1) or null; spread_low, spread_high, spread_sd;
                 partial (true when expected interview kinds are missing; absent in older packets)
    expected[]   id, title: the interview kinds the panel expects (absent in older packets)
    missing[]    id, title: those with no verified card in the packet
    cards[]      attachment, source, sha256, rubric_id, rubric_title, rubric_version,
                 interviewer, interviewer_email, interview_id, signer,
                 certificate_sha256 (the card's signer; absent in older packets),
                 signed_at, verified_at, fraction, recommendation (label, hire) or null,
                 first_page, last_page
    set_aside[]  source, sha256, reason
    rejected[]   source, status, reason, candidate
    flags[]      kind, severity, title, detail
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from scorer.domain.embedded_json import parse_embedded
from scorer.domain.errors import ScorerError
from scorer.domain.panel import Panel

PACKET_SCHEMA: Final = "scorer.packet/1"
PACKET_ATTACHMENT = "scorer-packet.json"
PACKET_DIGEST_PREFIX = "scorer-packet-sha256="


class PacketError(ScorerError):
    """An embedded packet document is missing or malformed."""


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonPart(_Doc):
    name: str
    email: str


class MergerPart(PersonPart):
    certificate_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class OverallPart(_Doc):
    fraction: float | None
    spread_low: float | None
    spread_high: float | None
    spread_sd: float | None
    partial: bool = False


class KindRef(_Doc):
    id: str
    title: str


class RecommendationRef(_Doc):
    label: str
    hire: bool


class CardRef(_Doc):
    attachment: str
    source: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    rubric_id: str
    rubric_title: str
    rubric_version: str
    interviewer: str
    interviewer_email: str
    interview_id: int
    signer: str
    certificate_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    signed_at: datetime | None
    verified_at: datetime
    fraction: float | None
    recommendation: RecommendationRef | None
    first_page: int
    last_page: int


class SetAsideRef(_Doc):
    source: str
    sha256: str
    reason: str


class RejectedRef(_Doc):
    source: str
    status: str
    reason: str
    candidate: str


class FlagRef(_Doc):
    kind: str
    severity: str
    title: str
    detail: str


class SignedDoc(_Doc):
    """A document embedded in a signed PDF, whose digest the signature covers."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def to_json_bytes(self) -> bytes:
        """The bytes that are embedded, hashed and signed (see `Scorecard.to_json_bytes`)."""
        return self.model_dump_json(by_alias=True, indent=1).encode("utf-8")

    def digest(self) -> str:
        return hashlib.sha256(self.to_json_bytes()).hexdigest()


class PacketDoc(SignedDoc):
    schema_: Literal["scorer.packet/1"] = Field(default=PACKET_SCHEMA, alias="schema")
    merged_at: datetime
    merger: MergerPart
    candidate: PersonPart
    overall: OverallPart
    expected: list[KindRef] = Field(default_factory=list)
    missing: list[KindRef] = Field(default_factory=list)
    cards: list[CardRef]
    set_aside: list[SetAsideRef]
    rejected: list[RejectedRef]
    flags: list[FlagRef]


def packet_doc(
    panel: Panel,
    *,
    merged_at: datetime,
    merger: MergerPart,
    attachments: list[str],
    pages: list[tuple[int, int]],
) -> PacketDoc:
    """The document for `panel`; `attachments` and `pages` follow `panel.interviews`."""
    spread = panel.spread
    cards = []
    for interview, name, (first, last) in zip(panel.interviews, attachments, pages, strict=True):
        entry, card = interview.entry, interview.card
        reco = card.recommendation
        cards.append(CardRef(
            attachment=name, source=entry.source, sha256=entry.sha256,
            rubric_id=card.rubric.id, rubric_title=card.rubric.title,
            rubric_version=card.rubric.version, interviewer=card.interviewer.name,
            interviewer_email=card.interviewer.email, interview_id=card.interview.id,
            signer=entry.signer, certificate_sha256=card.interviewer.certificate_sha256,
            signed_at=entry.signed_at, verified_at=entry.verified_at,
            fraction=round(interview.fraction, 6) if interview.fraction is not None else None,
            recommendation=RecommendationRef(label=reco.label, hire=reco.hire) if reco else None,
            first_page=first, last_page=last,
        ))
    return PacketDoc(
        merged_at=merged_at,
        merger=merger,
        candidate=PersonPart(name=panel.candidate_name, email=panel.candidate_email),
        overall=OverallPart(
            fraction=round(panel.overall, 6) if panel.overall is not None else None,
            spread_low=round(spread.low, 6) if spread else None,
            spread_high=round(spread.high, 6) if spread else None,
            spread_sd=round(spread.sd, 6) if spread else None,
            partial=panel.partial,
        ),
        expected=[KindRef(id=k.id, title=k.title) for k in panel.expected],
        missing=[KindRef(id=k.id, title=k.title) for k in panel.missing],
        cards=cards,
        set_aside=[SetAsideRef(source=e.source, sha256=e.sha256,
                               reason="an older card for an interview in the packet")
                   for e in panel.set_aside],
        rejected=[RejectedRef(source=r.source, status=r.status, reason=r.reason,
                              candidate=r.candidate) for r in panel.rejected],
        flags=[FlagRef(kind=f.kind.value, severity=f.severity.value, title=f.title,
                       detail=f.detail) for f in panel.flags],
    )


def parse_packet(data: bytes) -> PacketDoc:
    """Read an embedded packet document back; `PacketError` if it is not one."""
    return parse_embedded(data, PACKET_SCHEMA, PacketDoc, PacketError, "packet document")

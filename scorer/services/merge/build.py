"""Build one signed packet from one candidate's verified cards (in this process or a worker).

Panel (domain) → open each original (pypdf) → summary pages and banners (reportlab),
laid out once: the card page numbers and the packet document's digest it prints are
drawn when its length is known (`pdf.late_text`) → packet document → merged pages and
attachments (pypdf) → signature (pyHanko), in memory. Nothing is written here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from scorer.domain.document_info import packet_info
from scorer.domain.packet_doc import (
    PACKET_ATTACHMENT,
    MergerPart,
    PacketDoc,
    packet_doc,
)
from scorer.domain.panel import Panel, PanelCard, PanelKind, RejectedInput, build_panel

if TYPE_CHECKING:
    from scorer.io.signatures.sign import LoadedKey

PageSize = str


@dataclass(frozen=True, slots=True)
class Merger:
    """The identity that signs packets; the key stays in memory."""

    name: str
    email: str
    fingerprint: str
    key_pem: bytes
    certificate_pem: bytes


@dataclass(frozen=True, slots=True)
class VerifiedCard:
    entry: PanelCard
    data: bytes  # the signed PDF exactly as verified


@dataclass(frozen=True, slots=True)
class BuildRequest:
    cards: tuple[VerifiedCard, ...]
    rejected: tuple[RejectedInput, ...]
    merger: Merger
    merged_at: datetime
    page_size: str = "A4"
    expected: tuple[PanelKind, ...] = ()  # the interview kinds of the panel


@dataclass(frozen=True, slots=True)
class BuiltPacket:
    pdf: bytes
    pages: int
    panel: Panel
    sha256: str


# Keyed by the key itself too: an identity replaced under the same certificate must not
# sign with the key parsed before.
_KEYS: dict[tuple[str, bytes], LoadedKey] = {}


def signing_key(merger: Merger) -> LoadedKey:
    """The merger's key, parsed once per process."""
    from scorer.io.signatures.sign import load_key

    cached = (merger.fingerprint, merger.key_pem)
    loaded = _KEYS.get(cached)
    if loaded is None:
        loaded = load_key(merger.key_pem, merger.certificate_pem)
        _KEYS[cached] = loaded
    return loaded


def warm_up_build(merger: Merger | None = None) -> None:
    """Import and prepare what a build needs (while the checking workers start, say)."""
    import scorer.io.documents.packet
    import scorer.io.documents.packet.assembly
    import scorer.io.signatures.sign  # noqa: F401
    from scorer.io.pdf.fonts import register_fonts

    register_fonts()
    if merger is not None:
        signing_key(merger)


def slug(value: str) -> str:
    """A file-name-safe form of a name: letters and digits joined by '-'."""
    kept = "".join(c if c.isalnum() else "-" for c in value.strip().lower())
    return "-".join(part for part in kept.split("-") if part) or "unnamed"


def default_packet_name(candidate: str) -> str:
    return f"{slug(candidate)}-packet.pdf"


def attachment_names(panel: Panel) -> list[str]:
    names = []
    for n, interview in enumerate(panel.interviews, start=1):
        names.append(f"{n}-{slug(interview.card.rubric.id)}-{slug(interview.interviewer)}.pdf")
    return names


def build_packet(request: BuildRequest) -> BuiltPacket:
    from scorer.io.documents.packet import BannerPage, PacketNumbers, PacketView, render_summary
    from scorer.io.documents.packet.assembly import Attachment, merge_packet, open_card
    from scorer.io.pdf.signature_stamp import STAMP_FORM
    from scorer.io.signatures.sign import sign_scorecard

    data = {card.entry.sha256: card.data for card in request.cards}
    panel = build_panel([c.entry for c in request.cards], request.rejected,
                        request.expected)
    names = attachment_names(panel)
    sources = []
    for interview, name in zip(panel.interviews, names, strict=True):
        card = interview.card
        sources.append(open_card(
            name, data[interview.entry.sha256],
            f"Signed scorecard: {card.rubric.title}, interviewed by {card.interviewer.name}",
            interview.entry.signed_at,
        ))
    card_pages = sum(s.pages for s in sources)
    merger = request.merger
    merger_part = MergerPart(name=merger.name, email=merger.email,
                             certificate_sha256=merger.fingerprint)
    banners = tuple(
        BannerPage(size=size, signer=interview.entry.signer,
                   signer_email=interview.card.interviewer.email,
                   signed_at=interview.entry.signed_at, verified_at=interview.entry.verified_at,
                   card=n, cards=len(sources), page=index, pages=source.pages)
        for n, (interview, source) in enumerate(zip(panel.interviews, sources, strict=True), 1)
        for index, size in enumerate(source.page_sizes, start=1)
    )
    # The summary names each card's packet pages, and prints the digest of a document
    # that lists them: both are drawn once the summary's own length is known.
    @lru_cache(maxsize=4)
    def numbers(summary_pages: int) -> tuple[list[tuple[int, int]], PacketDoc]:
        ranges = _ranges(summary_pages, [s.pages for s in sources])
        return ranges, packet_doc(panel, merged_at=request.merged_at, merger=merger_part,
                                  attachments=names, pages=ranges)

    def late(summary_pages: int) -> PacketNumbers:
        ranges, document = numbers(summary_pages)
        return PacketNumbers(tuple(ranges), document.digest())

    view = PacketView(
        panel=panel, merger_name=merger.name, merger_email=merger.email,
        merged_at=request.merged_at, numbers=late, card_page_total=card_pages,
        attachments=tuple(names), banners=banners,
        page_size=request.page_size,  # type: ignore[arg-type]
    )
    summary = render_summary(view)
    ranges, doc = numbers(summary.pages)
    total = summary.pages + card_pages
    outline = [("Summary", 0)]
    outline += [(f"{i.title} · {i.interviewer}", first - 1)
                for i, (first, _) in zip(panel.interviews, ranges, strict=True)]
    packet_json = doc.to_json_bytes()
    info = packet_info(doc, doc.digest())
    pdf = merge_packet(
        summary.pdf, summary.pages, sources,
        [Attachment(PACKET_ATTACHMENT, packet_json, "application/json", "Data",
                    "The packet's machine-readable summary (schema scorer.packet/1)",
                    request.merged_at)],
        title=info.title, author=info.author, subject=info.subject, keywords=info.keywords,
        outline=outline,
    )
    box = summary.signature_box
    signed = sign_scorecard(
        pdf, signing_key(merger), None, page=box.page, box=box.rounded(), stamp_form=STAMP_FORM,
        signer_name=merger.name, signed_at=request.merged_at, reason="Panel packet",
    )
    return BuiltPacket(signed, total, panel, hashlib.sha256(signed).hexdigest())


def _ranges(summary_pages: int, card_pages: Sequence[int]) -> list[tuple[int, int]]:
    out = []
    first = summary_pages + 1
    for pages in card_pages:
        out.append((first, first + pages - 1))
        first += pages
    return out

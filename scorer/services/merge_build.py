"""Build one signed packet from one candidate's verified cards (in this process or a worker).

Panel (domain) → open each original (pypdf) → summary pages (reportlab), laid out
until its page count is stable, since the interview table names each card's
pages → packet document → banners → merged pages and attachments (pypdf) →
signature (pyHanko), in memory. Nothing is written here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from scorer.domain.packet_doc import (
    PACKET_ATTACHMENT,
    PACKET_DIGEST_PREFIX,
    MergerPart,
    packet_doc,
)
from scorer.domain.panel import Panel, PanelCard, RejectedInput, build_panel

if TYPE_CHECKING:
    from scorer.io.pdf_signing import LoadedKey

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


@dataclass(frozen=True, slots=True)
class BuiltPacket:
    pdf: bytes
    pages: int
    panel: Panel
    sha256: str


_KEYS: dict[str, LoadedKey] = {}
_LAST_SUMMARY_PAGES: dict[tuple[object, ...], int] = {}  # by the summary's shape, see below


def _key(merger: Merger) -> LoadedKey:
    from scorer.io.pdf_signing import load_key

    loaded = _KEYS.get(merger.fingerprint)
    if loaded is None:
        loaded = load_key(merger.key_pem, merger.certificate_pem)
        _KEYS[merger.fingerprint] = loaded
    return loaded


def warm_up_build(merger: Merger | None = None) -> None:
    """Import and prepare what a build needs (while the checking workers start, say)."""
    import scorer.io.packet_pdf
    import scorer.io.pdf_merge
    import scorer.io.pdf_signing  # noqa: F401
    from scorer.io.pdf_fonts import register_fonts

    register_fonts()
    if merger is not None:
        _key(merger)


def slug(value: str) -> str:
    """A file-name-safe form of a name: letters and digits joined by '-'."""
    kept = "".join(c if c.isalnum() else "-" for c in value.strip().lower())
    return "-".join(part for part in kept.split("-") if part) or "unnamed"


def attachment_names(panel: Panel) -> list[str]:
    names = []
    for n, interview in enumerate(panel.interviews, start=1):
        names.append(f"{n}-{slug(interview.card.rubric.id)}-{slug(interview.interviewer)}.pdf")
    return names


def build_packet(request: BuildRequest) -> BuiltPacket:
    from scorer.io.packet_pdf import BannerPage, PacketView, render_summary
    from scorer.io.pdf_merge import Attachment, merge_packet, open_card
    from scorer.io.pdf_signing import sign_scorecard
    from scorer.io.scorecard_pdf_stamp import STAMP_FORM

    data = {card.entry.sha256: card.data for card in request.cards}
    panel = build_panel([c.entry for c in request.cards], request.rejected)
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
    # The interview table names each card's pages, which follow the summary: lay the
    # summary out with the last length seen, and again only if it comes out otherwise.
    shape = _summary_shape(panel, request.page_size)
    summary_pages = _LAST_SUMMARY_PAGES.get(shape, _LAST_SUMMARY_PAGES.get(shape[:1], 3))
    for _ in range(4):
        ranges = _ranges(summary_pages, [s.pages for s in sources])
        doc = packet_doc(panel, merged_at=request.merged_at, merger=merger_part,
                         attachments=names, pages=ranges)
        view = PacketView(
            panel=panel, merger_name=merger.name, merger_email=merger.email,
            merged_at=request.merged_at, card_pages=tuple(ranges),
            card_page_total=card_pages, digest=doc.digest(), attachments=tuple(names),
            banners=banners, page_size=request.page_size,  # type: ignore[arg-type]
        )
        summary = render_summary(view)
        if summary.pages == summary_pages:
            break
        summary_pages = summary.pages
    else:  # pragma: no cover - a page number's width cannot keep changing the length
        raise RuntimeError("the summary's length does not settle")
    if len(_LAST_SUMMARY_PAGES) > 512:  # a guess per shape seen: bounded
        _LAST_SUMMARY_PAGES.clear()
    _LAST_SUMMARY_PAGES[shape] = _LAST_SUMMARY_PAGES[shape[:1]] = summary.pages
    total = summary.pages + card_pages
    outline = [("Summary", 0)]
    outline += [(f"{i.title} · {i.interviewer}", first - 1)
                for i, (first, _) in zip(panel.interviews, ranges, strict=True)]
    packet_json = doc.to_json_bytes()
    pdf = merge_packet(
        summary.pdf, summary.pages, sources,
        [Attachment(PACKET_ATTACHMENT, packet_json, "application/json", "Data",
                    "The packet's machine-readable summary (schema scorer.packet/1)",
                    request.merged_at)],
        title=f"Panel packet: {panel.candidate_name}",
        author=merger.name,
        subject=f"{len(panel.interviews)} verified scorecards for {panel.candidate_name}",
        keywords=f"{PACKET_DIGEST_PREFIX}{doc.digest()}",
        outline=outline,
    )
    box = summary.signature_box
    signed = sign_scorecard(
        pdf, _key(merger), None, page=box.page, box=box.rounded(), stamp_form=STAMP_FORM,
        signer_name=merger.name, signed_at=request.merged_at, reason="Panel packet",
    )
    return BuiltPacket(signed, total, panel, hashlib.sha256(signed).hexdigest())


def _summary_shape(panel: Panel, page_size: str) -> tuple[object, ...]:
    """What mostly decides the summary's length: its tables' rows and the flags.

    Only a guess for the first layout (one layout instead of two when it holds); the
    page count that comes out is always checked.
    """
    return (len(panel.interviews), page_size, len(panel.flags), len(panel.rejected),
            len(panel.competencies),
            tuple(sorted((i.card.rubric.id, len(i.dimensions)) for i in panel.interviews)))


def _ranges(summary_pages: int, card_pages: Sequence[int]) -> list[tuple[int, int]]:
    out = []
    first = summary_pages + 1
    for pages in card_pages:
        out.append((first, first + pages - 1))
        first += pages
    return out

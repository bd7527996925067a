"""The panel packet's summary pages and the banner over each original card's pages.

The summary puts first what the panel should see before the debrief: the
candidate, the overall score, the recommendations and the flags; then each
interview, the rejected inputs, a chart, the competency table with every
level's anchor text, the method and the packet's signature box.

This module assembles the document; the sections are drawn in `documents.packet.findings`
and `documents.packet.scores`, the card pages' banners in `documents.packet.banner`.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, NextPageTemplate

from scorer.io.documents.packet.banner import BANNER_HEIGHT, VERIFIED, draw_banners, short_when
from scorer.io.documents.packet.findings import (
    SEVERITY_COLOURS,
    SEVERITY_WORDS,
    flags_section,
    headline_section,
    interviews_section,
    rejected_section,
)
from scorer.io.documents.packet.scores import (
    charts_section,
    competency_section,
    method_section,
    signature_section,
)
from scorer.io.documents.packet.view import BannerPage, PacketNumbers, PacketView
from scorer.io.documents.scorecard import PAGE_SIZES, SignatureBox, StampSlot
from scorer.io.pdf.page import MARGIN, templates
from scorer.io.pdf.report_page import PacketFurniture, packet_canvas
from scorer.io.pdf.stamp_tail import StampTail
from scorer.io.pdf.style import day, when

__all__ = [
    "BANNER_HEIGHT", "SEVERITY_COLOURS", "SEVERITY_WORDS", "VERIFIED", "BannerPage",
    "PacketNumbers", "PacketView", "RenderedSummary", "render_summary", "short_when",
]


@dataclass(frozen=True, slots=True)
class RenderedSummary:
    """The summary's pages, then one banner page per card page, in one PDF."""

    pdf: bytes
    pages: int  # the summary's own pages; the banner pages follow
    signature_box: SignatureBox


def render_summary(view: PacketView) -> RenderedSummary:
    panel = view.panel
    pagesize = PAGE_SIZES[view.page_size]
    count = len(panel.interviews)
    held = (f"{count} of {len(panel.expected)} interviews" if panel.partial
            else f"{count} verified interview{'s' if count != 1 else ''}")
    subtitle = f"{held} · merged {day(view.merged_at)} by {view.merger_name}"
    footer = f"Panel packet · {panel.candidate_name} · merged {when(view.merged_at)}"
    furniture = PacketFurniture(
        label="PANEL PACKET",
        title=panel.candidate_name,
        subtitle=subtitle,
        running=f"{panel.candidate_name} · panel packet",
        footer_left=footer,
    )
    out = BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=pagesize,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=f"Panel packet: {panel.candidate_name}", author=view.merger_name,
        creator="Scorer", lang="en",
    )
    doc.addPageTemplates(templates(pagesize, furniture))
    width = pagesize[0] - 2 * MARGIN
    slot = StampSlot(view.merger_name, view.merger_email, view.merged_at)
    story: list[Flowable] = [NextPageTemplate("later")]
    story += headline_section(panel, width)
    story += flags_section(panel.flags, width)
    story += rejected_section(panel, width)
    story += interviews_section(view, width)
    story += charts_section(panel, width)
    story += competency_section(view, width)
    full, compact = signature_section(view, slot, width)
    story.append(StampTail(method_section(), full, compact))
    total = view.card_page_total

    def banners(canvas: Canvas, summary_pages: int) -> None:
        draw_banners(canvas, view.banners, summary_pages, summary_pages + total)

    doc.build(story, canvasmaker=packet_canvas(footer, total, banners))
    if slot.placed is None:  # pragma: no cover - the slot is always laid out
        raise RuntimeError("the signature box was not placed")
    return RenderedSummary(out.getvalue(), doc.page, slot.placed)

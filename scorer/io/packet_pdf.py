"""The panel packet's summary pages and the banner over each original card's pages.

The summary puts first what the panel should see before the debrief: the
candidate, the overall score, the recommendations and the flags; then each
interview, the rejected inputs, a chart, the competency table with every
level's anchor text, the method and the packet's signature box.

This module assembles the document; the sections are drawn in `packet_pdf_overview`
and `packet_pdf_sections`, the card pages' banners in `packet_pdf_banner`.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, NextPageTemplate

from scorer.io.packet_pdf_banner import BANNER_HEIGHT, VERIFIED, draw_banners, short_when
from scorer.io.packet_pdf_overview import (
    SEVERITY_COLOURS,
    SEVERITY_WORDS,
    flags_section,
    headline_section,
    interviews_section,
    rejected_section,
)
from scorer.io.packet_pdf_page import PacketFurniture, packet_canvas
from scorer.io.packet_pdf_sections import (
    charts_section,
    competency_section,
    method_section,
    signature_section,
)
from scorer.io.packet_pdf_view import BannerPage, PacketNumbers, PacketView
from scorer.io.pdf_stamp_tail import StampTail
from scorer.io.scorecard_pdf import PAGE_SIZES, SignatureBox, StampSlot
from scorer.io.scorecard_pdf_page import MARGIN, templates
from scorer.io.scorecard_pdf_style import day, when

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

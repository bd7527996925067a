"""The strip along the top of each original card's page: who signed it, when checked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from scorer.domain.dates import utc_day_time
from scorer.io.documents.packet.view import BannerPage
from scorer.io.pdf.fonts import BOLD, REGULAR
from scorer.io.pdf.page import MARGIN
from scorer.io.pdf.style import fit_line

BANNER_HEIGHT = 5.5 * mm  # the card's band label starts 6.4 mm from the top edge
VERIFIED = colors.HexColor("#1b6e4f")


def draw_banners(canvas: Canvas, pages: Sequence[BannerPage], before: int, total: int) -> None:
    """One page per original card page, blank but for a strip along the top edge."""
    for n, page in enumerate(pages, start=1):
        width, height = page.size
        canvas.setPageSize(page.size)
        y = height - BANNER_HEIGHT
        canvas.setFillColor(VERIFIED)
        canvas.rect(0, y, width, BANNER_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(BOLD, 7)
        base = y + 1.9 * mm
        canvas.drawString(MARGIN, base, "✓ VERIFIED")
        signed = f" · signed {short_when(page.signed_at)}" if page.signed_at else ""
        left = f"{page.signer}{signed} · checked {short_when(page.verified_at)}"
        right = f"card {page.card} of {page.cards} · packet page {before + n} of {total}"
        canvas.setFont(REGULAR, 6.4)
        right_w = canvas.stringWidth(right, REGULAR, 6.4)
        x_left = MARGIN + canvas.stringWidth("✓ VERIFIED", BOLD, 7) + 2.5 * mm
        canvas.drawRightString(width - MARGIN, base, right)
        canvas.drawString(x_left, base,
                          fit_line(left, REGULAR, 6.4, width - MARGIN - right_w - 4 * mm - x_left))
        canvas.showPage()


def short_when(moment: datetime | None) -> str:
    return "—" if moment is None else utc_day_time(moment)


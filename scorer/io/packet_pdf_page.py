"""Page furniture of the packet's summary and the cohort report, and their extra styles.

The header band and running header are the scorecard's, with the report's own
label; the footer counts the pages of the whole packet, whose original cards
follow the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Paragraph

from scorer.io.pdf_fonts import BOLD, REGULAR
from scorer.io.scorecard_pdf_page import BAND_HEIGHT, MARGIN, Furniture, _fit
from scorer.io.scorecard_pdf_style import BAND, BAND_TEXT, MUTED, RULE, styles, text


class PacketFurniture(Furniture):
    def __init__(self, label: str, title: str, subtitle: str, running: str,
                 footer_left: str) -> None:
        super().__init__(title, subtitle, running, footer_left)
        self.label = label

    def first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(BAND)
        canvas.rect(0, height - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(BAND_TEXT)
        canvas.setFont(BOLD, 7.5)
        canvas.drawString(MARGIN, height - 9 * mm, self.label)
        canvas.setFont(BOLD, 19)
        canvas.drawString(MARGIN, height - 18 * mm, _fit(self.title, BOLD, 19, width - 2 * MARGIN))
        canvas.setFont(REGULAR, 10)
        canvas.drawString(MARGIN, height - 24.5 * mm,
                          _fit(self.subtitle, REGULAR, 10, width - 2 * MARGIN))
        canvas.restoreState()


def packet_canvas(footer_left: str, pages_after: int,
                  then: Callable[[Canvas, int], None] | None = None) -> type[Canvas]:
    """A canvas writing "Page N of M", M counting `pages_after` pages that follow.

    `then(canvas, pages)` may draw more pages after the document's own (the banners
    of the cards' pages), knowing how many the document took.
    """

    class PacketCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._deferring = True

        def showPage(self) -> None:
            if not self._deferring:  # the pages `then` draws go straight out
                super().showPage()
                return
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages) + pages_after
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            if then is not None:
                self._deferring = False
                then(self, len(self._pages))
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            y = MARGIN - 7 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
            self.setFont(REGULAR, 7.2)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, y, _fit(footer_left, REGULAR, 7.2, width - 2 * MARGIN - 80))
            self.drawRightString(width - MARGIN, y, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return PacketCanvas


@cache
def extra_styles() -> dict[str, ParagraphStyle]:
    base = styles()["body"]
    return {
        # headings stay with what follows them
        "h2": ParagraphStyle("h2k", styles()["h2"], keepWithNext=1),
        "big_mid": ParagraphStyle("big_mid", base, fontName=BOLD, fontSize=15, leading=20),
        "chip": ParagraphStyle("chip", base, fontName=BOLD, fontSize=6.4, leading=8.5,
                               textColor=colors.white),
        "num": ParagraphStyle("num", base, fontSize=8.4, leading=11, alignment=2),
        "th_num": ParagraphStyle("th_num", styles()["th"], alignment=2),
        "muted_k": ParagraphStyle("muted_k", styles()["muted"], keepWithNext=1),
        "num_bold": ParagraphStyle("num_bold", base, fontName=BOLD, fontSize=8.4, leading=11,
                                   alignment=2),
    }


class _Paragraph(Paragraph):  # type: ignore[misc]
    """A paragraph that lays its lines out once per width.

    A table wraps every cell to measure it and again to draw it; breaking the lines
    is most of the layout time, and the result only depends on the width.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == avail_width:
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, size)
        return size


def para(value: str, style: str = "body", markup: bool = False) -> Paragraph:
    """A paragraph in the scorecard's styles or the extra ones above."""
    found = extra_styles().get(style) or styles()[style]
    return _Paragraph(value if markup else text(value), found)


def hex_colour(colour: colors.Color) -> str:
    """`#rrggbb` for Paragraph markup."""
    return "#" + str(colour.hexval())[2:]


def pct(fraction: float | None) -> str:
    """`37 %`, never broken across lines."""
    return "—" if fraction is None else f"{round(fraction * 100)}\u00a0%"


@contextmanager
def binary_streams() -> Iterator[None]:
    """Streams compressed but not ASCII85-encoded: a tenth of the layout time, smaller files.

    reportlab only has the global switch; another document laid out meanwhile merely gets
    the same valid, binary streams.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous

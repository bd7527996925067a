"""Colours, paragraph styles and text helpers shared by the scorecard layout."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.platypus import Flowable, Paragraph

from scorer.io.pdf_fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#d3d9e0")
BAND = colors.HexColor("#1d3557")
BAND_TEXT = colors.HexColor("#f1f5f9")
ACCENT_HEX = "#2f6fb2"
ACCENT = colors.HexColor(ACCENT_HEX)
PANEL = colors.HexColor("#f3f6f9")
HIRE = colors.HexColor("#1b7f4b")
NO_HIRE = colors.HexColor("#b23a3a")
NEUTRAL = colors.HexColor("#7b8794")


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12.2, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7.8, leading=10.2),
        "muted": ParagraphStyle("muted", base, fontSize=7.8, leading=10.2, textColor=MUTED),
        "label": ParagraphStyle("label", base, fontName=BOLD, fontSize=7, leading=9,
                                textColor=MUTED),
        "label_white": ParagraphStyle("label_white", base, fontName=BOLD, fontSize=7,
                                      leading=9, textColor=colors.white),
        "cell": ParagraphStyle("cell", base, fontSize=8.4, leading=11),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=BOLD, fontSize=8.4, leading=11),
        "th": ParagraphStyle("th", base, fontName=BOLD, fontSize=7.4, leading=9.5,
                             textColor=MUTED),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=11.5, leading=15,
                             textColor=BAND, spaceBefore=14, spaceAfter=6),
        "fact": ParagraphStyle("fact", base, fontSize=9, leading=12),
        "big": ParagraphStyle("big", base, fontName=BOLD, fontSize=20, leading=24),
        "reco": ParagraphStyle("reco", base, fontName=BOLD, fontSize=14, leading=18,
                               textColor=colors.white),
    }


def text(value: str) -> str:
    """User text as Paragraph markup: escaped, line breaks kept."""
    lines = escape(value.strip()).splitlines()
    return "<br/>".join(lines)


class _Paragraph(Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width.

    A table wraps every cell to measure it and again to draw it, and breaking the
    lines is the larger part of the layout; the result depends only on the width.
    (`split` drops the broken lines when the paragraph must move on whole: then the
    next wrap breaks them again.)
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if (self._wrapped is not None and self._wrapped[0] == avail_width
                and "blPara" in self.__dict__):
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, size)
        return size


def para(value: str, style: str = "body", markup: bool = False) -> Paragraph:
    return _Paragraph(value if markup else text(value), styles()[style])


class Label(Flowable):  # type: ignore[misc]
    """One line of plain text in a paragraph style, drawn as a string: no markup to parse,
    no lines to break. Too wide for its space, it is set smaller (down to 5.5 pt) and
    then shortened with an ellipsis; it never runs into the next column.
    """

    def __init__(self, value: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.value = " ".join(value.split())
        self.style = style
        self.size = float(style.fontSize)
        self.shown = self.value

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        font, size = self.style.fontName, float(self.style.fontSize)
        width = stringWidth(self.value, font, size)
        self.shown = self.value
        if width > avail_width > 0:
            size = max(5.5, size * avail_width / width)
            self.shown = _fitted(self.value, font, size, avail_width)
        self.size = size
        return avail_width, float(self.style.leading)

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.setFont(self.style.fontName, self.size)
        canvas.setFillColor(self.style.textColor)
        # The baseline where a one-line Paragraph in the same style puts it.
        canvas.drawString(0, self.style.leading - getAscent(self.style.fontName, self.size),
                          self.shown)


def _fitted(value: str, font: str, size: float, width: float) -> str:
    if width <= 0 or stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def label(value: str, style: str = "label") -> Label:
    """A one-line label, heading or value (see `Label`); `para` for text that wraps."""
    return Label(value, styles()[style])


@contextmanager
def binary_streams() -> Iterator[None]:
    """Page streams compressed but not ASCII85-encoded: faster to write, smaller files.

    reportlab only has the process-wide switch; a document laid out meanwhile on another
    thread merely gets the same valid streams, whichever encoding each is made with.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(UTC).strftime("%-d %b %Y, %H:%M UTC")


def day(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(UTC).strftime("%-d %B %Y")


def duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if secs else f"{minutes} min"

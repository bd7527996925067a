"""Colours, paragraph styles and text helpers shared by the scorecard layout."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

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


def para(value: str, style: str = "body", markup: bool = False) -> Paragraph:
    return Paragraph(value if markup else text(value), styles()[style])


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

"""Page furniture of the packet's summary and the cohort report, and their extra styles.

The header band and running header are the scorecard's, with the report's own
label; the footer counts the pages of the whole packet, whose original cards
follow the summary.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscent
from reportlab.platypus import CondPageBreak, Flowable

from scorer.io.pdf.fonts import BOLD
from scorer.io.pdf.page import Furniture, numbered_canvas
from scorer.io.pdf.style import OnceWrapped, TextBlock, styles


class PacketFurniture(Furniture):
    """The scorecard's band and footer, with the packet's own label."""

    def __init__(self, label: str, title: str, subtitle: str, running: str,
                 footer_left: str) -> None:
        super().__init__(title, subtitle, running, footer_left, label)


# The packet's pages are numbered like a scorecard's, the card pages that follow counted too.
packet_canvas = numbered_canvas


@cache
def extra_styles() -> dict[str, ParagraphStyle]:
    base = styles()["body"]
    return {
        # headings stay with what follows them
        "h2": ParagraphStyle("h2k", styles()["h2"], keepWithNext=1),
        "h2_table": ParagraphStyle("h2t", styles()["h2"]),
        "big_mid": ParagraphStyle("big_mid", base, fontName=BOLD, fontSize=15, leading=20),
        "chip": ParagraphStyle("chip", base, fontName=BOLD, fontSize=6.4, leading=8.5,
                               textColor=colors.white),
        "num": ParagraphStyle("num", base, fontSize=8.4, leading=11, alignment=2),
        "th_num": ParagraphStyle("th_num", styles()["th"], alignment=2),
        "muted_k": ParagraphStyle("muted_k", styles()["muted"], keepWithNext=1),
        "num_bold": ParagraphStyle("num_bold", base, fontName=BOLD, fontSize=8.4, leading=11,
                                   alignment=2),
    }


def para(value: str, style: str = "body", markup: bool = False,
         colour: colors.Color | None = None) -> Flowable:
    """Text in the scorecard's styles or the extra ones above, optionally in `colour`.

    Plain text is a `TextBlock` (no markup to parse), or one right-aligned line for a
    right-aligned style; markup is a Paragraph. A Paragraph sets its first line about
    two points lower than a TextBlock, so a table row keeps to one kind.
    """
    found = extra_styles().get(style) or styles()[style]
    if colour is not None:
        found = _coloured(found.name, found, colour.hexval())
    if markup:
        return OnceWrapped(value, found)
    if found.alignment != TA_LEFT:
        return _RightLine(value, found)
    return _Text(value, found)


class _Text(TextBlock):
    """A TextBlock that keeps no-break spaces (`37\u00a0%` stays on one line)."""

    def __init__(self, value: str, style: ParagraphStyle) -> None:
        super().__init__(value, style)
        # TextBlock breaks lines at plain spaces only, but tidies all whitespace first.
        self._source = [" ".join(w for w in row.split(" ") if w)
                        for row in value.strip().splitlines()] or [""]


_COLOURED: dict[tuple[str, str], ParagraphStyle] = {}


def _coloured(name: str, style: ParagraphStyle, colour: str) -> ParagraphStyle:
    key = (name, colour)
    if key not in _COLOURED:
        _COLOURED[key] = ParagraphStyle(f"{name}-{colour}", style,
                                        textColor=colors.HexColor(int(colour, 16)))
    return _COLOURED[key]


class _RightLine(Flowable):  # type: ignore[misc]
    """One right-aligned line of plain text, on a TextBlock's first baseline."""

    def __init__(self, value: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.value = " ".join(value.split())
        self.style = style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, float(self.style.leading)

    def draw(self) -> None:
        canvas: Any = self.canv
        style = self.style
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        baseline = style.leading - getAscent(style.fontName, style.fontSize)
        canvas.drawRightString(self.width, baseline, self.value)


def table_heading(title: str, least: float = 40 * mm) -> list[Flowable]:
    """A heading over a long table: on a new page unless `least` points are left for it and
    the table's first rows, and otherwise free to end the page above the rows that follow
    (a heading kept with a whole long table would push it all to the next page)."""
    return [CondPageBreak(least), para(title, "h2_table")]


def hex_colour(colour: colors.Color) -> str:
    """`#rrggbb` for Paragraph markup."""
    return "#" + str(colour.hexval())[2:]


def pct(fraction: float | None) -> str:
    """`37 %`, never broken across lines."""
    return "—" if fraction is None else f"{round(fraction * 100)}\u00a0%"

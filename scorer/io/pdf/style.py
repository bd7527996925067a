"""Colours, paragraph styles and text helpers shared by the scorecard layout."""

from __future__ import annotations

from datetime import datetime
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle

from scorer.domain.dates import utc_day, utc_day_time
from scorer.io.pdf.fonts import BOLD, REGULAR, register_fonts

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


class OnceWrapped(Paragraph):  # type: ignore[misc]
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


def para(value: str, style: str = "body", markup: bool = False) -> Flowable:
    """Text that wraps: plain text as a `TextBlock`, markup as a reportlab Paragraph."""
    if markup:
        return OnceWrapped(value, styles()[style])
    return TextBlock(value, styles()[style])


class TextBlock(Flowable):  # type: ignore[misc]
    """Plain text wrapped at spaces, set like a left-aligned Paragraph of the same style.

    Lines break where a Paragraph breaks them (at spaces; a word longer than the
    line is cut), line breaks in the text are kept, and the block splits across
    pages between lines, never leaving a single line behind nor sending one on
    alone. It is drawn as one text object, and it has no markup to parse: it costs
    a fraction of a Paragraph.
    """

    def __init__(self, value: str, style: ParagraphStyle,
                 lines: list[str] | None = None) -> None:
        super().__init__()
        self.style = style
        self._source = [" ".join(row.split()) for row in value.strip().splitlines()] or [""]
        self._lines = lines
        self._broken_for: float | None = None if lines is None else -1.0

    def _break(self, width: float) -> list[str]:
        font, size = self.style.fontName, self.style.fontSize
        space = _word_width(" ", font, size)
        out: list[str] = []
        for row in self._source:
            line, used = "", 0.0
            for word in row.split(" "):
                if not word:
                    continue
                w = _word_width(word, font, size)
                if line and used + space + w <= width:
                    line, used = f"{line} {word}", used + space + w
                    continue
                if line:
                    out.append(line)
                while w > width and len(word) > 1:
                    cut = _longest_prefix(word, font, size, width)
                    out.append(word[:cut])
                    word = word[cut:]
                    w = stringWidth(word, font, size)
                line, used = word, w
            out.append(line)
        return out

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._broken_for != -1.0 and self._broken_for != avail_width:
            self._lines = self._break(avail_width)
            self._broken_for = avail_width
        self.width = avail_width
        self.height = len(self._lines or ()) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        lines = self._lines or []
        if len(lines) * self.style.leading <= avail_height:
            # A table splitting a row asks with the height this block had at another
            # width, and takes two parts or none: all of it here, nothing after.
            return [self, TextBlock("", self.style, [])]
        fit = min(len(lines) - 1, int(avail_height // self.style.leading))
        if len(lines) - fit < 2:  # no widow: a second line goes along with the last
            fit -= 1
        if fit < 2:  # no orphan: the block moves on whole
            return []
        return [TextBlock("", self.style, lines[:fit]), TextBlock("", self.style, lines[fit:])]

    def draw(self) -> None:
        canvas: Any = self.canv
        style = self.style
        lines = self._lines or []
        if not lines:
            return
        top = len(lines) * style.leading
        tx = canvas.beginText(0, top - getAscent(style.fontName, style.fontSize))
        tx.setFont(style.fontName, style.fontSize, style.leading)
        tx.setFillColor(style.textColor)
        for line in lines:
            tx.textLine(line)
        canvas.drawText(tx)


@lru_cache(maxsize=16384)
def _word_width(word: str, font: str, size: float) -> float:
    return float(stringWidth(word, font, size))


def _longest_prefix(word: str, font: str, size: float, width: float) -> int:
    cut = len(word) - 1
    while cut > 1 and stringWidth(word[:cut], font, size) > width:
        cut -= 1
    return cut


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
            size = max(5.5, size * avail_width / width * 0.999)
            self.shown = fit_line(self.value, font, size, avail_width)
        self.size = size
        self.width, self.height = avail_width, float(self.style.leading)
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.setFont(self.style.fontName, self.size)
        canvas.setFillColor(self.style.textColor)
        # The baseline where a one-line Paragraph in the same style puts it.
        canvas.drawString(0, self.style.leading - getAscent(self.style.fontName, self.size),
                          self.shown)


class Segments(Flowable):  # type: ignore[misc]
    """One line of plain text in several colours (a score, then its level), on the
    baseline of a `Label` or `TextBlock` in the same style: cells of a table row line
    up. Too wide for its space, it is set smaller, like a `Label`.
    """

    def __init__(self, parts: list[tuple[str, colors.Color]], style: ParagraphStyle) -> None:
        super().__init__()
        self.parts = [(" ".join(text.split(" ")), colour) for text, colour in parts]
        self.style = style
        self.size = float(style.fontSize)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        font, size = self.style.fontName, float(self.style.fontSize)
        width = sum(stringWidth(text, font, size) for text, _ in self.parts)
        self.size = max(5.5, size * avail_width / width * 0.999) if width > avail_width > 0 \
            else size
        self.width, self.height = avail_width, float(self.style.leading)
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        font, size = self.style.fontName, self.size
        tx = canvas.beginText(0, self.style.leading - getAscent(font, size))
        tx.setFont(font, size)
        for text, colour in self.parts:
            tx.setFillColor(colour)
            tx.textOut(text)
        canvas.drawText(tx)


def fit_line(value: str, font: str, size: float, width: float) -> str:
    """`value` shortened with an ellipsis to fit `width`: one line never leaves its space."""
    if width <= 0 or stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value.rstrip() + "…"


def label(value: str, style: str = "label") -> Label:
    """A one-line label, heading or value (see `Label`); `para` for text that wraps."""
    return Label(value, styles()[style])


def when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return utc_day_time(moment, separator=", ")


def day(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return utc_day(moment, long_month=True)


def duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if secs else f"{minutes} min"


def grid_style(*, right: float = 5, top: float = 4, bottom: float = 5,
               flush_left: bool = False) -> TableStyle:
    """The documents' tables: an accent rule under the header, a hairline under each row."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]
    if flush_left:
        commands.append(("LEFTPADDING", (0, 0), (0, -1), 0))
    return TableStyle(commands)

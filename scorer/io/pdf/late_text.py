"""Text that is drawn once the document's page count is known.

A panel packet's summary names the packet pages of each original card, which
follow the summary, and prints the digest of a document that lists them: both
depend on how many pages the summary itself takes. Laying the summary out again
once that is known would double its cost. Instead these one-line labels take
their place in the layout at a fixed height (a sample text sets the size), and
are drawn by the numbered canvas when it writes the pages out, with the count.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.platypus import Flowable

LateText = Callable[[int], str]  # the document's own page count → the label's text


class LateLabel(Flowable):  # type: ignore[misc]
    """One line whose text is `text(pages)`, set in `style` (left or right aligned).

    Sized at layout time to fit `sample` (the widest text it may show), and set
    smaller at drawing time should the text come out wider than the space.
    """

    def __init__(self, text: LateText, style: ParagraphStyle, sample: str,
                 align: str = "left") -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.sample = sample
        self.align = align
        self.size = float(style.fontSize)

    def natural_width(self) -> float:
        return float(stringWidth(self.sample, self.style.fontName, self.style.fontSize))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        natural = self.natural_width()
        size = float(self.style.fontSize)
        self.size = max(5.5, size * avail_width / natural * 0.999) if natural > avail_width > 0 \
            else size
        self.width, self.height = avail_width, float(self.style.leading)
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        defer = getattr(canvas, "defer", None)
        if defer is None:  # pragma: no cover - only used on the numbered canvas
            raise RuntimeError("a LateLabel needs the numbered canvas")
        # Where this label sits on the page, through the current matrix (tables translate).
        a, _b, c, d, e, f = canvas._currentMatrix
        font, width, style = self.style.fontName, self.width, self.style
        baseline = style.leading - getAscent(font, self.size)
        x0, y0 = e + c * baseline, f + d * baseline
        size_at_layout = self.size

        def draw_late(target: Any, pages: int) -> None:
            value = self.text(pages)
            size = size_at_layout
            natural = stringWidth(value, font, size)
            if natural > width > 0:
                size = max(5.5, size * width / natural * 0.999)
            target.saveState()
            target.setFont(font, size)
            target.setFillColor(style.textColor)
            if self.align == "right":
                target.drawRightString(x0 + a * width, y0, value)
            else:
                target.drawString(x0, y0, value)
            target.restoreState()

        defer(draw_late)


class WithLateRight(Flowable):  # type: ignore[misc]
    """A flowable with a `LateLabel` on the right of its first line."""

    def __init__(self, main: Flowable, late: LateLabel, gap: float = 6.0) -> None:
        super().__init__()
        self.main = main
        self.late = late
        self.gap = gap
        self._main_size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        late_width = min(self.late.natural_width(), avail_width / 2)
        self._main_size = self.main.wrap(avail_width - late_width - self.gap, avail_height)
        self.late.wrap(late_width, avail_height)
        self.width = avail_width
        self.height = max(self._main_size[1], self.late.height)
        return self.width, self.height

    def draw(self) -> None:
        self.main.drawOn(self.canv, 0, self.height - self._main_size[1])
        self.late.drawOn(self.canv, self.width - self.late.width, self.height - self.late.height)

"""Page furniture: the header band, the running header and "page N of M" footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from scorer.io.pdf.fonts import BOLD, REGULAR
from scorer.io.pdf.style import BAND, BAND_TEXT, MUTED, RULE, fit_line

MARGIN = 17 * mm
BAND_HEIGHT = 30 * mm
RUNNING_HEAD = 10 * mm
FOOTER = 11 * mm


class Furniture:
    """What the band, running header and footer say."""

    def __init__(self, title: str, subtitle: str, running: str, footer_left: str,
                 label: str = "INTERVIEW SCORECARD") -> None:
        self.label = label
        self.title = title
        self.subtitle = subtitle
        self.running = running
        self.footer_left = footer_left

    def first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(BAND)
        canvas.rect(0, height - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(BAND_TEXT)
        canvas.setFont(BOLD, 7.5)
        canvas.drawString(MARGIN, height - 9 * mm, self.label)
        canvas.setFont(BOLD, 19)
        canvas.drawString(MARGIN, height - 18 * mm,
                          fit_line(self.title, BOLD, 19, width - 2 * MARGIN))
        canvas.setFont(REGULAR, 10)
        canvas.drawString(MARGIN, height - 24.5 * mm,
                          fit_line(self.subtitle, REGULAR, 10, width - 2 * MARGIN))
        canvas.restoreState()

    def later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, height - MARGIN + 4 * mm,
                          fit_line(self.running, REGULAR, 7.5, width - 2 * MARGIN))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, height - MARGIN + 2.5 * mm, width - MARGIN, height - MARGIN + 2.5 * mm)
        canvas.restoreState()


def templates(pagesize: tuple[float, float], furniture: Furniture) -> list[PageTemplate]:
    width, height = pagesize
    body_width = width - 2 * MARGIN
    first = Frame(MARGIN, MARGIN + FOOTER - 6 * mm, body_width,
                  height - BAND_HEIGHT - 7 * mm - (MARGIN + FOOTER - 6 * mm),
                  id="first", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN, MARGIN + FOOTER - 6 * mm, body_width,
                  height - MARGIN - 2 * mm - (MARGIN + FOOTER - 6 * mm),
                  id="later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    return [
        PageTemplate("first", [first], onPage=furniture.first_page),
        PageTemplate("later", [later], onPage=furniture.later_page),
    ]


def numbered_canvas(footer_left: str, pages_after: int = 0,
                    then: Callable[[Canvas, int], None] | None = None) -> type[Canvas]:
    """A canvas writing "Page N of M" once the page count is known.

    M also counts `pages_after` pages that follow the document's own; `then(canvas,
    pages)` may draw those (a packet's card pages), knowing how many came first.
    """

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._late: list[list[Callable[[Canvas, int], None]]] = [[]]
            self._deferring = True

        def defer(self, draw: Callable[[Canvas, int], None]) -> None:
            """Have `draw(canvas, pages)` draw on this page once the page count is known
            (`pdf.late_text`); it draws in page coordinates."""
            self._late[-1].append(draw)

        def showPage(self) -> None:
            if not self._deferring:  # the pages `then` draws go straight out
                super().showPage()
                return
            self._pages.append(dict(self.__dict__))
            self._late.append([])
            self._startPage()

        def save(self) -> None:
            own = len(self._pages)
            total = own + pages_after
            for state, late in zip(self._pages, self._late, strict=False):
                self.__dict__.update(state)
                for draw in late:
                    draw(self, own)
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
            self.drawString(MARGIN, y, fit_line(footer_left, REGULAR, 7.2, width - 2 * MARGIN - 80))
            self.drawRightString(width - MARGIN, y, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


"""A table row drawn as one flowable, so that a row split across pages keeps its name.

A reportlab table splits a long row cell by cell, and the part that moves to the
next page has an empty first cell: the reader does not know which dimension the
text belongs to. A `SplitRow` lays out its columns itself and, when it is split,
starts its second part with its name marked "(continued)". A table holds one in a
single cell per row, and still draws the rules and repeats the header row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable

Column = list[Flowable]


class SplitRow(Flowable):  # type: ignore[misc]
    """Columns of flowables side by side; `continued()` gives the name cell of a later part.

    `widths` are the columns' widths; each column's content is inset by `left` (but the
    first column's) and by `right`, and `bottom` points are left under the tallest
    column. (The space under a row belongs to the row, not to the table's cell padding:
    reportlab puts a row that fits but for its padding whole on the page and carries an
    empty row, under a repeated header, to the next.) A row splits only where its first
    column, the name, stays whole and at least `least` points of the others stay with it;
    otherwise it moves on whole.
    """

    def __init__(self, columns: Sequence[Column], widths: Sequence[float],
                 continued: Callable[[], Column] | None = None, *, left: float = 4,
                 right: float = 6, bottom: float = 0, least: float = 30) -> None:
        super().__init__()
        self.columns = [list(c) for c in columns]
        self.widths = list(widths)
        self.continued = continued
        self.left = left
        self.right = right
        self.bottom = bottom
        self.least = least
        self._heights: list[float] = []

    def _again(self, columns: list[Column], continued: Callable[[], Column] | None
               ) -> SplitRow:
        return SplitRow(columns, self.widths, continued, left=self.left, right=self.right,
                        bottom=self.bottom, least=self.least)

    def _inner(self, index: int) -> float:
        return self.widths[index] - (0 if index == 0 else self.left) - self.right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = [_stack_height(column, self._inner(i))
                         for i, column in enumerate(self.columns)]
        self.width = sum(self.widths)
        self.height = max(self._heights, default=0.0) + self.bottom
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        here: list[Column] = []
        later: list[Column] = []
        for index, column in enumerate(self.columns):
            first, rest = _split_stack(column, self._inner(index), avail_height - self.bottom)
            here.append(first)
            later.append(rest)
        kept = max((_stack_height(c, self._inner(i)) for i, c in enumerate(here) if i),
                   default=0.0)
        if later[0] or not here[0] or kept < self.least or not any(later):
            return []
        if self.continued is not None:
            later[0] = self.continued()
        return [self._again(here, None), self._again(later, self.continued)]

    def draw(self) -> None:
        canvas: Any = self.canv
        x = 0.0
        for index, column in enumerate(self.columns):
            inset = 0 if index == 0 else self.left
            width = self._inner(index)
            y = self.height
            for flowable in column:
                y -= flowable.getSpaceBefore()
                _, h = flowable.wrap(width, y)
                y -= h
                flowable.drawOn(canvas, x + inset, y)
                y -= flowable.getSpaceAfter()
            x += self.widths[index]


def _stack_height(column: Column, width: float) -> float:
    total = 0.0
    for flowable in column:
        _, h = flowable.wrap(width, 1e6)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _split_stack(column: Column, width: float, height: float) -> tuple[Column, Column]:
    """The flowables of `column` that fit in `height`, and the rest (a flowable split if
    it can be)."""
    used = 0.0
    for index, flowable in enumerate(column):
        before = flowable.getSpaceBefore()
        _, h = flowable.wrap(width, height - used)
        if used + before + h <= height:
            used += before + h + flowable.getSpaceAfter()
            continue
        parts = flowable.split(width, height - used - before)
        if len(parts) == 2:
            return [*column[:index], parts[0]], [parts[1], *column[index + 1:]]
        return column[:index], column[index:]
    return list(column), []

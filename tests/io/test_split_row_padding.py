"""A dimension row that fits but for the space under it never leaves an empty row behind."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table

from scorer.io.pdf.split_row import SplitRow
from scorer.io.pdf.style import grid_style, para

WIDTH = 300.0


def _table(row_bottom: float, cell_bottom: float) -> Table:
    header = SplitRow([[para("DIMENSION")], [para("EVIDENCE")]], [100, 200], bottom=row_bottom)
    row = SplitRow([[para("Debugging")], [para("Found the seeded bug quickly. " * 8)]],
                   [100, 200], bottom=row_bottom)
    table = Table([[header], [row]], colWidths=[WIDTH], repeatRows=1, splitByRow=0,
                  splitInRow=1)
    table.setStyle(grid_style(right=0, top=5, bottom=cell_bottom, flush_left=True))
    return table


def _empty_rows(parts: list[Any]) -> int:
    """Rows after the header of a later part that hold nothing."""
    return sum(1 for part in parts[1:] for row in part._cellvalues[1:]
               if all(not cell for cell in row))


def _empty_rows_near_the_end(row_bottom: float, cell_bottom: float) -> int:
    full = _table(row_bottom, cell_bottom).wrap(WIDTH, 1e6)[1]
    return sum(_empty_rows(_table(row_bottom, cell_bottom).split(WIDTH, full - cut / 2))
               for cut in range(1, 13))


def test_the_space_under_a_row_inside_the_row_leaves_no_empty_row() -> None:
    assert _empty_rows_near_the_end(row_bottom=6, cell_bottom=0) == 0


def test_the_same_space_as_cell_padding_would_leave_one() -> None:
    # Why the scorecard keeps it in the row: reportlab's own in-row split of padding.
    assert _empty_rows_near_the_end(row_bottom=0, cell_bottom=6) > 0

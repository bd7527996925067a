"""TextBlock splits as reportlab's tables expect: two parts, or none."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from scorer.io.pdf.style import TextBlock, styles
from scorer.paths import bundled_rubrics_dir
from scorer.services.demo import build_demo
from scorer.services.rubrics.library import load_library


def test_a_block_that_fits_splits_into_itself_and_nothing() -> None:
    style = styles()["body"]
    block = TextBlock("one two three " * 5, style)
    _, height = block.wrap(300, 1000)
    parts = block.split(300, height + 1)
    assert len(parts) == 2 and parts[0] is block
    assert parts[1].wrap(300, 1000)[1] == 0


def test_a_block_asked_with_a_stale_height_still_splits_cleanly() -> None:
    style = styles()["body"]
    block = TextBlock("word " * 60, style)
    block.wrap(120, 1000)  # narrow: many lines, a tall block
    _, wide_height = TextBlock("word " * 60, style).wrap(400, 1000)
    parts = block.split(400, wide_height)  # what a table asks after measuring it narrow
    assert len(parts) == 2


@pytest.mark.parametrize(("name", "rubric_id", "page_size"), [
    ("Yasmin Silva", "coding", "A4"),
    ("Kwame Jansen", "math", "Letter"),
])
def test_demo_cards_that_split_a_row_across_pages_render(
    name: str, rubric_id: str, page_size: str
) -> None:
    library = load_library(bundled_rubrics_dir())
    details = build_demo(library.rubrics, 102, datetime(2026, 11, 30, 9, tzinfo=UTC), 20250303)
    detail = next(d for d in details if d.candidate.name == name and d.rubric.id == rubric_id)
    card = scorecard_from_detail(detail, "ab" * 32, datetime(2026, 11, 30, 10, tzinfo=UTC))
    assert render_scorecard(card, page_size).pdf.startswith(b"%PDF")  # type: ignore[arg-type]

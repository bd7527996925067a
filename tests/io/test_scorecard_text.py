"""The scorecard's cheap text flowables: wrapped plain text and one-line labels."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from scorer.io.pdf.style import Label, TextBlock, styles

BODY = styles()["body"]


def _width(line: str) -> float:
    return float(stringWidth(line, BODY.fontName, BODY.fontSize))


@pytest.mark.parametrize("width", [60.0, 120.0, 240.0])
def test_lines_fit_the_width_and_keep_every_word(width: float) -> None:
    source = ("Derived the normal equations without help,   then explained why X^T X may be "
              "singular.\n\nSecond paragraph: <tags> & ampersands stay as they are.")
    block = TextBlock(source, BODY)
    _, height = block.wrap(width, 10_000)
    lines = block._lines or []
    assert height == len(lines) * BODY.leading
    assert all(_width(line) <= width for line in lines)
    assert "" in lines  # the blank line between the paragraphs is kept
    assert " ".join(" ".join(lines).split()) == " ".join(source.split())


def test_a_word_longer_than_the_line_is_cut_not_lost() -> None:
    digest = "Scorecard data SHA-256 " + "ab12" * 16
    block = TextBlock(digest, BODY)
    block.wrap(100, 1000)
    lines = block._lines or []
    assert len(lines) > 2 and all(_width(line) <= 100 for line in lines)
    assert "".join(lines).replace(" ", "") == digest.replace(" ", "")


def test_splitting_keeps_the_lines_in_order_and_leaves_no_orphan() -> None:
    block = TextBlock(" ".join(f"word{i}" for i in range(200)), BODY)
    block.wrap(150, 10_000)
    lines = block._lines or []
    assert block.split(150, BODY.leading * 1.5) == []  # one line would be an orphan
    first, rest = block.split(150, BODY.leading * 3.2)
    assert isinstance(first, TextBlock) and isinstance(rest, TextBlock)
    assert first.wrap(150, 10_000)[1] == 3 * BODY.leading
    assert (first._lines or []) + (rest._lines or []) == lines
    whole, nothing = block.split(150, 10_000)  # all of it here, an empty rest
    assert whole is block and nothing.wrap(150, 10_000)[1] == 0
    # A hair too short for the whole block is a split, never the block itself (a table
    # that found it too tall would then have nothing to carry over).
    parts = block.split(150, len(lines) * BODY.leading - 1e-9)
    assert len(parts) == 2
    # Room for all but the last line: two lines go on together, not one alone.
    first, rest = block.split(150, BODY.leading * (len(lines) - 1))
    assert len(rest._lines or []) == 2 and len(first._lines or []) == len(lines) - 2


def test_a_label_too_wide_is_set_smaller_then_shortened() -> None:
    style = styles()["muted"]
    short = Label("olga@example.org", style)
    short.wrap(200, 100)
    assert (short.size, short.shown) == (style.fontSize, "olga@example.org")
    long = Label("a.very.long.address." * 6 + "@example.org", style)
    long.wrap(200, 100)
    assert long.size < style.fontSize and long.size >= 5.5
    assert stringWidth(long.shown, style.fontName, long.size) <= 200
    long.wrap(2000, 100)  # a wider place shows it whole again
    assert long.shown == long.value
    digest = Label("ab" * 32, style)
    digest.wrap(250, 100)  # smaller, but whole: a digest is never cut
    assert digest.size < style.fontSize and digest.shown == "ab" * 32

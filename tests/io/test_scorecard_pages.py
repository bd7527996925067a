"""How the scorecard breaks across pages: a split row keeps its name, the stamp is never alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from scorer.domain.interview import DimensionScore
from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from tests.support.sample import submitted_detail

NOW = datetime(2026, 11, 20, 15, 5, tzinfo=UTC)
SIGNATURE_WORDS = ("Signature", "Digitally signed", "by ", "covers this whole file",
                   "attached to it", "Certificate SHA-256", "Scorecard data SHA-256")


def pages(pdf: bytes) -> list[str]:
    """Each page's text, its whitespace made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


def with_evidence(lines: int) -> bytes:
    detail = submitted_detail()
    first = detail.scores[0]
    evidence = "\n".join(f"Observation {n}: wrote the derivation step on the notepad."
                         for n in range(lines))
    scores = (DimensionScore(first.dimension_id, first.score, evidence), *detail.scores[1:])
    card = scorecard_from_detail(replace(detail, scores=scores), "ab" * 32, NOW)
    return render_scorecard(card).pdf


def test_a_row_longer_than_a_page_names_its_dimension_on_the_next() -> None:
    text = pages(with_evidence(90))
    name = "Linear algebra"
    assert name in text[0]
    later = [t for t in text[1:] if "Observation" in t]
    assert len(later) >= 2
    assert all(f"{name} (continued)" in t for t in later)
    # every observation is printed once
    joined = "\n".join(text)
    assert all(joined.count(f"Observation {n}:") == 1 for n in range(90))


@pytest.mark.parametrize("lines", [12, 24, 36, 48, 60])
def test_a_page_never_repeats_the_table_header(lines: int) -> None:
    for text in pages(with_evidence(lines)):
        assert text.count("LEVEL AND ANCHOR") <= 1


def notes_card(lines: int) -> tuple[bytes, int]:
    notes = "\n".join(f"Note {n:02d}: the candidate checked the edge case." for n in range(lines))
    card = scorecard_from_detail(replace(submitted_detail(), general_notes=notes), "ab" * 32, NOW)
    rendered = render_scorecard(card)
    return rendered.pdf, rendered.signature_box.page


@pytest.mark.parametrize("lines", range(0, 62, 3))
def test_the_stamp_is_on_a_page_with_content(lines: int) -> None:
    pdf, page = notes_card(lines)
    text = pages(pdf)
    assert page == len(text) - 1  # the stamp is on the last page
    # Besides the running header, the footer and the signature block itself, the page
    # holds some of the general notes.
    own = text[page]
    notes = [f"Note {n:02d}:" for n in range(lines)] or ["No general notes."]
    assert any(note in own for note in notes), own
    assert all(word in own for word in SIGNATURE_WORDS[1:])

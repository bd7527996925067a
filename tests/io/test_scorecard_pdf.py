from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from tests.support.sample import submitted_detail

NOW = datetime(2026, 11, 20, 15, 5, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(("size", "width", "height"), [("A4", 595, 842), ("Letter", 612, 792)])
def test_both_paper_sizes(size: str, width: int, height: int) -> None:
    card = scorecard_from_detail(submitted_detail(), "ab" * 32, NOW)
    rendered = render_scorecard(card, size)  # type: ignore[arg-type]
    reader = PdfReader(BytesIO(rendered.pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (width, height)
    assert rendered.pages == len(reader.pages)
    sig = rendered.signature_box
    assert sig.page == rendered.pages - 1
    assert 0 < sig.x1 < sig.x2 < width and 0 < sig.y1 < sig.y2 < height


def test_unicode_names_are_embedded_and_extractable() -> None:
    card = scorecard_from_detail(submitted_detail(), "ab" * 32, NOW)
    pdf = render_scorecard(card).pdf
    text = _text(pdf)
    assert "Łukasz Øster-Müller" in text
    assert b"DejaVuSans" in pdf and b"/FontFile2" in pdf


def test_every_page_is_numbered_of_the_total() -> None:
    card = scorecard_from_detail(submitted_detail(notes_scale=12), "ab" * 32, NOW)
    rendered = render_scorecard(card)
    text = _text(rendered.pdf)
    assert rendered.pages >= 3
    for n in range(1, rendered.pages + 1):
        assert f"Page {n} of {rendered.pages}" in text


def test_long_notes_wrap_onto_more_pages_and_lose_nothing() -> None:
    detail = submitted_detail(notes_scale=12)
    card = scorecard_from_detail(detail, "ab" * 32, NOW)
    text = " ".join(_text(render_scorecard(card).pdf).split())
    # The last sentence of the last repetition is on the page: nothing was clipped.
    assert text.count("ampersands must survive") == 12
    assert "<tags> & ampersands" in text


def test_the_digest_of_the_data_is_in_the_keywords_and_on_the_page() -> None:
    card = scorecard_from_detail(submitted_detail(), "ab" * 32, NOW)
    pdf = render_scorecard(card).pdf
    reader = PdfReader(BytesIO(pdf))
    assert reader.metadata is not None
    assert f"scorer-scorecard-sha256={card.digest()}" in str(reader.metadata.get("/Keywords"))
    assert card.digest() in _text(pdf).replace("\n", "")

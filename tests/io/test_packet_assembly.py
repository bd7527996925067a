"""pypdf merging: pages without signature fields, the stamp kept visible, originals attached."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from scorer.io.documents.packet.assembly import (
    MAX_CARD_PAGES,
    Attachment,
    PacketAssemblyError,
    _fit,
    merge_packet,
    open_card,
)
from tests.support.panel_cards import signed_cards

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def cards() -> list[Path]:
    found = signed_cards()
    return found.by_candidate[next(iter(found.by_candidate))][:2]


def merged() -> tuple[bytes, list[bytes]]:
    originals = [p.read_bytes() for p in cards()]
    sources = [open_card(f"card-{n}.pdf", data, "a card", NOW) for n, data in
               enumerate(originals)]
    card_pages = sum(s.pages for s in sources)
    pdf = merge_packet(
        blank_pdf(2 + card_pages), 2, sources,
        [Attachment("scorer-packet.json", b"{}", "application/json", "Data", "data", NOW)],
        title="Packet", author="Chair", subject="s", keywords="k=1",
        outline=[("Summary", 0), ("Card 0", 2)],
    )
    return pdf, originals


def test_card_pages_lose_their_signature_fields_but_keep_the_stamp_visible() -> None:
    pdf, originals = merged()
    reader = PdfReader(BytesIO(pdf))
    card_pages = sum(len(PdfReader(BytesIO(o)).pages) for o in originals)
    assert len(reader.pages) == 2 + card_pages
    assert "/AcroForm" not in reader.trailer["/Root"]
    for page in reader.pages[2:]:
        assert "/Annots" not in page
        contents = page["/Contents"]
        assert contents[0].get_object().get_data() == b"q"  # the original is isolated
        drawn = contents[-1].get_object().get_data()
        assert drawn.startswith(b"Q") and b" Do Q" in drawn
    # A card's last page carries the stamp: its appearance and the banner are drawn on it.
    last = reader.pages[2 + len(PdfReader(BytesIO(originals[0])).pages) - 1]
    names = [str(n) for n in last["/Resources"]["/XObject"]]
    assert sum(n.startswith("/ScorerPacket") for n in names) == 2
    assert reader.metadata is not None and reader.metadata["/Keywords"] == "k=1"
    assert [o.title for o in reader.outline] == ["Summary", "Card 0"]


def test_originals_are_attached_byte_for_byte_with_their_checksums() -> None:
    pdf, originals = merged()
    reader = PdfReader(BytesIO(pdf))
    files = reader.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    names = [str(files[i]) for i in range(0, len(files), 2)]
    assert names == sorted(names) == ["card-0.pdf", "card-1.pdf", "scorer-packet.json"]
    for n, original in enumerate(originals):
        spec = files[2 * n + 1].get_object()
        assert spec["/AFRelationship"] == "/Source"
        stream = spec["/EF"]["/F"].get_object()
        assert stream.get_data() == original
        assert stream["/Params"]["/CheckSum"].original_bytes == hashlib.md5(original).digest()
        assert stream["/Params"]["/Size"] == len(original)
    assert len(reader.root_object["/AF"]) == 3


def test_a_card_with_too_many_pages_or_broken_pages_is_refused() -> None:
    with pytest.raises(PacketAssemblyError, match=f"at most {MAX_CARD_PAGES}"):
        open_card("long.pdf", blank_pdf(MAX_CARD_PAGES + 1), "", None)
    with pytest.raises(PacketAssemblyError, match="cannot be merged"):
        open_card("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "", None)


def test_an_appearance_box_is_fitted_to_its_rectangle() -> None:
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, NumberObject

    form = DecodedStreamObject()
    # pyHanko writes its box upside down: [0 62 197 0]
    form[NameObject("/BBox")] = ArrayObject([NumberObject(v) for v in (0, 62, 197, 0)])
    assert _fit(form, [49, 705, 246, 767]) == (1.0, 0.0, 0.0, 1.0, 49.0, 705.0)
    assert _fit(form, [0, 0, 394, 124]) == (2.0, 0.0, 0.0, 2.0, 0.0, 0.0)

"""Merging verified scorecards into one packet with pypdf.

A plain merge of signed PDFs copies their signature fields, whose signatures then
cover bytes that no longer exist: broken signatures, worse than none. So:

- the summary pages come first, as rendered;
- every page of every original card is copied without its annotations (the
  signature widget among them); the signature's visible appearance is drawn onto
  the page as an ordinary form XObject, and the card's banner (signer, verified,
  time) over it, so that the page looks as signed without pretending to be;
- no AcroForm is carried over, so the packet has no signature field until the
  merger signs it;
- each original signed PDF is attached byte for byte (an embedded file with
  `/AFRelationship /Source`), so it can be extracted and verified on its own;
- the packet's own JSON document is attached as `/Data`, and its digest is
  written into the keywords, all before the packet is signed.

Graphics are added without parsing any content stream: the original page content
is wrapped in `q … Q` and the extra drawings follow as form XObjects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from scorer.domain.errors import ScorerError

MAX_CARD_PAGES = 60  # a scorecard is 2–6 pages; anything far longer is not one of ours


class PacketAssemblyError(ScorerError):
    """A verified card cannot be merged into the packet."""


@dataclass(frozen=True, slots=True)
class CardSource:
    """One original card, opened for merging."""

    name: str  # the attachment's file name
    data: bytes  # the signed PDF, byte for byte
    description: str
    signed_at: datetime | None
    reader: PdfReader
    page_sizes: tuple[tuple[float, float], ...]

    @property
    def pages(self) -> int:
        return len(self.page_sizes)


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    data: bytes
    mime: str
    relationship: str  # "Source", "Data", ...
    description: str
    modified: datetime


def open_card(name: str, data: bytes, description: str, signed_at: datetime | None
              ) -> CardSource:
    """Open a verified card for merging; `PacketAssemblyError` if pypdf cannot read its pages."""
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        count = len(reader.pages)
        if count > MAX_CARD_PAGES:
            raise PacketAssemblyError(f"{name} has {count} pages; a scorecard has at most "
                             f"{MAX_CARD_PAGES}, so it is not merged.")
        sizes = tuple((float(p.mediabox.width), float(p.mediabox.height))
                      for p in reader.pages)
    except PacketAssemblyError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OverflowError, AssertionError) as exc:
        raise PacketAssemblyError(f"{name} cannot be merged: {exc.__class__.__name__}.") from None
    return CardSource(name, data, description, signed_at, reader, sizes)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def merge_packet(
    summary: bytes,
    summary_pages: int,
    cards: Sequence[CardSource],
    attachments: Sequence[Attachment],
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    outline: Sequence[tuple[str, int]] = (),
) -> bytes:
    """The unsigned packet: the summary, then every card's pages with its banner overlaid.

    `summary` holds the summary's `summary_pages` pages, then one banner page per card
    page, in order; `attachments` are embedded after the originals (which are embedded
    from `cards`). `outline` gives bookmarks as (title, 0-based page index).
    """
    writer = PdfWriter()
    rendered = PdfReader(BytesIO(summary)).pages
    for page in rendered[:summary_pages]:
        writer.add_page(page)
    banner_pages = rendered[summary_pages:]
    total = sum(c.pages for c in cards)
    if len(banner_pages) != total:
        raise ValueError(f"{len(banner_pages)} banner pages for {total} card pages")
    index = 0
    for card in cards:
        for page in card.reader.pages:
            appearance = _signature_appearances(page)
            added = writer.add_page(page, excluded_keys=("/Annots",))
            overlays = [(_add(writer, form), matrix) for form, matrix in appearance]
            overlays.append((_add(writer, _page_as_form(banner_pages[index])),
                             (1, 0, 0, 1, 0, 0)))
            _draw_over(added, overlays, index)
            index += 1

    embedded = [Attachment(c.name, c.data, "application/pdf", "Source", c.description,
                           c.signed_at or datetime.now(UTC)) for c in cards]
    _embed(writer, [*embedded, *attachments])
    writer.add_metadata({
        "/Title": title,
        "/Author": author,
        "/Subject": subject,
        "/Keywords": keywords,
        "/Creator": "Scorer",
    })
    writer.root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    for text, page_index in outline:
        writer.add_outline_item(title=text, page_number=page_index)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _add(writer: PdfWriter, obj: StreamObject) -> IndirectObject:
    """`obj` (from a reader, or new) copied into `writer`, as a reference."""
    cloned = obj.clone(writer)
    reference = getattr(cloned, "indirect_reference", None)
    if isinstance(reference, IndirectObject) and reference.pdf is writer:
        return reference
    return writer._add_object(cloned)


def _signature_appearances(page: DictionaryObject
                           ) -> list[tuple[StreamObject, tuple[float, ...]]]:
    """The normal appearance of each signature widget on `page`, with where it goes."""
    out: list[tuple[StreamObject, tuple[float, ...]]] = []
    annots = page.get("/Annots")
    if annots is None:
        return out
    for ref in annots.get_object():
        annot = ref.get_object()
        if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") != "/Widget":
            continue
        field_type = annot.get("/FT") or annot.get("/Parent", DictionaryObject()).get("/FT")
        if field_type != "/Sig":
            continue
        flags = int(annot.get("/F", 0))
        if flags & 0b10:  # hidden
            continue
        appearance = annot.get("/AP", DictionaryObject()).get("/N")
        if appearance is None:
            continue
        form = appearance.get_object()
        if not isinstance(form, StreamObject) or "/BBox" not in form:
            continue
        out.append((form, _fit(form, annot["/Rect"])))
    return out


def _fit(form: StreamObject, rect: Any) -> tuple[float, ...]:
    """The matrix that maps the form's bounding box onto the annotation's rectangle."""
    x0, y0, x1, y1 = (float(v) for v in form["/BBox"])  # type: ignore[attr-defined]
    bx0, by0, bx1, by1 = min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    r0, s0, r1, s1 = (float(v) for v in rect)
    rx0, ry0, rx1, ry1 = min(r0, r1), min(s0, s1), max(r0, r1), max(s0, s1)
    sx = (rx1 - rx0) / (bx1 - bx0) if bx1 > bx0 else 1.0
    sy = (ry1 - ry0) / (by1 - by0) if by1 > by0 else 1.0
    return (sx, 0.0, 0.0, sy, rx0 - bx0 * sx, ry0 - by0 * sy)


def _page_as_form(page: PageObject) -> StreamObject:
    """A one-page PDF's page as a form XObject (its content, resources and box)."""
    contents = page.get("/Contents")
    data = b""
    if contents is not None:
        obj = contents.get_object()
        parts = obj if isinstance(obj, ArrayObject) else [obj]
        data = b"\n".join(p.get_object().get_data() for p in parts)
    form = DecodedStreamObject()
    form.set_data(data)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0),
                                          page.mediabox[2], page.mediabox[3]]),
        NameObject("/Resources"): page.get("/Resources", DictionaryObject()),
    })
    return form


def _draw_over(page: DictionaryObject, forms: Sequence[tuple[IndirectObject, tuple[float, ...]]],
               index: int) -> None:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    # A private copy: reportlab pages may share one resource dictionary.
    resources = DictionaryObject(resources)
    xobjects = resources.get("/XObject")
    xobjects = DictionaryObject(xobjects.get_object()) if xobjects is not None else (
        DictionaryObject())
    drawing = [b"Q"]
    for n, (form, matrix) in enumerate(forms):
        name = f"/ScorerPacket{index}x{n}"
        xobjects[NameObject(name)] = form
        numbers = " ".join(f"{v:.4f}" for v in matrix)
        drawing.append(f"q {numbers} cm {name} Do Q".encode("ascii"))
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources

    before = DecodedStreamObject()
    before.set_data(b"q")
    after = DecodedStreamObject()
    after.set_data(b"\n".join(drawing))
    writer = page.indirect_reference.pdf if page.indirect_reference is not None else None
    assert writer is not None
    existing = page.get("/Contents")
    parts: list[object] = []
    if existing is not None:
        obj = existing.get_object()
        if isinstance(obj, ArrayObject):
            parts += list(obj)
        else:
            parts.append(existing if isinstance(existing, IndirectObject) else
                         writer._add_object(obj))
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *parts, writer._add_object(after)])


def _embed(writer: PdfWriter, attachments: Sequence[Attachment]) -> None:
    """Embed the files, with their checksum, size and relationship (PDF 2.0 /AF)."""
    pairs: list[tuple[str, IndirectObject]] = []
    associated = ArrayObject()
    for item in attachments:
        stream = DecodedStreamObject()
        stream.set_data(item.data)
        stream.update({
            NameObject("/Type"): NameObject("/EmbeddedFile"),
            NameObject("/Subtype"): NameObject("/" + item.mime.replace("/", "#2F")),
            NameObject("/Params"): DictionaryObject({
                NameObject("/Size"): NumberObject(len(item.data)),
                NameObject("/CheckSum"): ByteStringObject(hashlib.md5(item.data).digest()),
                NameObject("/ModDate"): TextStringObject(_pdf_date(item.modified)),
            }),
        })
        stream_ref = writer._add_object(stream)
        spec = DictionaryObject({
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(item.name),
            NameObject("/UF"): TextStringObject(item.name),
            NameObject("/Desc"): TextStringObject(item.description),
            NameObject("/AFRelationship"): NameObject("/" + item.relationship),
            NameObject("/EF"): DictionaryObject({
                NameObject("/F"): stream_ref,
                NameObject("/UF"): stream_ref,
            }),
        })
        reference = writer._add_object(spec)
        pairs.append((item.name, reference))
        associated.append(reference)
    names = ArrayObject()
    for name, reference in sorted(pairs, key=lambda p: p[0]):  # a name tree is sorted
        names += [TextStringObject(name), reference]
    root = writer.root_object
    root[NameObject("/Names")] = DictionaryObject({
        NameObject("/EmbeddedFiles"): writer._add_object(DictionaryObject({
            NameObject("/Names"): names,
        })),
    })
    root[NameObject("/AF")] = associated


def _pdf_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def attachments_of(pdf: bytes) -> dict[str, bytes]:
    """Every embedded file of `pdf` by name (for tests and `scorer verify`-like checks)."""
    reader = PdfReader(BytesIO(pdf))
    return {name: values[0] for name, values in reader.attachments.items()}

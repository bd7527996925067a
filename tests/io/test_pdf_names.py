"""The fast name writer writes what pypdf writes, for plain names and for every kind of
name pypdf escapes."""

from __future__ import annotations

import pytest
from pypdf.generic import NameObject

from scorer.io import pdf_names

NAMES = [
    "/Type", "/Font", "/F1+0", "/DejaVuSans-Bold", "/FormXob.1234abcd", "/A_b.c-d*e",
    "/With Space", "/Hash#Sign", "/Paren(", "/Slash/Inside", "/Percent%", "/Brackets[]{}<>",
    "/Tab\t", "/Ünïcode", "/Del\x7f", "/", "/~!",
]


@pytest.mark.parametrize("name", NAMES)
def test_writes_the_bytes_pypdf_writes(name: str) -> None:
    obj = NameObject(name)
    assert pdf_names.renumber(obj) == pdf_names._pypdf_writer(obj)


def test_a_name_without_its_slash_is_still_refused() -> None:
    from pypdf.errors import PdfStreamError

    with pytest.raises(PdfStreamError):
        pdf_names.renumber(NameObject("NoSlash"))


def test_is_what_pypdf_uses_once_installed() -> None:
    pdf_names.install()
    assert NameObject.renumber is pdf_names.renumber
    assert NameObject("/A B").renumber() == b"/A#20B"

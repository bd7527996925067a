"""The fast hex-string reader returns what pyHanko's own returns, and leaves the stream
at the same place; whatever pyHanko refuses, it refuses the same way."""

from __future__ import annotations

import os
from io import BytesIO

import pytest
from pyhanko.pdf_utils.misc import PdfStreamError

from scorer.io import pdf_hex

CASES = [
    b"<48656c6c6f> rest",
    b"<48 65\n6c\r\n6c\t6f> rest",
    b"<ABCDEF0>rest",  # odd: a final 0 is implied
    b"<> rest",
    b"<" + os.urandom(1500).hex().encode() + b"00" * 300 + b">\n/ByteRange",
    b"<" + b"0a" * 5000 + b">",  # longer than one read
    b"<4142 % a comment\n 43>tail",  # pyHanko skips comments inside: the slow path
]


@pytest.mark.parametrize("data", CASES)
def test_reads_what_pyhanko_reads_and_stops_at_the_same_place(data: bytes) -> None:
    ours, theirs = BytesIO(data), BytesIO(data)
    got = pdf_hex.read_hex_string(ours)
    expected = pdf_hex._pyhanko_reader(theirs)
    assert got == expected and type(got) is type(expected)
    assert ours.tell() == theirs.tell()
    assert ours.read() == theirs.read()


@pytest.mark.parametrize("data", [b"<4142zz>", b"<414243", b"<41(42)>"])
def test_refuses_what_pyhanko_refuses(data: bytes) -> None:
    with pytest.raises(PdfStreamError):
        pdf_hex._pyhanko_reader(BytesIO(data))
    with pytest.raises(PdfStreamError):
        pdf_hex.read_hex_string(BytesIO(data))


def test_is_the_reader_pyhanko_uses_once_installed() -> None:
    from pyhanko.pdf_utils import generic

    pdf_hex.install()
    assert generic.read_hex_string_from_stream is pdf_hex.read_hex_string
    value = generic.read_object(BytesIO(b"<4142>"), None)  # type: ignore[arg-type]
    assert bytes(value.original_bytes) == b"AB"

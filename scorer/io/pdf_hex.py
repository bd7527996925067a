"""pyHanko's reader of PDF hex strings, made to read a string at once.

pyHanko reads a hex string one character at a time, through a generator and a
whitespace-skipping helper per digit. A signature's /Contents is a hex string of
some 2,500 digits, so reading one signature dictionary took about 4 ms, a quarter
of verifying a scorecard. `install` puts a reader in its place that finds the
closing `>` in one read, drops whitespace and decodes in C. Anything it does not
handle exactly as pyHanko would (no closing `>`, a `%` comment, a stray character)
goes back to pyHanko's own reader, which then parses or raises as it always did.
"""

from __future__ import annotations

import binascii
import os
from typing import IO, Any

from pyhanko.pdf_utils import generic

_WHITESPACE = b" \n\r\t\f\x00"  # pyHanko's PDF_WHITESPACE
_HEX_DIGITS = b"0123456789abcdefABCDEF"
_CHUNK = 8192

_pyhanko_reader = generic.read_hex_string_from_stream


def read_hex_string(stream: IO[bytes]) -> Any:
    """The hex string at the stream's position (on its `<`), as pyHanko returns it."""
    start = stream.tell()
    stream.read(1)  # the opening "<"
    parts: list[bytes] = []
    while True:
        block = stream.read(_CHUNK)
        if not block:  # no closing ">": pyHanko's reader says what is wrong
            stream.seek(start)
            return _pyhanko_reader(stream)
        end = block.find(b">")
        if end >= 0:
            parts.append(block[:end])
            stream.seek(end + 1 - len(block), os.SEEK_CUR)  # just past the ">"
            break
        parts.append(block)
    digits = b"".join(parts).translate(None, _WHITESPACE)
    if digits.translate(None, _HEX_DIGITS):  # a comment or a stray character
        stream.seek(start)
        return _pyhanko_reader(stream)
    if len(digits) % 2:
        digits += b"0"
    return generic.pdf_string(binascii.unhexlify(digits))


def install() -> None:
    """Use `read_hex_string` for every hex string pyHanko reads (once per process)."""
    generic.read_hex_string_from_stream = read_hex_string

"""pypdf's writer of PDF names, with a fast path for the names nearly every PDF uses.

pypdf writes every name character by character, looking each one up in a table of
characters to escape: a packet writes some 1,100 names (every dictionary key), which
took about a tenth of the merge. `install` gives `NameObject` a writer that returns
a name of plain printable ASCII with nothing to escape as it is, and hands every
other name to pypdf's own code: the bytes written are the same.
"""

from __future__ import annotations

import re

from pypdf.generic import NameObject

# What pypdf escapes: outside "!".."~", and the delimiters and "#" (its renumber_table).
_NEEDS_ESCAPE = re.compile(r"[^!-~]|[#()<>\[\]{}/%]")

_pypdf_writer = NameObject.renumber


def renumber(name: NameObject) -> bytes:
    """The bytes pypdf writes for `name`."""
    if name[:1] == "/" and not _NEEDS_ESCAPE.search(name, 1):
        return name.encode("ascii")
    return _pypdf_writer(name)


def install() -> None:
    """Use `renumber` whenever pypdf writes a name (once per process)."""
    NameObject.renumber = renumber  # type: ignore[method-assign,assignment]

"""Two texts of a rubric file, line by line: unsaved edits, a draft, the file, a pinned original.

Unlike `rubrics.diff`, which compares content, this compares the texts as written,
so every line number in it is a line number of the file.
"""

from __future__ import annotations

import difflib


def text_diff(old: str, new: str, old_label: str, new_label: str) -> tuple[str, ...]:
    """A unified diff of `old` and `new`; no lines when they are equal."""
    return tuple(difflib.unified_diff(
        old.splitlines(), new.splitlines(), fromfile=old_label, tofile=new_label, lineterm="",
    ))

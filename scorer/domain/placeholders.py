"""Template placeholders: text in double angle brackets, `<<like this>>`, to be replaced.

The new-rubric template marks every example that must become the rubric's own
text this way, so an unfilled template is never a valid rubric: `scorer rubrics
check` and the editor name each placeholder left, and it cannot be saved or go live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scorer.domain.problems import Path, Problem

PLACEHOLDER = re.compile(r"<<[^<>]*?[A-Za-z][^<>]*?>>")
_SHOWN = 44


def placeholder_problems(data: Any) -> list[Problem]:
    """Every string in `data` (parsed YAML) that still holds a placeholder."""
    return list(_walk(data, ()))


def _walk(value: Any, path: Path) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif isinstance(value, str):
        found = PLACEHOLDER.search(value)
        if found is not None:
            shown = " ".join(found.group().split())
            if len(shown) > _SHOWN:
                shown = shown[: _SHOWN - 3] + "…>>"
            name = next((p for p in reversed(path) if isinstance(p, str)), "value")
            yield Problem(path, f"'{name}' still holds a template placeholder: {shown}")


def fill_placeholders(text: str, filler: str = "x") -> str:
    """`text` with every placeholder replaced, to check what is left once they are filled."""
    return PLACEHOLDER.sub(filler, text)

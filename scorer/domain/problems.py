"""A problem found in a document, located by its path inside the data."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """`related` is another place the message refers to, such as where a duplicated id was
    first used; the loader names its line."""

    path: Path
    message: str
    related: Path | None = None
    related_as: str = "first used"


def describe_path(path: Path) -> str:
    """`('dimensions', 2, 'levels')` -> `dimensions[2].levels`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem pinned to a place in a file, printed as `FILE:LINE:COL: message`."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

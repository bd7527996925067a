"""How one rubric differs from another, as a unified diff of their canonical YAML dumps.

Dumps, not source files, are compared, so comments, key order and quoting never
show up as changes; each hunk header names the place in the rubric it changes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from scorer.domain.rubric import Rubric
from scorer.io.rubrics.dump import dump_rubric

_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@$")
_ITEM = re.compile(r"^- (id|score): (.+)$")


@dataclass(frozen=True)
class RubricDiff:
    """A unified diff of two rubrics' canonical dumps; no lines when they are equal."""

    old_version: str
    new_version: str
    lines: tuple[str, ...] = field(default_factory=tuple)

    @property
    def identical(self) -> bool:
        return self.old_version == self.new_version


def rubric_diff(old: Rubric, new: Rubric, old_label: str, new_label: str) -> RubricDiff:
    """How `new` differs from `old`, on their canonical YAML dumps."""
    if old.version == new.version:
        return RubricDiff(old.version, new.version)
    sides = (dump_rubric(old).splitlines(), dump_rubric(new).splitlines())
    lines = list(difflib.unified_diff(
        *sides, fromfile=old_label, tofile=new_label, lineterm="",
    ))
    # Like git's function context, each hunk header says where in the rubric it is:
    # the place of the hunk's first changed line.
    header = -1
    at = [0, 0]  # the next line number of the old and the new side
    for number, line in enumerate(lines):
        hunk = _HUNK.match(line)
        if hunk is not None:
            header = number
            at = [int(hunk.group(1)), int(hunk.group(2))]
            continue
        if number < 2:
            continue  # the ---/+++ file names
        side = {" ": None, "-": 0, "+": 1}.get(line[:1])
        if side is not None and header >= 0:
            where = _where(sides[side], at[side] - 1)
            if where:
                lines[header] += f" {where}"
            header = -1
        for index in (0, 1):
            if side is None or side == index:
                at[index] += 1
    return RubricDiff(old.version, new.version, tuple(lines))


def _where(lines: list[str], index: int) -> str:
    """The keys and list items that enclose line `index` of a dump, outermost first,
    e.g. `dimensions › linear-algebra › levels › score 2`."""
    if index >= len(lines):
        return ""
    parts: list[str] = []
    indent = len(lines[index])  # deeper than anything: the line itself may be an item
    for number in range(index, -1, -1):
        line = lines[number]
        stripped = line.lstrip(" ")
        level = len(line) - len(stripped)
        if not stripped or level >= indent:
            continue
        indent = level
        item = _ITEM.match(stripped)
        if item is not None:
            parts.append(item.group(2) if item.group(1) == "id" else f"score {item.group(2)}")
        elif stripped.endswith(":"):
            parts.append(stripped[:-1].removeprefix("- "))
        if level == 0:
            break
    return " › ".join(reversed(parts))

"""A YAML file that does not parse, read one top-level section at a time.

A rubric's top-level keys start in the first column, and what lies under one
does not depend on the others (anchors aside). When the whole file has a syntax
error, each section is parsed on its own, its lines kept where they are, so that
the sections without a mistake can still be checked: one slip of indentation
no longer hides every other problem in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scorer.io.rubrics.yaml_marks import MarkedDocument, Position, YamlSyntaxError, load_marked

_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#:'"\-\[\]{}!&*|>%@`][^:#]*?)\s*:(?:\s|$)""")


@dataclass
class SectionedDocument:
    """What the sections that parse hold, merged; `broken` names the keys whose sections do
    not parse, and `errors` their syntax errors (other than the one already reported)."""

    doc: MarkedDocument
    broken: set[str] = field(default_factory=set)
    errors: list[YamlSyntaxError] = field(default_factory=list)


def load_by_section(text: str, first: YamlSyntaxError) -> SectionedDocument | None:
    """Each top-level section parsed on its own; None when the file has no such sections."""
    lines = text.splitlines()
    sections = _sections(lines)
    if len(sections) < 2:
        return None
    doc = MarkedDocument(data={}, positions={(): (1, 1)})
    result = SectionedDocument(doc)
    seen: dict[str, Position] = {}
    first_line = first.position[0]
    for start, end, names in sections:
        # Blank lines before the section keep every line and column where they are.
        chunk = "\n" * start + "\n".join(lines[start:end]) + "\n"
        holds_first = start < first_line <= end
        try:
            part = load_marked(chunk)
        except YamlSyntaxError as exc:
            result.broken |= names
            if not holds_first:
                result.errors.append(exc)
            continue
        if holds_first or not isinstance(part.data, dict):
            result.broken |= names  # parsed alone, yet where the file's parse failed
            continue
        doc.problems += part.problems
        for key, value in part.data.items():
            name = str(key)
            where = part.positions.get((name,), (start + 1, 1))
            if name in seen:
                doc.problems.append(
                    (where, f"duplicate key '{name}' (first defined on line {seen[name][0]})")
                )
                continue
            seen[name] = where
            doc.data[key] = value
            doc.positions.update(
                {path: at for path, at in part.positions.items() if path[:1] == (name,)}
            )
    return result


def _sections(lines: list[str]) -> list[tuple[int, int, set[str]]]:
    """(first line, end, names) of each run of lines from one top-level key to the next;
    the names are the section's key and the first word of any other line in its first column."""
    sections: list[tuple[int, int, set[str]]] = []
    for index, line in enumerate(lines):
        if not line or line[0] in " \t#" or line.startswith(("---", "...")):
            continue
        word = re.split(r"[:\s]", line, maxsplit=1)[0].strip("'\"")
        if _KEY.match(line):
            if sections:
                begun, _, names = sections[-1]
                sections[-1] = (begun, index, names)
            sections.append((index, len(lines), {word}))
        elif sections:
            sections[-1][2].add(word)
    return sections

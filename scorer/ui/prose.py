"""Rubric text as readers expect it: paragraphs reflowed, lists kept as lists.

Rubric files wrap long prompts by hand inside `|` blocks; showing those line
breaks as-is gives ragged lines in a narrow pane.
"""

from __future__ import annotations

import re
from html import escape

_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def prose_html(text: str) -> str:
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in paragraph.splitlines() if line.strip()]
        items: list[str] = []
        lead: list[str] = []
        for line in lines:
            if _ITEM.match(line):
                items.append(_ITEM.sub("", line).strip())
            elif items and line.startswith((" ", "\t")):
                items[-1] += " " + line.strip()  # a list item wrapped onto the next line
            elif items:
                items.append(line.strip())
            else:
                lead.append(line.strip())
        if lead:
            blocks.append(f"<p>{escape_text(' '.join(lead))}</p>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{escape_text(i)}</li>" for i in items) + "</ul>")
    return "".join(blocks)


def escape_text(text: str) -> str:
    """Escape for Qt rich text; Qt does not read `&#x27;`, so quotes stay as they are."""
    return escape(text, quote=False)

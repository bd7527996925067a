"""New rubrics: the bundled commented template, with a new id and title filled in.

The template's examples that must become the rubric's own text are placeholders
(`<<like this>>`), so a new rubric is not valid until the lead has replaced them;
it must be valid once they are.
"""

from __future__ import annotations

import re

from scorer.domain.errors import RubricError
from scorer.domain.placeholders import fill_placeholders
from scorer.io.rubrics.dump import yaml_string
from scorer.io.rubrics.loader import load_rubric_text
from scorer.paths import resource

TEMPLATE = "rubric-template.yaml"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def template_text() -> str:
    return resource(TEMPLATE).read_text(encoding="utf-8")


def check_rubric_id(rubric_id: str) -> None:
    """Refuse a malformed id; whether another file already uses it is the caller's check."""
    if not _ID.match(rubric_id) or len(rubric_id) > 64:
        raise RubricError(
            f"'{rubric_id}' is not a valid rubric id: use lower-case letters, digits, "
            "'-' and '_', starting with a letter or digit."
        )


def rubric_title(title: str) -> str:
    """The title on one line, its runs of spaces collapsed; refused when empty."""
    title = " ".join(title.split())
    if not title:
        raise RubricError("A new rubric needs a title.")
    return title


def fill_template(template: str, rubric_id: str, title: str) -> str:
    """The template with this id and title (see `rubric_title`) filled in; refused unless
    the result passes validation once its placeholders are filled."""
    # Only the values change; the comments after them stay.
    text = re.sub(r"(?m)^id:[ ]+\S+", lambda _: f"id: {rubric_id}", template, count=1)
    text = re.sub(
        r"(?m)^title:[ ]+[^#\n]*?(?=[ ]+#|$)",
        lambda _: f"title: {yaml_string(title)}", text, count=1,
    )
    load = load_rubric_text(fill_placeholders(text), f"{rubric_id}.yaml")
    if not load.ok:
        first = load.diagnostics[0].message if load.diagnostics else "invalid"
        raise RubricError(f"A rubric cannot start from that id and title: {first}.")
    return text

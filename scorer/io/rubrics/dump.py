"""A rubric written back out as canonical YAML, for comparing two versions line by line.

The dump follows the schema's key order, writes every default out, and puts
multi-line text in `|` blocks, so two dumps differ exactly where the content
does: comments, key order and quoting in the source file never show up.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from scorer.domain.rubric import Rubric

# Long prose is folded at this width so a one-word edit shows as one changed line.
_WIDTH = 88


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, as the rubric files are written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_rubric(rubric: Rubric) -> str:
    data: dict[str, Any] = rubric.model_dump(mode="json")
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
        default_flow_style=False, width=_WIDTH, indent=2,
    )


def yaml_string(value: str) -> str:
    """`value` as a one-line YAML scalar: a JSON string is a valid double-quoted YAML one."""
    return json.dumps(value, ensure_ascii=False)

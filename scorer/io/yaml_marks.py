"""YAML parsing that remembers where every key and item came from.

PyYAML silently keeps the last of two equal keys and forgets line numbers once
it builds Python objects. Here the node tree is walked by hand so that duplicate
keys are reported and every path in the data maps back to a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from scorer.domain.problems import Path
from scorer.io.yaml_messages import syntax_problem

Position = tuple[int, int]  # 1-based line and column


@dataclass
class MarkedDocument:
    data: Any
    positions: dict[Path, Position] = field(default_factory=dict)
    problems: list[tuple[Position, str]] = field(default_factory=list)

    def position(self, path: Path) -> Position:
        """The position of `path`, or of its nearest ancestor that exists in the file."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return (1, 1)


class YamlSyntaxError(Exception):
    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so `id: no` stays the string 'no'."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _pos(mark: yaml.Mark | None) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def load_marked(text: str) -> MarkedDocument:
    """Parse one YAML document; raise `YamlSyntaxError` if it is not well-formed."""
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise YamlSyntaxError(*syntax_problem(exc, text)) from None
        except yaml.YAMLError as exc:
            raise YamlSyntaxError((1, 1), f"YAML error: {exc}") from None
        doc = MarkedDocument(data=None, positions={(): (1, 1)})
        if root is not None:
            doc.data = _Walker(loader, doc).walk(root, ())
        return doc
    finally:
        loader.dispose()


class _Walker:
    def __init__(self, loader: _Loader, doc: MarkedDocument) -> None:
        self._loader = loader
        self._doc = doc

    def walk(self, node: yaml.Node, path: Path) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self._doc.positions[(*path, index)] = _pos(item.start_mark)
                items.append(self.walk(item, (*path, index)))
            return items
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            raise YamlSyntaxError(_pos(exc.problem_mark), f"YAML error: {exc.problem}") from None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        self._loader.flatten_mapping(node)  # resolves `<<:` merge keys
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            key = self.walk(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            where = _pos(key_node.start_mark)
            if not isinstance(key, str | int | float | bool):
                self._doc.problems.append((where, "a mapping key must be a plain value"))
                continue
            if key in first_seen:
                line = first_seen[key][0]
                self._doc.problems.append(
                    (where, f"duplicate key '{key}' (first defined on line {line})")
                )
                continue
            first_seen[key] = where
            self._doc.positions[(*path, str(key))] = where
            result[key] = self.walk(value_node, (*path, str(key)))
        return result

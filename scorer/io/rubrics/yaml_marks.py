"""YAML parsing that remembers where every key and item came from.

PyYAML silently keeps the last of two equal keys and forgets line numbers once
it builds Python objects. Here the node tree is walked by hand so that duplicate
keys are reported and every path in the data maps back to a line and column.

Parsing is bounded, because rubric files come from a shared folder: at most
`MAX_VALUES` values (keys, items and scalars), counted after aliases are expanded,
and nesting at most `MAX_DEPTH` levels deep. Aliases are allowed; an alias the
walker meets again reuses what it built the first time (a memo), and its expanded
size is charged to the budget, so a "billion laughs" file is refused after a few
thousand steps instead of being built in memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from scorer.domain.problems import Path
from scorer.io.rubrics.yaml_messages import syntax_problem

Position = tuple[int, int]  # 1-based line and column

MAX_VALUES = 20_000  # a shipped rubric holds about 800
MAX_DEPTH = 32  # a rubric nests 6 levels deep


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
    """`bound` for a file refused as too large or too deep: reading it in parts is no use."""

    def __init__(self, position: Position, message: str, *, bound: bool = False) -> None:
        super().__init__(message)
        self.position = position
        self.message = message
        self.bound = bound


class _OverBound(Exception):
    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


def _too_many(position: Position) -> _OverBound:
    return _OverBound(position, f"the file expands to more than {MAX_VALUES:,} values (counting "
                      "what its aliases repeat); a rubric holds far fewer")


def _too_deep(position: Position) -> _OverBound:
    return _OverBound(position, f"the file nests more than {MAX_DEPTH} levels deep here; a "
                      "rubric needs far fewer")


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so `id: no` stays the string 'no'.

    Composing counts nodes and depth, and stops at the bounds.
    """

    _depth = 0
    _nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        where = _pos(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        self._depth += 1
        self._nodes += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _too_deep(where)
            if self._nodes > MAX_VALUES:
                raise _too_many(where)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """`<<:` merge keys copy pairs: each merged mapping is checked once flattened."""
        super().flatten_mapping(node)
        if len(node.value) > MAX_VALUES:
            raise _too_many(_pos(node.start_mark))


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


def _text_position(text: str, index: int) -> Position:
    index = max(0, min(index, len(text)))
    return (text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))


def load_marked(text: str) -> MarkedDocument:
    """Parse one YAML document; raise `YamlSyntaxError` if it is not well-formed.

    Every failure of the parser, a file over the bounds included, is a
    `YamlSyntaxError` with a position; nothing else escapes.
    """
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # raised while the text is first checked
        raise YamlSyntaxError(_text_position(text, exc.position),
                              _reader_message(exc)) from None
    try:
        try:
            root = loader.get_single_node()
        except _OverBound as exc:
            raise YamlSyntaxError(exc.position, exc.message, bound=True) from None
        except yaml.reader.ReaderError as exc:
            raise YamlSyntaxError(_text_position(text, exc.position),
                                  _reader_message(exc)) from None
        except yaml.MarkedYAMLError as exc:
            raise YamlSyntaxError(*syntax_problem(exc, text)) from None
        except yaml.YAMLError as exc:
            raise YamlSyntaxError((1, 1), f"YAML error: {exc}") from None
        except RecursionError:
            raise _too_deep_error((1, 1)) from None
        doc = MarkedDocument(data=None, positions={(): (1, 1)})
        if root is not None:
            try:
                doc.data = _Walker(loader, doc).walk(root, ())
            except _OverBound as exc:
                raise YamlSyntaxError(exc.position, exc.message, bound=True) from None
            except RecursionError:
                raise _too_deep_error((1, 1)) from None
        return doc
    finally:
        loader.dispose()


def _too_deep_error(position: Position) -> YamlSyntaxError:
    bound = _too_deep(position)
    return YamlSyntaxError(bound.position, bound.message, bound=True)


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    code = ord(exc.character) if isinstance(exc.character, str) else exc.character
    if isinstance(code, int):
        name = "a NUL byte" if code == 0 else f"the control character #x{code:04x}"
        return f"the file holds {name}, which YAML text may not contain"
    return f"the file is not readable text ({exc.reason})"


class _Walker:
    """Builds the data, each aliased node once (`_memo`), within `MAX_VALUES` in all."""

    def __init__(self, loader: _Loader, doc: MarkedDocument) -> None:
        self._loader = loader
        self._doc = doc
        self._memo: dict[int, tuple[Any, int]] = {}  # id(node) -> (value, values it holds)
        self._spent = 0

    def _where(self, node: yaml.Node, path: Path) -> Position:
        return self._doc.positions.get(path) or _pos(node.start_mark)

    def walk(self, node: yaml.Node, path: Path) -> Any:
        if len(path) > MAX_DEPTH:  # also ends an alias that contains itself
            raise _too_deep(self._where(node, path))
        seen = self._memo.get(id(node))
        if seen is not None:
            self._spent += seen[1]
            if self._spent > MAX_VALUES:
                raise _too_many(self._where(node, path))
            return seen[0]
        start = self._spent
        self._spent += 1
        if self._spent > MAX_VALUES:
            raise _too_many(self._where(node, path))
        value = self._built(node, path)
        self._memo[id(node)] = (value, self._spent - start)
        return value

    def _built(self, node: yaml.Node, path: Path) -> Any:
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

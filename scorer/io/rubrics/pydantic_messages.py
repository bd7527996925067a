"""Plain-language messages for pydantic validation errors in rubric files."""

from __future__ import annotations

import difflib
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from scorer.domain.problems import Path

_POLICY = {
    "language_models_allowed": (
        "language models are never allowed in any interview; "
        "remove the key or set it to false"
    ),
    "research_discussion": (
        "interviews never discuss the candidate's research; "
        "remove the key or set it to false"
    ),
}


def error_path(error: ErrorDetails) -> Path:
    return tuple(error["loc"])


def error_message(root: type[BaseModel], error: ErrorDetails) -> str:
    loc = error_path(error)
    name = str(loc[-1]) if loc else "document"
    kind = error["type"]
    if kind == "extra_forbidden":
        owner = model_at(root, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        hint = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if hint:
            return f"unknown key '{name}'; did you mean '{hint[0]}'?"
        listing = ", ".join(allowed)
        return f"unknown key '{name}'" + (f"; allowed here: {listing}" if listing else "")
    if kind == "missing":
        return f"missing required key '{name}'"
    if "input" in error and error["input"] is None and kind.endswith("_type"):
        return f"'{name}' has no value: write it after the colon"
    if name in _POLICY and kind == "literal_error":
        return _POLICY[name]
    if kind in ("too_short", "too_long") and isinstance(error.get("input"), list):
        ctx = error.get("ctx", {})
        need = ctx.get("min_length")
        if kind == "too_short" and need is not None:
            items = "item" if need == 1 else "items"
            return f"'{name}' needs at least {need} {items}, found {len(error['input'])}"
    if kind == "model_type":
        return f"'{name}' should be a mapping of keys, found {_describe(error.get('input'))}"
    message = error["msg"]
    if message.startswith("Input should"):
        message = f"'{name}' should" + message[len("Input should"):]
    elif message.startswith("String should"):
        message = f"'{name}' should" + message[len("String should"):]
    else:
        message = f"'{name}': {message}"
    if "input" in error and not isinstance(error["input"], dict | list):
        message += f", found {error['input']!r}"
    return message


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def model_at(root: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """The pydantic model class found at `path` inside `root`, if any."""
    current: Any = root
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = get_args(current)
            if get_origin(current) is not list or not args:
                return None
            current = args[0]
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> `X`, so the walk follows the meaningful branch."""
    if get_origin(annotation) in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation

"""Reading a document's embedded JSON back: one set of checks for cards, packets and reports."""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from scorer.domain.errors import ScorerError

M = TypeVar("M", bound=BaseModel)


def parse_embedded(data: bytes, schema: str, model: type[M], error: type[ScorerError],
                   what: str) -> M:
    """`data` as `model`, or `error` with one sentence naming `what` went wrong.

    Deep nesting is refused rather than allowed to exhaust the stack."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise error(f"The embedded {what} is nested too deeply to be a {what}.") from None
    except (UnicodeDecodeError, ValueError):
        raise error(f"The embedded {what} is not valid JSON.") from None
    if not isinstance(raw, dict) or raw.get("schema") != schema:
        raise error(f"The embedded document is not a {schema} document.")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise error(f"The embedded {what} is invalid at {where}: {first['msg']}.") from None

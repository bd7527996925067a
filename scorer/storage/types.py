"""Column types: timestamps are stored as UTC text and come back timezone-aware.

The text is SQLAlchemy's SQLite format (`2025-03-03 09:00:00.000000`), which
sorts chronologically. Parsing goes straight to `fromisoformat` with a UTC
suffix: `datetime.replace(tzinfo=...)` alone costs several times the parse, and
the interview list parses tens of thousands of these.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def to_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def from_text(value: str) -> datetime:
    return datetime.fromisoformat(value + "+00:00")


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        def process(value: datetime | None) -> str | None:
            return None if value is None else to_text(value)

        return process

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any]:
        def process(value: str | None) -> datetime | None:
            return None if value is None else from_text(value)

        return process

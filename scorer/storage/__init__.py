"""The local store: SQLite through SQLModel/SQLAlchemy, migrated by Alembic.

This package is the only one that imports sqlmodel, sqlalchemy or alembic.
Importing the package itself loads none of them: the app's start-up path uses
the light modules (`instance_lock`, `interview_list`, `migrate`) before it needs
the rest, so `Store` and `open_store` are looked up on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scorer.storage.open import open_store
    from scorer.storage.store import Store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from scorer.storage.store import Store

        return Store
    if name == "open_store":
        from scorer.storage.open import open_store

        return open_store
    raise AttributeError(f"module 'scorer.storage' has no attribute {name!r}")

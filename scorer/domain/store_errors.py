"""Errors of the local store. Each names the file, so the user knows where to look.

They live in the domain so that the UI can tell them apart without importing storage.
"""

from __future__ import annotations

from scorer.domain.errors import ScorerError


class StoreError(ScorerError):
    """The database cannot be opened, read or written."""


class StoreLocked(StoreError):
    """Another program holds a lock on the database for longer than we wait."""


class StoreReadOnly(StoreError):
    """The database file or its folder cannot be written."""


class StoreCorrupt(StoreError):
    """The file is damaged, or is not a Scorer database at all."""


class StoreFull(StoreError):
    """The disk holding the database is full."""


class StoreTooNew(StoreError):
    """The database was upgraded by a newer Scorer than this one."""


class AnotherInstance(StoreError):
    """A second app window on the same data folder, refused to keep one writer."""

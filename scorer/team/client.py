"""One open connection to the team store, with every failure as a `TeamError`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from scorer.domain.team import (
    CardFacts,
    Member,
    Role,
    StatusUpdate,
    StoredCard,
    TeamCertificate,
    TeamInterview,
    TeamRubric,
    TeamState,
    TeamUnreachable,
)
from scorer.team import admin, publish, reads
from scorer.team.connection import connect, safe_url, translated

if TYPE_CHECKING:
    import psycopg

T = TypeVar("T")


class TeamClient:
    """Opened by `open()`; the password, if any, comes from the caller (the keyring)."""

    def __init__(self, url: str, password: str | None = None) -> None:
        self.url = url
        self.address = safe_url(url)
        self._password = password
        self._connection: psycopg.Connection | None = None

    def open(self) -> TeamClient:
        if self._connection is None or self._connection.closed:
            self._connection = connect(self.url, self._password)
        return self

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> TeamClient:
        return self  # the connection is made at the first use

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _db(self) -> psycopg.Connection:
        if self._connection is None or self._connection.closed:
            self._connection = connect(self.url, self._password)
        return self._connection

    def _read(self, fn: Callable[..., T], *args: object) -> T:
        with self._guarded():
            connection = self._db
            try:
                return fn(connection, *args)
            finally:
                if not connection.closed:
                    connection.rollback()

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Errors as `TeamError`s; a broken connection is dropped, to be made anew."""
        try:
            with translated(self.url):
                yield
        except TeamUnreachable:
            self.close()
            raise

    def whoami(self) -> Member | None:
        return self._read(reads.whoami)

    def members(self) -> list[Member]:
        return self._read(reads.members)

    def interviews(self, late_before: date | None = None, limit: int | None = None
                   ) -> list[TeamInterview]:
        return self._read(reads.interviews, late_before or date.min, limit)

    def state_counts(self, late_before: date) -> tuple[dict[TeamState, int], int]:
        """Interviews per state, and how many are late."""
        return self._read(reads.state_counts, late_before)

    def cards(self, candidate_email: str | None = None) -> list[StoredCard]:
        return self._read(reads.cards, candidate_email)

    def certificates(self) -> list[TeamCertificate]:
        return self._read(reads.certificates)

    def rubrics(self) -> list[TeamRubric]:
        return self._read(reads.rubrics)

    def send_status(self, update: StatusUpdate) -> bool:
        with self._guarded():
            return publish.send_status(self._db, update)

    def send_card(self, facts: CardFacts, pdf: bytes) -> bool:
        with self._guarded():
            return publish.send_card(self._db, facts, pdf)

    def add_member(self, login: str, name: str, email: str, role: Role,
                   password: str | None) -> None:
        with self._guarded():
            admin.add_member(self._db, login, name, email, role, password)

    def publish_certificates(self, certificates: Iterable[TeamCertificate]) -> int:
        with self._guarded():
            return admin.publish_certificates(self._db, certificates)

    def retire_certificates(self, keep: Iterable[str]) -> int:
        with self._guarded():
            return admin.retire_certificates(self._db, keep)

    def publish_rubrics(self, rubrics: Iterable[TeamRubric]) -> int:
        with self._guarded():
            return admin.publish_rubrics(self._db, rubrics)

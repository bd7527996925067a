"""A real PostgreSQL server for the team store tests (a throwaway cluster per session)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from scorer.domain.team import Role
from scorer.team import admin
from scorer.team.connection import connect
from scorer.team.migrate import init_team
from tests.support.pg_cluster import Cluster, server_bin, start_cluster

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    folder = server_bin()
    if folder is None:
        pytest.skip("the PostgreSQL server programs (initdb, pg_ctl) are not installed")
    cluster = start_cluster(folder)
    try:
        yield cluster
    finally:
        cluster.remove()


@dataclass
class TeamDb:
    cluster: Cluster
    name: str
    prefix: str

    @property
    def admin_url(self) -> str:
        return self.cluster.admin_url(self.name)

    def url(self, login: str | None = None) -> str:
        return self.cluster.url(self.name, login)

    def add(self, name: str, email: str, role: Role, password: str = "secret-pw") -> str:
        """A member with their own login role (their email); returns the login."""
        with connect(self.admin_url) as connection:
            admin.add_member(connection, email, name, email, role, password)
        return email

    def login(self, who: str, password: str = "secret-pw"):  # type: ignore[no-untyped-def]
        return connect(self.url(who), password)


@pytest.fixture
def team_db(pg_cluster: Cluster) -> Iterator[TeamDb]:
    """A fresh database with the team schema; its login and group roles (which belong to
    the whole cluster) are dropped afterwards, so the next test starts clean."""
    name = f"team{next(_numbers)}"
    pg_cluster.create_database(name)
    _, prefix = init_team(pg_cluster.admin_url(name))
    yield TeamDb(pg_cluster, name, prefix)
    with psycopg.connect(pg_cluster.admin_url(), autocommit=True) as root:
        logins = [row[0] for row in root.execute(
            "SELECT DISTINCT m.rolname FROM pg_roles m "
            "JOIN pg_auth_members a ON a.member = m.oid "
            "JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname LIKE %s",
            (f"{prefix}\\_%",))]
        root.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        for role in [*logins, "stranger", *(f"{prefix}_{r}" for r in Role)]:
            root.execute(f'DROP ROLE IF EXISTS "{role}"')

"""What only a lead does: add members, publish the trust list and the rubric library."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from scorer.domain.team import Role, TeamCertificate, TeamRubric

if TYPE_CHECKING:
    import psycopg


def add_member(connection: psycopg.Connection, login: str, name: str, email: str, role: Role,
               password: str | None) -> None:
    """Create (or update) a member; the password travels as a SCRAM verifier only."""
    verifier = None
    if password is not None:
        verifier = connection.pgconn.encrypt_password(
            password.encode(), login.encode(), b"scram-sha-256").decode()
    with connection.transaction():
        connection.execute("SELECT scorer_team.add_member(%s, %s, %s, %s, %s)",
                           (login, name, email, role.value, verifier))


def publish_certificates(connection: psycopg.Connection, certificates: Iterable[TeamCertificate]
                         ) -> int:
    """Add certificates to the trust list; those already there are left alone. How many new."""
    added = 0
    with connection.transaction():
        for cert in certificates:
            cursor = connection.execute(
                "INSERT INTO scorer_team.certificates (fingerprint, name, email, pem) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (fingerprint) DO NOTHING",
                (cert.fingerprint, cert.name, cert.email.lower(), cert.pem.decode("ascii")))
            added += cursor.rowcount
    return added


def retire_certificates(connection: psycopg.Connection, keep: Iterable[str]) -> int:
    """Retire every live certificate not in `keep` (the lead's trust folder)."""
    with connection.transaction():
        cursor = connection.execute(
            "UPDATE scorer_team.certificates SET retired_at = now() "
            "WHERE retired_at IS NULL AND NOT (fingerprint = ANY(%s))", (list(keep),))
        return cursor.rowcount


def publish_rubrics(connection: psycopg.Connection, rubrics: Iterable[TeamRubric]) -> int:
    """Add rubric versions keyed by their content hash; how many were new."""
    added = 0
    with connection.transaction():
        for rubric in rubrics:
            cursor = connection.execute(
                "INSERT INTO scorer_team.rubrics (sha256, rubric_id, version, file_name, text) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (sha256) DO NOTHING",
                (rubric.sha256, rubric.rubric_id, rubric.version, rubric.file_name,
                 rubric.text))
            added += cursor.rowcount
    return added

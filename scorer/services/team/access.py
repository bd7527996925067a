"""Which team store this profile uses, and how it logs in.

The address lives in the local store (`team_link`), never with a password. The
password, if the login needs one, is kept in the OS keyring under the address;
without one, libpq's own password file (~/.pgpass) or service file
(~/.pg_service.conf) apply as usual. For real deployments the URL carries
`sslmode=verify-full` (see docs/team-store.md).
"""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING

from scorer.domain.team import Member, TeamError
from scorer.services import keyring_store
from scorer.storage import team_outbox
from scorer.team.client import TeamClient
from scorer.team.connection import has_password, safe_url

if TYPE_CHECKING:
    from scorer.storage import Store


def check_url(url: str) -> str:
    url = url.strip()
    if not url:
        raise TeamError("The team store address is empty; give a URL such as "
                        "postgresql://you@db.example.com/hiring?sslmode=verify-full.")
    if has_password(url):
        raise TeamError("The team store address holds a password; leave it out: Scorer asks "
                        "for it and keeps it in the keyring (or libpq reads ~/.pgpass).")
    return url


def client_for(url: str, password: str | None = None) -> TeamClient:
    if password is None:
        password = _saved_password(url)
    return TeamClient(url, password)


def _saved_password(url: str) -> str | None:
    try:
        return keyring_store.load_team_password(safe_url(url))
    except keyring_store.KeyringUnavailable:
        return None  # libpq's password or service file may still log in


def linked_url(store: Store) -> str | None:
    with store.read() as reader:
        link = team_outbox.linked(reader.connection)
    return link.url if link else None


def open_client(store: Store) -> TeamClient:
    """A client for the store this profile is connected to; `TeamError` if none."""
    url = linked_url(store)
    if url is None:
        raise TeamError("This profile is not connected to a team store; run "
                        "`scorer team connect URL` first.")
    return client_for(url)


def connect_profile(store: Store, url: str, password: str | None) -> tuple[Member, int]:
    """Log in once to check, keep the password in the keyring, link this profile.

    Returns the member the login is, and how many interviews were queued to publish.
    """
    url = check_url(url)
    with client_for(url, password) as client:
        member = client.whoami()
    if member is None:
        raise TeamError(f"The login at {safe_url(url)} is not a member of the team; a lead "
                        "adds it with `scorer team add-member`.")
    if password is not None:
        keyring_store.store_team_password(safe_url(url), password)
    with store.write() as tx:
        existing = team_outbox.linked(tx.connection)
        origin = existing.origin if existing else uuid.uuid4().hex[:12]
        queued = team_outbox.link(tx.connection, url, origin, time.time())
    return member, queued

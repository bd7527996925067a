"""What the local store knows of this user's certificates: which interviews each one signs.

Used when an identity is replaced (the interviews pinned to the retired certificate,
and the interviewer records handed over to the new one) and when certificates are
exported for the trust folder (only retired certificates that signed a card, or are
pinned on an interview, are worth trusting). The identity commands never create a
database: with none, no interview is pinned to anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.paths import data_home, database_path
from scorer.services import identity
from scorer.services.store import open_local_store
from scorer.storage import signing

if TYPE_CHECKING:
    from scorer.storage import Store
    from scorer.storage.signing import PinnedInterview


@dataclass(frozen=True, slots=True)
class ReplaceReport:
    """What `identity create --replace` did and what it means for the retired identity."""

    replacement: identity.Replacement
    pinned: tuple[PinnedInterview, ...]  # interviews the retired certificate still signs
    handed_over: int  # interviewer records that now name the new certificate
    retired_key: bool  # whether the retired identity's key is still in the keyring


@contextmanager
def existing_store(home: Path | None = None) -> Iterator[Store | None]:
    """The local store if its database exists, else None (nothing is created)."""
    if not database_path(home or data_home()).exists():
        yield None
        return
    with open_local_store(home) as store:
        yield store


def in_use(store: Store | None, fingerprints: set[str]) -> set[str]:
    if store is None or not fingerprints:
        return set()
    with store.read() as reader:
        return signing.certificates_in_use(reader.connection, fingerprints)


def pinned_interviews(store: Store | None, fingerprint: str) -> list[PinnedInterview]:
    if store is None:
        return []
    with store.read() as reader:
        return signing.pinned_interviews(reader.connection, fingerprint)


def replace_identity(name: str, email: str, store: Store | None,
                     home: Path | None = None) -> ReplaceReport:
    """Retire this user's identity for a new one, and hand their interviewer record over.

    Interviews pinned to the retired certificate keep it; new interviews of this user
    (by the new identity's email) are signed by the new one.
    """
    replacement = identity.replace(name, email, home)
    old = replacement.retired
    if old is None:
        return ReplaceReport(replacement, (), 0, False)
    handed = 0
    if store is not None:
        with store.write() as tx:
            handed = signing.hand_over_interviewers(
                tx.connection, old.fingerprint, replacement.new.fingerprint,
                [replacement.new.email])
    pinned = tuple(pinned_interviews(store, old.fingerprint))
    return ReplaceReport(replacement, pinned, handed, identity.has_key(old.fingerprint))


def export_certificates(target: Path, store: Store | None,
                        home: Path | None = None) -> list[identity.Identity]:
    """This user's certificates that the lead should trust, written to `target`."""
    return identity.export_certificates(target, home, lambda fps: in_use(store, fps))

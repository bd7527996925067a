"""Signing identities: create one, replace it, show them, export certificates, find a key.

The certificate (public) lives in the data home, `<data_home>/identity/<fingerprint>.pem`,
and `<data_home>/identity/default` names the identity this computer's user signs with.
The private key lives only in the keyring (see `keyring_store`).

An identity is never replaced silently. `create` refuses while this user has one;
`replace` makes a new one and retires the old: its certificate stays in the folder,
its key stays in the keyring (interviews pinned to it are still signed with it), and
`<data_home>/identity/retired` records it, one line each:
`<fingerprint> <retired at, ISO 8601> <replaced by>`. The active identity and the
retired ones are this user's certificates (`mine`).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scorer.domain.errors import ScorerError
from scorer.domain.identity_match import Certified, person_label, short_fingerprint
from scorer.domain.people import clean_name, normalise_email
from scorer.io.signatures.certificates import CertificateInfo, create_identity, read_certificate
from scorer.paths import data_home
from scorer.private_home import file_mode, in_home, make_folder, private_file
from scorer.services import keyring_store
from scorer.services.atomic_file import write_atomic

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")
DEFAULT_FILE = "default"
RETIRED_FILE = "retired"


class IdentityError(ScorerError):
    """No identity, or one that cannot be used."""


@dataclass(frozen=True, slots=True)
class Identity:
    certificate: CertificateInfo
    has_key: bool | None = None  # None when the keyring was not asked
    retired_at: datetime | None = None  # when `replace` retired it; None while active

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint

    @property
    def name(self) -> str:
        return self.certificate.name

    @property
    def email(self) -> str:
        return self.certificate.email

    @property
    def certified(self) -> Certified:
        """Who the certificate says its holder is, for `identity_match`."""
        return Certified(self.certificate.name, self.certificate.emails, self.fingerprint)


def identity_dir(home: Path | None = None) -> Path:
    return (home or data_home()) / "identity"


@dataclass(frozen=True, slots=True)
class Replacement:
    new: Identity
    retired: Identity | None  # None when there was no identity to replace


def create(name: str, email: str, *, make_default: bool = True, home: Path | None = None
           ) -> Identity:
    """Make a key pair and certificate; the key goes to the keyring, the certificate to disk.

    As this user's identity (`make_default`), refused while they have one: see `replace`.
    """
    if make_default:
        existing = current(home)
        if existing is not None:
            raise IdentityError(
                f"You already have a signing identity, {_label(existing)} (certificate "
                f"{short_fingerprint(existing.fingerprint)}), and it was left as it is; to "
                "retire it and make a new one, run `scorer identity create --replace --name "
                "NAME --email EMAIL`."
            )
    return _make(name, email, home, make_default=make_default)


def replace(name: str, email: str, home: Path | None = None,
            now: datetime | None = None) -> Replacement:
    """A new identity for this user; the one they had is retired, never deleted."""
    old = current(home)
    when = now or datetime.now(UTC)
    new = _make(name, email, home, make_default=True, retiring=old, when=when)
    return Replacement(new, dataclasses.replace(old, retired_at=when) if old else None)


def _make(name: str, email: str, home: Path | None, *, make_default: bool,
          retiring: Identity | None = None, when: datetime | None = None) -> Identity:
    name = clean_name(name)
    email = normalise_email(email)
    keyring_store.checked_backend()  # refuse before generating anything
    made = create_identity(name, email)
    fingerprint = made.certificate.fingerprint
    keyring_store.store_key(fingerprint, made.key_pem)
    folder = identity_dir(home)
    try:
        _write_atomic(folder / f"{fingerprint}.pem", made.certificate.pem)
        if retiring is not None and when is not None:
            # Recorded before the switch: a crash in between leaves the old one active.
            _append(folder / RETIRED_FILE,
                    f"{retiring.fingerprint} {when.isoformat()} {fingerprint}\n")
        if make_default:
            _write_atomic(folder / DEFAULT_FILE, fingerprint.encode("ascii") + b"\n")
    except OSError as exc:
        keyring_store.delete_key(fingerprint)
        (folder / f"{fingerprint}.pem").unlink(missing_ok=True)
        raise IdentityError(
            f"Cannot save the certificate in {folder}: {exc.strerror}."
        ) from None
    return Identity(made.certificate, has_key=True)


def current(home: Path | None = None) -> Identity | None:
    """This user's active identity, if they have one (its certificate is on disk)."""
    fingerprint = default_fingerprint(home)
    return find(fingerprint, home) if fingerprint else None


def retired(home: Path | None = None) -> list[Identity]:
    """This user's retired identities, the most recently retired first."""
    active = default_fingerprint(home)
    out: dict[str, Identity] = {}
    try:
        text = (identity_dir(home) / RETIRED_FILE).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or parts[0] == active or parts[0] in out:
            continue
        try:
            when = datetime.fromisoformat(parts[1])
        except ValueError:
            continue
        found = find(parts[0], home)
        if found is not None:
            out[parts[0]] = dataclasses.replace(found, retired_at=when)
    earliest = datetime.min.replace(tzinfo=UTC)
    return sorted(out.values(), key=lambda i: i.retired_at or earliest, reverse=True)


def mine(home: Path | None = None) -> list[Identity]:
    """Every identity of this user: the active one first, then the retired ones."""
    active = current(home)
    return ([active] if active is not None else []) + retired(home)


def default_fingerprint(home: Path | None = None) -> str | None:
    try:
        text = (identity_dir(home) / DEFAULT_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def needs_first_run(home: Path | None = None) -> bool:
    """True until this computer's user has a signing identity: the app asks for one then."""
    fingerprint = default_fingerprint(home)
    return fingerprint is None or find(fingerprint, home) is None


def find(fingerprint: str, home: Path | None = None) -> Identity | None:
    """The certificate `<fingerprint>.pem` of the identity folder, if it is that one."""
    if not _FINGERPRINT.fullmatch(fingerprint):
        return None
    path = identity_dir(home) / f"{fingerprint}.pem"
    try:
        pem = path.read_bytes()
    except OSError:
        return None
    info = read_certificate(pem, str(path))
    return Identity(info) if info.fingerprint == fingerprint else None


def show(home: Path | None = None, *, check_key: bool = True) -> Identity:
    fingerprint = default_fingerprint(home)
    identity = find(fingerprint, home) if fingerprint else None
    if identity is None:
        raise IdentityError(
            "There is no signing identity yet; create one with "
            "`scorer identity create --name NAME --email EMAIL`."
        )
    if check_key:
        has_key = keyring_store.load_key(identity.fingerprint) is not None
        return Identity(identity.certificate, has_key=has_key)
    return identity


def export_certificates(target: Path, home: Path | None = None,
                        in_use: Callable[[set[str]], set[str]] | None = None) -> list[Identity]:
    """Write this user's certificates to `target` as one PEM file; the ones written.

    The active certificate comes first, then each retired one that signed a card or
    is pinned on an interview (`in_use` says which of the retired fingerprints are;
    without it, every retired one), so that the lead's trust folder keeps every card
    this user signed verifiable.
    """
    active = show(home, check_key=False)
    old = retired(home)
    if old and in_use is not None:
        used = in_use({i.fingerprint for i in old})
        old = [i for i in old if i.fingerprint in used]
    chosen = [active, *old]
    try:
        _write_atomic(target, b"".join(i.certificate.pem for i in chosen))
    except OSError as exc:
        raise IdentityError(f"Cannot write {target}: {exc.strerror}.") from None
    return chosen


def signing_key(fingerprint: str, who: str, home: Path | None = None) -> tuple[bytes, bytes]:
    """(key PEM, certificate PEM) of identity `fingerprint`; `who` names its owner in errors."""
    identity = find(fingerprint, home)
    key = keyring_store.load_key(fingerprint) if identity is not None else None
    if identity is None or key is None:
        raise IdentityError(
            f"Only {who}'s signing identity (certificate {fingerprint[:16]}…) can sign this "
            "scorecard, and its key is not on this computer."
        )
    return key, identity.certificate.pem


def install_certificate(pem: bytes, home: Path | None = None) -> Identity:
    """Keep a certificate in the identity folder (restored identities)."""
    info = read_certificate(pem)
    _write_atomic(identity_dir(home) / f"{info.fingerprint}.pem", info.pem)
    return Identity(info)


def write_file(path: Path, data: bytes) -> None:
    """Write a public file (a certificate for a trust folder) atomically."""
    try:
        _write_atomic(path, data)
    except OSError as exc:
        raise IdentityError(f"Cannot write {path}: {exc.strerror}.") from None


def discard(fingerprint: str, home: Path | None = None) -> None:
    """Remove an identity's key and certificate (undoing a half-made set of identities)."""
    keyring_store.delete_key(fingerprint)
    (identity_dir(home) / f"{fingerprint}.pem").unlink(missing_ok=True)


def has_key(fingerprint: str) -> bool:
    """Whether the keyring holds the key of identity `fingerprint`."""
    return keyring_store.load_key(fingerprint) is not None


def _label(identity: Identity) -> str:
    return person_label(identity.name, identity.email)


def _append(path: Path, text: str) -> None:
    make_folder(path.parent)
    if in_home(path):
        private_file(path)
    with path.open("a", encoding="ascii") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _write_atomic(path: Path, data: bytes) -> None:
    make_folder(path.parent)
    write_atomic(path, data, file_mode(path))  # a certificate written outside the home is shared

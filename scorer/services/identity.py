"""Signing identities: create one, show it, export its certificate, find a key to sign with.

The certificate (public) lives in the data home, `<data_home>/identity/<fingerprint>.pem`,
and `<data_home>/identity/default` names the identity this computer's user signs with.
The private key lives only in the keyring (see `keyring_store`).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scorer.domain.errors import ScorerError
from scorer.domain.people import clean_name, normalise_email
from scorer.io.certificates import CertificateInfo, create_identity, read_certificate
from scorer.paths import data_home
from scorer.services import keyring_store

DEFAULT_FILE = "default"


class IdentityError(ScorerError):
    """No identity, or one that cannot be used."""


@dataclass(frozen=True, slots=True)
class Identity:
    certificate: CertificateInfo
    has_key: bool | None = None  # None when the keyring was not asked

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint

    @property
    def name(self) -> str:
        return self.certificate.name

    @property
    def email(self) -> str:
        return self.certificate.email


def identity_dir(home: Path | None = None) -> Path:
    return (home or data_home()) / "identity"


def create(name: str, email: str, *, make_default: bool = True, home: Path | None = None
           ) -> Identity:
    """Make a key pair and certificate; the key goes to the keyring, the certificate to disk."""
    name = clean_name(name)
    email = normalise_email(email)
    keyring_store.checked_backend()  # refuse before generating anything
    made = create_identity(name, email)
    fingerprint = made.certificate.fingerprint
    keyring_store.store_key(fingerprint, made.key_pem)
    try:
        folder = identity_dir(home)
        _write_atomic(folder / f"{fingerprint}.pem", made.certificate.pem)
        if make_default:
            _write_atomic(folder / DEFAULT_FILE, fingerprint.encode("ascii") + b"\n")
    except OSError as exc:
        keyring_store.delete_key(fingerprint)
        raise IdentityError(
            f"Cannot save the certificate in {identity_dir(home)}: {exc.strerror}."
        ) from None
    return Identity(made.certificate, has_key=True)


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
    path = identity_dir(home) / f"{fingerprint}.pem"
    try:
        pem = path.read_bytes()
    except OSError:
        return None
    return Identity(read_certificate(pem, str(path)))


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


def export_certificate(target: Path, home: Path | None = None) -> Path:
    identity = show(home, check_key=False)
    try:
        _write_atomic(target, identity.certificate.pem)
    except OSError as exc:
        raise IdentityError(f"Cannot write {target}: {exc.strerror}.") from None
    return target


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


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

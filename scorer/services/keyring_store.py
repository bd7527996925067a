"""The signing keys' only home: the operating system's keyring, through `keyring`.

Keys are stored under service `scorer` with the certificate's SHA-256
fingerprint as the user name, as PKCS#8 PEM text.

Policy. A backend the user chose explicitly through keyring's own settings
(`PYTHON_KEYRING_BACKEND`, or `keyringrc.cfg` in keyring's config folder) is
respected, whatever it is. Otherwise Scorer refuses when keyring found no usable
backend, and when it fell back by itself to a backend that writes secrets to a
file (the `keyrings.alt` family): a signing key must never land on disk in plain
text by accident.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from scorer.domain.errors import ScorerError

SERVICE = "scorer"
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"

NO_KEYRING = (
    "No keyring is available to store the signing key. Install and unlock a keyring "
    "(GNOME Keyring / KWallet / macOS Keychain / Windows Credential Manager), or choose "
    "one explicitly with PYTHON_KEYRING_BACKEND."
)


class KeyringUnavailable(ScorerError):
    """The keyring cannot be used (absent, locked, or an implicit plaintext file)."""


class KeyMissing(ScorerError):
    """The keyring has no key for an identity."""


def _keyring() -> Any:
    import keyring  # imported here: 120 ms, only the signing paths need it

    return keyring


def explicitly_configured() -> bool:
    """Whether the user chose a backend through keyring's own settings."""
    if os.environ.get(BACKEND_ENV, "").strip():
        return True
    from keyring.util import platform_

    rc = platform_.config_root() / "keyringrc.cfg"
    try:
        text = rc.read_text(encoding="utf-8")
    except OSError:
        return False
    return "default-keyring" in text


def _is_file_backend(backend: Any) -> bool:
    module = type(backend).__module__
    return module == "keyrings.alt" or module.startswith("keyrings.alt.")


def _is_fail_backend(backend: Any) -> bool:
    from keyring.backends import fail

    return isinstance(backend, fail.Keyring)


def checked_backend() -> Any:
    """The backend to use, or `KeyringUnavailable` with an explanation and a remedy."""
    keyring = _keyring()
    backend = keyring.get_keyring()
    if explicitly_configured():
        return backend
    from keyring.backends.chainer import ChainerBackend

    chained = list(backend.backends) if isinstance(backend, ChainerBackend) else [backend]
    usable = [b for b in chained if not _is_fail_backend(b)]
    if not usable:
        raise KeyringUnavailable(NO_KEYRING)
    plaintext = [b for b in usable if _is_file_backend(b)]
    if plaintext:
        found = f"{type(plaintext[0]).__module__}.{type(plaintext[0]).__name__}"
        raise KeyringUnavailable(
            f"keyring fell back by itself to {found}, which keeps secrets in a file on disk, "
            "so Scorer will not store a signing key there. Install and unlock a system keyring "
            "(GNOME Keyring / KWallet / macOS Keychain / Windows Credential Manager), or, if a "
            "file keyring is really what you want, choose it explicitly with "
            "PYTHON_KEYRING_BACKEND or keyringrc.cfg."
        )
    return backend


def store_key(fingerprint: str, key_pem: bytes) -> None:
    backend = checked_backend()
    errors = _keyring().errors
    try:
        backend.set_password(SERVICE, fingerprint, key_pem.decode("ascii"))
    except errors.NoKeyringError:
        raise KeyringUnavailable(NO_KEYRING) from None
    except errors.KeyringLocked:
        raise KeyringUnavailable("The keyring is locked; unlock it and try again.") from None
    except errors.KeyringError as exc:
        raise KeyringUnavailable(
            f"The keyring refused to store the signing key ({exc.__class__.__name__})."
        ) from None


def load_key(fingerprint: str) -> bytes | None:
    backend = checked_backend()
    errors = _keyring().errors
    try:
        value = backend.get_password(SERVICE, fingerprint)
    except errors.NoKeyringError:
        raise KeyringUnavailable(NO_KEYRING) from None
    except errors.KeyringLocked:
        raise KeyringUnavailable("The keyring is locked; unlock it and try again.") from None
    except errors.KeyringError as exc:
        raise KeyringUnavailable(
            f"The keyring could not be read ({exc.__class__.__name__})."
        ) from None
    return value.encode("ascii") if value else None


def delete_key(fingerprint: str) -> None:
    """Remove a key (used to undo a half-made identity); a missing key is fine."""
    errors = _keyring().errors
    with contextlib.suppress(errors.PasswordDeleteError, errors.KeyringError, KeyringUnavailable):
        checked_backend().delete_password(SERVICE, fingerprint)

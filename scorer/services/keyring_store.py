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


SYSTEM_KEYRINGS = "GNOME Keyring / KWallet / macOS Keychain / Windows Credential Manager"


class KeyringUnavailable(ScorerError):
    """The keyring cannot be used (absent, locked, or an implicit plaintext file).

    Besides the message, `cause` says why as a clause ("no keyring is available")
    and `remedy` what to do as an imperative clause, for callers that fold the
    problem into a sentence of their own (`scorer demo`).
    """

    def __init__(self, message: str, cause: str, remedy: str) -> None:
        super().__init__(message)
        self.cause = cause
        self.remedy = remedy


_INSTALL = (f"install and unlock a system keyring ({SYSTEM_KEYRINGS}), or choose one "
            "explicitly with PYTHON_KEYRING_BACKEND")


def _none_available() -> KeyringUnavailable:
    return KeyringUnavailable(NO_KEYRING, "no keyring is available to keep the signing keys",
                              _INSTALL)


def _locked() -> KeyringUnavailable:
    return KeyringUnavailable("The keyring is locked; unlock it and try again.",
                              "the keyring is locked", "unlock it")


def _refused(what: str, exc: BaseException) -> KeyringUnavailable:
    name = exc.__class__.__name__
    return KeyringUnavailable(f"The keyring {what} ({name}).",
                              f"the keyring failed ({name})", _INSTALL)


class KeyMissing(ScorerError):
    """The keyring has no key for an identity."""


def _keyring() -> Any:
    import keyring  # imported here: only the signing paths need it

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


def _visible_backends() -> list[str]:
    """The backends keyring can load here, by the name PYTHON_KEYRING_BACKEND takes."""
    from keyring.backend import get_all_keyring

    try:
        found = get_all_keyring()
    except Exception:  # a broken third-party backend must not hide the message  # noqa: BLE001
        return []
    names = {f"{type(b).__module__}.{type(b).__name__}" for b in found}
    useless = ("keyring.backends.chainer.", "keyring.backends.fail.")
    return sorted(n for n in names if not n.startswith(useless))


def _unknown_backend(exc: BaseException) -> KeyringUnavailable:
    name = os.environ.get(BACKEND_ENV, "").strip()
    seen = _visible_backends()
    choices = (f"or name one of the backends keyring can see: {', '.join(seen)}" if seen
               else "which leaves keyring to choose (it sees no other backend here)")
    why = str(exc) or exc.__class__.__name__
    return KeyringUnavailable(
        f"{BACKEND_ENV} names the keyring backend {name!r}, which cannot be loaded ({why}); "
        f"unset {BACKEND_ENV}, {choices}.",
        f"{BACKEND_ENV} names the keyring backend {name!r}, which cannot be loaded",
        f"unset {BACKEND_ENV}, {choices}",
    )


def checked_backend() -> Any:
    """The backend to use, or `KeyringUnavailable` with an explanation and a remedy."""
    keyring = _keyring()
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # keyring imports the class PYTHON_KEYRING_BACKEND names  # noqa: BLE001
        if os.environ.get(BACKEND_ENV, "").strip():
            raise _unknown_backend(exc) from None
        raise _refused("could not be loaded", exc) from None
    if explicitly_configured():
        return backend
    from keyring.backends.chainer import ChainerBackend

    chained = list(backend.backends) if isinstance(backend, ChainerBackend) else [backend]
    usable = [b for b in chained if not _is_fail_backend(b)]
    if not usable:
        raise _none_available()
    plaintext = [b for b in usable if _is_file_backend(b)]
    if plaintext:
        found = f"{type(plaintext[0]).__module__}.{type(plaintext[0]).__name__}"
        raise KeyringUnavailable(
            f"keyring fell back by itself to {found}, which keeps secrets in a file on disk, "
            "so Scorer will not store a signing key there. Install and unlock a system keyring "
            "(GNOME Keyring / KWallet / macOS Keychain / Windows Credential Manager), or, if a "
            "file keyring is really what you want, choose it explicitly with "
            "PYTHON_KEYRING_BACKEND or keyringrc.cfg.",
            f"keyring fell back by itself to {found}, which would keep the signing keys in a "
            "plain file on disk",
            f"install and unlock a system keyring ({SYSTEM_KEYRINGS}), or, if a file keyring "
            "is really what you want, choose it explicitly with PYTHON_KEYRING_BACKEND",
        )
    return backend


def _set(service: str, account: str, secret: str, refusal: str) -> None:
    backend = checked_backend()
    errors = _keyring().errors
    try:
        backend.set_password(service, account, secret)
    except errors.NoKeyringError:
        raise _none_available() from None
    except errors.KeyringLocked:
        raise _locked() from None
    except errors.KeyringError as exc:
        raise _refused(refusal, exc) from None


def _get(service: str, account: str) -> str | None:
    backend = checked_backend()
    errors = _keyring().errors
    try:
        value = backend.get_password(service, account)
    except errors.NoKeyringError:
        raise _none_available() from None
    except errors.KeyringLocked:
        raise _locked() from None
    except errors.KeyringError as exc:
        raise _refused("could not be read", exc) from None
    return str(value) if value else None


def store_key(fingerprint: str, key_pem: bytes) -> None:
    _set(SERVICE, fingerprint, key_pem.decode("ascii"), "refused to store the signing key")


def load_key(fingerprint: str) -> bytes | None:
    value = _get(SERVICE, fingerprint)
    return value.encode("ascii") if value else None


def delete_key(fingerprint: str) -> None:
    """Remove a key (used to undo a half-made identity); a missing key is fine."""
    errors = _keyring().errors
    with contextlib.suppress(errors.PasswordDeleteError, errors.KeyringError, KeyringUnavailable):
        checked_backend().delete_password(SERVICE, fingerprint)


TEAM_SERVICE = "scorer-team"


def store_team_password(address: str, password: str) -> None:
    """The team store login's password, under service `scorer-team` and the address."""
    _set(TEAM_SERVICE, address, password, "refused to store the team store password")


def load_team_password(address: str) -> str | None:
    return _get(TEAM_SERVICE, address)


def delete_team_password(address: str) -> None:
    errors = _keyring().errors
    with contextlib.suppress(errors.PasswordDeleteError, errors.KeyringError, KeyringUnavailable):
        checked_backend().delete_password(TEAM_SERVICE, address)

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from scorer.io.signatures.certificates import key_matches, read_certificate
from scorer.services import identity, keyring_store
from scorer.services.keyring_store import SERVICE, KeyringUnavailable
from tests.support import fixtures
from tests.support.keyrings import ImplicitPlaintextKeyring, MemoryKeyring

memory_keyring = fixtures.memory_keyring


def _no_keyringrc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def test_create_keeps_the_key_only_in_the_keyring(
    memory_keyring: MemoryKeyring, scorer_home: Path
) -> None:
    made = identity.create("Łukasz Øster-Müller", "Lukasz@Example.org")
    assert made.email == "lukasz@example.org"
    key = memory_keyring.secrets[(SERVICE, made.fingerprint)]
    assert "PRIVATE KEY" in key
    assert key_matches(key.encode(), made.certificate.pem)
    for file in scorer_home.rglob("*"):
        if file.is_file():
            assert b"PRIVATE KEY" not in file.read_bytes(), file
    cert = read_certificate((scorer_home / "identity" / f"{made.fingerprint}.pem").read_bytes())
    assert cert.name == "Łukasz Øster-Müller"
    assert cert.not_after > cert.not_before


def test_show_and_export_cert(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    assert identity.needs_first_run()
    made = identity.create("Sameera Perera", "sameera@example.com")
    assert not identity.needs_first_run()
    shown = identity.show()
    assert shown.fingerprint == made.fingerprint and shown.has_key
    target = tmp_path / "sameera.pem"
    [written] = identity.export_certificates(target)
    assert written.fingerprint == made.fingerprint
    assert read_certificate(target.read_bytes()).fingerprint == made.fingerprint
    assert b"PRIVATE" not in target.read_bytes()


def test_show_without_identity_says_how_to_make_one(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(identity.IdentityError, match="scorer identity create"):
        identity.show()


def test_signing_key_of_someone_else_names_them(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(identity.IdentityError, match="Gil Levi"):
        identity.signing_key("ef" * 32, "Gil Levi <gil@example.com>")


def test_no_keyring_gives_the_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scorer_home: Path
) -> None:
    _no_keyringrc(monkeypatch, tmp_path)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(KeyringUnavailable, match="No keyring is available"):
            identity.create("Sameera Perera", "sameera@example.com")
    finally:
        keyring.set_keyring(previous)
    assert not (scorer_home / "identity").exists()


def test_an_implicit_plaintext_keyring_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scorer_home: Path
) -> None:
    _no_keyringrc(monkeypatch, tmp_path)
    backend = ImplicitPlaintextKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(KeyringUnavailable, match=r"fell back by itself to keyrings\.alt"):
            identity.create("Sameera Perera", "sameera@example.com")
    finally:
        keyring.set_keyring(previous)
    assert backend.secrets == {}


def test_an_explicitly_chosen_file_backend_is_respected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _no_keyringrc(monkeypatch, tmp_path)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    backend = ImplicitPlaintextKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        made = identity.create("Sameera Perera", "sameera@example.com")
    finally:
        keyring.set_keyring(previous)
    assert (SERVICE, made.fingerprint) in backend.secrets


def test_a_keyringrc_choice_counts_as_explicit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _no_keyringrc(monkeypatch, tmp_path)
    from keyring.util import platform_

    rc = platform_.config_root() / "keyringrc.cfg"
    assert str(rc).startswith(str(tmp_path))
    assert not keyring_store.explicitly_configured()
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring=keyrings.alt.file.PlaintextKeyring\n")
    assert keyring_store.explicitly_configured()


def test_a_long_unicode_name_still_makes_a_certificate(memory_keyring: MemoryKeyring) -> None:
    made = identity.create("Ł" * 200, "long.name@example.com")
    assert made.name == "Ł" * 32  # X.509 allows 64 bytes; the scorecard keeps the full name

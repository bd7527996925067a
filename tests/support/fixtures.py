"""Fixtures for the signing tests; import them into a test module to use them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from scorer.services import identity
from tests.support.keyrings import MemoryKeyring


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """An in-memory keyring chosen explicitly for the test; the previous one comes back after."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def sameera(memory_keyring: MemoryKeyring, scorer_home: Path) -> identity.Identity:
    return identity.create("Sameera Perera", "sameera@example.com")


@pytest.fixture
def trust_dir(tmp_path: Path, sameera: identity.Identity) -> Path:
    folder = tmp_path / "interviewers"
    folder.mkdir()
    (folder / "sameera.pem").write_bytes(sameera.certificate.pem)
    return folder

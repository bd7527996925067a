"""`scorer demo` gives the sample interviewers signing identities: all of them, or none."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked

from scorer.io.signatures.certificates import key_matches, read_certificate
from scorer.paths import settings_path
from scorer.services import identity
from scorer.services.demo import TRUST_FOLDER, fill_demo, give_identities, sample_people
from scorer.services.keyring_store import SERVICE
from scorer.services.settings import Settings, load_settings, save_settings
from scorer.storage import Store, signing
from tests.services.factories import make_rubric
from tests.support import fixtures
from tests.support.keyrings import ImplicitPlaintextKeyring, MemoryKeyring

memory_keyring = fixtures.memory_keyring

NOW = datetime(2025, 6, 2, 15, 0, tzinfo=UTC)
RUBRICS = [make_rubric("coding", "Coding"), make_rubric("math", "Math"),
           make_rubric("model-parallel", "Model parallel"), make_rubric("optimisation", "Opt")]


def _recorded(store: Store, emails: list[str]) -> dict[str, str | None]:
    with store.read() as reader:
        found = signing.interviewer_certificates(reader.connection, emails)
    return {email: fingerprint for email, (_, fingerprint) in found.items()}


def test_each_sample_interviewer_gets_an_identity_recorded_and_trusted(
    store: Store, memory_keyring: MemoryKeyring, scorer_home: Path
) -> None:
    result = fill_demo(store, RUBRICS, 3, clock=lambda: NOW)
    made = give_identities(store, result.people)
    assert made.problem is None and made.reused == ()
    assert sorted(made.created) == sorted(result.interviewers) and len(made.created) == 4
    emails = [email for _, email in result.people]
    recorded = _recorded(store, emails)
    assert len(set(recorded.values())) == 4 and None not in recorded.values()
    # The keys are in the keyring and belong to the certificates in the trust folder.
    folder = scorer_home / TRUST_FOLDER
    assert made.folder == folder and made.trusted
    trusted = {read_certificate(p.read_bytes()).fingerprint: p for p in folder.glob("*.pem")}
    assert set(trusted) == set(recorded.values())
    for fingerprint in trusted:
        key = memory_keyring.secrets[(SERVICE, fingerprint)].encode()
        assert key_matches(key, trusted[fingerprint].read_bytes())
        assert b"PRIVATE" not in trusted[fingerprint].read_bytes()
    assert load_settings().trust_dir() == folder
    # None of them became this computer's own identity.
    assert identity.default_fingerprint() is None and identity.needs_first_run()


def test_a_second_run_reuses_the_identities(
    store: Store, memory_keyring: MemoryKeyring
) -> None:
    result = fill_demo(store, RUBRICS, 2, clock=lambda: NOW)
    give_identities(store, result.people)
    keys = dict(memory_keyring.secrets)
    again = fill_demo(store, RUBRICS, 2, clock=lambda: NOW, force=True, seed=3)
    second = give_identities(store, again.people)
    assert second.created == () and len(second.reused) == 4
    assert memory_keyring.secrets == keys


def test_an_identity_whose_key_is_gone_is_replaced(
    store: Store, memory_keyring: MemoryKeyring
) -> None:
    result = fill_demo(store, RUBRICS, 2, clock=lambda: NOW)
    give_identities(store, result.people)
    name, email = result.people[0]
    old = _recorded(store, [email])[email]
    del memory_keyring.secrets[(SERVICE, old or "")]
    second = give_identities(store, result.people)
    assert second.created == (name,) and len(second.reused) == 3
    assert _recorded(store, [email])[email] not in {None, old}


def test_a_trust_folder_the_user_chose_is_left_alone(
    store: Store, memory_keyring: MemoryKeyring, tmp_path: Path, scorer_home: Path
) -> None:
    save_settings(Settings(trust_folder=str(tmp_path / "team")), settings_path(scorer_home))
    result = fill_demo(store, RUBRICS, 2, clock=lambda: NOW)
    made = give_identities(store, result.people)
    assert not made.trusted and made.configured == tmp_path / "team"
    assert load_settings().trust_dir() == tmp_path / "team"
    assert len(list((scorer_home / TRUST_FOLDER).glob("*.pem"))) == 4


@pytest.fixture
def no_keyringrc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.mark.parametrize("backend", [fail.Keyring(), ImplicitPlaintextKeyring()],
                         ids=["no-keyring", "implicit-plaintext"])
def test_without_a_usable_keyring_the_data_is_made_and_no_identity_at_all(
    store: Store, scorer_home: Path, no_keyringrc: None, backend: KeyringBackend
) -> None:
    keyring.set_keyring(backend)
    result = fill_demo(store, RUBRICS, 2, clock=lambda: NOW)
    made = give_identities(store, result.people)
    assert made.problem is not None and made.created == ()
    assert made.problem.startswith("The sample interviewers got no signing identities")
    assert made.problem.count(". ") == 0 and made.problem.endswith("`scorer demo --identities`.")
    assert not (scorer_home / "identity").exists()
    assert not (scorer_home / TRUST_FOLDER).exists()
    assert set(_recorded(store, [e for _, e in result.people]).values()) == {None}
    assert load_settings().trust_folder is None
    if isinstance(backend, MemoryKeyring):
        assert backend.secrets == {}


class _LocksAfter(MemoryKeyring):
    """Stores two keys, then reports itself locked."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(self.secrets) >= 2:
            raise KeyringLocked("locked")
        super().set_password(service, username, password)


def test_a_keyring_failing_half_way_leaves_no_half_made_identities(
    store: Store, scorer_home: Path, no_keyringrc: None
) -> None:
    backend = _LocksAfter()
    keyring.set_keyring(backend)
    result = fill_demo(store, RUBRICS, 2, clock=lambda: NOW)
    made = give_identities(store, result.people)
    assert made.problem is not None and "because the keyring is locked: unlock it" in made.problem
    assert backend.secrets == {}
    assert list((scorer_home / "identity").glob("*.pem")) == []
    assert set(_recorded(store, [e for _, e in result.people]).values()) == {None}


def test_sample_people_are_the_interviewers_the_demo_uses() -> None:
    people = sample_people(RUBRICS)
    assert [name for name, _ in people] == [
        "Yara Lindholm", "Samira Qureshi", "Gideon Mwangi", "Ajay Fenwick"]

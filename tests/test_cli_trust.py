"""The trust model as whole processes: identities that are replaced, forgeries that are caught.

The keyring is the test file keyring in each subprocess; the forged cards are made
with the real signing code and real keys.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest

from scorer.domain.scorecard import scorecard_from_detail
from scorer.services import identity
from scorer.services.store import open_local_store
from scorer.storage.bulk import bulk_import
from tests.support.forge import sign_card, write
from tests.support.keyrings import FILE_ENV, FileKeyring
from tests.support.panel_cards import CardSet, copy_cards, person, signed_cards
from tests.support.sample import submitted_detail
from tests.test_cli_export_verify import _env, _scorer

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@pytest.fixture
def env(tmp_path: Path, scorer_home: Path, monkeypatch: pytest.MonkeyPatch
        ) -> Iterator[dict[str, str]]:
    """Subprocesses and this process share the test file keyring."""
    env = _env(scorer_home, tmp_path)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.keyrings.FileKeyring")
    monkeypatch.setenv(FILE_ENV, env[FILE_ENV])
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield env
    keyring.set_keyring(previous)


def test_replacing_an_identity_keeps_every_card_it_signed_verifiable(
    tmp_path: Path, scorer_home: Path, env: dict[str, str]
) -> None:
    made = _scorer(env, "identity", "create", "--name", "Sameera Perera",
                   "--email", "sameera@example.com")
    assert made.returncode == 0, made.stderr
    old = identity.show(scorer_home, check_key=False)
    with open_local_store(scorer_home) as store:
        [first] = bulk_import(store, [submitted_detail()], NOW)
    exported = _scorer(env, "export", str(first), "-o", str(tmp_path / "old-1.pdf"))
    assert exported.returncode == 0, exported.stderr
    assert "signed by Sameera Perera <sameera@example.com>" in exported.stdout

    again = _scorer(env, "identity", "create", "--name", "Sameera Perera",
                    "--email", "sameera@example.com")
    assert again.returncode == 1
    assert again.stderr == (
        "scorer: You already have a signing identity, Sameera Perera <sameera@example.com> "
        f"(certificate {old.fingerprint[:16]}…), and it was left as it is; to retire it and "
        "make a new one, run `scorer identity create --replace --name NAME --email EMAIL`.\n")
    assert identity.show(scorer_home, check_key=False).fingerprint == old.fingerprint

    replaced = _scorer(env, "identity", "create", "--replace", "--name", "Sameera Perera",
                       "--email", "sameera@example.com")
    assert replaced.returncode == 0, replaced.stderr
    new = identity.show(scorer_home, check_key=False)
    assert new.fingerprint != old.fingerprint
    assert (f"Retired Sameera Perera <sameera@example.com> (certificate "
            f"{old.fingerprint[:16]}…): its certificate stays in") in replaced.stdout
    assert (f"Interviews pinned to the retired certificate: {first} (Łukasz Øster-Müller, "
            "Math: linear algebra, probability and ML/DL theory); they are still signed with "
            "its key.") in replaced.stdout
    assert (scorer_home / "identity" / f"{old.fingerprint}.pem").is_file()

    with open_local_store(scorer_home) as store:
        [second] = bulk_import(store, [dataclasses.replace(
            submitted_detail(), created_at=NOW - timedelta(days=1))], NOW)
    assert _scorer(env, "export", str(first), "-o", str(tmp_path / "old-2.pdf")).returncode == 0
    fresh = _scorer(env, "export", str(second), "-o", str(tmp_path / "new.pdf"))
    assert fresh.returncode == 0, fresh.stderr

    shown = _scorer(env, "identity", "show")
    assert shown.returncode == 0, shown.stderr
    assert f"fingerprint: {new.fingerprint}" in shown.stdout
    assert (f"  Sameera Perera <sameera@example.com> (certificate {old.fingerprint[:16]}…), "
            "retired ") in shown.stdout
    assert "key in the keyring; 1 interview pinned to it" in shown.stdout

    trust = tmp_path / "fresh-trust"
    trust.mkdir()
    written = _scorer(env, "identity", "export-cert", str(trust / "sameera.pem"))
    assert written.returncode == 0, written.stderr
    assert "2 certificates" in written.stdout
    pem = (trust / "sameera.pem").read_text()
    assert pem.count("BEGIN CERTIFICATE") == 2
    assert pem.index(new.certificate.pem.decode()) == 0  # the active one first

    verified = _scorer(env, "verify", "--trust", str(trust), str(tmp_path / "old-1.pdf"),
                       str(tmp_path / "old-2.pdf"), str(tmp_path / "new.pdf"))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.count(": OK · signer Sameera Perera <sameera@example.com>") == 3

    # Only the active certificate: the cards signed before are no longer trusted.
    only_new = tmp_path / "only-new"
    only_new.mkdir()
    (only_new / "sameera.pem").write_bytes(new.certificate.pem)
    partial = _scorer(env, "verify", "--trust", str(only_new), str(tmp_path / "old-1.pdf"),
                      str(tmp_path / "new.pdf"))
    assert partial.returncode == 1
    assert [line.split(" · ")[0].rsplit(": ", 1)[1] for line in partial.stdout.splitlines()] \
        == ["UNTRUSTED SIGNER", "OK"]


def test_a_retired_certificate_that_signed_nothing_is_not_exported(
    tmp_path: Path, scorer_home: Path, env: dict[str, str]
) -> None:
    assert _scorer(env, "identity", "create", "--name", "Gil Levi",
                   "--email", "gil@example.com").returncode == 0
    replaced = _scorer(env, "identity", "create", "--replace", "--name", "Gil Levi",
                       "--email", "gil@example.com")
    assert "No interview was pinned to the retired certificate." in replaced.stdout
    written = _scorer(env, "identity", "export-cert", str(tmp_path / "gil.pem"))
    assert "1 certificate (active Gil Levi" in written.stdout
    assert (tmp_path / "gil.pem").read_text().count("BEGIN CERTIFICATE") == 1


def test_export_refuses_an_interview_whose_interviewer_is_not_the_signing_identity(
    tmp_path: Path, scorer_home: Path, env: dict[str, str]
) -> None:
    """Mallory points Sameera's interview at her own certificate in her local store."""
    from scorer.storage import signing

    mallory = identity.create("Mallory Insider", "mallory@example.com", home=scorer_home)
    with open_local_store(scorer_home) as store:
        [interview] = bulk_import(store, [submitted_detail()], NOW)
        with store.write() as tx:
            signing.pin_certificate(tx.connection, interview, mallory.fingerprint, True)
    refused = _scorer(env, "export", str(interview), "-o", str(tmp_path / "forged.pdf"))
    assert refused.returncode == 1
    assert refused.stderr == (
        f"scorer: Interview {interview} was conducted by Sameera Perera "
        "<sameera@example.com>, but the signing identity that would sign it is Mallory "
        f"Insider <mallory@example.com> (certificate {mallory.fingerprint[:16]}…), so it is "
        "not signed: a scorecard is signed only by its own interviewer's identity.\n")
    assert not (tmp_path / "forged.pdf").exists()
    with open_local_store(scorer_home) as store, store.read() as reader:
        assert signing.export_records(reader.connection, interview) == []


@pytest.fixture
def merging(tmp_path: Path, scorer_home: Path, env: dict[str, str]) -> tuple[CardSet, Path]:
    cards = signed_cards()
    chair = identity.create("Panel Chair", "chair@example.com", home=scorer_home)
    trust = tmp_path / "trust"
    shutil.copytree(cards.trust, trust)
    (trust / "chair.pem").write_bytes(chair.certificate.pem)
    return cards, trust


def _forged_inputs(tmp_path: Path, cards: CardSet, signer_of: str) -> tuple[list[Path], Path]:
    """The first candidate's cards and a lowered copy of the first, signed by `signer_of`."""
    name = next(iter(cards.by_candidate))
    detail = next(d for d in cards.details if d.candidate.name == name)
    inputs = copy_cards(cards.by_candidate[name], tmp_path / "in")
    owner = cards.people[detail.interviewer.email]
    signer = (person(owner.name, owner.email) if signer_of == "impostor"
              else next(p for e, p in cards.people.items() if e != owner.email))
    scores = tuple(dataclasses.replace(s, score=1) for s in detail.scores)
    card = scorecard_from_detail(dataclasses.replace(detail, scores=scores),
                                 signer.fingerprint, NOW + timedelta(days=30))
    forged = write(tmp_path / "in" / "forged.pdf", sign_card(card, signer.key))
    if signer_of == "impostor":
        (tmp_path / "trust" / "impostor.pem").write_bytes(signer.pem)
    return inputs, forged


def test_merge_rejects_a_card_an_insider_signed_in_a_colleagues_name(
    tmp_path: Path, env: dict[str, str], merging: tuple[CardSet, Path]
) -> None:
    cards, trust = merging
    inputs, forged = _forged_inputs(tmp_path, cards, "insider")
    packet = tmp_path / "packet.pdf"
    merged = _scorer(env, "merge", "--trust", str(trust), "-o", str(packet),
                     str(tmp_path / "in"))
    assert merged.returncode == 2, merged.stderr
    assert f"{forged}: TAMPERED · signer " in merged.stdout
    assert f"packet of {len(inputs)} cards" in merged.stdout
    assert "1 input rejected" in merged.stderr
    verified = _scorer(env, "verify", "--trust", str(trust), str(packet), str(forged))
    assert [line.split(" · ")[0].rsplit(": ", 1)[1] for line in verified.stdout.splitlines()] \
        == ["OK", "TAMPERED"]


def test_merge_counts_neither_card_when_two_certificates_claim_one_interview(
    tmp_path: Path, env: dict[str, str], merging: tuple[CardSet, Path]
) -> None:
    cards, trust = merging
    inputs, forged = _forged_inputs(tmp_path, cards, "impostor")
    packet = tmp_path / "packet.pdf"
    merged = _scorer(env, "merge", "--trust", str(trust), "-o", str(packet),
                     str(tmp_path / "in"))
    assert merged.returncode == 2, merged.stderr
    assert f"{forged}: OK" in merged.stdout  # on its own, it verifies
    assert (f"packet of {len(inputs) - 1} cards for {next(iter(cards.by_candidate))}, "
            in merged.stdout)
    assert "2 in conflict (not counted)" in merged.stdout
    assert ("scorer: 2 verified cards not counted: different certificates claim the same "
            "interview; listed in the packet") in merged.stderr
    assert _scorer(env, "verify", "--trust", str(trust), str(packet)).returncode == 0

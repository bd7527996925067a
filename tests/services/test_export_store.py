"""Export through the real store (revision 0003): the pinned certificate and the export record."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scorer.domain.signing_records import ExportRecord, SigningFacts
from scorer.services import identity
from scorer.services.export import ExportError, ExportService
from scorer.services.export_records import StoreSigningRecords
from scorer.storage import Store, signing
from scorer.storage.bulk import bulk_import
from tests.support import fixtures
from tests.support.keyrings import MemoryKeyring
from tests.support.sample import submitted_detail

memory_keyring = fixtures.memory_keyring
sameera = fixtures.sameera

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@pytest.fixture
def interview(store: Store) -> int:
    """A submitted interview conducted by Sameera Perera, as the store holds it."""
    [interview_id] = bulk_import(store, [submitted_detail()], NOW)
    return interview_id


def _facts(store: Store, interview_id: int) -> SigningFacts:
    with store.read() as reader:
        return signing.signing_facts(reader.connection, interview_id)


def _exports(store: Store, interview_id: int) -> list[ExportRecord]:
    with store.read() as reader:
        return signing.export_records(reader.connection, interview_id)


def _service(store: Store) -> ExportService:
    return ExportService(StoreSigningRecords(store))


def test_the_first_export_pins_the_certificate_and_records_the_file(
    store: Store, interview: int, sameera: identity.Identity, tmp_path: Path
) -> None:
    before = _facts(store, interview)
    assert (before.interviewer_name, before.pinned, before.on_record) == (
        "Sameera Perera", None, None)

    result = _service(store).export_interview(interview, tmp_path / "card.pdf", "Letter")

    after = _facts(store, interview)
    assert after.pinned == after.on_record == sameera.fingerprint
    [record] = _exports(store, interview)
    data = (tmp_path / "card.pdf").read_bytes()
    assert record.path == str((tmp_path / "card.pdf").resolve())
    assert record.sha256 == hashlib.sha256(data).hexdigest() == result.sha256
    assert record.signer_fingerprint == sameera.fingerprint
    assert record.page_size == "Letter"
    assert record.exported_at == result.exported_at and record.exported_at.tzinfo is not None

    again = _service(store).export_interview(interview, tmp_path / "again.pdf", "A4")
    records = _exports(store, interview)
    assert [(r.page_size, r.sha256) for r in records] == [
        ("Letter", result.sha256), ("A4", again.sha256)]
    assert _facts(store, interview).pinned == sameera.fingerprint


def test_the_pinned_certificate_outlives_a_new_identity_of_the_interviewer(
    store: Store, interview: int, sameera: identity.Identity, tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    _service(store).export_interview(interview, tmp_path / "first.pdf")
    # Sameera loses her key and makes a new identity: the interview stays pinned to the old one.
    memory_keyring.secrets.clear()
    identity.replace("Sameera Perera", "sameera@example.com")
    with pytest.raises(identity.IdentityError,
                       match=rf"Only Sameera Perera <sameera@example\.com>'s signing identity "
                       rf"\(certificate {sameera.fingerprint[:16]}…\)"):
        _service(store).export_interview(interview, tmp_path / "second.pdf")
    assert not (tmp_path / "second.pdf").exists()
    assert len(_exports(store, interview)) == 1
    assert _facts(store, interview).pinned == sameera.fingerprint


def test_a_second_export_by_another_identity_is_refused_naming_who_conducted_it(
    store: Store, interview: int, sameera: identity.Identity, tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    _service(store).export_interview(interview, tmp_path / "first.pdf")
    # The same store on Gil's computer: his identity is the default, Sameera's key is absent.
    memory_keyring.secrets.clear()
    gil = identity.replace("Gil Levi", "gil@example.com").new
    with pytest.raises(identity.IdentityError, match=r"Only Sameera Perera <sameera@example\.com>"):
        _service(store).export_interview(interview, tmp_path / "gil.pdf")
    assert not (tmp_path / "gil.pdf").exists()
    [record] = _exports(store, interview)
    assert record.signer_fingerprint == sameera.fingerprint != gil.fingerprint
    facts = _facts(store, interview)
    assert facts.pinned == facts.on_record == sameera.fingerprint


def test_someone_elses_interview_with_nothing_recorded_is_refused_and_nothing_is_pinned(
    store: Store, interview: int, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    identity.create("Gil Levi", "gil@example.com")
    with pytest.raises(ExportError, match=r"conducted by Sameera Perera <sameera@example\.com>"):
        _service(store).export_interview(interview, tmp_path / "gil.pdf")
    facts = _facts(store, interview)
    assert (facts.pinned, facts.on_record) == (None, None)
    assert _exports(store, interview) == []


def test_an_interview_pointed_at_another_interviewers_certificate_is_refused(
    store: Store, interview: int, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """In her own store Mallory pins Sameera's interview to her own certificate."""
    mallory = identity.create("Mallory Insider", "mallory@example.com")
    with store.write() as tx:
        signing.pin_certificate(tx.connection, interview, mallory.fingerprint, True)
    with pytest.raises(ExportError, match=(
            r"^Interview \d+ was conducted by Sameera Perera <sameera@example\.com>, but the "
            r"signing identity that would sign it is Mallory Insider <mallory@example\.com> "
            rf"\(certificate {mallory.fingerprint[:16]}…\), so it is not signed")):
        _service(store).export_interview(interview, tmp_path / "forged.pdf")
    assert not (tmp_path / "forged.pdf").exists()
    assert _exports(store, interview) == []


def test_a_name_spelt_otherwise_than_the_certificate_is_signed_as_the_certificate_says(
    store: Store, sameera: identity.Identity, tmp_path: Path
) -> None:
    """The same person (by email) typed her name in lower case when the interview began."""
    from dataclasses import replace

    from scorer.services.verify import Verdict, load_trust, verify_file

    detail = submitted_detail(interviewer="sameera perera")
    [interview_id] = bulk_import(store, [replace(detail, id=0)], NOW)
    result = _service(store).export_interview(interview_id, tmp_path / "card.pdf")
    assert result.signed_by == "Sameera Perera <sameera@example.com>"
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "sameera.pem").write_bytes(sameera.certificate.pem)
    verified = verify_file(result.path, load_trust(folder))
    assert verified.verdict is Verdict.OK, verified.reason
    assert verified.scorecard is not None
    assert verified.scorecard.interviewer.name == "Sameera Perera"

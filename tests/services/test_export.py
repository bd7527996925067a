"""ExportService against an in-memory stand-in for the store's signing records."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorer.domain.interview import InterviewDetail
from scorer.domain.scorecard import parse_scorecard, scorecard_from_detail
from scorer.domain.signing_records import ExportRecord, SigningFacts
from scorer.services import atomic_file, identity
from scorer.services.export import ExportError, ExportService, export_detail
from tests.support import fixtures
from tests.support.sample import submitted_detail, unsubmitted

memory_keyring = fixtures.memory_keyring
sameera = fixtures.sameera


@dataclass
class FakeRecords:
    detail: InterviewDetail
    pinned: str | None = None
    on_record: str | None = None
    exports: list[ExportRecord] = field(default_factory=list)

    def get_interview(self, interview_id: int) -> InterviewDetail:
        return self.detail

    def signing_facts(self, interview_id: int) -> SigningFacts:
        person = self.detail.interviewer
        return SigningFacts(person.name, person.email, self.pinned, self.on_record)

    def pin_certificate(self, interview_id: int, fingerprint: str, *,
                        also_interviewer: bool) -> None:
        self.pinned = fingerprint
        if also_interviewer:
            self.on_record = fingerprint

    def record_export(self, record: ExportRecord) -> None:
        self.exports.append(record)


def _attached_json(pdf: bytes) -> bytes:
    reader = PdfReader(BytesIO(pdf))
    return reader.attachments["scorecard.json"][0]


def test_round_trip_the_attached_json_equals_the_interview(
    tmp_path: Path, sameera: identity.Identity
) -> None:
    records = FakeRecords(submitted_detail())
    result = ExportService(records).export_interview(7, tmp_path / "card.pdf", "Letter")
    pdf = result.path.read_bytes()
    card = parse_scorecard(_attached_json(pdf))
    assert card == scorecard_from_detail(records.detail, sameera.fingerprint, card.exported_at)
    assert records.pinned == sameera.fingerprint == records.on_record
    [record] = records.exports
    assert record.sha256 == hashlib.sha256(pdf).hexdigest() == result.sha256
    assert record.page_size == "Letter" and record.signer_fingerprint == sameera.fingerprint


def test_only_a_submitted_interview_is_exported(tmp_path: Path,
                                                sameera: identity.Identity) -> None:
    records = FakeRecords(unsubmitted(submitted_detail()))
    with pytest.raises(ExportError, match="not submitted"):
        ExportService(records).export_interview(7, tmp_path / "out" / "card.pdf")
    assert not (tmp_path / "out").exists() and records.exports == []


def test_someone_elses_interview_names_who_conducted_it(
    tmp_path: Path, sameera: identity.Identity
) -> None:
    records = FakeRecords(submitted_detail(interviewer="Gil Levi",
                                           interviewer_email="gil@example.com"))
    with pytest.raises(ExportError, match=r"conducted by Gil Levi <gil@example\.com>"):
        ExportService(records).export_interview(7, tmp_path / "out" / "card.pdf")
    records.pinned = "ef" * 32  # Gil's identity, recorded, but not on this computer
    with pytest.raises(identity.IdentityError, match="Only Gil Levi"):
        ExportService(records).export_interview(7, tmp_path / "out" / "card.pdf")
    assert not (tmp_path / "out").exists()


def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, sameera: identity.Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "card.pdf"
    target.parent.mkdir()
    target.write_bytes(b"the previous export")

    def broken_replace(src: str, dst: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", broken_replace)
    with pytest.raises(ExportError, match=r"The disk holding .*card\.pdf is full, so nothing "
                       "was written; what was saved before is safe"):
        export_detail(submitted_detail(), sameera.fingerprint, target)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in target.parent.iterdir()] == ["card.pdf"]


def test_an_export_into_a_missing_folder_is_refused_and_makes_no_folder(
    tmp_path: Path, sameera: identity.Identity
) -> None:
    target = tmp_path / "missing" / "deeper" / "card.pdf"
    with pytest.raises(ExportError, match=r"The folder .*deeper does not exist"):
        export_detail(submitted_detail(), sameera.fingerprint, target)
    assert not (tmp_path / "missing").exists()


def test_an_existing_output_is_refused_unless_forced(tmp_path: Path) -> None:
    from scorer.services.export import check_output

    target = tmp_path / "card.pdf"
    check_output(target, force=False)  # a new file in an existing folder
    target.write_bytes(b"mine")
    with pytest.raises(ExportError, match=r"card\.pdf exists already; give --force"):
        check_output(target, force=False)
    check_output(target, force=True)
    with pytest.raises(ExportError, match="is a folder"):
        check_output(tmp_path, force=True)

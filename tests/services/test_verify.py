"""`verify_file` on a good scorecard and on each way of tampering with one."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText

from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from scorer.io.pdf.signature_stamp import STAMP_FORM, draw_stamp
from scorer.io.signatures.certificates import create_identity
from scorer.io.signatures.sign import load_key, sign_scorecard
from scorer.services import identity
from scorer.services.export import Signer, export_detail
from scorer.services.verify import MAX_BYTES, Verdict, load_trust, verify_file
from tests.support import fixtures
from tests.support.sample import submitted_detail

memory_keyring = fixtures.memory_keyring
sameera = fixtures.sameera
trust_dir = fixtures.trust_dir


@pytest.fixture
def signed(tmp_path: Path, sameera: identity.Identity) -> Path:
    return export_detail(submitted_detail(), sameera.fingerprint, tmp_path / "card.pdf").path


def _verdict(path: Path, trust: Path) -> Verdict:
    return verify_file(path, load_trust(trust)).verdict


def _incremental(path: Path, change: object) -> Path:
    writer = PdfWriter(path, incremental=True)
    change(writer)  # type: ignore[operator]
    out = path.with_name("updated.pdf")
    with out.open("wb") as handle:
        writer.write(handle)
    assert out.read_bytes().startswith(path.read_bytes())  # an append, not a rewrite
    return out


def test_a_fresh_export_is_ok(signed: Path, trust_dir: Path) -> None:
    result = verify_file(signed, load_trust(trust_dir))
    assert result.verdict is Verdict.OK, result.reason
    assert result.signer == "Sameera Perera"
    assert result.candidate == "Łukasz Øster-Müller"
    assert result.signer_email == "sameera@example.com"
    assert result.line().startswith(
        f"{signed}: OK · signer Sameera Perera <sameera@example.com> · candidate Łukasz")


def test_a_byte_flipped_in_the_content_is_tampered(signed: Path, trust_dir: Path) -> None:
    data = bytearray(signed.read_bytes())
    at = data.index(b"stream", 2000) + 40
    data[at] ^= 0x01
    signed.write_bytes(bytes(data))
    assert _verdict(signed, trust_dir) is Verdict.TAMPERED


def test_an_incremental_update_adding_a_page_is_tampered(signed: Path, trust_dir: Path) -> None:
    updated = _incremental(signed, lambda w: w.add_blank_page())
    assert len(PdfReader(updated).pages) == len(PdfReader(signed).pages) + 1
    result = verify_file(updated, load_trust(trust_dir))
    assert result.verdict is Verdict.TAMPERED
    assert "updated after it was signed" in result.reason


def test_an_incremental_update_adding_an_annotation_is_tampered(
    signed: Path, trust_dir: Path
) -> None:
    def annotate(writer: PdfWriter) -> None:
        note = FreeText(text="Actually a strong hire", rect=(50, 50, 250, 90))
        writer.add_annotation(page_number=0, annotation=note)

    updated = _incremental(signed, annotate)
    assert _verdict(updated, trust_dir) is Verdict.TAMPERED


def test_a_valid_signature_by_an_untrusted_key_is_untrusted(
    tmp_path: Path, trust_dir: Path, memory_keyring: object
) -> None:
    stranger = identity.create("Mallory Stranger", "mallory@example.com", make_default=False)
    path = export_detail(submitted_detail(interviewer="Mallory Stranger",
                                          interviewer_email="mallory@example.com"),
                         stranger.fingerprint, tmp_path / "stranger.pdf").path
    result = verify_file(path, load_trust(trust_dir))
    assert result.verdict is Verdict.UNTRUSTED_SIGNER
    assert result.signer == "Mallory Stranger"


def test_an_unsigned_copy_is_unsigned(tmp_path: Path, trust_dir: Path,
                                      sameera: identity.Identity) -> None:
    from datetime import UTC, datetime

    card = scorecard_from_detail(submitted_detail(), sameera.fingerprint, datetime.now(UTC))
    path = tmp_path / "unsigned.pdf"
    path.write_bytes(render_scorecard(card).pdf)
    assert _verdict(path, trust_dir) is Verdict.UNSIGNED


def test_the_json_attachment_replaced_by_an_update_is_tampered(
    signed: Path, trust_dir: Path
) -> None:
    def replace_attachment(writer: PdfWriter) -> None:
        names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
        spec = names[1].get_object()
        stream = spec["/EF"]["/F"].get_object()
        data = stream.get_data().replace(b'"Hire"', b'"Strong hire"')
        assert data != stream.get_data()
        stream.set_data(data)

    updated = _incremental(signed, replace_attachment)
    assert _verdict(updated, trust_dir) is Verdict.TAMPERED


def test_json_that_disagrees_with_the_signed_digest_is_tampered(
    tmp_path: Path, trust_dir: Path, sameera: identity.Identity, memory_keyring: object
) -> None:
    """Signed by a trusted key, but the attached JSON is not the one the page was made from."""
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    card = scorecard_from_detail(submitted_detail(), sameera.fingerprint, now)
    other = scorecard_from_detail(submitted_detail(candidate="Someone Else"), sameera.fingerprint,
                                  now)
    rendered = render_scorecard(card)
    box = rendered.signature_box
    key_pem, cert_pem = identity.signing_key(sameera.fingerprint, "Sameera")
    pdf = sign_scorecard(rendered.pdf, load_key(key_pem, cert_pem), other.to_json_bytes(),
                         page=box.page, box=box.rounded(),
                         stamp_form=STAMP_FORM,
                         signer_name="Sameera Perera", signed_at=now)
    path = tmp_path / "mismatch.pdf"
    path.write_bytes(pdf)
    result = verify_file(path, load_trust(trust_dir))
    assert result.verdict is Verdict.TAMPERED
    assert "disagrees" in result.reason


def test_json_naming_another_certificate_than_the_signer_is_tampered(
    tmp_path: Path, trust_dir: Path, sameera: identity.Identity
) -> None:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    card = scorecard_from_detail(submitted_detail(), "cd" * 32, now)
    rendered = render_scorecard(card)
    box = rendered.signature_box
    key_pem, cert_pem = identity.signing_key(sameera.fingerprint, "Sameera")
    pdf = sign_scorecard(rendered.pdf, load_key(key_pem, cert_pem), card.to_json_bytes(),
                         page=box.page, box=box.rounded(),
                         stamp_form=STAMP_FORM,
                         signer_name="Sameera Perera", signed_at=now)
    path = tmp_path / "other-cert.pdf"
    path.write_bytes(pdf)
    assert _verdict(path, trust_dir) is Verdict.TAMPERED


def test_a_truncated_file_is_rejected(signed: Path, trust_dir: Path) -> None:
    data = signed.read_bytes()
    signed.write_bytes(data[: len(data) - 700])
    result = verify_file(signed, load_trust(trust_dir))
    assert result.verdict is Verdict.TAMPERED, result
    assert "cut short" in result.reason


def test_a_file_cut_in_half_is_unreadable(signed: Path, trust_dir: Path) -> None:
    data = signed.read_bytes()
    signed.write_bytes(data[: len(data) // 2])
    assert _verdict(signed, trust_dir) in {Verdict.UNREADABLE, Verdict.TAMPERED}


def test_another_pdf_is_not_a_scorecard(tmp_path: Path, trust_dir: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = BytesIO()
    writer.write(buffer)
    path = tmp_path / "other.pdf"
    path.write_bytes(buffer.getvalue())
    assert _verdict(path, trust_dir) is Verdict.NOT_A_SCORECARD


def test_a_signed_pdf_without_scorecard_data_is_not_a_scorecard(
    tmp_path: Path, trust_dir: Path
) -> None:
    from datetime import UTC, datetime

    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer)
    now = datetime.now(UTC)
    canvas.drawString(72, 720, "A contract")
    canvas.translate(72, 72)
    draw_stamp(canvas, "Notary", "notary@example.com", now, 200, 60)
    canvas.save()
    made = create_identity("Notary", "notary@example.com")
    pdf = sign_scorecard(buffer.getvalue(), load_key(made.key_pem, made.certificate.pem), None,
                         page=0, box=(72, 72, 272, 132),
                         stamp_form=STAMP_FORM,
                         signer_name="Notary", signed_at=now)
    path = tmp_path / "contract.pdf"
    path.write_bytes(pdf)
    assert _verdict(path, trust_dir) is Verdict.NOT_A_SCORECARD


@pytest.mark.parametrize("content", [b"", b"hello", b"%PDF-1.7\n garbage \x00\xff" * 50,
                                     b"\x89PNG\r\n\x1a\n" + bytes(300)])
def test_garbage_is_unreadable_and_never_crashes(
    tmp_path: Path, trust_dir: Path, content: bytes
) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(content)
    assert _verdict(path, trust_dir) is Verdict.UNREADABLE


def test_a_missing_file_is_unreadable(tmp_path: Path, trust_dir: Path) -> None:
    assert _verdict(tmp_path / "nope.pdf", trust_dir) is Verdict.UNREADABLE


def test_a_file_over_the_size_bound_is_unreadable(tmp_path: Path, trust_dir: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written
    result = verify_file(path, load_trust(trust_dir))
    assert result.verdict is Verdict.UNREADABLE
    assert "20 MB" in result.reason


def test_the_signer_cached_key_signs_repeatedly(tmp_path: Path, sameera: identity.Identity,
                                                trust_dir: Path) -> None:
    signer = Signer()
    for n in range(2):
        path = export_detail(submitted_detail(), sameera.fingerprint, tmp_path / f"{n}.pdf",
                             signer=signer).path
        assert _verdict(path, trust_dir) is Verdict.OK

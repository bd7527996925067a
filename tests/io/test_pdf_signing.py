"""The signed scorecard checked by poppler's pdfsig, independently of pyHanko."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scorer.domain.scorecard import scorecard_from_detail
from scorer.io.documents.scorecard import render_scorecard
from scorer.io.pdf.signature_stamp import STAMP_FORM
from scorer.io.signatures.certificates import create_identity
from scorer.io.signatures.sign import load_key, sign_scorecard
from tests.support.sample import submitted_detail

NOW = datetime(2026, 11, 20, 15, 5, tzinfo=UTC)


def _signed(size: str = "A4") -> bytes:
    made = create_identity("Łukasz Øster-Müller", "lukasz@example.org")
    card = scorecard_from_detail(submitted_detail(), made.certificate.fingerprint, NOW)
    rendered = render_scorecard(card, size)  # type: ignore[arg-type]
    box = rendered.signature_box
    return sign_scorecard(
        rendered.pdf, load_key(made.key_pem, made.certificate.pem), card.to_json_bytes(),
        page=box.page, box=box.rounded(), stamp_form=STAMP_FORM, signer_name=card.interviewer.name,
        signed_at=NOW,
    )


def _pdfsig(path: Path) -> str:
    if shutil.which("pdfsig") is None:
        pytest.fail("pdfsig (poppler-utils) is not installed; run .ci/system-deps.sh test")
    run = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return run.stdout + run.stderr


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_pdfsig_accepts_the_signature_over_the_whole_file(tmp_path: Path, size: str) -> None:
    path = tmp_path / "card.pdf"
    path.write_bytes(_signed(size))
    out = _pdfsig(path)
    assert "Signature is Valid" in out
    assert "Total document signed" in out
    assert "ETSI.CAdES.detached" in out  # PAdES


def test_pdfsig_rejects_a_flipped_byte(tmp_path: Path) -> None:
    data = bytearray(_signed())
    at = data.index(b"stream", 2000) + 40
    data[at] ^= 0xFF
    path = tmp_path / "card.pdf"
    path.write_bytes(bytes(data))
    out = _pdfsig(path)
    assert "Signature is Valid" not in out


def test_the_visible_stamp_is_a_widget_on_the_last_page() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(_signed()))
    last = reader.pages[-1]
    widgets = [a.get_object() for a in last.get("/Annots", [])]
    sig = [w for w in widgets if w.get("/FT") == "/Sig"]
    assert len(sig) == 1
    x1, y1, x2, y2 = (float(v) for v in sig[0]["/Rect"])
    assert x2 - x1 > 100 and y2 - y1 > 40
    assert "/AP" in sig[0]


def test_the_signing_certificate_attribute_names_the_signer_by_hash() -> None:
    import hashlib
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    [signature] = PdfFileReader(BytesIO(_signed())).embedded_signatures
    attrs = {a["type"].native: a["values"][0] for a in signature.signer_info["signed_attrs"]}
    assert set(attrs) == {"content_type", "message_digest", "signing_certificate_v2"}
    [cert_id] = attrs["signing_certificate_v2"]["certs"]
    assert cert_id["cert_hash"].native == hashlib.sha256(signature.signer_cert.dump()).digest()
    assert not cert_id["issuer_serial"]  # the CAdES baseline leaves it out


def test_the_signature_reservation_is_measured_not_guessed() -> None:
    from io import BytesIO

    from asn1crypto import cms
    from pyhanko.pdf_utils.reader import PdfFileReader

    from scorer.io.signatures.sign import RESERVE_SLACK

    made = create_identity("Ł" * 200, "long.name@example.com")  # the longest subject
    key = load_key(made.key_pem, made.certificate.pem)
    card = scorecard_from_detail(submitted_detail(), made.certificate.fingerprint, NOW)
    rendered = render_scorecard(card)
    box = rendered.signature_box
    pdf = sign_scorecard(rendered.pdf, key, card.to_json_bytes(), page=box.page,
                         box=box.rounded(), stamp_form=STAMP_FORM, signer_name="Ł", signed_at=NOW)
    [signature] = PdfFileReader(BytesIO(pdf)).embedded_signatures
    contents = signature.pkcs7_content  # the reserved space, zero-padded after the CMS
    blob = len(cms.ContentInfo.load(contents, strict=False).dump())
    assert len(contents) == key.bytes_reserved // 2
    assert 0 < len(contents) - blob <= RESERVE_SLACK + 8

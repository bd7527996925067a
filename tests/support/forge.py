"""Forged scorecards, made with the real rendering and signing code and real keys.

An insider holds a trusted key and the whole pipeline: they can embed any JSON,
draw any pages and write any document information before signing. These helpers
do exactly that, one lie at a time, so that each check of `verify` meets the lie
it is there for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from scorer.domain.document_info import DocumentInfo
from scorer.domain.scorecard import Scorecard
from scorer.io.documents import scorecard as scorecard_pdf
from scorer.io.documents.scorecard import render_scorecard
from scorer.io.pdf.signature_stamp import STAMP_FORM
from scorer.io.signatures.sign import LoadedKey, load_key, sign_scorecard

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def sign_card(data: Scorecard, key: LoadedKey, *, shown: Scorecard | None = None,
              info: Callable[[DocumentInfo], DocumentInfo] | None = None) -> bytes:
    """A PDF whose pages and document information are made from `shown` (default: `data`),
    embedding `data` with its digest in the keywords, signed with `key`.

    `info` rewrites the document information the renderer writes.
    """
    shown = shown or data
    with pytest.MonkeyPatch.context() as patch:
        if info is not None:
            made = scorecard_pdf.scorecard_info
            rewrite = info

            def rewritten(card: Scorecard, digest: str) -> DocumentInfo:
                return rewrite(made(card, digest))

            patch.setattr(scorecard_pdf, "scorecard_info", rewritten)
        rendered = render_scorecard(shown, digest=data.digest())
    box = rendered.signature_box
    return sign_scorecard(rendered.pdf, key, data.to_json_bytes(), page=box.page,
                          box=box.rounded(), stamp_form=STAMP_FORM,
                          signer_name=data.interviewer.name, signed_at=data.exported_at)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def custom_identity(name: str, *, subject_email: str | None = None,
                    alt_email: str | None = None) -> tuple[LoadedKey, bytes]:
    """A key and a self-signed certificate made by hand: a subject email, an alternative-name
    email, both or neither (Scorer's own certificates carry both)."""
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if subject_email is not None:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, subject_email))
    subject = x509.Name(attributes)
    builder = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=30)).not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
    )
    if alt_email is not None:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(alt_email)]), critical=False)
    cert = builder.sign(key, hashes.SHA256())
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    return load_key(key_pem, cert_pem), cert_pem

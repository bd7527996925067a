"""Reading the facts out of a signed scorecard with pyHanko; the verdict is the service's.

`inspect_pdf` never raises for a bad file: whatever cannot be parsed is reported
as unreadable. For each signature it reports pyHanko's `bottom_line` (with the
trusted certificates as the only trust roots), whether the signature is intact,
and whether it covers the entire file: `valid` alone stays True on a tampered
file, so it is never used on its own.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleTrustManager

from scorer.domain.cohort_files import COHORT_ATTACHMENT
from scorer.domain.packet_doc import PACKET_ATTACHMENT
from scorer.domain.scorecard import ATTACHMENT_NAME

log = logging.getLogger(__name__)
# pyHanko logs a warning with a traceback for every untrusted or broken signature; the
# verdict already says so in one line, so keep those out of the user's terminal.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True, slots=True)
class SignatureFacts:
    intact: bool  # the signed bytes hash to the digest in the signature
    valid: bool  # the cryptographic signature over that digest checks out
    covers_whole_file: bool  # no byte of the file lies outside the signed ranges
    bottom_line: bool  # pyHanko's overall judgement, with only the trusted certs as roots
    signer_fingerprint: str | None
    signer_name: str  # the certificate subject's common name ("" if none, or several)
    signing_time: datetime | None
    signer_emails: tuple[str, ...] = ()  # the subject's emailAddress values
    signer_alt_emails: tuple[str, ...] = ()  # the subjectAltName's rfc822Name values


MAX_ATTACHMENTS = 64  # a packet carries one per interview and its own document


@dataclass(frozen=True, slots=True)
class PdfFacts:
    error: str | None  # set when the file could not be read as a PDF at all
    signatures: tuple[SignatureFacts, ...] = ()
    attachment: bytes | None = None  # scorecard.json
    keywords: str = ""
    packet: bytes | None = None  # the panel packet's document, if this is a packet
    files: tuple[tuple[str, bytes], ...] = ()  # every embedded file of a packet, by name
    title: str = ""  # the document information's other entries ("" when absent)
    author: str = ""
    subject: str = ""
    cohort: bytes | None = None  # the cohort report's document, if this is one


def inspect_pdf(data: bytes, trusted_pem: Sequence[bytes]) -> PdfFacts:
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
        info = _info(reader)
        specs = _attachments(reader)
        attachment = _file_data(specs.get(ATTACHMENT_NAME))
        packet = _file_data(specs.get(PACKET_ATTACHMENT))
        cohort = _file_data(specs.get(COHORT_ATTACHMENT))
        # A packet's other files are its original cards; only a packet needs them read.
        files = tuple((name, _file_data(spec) or b"") for name, spec in specs.items()
                      ) if packet is not None else ()
    except (PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OverflowError, AssertionError) as exc:
        return PdfFacts(error=_reason(exc))
    facts: list[SignatureFacts] = []
    trust = _trust_manager(tuple(trusted_pem)) if signatures else None
    for signature in signatures:
        facts.append(_signature_facts(signature, trust))
    return PdfFacts(None, tuple(facts), attachment, info.get("/Keywords", ""), packet, files,
                    info.get("/Title", ""), info.get("/Author", ""), info.get("/Subject", ""),
                    cohort)


@lru_cache(maxsize=8)
def _trust_manager(trusted_pem: tuple[bytes, ...]) -> SimpleTrustManager:
    """The trusted certificates parsed and indexed once per trust folder's content."""
    return SimpleTrustManager.build(trust_roots=_roots(trusted_pem))


def _signature_facts(signature: object, trust: SimpleTrustManager | None) -> SignatureFacts:
    assert isinstance(signature, EmbeddedPdfSignature)
    fingerprint: str | None = None
    name = ""
    emails: tuple[str, ...] = ()
    alt_emails: tuple[str, ...] = ()
    try:
        cert = signature.signer_cert
        fingerprint = hashlib.sha256(cert.dump()).hexdigest()
        subject = cert.subject.native
        names = _strings(subject.get("common_name"))
        name = names[0] if len(names) == 1 else ""
        emails = _strings(subject.get("email_address"))
        alt_emails = _alt_emails(cert)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.debug("no signer certificate: %s", exc)
    try:
        context = ValidationContext(
            trust_manager=trust, allow_fetching=False, revocation_mode="soft-fail"
        )
        status = asyncio.run(async_validate_pdf_signature(
            signature, signer_validation_context=context, skip_diff=True
        ))
    except Exception as exc:  # noqa: BLE001 - any failure of a hostile file is a failed check
        log.debug("signature validation failed: %s", exc)
        return SignatureFacts(False, False, False, False, fingerprint, name, None, emails,
                              alt_emails)
    return SignatureFacts(
        intact=bool(status.intact),
        valid=bool(status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        bottom_line=bool(status.bottom_line),
        signer_fingerprint=fingerprint,
        signer_name=name,
        signing_time=status.signer_reported_dt,
        signer_emails=emails,
        signer_alt_emails=alt_emails,
    )


def _strings(value: object) -> tuple[str, ...]:
    """A name attribute's values: one string, or a list of them when it is repeated."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _alt_emails(cert: asn1_x509.Certificate) -> tuple[str, ...]:
    names = cert.subject_alt_name_value
    if names is None:
        return ()
    return tuple(str(n.native) for n in names if n.name == "rfc822_name")


def _roots(trusted_pem: Sequence[bytes]) -> list[asn1_x509.Certificate]:
    roots: list[asn1_x509.Certificate] = []
    for pem in trusted_pem:
        try:
            roots.extend(load_certs_from_pemder_data(pem))
        except (ValueError, TypeError) as exc:
            log.debug("skipping a trust file: %s", exc)
    return roots


INFO_KEYS = ("/Title", "/Author", "/Subject", "/Keywords")


def _info(reader: PdfFileReader) -> dict[str, str]:
    """The document information's text entries that `verify` compares, as text."""
    info = reader.trailer_view.get("/Info")
    if info is None:
        return {}
    info = info.get_object()
    if not isinstance(info, generic.DictionaryObject):
        return {}
    out: dict[str, str] = {}
    for key in INFO_KEYS:
        value = info.get(key)
        if isinstance(value, generic.TextStringObject):
            out[key] = str(value)
        elif isinstance(value, generic.ByteStringObject):  # not PDF text: read as Latin-1
            out[key] = bytes(value).decode("latin-1")
    return out


def _attachments(reader: PdfFileReader) -> dict[str, Any]:
    """The file specifications of the document's embedded files, by name."""
    names_root = reader.root.get("/Names")
    if names_root is None:
        return {}
    files = names_root.get_object().get("/EmbeddedFiles")
    if files is None:
        return {}
    names = files.get_object().get("/Names")
    if names is None:
        return {}
    names = names.get_object()
    out: dict[str, Any] = {}
    for i in range(0, min(len(names) - 1, 2 * MAX_ATTACHMENTS), 2):
        out.setdefault(str(names[i]), names[i + 1])
    return out


def _file_data(spec: Any) -> bytes | None:
    if spec is None:
        return None
    stream = spec.get_object()["/EF"].get_object()["/F"].get_object()
    return bytes(stream.data)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return text[:160]

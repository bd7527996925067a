"""Signing identities: an ECDSA P-256 key and a self-signed X.509 certificate.

P-256 because poppler's `pdfsig` cannot verify Ed25519 and an RSA key in PEM is
too large for the Windows credential store. The certificate's fingerprint (the
SHA-256 of its DER encoding, lower-case hex) names an identity everywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from scorer.domain.errors import ScorerError
from scorer.domain.identity_match import certified_emails, cut_name, nfc

DEFAULT_VALIDITY = timedelta(days=5 * 365)
# A little slack so that a clock a few minutes behind does not see a future certificate.
_BACKDATE = timedelta(minutes=10)


class CertificateError(ScorerError):
    """A certificate or key file cannot be read."""


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    name: str  # the subject's common name
    email: str  # the first of `emails`, or ""
    fingerprint: str
    not_before: datetime
    not_after: datetime
    pem: bytes
    emails: tuple[str, ...] = ()  # those the certificate speaks for (`identity_match`)


@dataclass(frozen=True, slots=True)
class NewIdentity:
    key_pem: bytes  # PKCS#8, unencrypted: it goes straight into the keyring
    certificate: CertificateInfo


def create_identity(
    name: str, email: str, now: datetime | None = None, validity: timedelta = DEFAULT_VALIDITY
) -> NewIdentity:
    now = now or datetime.now(UTC)
    name = nfc(name)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        # X.509 caps a common name at 64 bytes; the scorecard carries the full name.
        x509.NameAttribute(NameOID.COMMON_NAME, cut_name(name)),
        x509.NameAttribute(NameOID.EMAIL_ADDRESS, email),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Scorer interviewer"),
    ])
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + validity)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return NewIdentity(key_pem=key_pem, certificate=_info(cert))


def fingerprint_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def read_certificate(pem: bytes, where: str = "the certificate") -> CertificateInfo:
    """Parse one PEM certificate; `CertificateError` names `where` if it is not one."""
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except (ValueError, UnsupportedAlgorithm):
        raise CertificateError(f"{where} is not a PEM X.509 certificate.") from None
    return _info(cert)


def read_certificates(pem: bytes) -> list[CertificateInfo]:
    """Every certificate in a PEM bundle (a trust file may hold several)."""
    try:
        return [_info(c) for c in x509.load_pem_x509_certificates(pem)]
    except (ValueError, UnsupportedAlgorithm):
        return []


def key_matches(key_pem: bytes, certificate_pem: bytes) -> bool:
    """Whether the private key belongs to the certificate."""
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
        cert = x509.load_pem_x509_certificate(certificate_pem)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return False
    public = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        return False
    if not isinstance(public, ec.EllipticCurvePublicKey):
        return False
    return key.public_key().public_numbers() == public.public_numbers()


_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512,
}


class RawSigner:
    """An ECDSA private key parsed once, signing data with a named hash (DER signatures)."""

    def __init__(self, key_pem: bytes) -> None:
        try:
            key = serialization.load_pem_private_key(key_pem, password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise CertificateError("The signing key is not a PEM private key.") from None
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise CertificateError("The signing key is not an ECDSA key.")
        self._key = key

    def sign(self, data: bytes, hash_name: str) -> bytes:
        return self._key.sign(data, ec.ECDSA(_HASHES[hash_name]()))


def _info(cert: x509.Certificate) -> CertificateInfo:
    der = cert.public_bytes(serialization.Encoding.DER)
    names = _attributes(cert, NameOID.COMMON_NAME)
    emails = certified_emails(_attributes(cert, NameOID.EMAIL_ADDRESS), _alt_emails(cert))
    return CertificateInfo(
        name=names[0] if len(names) == 1 else "",
        email=emails[0] if emails else "",
        fingerprint=fingerprint_der(der),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        pem=cert.public_bytes(serialization.Encoding.PEM),
        emails=emails,
    )


def _attributes(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> list[str]:
    values = [a.value for a in cert.subject.get_attributes_for_oid(oid)]
    return [v if isinstance(v, str) else v.decode("utf-8", "replace") for v in values]


def _alt_emails(cert: x509.Certificate) -> list[str]:
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (x509.ExtensionNotFound, ValueError):  # none, or malformed: no email from it
        return []
    return list(names.get_values_for_type(x509.RFC822Name))

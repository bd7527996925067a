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

DEFAULT_VALIDITY = timedelta(days=5 * 365)
# A little slack so that a clock a few minutes behind does not see a future certificate.
_BACKDATE = timedelta(minutes=10)


class CertificateError(ScorerError):
    """A certificate or key file cannot be read."""


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    name: str
    email: str
    fingerprint: str
    not_before: datetime
    not_after: datetime
    pem: bytes


@dataclass(frozen=True, slots=True)
class NewIdentity:
    key_pem: bytes  # PKCS#8, unencrypted: it goes straight into the keyring
    certificate: CertificateInfo


def create_identity(
    name: str, email: str, now: datetime | None = None, validity: timedelta = DEFAULT_VALIDITY
) -> NewIdentity:
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        # X.509 caps a common name at 64 bytes; the scorecard carries the full name.
        x509.NameAttribute(NameOID.COMMON_NAME, name.encode()[:64].decode("utf-8", "ignore")),
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
    return CertificateInfo(
        name=_attribute(cert, NameOID.COMMON_NAME),
        email=_attribute(cert, NameOID.EMAIL_ADDRESS),
        fingerprint=fingerprint_der(der),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        pem=cert.public_bytes(serialization.Encoding.PEM),
    )


def _attribute(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    if not values:
        return ""
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")

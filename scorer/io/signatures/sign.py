"""PAdES signing of a rendered scorecard with pyHanko, the JSON embedded in the same update.

One incremental update adds the `scorecard.json` attachment, the visible signature
field on the last page and the signature, which covers the whole file.

What stays the same from one export to the next is prepared once, in `load_key`:
the parsed key, the signer's identifier and algorithms, and the PAdES
signing-certificate-v2 attribute, each kept as DER and reloaded for every
signature (asn1crypto writes a loaded value back as it was read, instead of
encoding it again). The attribute names the certificate by its hash only, without
issuer and serial, as the CAdES baseline profile (ETSI EN 319 122-1) advises. One
trial signature there measures the CMS blob, so `bytes_reserved` is that size and
a little slack: pyHanko does not sign twice to estimate it, and the placeholder is
no larger than needed (every verifier reads it as hex).
"""

from __future__ import annotations

import asyncio
import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import algos, cms, tsp
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.sign import fields, signers
from pyhanko.sign.attributes import CMSAttributeProvider, SignedAttributeProviderSpec
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from scorer.domain.scorecard import ATTACHMENT_MIME, ATTACHMENT_NAME
from scorer.io.signatures.certificates import RawSigner

FIELD_NAME = "ScorecardSignature"
DIGEST = "sha256"
# Over the measured CMS size: an ECDSA signature's DER length varies by a few bytes.
RESERVE_SLACK = 64


@dataclass(frozen=True)
class LoadedKey:
    """A signing key and its certificate, parsed once and reused for every export."""

    signer: signers.SimpleSigner
    certificate: asn1_x509.Certificate
    bytes_reserved: int  # pyHanko's unit: hex digits, two per byte of the CMS blob


class _SigningCertificateV2(CMSAttributeProvider):
    """The signing-certificate-v2 attribute, encoded once for the key's certificate."""

    attribute_type = "signing_certificate_v2"

    def __init__(self, certificate: asn1_x509.Certificate) -> None:
        value = tsp.SigningCertificateV2({"certs": [tsp.ESSCertIDv2({
            "hash_algorithm": {"algorithm": DIGEST},
            "cert_hash": hashlib.sha256(certificate.dump()).digest(),
        })]})
        self._der = cms.CMSAttribute({
            "type": cms.CMSAttributeType(self.attribute_type), "values": [value],
        }).dump()

    async def get_attribute(self, dry_run: bool = False) -> cms.CMSAttribute:
        return cms.CMSAttribute.load(self._der)


class _PadesAttributes(SignedAttributeProviderSpec):
    """PAdES signed attributes: signing-certificate-v2 (the signing time goes in /M)."""

    def __init__(self, certificate: asn1_x509.Certificate) -> None:
        self._attribute = _SigningCertificateV2(certificate)

    def signed_attr_providers(self, data_digest: bytes, digest_algorithm: str
                              ) -> Iterable[CMSAttributeProvider]:
        yield self._attribute


class _PreparedSigner(signers.SimpleSigner):
    """`SimpleSigner` with the key parsed once and the CMS parts that never change prepared."""

    def __init__(self, certificate: asn1_x509.Certificate, key: asn1_keys.PrivateKeyInfo,
                 raw: RawSigner) -> None:
        mechanism = algos.SignedDigestAlgorithm({"algorithm": f"{DIGEST}_ecdsa"})
        super().__init__(
            signing_cert=certificate,
            signing_key=key,
            # The signing certificate is embedded anyway; an empty registry adds no second copy.
            cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
            signature_mechanism=mechanism,
        )
        self._raw = raw
        self.signed_attr_prov_spec = _PadesAttributes(certificate)
        self._sid = cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber({
            "issuer": certificate.issuer, "serial_number": certificate.serial_number,
        })}).dump()
        self._digest = algos.DigestAlgorithm({"algorithm": DIGEST}).dump()
        self._mechanism = mechanism.dump()

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        return self._raw.sign(data, digest_algorithm)

    def signer_info(self, digest_algorithm: str, signed_attrs: Any, signature: bytes
                    ) -> cms.SignerInfo:
        if digest_algorithm != DIGEST:
            return super().signer_info(digest_algorithm, signed_attrs, signature)
        return cms.SignerInfo({
            "version": "v1",
            "sid": cms.SignerIdentifier.load(self._sid),
            "digest_algorithm": algos.DigestAlgorithm.load(self._digest),
            "signature_algorithm": algos.SignedDigestAlgorithm.load(self._mechanism),
            "signed_attrs": signed_attrs,
            "signature": signature,
        })


def load_key(key_pem: bytes, certificate_pem: bytes) -> LoadedKey:
    key: asn1_keys.PrivateKeyInfo = load_private_key_from_pemder_data(key_pem, passphrase=None)
    cert = next(iter(load_certs_from_pemder_data(certificate_pem)))
    signer = _PreparedSigner(cert, key, RawSigner(key_pem))
    trial = asyncio.run(signer.async_sign(bytes(32), DIGEST, use_pades=True))
    reserved = 2 * (len(trial.dump()) + RESERVE_SLACK)
    return LoadedKey(signer=signer, certificate=cert, bytes_reserved=reserved)


class _ExistingForm(PdfContent):
    """A form XObject already in the document, drawn as the signature's appearance."""

    def __init__(self, reference: generic.IndirectObject, width: float, height: float) -> None:
        super().__init__(box=BoxConstraints(width=width, height=height))
        self.reference = reference

    def render(self) -> bytes:
        self.resources.xobject["/Stamp"] = self.reference
        return b"/Stamp Do"


def _stamp_form(writer: IncrementalPdfFileWriter, page: int, name: str) -> generic.IndirectObject:
    _, resources = writer.find_page_for_modification(page)  # type: ignore[no-untyped-call]
    xobjects = resources["/XObject"]
    for key in xobjects:
        if str(key).endswith(name):
            reference = xobjects.raw_get(key)
            if isinstance(reference, generic.IndirectObject):
                return reference
    raise ValueError(f"the page has no form XObject named {name}")


def sign_scorecard(
    pdf: bytes,
    key: LoadedKey,
    attachment: bytes | None,
    *,
    page: int,
    box: tuple[int, int, int, int],
    stamp_form: str,
    signer_name: str,
    signed_at: datetime,
    reason: str = "Interview scorecard",
    attachment_name: str = ATTACHMENT_NAME,
    attachment_description: str = "The machine-readable scorecard (schema scorer.scorecard/1)",
) -> bytes:
    """Embed `attachment` as scorecard.json (or `attachment_name`) and sign the whole file.

    The visible stamp is the document's own form XObject `stamp_form` on `page`, shown
    in a new signature field covering `box`. The panel packet is signed the same way,
    with no attachment here (its files are embedded before) and its own `reason`; the
    cohort report with its own document as the attachment.
    """
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    if attachment is not None:
        _embed(writer, attachment, signed_at, attachment_name, attachment_description)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=signer_name,
    )
    x1, y1, x2, y2 = box
    form = _ExistingForm(_stamp_form(writer, page, stamp_form), x2 - x1, y2 - y1)
    style = StaticStampStyle(
        background=form,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),  # type: ignore[no-untyped-call]
            inner_content_scaling=layout.InnerScaling.STRETCH_FILL,
        ),
    )
    pdf_signer = signers.PdfSigner(
        meta,
        key.signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box),
    )
    out = BytesIO()
    asyncio.run(pdf_signer.async_sign_pdf(writer, output=out,
                                          bytes_reserved=key.bytes_reserved))
    return out.getvalue()


def _embed(writer: IncrementalPdfFileWriter, attachment: bytes, signed_at: datetime,
           name: str, description: str) -> None:
    spec = FileSpec(
        file_spec_string=name,
        file_name=name,
        # Deflated here at the fastest level; both forms given, as documented.
        embedded_data=EmbeddedFileObject(
            writer,
            dict_data={generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")},
            stream_data=attachment,
            encoded_data=zlib.compress(attachment, 1),
            mime_type=ATTACHMENT_MIME,
            params=EmbeddedFileParams(creation_date=signed_at, modification_date=signed_at),
        ),
        description=description,
        af_relationship=generic.NameObject("/Data"),
    )
    embed_file(writer, spec)

"""PAdES signing of a rendered scorecard with pyHanko, the JSON embedded in the same update.

One incremental update adds the `scorecard.json` attachment, the visible signature
field on the last page and the signature, which covers the whole file. The key is
parsed once into a `LoadedKey`; `bytes_reserved` is fixed so that pyHanko does not
sign twice to estimate the signature's size.
"""

from __future__ import annotations

import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from scorer.domain.scorecard import ATTACHMENT_MIME, ATTACHMENT_NAME

FIELD_NAME = "ScorecardSignature"
# An ECDSA P-256 CMS signature with its certificate is about 1.7 KB; twice that is ample,
# and a smaller reservation keeps the hex string that every reader parses short.
BYTES_RESERVED = 4096

@dataclass(frozen=True)
class LoadedKey:
    """A signing key and its certificate, parsed once and reused for every export."""

    signer: signers.SimpleSigner
    certificate: asn1_x509.Certificate


def load_key(key_pem: bytes, certificate_pem: bytes) -> LoadedKey:
    key: asn1_keys.PrivateKeyInfo = load_private_key_from_pemder_data(key_pem, passphrase=None)
    certs = list(load_certs_from_pemder_data(certificate_pem))
    cert = certs[0]
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]
    )
    return LoadedKey(signer=signer, certificate=cert)


class _PdfPageBytes(PdfContent):
    """The first page of a PDF held in memory, as a form XObject (cf. pyHanko's ImportedPdfPage)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        super().__init__()

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobj = writer.import_page_as_xobject(PdfFileReader(BytesIO(self.data)), page_ix=0)
        name = "/Stamp" + binascii.hexlify(uuid.uuid4().bytes).decode("ascii")
        self.resources.xobject[name] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name.encode("ascii") + b" Do"


def sign_scorecard(
    pdf: bytes,
    key: LoadedKey,
    attachment: bytes | None,
    *,
    page: int,
    box: tuple[int, int, int, int],
    stamp_pdf: bytes,
    signer_name: str,
    signed_at: datetime,
) -> bytes:
    """Embed `attachment` as scorecard.json and sign the whole file with a visible stamp."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    if attachment is not None:
        _embed(writer, attachment, signed_at)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Interview scorecard",
        name=signer_name,
    )
    style = StaticStampStyle(background=_PdfPageBytes(stamp_pdf), border_width=0)
    pdf_signer = signers.PdfSigner(
        meta,
        key.signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box),
    )
    out = BytesIO()
    pdf_signer.sign_pdf(writer, output=out, bytes_reserved=BYTES_RESERVED)
    return out.getvalue()


def _embed(writer: IncrementalPdfFileWriter, attachment: bytes, signed_at: datetime) -> None:
    spec = FileSpec(
        file_spec_string=ATTACHMENT_NAME,
        file_name=ATTACHMENT_NAME,
        embedded_data=EmbeddedFileObject.from_file_data(
            writer,
            data=attachment,
            mime_type=ATTACHMENT_MIME,
            params=EmbeddedFileParams(creation_date=signed_at, modification_date=signed_at),
        ),
        description="The machine-readable scorecard (schema scorer.scorecard/1)",
        af_relationship=generic.NameObject("/Data"),
    )
    embed_file(writer, spec)

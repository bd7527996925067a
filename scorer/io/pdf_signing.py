"""PAdES signing of a rendered scorecard with pyHanko, the JSON embedded in the same update.

One incremental update adds the `scorecard.json` attachment, the visible signature
field on the last page and the signature, which covers the whole file. The key is
parsed once into a `LoadedKey`; `bytes_reserved` is fixed so that pyHanko does not
sign twice to estimate the signature's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from scorer.domain.scorecard import ATTACHMENT_MIME, ATTACHMENT_NAME

FIELD_NAME = "ScorecardSignature"
# The CMS blob holds the certificate and repeats its names (issuer and serial in the signer
# info and the signing-certificate attribute): about 2.2 KB for a typical identity. A fixed
# reservation skips pyHanko's trial signature; it scales with the certificate for long names.
MIN_RESERVED = 4096

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
        # The signing certificate is embedded anyway; an empty registry adds no second copy.
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )
    return LoadedKey(signer=signer, certificate=cert)


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
) -> bytes:
    """Embed `attachment` as scorecard.json and sign the whole file.

    The visible stamp is the document's own form XObject `stamp_form` on `page`, shown
    in a new signature field covering `box`. The panel packet is signed the same way,
    with no attachment here (its files are embedded before) and its own `reason`.
    """
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    if attachment is not None:
        _embed(writer, attachment, signed_at)
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
    reserved = max(MIN_RESERVED, 4 * len(key.certificate.dump()) + 1024)
    pdf_signer.sign_pdf(writer, output=out, bytes_reserved=reserved + reserved % 2)
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

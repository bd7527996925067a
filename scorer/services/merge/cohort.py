"""The cohort report of a per-candidate merge: statistics, document, signed PDF and CSV.

Cohort (domain) → the document `scorer.cohort/1`, which names each candidate's packet
by SHA-256 → the report's pages (reportlab), the document's digest in its keywords →
the document embedded and the whole file signed by the merger (pyHanko), in one
incremental update. Nothing is written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from scorer.domain.cohort import Cohort, build_cohort
from scorer.domain.cohort_doc import COHORT_ATTACHMENT, CohortDoc, cohort_doc
from scorer.domain.document_info import cohort_info
from scorer.domain.packet_doc import MergerPart
from scorer.domain.panel import Panel, PanelKind, RejectedInput
from scorer.services.merge.build import Merger, signing_key


@dataclass(frozen=True, slots=True)
class CohortFiles:
    cohort: Cohort
    document: CohortDoc
    pdf: bytes  # signed
    csv: bytes


def cohort_files(
    panels: Sequence[Panel],
    packets: Sequence[tuple[str, str]],
    unassigned: Sequence[RejectedInput],
    merger: Merger,
    merged_at: datetime,
    expected: Sequence[PanelKind] = (),
    page_size: str = "A4",
) -> CohortFiles:
    """The report over `panels`, whose packets (file name, SHA-256) are `packets`."""
    from scorer.io.documents.cohort import CohortView, render_cohort
    from scorer.io.documents.cohort_csv import cohort_csv
    from scorer.io.pdf.signature_stamp import STAMP_FORM
    from scorer.io.signatures.sign import sign_scorecard

    cohort = build_cohort(panels)
    document = cohort_doc(
        cohort, panels, packets, merged_at=merged_at,
        merger=MergerPart(name=merger.name, email=merger.email,
                          certificate_sha256=merger.fingerprint),
        expected=expected, unassigned=unassigned,
    )
    digest = document.digest()
    rendered = render_cohort(CohortView(
        cohort, tuple(name for name, _ in packets), tuple(panels), tuple(unassigned),
        merger.name, merged_at, page_size, merger.email, digest,
        cohort_info(merger.name, len(document.candidates), digest),
    ))
    box = rendered.signature_box
    signed = sign_scorecard(
        rendered.pdf, signing_key(merger), document.to_json_bytes(), page=box.page,
        box=box.rounded(), stamp_form=STAMP_FORM, signer_name=merger.name,
        signed_at=merged_at, reason="Cohort and calibration report",
        attachment_name=COHORT_ATTACHMENT,
        attachment_description="The cohort report's data (schema scorer.cohort/1)",
    )
    return CohortFiles(cohort, document, signed, cohort_csv(document))

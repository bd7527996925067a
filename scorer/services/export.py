"""Export a submitted interview as a signed PDF scorecard.

Render (reportlab) → embed the JSON and sign in one update (pyHanko) → write
atomically (a temporary file beside the target, then a rename: never a partial
file) → record the export's SHA-256 (`export_records` keeps it in the local store).
Only the identity recorded on the interview signs it, and only if it is the
interviewer's own (`signed_as`): a card names its interviewer as the signing
certificate does.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from scorer.domain.errors import ScorerError
from scorer.domain.identity_match import (
    emails_agree,
    names_agree,
    person_label,
    short_fingerprint,
)
from scorer.domain.interview import InterviewDetail
from scorer.domain.scorecard import scorecard_from_detail
from scorer.domain.signing_records import ExportRecord, SigningFacts
from scorer.private_home import file_mode
from scorer.services import identity
from scorer.services.atomic_file import write_atomic
from scorer.services.file_replace import in_use_hint

if TYPE_CHECKING:
    from scorer.io.signatures.sign import LoadedKey

PageSize = Literal["A4", "Letter"]


class ExportError(ScorerError):
    """The scorecard cannot be exported."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    sha256: str
    signer_fingerprint: str
    pages: int
    exported_at: datetime
    signed_by: str = ""  # `Name <email>` as the card and its certificate name the signer


@dataclass(frozen=True, slots=True)
class SignedScorecard:
    pdf: bytes
    pages: int
    exported_at: datetime
    signed_by: str = ""


class Signer:
    """Signs scorecards; keeps each identity's parsed key in memory after first use."""

    def __init__(self, home: Path | None = None) -> None:
        self.home = home
        self._keys: dict[str, LoadedKey] = {}
        self._holders: dict[str, identity.Identity] = {}

    def key(self, fingerprint: str, who: str) -> LoadedKey:
        loaded = self._keys.get(fingerprint)
        if loaded is None:
            from scorer.io.signatures.sign import load_key

            key_pem, cert_pem = identity.signing_key(fingerprint, who, self.home)
            loaded = load_key(key_pem, cert_pem)
            self._keys[fingerprint] = loaded
        return loaded

    def sign(
        self,
        detail: InterviewDetail,
        fingerprint: str,
        page_size: PageSize = "A4",
        now: datetime | None = None,
    ) -> SignedScorecard:
        from scorer.io.documents.scorecard import render_scorecard
        from scorer.io.pdf.signature_stamp import STAMP_FORM
        from scorer.io.signatures.sign import sign_scorecard

        who = f"{detail.interviewer.name} <{detail.interviewer.email}>"
        holder = self._holders.get(fingerprint) or identity.find(fingerprint, self.home)
        if holder is not None:
            self._holders[fingerprint] = holder  # a fingerprint names one certificate
            detail = signed_as(detail, holder)
        key = self.key(fingerprint, who)
        now = (now or datetime.now(UTC)).replace(microsecond=0)
        card = scorecard_from_detail(detail, fingerprint, now)
        document = card.to_json_bytes()
        rendered = render_scorecard(card, page_size, rubric=detail.rubric,
                                    digest=hashlib.sha256(document).hexdigest())
        box = rendered.signature_box
        pdf = sign_scorecard(
            rendered.pdf, key, document,
            page=box.page, box=box.rounded(), stamp_form=STAMP_FORM,
            signer_name=card.interviewer.name, signed_at=now,
        )
        signed_by = person_label(card.interviewer.name, card.interviewer.email)
        return SignedScorecard(pdf, rendered.pages, now, signed_by)


def signed_as(detail: InterviewDetail, holder: identity.Identity) -> InterviewDetail:
    """The interview as the identity `holder` signs it, or `ExportError` if it is not theirs.

    A card speaks only for its signer (`identity_match`): the interviewer's email must be
    the certificate's. The name on the card is the certificate's when the two are
    spelt differently, so that the card names its interviewer as the certificate does.
    """
    interviewer = detail.interviewer
    certified = holder.certified
    if not emails_agree(interviewer.email, certified.emails):
        raise ExportError(
            f"Interview {detail.id} was conducted by "
            f"{person_label(interviewer.name, interviewer.email)}, but the signing identity "
            f"that would sign it is {certified.label()} (certificate "
            f"{short_fingerprint(certified.fingerprint)}), so it is not signed: a scorecard "
            "is signed only by its own interviewer's identity."
        )
    if names_agree(interviewer.name, certified.name):
        return detail
    return replace(detail, interviewer=replace(interviewer, name=certified.name))


def check_output(target: Path, *, force: bool) -> None:
    """Refuse, before any work, a file that cannot or may not be written: one in a folder
    that does not exist (no folder is made), a folder, or an existing file without `force`."""
    if target.is_dir():
        raise ExportError(f"{target} is a folder; name the file to write.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist; make it first, or "
                          "write the file elsewhere.")
    if (target.exists() or target.is_symlink()) and not force:
        raise ExportError(f"{target} exists already; give --force to replace it.")


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def _write_failed(target: Path, exc: OSError) -> ExportError:
    if is_disk_full(exc):
        return ExportError(f"The disk holding {target} is full, so nothing was written; what "
                           "was saved before is safe. Free some space and try again.")
    return ExportError(f"Cannot write {target}: {exc.strerror}.{in_use_hint(exc)}")


def write_document(target: Path, data: bytes) -> None:
    """Write a document to share (a scorecard, a packet) atomically (see `atomic_file`), in
    the user's normal mode outside the data home; no folder is made."""
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist; make it first, or "
                          "write the file elsewhere.")
    try:
        write_atomic(target, data, file_mode(target))
    except OSError as exc:
        raise _write_failed(target, exc) from None


def export_detail(
    detail: InterviewDetail,
    fingerprint: str,
    target: Path,
    page_size: PageSize = "A4",
    signer: Signer | None = None,
    record: Callable[[ExportResult], None] | None = None,
) -> ExportResult:
    """Sign `detail` with identity `fingerprint` and write it to `target`."""
    signed = (signer or Signer()).sign(detail, fingerprint, page_size)
    write_document(target, signed.pdf)
    result = ExportResult(
        path=target,
        sha256=hashlib.sha256(signed.pdf).hexdigest(),
        signer_fingerprint=fingerprint,
        pages=signed.pages,
        exported_at=signed.exported_at,
        signed_by=signed.signed_by,
    )
    if record is not None:
        record(result)
    return result


class SigningRecords(Protocol):
    """The store's part in signing (a table of exports, certificates on interviews)."""

    def get_interview(self, interview_id: int) -> InterviewDetail: ...

    def signing_facts(self, interview_id: int) -> SigningFacts: ...

    def pin_certificate(self, interview_id: int, fingerprint: str, *,
                        also_interviewer: bool) -> None: ...

    def record_export(self, record: ExportRecord) -> None: ...


class ExportService:
    """What the app's Export action and `scorer export` call."""

    def __init__(self, records: SigningRecords, signer: Signer | None = None) -> None:
        self._records = records
        self._signer = signer or Signer()

    @property
    def signer(self) -> Signer:
        return self._signer

    def signing_fingerprint(self, interview_id: int) -> str:
        """The certificate that signs this interview, pinned on it at its first export.

        It is the one recorded for the interviewer; failing that, this computer's own
        identity if its email is the interviewer's (which then records it for them).
        """
        facts = self._records.signing_facts(interview_id)
        fingerprint = facts.pinned or facts.on_record
        if fingerprint is None:
            mine = identity.default_fingerprint(self._signer.home)
            found = identity.find(mine, self._signer.home) if mine else None
            if found is not None and emails_agree(facts.interviewer_email,
                                                  found.certified.emails):
                fingerprint = found.fingerprint
        if fingerprint is None:
            raise ExportError(
                f"Interview {interview_id} was conducted by {facts.interviewer_name} "
                f"<{facts.interviewer_email}>, and no signing identity is recorded for them; "
                "only their own identity can sign it (`scorer identity create` on their computer)."
            )
        if facts.pinned is None:
            self._records.pin_certificate(interview_id, fingerprint,
                                          also_interviewer=facts.on_record is None)
        return fingerprint

    def export_interview(self, interview_id: int, path: Path, page_size: PageSize = "A4"
                         ) -> ExportResult:
        """Sign interview `interview_id` into `path`; returns the path and the file's SHA-256."""
        detail = self._records.get_interview(interview_id)
        if detail.submitted_at is None:
            raise ExportError(
                f"Interview {interview_id} is not submitted yet; only a submitted interview "
                "is exported."
            )
        fingerprint = self.signing_fingerprint(interview_id)

        def record(result: ExportResult) -> None:
            self._records.record_export(ExportRecord(
                interview_id=interview_id, path=str(result.path.resolve()),
                sha256=result.sha256, signer_fingerprint=result.signer_fingerprint,
                page_size=page_size, exported_at=result.exported_at,
            ))

        return export_detail(detail, fingerprint, path, page_size, self._signer, record)

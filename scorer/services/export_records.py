"""The export service's records in the local store: what it reads of an interview and
what it writes back (the certificate pinned to it, the export, and the card queued for
the team store when the profile is connected to one)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from scorer.domain.interview import InterviewDetail
from scorer.domain.signing_records import ExportRecord, SigningFacts
from scorer.services.export import ExportError, ExportResult, ExportService, PageSize
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from scorer.storage import Store, signing, team_outbox


class StoreSigningRecords:
    """`SigningRecords` on the local store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._interviews = InterviewService(store)

    def get_interview(self, interview_id: int) -> InterviewDetail:
        return self._interviews.get_interview(interview_id)

    def signing_facts(self, interview_id: int) -> SigningFacts:
        with self._store.read() as reader:
            return signing.signing_facts(reader.connection, interview_id)

    def pin_certificate(self, interview_id: int, fingerprint: str, *,
                        also_interviewer: bool) -> None:
        with self._store.write() as tx:
            signing.pin_certificate(tx.connection, interview_id, fingerprint, also_interviewer)

    def record_export(self, record: ExportRecord) -> None:
        """Record the export and, when connected to a team store, queue the card to publish,
        in one transaction."""
        with self._store.write() as tx:
            signing.record_export(tx.connection, record)
            if team_outbox.linked(tx.connection) is not None:
                pdf = _written_card(Path(record.path), record.sha256)
                team_outbox.enqueue_card(tx.connection, record.interview_id, record.sha256,
                                         pdf, time.time())


def _written_card(path: Path, sha256: str) -> bytes:
    try:
        pdf = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"Cannot read back {path} to publish it: {exc.strerror}.") from None
    if hashlib.sha256(pdf).hexdigest() != sha256:
        raise ExportError(f"{path} changed while it was being exported; export it again.")
    return pdf


def export_interview(interview_id: int, path: Path, page_size: PageSize = "A4") -> ExportResult:
    """`scorer export`: open the local store, export, close."""
    with open_local_store() as store:
        return ExportService(StoreSigningRecords(store)).export_interview(
            interview_id, path, page_size)

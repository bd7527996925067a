"""The store's part in signing: which certificate signs an interview, and its exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from scorer.domain.interview_errors import InterviewNotFound
from scorer.domain.signing_records import ExportRecord, SigningFacts
from scorer.storage.tables import candidates, exports, interviewers, interviews, rubric_snapshots

I = interviews.c  # noqa: E741
W = interviewers.c
E = exports.c
C = candidates.c
R = rubric_snapshots.c


def signing_facts(connection: Connection, interview_id: int) -> SigningFacts:
    query = select(
        W.name, W.email, I.interviewer_certificate_sha256, W.certificate_sha256
    ).select_from(interviews.join(interviewers, I.interviewer_id == W.id)).where(
        I.id == interview_id
    )
    row = connection.execute(query).first()
    if row is None:
        raise InterviewNotFound(f"There is no interview with id {interview_id}.")
    return SigningFacts(*row)


def interviewer_certificates(connection: Connection, emails: Iterable[str]
                             ) -> dict[str, tuple[str, str | None]]:
    """(name, certificate on record) of each interviewer of `emails` in the store, by email."""
    query = select(W.email, W.name, W.certificate_sha256).where(W.email.in_(list(emails)))
    return {email: (name, fingerprint) for email, name, fingerprint in connection.execute(query)}


def set_interviewer_certificate(connection: Connection, email: str, fingerprint: str) -> bool:
    """Record `fingerprint` as the interviewer's (by email); False if no such interviewer."""
    result = connection.execute(
        update(interviewers).where(W.email == email).values(certificate_sha256=fingerprint)
    )
    return bool(result.rowcount)


def pin_certificate(connection: Connection, interview_id: int, fingerprint: str,
                    also_interviewer: bool = False) -> None:
    """Pin the signing certificate on an interview, once: a pinned one never changes."""
    if also_interviewer:
        who = select(I.interviewer_id).where(I.id == interview_id).scalar_subquery()
        connection.execute(
            update(interviewers).where(W.id == who).values(certificate_sha256=fingerprint)
        )
    connection.execute(
        update(interviews)
        .where(I.id == interview_id, I.interviewer_certificate_sha256.is_(None))
        .values(interviewer_certificate_sha256=fingerprint)
    )


def record_export(connection: Connection, record: ExportRecord) -> None:
    connection.execute(insert(exports).values(
        interview_id=record.interview_id, path=record.path, sha256=record.sha256,
        signer_fingerprint=record.signer_fingerprint, page_size=record.page_size,
        exported_at=record.exported_at,
    ))


def export_records(connection: Connection, interview_id: int) -> list[ExportRecord]:
    query = select(
        E.interview_id, E.path, E.sha256, E.signer_fingerprint, E.page_size, E.exported_at
    ).where(E.interview_id == interview_id).order_by(E.exported_at, E.id)
    return [ExportRecord(*row) for row in connection.execute(query)]


@dataclass(frozen=True, slots=True)
class PinnedInterview:
    """An interview that a certificate signs (pinned at its first export)."""

    interview_id: int
    candidate: str
    interview: str  # the rubric's title
    exports: int  # signed scorecards written so far


def pinned_interviews(connection: Connection, fingerprint: str) -> list[PinnedInterview]:
    exported = (select(E.interview_id, func.count().label("n")).group_by(E.interview_id)
                .subquery())
    query = (
        select(I.id, C.name, R.title, func.coalesce(exported.c.n, 0))
        .select_from(
            interviews.join(candidates, I.candidate_id == C.id)
            .join(rubric_snapshots, (I.rubric_id == R.rubric_id)
                  & (I.rubric_version == R.version))
            .outerjoin(exported, exported.c.interview_id == I.id))
        .where(I.interviewer_certificate_sha256 == fingerprint)
        .order_by(I.id)
    )
    return [PinnedInterview(*row) for row in connection.execute(query)]


def certificates_in_use(connection: Connection, fingerprints: Iterable[str]) -> set[str]:
    """Those of `fingerprints` that signed an exported card or are pinned on an interview."""
    wanted = list(fingerprints)
    signed = select(E.signer_fingerprint).where(E.signer_fingerprint.in_(wanted))
    pinned = select(I.interviewer_certificate_sha256).where(
        I.interviewer_certificate_sha256.in_(wanted))
    return {row[0] for row in connection.execute(signed.union(pinned))}


def hand_over_interviewers(connection: Connection, old: str, new: str, emails: Iterable[str]
                           ) -> int:
    """Record `new` for the interviewers of `emails` that had `old`; how many changed.

    Interviews already pinned to `old` keep it: they are signed by the key that signed
    them first.
    """
    result = connection.execute(
        update(interviewers)
        .where(W.certificate_sha256 == old, W.email.in_(list(emails)))
        .values(certificate_sha256=new)
    )
    return int(result.rowcount or 0)

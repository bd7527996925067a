"""The scorecard as data: the versioned JSON document embedded in every signed PDF.

`scorecard_from_detail` builds it from a submitted interview; `to_json_bytes` is
its one encoding (fields in schema order, UTF-8), whose SHA-256 is also written
into the signed PDF's metadata; `parse_scorecard` reads it back and checks that
it is self-consistent (the rubric snapshot hashes to the stated version, every
level exists in that snapshot, the summary matches the scores).

Schema `scorer.scorecard/1`:

    schema            "scorer.scorecard/1"
    exported_at       ISO 8601 UTC
    interview         id, created_at, scheduled_for, started_at, ended_at, submitted_at,
                      planned_minutes, actual_seconds
    candidate         name, email
    interviewer       name, email, certificate_sha256 (hex SHA-256 of the DER certificate)
    rubric            id, title, version, snapshot (the pinned rubric as a JSON object)
    scores[]          dimension_id, dimension_name, weight, score, level_label, anchor, evidence
    summary           fraction (0-1), percent, mean, scale_min, scale_max, scored, total
    recommendation    id, label, hire, or null
    questions[]       kind ("rubric"|"adhoc"), question_id, title, status
                      ("asked"|"skipped"|null), asked_at (seconds), note
    general_notes     text
    summary_note      text
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scorer.domain.aggregate import weighted_score
from scorer.domain.errors import ScorerError
from scorer.domain.interview import InterviewDetail, QuestionStatus
from scorer.domain.rubric import Rubric

SCHEMA: Final = "scorer.scorecard/1"
# The name of the embedded file inside the PDF.
ATTACHMENT_NAME = "scorecard.json"
ATTACHMENT_MIME = "application/json"
# Written into the signed PDF's keywords, so the attachment is bound to the signed content.
DIGEST_KEYWORD_PREFIX = "scorer-scorecard-sha256="


class ScorecardError(ScorerError):
    """An embedded scorecard document is missing, malformed or inconsistent."""


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InterviewPart(_Doc):
    id: int
    created_at: datetime
    scheduled_for: date | None
    started_at: datetime | None
    ended_at: datetime | None
    submitted_at: datetime
    planned_minutes: int
    actual_seconds: float


class Person(_Doc):
    name: str
    email: str


class InterviewerPart(Person):
    certificate_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class RubricPart(_Doc):
    id: str
    title: str
    version: str
    snapshot: dict[str, Any]


class ScoreEntry(_Doc):
    dimension_id: str
    dimension_name: str
    weight: float
    score: int | None
    level_label: str | None
    anchor: str | None
    evidence: str


class SummaryPart(_Doc):
    fraction: float | None
    percent: int | None
    mean: float | None
    scale_min: int | None
    scale_max: int | None
    scored: int
    total: int


class RecommendationPart(_Doc):
    id: str
    label: str
    hire: bool


class QuestionEntry(_Doc):
    kind: Literal["rubric", "adhoc"]
    question_id: str
    title: str
    status: Literal["asked", "skipped"] | None
    asked_at: float | None
    note: str


_PINNED: dict[str, Rubric] = {}  # snapshot (its repr) -> rubric, oldest first
_PINNED_KEPT = 64


class Scorecard(_Doc):
    schema_: Literal["scorer.scorecard/1"] = Field(default=SCHEMA, alias="schema")
    exported_at: datetime
    interview: InterviewPart
    candidate: Person
    interviewer: InterviewerPart
    rubric: RubricPart
    scores: list[ScoreEntry]
    summary: SummaryPart
    recommendation: RecommendationPart | None
    questions: list[QuestionEntry]
    general_notes: str
    summary_note: str

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def pinned_rubric(self) -> Rubric:
        """The rubric the card was scored on; parsed once per distinct snapshot (the cards
        of one rubric version share it, and a panel or cohort reads each many times)."""
        snapshot = self.rubric.snapshot
        key = repr(snapshot)  # the content, fast; a different key order only misses the cache
        found = _PINNED.get(key)
        if found is None:
            found = Rubric.model_validate(snapshot)
            _PINNED[key] = found  # a Rubric is frozen: sharing it is safe
            while len(_PINNED) > _PINNED_KEPT:
                _PINNED.pop(next(iter(_PINNED)), None)
        return found

    def to_json_bytes(self) -> bytes:
        """The canonical encoding: the bytes that are embedded, hashed and signed.

        Fields in the schema's order, one per line (pydantic's serializer, in Rust).
        """
        return self.model_dump_json(by_alias=True, indent=1).encode("utf-8")

    def digest(self) -> str:
        return hashlib.sha256(self.to_json_bytes()).hexdigest()


def scorecard_from_detail(
    detail: InterviewDetail, certificate_sha256: str, exported_at: datetime
) -> Scorecard:
    """The document for a submitted interview, signed by the certificate `certificate_sha256`."""
    if detail.submitted_at is None:
        raise ScorecardError(
            f"Interview {detail.id} is not submitted yet; submit it before exporting the scorecard."
        )
    rubric = detail.rubric
    scores = {s.dimension_id: s for s in detail.scores}
    entries: list[ScoreEntry] = []
    for dimension in rubric.dimensions:
        given = scores.get(dimension.id)
        score = given.score if given else None
        level = dimension.level(score) if score is not None else None
        entries.append(ScoreEntry(
            dimension_id=dimension.id,
            dimension_name=dimension.name,
            weight=dimension.weight,
            score=score,
            level_label=level.label if level else None,
            anchor=level.anchor if level else None,
            evidence=given.evidence if given else "",
        ))
    option = (
        rubric.recommendation_option(detail.recommendation) if detail.recommendation else None
    )
    end = detail.timer.ended_at or detail.submitted_at
    return Scorecard(
        exported_at=exported_at,
        interview=InterviewPart(
            id=detail.id,
            created_at=detail.created_at,
            scheduled_for=detail.scheduled_for,
            started_at=detail.timer.started_at,
            ended_at=detail.timer.ended_at,
            submitted_at=detail.submitted_at,
            planned_minutes=rubric.duration_minutes,
            actual_seconds=round(detail.timer.elapsed(end), 3),
        ),
        candidate=Person(name=detail.candidate.name, email=detail.candidate.email),
        interviewer=InterviewerPart(
            name=detail.interviewer.name,
            email=detail.interviewer.email,
            certificate_sha256=certificate_sha256,
        ),
        rubric=RubricPart(
            id=rubric.id,
            title=rubric.title,
            version=detail.rubric_version,
            snapshot=rubric.model_dump(mode="json"),
        ),
        scores=entries,
        summary=_summary(rubric, entries),
        recommendation=(
            RecommendationPart(id=option.id, label=option.label, hire=option.hire)
            if option else None
        ),
        questions=_questions(detail),
        general_notes=detail.general_notes,
        summary_note=detail.summary_note,
    )


def _summary(rubric: Rubric, entries: list[ScoreEntry]) -> SummaryPart:
    weighted = weighted_score(rubric, {e.dimension_id: e.score for e in entries})
    if weighted is None:
        return SummaryPart(
            fraction=None, percent=None, mean=None, scale_min=None, scale_max=None,
            scored=0, total=len(rubric.dimensions),
        )
    return SummaryPart(
        fraction=round(weighted.fraction, 6),
        percent=weighted.percent,
        mean=round(weighted.mean, 6) if weighted.mean is not None else None,
        scale_min=weighted.scale_min,
        scale_max=weighted.scale_max,
        scored=weighted.scored,
        total=weighted.total,
    )


def _questions(detail: InterviewDetail) -> list[QuestionEntry]:
    """Rubric questions that were marked or noted (in rubric order), then ad-hoc ones."""
    rubric = detail.rubric
    marks = {m.question_id: m for m in detail.questions}
    order = [q.id for q in rubric.questions] + sorted(set(marks) - {q.id for q in rubric.questions})
    out: list[QuestionEntry] = []
    for question_id in order:
        mark = marks.get(question_id)
        if mark is None or (mark.status is None and not mark.note):
            continue
        question = rubric.question(question_id)
        out.append(QuestionEntry(
            kind="rubric",
            question_id=question_id,
            title=question.title if question else question_id,
            status=_status(mark.status),
            asked_at=mark.asked_at,
            note=mark.note,
        ))
    for adhoc in detail.adhoc_questions:
        out.append(QuestionEntry(
            kind="adhoc",
            question_id=f"adhoc-{adhoc.id}",
            title=adhoc.text,
            status="asked" if adhoc.asked_at is not None else None,
            asked_at=adhoc.asked_at,
            note=adhoc.note,
        ))
    return out


def _status(status: QuestionStatus | None) -> Literal["asked", "skipped"] | None:
    if status is QuestionStatus.ASKED:
        return "asked"
    if status is QuestionStatus.SKIPPED:
        return "skipped"
    return None


def parse_scorecard(data: bytes) -> Scorecard:
    """Read an embedded document back; `ScorecardError` if it is not a valid scorecard."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ScorecardError("The embedded scorecard is nested too deeply to be a "
                             "scorecard.") from None
    except (UnicodeDecodeError, ValueError):
        raise ScorecardError("The embedded scorecard is not valid JSON.") from None
    if not isinstance(raw, dict):
        raise ScorecardError("The embedded scorecard is not a JSON object.")
    schema = raw.get("schema")
    if schema != SCHEMA:
        raise ScorecardError(f"The embedded document has schema {schema!r}, not {SCHEMA!r}.")
    try:
        card = Scorecard.model_validate(raw)
        rubric = card.pinned_rubric()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = f"The embedded scorecard is invalid at {where}: {first['msg']}."
        raise ScorecardError(message) from None
    _check_consistent(card, rubric)
    return card


def _check_consistent(card: Scorecard, rubric: Rubric) -> None:
    if rubric.id != card.rubric.id or rubric.version != card.rubric.version:
        raise ScorecardError(
            "The embedded scorecard's rubric snapshot does not match its stated id and version."
        )
    for entry in card.scores:
        dimension = rubric.dimension(entry.dimension_id)
        if dimension is None:
            raise ScorecardError(f"The embedded scorecard scores an unknown dimension "
                                 f"'{entry.dimension_id}'.")
        level = dimension.level(entry.score) if entry.score is not None else None
        if entry.score is not None and level is None:
            raise ScorecardError(f"The embedded scorecard gives '{entry.dimension_id}' a level "
                                 f"{entry.score} that its rubric does not define.")
    if _summary(rubric, card.scores) != card.summary:
        raise ScorecardError("The embedded scorecard's summary does not match its scores.")

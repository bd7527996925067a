"""The cohort report as data: the JSON document `scorer.cohort/1` embedded in the signed report.

It holds every number the report prints and the card data they come from, so that
anyone can recompute them: per candidate, the packet written for them (file name
and SHA-256) and each counted card (its SHA-256, interview kind, interviewer,
weighted score, recommendation and every dimension's level on its scale). Its
SHA-256 is written into the report's keywords, inside the signed content, as for
packets and scorecards.

Schema `scorer.cohort/1`:

    schema          "scorer.cohort/1"
    merged_at       ISO 8601 UTC
    merger          name, email, certificate_sha256
    expected[]      id, title: the interview kinds of the panel
    method          alpha_min, significance, confidence, replicates, seed
    candidates[]    name, email, packet, packet_sha256, interviews, expected, missing[]
                    (titles), partial, overall (0-1) or null, hires, no_hires, high_flags,
                    flags, rejected, cards[]
      cards[]       sha256, rubric_id, rubric_title, rubric_version, interviewer,
                    interviewer_email, interview_id, fraction or null,
                    recommendation (label, hire) or null, dimensions[]
        dimensions[] id, name, key (competency id, else rubric-id/dimension-id), weight,
                    score or null, levels[] (the scale's level scores)
    cohort_mean     mean weighted score over every card (0-1) or null
    cards           number of counted cards
    interviewers[]  name, email, cards, mean, sd, deviation, paired_offset, paired_n,
                    recommendations[] (label, hire, count), dimensions[] (interview,
                    dimension, low, high, n, mean, sd, minimum, maximum)
    reliabilities[] key, name, dimensions[], raters[], same_scale, levels, units, pairable,
                    required, enough, alpha (null when undefined or below `required`),
                    reason, interval (low, high, confidence, below_min, replicates, draws,
                    seed) or null
    unmeasured[]    dimensions only ever scored once per candidate
    flags[]         kind, severity, title, detail
    unassigned[]    source, status, reason, candidate: rejected inputs of no known candidate
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scorer.domain.cohort import Cohort, dimension_key
from scorer.domain.cohort_files import COHORT_ATTACHMENT, COHORT_DIGEST_PREFIX, COHORT_SCHEMA
from scorer.domain.embedded_json import parse_embedded
from scorer.domain.errors import ScorerError
from scorer.domain.krippendorff_bootstrap import (
    ALPHA_MIN,
    CONFIDENCE,
    REPLICATES,
    SEED,
    SIGNIFICANCE,
)
from scorer.domain.packet_doc import (
    FlagRef,
    KindRef,
    MergerPart,
    RecommendationRef,
    RejectedRef,
    SignedDoc,
)
from scorer.domain.panel import Panel, PanelKind, RejectedInput

__all__ = [
    "COHORT_ATTACHMENT", "COHORT_DIGEST_PREFIX", "COHORT_SCHEMA", "CohortDoc", "CohortError",
    "cohort_doc", "parse_cohort",
]


class CohortError(ScorerError):
    """An embedded cohort document is missing or malformed."""


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MethodPart(_Doc):
    alpha_min: float
    significance: float
    confidence: float
    replicates: int
    seed: int


class DimensionLevel(_Doc):
    id: str
    name: str
    key: str
    weight: float
    score: int | None
    levels: list[int]


class CohortCard(_Doc):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    rubric_id: str
    rubric_title: str
    rubric_version: str
    interviewer: str
    interviewer_email: str
    interview_id: int
    fraction: float | None
    recommendation: RecommendationRef | None
    dimensions: list[DimensionLevel]


class CandidatePart(_Doc):
    name: str
    email: str
    packet: str
    packet_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    interviews: int
    expected: int
    missing: list[str]
    partial: bool
    overall: float | None
    hires: int
    no_hires: int
    high_flags: int
    flags: int
    rejected: int
    cards: list[CohortCard]


class RecommendationTally(_Doc):
    label: str
    hire: bool
    count: int


class DimensionTally(_Doc):
    interview: str
    dimension: str
    low: int
    high: int
    n: int
    mean: float
    sd: float
    minimum: int
    maximum: int


class InterviewerPart(_Doc):
    name: str
    email: str
    cards: int
    mean: float | None
    sd: float | None
    deviation: float | None
    paired_offset: float | None
    paired_n: int
    recommendations: list[RecommendationTally]
    dimensions: list[DimensionTally]


class IntervalPart(_Doc):
    low: float
    high: float
    confidence: float
    below_min: float
    replicates: int
    draws: int
    seed: int


class ReliabilityPart(_Doc):
    key: str
    name: str
    dimensions: list[str]
    raters: list[str]
    same_scale: bool
    levels: int
    units: int
    pairable: int
    required: int
    enough: bool
    alpha: float | None
    reason: str
    interval: IntervalPart | None


class CohortDoc(SignedDoc):
    schema_: Literal["scorer.cohort/1"] = Field(default=COHORT_SCHEMA, alias="schema")
    merged_at: datetime
    merger: MergerPart
    expected: list[KindRef]
    method: MethodPart
    candidates: list[CandidatePart]
    cohort_mean: float | None
    cards: int
    interviewers: list[InterviewerPart]
    reliabilities: list[ReliabilityPart]
    unmeasured: list[str]
    flags: list[FlagRef]
    unassigned: list[RejectedRef]


def _r(value: float | None) -> float | None:
    return round(value, 6) if value is not None else None


def cohort_doc(
    cohort: Cohort,
    panels: Sequence[Panel],
    packets: Sequence[tuple[str, str]],
    *,
    merged_at: datetime,
    merger: MergerPart,
    expected: Sequence[PanelKind] = (),
    unassigned: Sequence[RejectedInput] = (),
) -> CohortDoc:
    """The document for `cohort`; `packets` (file name, SHA-256) follow `panels`."""
    by_panel = {(p.candidate_name, p.candidate_email): (p, packet)
                for p, packet in zip(panels, packets, strict=True)}
    candidates = []
    for row in cohort.candidates:
        panel, (packet, packet_sha) = by_panel[(row.name, row.email)]
        candidates.append(CandidatePart(
            name=row.name, email=row.email, packet=packet, packet_sha256=packet_sha,
            interviews=row.interviews, expected=row.expected, missing=list(row.missing),
            partial=row.partial, overall=_r(row.overall), hires=row.hires,
            no_hires=row.no_hires, high_flags=row.high_flags, flags=row.flags,
            rejected=row.rejected, cards=_cards(panel),
        ))
    return CohortDoc(
        merged_at=merged_at,
        merger=merger,
        expected=[KindRef(id=k.id, title=k.title) for k in expected],
        method=MethodPart(alpha_min=ALPHA_MIN, significance=SIGNIFICANCE,
                          confidence=CONFIDENCE, replicates=REPLICATES, seed=SEED),
        candidates=candidates,
        cohort_mean=_r(cohort.cohort_mean),
        cards=cohort.cards,
        interviewers=[InterviewerPart(
            name=s.name, email=s.email, cards=s.cards, mean=_r(s.mean), sd=_r(s.sd),
            deviation=_r(s.deviation), paired_offset=_r(s.paired_offset),
            paired_n=s.paired_n,
            recommendations=[RecommendationTally(label=r.label, hire=r.hire, count=r.count)
                             for r in s.recommendations],
            dimensions=[DimensionTally(
                interview=d.interview, dimension=d.dimension, low=d.low, high=d.high, n=d.n,
                mean=round(d.mean, 6), sd=round(d.sd, 6), minimum=d.minimum,
                maximum=d.maximum) for d in s.dimensions],
        ) for s in cohort.interviewers],
        reliabilities=[ReliabilityPart(
            key=r.key, name=r.name, dimensions=list(r.dimensions), raters=list(r.raters),
            same_scale=r.same_scale, levels=r.levels, units=r.result.units,
            pairable=r.result.pairable, required=r.required, enough=r.enough,
            alpha=_r(r.shown),
            reason=("not enough data" if not r.enough else r.result.reason),
            interval=IntervalPart(
                low=round(r.interval.low, 6), high=round(r.interval.high, 6),
                confidence=r.interval.confidence, below_min=round(r.interval.below_min, 6),
                replicates=r.interval.replicates, draws=r.interval.draws, seed=r.interval.seed,
            ) if r.interval is not None else None,
        ) for r in cohort.reliabilities],
        unmeasured=list(cohort.unmeasured),
        flags=[FlagRef(kind=f.kind.value, severity=f.severity.value, title=f.title,
                       detail=f.detail) for f in cohort.flags],
        unassigned=[RejectedRef(source=r.source, status=r.status, reason=r.reason,
                                candidate=r.candidate) for r in unassigned],
    )


def _cards(panel: Panel) -> list[CohortCard]:
    out = []
    for interview in panel.interviews:
        card = interview.card
        reco = card.recommendation
        out.append(CohortCard(
            sha256=interview.entry.sha256, rubric_id=card.rubric.id,
            rubric_title=card.rubric.title, rubric_version=card.rubric.version,
            interviewer=card.interviewer.name, interviewer_email=card.interviewer.email,
            interview_id=card.interview.id, fraction=_r(interview.fraction),
            recommendation=RecommendationRef(label=reco.label, hire=reco.hire) if reco else None,
            dimensions=[DimensionLevel(
                id=d.dimension_id, name=d.name,
                key=dimension_key(interview, d.dimension_id, d.competency), weight=d.weight,
                score=d.score, levels=list(d.levels or range(d.low, d.high + 1)),
            ) for d in interview.dimensions],
        ))
    return out


def parse_cohort(data: bytes) -> CohortDoc:
    """Read an embedded cohort document back; `CohortError` if it is not one."""
    return parse_embedded(data, COHORT_SCHEMA, CohortDoc, CohortError, "cohort document")

"""The panel's numbers: each interview's weighted score, the spread, shared competencies.

Shared competencies (`Dimension.competency`) are compared on raw levels when every
scale is the same; otherwise on the normalised 0–1 scale, expressed in steps of
the coarsest scale involved.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scorer.domain.aggregate import weighted_score
from scorer.domain.panel_cards import DimensionResult, InterviewResult, PanelCard

LEVEL_GAP = 2  # levels apart on a shared competency that make a flag
EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class CompetencyScore:
    interview: str  # the interview's title
    interviewer: str
    interviewer_email: str
    dimension: str
    score: int
    low: int
    high: int

    @property
    def fraction(self) -> float:
        span = self.high - self.low
        return 1.0 if span == 0 else (self.score - self.low) / span


@dataclass(frozen=True, slots=True)
class CompetencyComparison:
    competency: str
    name: str
    scores: tuple[CompetencyScore, ...]
    gap: float  # in levels: raw when `raw`, else steps of the coarsest scale
    raw: bool

    @property
    def flagged(self) -> bool:
        return self.gap >= LEVEL_GAP - EPSILON


@dataclass(frozen=True, slots=True)
class Spread:
    low: float
    high: float
    sd: float

    @property
    def range(self) -> float:
        return self.high - self.low


def interview_result(entry: PanelCard) -> InterviewResult:
    card = entry.card
    rubric = card.pinned_rubric()
    scores = {s.dimension_id: s.score for s in card.scores}
    dimensions = []
    for entry_score in card.scores:
        dimension = rubric.dimension(entry_score.dimension_id)
        low, high = (dimension.min_score, dimension.max_score) if dimension else (0, 0)
        dimensions.append(DimensionResult(
            dimension_id=entry_score.dimension_id,
            name=entry_score.dimension_name,
            weight=entry_score.weight,
            competency=dimension.competency if dimension else None,
            score=entry_score.score,
            low=low,
            high=high,
            level_label=entry_score.level_label,
            anchor=entry_score.anchor,
        ))
    return InterviewResult(entry, rubric, weighted_score(rubric, scores), tuple(dimensions))


def spread_of(fractions: Sequence[float]) -> Spread | None:
    if not fractions:
        return None
    mean = sum(fractions) / len(fractions)
    sd = math.sqrt(sum((f - mean) ** 2 for f in fractions) / len(fractions))
    return Spread(min(fractions), max(fractions), sd)


def competency_comparisons(interviews: Sequence[InterviewResult]
                           ) -> tuple[CompetencyComparison, ...]:
    found: dict[str, list[CompetencyScore]] = {}
    names: dict[str, str] = {}
    for interview in interviews:
        for d in interview.dimensions:
            if d.competency is None or d.score is None:
                continue
            names.setdefault(d.competency, d.name)
            found.setdefault(d.competency, []).append(CompetencyScore(
                interview.title, interview.interviewer, interview.card.interviewer.email.lower(),
                d.name, d.score, d.low, d.high))
    out = []
    for competency, scores in found.items():
        if len(scores) < 2:
            continue
        scales = {(s.low, s.high) for s in scores}
        if len(scales) == 1:
            gap = float(max(s.score for s in scores) - min(s.score for s in scores))
            raw = True
        else:
            steps = min(high - low for low, high in scales)
            gap = (max(s.fraction for s in scores) - min(s.fraction for s in scores)) * steps
            raw = False
        out.append(CompetencyComparison(competency, names[competency], tuple(scores), gap, raw))
    return tuple(out)

"""The panel's numbers: each interview's weighted score, the spread, shared competencies.

Shared competencies (`Dimension.competency`) are compared in levels. When every
scale involved is the same (the same level scores), the distance between two
levels is counted in levels of that scale: on a 1, 3, 5 scale, 1 and 3 are one
level apart. When the scales differ, each level is placed on its scale's range
(0 at the lowest level, 1 at the highest) and the difference is turned into
steps of the coarsest scale, the one with the fewest levels: on 1–4 (three steps)
against 0–10, a 1 and a 7 are 0.7 × 3 = 2.1 levels apart.
"""

from __future__ import annotations

import math
from bisect import bisect_left
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
    levels: tuple[int, ...] = ()  # the scale's level scores, lowest first

    @property
    def fraction(self) -> float:
        """Where the level lies on its scale's range: 0 at the lowest level, 1 at the highest."""
        span = self.high - self.low
        return 1.0 if span == 0 else (self.score - self.low) / span

    @property
    def rank(self) -> int:
        """The level's position on its own scale, 0 for the lowest."""
        levels = self.levels or tuple(range(self.low, self.high + 1))
        return bisect_left(levels, self.score)

    @property
    def scale(self) -> tuple[int, ...]:
        return self.levels or tuple(range(self.low, self.high + 1))


@dataclass(frozen=True, slots=True)
class CompetencyComparison:
    competency: str
    name: str
    scores: tuple[CompetencyScore, ...]
    gap: float  # in levels of the common scale, or in steps of the coarsest scale
    same_scale: bool

    @property
    def flagged(self) -> bool:
        return self.gap >= LEVEL_GAP - EPSILON

    @property
    def steps(self) -> int:
        """Steps of the coarsest scale involved: its number of levels less one."""
        return coarsest_steps(self.scores)


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
        levels = tuple(sorted({lv.score for lv in dimension.levels})) if dimension else ()
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
            levels=levels,
        ))
    return InterviewResult(entry, rubric, weighted_score(rubric, scores), tuple(dimensions))


def score_line(interview: InterviewResult) -> str:
    """The interview's weighted score at a glance: `Solid · 2.9 / 4`, led by the label of the
    level nearest the weighted mean (ties go to the lower level); `63 %` where the scored
    dimensions use different scales; `not scored` without a score."""
    weighted = interview.weighted
    if weighted is None:
        return "not scored"
    if weighted.mean is None or weighted.scale_max is None:
        return f"{weighted.percent}\u00a0%"
    shown = round(weighted.mean, 1)
    label = nearest_level_label(interview, shown)
    number = f"{shown:.1f} / {weighted.scale_max}"
    return f"{label} · {number}" if label else number


def nearest_level_label(interview: InterviewResult, mean: float) -> str:
    """The label the rubric gives the level nearest `mean`, most often among its dimensions."""
    labels: dict[int, dict[str, int]] = {}
    for d in interview.rubric.dimensions:
        for level in d.levels:
            counted = labels.setdefault(level.score, {})
            counted[level.label] = counted.get(level.label, 0) + 1
    if not labels:
        return ""
    nearest = min(labels, key=lambda score: (abs(score - mean), score))
    counted = labels[nearest]
    return max(counted, key=lambda name: counted[name])


def spread_of(fractions: Sequence[float]) -> Spread | None:
    if not fractions:
        return None
    mean = sum(fractions) / len(fractions)
    sd = math.sqrt(sum((f - mean) ** 2 for f in fractions) / len(fractions))
    return Spread(min(fractions), max(fractions), sd)


def same_scale(scores: Sequence[CompetencyScore]) -> bool:
    return len({s.scale for s in scores}) == 1


def coarsest_steps(scores: Sequence[CompetencyScore]) -> int:
    return min(len(s.scale) for s in scores) - 1 if scores else 0


def level_position(score: CompetencyScore, scores: Sequence[CompetencyScore]) -> float:
    """`score` in levels, comparable across `scores`: its rank on a common scale, else its
    place on its range in steps of the coarsest scale among `scores`."""
    if same_scale(scores):
        return float(score.rank)
    return score.fraction * coarsest_steps(scores)


def level_distance(scores: Sequence[CompetencyScore]) -> float:
    """How many levels apart the highest and the lowest of `scores` are."""
    positions = [level_position(s, scores) for s in scores]
    return max(positions) - min(positions) if positions else 0.0


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
                d.name, d.score, d.low, d.high, d.levels))
    out = []
    for competency, scores in found.items():
        if len(scores) < 2:
            continue
        out.append(CompetencyComparison(competency, names[competency], tuple(scores),
                                        level_distance(scores), same_scale(scores)))
    return tuple(out)

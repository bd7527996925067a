"""The weighted score of one interview, normalised so that different scales compare.

Each dimension's score is placed on 0–1 between its lowest and highest level
(`(score - min) / (max - min)`), then the dimensions are averaged with their
weights. The panel merge reuses the same maths for its per-dimension aggregates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scorer.domain.rubric import Dimension, Rubric


def normalised(dimension: Dimension, score: int) -> float:
    """`score` on 0–1 between the dimension's lowest and highest level."""
    low, high = dimension.min_score, dimension.max_score
    if high == low:  # a rubric check forbids this; guard the division anyway
        return 1.0
    return min(1.0, max(0.0, (score - low) / (high - low)))


@dataclass(frozen=True, slots=True)
class WeightedScore:
    """The summary of one interview's scores.

    `fraction` is the weighted mean of the normalised scores (0–1). When every
    scored dimension shares one scale, `mean` is the weighted mean on that scale
    and `scale_min`/`scale_max` its ends; otherwise those are None.
    """

    fraction: float
    scored: int
    total: int
    weight_scored: float
    weight_total: float
    mean: float | None
    scale_min: int | None
    scale_max: int | None

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @property
    def complete(self) -> bool:
        return self.scored == self.total

    def label(self) -> str:
        """`2.9 / 4 · 63 %`, or `63 %` when the scales differ."""
        if self.mean is None or self.scale_max is None:
            return f"{self.percent} %"
        return f"{self.mean:.1f} / {self.scale_max} · {self.percent} %"


def weighted_score(rubric: Rubric, scores: Mapping[str, int | None]) -> WeightedScore | None:
    """The weighted summary of `scores` (dimension id → level), or None if nothing is scored.

    Scores for dimensions the rubric does not have, or levels it does not define,
    are ignored: the pinned rubric is the authority.
    """
    weight_total = sum(d.weight for d in rubric.dimensions)
    used: list[tuple[Dimension, int]] = []
    for dimension in rubric.dimensions:
        score = scores.get(dimension.id)
        if score is not None and dimension.level(score) is not None:
            used.append((dimension, score))
    if not used:
        return None
    weight_scored = sum(d.weight for d, _ in used)
    fraction = sum(d.weight * normalised(d, s) for d, s in used) / weight_scored
    scales = {(d.min_score, d.max_score) for d, _ in used}
    mean: float | None = None
    scale_min: int | None = None
    scale_max: int | None = None
    if len(scales) == 1:
        scale_min, scale_max = next(iter(scales))
        mean = sum(d.weight * s for d, s in used) / weight_scored
    return WeightedScore(
        fraction=fraction,
        scored=len(used),
        total=len(rubric.dimensions),
        weight_scored=weight_scored,
        weight_total=weight_total,
        mean=mean,
        scale_min=scale_min,
        scale_max=scale_max,
    )

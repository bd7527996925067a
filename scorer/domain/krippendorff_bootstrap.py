"""How much data α needs before it is worth reading, and its bootstrapped confidence interval.

The least data (`required_values`): Krippendorff's sample-size formula for
reliability data (Content Analysis: An Introduction to Its Methodology, chapter
"Reliability", section on sampling, after Bloch & Kraemer 1989, eq. 3.7), for two
coders:

    N = 2 z² [ (1 + α_min)(3 - α_min) / (4 (1 - α_min) p_c (1 - p_c)) - α_min ]

where α_min is the smallest acceptable α, z the normal deviate of the chosen
level of significance (one-tailed) and p_c the probability of the least frequent
value. With α_min = .667 (the level below which Krippendorff advises against even
tentative conclusions), significance .05 (z = 1.645) and four equally used levels
(p_c = 1/4), N = 81, the number his table gives. A scale of K levels is taken as
used evenly (p_c = 1/K); N counts pairable values, the n of α.

The interval (`bootstrap_alpha`): Krippendorff's algorithm for bootstrapping a
distribution of α ("Algorithm for bootstrapping a distribution of cα", 2006,
revised 2011): draw M pairs of values with replacement from the observed
coincidences (cell (c, k), c ≤ k, with probability o_ck / n, doubled off the
diagonal), score each resample α* = 1 - Σ δ²(drawn pairs) / (M · D_e) with the
data's own expected disagreement, and read the percentiles. M is the number of
pairs the data hold (Σ_u m_u (m_u - 1) / 2), capped at 25 per non-empty cell.
Resamples below -1 count as -1; resamples of perfect agreement are set to 0 where
they only repeat one value (no variation, so no agreement to measure), as the
algorithm prescribes. The generator has a fixed seed: the same data give the same
interval on every run.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from statistics import NormalDist

from scorer.domain.krippendorff import Metric, coincidences, differences

ALPHA_MIN = 0.667  # below it Krippendorff advises against drawing even tentative conclusions
SIGNIFICANCE = 0.05
CONFIDENCE = 0.95
REPLICATES = 5000
SEED = 20110612  # the bootstrap algorithm's revision date: any fixed value would do
DRAWS_PER_CELL = 25


def required_values(levels: int, alpha_min: float = ALPHA_MIN,
                    significance: float = SIGNIFICANCE) -> int:
    """Pairable values needed to tell α from `alpha_min` at `significance`, on `levels` levels."""
    if levels < 2:
        raise ValueError("a scale needs two or more levels")
    p = 1 / levels
    z = NormalDist().inv_cdf(1 - significance)
    a = alpha_min
    n = 2 * z * z * ((1 + a) * (3 - a) / (4 * (1 - a) * p * (1 - p)) - a)
    return math.ceil(n - 1e-9)


@dataclass(frozen=True, slots=True)
class AlphaInterval:
    low: float
    high: float
    confidence: float
    below_min: float  # share of resamples below ALPHA_MIN: the chance α fails to reach it
    replicates: int
    draws: int  # M, pairs per resample
    seed: int


def bootstrap_alpha(units: Iterable[Iterable[float | None]], metric: Metric = "ordinal", *,
                    replicates: int = REPLICATES, seed: int = SEED,
                    confidence: float = CONFIDENCE) -> AlphaInterval | None:
    """The bootstrapped interval of α for `units`; None where it does not apply.

    It does not apply when α is undefined, or exactly 0 or 1 (the algorithm's own rule).
    """
    data = [[v for v in unit if v is not None] for unit in units]
    table = coincidences(data)
    n = table.pairable
    if table.units == 0 or n <= 1:
        return None
    marginals = table.marginals
    delta = differences(metric, table.values, marginals)
    size = len(table.values)
    expected = sum(marginals[i] * marginals[j] * delta[i][j]
                   for i in range(size) for j in range(size)) / (n * (n - 1))
    observed = sum(table.matrix[i][j] * delta[i][j]
                   for i in range(size) for j in range(size)) / n
    if expected == 0 or observed == 0 or observed == expected:
        return None
    cells: list[tuple[float, float]] = []  # (probability, δ²) of each non-empty cell, c ≤ k
    diagonal: list[float] = []
    for i in range(size):
        for j in range(i, size):
            o = table.matrix[i][j]
            if o <= 0:
                continue
            p = o / n if i == j else 2 * o / n
            cells.append((p, delta[i][j]))
            if i == j:
                diagonal.append(p)
    pairs = sum(m * (m - 1) // 2 for m in (len(u) for u in data) if m >= 2)
    draws = min(DRAWS_PER_CELL * len(cells), pairs)
    cumulative = list(accumulate(p for p, _ in cells))
    values = [d for _, d in cells]
    rng = random.Random(seed)
    scale = draws * expected
    resampled = []
    for _ in range(replicates):
        drawn = rng.choices(values, cum_weights=cumulative, k=draws)
        resampled.append(max(-1.0, 1 - sum(drawn) / scale))
    resampled = _without_spurious_agreement(resampled, diagonal, draws)
    resampled.sort()
    tail = (1 - confidence) / 2
    low = resampled[max(int(tail * replicates), 1) - 1]
    high = resampled[min(math.floor((1 - tail) * replicates) + 1, replicates) - 1]
    below = bisect_left(resampled, ALPHA_MIN) / replicates
    return AlphaInterval(low, high, confidence, below, replicates, draws, seed)


def _without_spurious_agreement(resampled: list[float], diagonal: list[float], draws: int
                                ) -> list[float]:
    """Resamples of perfect agreement that only repeat one value are set to 0 (the
    algorithm's correction): when one value is all the data agree on, every such resample
    is; otherwise as many as would be expected to hold a single value only."""
    perfect = Counter(value == 1.0 for value in resampled)[True]
    if not perfect:
        return resampled
    if len(diagonal) == 1:
        return [0.0 if value == 1.0 else value for value in resampled]
    expected = round(len(resampled) * sum(p ** draws for p in diagonal))
    if expected >= perfect:
        return [0.0 if value == 1.0 else value for value in resampled]
    out = sorted(resampled)
    for index in range(len(out) - expected, len(out)):
        out[index] = 0.0
    return out

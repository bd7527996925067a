"""The least data α is read from, and Krippendorff's bootstrapped interval of α."""

from __future__ import annotations

import math
import random
from statistics import NormalDist

import pytest

from scorer.domain.cohort import build_cohort
from scorer.domain.krippendorff import alpha, coincidences, differences
from scorer.domain.krippendorff_bootstrap import ALPHA_MIN, bootstrap_alpha, required_values
from scorer.domain.panel import Panel, build_panel
from tests.domain.test_krippendorff import SECTION_C
from tests.domain.test_panel import detail, entry

THEORY = "ml-dl-theory"


def test_the_least_data_matches_krippendorffs_table() -> None:
    # Two coders, four equally used values, significance .05: 81 values for α_min = .667
    # and 139 for .800 (Krippendorff's sample-size table, after Bloch & Kraemer).
    assert required_values(4) == 81
    assert required_values(4, alpha_min=0.8) == 139
    # Fewer levels need less data, more levels more: the least frequent value is rarer.
    assert required_values(2) < required_values(4) < required_values(5) < required_values(11)
    with pytest.raises(ValueError):
        required_values(1)


def cohort_panels(pairs: list[tuple[int, int]]) -> list[Panel]:
    out = []
    for n, (math_level, opt_level) in enumerate(pairs):
        email = f"c{n}@example.com"
        out.append(build_panel([
            entry(detail("math", {THEORY: math_level}, candidate=f"C{n}", email=email,
                         interviewer="Samira Qureshi", interview_id=2 * n + 1)),
            entry(detail("optimisation", {THEORY: opt_level}, candidate=f"C{n}", email=email,
                         interviewer="Ajay Fenwick", interview_id=2 * n + 2)),
        ]))
    return out


def test_one_candidate_and_two_values_is_not_enough_data() -> None:
    cohort = build_cohort(cohort_panels([(1, 4)]))
    theory = next(r for r in cohort.reliabilities if r.key == THEORY)
    # α is computable (0 on a single unit) but two values are far below 81.
    assert theory.result.pairable == 2 and theory.result.units == 1
    assert theory.required == 81 and not theory.enough
    assert theory.shown is None and theory.interval is None


def test_forty_one_candidates_are_enough_and_get_an_interval() -> None:
    rng = random.Random(7)
    pairs = []
    for _ in range(41):
        level = rng.randint(1, 4)
        pairs.append((level, min(4, max(1, level + rng.choice([-1, 0, 0, 0, 1])))))
    cohort = build_cohort(cohort_panels(pairs))
    theory = next(r for r in cohort.reliabilities if r.key == THEORY)
    assert theory.result.pairable == 82 and theory.enough
    expected = alpha([list(p) for p in pairs], "ordinal").alpha
    assert theory.shown == pytest.approx(expected)
    interval = theory.interval
    assert interval is not None and interval.low < expected < interval.high
    # 40 values would not have been enough
    fewer = build_cohort(cohort_panels(pairs[:40]))
    assert not next(r for r in fewer.reliabilities if r.key == THEORY).enough


def test_the_interval_is_the_same_on_every_run() -> None:
    units = list(zip(*SECTION_C, strict=True))
    assert bootstrap_alpha(units, "nominal") == bootstrap_alpha(units, "nominal")


@pytest.mark.parametrize("metric", ["nominal", "interval"])
def test_the_interval_matches_the_resampling_distribution(metric: str) -> None:
    # α* = 1 - mean of M drawn δ² / D_e, the draws from the coincidences: its mean is α and
    # its standard deviation sd(δ²) / (√M · D_e). The 95 % interval is close to α ± 1.96 sd.
    units = [[v for v in u if v is not None] for u in zip(*SECTION_C, strict=True)]
    table = coincidences(units)
    n = table.pairable
    delta = differences(metric, table.values, table.marginals)  # type: ignore[arg-type]
    size = len(table.values)
    probabilities = [table.matrix[i][j] / n for i in range(size) for j in range(size)]
    d2 = [delta[i][j] for i in range(size) for j in range(size)]
    mean = sum(p * d for p, d in zip(probabilities, d2, strict=True))
    var = sum(p * (d - mean) ** 2 for p, d in zip(probabilities, d2, strict=True))
    expected = sum(table.marginals[i] * table.marginals[j] * delta[i][j]
                   for i in range(size) for j in range(size)) / (n * (n - 1))
    pairs = sum(len(u) * (len(u) - 1) // 2 for u in units if len(u) >= 2)
    interval = bootstrap_alpha(units, metric)  # type: ignore[arg-type]
    assert interval is not None and interval.draws == pairs == 55
    value = alpha(units, metric).alpha  # type: ignore[arg-type]
    assert value is not None
    half = 1.96 * math.sqrt(var / pairs) / expected
    assert (interval.low + interval.high) / 2 == pytest.approx(value, abs=0.03)
    assert (interval.high - interval.low) / 2 == pytest.approx(half, rel=0.15)
    below = NormalDist(value, half / 1.96).cdf(ALPHA_MIN)
    assert interval.below_min == pytest.approx(below, abs=0.05)


def test_resamples_that_only_repeat_one_value_are_no_agreement() -> None:
    # Twenty units agree on 1, two disagree: a resample of only (1, 1) pairs has no
    # variation, so the algorithm counts it as α = 0, not as perfect agreement.
    units = [[1, 1]] * 20 + [[1, 2]] * 2
    interval = bootstrap_alpha(units, "nominal")
    assert interval is not None
    assert interval.high < 1.0
    assert interval.low == 0.0 or interval.low < 0


def test_no_interval_where_the_algorithm_does_not_apply() -> None:
    assert bootstrap_alpha([[1, 1], [2, 2], [3, 3]]) is None  # α = 1
    assert bootstrap_alpha([[1, 1], [1, 1]]) is None  # no variation: α undefined
    assert bootstrap_alpha([[1], [2]]) is None  # nothing pairable

"""Krippendorff's alpha, computed through the coincidence matrix.

Reliability data are units (here: candidates), each with the values that
different coders (here: interviewers) gave it; a coder who did not rate a unit
is simply absent from it, so missing values need no special marker. Units with
fewer than two values are not pairable and do not count.

    o[c][k]  = Σ_u (ordered pairs of values c, k from different coders in u) / (m_u - 1)
    n_c      = Σ_k o[c][k],   n = Σ_c n_c   (the pairable values)
    D_o      = Σ_c Σ_k o[c][k] δ²(c, k) / n
    D_e      = Σ_c Σ_k n_c n_k δ²(c, k) / (n (n - 1))
    α        = 1 - D_o / D_e

The difference functions δ² follow Krippendorff (2011), "Computing
Krippendorff's Alpha-Reliability": nominal (0 if equal, else 1), ordinal
((Σ_{g from c to k} n_g - (n_c + n_k) / 2)², so only the order of the values
and how often each is used matter), interval ((c - k)²) and ratio
(((c - k) / (c + k))²). α is undefined (None) when there are no pairable values
or every pairable value is the same (D_e = 0).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Metric = Literal["nominal", "ordinal", "interval", "ratio"]
METRICS: tuple[Metric, ...] = ("nominal", "ordinal", "interval", "ratio")


@dataclass(frozen=True, slots=True)
class Coincidences:
    """The coincidence matrix over the sorted distinct pairable values."""

    values: tuple[float, ...]
    matrix: tuple[tuple[float, ...], ...]  # o[c][k], symmetric
    units: int  # pairable units (two or more values)

    @property
    def marginals(self) -> tuple[float, ...]:
        return tuple(sum(row) for row in self.matrix)

    @property
    def pairable(self) -> float:
        return sum(self.marginals)


@dataclass(frozen=True, slots=True)
class AlphaResult:
    alpha: float | None  # None when undefined; see `reason`
    metric: Metric
    units: int  # pairable units
    pairable: int  # pairable values (n)
    observed: float  # D_o
    expected: float  # D_e
    reason: str = ""


def coincidences(units: Iterable[Iterable[float | None]]) -> Coincidences:
    """The coincidence matrix of `units`, each the values its coders gave (None = missing)."""
    counted: list[Counter[float]] = []
    for unit in units:
        counts = Counter(float(v) for v in unit if v is not None)
        if sum(counts.values()) >= 2:
            counted.append(counts)
    values = tuple(sorted({v for counts in counted for v in counts}))
    index = {v: i for i, v in enumerate(values)}
    size = len(values)
    matrix = [[0.0] * size for _ in range(size)]
    for counts in counted:
        m = sum(counts.values())
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                # ordered pairs from different coders: a value is never paired with itself
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                matrix[index[c]][index[k]] += pairs / (m - 1)
    return Coincidences(values, tuple(tuple(row) for row in matrix), len(counted))


def differences(metric: Metric, values: Sequence[float], marginals: Sequence[float]
                ) -> list[list[float]]:
    """δ²(c, k) for every pair of the sorted distinct `values` (`marginals` are their n_c)."""
    size = len(values)
    out = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(size):
            if i == j:
                continue
            c, k = values[i], values[j]
            if metric == "nominal":
                d = 1.0
            elif metric == "ordinal":
                low, high = min(i, j), max(i, j)
                between = sum(marginals[low:high + 1])
                d = (between - (marginals[i] + marginals[j]) / 2) ** 2
            elif metric == "interval":
                d = (c - k) ** 2
            else:
                d = ((c - k) / (c + k)) ** 2 if c + k != 0 else 0.0
            out[i][j] = d
    return out


def alpha(units: Iterable[Iterable[float | None]], metric: Metric = "ordinal") -> AlphaResult:
    """Krippendorff's α of `units` (each unit: the values its coders gave it)."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    data = [list(unit) for unit in units]
    if metric == "ratio" and any(v is not None and v < 0 for unit in data for v in unit):
        raise ValueError("the ratio metric needs values of zero or more")
    table = coincidences(data)
    n = table.pairable
    if table.units == 0:
        return AlphaResult(None, metric, 0, 0, 0.0, 0.0,
                           "no unit was rated by two or more coders")
    marginals = table.marginals
    delta = differences(metric, table.values, marginals)
    size = len(table.values)
    observed = sum(table.matrix[i][j] * delta[i][j]
                   for i in range(size) for j in range(size)) / n
    expected = sum(marginals[i] * marginals[j] * delta[i][j]
                   for i in range(size) for j in range(size)) / (n * (n - 1))
    pairable = round(n)
    if expected == 0:
        return AlphaResult(None, metric, table.units, pairable, observed, expected,
                           "every pairable value is the same")
    return AlphaResult(1 - observed / expected, metric, table.units, pairable, observed,
                       expected)


def alpha_from_matrix(rows: Sequence[Sequence[float | None]], metric: Metric = "ordinal"
                      ) -> AlphaResult:
    """α of reliability data in Krippendorff's canonical form: coders as rows, units as columns."""
    width = max((len(r) for r in rows), default=0)
    columns = [[row[j] if j < len(row) else None for row in rows] for j in range(width)]
    return alpha(columns, metric)

"""Krippendorff's α against published worked examples, and its edge cases.

Sources of the expected numbers:
- Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", section C
  (nominal data, any number of observers, missing data): 4 observers × 12 units,
  α nominal = 0.743; the same data give ordinal 0.815, interval 0.849 and ratio 0.797
  (reproduced in the irr/DescTools `kripp.alpha` documentation and the doctests of the
  `krippendorff` Python package).
- The same paper, section A (binary data, two observers): α = 0.095.
- Wikipedia's "Krippendorff's alpha" computational example (3 coders × 15 units):
  nominal 0.691, interval 0.811.
"""

from __future__ import annotations

import pytest

from scorer.domain.krippendorff import alpha, alpha_from_matrix, coincidences

N = None
# Krippendorff (2011), C: rows are observers A-D, columns units 1-12.
SECTION_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
# Krippendorff (2011), A: two observers, binary values, ten units.
SECTION_A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]
WIKIPEDIA = [
    [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
    [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
    [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
]


@pytest.mark.parametrize(("metric", "expected"), [
    ("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797),
])
def test_krippendorff_2011_section_c(metric: str, expected: float) -> None:
    result = alpha_from_matrix(SECTION_C, metric)  # type: ignore[arg-type]
    assert result.alpha is not None
    assert round(result.alpha, 3) == expected
    assert result.pairable == 40  # 41 values, unit 12's lone value is not pairable
    assert result.units == 11


def test_krippendorff_2011_section_c_coincidence_matrix() -> None:
    table = coincidences(zip(*SECTION_C, strict=True))
    assert table.values == (1, 2, 3, 4, 5)
    assert [round(m, 6) for m in table.marginals] == [9, 13, 10, 5, 3]
    third = 1 / 3
    expected = [
        [7, 4 * third, third, third, 0],
        [4 * third, 10, 4 * third, third, 0],
        [third, 4 * third, 8, third, 0],
        [third, third, third, 4, 0],
        [0, 0, 0, 0, 3],
    ]
    for row, want in zip(table.matrix, expected, strict=True):
        assert row == pytest.approx(want)


def test_krippendorff_2011_section_a_binary() -> None:
    result = alpha_from_matrix(SECTION_A, "nominal")
    assert result.alpha is not None and round(result.alpha, 3) == 0.095
    # For two values α = 1 - (n - 1) o_01 / (n_0 n_1) = 1 - 19 * 4 / (14 * 6).
    assert result.alpha == pytest.approx(1 - 19 * 4 / (14 * 6))


def test_wikipedia_example() -> None:
    nominal = alpha_from_matrix(WIKIPEDIA, "nominal").alpha
    interval = alpha_from_matrix(WIKIPEDIA, "interval").alpha
    assert nominal is not None and round(nominal, 6) == 0.691358
    assert interval is not None and round(interval, 6) == 0.810845


def test_ordinal_depends_only_on_the_order_of_values() -> None:
    relabelled = [[{1: 10, 2: 11, 3: 40, 4: 41, 5: 99}[v] if v else None for v in row]
                  for row in SECTION_C]
    assert alpha_from_matrix(relabelled, "ordinal").alpha == pytest.approx(0.8153875)
    # ... which the interval metric does not.
    assert round(alpha_from_matrix(relabelled, "interval").alpha or 0, 3) != 0.849


def test_perfect_agreement_is_one_and_missing_coders_do_not_matter() -> None:
    units = [[1, 1], [2, 2, 2], [4, N, 4], [3, 3]]
    assert alpha(units).alpha == 1.0


def test_systematic_disagreement_is_below_zero() -> None:
    units = [[1, 4], [4, 1], [1, 4], [4, 1]]
    result = alpha(units, "ordinal")
    assert result.alpha is not None and result.alpha < 0


def test_undefined_without_pairable_units_or_without_variation() -> None:
    lone = alpha([[1], [2, N], [N, 3]])
    assert lone.alpha is None and lone.units == 0 and "two or more" in lone.reason
    same = alpha([[2, 2], [2, 2, 2]])
    assert same.alpha is None and "same" in same.reason


def test_generators_are_read_once() -> None:
    result = alpha(iter([iter([1, 2]), iter([2, 2]), iter([3, 3])]), "interval")
    assert result.units == 3 and result.alpha is not None


def test_bad_metric_and_negative_ratio_values_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        alpha([[1, 2]], "cardinal")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="zero or more"):
        alpha([[-1, 2]], "ratio")

from __future__ import annotations

import pytest

from scorer.domain.aggregate import normalised, weighted_score
from tests.support.sample import math_rubric


def test_normalises_each_dimension_between_its_lowest_and_highest_level() -> None:
    rubric = math_rubric()
    dimension = rubric.dimensions[0]
    assert normalised(dimension, dimension.min_score) == 0.0
    assert normalised(dimension, dimension.max_score) == 1.0


def test_weighted_mean_uses_the_rubric_weights() -> None:
    rubric = math_rubric()
    ids = [d.id for d in rubric.dimensions]
    weights = [d.weight for d in rubric.dimensions]
    scores = {ids[0]: 4, ids[1]: 1, ids[2]: 4, ids[3]: 1}
    result = weighted_score(rubric, scores)
    assert result is not None
    top = weights[0] + weights[2]
    assert result.fraction == pytest.approx(top / sum(weights))
    assert result.mean == pytest.approx((4 * top + 1 * (weights[1] + weights[3])) / sum(weights))
    assert result.scale_max == 4
    assert result.complete


def test_label_reads_mean_over_scale_and_percent() -> None:
    rubric = math_rubric()
    result = weighted_score(rubric, {d.id: 3 for d in rubric.dimensions})
    assert result is not None
    assert result.label() == "3.0 / 4 · 67 %"


def test_unscored_and_unknown_levels_are_left_out() -> None:
    rubric = math_rubric()
    first = rubric.dimensions[0].id
    result = weighted_score(rubric, {first: 4, "no-such-dimension": 3, rubric.dimensions[1].id: 99})
    assert result is not None
    assert result.scored == 1 and not result.complete
    assert result.fraction == 1.0


def test_nothing_scored_gives_none() -> None:
    assert weighted_score(math_rubric(), {}) is None

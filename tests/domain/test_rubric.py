from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from scorer.domain.rubric import Rubric
from scorer.domain.rubric_checks import rubric_problems
from scorer.io.rubrics.loader import load_rubric_file, load_rubric_text

MINIMAL = Path(__file__).parent.parent / "io" / "rubric_corpus" / "valid" / "minimal.yaml"


@pytest.fixture
def rubric() -> Rubric:
    load = load_rubric_file(MINIMAL)
    assert load.rubric is not None
    return load.rubric


def test_version_ignores_comments_and_layout(rubric: Rubric) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    reformatted = "# a new comment\n" + text.replace("weight: 1", "weight: 1.0   # same")
    again = load_rubric_text(reformatted, "x.yaml").rubric
    assert again is not None and again.version == rubric.version


def test_version_changes_with_content(rubric: Rubric) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("weight: 1", "weight: 2")
    changed = load_rubric_text(text, "x.yaml").rubric
    assert changed is not None and changed.version != rubric.version


def test_snapshot_round_trip(rubric: Rubric) -> None:
    again = Rubric.from_snapshot(rubric.to_snapshot())
    assert again == rubric
    assert again.version == rubric.version


def test_default_recommendation_has_no_neutral_middle(rubric: Rubric) -> None:
    hires = [option.hire for option in rubric.recommendation]
    assert hires == [False, False, True, True]
    assert rubric_problems(rubric) == []


def test_models_are_frozen(rubric: Rubric) -> None:
    with pytest.raises(ValidationError):
        rubric.title = "changed"  # type: ignore[misc]


def test_level_lookup(rubric: Rubric) -> None:
    dimension = rubric.dimensions[0]
    assert (dimension.min_score, dimension.max_score) == (1, 2)
    level = dimension.level(2)
    assert level is not None and level.label == "Strong"
    assert dimension.level(3) is None


def test_levels_out_of_order_are_reported(rubric: Rubric) -> None:
    data = rubric.model_dump()
    levels = data["dimensions"][0]["levels"]
    data["dimensions"][0]["levels"] = [levels[1], levels[0]]
    problems = rubric_problems(Rubric.model_validate(data))
    assert [p.path for p in problems] == [("dimensions", 0, "levels", 1, "score")]
    assert "lowest to highest" in problems[0].message

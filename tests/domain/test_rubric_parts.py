"""The cross-field checks on the parts of a rubric that validated."""

from __future__ import annotations

from scorer.domain.rubric import Rubric
from scorer.domain.rubric_checks import rubric_problems
from scorer.domain.rubric_parts import RubricParts
from tests.services.factories import make_rubric


def _parts(rubric: Rubric, **changes: object) -> RubricParts:
    whole = RubricParts(frozenset(Rubric.model_fields))
    return RubricParts(**{**whole.__dict__, **changes})  # type: ignore[arg-type]


def test_places_are_the_files_even_when_items_before_them_did_not_validate() -> None:
    rubric = make_rubric()
    data = rubric.model_dump()
    data["dimensions"] = [data["dimensions"][0], data["dimensions"][0]]
    two = Rubric.model_validate(data)
    # In the file the two dimensions are items 0 and 3; items 1 and 2 did not validate.
    parts = _parts(
        two, complete=frozenset(Rubric.model_fields) - {"dimensions"},
        kept={"dimensions": (0, 3)}, ids={"dimensions": (two.dimensions[0].id, None, None,
                                                         two.dimensions[0].id)},
    )
    (problem,) = [p for p in rubric_problems(two, parts) if "duplicate" in p.message]
    assert problem.path == ("dimensions", 3, "id") and problem.related == ("dimensions", 0, "id")


def test_a_check_that_needs_a_broken_part_is_left_for_later() -> None:
    rubric = make_rubric(duration_minutes=45)  # the agenda no longer adds up
    assert any("agenda minutes" in p.message for p in rubric_problems(rubric))
    parts = _parts(rubric, complete=frozenset(Rubric.model_fields) - {"duration_minutes"})
    assert not any("agenda minutes" in p.message for p in rubric_problems(rubric, parts))


def test_a_reference_to_a_part_that_did_not_parse_is_not_judged() -> None:
    rubric = make_rubric()
    named = tuple(d for q in rubric.questions for d in q.dimensions)
    empty = rubric.model_copy(update={"dimensions": []})
    assert any("is not defined" in p.message for p in rubric_problems(empty))
    everything_else = frozenset(Rubric.model_fields) - {"dimensions"}
    unread = _parts(empty, complete=everything_else, unread=frozenset({"dimensions"}))
    assert not any("is not defined" in p.message for p in rubric_problems(empty, unread))
    # An item that did not validate still names its id for the references to it.
    written = _parts(empty, complete=everything_else, ids={"dimensions": named})
    assert not any("is not defined" in p.message for p in rubric_problems(empty, written))

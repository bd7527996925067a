"""An agenda section's own rules: what the candidate may use there, and the versions kept."""

from __future__ import annotations

from scorer.domain.rubric import Rubric, SectionRules
from tests.services.factories import make_rubric

CLOSED_INTRO = [
    {"id": "intro", "title": "Introduction", "kind": "conversation", "minutes": 5,
     "rules": {"candidate_may_use": [], "candidate_may_not_use": ["Web search"]}},
    {"id": "code", "title": "Coding", "kind": "coding", "minutes": 55},
]


def test_a_section_with_rules_overrides_the_interview_and_others_inherit() -> None:
    rubric = make_rubric(agenda=CLOSED_INTRO)
    assert rubric.rules_in("intro") == SectionRules(candidate_may_not_use=["Web search"])
    assert rubric.rules_in("code").candidate_may_use == ["Web search"]
    assert rubric.rules_in(None).candidate_may_use == ["Web search"]


def test_section_rules_survive_the_snapshot_and_change_the_version() -> None:
    plain = make_rubric()
    closed = make_rubric(agenda=CLOSED_INTRO)
    assert Rubric.from_snapshot(closed.to_snapshot()) == closed
    assert closed.version != plain.version


def test_a_section_without_rules_serialises_as_before() -> None:
    rubric = make_rubric()
    assert "rules" not in rubric.model_dump(mode="json")["agenda"][0]
    assert '"rules":null' not in rubric.to_snapshot()

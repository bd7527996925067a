"""The four bundled rubrics load and carry the interview process's real content."""

from __future__ import annotations

import pytest

from scorer.domain.rubric import Competency, Rubric, SectionKind, SharedToolKind
from scorer.paths import bundled_rubrics_dir
from scorer.services.rubrics.library import load_library


@pytest.fixture(scope="module")
def rubrics() -> dict[str, Rubric]:
    library = load_library(bundled_rubrics_dir())
    assert library.diagnostics == []
    return {r.id: r for r in library.rubrics}


def minutes_by_kind(rubric: Rubric) -> dict[SectionKind, int]:
    out: dict[SectionKind, int] = {}
    for section in rubric.agenda:
        out[section.kind] = out.get(section.kind, 0) + section.minutes
    return out


def test_four_interviews_of_an_hour(rubrics: dict[str, Rubric]) -> None:
    assert set(rubrics) == {"coding", "model-parallel", "math", "optimisation"}
    for rubric in rubrics.values():
        assert rubric.duration_minutes == 60
        assert sum(s.minutes for s in rubric.agenda) == 60


def test_every_level_has_an_anchor_and_scales_run_one_to_four(
    rubrics: dict[str, Rubric],
) -> None:
    for rubric in rubrics.values():
        for dimension in rubric.dimensions:
            assert [lv.score for lv in dimension.levels] == [1, 2, 3, 4], dimension.id
            assert all(len(lv.anchor) > 40 for lv in dimension.levels), dimension.id


def test_coding_carries_the_seven_criteria(rubrics: dict[str, Rubric]) -> None:
    coding = rubrics["coding"]
    assert [d.id for d in coding.dimensions] == [
        "python-oop", "data-structures-algorithms", "python-builtins", "parallel-paradigms",
        "working-code", "ide-debugging", "code-cleanliness",
    ]
    assert coding.shared_tool.kind is SharedToolKind.SSH_INSTANCE
    assert coding.rules.screen_share
    may_use = " ".join(coding.rules.candidate_may_use).lower()
    assert "stack overflow" in may_use and "search" in may_use


def test_model_parallel_carries_its_four_criteria(rubrics: dict[str, Rubric]) -> None:
    mp = rubrics["model-parallel"]
    assert len(mp.dimensions) == 4
    python = mp.dimension("python-oop")
    assert python is not None and python.competency == "python-oop"
    kinds = [s.kind for s in mp.agenda if s.kind is not SectionKind.CONVERSATION or s.minutes > 5]
    assert kinds[:3] == [SectionKind.CONVERSATION, SectionKind.CODING, SectionKind.CODING]


@pytest.mark.parametrize("rubric_id", ["math", "optimisation"])
def test_theory_is_half_conversation_half_hands_on(
    rubrics: dict[str, Rubric], rubric_id: str
) -> None:
    rubric = rubrics[rubric_id]
    assert rubric.competency is Competency.THEORY
    assert minutes_by_kind(rubric) == {
        SectionKind.CONVERSATION: 30, SectionKind.HANDS_ON_NOTEPAD: 30,
    }
    assert rubric.shared_tool.kind is SharedToolKind.SHARED_NOTEPAD
    assert rubric.rules.candidate_may_use == []
    competencies = {d.competency for d in rubric.dimensions}
    assert {"ml-dl-theory", "whiteboard-communication"} <= competencies


def test_no_language_models_and_no_research_anywhere(rubrics: dict[str, Rubric]) -> None:
    for rubric in rubrics.values():
        assert rubric.rules.language_models_allowed is False
        assert rubric.rules.research_discussion is False
        forbidden = " ".join(rubric.rules.candidate_may_not_use).lower()
        assert "language model" in forbidden, rubric.id


@pytest.mark.parametrize(
    ("rubric_id", "question_id", "words"),
    [
        ("coding", "distributed-dataloader", ["get_item"]),
        ("coding", "debug-seeded-codebase", ["bug"]),
        ("math", "least-squares", ["pseudo-inverse"]),
        ("math", "pca-decorrelation", ["covariance"]),
        ("math", "ball-estimators", ["MAP"]),
        ("math", "monty-hall", ["Bayes"]),
        ("optimisation", "sgd-momentum-adam", ["Adam"]),
        ("optimisation", "backprop-chain-rule", ["chain rule"]),
        ("optimisation", "adam-bias-correction", ["bias"]),
        ("optimisation", "second-order-methods", ["conjugate gradient"]),
        ("optimisation", "positional-encoding", ["position"]),
        ("math", "svd-compression", ["SVD"]),
        ("math", "condition-number", ["condition number"]),
    ],
)
def test_seed_examples_are_in_the_question_banks(
    rubrics: dict[str, Rubric], rubric_id: str, question_id: str, words: list[str]
) -> None:
    question = rubrics[rubric_id].question(question_id)
    assert question is not None
    text = " ".join([question.title, question.prompt, *question.follow_ups]).lower()
    for word in words:
        assert word.lower() in text


def test_dataloader_has_a_variant_per_parallel_technique(rubrics: dict[str, Rubric]) -> None:
    question = rubrics["coding"].question("distributed-dataloader")
    assert question is not None
    assert {"multiprocessing", "threading", "asyncio"} <= {v.id for v in question.variants}

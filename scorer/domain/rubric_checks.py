"""Checks that span several fields of a rubric, beyond what each field validates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scorer.domain.problems import Path, Problem
from scorer.domain.rubric import Rubric


def rubric_problems(rubric: Rubric) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates(("agenda",), [s.id for s in rubric.agenda], "agenda section")
    problems += _duplicates(("prep",), [p.id for p in rubric.prep], "prep item")
    problems += _duplicates(("questions",), [q.id for q in rubric.questions], "question")
    problems += _duplicates(("dimensions",), [d.id for d in rubric.dimensions], "dimension")
    problems += _duplicates(
        ("recommendation",), [r.id for r in rubric.recommendation], "recommendation"
    )
    problems += _agenda(rubric)
    problems += _questions(rubric)
    problems += _levels(rubric)
    problems += _recommendation(rubric)
    return problems


def _duplicates(
    where: Path, ids: Sequence[str], what: str, key: str = "id"
) -> Iterable[Problem]:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            yield Problem(
                (*where, index, key),
                f"duplicate {what} {key} '{item_id}' (first used at {where[-1]}[{first[item_id]}])",
            )
        else:
            first[item_id] = index


def _agenda(rubric: Rubric) -> Iterable[Problem]:
    total = sum(section.minutes for section in rubric.agenda)
    if total != rubric.duration_minutes:
        parts = " + ".join(str(s.minutes) for s in rubric.agenda)
        yield Problem(
            ("agenda",),
            f"agenda minutes add up to {total} ({parts}), "
            f"but duration_minutes is {rubric.duration_minutes}",
        )


def _questions(rubric: Rubric) -> Iterable[Problem]:
    sections = {s.id for s in rubric.agenda}
    dimensions = {d.id for d in rubric.dimensions}
    for qi, question in enumerate(rubric.questions):
        yield from _duplicates(
            ("questions", qi, "variants"), [v.id for v in question.variants], "variant"
        )
        if question.section is not None and question.section not in sections:
            yield Problem(
                ("questions", qi, "section"),
                f"section '{question.section}' is not an agenda section id "
                f"(known: {', '.join(sorted(sections))})",
            )
        for di, dim_id in enumerate(question.dimensions):
            if dim_id not in dimensions:
                yield Problem(
                    ("questions", qi, "dimensions", di),
                    f"dimension '{dim_id}' is not defined in this rubric "
                    f"(known: {', '.join(sorted(dimensions))})",
                )
        if question.minutes > rubric.duration_minutes:
            yield Problem(
                ("questions", qi, "minutes"),
                f"{question.minutes} minutes is longer than the whole interview "
                f"({rubric.duration_minutes})",
            )


def _levels(rubric: Rubric) -> Iterable[Problem]:
    for di, dimension in enumerate(rubric.dimensions):
        scores = [level.score for level in dimension.levels]
        yield from _duplicates(
            ("dimensions", di, "levels"), [str(s) for s in scores], "level", key="score"
        )
        for li in range(1, len(scores)):
            if scores[li] <= scores[li - 1] and scores[li] not in scores[:li]:
                yield Problem(
                    ("dimensions", di, "levels", li, "score"),
                    f"levels must be listed from lowest to highest score: "
                    f"{scores[li]} comes after {scores[li - 1]}",
                )


def _recommendation(rubric: Rubric) -> Iterable[Problem]:
    options = rubric.recommendation
    hires = [o.hire for o in options]
    if all(hires) or not any(hires):
        yield Problem(
            ("recommendation",), "the recommendation scale needs both hire and no-hire options"
        )
    elif hires != sorted(hires):
        yield Problem(
            ("recommendation",), "list the no-hire options first, then the hire options"
        )
    elif hires.count(True) != hires.count(False):
        yield Problem(
            ("recommendation",),
            "the recommendation scale must have as many hire as no-hire options "
            "(no neutral middle)",
        )

"""Checks that span several fields of a rubric, beyond what each field validates.

They run on a whole rubric, or on the parts of one that validated (`RubricParts`):
then each check runs on what it can, and the places it reports are the file's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from scorer.domain.problems import Path, Problem
from scorer.domain.rubric import Rubric
from scorer.domain.rubric_parts import LIST_FIELDS, RubricParts

_WHOLE = RubricParts(frozenset(Rubric.model_fields))


def rubric_problems(rubric: Rubric, parts: RubricParts | None = None) -> list[Problem]:
    """`rubric` may hold only the parts that validated, as `parts` describes."""
    parts = parts or _WHOLE
    problems: list[Problem] = []
    for list_field, what in (
        ("agenda", "agenda section"), ("prep", "prep item"), ("questions", "question"),
        ("dimensions", "dimension"), ("recommendation", "recommendation"),
    ):
        problems += _duplicates((list_field,), _written_ids(rubric, parts, list_field), what)
    problems += _agenda(rubric, parts)
    problems += _questions(rubric, parts)
    problems += _levels(rubric, parts)
    problems += _competencies(rubric, parts)
    problems += _recommendation(rubric, parts)
    return problems


def _items(rubric: Rubric, parts: RubricParts, list_field: str) -> list[tuple[int, Any]]:
    """The items of a list field that validated, each with its index in the file."""
    assert list_field in LIST_FIELDS
    values: Sequence[Any] = getattr(rubric, list_field, ())
    return [(parts.index(list_field, n), item) for n, item in enumerate(values)]


def _written_ids(rubric: Rubric, parts: RubricParts, list_field: str) -> list[tuple[int, str]]:
    """The id of each item with its index in the file: of every item written, valid or
    not, when some items did not validate."""
    if parts.has(list_field):
        return [(i, item.id) for i, item in _items(rubric, parts, list_field)]
    written = parts.ids.get(list_field, ())
    return [(i, item_id) for i, item_id in enumerate(written) if item_id is not None]


def _known(rubric: Rubric, parts: RubricParts, list_field: str) -> set[str] | None:
    """The ids a reference may name; None when the field's text did not parse, so that
    nothing can be said of a reference."""
    if list_field in parts.unread:
        return None
    return {item_id for _, item_id in _written_ids(rubric, parts, list_field)}


def _duplicates(
    where: Path, ids: Sequence[tuple[int, str]], what: str, key: str = "id"
) -> Iterable[Problem]:
    first: dict[str, int] = {}
    for index, item_id in ids:
        if item_id in first:
            yield Problem(
                (*where, index, key), f"duplicate {what} {key} '{item_id}'",
                related=(*where, first[item_id], key),
            )
        else:
            first[item_id] = index


def _agenda(rubric: Rubric, parts: RubricParts) -> Iterable[Problem]:
    if not parts.has("agenda", "duration_minutes"):
        return
    total = sum(section.minutes for section in rubric.agenda)
    if total != rubric.duration_minutes:
        written = " + ".join(str(s.minutes) for s in rubric.agenda)
        yield Problem(
            ("agenda",),
            f"agenda minutes add up to {total} ({written}), "
            f"but duration_minutes is {rubric.duration_minutes}",
        )


def _questions(rubric: Rubric, parts: RubricParts) -> Iterable[Problem]:
    sections = _known(rubric, parts, "agenda")
    dimensions = _known(rubric, parts, "dimensions")
    for qi, question in _items(rubric, parts, "questions"):
        yield from _duplicates(
            ("questions", qi, "variants"), list(enumerate(v.id for v in question.variants)),
            "variant",
        )
        if sections is not None and question.section is not None and (
            question.section not in sections
        ):
            yield Problem(
                ("questions", qi, "section"),
                f"section '{question.section}' is not an agenda section id "
                f"(known: {', '.join(sorted(sections))})",
            )
        for di, dim_id in enumerate(question.dimensions):
            if dimensions is not None and dim_id not in dimensions:
                yield Problem(
                    ("questions", qi, "dimensions", di),
                    f"dimension '{dim_id}' is not defined in this rubric "
                    f"(known: {', '.join(sorted(dimensions))})",
                )
        if parts.has("duration_minutes") and question.minutes > rubric.duration_minutes:
            yield Problem(
                ("questions", qi, "minutes"),
                f"{question.minutes} minutes is longer than the whole interview "
                f"({rubric.duration_minutes})",
            )


def _competencies(rubric: Rubric, parts: RubricParts) -> Iterable[Problem]:
    """One shared competency, one dimension: a panel reads two scores of it as two
    interviewers who disagree."""
    first: dict[str, tuple[int, str]] = {}
    for di, dimension in _items(rubric, parts, "dimensions"):
        competency = dimension.competency
        if competency is None:
            continue
        if competency in first:
            index, name = first[competency]
            yield Problem(
                ("dimensions", di, "competency"),
                f"competency '{competency}' is already scored by the dimension '{name}'; "
                "a rubric scores each shared competency once",
                related=("dimensions", index, "competency"),
            )
        else:
            first[competency] = (di, dimension.id)


def _levels(rubric: Rubric, parts: RubricParts) -> Iterable[Problem]:
    for di, dimension in _items(rubric, parts, "dimensions"):
        scores = [level.score for level in dimension.levels]
        yield from _duplicates(
            ("dimensions", di, "levels"), [(li, str(s)) for li, s in enumerate(scores)], "level",
            key="score",
        )
        for li in range(1, len(scores)):
            if scores[li] <= scores[li - 1] and scores[li] not in scores[:li]:
                yield Problem(
                    ("dimensions", di, "levels", li, "score"),
                    f"levels must be listed from lowest to highest score: "
                    f"{scores[li]} comes after {scores[li - 1]}",
                )


def _recommendation(rubric: Rubric, parts: RubricParts) -> Iterable[Problem]:
    if not parts.has("recommendation"):
        return
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

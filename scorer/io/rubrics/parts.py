"""The parts of a rubric that validated, when the whole did not: for the cross-field checks.

Pydantic reports every field that failed; the others, and each list item without
an error, are validated on their own here and put together (without validating
the whole again) so that `rubric_problems` can check what there is.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from typing import Annotated, Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from scorer.domain.rubric import Rubric
from scorer.domain.rubric_parts import LIST_FIELDS, RubricParts


def validated_parts(
    data: dict[Any, Any], errors: Sequence[ErrorDetails], broken: Collection[str] = ()
) -> tuple[Rubric, RubricParts]:
    """A rubric holding only what validated, and what `RubricParts` says of it.

    `broken` names top-level keys whose text could not even be parsed.
    """
    failed_fields: set[str] = set(broken)
    failed_items: dict[str, set[int]] = {}
    for error in errors:
        loc = error["loc"]
        if not loc:
            failed_fields.add("")
            continue
        name = str(loc[0])
        if name in LIST_FIELDS and len(loc) > 1 and isinstance(loc[1], int):
            failed_items.setdefault(name, set()).add(loc[1])
        else:
            failed_fields.add(name)
    values: dict[str, Any] = {}
    complete: set[str] = set()
    kept: dict[str, tuple[int, ...]] = {}
    ids: dict[str, tuple[str | None, ...]] = {}
    for name in Rubric.model_fields:
        raw = data.get(name)
        if name in LIST_FIELDS:
            ids[name] = _ids(raw)
            if name not in failed_fields and name not in data:
                complete.add(name)  # left out: its default
                continue
            if name in failed_fields or not isinstance(raw, list):
                values[name], kept[name] = [], ()
                continue
            model = _item_model(name)
            good, where = [], []
            for index, item in enumerate(raw):
                if index in failed_items.get(name, ()):
                    continue
                try:
                    good.append(model.model_validate(item))
                except ValidationError:
                    continue
                where.append(index)
            values[name], kept[name] = good, tuple(where)
            if len(where) == len(raw):
                complete.add(name)
        elif name not in failed_fields:
            if name in data:
                try:
                    values[name] = _adapter(name).validate_python(raw)
                except ValidationError:
                    continue
            complete.add(name)
    parts = RubricParts(frozenset(complete), kept, ids, frozenset(broken))
    return Rubric.model_construct(**values), parts


def _ids(raw: Any) -> tuple[str | None, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(
        item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        for item in raw
    )


@functools.cache
def _item_model(name: str) -> type[BaseModel]:
    (model,) = get_args(Rubric.model_fields[name].annotation)
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return model


@functools.cache
def _adapter(name: str) -> TypeAdapter[Any]:
    field = Rubric.model_fields[name]
    annotation: Any = field.annotation
    if field.metadata:
        annotation = Annotated[(annotation, *field.metadata)]
    return TypeAdapter(annotation)

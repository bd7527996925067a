"""Which parts of a rubric validated, when the rubric as a whole did not.

The cross-field checks run on whatever validated, so that every problem that
can be found shows at once instead of in rounds. A check that needs a part
that did not validate (the agenda's minutes against a broken duration) is left
for later; one that only looks things up (is this question's section an agenda
id?) uses every id written in the file, valid item or not, so that a broken
item never makes a sound reference look wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

LIST_FIELDS = ("prep", "agenda", "questions", "dimensions", "recommendation")


@dataclass(frozen=True)
class RubricParts:
    """`complete` names the top-level fields that validated whole; `kept` gives, for each
    list field, the index in the file of each item that validated; `ids` the id written
    in each item of a list field, valid or not (None where there is none); `unread` the
    fields whose text did not parse, so that nothing is known of them."""

    complete: frozenset[str]
    kept: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    ids: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    unread: frozenset[str] = frozenset()  # fields whose text did not even parse

    def index(self, list_field: str, position: int) -> int:
        """The file's index of the `position`-th item that validated."""
        kept = self.kept.get(list_field)
        return kept[position] if kept is not None else position

    def has(self, *fields: str) -> bool:
        return all(f in self.complete for f in fields)

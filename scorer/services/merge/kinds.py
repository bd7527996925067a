"""The interview kinds a candidate's panel expects: the rubric library's, or those named.

A packet lists the expected kinds that have no verified card as missing, and its
overall score is then partial. By default the panel is every rubric of the
library (the rubric folder the app uses, see `rubrics.folder`);
`scorer merge --expect KIND,...` names it instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from scorer.domain.panel import PanelKind
from scorer.paths import data_home
from scorer.services.merge.results import MergeError
from scorer.services.rubrics.folder import resolve_rubric_folder
from scorer.services.rubrics.library import load_library
from scorer.services.settings import load_settings

_KIND = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def library_kinds(folder: Path | None = None) -> tuple[PanelKind, ...]:
    """Every valid rubric of the library, in file order."""
    if folder is None:
        folder = resolve_rubric_folder(load_settings(), data_home()).path
    return tuple(PanelKind(r.id, r.title) for r in load_library(folder).rubrics)


def parse_expect(spec: str, known: Sequence[PanelKind]) -> tuple[PanelKind, ...]:
    """The kinds named in `spec` (comma-separated rubric ids), titled from `known`.

    A kind the library does not have is refused, naming those it has: a typo would
    otherwise mark that interview missing for every candidate.
    """
    titles = {k.id: k.title for k in known}
    out: dict[str, PanelKind] = {}
    for part in spec.split(","):
        kind = part.strip()
        if not kind:
            continue
        if not _KIND.match(kind):
            raise MergeError(f"--expect: '{kind}' is not an interview kind (a rubric id such "
                             "as 'coding', in lower-case letters, digits, '-' and '_').")
        if titles and kind not in titles:
            listed = ", ".join(titles)
            raise MergeError(f"--expect: the rubric library has no interview kind '{kind}'; "
                             f"it has {listed}.")
        out.setdefault(kind, PanelKind(kind, titles.get(kind, kind)))
    return tuple(out.values())

"""The rubric library: every rubric file of a folder, each loaded on its own.

One bad file never stops the others from loading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scorer.domain.problems import Diagnostic
from scorer.domain.rubric import Rubric
from scorer.io.rubrics.loader import (
    RubricLoad,
    RubricReadError,
    load_rubric_file,
    load_rubric_text,
    read_rubric_text,
    rubric_files,
)


@dataclass(frozen=True)
class RubricLibrary:
    folder: Path | None
    loads: tuple[RubricLoad, ...] = field(default_factory=tuple)

    @property
    def rubrics(self) -> list[Rubric]:
        return [load.rubric for load in self.loads if load.rubric is not None]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for load in self.loads for d in load.diagnostics]

    @property
    def ok(self) -> bool:
        return all(load.ok for load in self.loads)

    def get(self, rubric_id: str) -> Rubric | None:
        return next((r for r in self.rubrics if r.id == rubric_id), None)

    def texts(self) -> dict[tuple[str, str], str]:
        """The files' texts by (rubric id, version), read again; a file that changed since
        it was loaded is left out."""
        found: dict[tuple[str, str], str] = {}
        for load in self.loads:
            if load.rubric is None:
                continue
            try:
                text = read_rubric_text(Path(load.file)).replace("\r\n", "\n")
            except RubricReadError:
                continue
            again = load_rubric_text(text, load.file).rubric
            if again is not None and again.version == load.rubric.version:
                found[(load.rubric.id, load.rubric.version)] = text
        return found


def load_library(folder: Path) -> RubricLibrary:
    if not folder.is_dir():
        missing = Diagnostic(str(folder), 1, 1, "rubric folder not found")
        return RubricLibrary(folder, (RubricLoad(str(folder), None, (missing,)),))
    loads = (load_rubric_file(path) for path in rubric_files(folder))
    return RubricLibrary(folder, tuple(unique_ids(loads)))


def load_paths(paths: Iterable[Path]) -> RubricLibrary:
    """Files and folders given on a command line, checked as one library."""
    loads: list[RubricLoad] = []
    for path in paths:
        if path.is_dir():
            loads += load_library(path).loads
        elif path.exists():
            loads.append(load_rubric_file(path))
        else:
            missing = Diagnostic(str(path), 1, 1, "no such file or folder")
            loads.append(RubricLoad(str(path), None, (missing,)))
    return RubricLibrary(None, tuple(unique_ids(loads)))


def unique_ids(loads: Iterable[RubricLoad]) -> Iterable[RubricLoad]:
    """A rubric id used by an earlier file makes the later file invalid."""
    owners: dict[str, str] = {}
    for load in loads:
        rubric = load.rubric
        if rubric is None:
            yield load
            continue
        if rubric.id in owners:
            line, col = load.document.position(("id",)) if load.document else (1, 1)
            message = f"rubric id '{rubric.id}' is already used by {owners[rubric.id]}"
            clash = Diagnostic(load.file, line, col, message)
            yield RubricLoad(load.file, None, (clash,), load.document)
            continue
        owners[rubric.id] = load.file
        yield load

"""Load one rubric file: YAML -> validated `Rubric`, or diagnostics with lines."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from scorer.domain.problems import Diagnostic
from scorer.domain.rubric import Rubric
from scorer.domain.rubric_checks import rubric_problems
from scorer.io.pydantic_messages import error_message, error_path
from scorer.io.yaml_marks import MarkedDocument, YamlSyntaxError, load_marked

RUBRIC_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RubricLoad:
    """The outcome of loading one file: a rubric, or the reasons it has none."""

    file: str
    rubric: Rubric | None
    diagnostics: tuple[Diagnostic, ...]
    document: MarkedDocument | None = None

    @property
    def ok(self) -> bool:
        return self.rubric is not None and not self.diagnostics


def load_rubric_text(text: str, file: str) -> RubricLoad:
    try:
        doc = load_marked(text)
    except YamlSyntaxError as exc:
        line, col = exc.position
        return RubricLoad(file, None, (Diagnostic(file, line, col, exc.message),))

    def at(path: tuple[str | int, ...], message: str) -> Diagnostic:
        line, col = doc.position(path)
        return Diagnostic(file, line, col, message)

    found = [Diagnostic(file, line, col, msg) for (line, col), msg in doc.problems]
    if doc.data is None:
        found.append(Diagnostic(file, 1, 1, "the file is empty; a rubric is a mapping of keys"))
        return RubricLoad(file, None, tuple(found), doc)
    if not isinstance(doc.data, dict):
        message = "a rubric must be a mapping of keys, not a list or value"
        found.append(Diagnostic(file, 1, 1, message))
        return RubricLoad(file, None, tuple(found), doc)
    try:
        rubric = Rubric.model_validate(doc.data)
    except ValidationError as exc:
        errors = _without_typo_echoes(exc.errors())
        found += [at(error_path(e), error_message(Rubric, e)) for e in errors]
        return RubricLoad(file, None, tuple(_sorted(found)), doc)
    found += [at(p.path, p.message) for p in rubric_problems(rubric)]
    return RubricLoad(file, None if found else rubric, tuple(_sorted(found)), doc)


def load_rubric_file(path: Path) -> RubricLoad:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return RubricLoad(name, None, (Diagnostic(name, 1, 1, f"not UTF-8 text ({exc.reason})"),))
    except OSError as exc:
        return RubricLoad(name, None, (Diagnostic(name, 1, 1, f"cannot read: {exc.strerror}"),))
    return load_rubric_text(text, name)


def rubric_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in RUBRIC_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def _without_typo_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "missing 'anchor'" where an unknown sibling 'anchr' already says "did you mean"."""
    unknown = {
        (tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden"
    }

    def echoed(error: ErrorDetails) -> bool:
        parent, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
        siblings = [key for where, key in unknown if where == parent]
        return bool(difflib.get_close_matches(name, siblings, n=1, cutoff=0.6))

    return [e for e in errors if not (e["type"] == "missing" and echoed(e))]


def _sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(found, key=lambda d: (d.line, d.column))

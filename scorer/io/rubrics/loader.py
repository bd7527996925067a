"""Load one rubric file: YAML -> validated `Rubric`, or diagnostics with lines."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from scorer.domain.placeholders import placeholder_problems
from scorer.domain.problems import Diagnostic, Problem
from scorer.domain.rubric import Rubric
from scorer.domain.rubric_checks import rubric_problems
from scorer.io.bounded_read import RefusedFile, read_bounded
from scorer.io.rubrics.parts import validated_parts
from scorer.io.rubrics.pydantic_messages import error_message, error_path
from scorer.io.rubrics.yaml_marks import MarkedDocument, YamlSyntaxError, load_marked
from scorer.io.rubrics.yaml_sections import load_by_section

RUBRIC_SUFFIXES = (".yaml", ".yml")
MAX_RUBRIC_BYTES = 2 * 1024 * 1024  # a shipped rubric is about 32 KB


@dataclass(frozen=True)
class RubricLoad:
    """The outcome of loading one file: a rubric, or the reasons it has none.

    `draft` is the rubric as written when its structure is sound but other problems
    remain (a placeholder left, minutes that do not add up): enough to preview.
    """

    file: str
    rubric: Rubric | None
    diagnostics: tuple[Diagnostic, ...]
    document: MarkedDocument | None = None
    draft: Rubric | None = None

    @property
    def ok(self) -> bool:
        return self.rubric is not None and not self.diagnostics


def load_rubric_text(text: str, file: str) -> RubricLoad:
    """Every problem that can be found in one pass, each at its line.

    A syntax error stops the parser, so the file is then read one top-level section
    at a time, and whatever parses is checked as well. A text over the size bound,
    or one that nests or expands past the parser's bounds, gets that one diagnostic.
    """
    if len(text) > MAX_RUBRIC_BYTES:
        return RubricLoad(file, None, (Diagnostic(file, 1, 1, _too_large(len(text))),))
    try:
        doc = load_marked(text)
    except YamlSyntaxError as exc:
        first = Diagnostic(file, *exc.position, exc.message)
        if exc.bound:
            return RubricLoad(file, None, (first,))
        sections = load_by_section(text, exc)
        if sections is None:
            return RubricLoad(file, None, (first,))
        found = [first] + [Diagnostic(file, *e.position, e.message) for e in sections.errors]
        load = _checked(sections.doc, file, found, frozenset(sections.broken))
        return RubricLoad(file, None, load.diagnostics, load.document)
    found = [Diagnostic(file, line, col, msg) for (line, col), msg in doc.problems]
    if doc.data is None:
        found.append(Diagnostic(file, 1, 1, "the file is empty; a rubric is a mapping of keys"))
        return RubricLoad(file, None, tuple(found), doc)
    if not isinstance(doc.data, dict):
        message = "a rubric must be a mapping of keys, not a list or value"
        found.append(Diagnostic(file, 1, 1, message))
        return RubricLoad(file, None, tuple(found), doc)
    return _checked(doc, file, found)


def _checked(
    doc: MarkedDocument, file: str, found: list[Diagnostic], broken: frozenset[str] = frozenset()
) -> RubricLoad:
    """Validate the data; check across fields whatever validated, whole or in parts.

    `broken` names top-level keys whose text did not parse: they are neither missing
    nor checked.
    """

    def at(path: tuple[str | int, ...], message: str) -> Diagnostic:
        line, col = doc.position(path)
        return Diagnostic(file, line, col, message)

    def located(problem: Problem) -> Diagnostic:
        message = problem.message
        if problem.related is not None:
            message += f" ({problem.related_as} on line {doc.position(problem.related)[0]})"
        return at(problem.path, message)

    data = doc.data
    found += [located(p) for p in placeholder_problems(data)]
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        errors = [
            e for e in _without_typo_echoes(exc.errors())
            if not (e["loc"] and str(e["loc"][0]) in broken)
        ]
        found += [at(error_path(e), error_message(Rubric, e)) for e in errors]
        partial, parts = validated_parts(data, exc.errors(), broken)
        found += [located(p) for p in rubric_problems(partial, parts)]
        return RubricLoad(file, None, tuple(_sorted(found)), doc)
    if broken:
        partial, parts = validated_parts(data, [], broken)
        found += [located(p) for p in rubric_problems(partial, parts)]
        return RubricLoad(file, None, tuple(_sorted(found)), doc)
    found += [located(p) for p in rubric_problems(rubric)]
    return RubricLoad(file, None if found else rubric, tuple(_sorted(found)), doc, rubric)


def _too_large(size: int) -> str:
    return (f"the file is {size / (1024 * 1024):.1f} MB, over the "
            f"{MAX_RUBRIC_BYTES // (1024 * 1024)} MB a rubric may be")


class RubricReadError(Exception):
    """A rubric file that is not read: `message` says why, as a diagnostic does."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_rubric_text(path: Path) -> str:
    """The text of a rubric file, read through the guarded reader; `RubricReadError`
    for a named pipe, a device, a folder, a file over the bound, bytes that are not
    UTF-8, or a file that cannot be read."""
    try:
        data = read_bounded(path, MAX_RUBRIC_BYTES)
    except RefusedFile as refused:
        if refused.reason.startswith("refused: ") and "bound" in refused.reason:
            raise RubricReadError(f"{refused.reason} for a rubric") from None
        raise RubricReadError(refused.reason) from None
    except OSError as exc:
        raise RubricReadError(f"cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RubricReadError(f"not UTF-8 text ({exc.reason})") from None


def load_rubric_file(path: Path) -> RubricLoad:
    name = str(path)
    try:
        text = read_rubric_text(path)
    except RubricReadError as exc:
        return RubricLoad(name, None, (Diagnostic(name, 1, 1, exc.message),))
    return load_rubric_text(text, name)


def rubric_files(folder: Path) -> list[Path]:
    """The folder's rubric files by name; a named pipe or device among them is listed,
    so that loading it says it is refused, rather than leaving it out unsaid."""
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in RUBRIC_SUFFIXES and not p.name.startswith(".") and _not_a_folder(p)
    )


def _not_a_folder(path: Path) -> bool:
    try:
        return not path.is_dir() and (path.exists() or path.is_symlink())
    except OSError:
        return False


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

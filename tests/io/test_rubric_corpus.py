"""Malformed rubric files, each pointing at the exact line and column of its fault.

Every file in rubric_corpus/malformed/ states what it expects in `# expect: LINE:COL message`
header lines; the loader must report exactly those problems and no others.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.io.rubrics.loader import load_rubric_file

CORPUS = Path(__file__).parent / "rubric_corpus"
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (.+)$")
MALFORMED = sorted((CORPUS / "malformed").glob("*.yaml"))


def expectations(path: Path) -> list[tuple[int, int, str]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            found.append((int(match[1]), int(match[2]), match[3]))
    return found


def test_corpus_is_not_empty() -> None:
    assert len(MALFORMED) >= 15


@pytest.mark.parametrize("path", MALFORMED, ids=[p.stem for p in MALFORMED])
def test_malformed_file_is_pointed_at(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    load = load_rubric_file(path)
    assert load.rubric is None
    got = [(d.line, d.column, d.message) for d in load.diagnostics]
    assert len(got) == len(expected), got
    for line, column, text in expected:
        assert any(
            (gl, gc) == (line, column) and text in message for gl, gc, message in got
        ), f"expected {line}:{column} {text!r}, got {got}"
    for diagnostic in load.diagnostics:
        assert str(diagnostic).startswith(f"{path}:{diagnostic.line}:{diagnostic.column}: ")


def test_minimal_rubric_is_valid() -> None:
    load = load_rubric_file(CORPUS / "valid" / "minimal.yaml")
    assert load.diagnostics == ()
    assert load.rubric is not None and load.rubric.id == "minimal"

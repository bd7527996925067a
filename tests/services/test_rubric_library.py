from __future__ import annotations

import shutil
from pathlib import Path

from scorer.services.rubrics.library import load_library, load_paths

CORPUS = Path(__file__).parent.parent / "io" / "rubric_corpus"


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "valid" / "minimal.yaml", tmp_path / "a.yaml")
    shutil.copy(CORPUS / "malformed" / "unknown-key-typo.yaml", tmp_path / "b.yaml")
    (tmp_path / "notes.txt").write_text("not a rubric")
    library = load_library(tmp_path)
    assert [r.id for r in library.rubrics] == ["minimal"]
    assert len(library.loads) == 2
    assert not library.ok
    assert library.get("minimal") is not None


def test_duplicate_rubric_id_across_files(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yml"):
        shutil.copy(CORPUS / "valid" / "minimal.yaml", tmp_path / name)
    library = load_library(tmp_path)
    assert len(library.rubrics) == 1
    (clash,) = library.diagnostics
    assert clash.file.endswith("b.yml") and clash.line == 2
    assert "already used by" in clash.message and "a.yaml" in clash.message


def test_missing_paths_are_diagnosed(tmp_path: Path) -> None:
    library = load_paths([tmp_path / "nope.yaml"])
    (problem,) = library.diagnostics
    assert "no such file" in problem.message
    assert "not found" in load_library(tmp_path / "nowhere").diagnostics[0].message


def test_unreadable_bytes(tmp_path: Path) -> None:
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (problem,) = load_library(tmp_path).diagnostics
    assert "not UTF-8" in problem.message


def test_the_texts_of_the_files_are_given_by_version_unless_changed_since(
    tmp_path: Path,
) -> None:
    text = (CORPUS / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text.replace("id: minimal", "id: second"))
    library = load_library(tmp_path)
    (first, second) = library.rubrics
    assert library.texts()[(first.id, first.version)] == text
    (tmp_path / "b.yaml").write_text(text.replace("id: minimal", "id: changed"))
    assert (second.id, second.version) not in library.texts()

"""With no folder chosen, the lead edits `rubrics/` in the data home, seeded from the bundled
rubrics on first use; the bundled rubrics themselves are read-only, and the fallback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scorer.domain.errors import RubricError
from scorer.io.rubrics.loader import rubric_files
from scorer.paths import bundled_rubrics_dir
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.services.settings import load_settings


def _bundled() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in rubric_files(bundled_rubrics_dir())}


def test_the_default_folder_is_made_in_the_data_home_from_the_bundled_rubrics(
    scorer_home: Path,
) -> None:
    bundled = _bundled()
    service = RubricWorkspaceService.from_settings()
    folder = scorer_home / "rubrics"
    assert service.folder == folder and not service.read_only
    assert {p.name: p.read_bytes() for p in rubric_files(folder)} == bundled
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    for path in rubric_files(folder):
        assert path.stat().st_mode & stat.S_IWUSR
    assert {r.id for r in service.rubrics()} == {
        "coding", "math", "model-parallel", "optimisation",
    }
    # The certificates go beside it.
    assert load_settings().trust_dir() == scorer_home / "interviewers"

    # Saving writes the copy; the installation is untouched.
    path = folder / "math.yaml"
    assert service.save(path, path.read_text(encoding="utf-8") + "# edited\n").saved
    assert _bundled() == bundled


def test_the_default_folder_is_seeded_once(scorer_home: Path) -> None:
    RubricWorkspaceService.from_settings()
    (scorer_home / "rubrics" / "math.yaml").unlink()
    again = RubricWorkspaceService.from_settings()
    assert sorted(p.name for p in rubric_files(again.folder)) == [
        "coding.yaml", "model-parallel.yaml", "optimisation.yaml",
    ]


def test_without_a_default_folder_the_bundled_rubrics_are_shown_read_only(
    scorer_home: Path,
) -> None:
    scorer_home.mkdir(parents=True)
    (scorer_home / "rubrics").write_text("a file where the folder should be")
    service = RubricWorkspaceService.from_settings()
    assert service.folder == bundled_rubrics_dir() and service.read_only
    assert service.folder_note is not None
    assert f"The rubric folder {scorer_home / 'rubrics'} cannot be made" in service.folder_note
    assert len(service.rubrics()) == 4  # interviews can still be started
    path = bundled_rubrics_dir() / "math.yaml"
    before = path.read_bytes()
    with pytest.raises(RubricError, match="bundled with Scorer are read-only"):
        service.save(path, before.decode() + "\n# edited\n")
    with pytest.raises(RubricError, match="read-only"):
        service.new_rubric_path("probability")
    assert path.read_bytes() == before


def test_choosing_the_bundled_folder_itself_keeps_it_read_only(
    tmp_path: Path, scorer_home: Path
) -> None:
    service = RubricWorkspaceService(bundled_rubrics_dir(), history_root=tmp_path / "h")
    assert service.read_only
    service.change_folder(None)
    assert service.folder == scorer_home / "rubrics" and not service.read_only


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_read_only_bundled_file_is_copied_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scorer_home: Path
) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    source = bundled_rubrics_dir() / "math.yaml"
    (shipped / "math.yaml").write_bytes(source.read_bytes())
    os.chmod(shipped / "math.yaml", 0o444)
    monkeypatch.setattr("scorer.services.rubrics.folder.bundled_rubrics_dir", lambda: shipped)
    service = RubricWorkspaceService.from_settings()
    copy = scorer_home / "rubrics" / "math.yaml"
    assert service.folder == copy.parent and copy.stat().st_mode & stat.S_IWUSR

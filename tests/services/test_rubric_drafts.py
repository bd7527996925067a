"""The rubric editor's drafts: private files in the data home, replaced atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scorer.domain.errors import RubricError
from scorer.services.rubrics.drafts import RubricDrafts
from scorer.services.rubrics.workspace import RubricWorkspaceService
from tests.services.factories import FakeClock

CORPUS = Path(__file__).parent.parent / "io" / "rubric_corpus"
MINIMAL = (CORPUS / "valid" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    return folder


def test_a_draft_is_private_even_under_an_open_umask(tmp_path: Path) -> None:
    drafts = RubricDrafts(tmp_path / "drafts", FakeClock())
    previous = os.umask(0)
    try:
        drafts.keep(tmp_path / "a.yaml", "id: a\n", new_file=False)
        drafts.keep(tmp_path / "a.yaml", "id: a  # again\n", new_file=False)
    finally:
        os.umask(previous)
    (only,) = (tmp_path / "drafts").iterdir()  # replaced, no temporary file left
    assert stat.S_IMODE(only.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "drafts").stat().st_mode) == 0o700
    kept = drafts.get(tmp_path / "a.yaml")
    assert kept is not None and kept.text == "id: a  # again\n"


def test_a_group_readable_drafts_folder_is_made_private(tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    RubricDrafts(root, FakeClock()).keep(tmp_path / "a.yaml", "x", new_file=True)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_drafts_are_listed_newest_first_and_foreign_files_are_ignored(tmp_path: Path) -> None:
    clock = FakeClock()
    drafts = RubricDrafts(tmp_path / "drafts", clock)
    drafts.keep(tmp_path / "old.yaml", "old", new_file=False)
    clock.advance(60)
    drafts.keep(tmp_path / "new.yaml", "new", new_file=True)
    (tmp_path / "drafts" / "junk.json").write_text("{not json")
    (tmp_path / "drafts" / "other.json").write_text('{"format": "something else"}')
    assert [d.path.name for d in drafts.all()] == ["new.yaml", "old.yaml"]
    drafts.discard(tmp_path / "old.yaml")
    drafts.discard(tmp_path / "never.yaml")
    assert [d.text for d in drafts.all()] == ["new"]


def test_a_draft_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "drafts").write_text("a file where the folder should be")
    drafts = RubricDrafts(tmp_path / "drafts", FakeClock())
    with pytest.raises(RubricError, match=r"Unsaved edits to a\.yaml cannot be kept in"):
        drafts.keep(tmp_path / "a.yaml", "x", new_file=False)


def test_the_workspace_offers_only_its_folders_drafts_that_differ_from_the_file(
    folder: Path, tmp_path: Path
) -> None:
    service = RubricWorkspaceService(
        folder, history_root=tmp_path / "history", drafts_root=tmp_path / "drafts"
    )
    path = folder / "minimal.yaml"
    service.keep_draft(path, MINIMAL, new_file=False)  # the same as the file: nothing unsaved
    service.keep_draft(tmp_path / "elsewhere" / "x.yaml", "x", new_file=False)
    service.keep_draft(folder / "new.yaml", "id: new\n", new_file=True)
    assert [d.path for d in service.drafts()] == [folder / "new.yaml"]
    assert service.draft(path) is None  # dropped, not kept forever
    assert service.draft(tmp_path / "elsewhere" / "x.yaml") is not None

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from scorer.domain.errors import RubricError
from scorer.domain.placeholders import fill_placeholders
from scorer.io.rubrics.loader import load_rubric_file, load_rubric_text
from scorer.paths import resource
from scorer.services.rubrics.workspace import (
    INVALID,
    TEMPLATE,
    RubricWorkspaceService,
    rubric_diff,
)
from scorer.services.settings import load_settings
from tests.services.factories import FakeClock

CORPUS = Path(__file__).parent.parent / "io" / "rubric_corpus"
MINIMAL = (CORPUS / "valid" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(folder: Path, tmp_path: Path, clock: FakeClock) -> RubricWorkspaceService:
    return RubricWorkspaceService(
        folder, history_root=tmp_path / "history", settings_file=tmp_path / "settings.json",
        clock=clock,
    )


def edited(text: str = MINIMAL, weight: str = "2") -> str:
    return text.replace("    weight: 1\n", f"    weight: {weight}\n")


# The template


def test_the_shipped_template_is_refused_until_its_placeholders_are_filled() -> None:
    path = resource(TEMPLATE)
    text = path.read_text(encoding="utf-8")
    load = load_rubric_file(path)
    assert not load.ok and load.draft is not None  # sound, but not a rubric yet
    holders = [d for d in load.diagnostics if "placeholder" in d.message]
    assert len(holders) == len(load.diagnostics) == text.count("<<") - 1  # one is a comment
    lines = text.splitlines()
    for diagnostic in holders:
        assert "<<" in lines[diagnostic.line - 1] or "<<" in lines[diagnostic.line]
    filled = load_rubric_text(fill_placeholders(text), "template.yaml")
    assert filled.ok, [str(d) for d in filled.diagnostics]
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 5


def test_a_new_rubric_has_its_id_and_title_and_is_refused_until_filled(
    service: RubricWorkspaceService,
) -> None:
    text = service.new_rubric_text("ml-theory", 'Machine learning: "deep" theory')
    load = load_rubric_text(text, "ml-theory.yaml")
    assert load.draft is not None and not load.ok
    assert (load.draft.id, load.draft.title) == ("ml-theory", 'Machine learning: "deep" theory')
    assert "# unique in the folder" in text  # the comments survive the substitution
    path = service.new_rubric_path("ml-theory")
    assert path == service.folder / "ml-theory.yaml" and not path.exists()
    refused = service.save(path, text)
    assert not refused.saved and not path.exists() and service.get("ml-theory") is None
    result = service.save(path, fill_placeholders(text, "Filled in by the lead"))
    assert result.saved and service.get("ml-theory") is not None


def test_a_new_rubric_refuses_a_bad_or_taken_id(service: RubricWorkspaceService) -> None:
    with pytest.raises(RubricError, match="not a valid rubric id"):
        service.new_rubric_path("Bad Id")
    with pytest.raises(RubricError, match=r"already used by minimal\.yaml"):
        service.new_rubric_path("minimal")
    with pytest.raises(RubricError, match="needs a title"):
        service.new_rubric_text("fine", "   ")


# Saving


def test_save_writes_atomically_and_serves_the_new_version(
    service: RubricWorkspaceService, folder: Path
) -> None:
    path = folder / "minimal.yaml"
    os.chmod(path, 0o640)
    before = service.get("minimal")
    assert before is not None
    result = service.save(path, edited())
    assert result.saved and result.load.ok
    assert path.read_text(encoding="utf-8") == edited()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in folder.iterdir()) == ["minimal.yaml"]  # no temporary left
    after = service.get("minimal")
    assert after is not None and after.version != before.version
    assert after.dimensions[0].weight == 2


def test_a_failed_rename_leaves_the_file_and_the_folder_as_they_were(
    service: RubricWorkspaceService, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "minimal.yaml"

    real_replace = os.replace

    def refuse(src: str, dst: str | Path) -> None:
        if Path(dst) == path:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(RubricError, match=r"Cannot save .*No space left"):
        service.save(path, edited())
    assert path.read_text(encoding="utf-8") == MINIMAL
    assert sorted(p.name for p in folder.iterdir()) == ["minimal.yaml"]


def test_an_invalid_rubric_is_refused_with_the_line_and_nothing_is_written(
    service: RubricWorkspaceService, folder: Path
) -> None:
    path = folder / "minimal.yaml"
    broken = MINIMAL.replace("    kind: hands_on_notepad\n", "    kind: notepad\n")
    line = broken.splitlines().index("    kind: notepad") + 1
    result = service.save(path, broken)
    assert not result.saved
    (problem,) = result.diagnostics
    assert (problem.line, problem.column) == (line, 5)
    assert "'kind' should be" in problem.message
    assert path.read_text(encoding="utf-8") == MINIMAL
    assert service.history(path) == []
    assert service.file(path) is not None and service.file(path).ok  # type: ignore[union-attr]


def test_a_save_that_takes_another_files_id_is_refused(
    service: RubricWorkspaceService, folder: Path
) -> None:
    other = folder / "other.yaml"
    result = service.save(other, MINIMAL)
    assert not result.saved
    (clash,) = result.diagnostics
    assert clash.line == 2 and "already used by minimal.yaml" in clash.message
    assert not other.exists()


def test_every_replaced_version_is_kept_and_can_be_restored(
    service: RubricWorkspaceService, folder: Path, clock: FakeClock
) -> None:
    path = folder / "minimal.yaml"
    first = service.get("minimal")
    assert first is not None
    service.save(path, edited(weight="2"))
    clock.advance(60)
    second = service.get("minimal")
    assert second is not None
    result = service.save(path, edited(weight="3"))
    assert result.backup is not None and result.backup.version == second.version
    kept = service.history(path)
    assert [e.version for e in kept] == [second.version, first.version]  # newest first
    assert kept[0].replaced_at > kept[1].replaced_at
    assert kept[1].read_text() == MINIMAL
    assert kept[1].path.parent == service.history_dir(path)

    clock.advance(60)
    restored = service.restore(path, kept[1])
    assert restored.saved
    assert path.read_text(encoding="utf-8") == MINIMAL
    assert service.get("minimal") == first
    # The version the restore replaced is kept in turn.
    assert service.history(path)[0].read_text() == edited(weight="3")


def test_saving_the_same_text_keeps_no_duplicate(
    service: RubricWorkspaceService, folder: Path
) -> None:
    path = folder / "minimal.yaml"
    assert service.save(path, MINIMAL).saved
    assert service.history(path) == []


def test_windows_line_endings_are_kept(service: RubricWorkspaceService, folder: Path) -> None:
    path = folder / "minimal.yaml"
    path.write_bytes(MINIMAL.replace("\n", "\r\n").encode())
    service.reload_all()
    assert service.save(path, edited()).saved
    assert path.read_bytes() == edited().replace("\n", "\r\n").encode()


# Changes made outside the app


def test_a_broken_external_edit_keeps_the_last_valid_version_for_new_interviews(
    service: RubricWorkspaceService, folder: Path
) -> None:
    path = folder / "minimal.yaml"
    valid = service.get("minimal")
    assert valid is not None
    path.write_text(MINIMAL.replace("title: Minimal interview", "titel: typo"), encoding="utf-8")
    change = service.reload_all()
    assert change.changed == (path,)
    file = service.file(path)
    assert file is not None
    assert not file.ok and file.stale and file.serving == valid
    assert service.rubrics() == [valid]
    assert "new interviews keep the last valid version " + valid.version[:8] in file.describe()
    assert any("did you mean 'title'" in d.message for d in file.load.diagnostics)
    # The valid text it replaced can be restored from the history.
    (kept,) = service.history(path)
    assert kept.version == valid.version and kept.read_text() == MINIMAL

    path.write_text(edited(), encoding="utf-8")
    assert service.reload_file(path).changed == (path,)
    fixed = service.file(path)
    assert fixed is not None and fixed.ok and not fixed.stale
    assert service.get("minimal") is not None and service.get("minimal") != valid


def test_a_file_broken_from_the_start_is_not_offered(
    service: RubricWorkspaceService, folder: Path
) -> None:
    shutil.copy(CORPUS / "malformed" / "empty.yaml", folder / "empty.yaml")
    service.reload_all()
    file = service.file(folder / "empty.yaml")
    assert file is not None and not file.ok and file.serving is None
    assert file.describe() == "1 problem · not offered for new interviews"
    assert [r.id for r in service.rubrics()] == ["minimal"]


def test_files_added_and_removed_outside_the_app_are_picked_up(
    service: RubricWorkspaceService, folder: Path
) -> None:
    added = folder / "second.yaml"
    added.write_text(MINIMAL.replace("id: minimal", "id: second"), encoding="utf-8")
    (folder / ".hidden.yaml").write_text("junk", encoding="utf-8")
    change = service.reload_all()
    assert change.changed == (added,) and change.removed == ()
    assert sorted(r.id for r in service.rubrics()) == ["minimal", "second"]
    assert not service.reload_all()  # nothing changed since
    (folder / "minimal.yaml").unlink()
    change = service.reload_all()
    assert change.removed == (folder / "minimal.yaml",)
    assert [r.id for r in service.rubrics()] == ["second"]


def test_taking_an_id_outside_the_app_invalidates_the_later_file(
    service: RubricWorkspaceService, folder: Path
) -> None:
    clash = folder / "z-copy.yaml"
    clash.write_text(MINIMAL, encoding="utf-8")
    service.reload_all()
    file = service.file(clash)
    assert file is not None and not file.ok
    assert "already used by" in file.load.diagnostics[0].message
    assert [r.id for r in service.rubrics()] == ["minimal"]


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    service = RubricWorkspaceService(tmp_path / "gone", history_root=tmp_path / "h")
    assert service.files() == []
    assert service.folder_problem is not None and "cannot be read" in service.folder_problem


# The folder setting


def test_changing_the_folder_is_remembered(
    service: RubricWorkspaceService, tmp_path: Path
) -> None:
    other = tmp_path / "team-rubrics"
    other.mkdir()
    (other / "second.yaml").write_text(MINIMAL.replace("id: minimal", "id: second"))
    change = service.change_folder(other)
    assert [p.name for p in change.removed] == ["minimal.yaml"]
    assert [r.id for r in service.rubrics()] == ["second"]
    settings_file = tmp_path / "settings.json"
    assert load_settings(settings_file).rubric_folder == str(other)
    again = RubricWorkspaceService.from_settings(settings_file)
    assert again.folder == other

    # Back to the default: `rubrics/` of the data home, which already exists here.
    service.change_folder(None)
    assert load_settings(settings_file).rubric_folder is None
    assert service.folder == tmp_path / "rubrics" and not service.read_only
    assert [r.id for r in service.rubrics()] == ["minimal"]


# Comparing versions


def test_the_diff_shows_what_changed_between_two_versions() -> None:
    old = load_rubric_text(MINIMAL, "a.yaml").rubric
    new = load_rubric_text(edited(), "a.yaml").rubric
    assert old is not None and new is not None
    assert rubric_diff(old, old, "a", "b").lines == ()
    diff = rubric_diff(old, new, "interview 7", "minimal.yaml")
    assert not diff.identical
    assert diff.lines[:2] == ("--- interview 7", "+++ minimal.yaml")
    changed = [line for line in diff.lines if line[:1] in "+-" and line[1:2] not in "+-"]
    assert changed == ["-    weight: 1.0", "+    weight: 2.0"]


def test_history_names_unreadable_versions_as_invalid(
    service: RubricWorkspaceService, folder: Path
) -> None:
    path = folder / "minimal.yaml"
    path.write_text("id: [", encoding="utf-8")
    service.reload_all()
    assert service.save(path, MINIMAL).saved
    assert service.history(path)[0].version == INVALID


def test_each_hunk_says_where_in_the_rubric_it_changes() -> None:
    old = load_rubric_text(MINIMAL, "a.yaml").rubric
    assert old is not None

    def hunks(text: str) -> list[str]:
        new = load_rubric_text(text, "a.yaml").rubric
        assert new is not None and old is not None
        return [line for line in rubric_diff(old, new, "a", "b").lines if line.startswith("@@")]

    (weight,) = hunks(edited())
    assert weight.endswith("@@ dimensions › probability")
    (label,) = hunks(MINIMAL.replace("label: Strong", "label: Outstanding"))
    assert label.endswith("@@ dimensions › probability › levels › score 2")
    (section,) = hunks(MINIMAL.replace("Derivation on the notepad", "On the notepad"))
    assert section.endswith("@@ agenda › derive")

"""The Rubrics workspace, driven as the lead drives it: typing, saving, files changed outside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scorer.domain.placeholders import fill_placeholders
from scorer.paths import bundled_rubrics_dir
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.rubric_workspace.diff_view import InterviewDiffDialog
from scorer.ui.rubric_workspace.disk_changes import DISK_TOPIC, KEEP
from scorer.ui.rubric_workspace.history_dialog import HistoryDialog
from scorer.ui.rubric_workspace.workspace import CANCEL, DISCARD
from tests.ui.workspace_helpers import (
    MINIMAL,
    WAIT_MS,
    folder,
    line_of,
    make_workspace,
    preview_levels,
    rubrics,
    type_over,
)

__all__ = ["folder", "rubrics"]  # fixtures


def test_a_broken_edit_is_marked_at_its_line_and_its_save_is_refused(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    assert workspace.current_path == folder / "minimal.yaml"
    assert workspace.errors.count() == 0 and workspace.preview.rubric is not None
    line = line_of(MINIMAL, "kind: hands_on_notepad")

    type_over(qtbot, workspace, line, "kind: ", "notepad")
    qtbot.waitUntil(lambda: workspace.errors.count() == 1, timeout=WAIT_MS)
    assert workspace.editor.problem_lines() == [line]
    assert workspace.errors.item_text(0).startswith(f"Line {line}: 'kind' should be")
    assert "• minimal.yaml" in workspace.files.text_of(folder / "minimal.yaml")
    # The preview keeps the last valid state and says so.
    assert workspace.preview.banner.isVisibleTo(workspace)
    assert "last valid state" in workspace.preview.banner.text()

    workspace.editor.jump_to(1, 1)
    workspace.errors.activate(0)
    cursor = workspace.editor.textCursor()
    assert (cursor.blockNumber() + 1, cursor.positionInBlock() + 1) == (line, 5)

    qtbot.keyClick(workspace.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert workspace.banner.isVisibleTo(workspace)
    assert "Not saved" in workspace.banner.label.text()
    assert f"line {line}" in workspace.banner.label.text()
    assert (folder / "minimal.yaml").read_text(encoding="utf-8") == MINIMAL
    assert rubrics.history(folder / "minimal.yaml") == []
    assert workspace.dirty


def test_fixing_the_edit_updates_the_preview_and_saves_it(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    before = workspace.preview.rubric
    assert before is not None
    workspace.preview.tabs.setCurrentWidget(workspace.preview.dimensions)
    assert preview_levels(workspace) == ["1 · Not demonstrated", "2 · Strong"]
    cards = workspace.preview.dimensions.widget()
    built = cards.built
    label_line = line_of(MINIMAL, "label: Strong")

    type_over(qtbot, workspace, label_line, "label:", "")
    qtbot.keyClick(workspace.editor, Qt.Key.Key_Backspace)  # leaves `label:` with no value
    qtbot.waitUntil(lambda: workspace.errors.count() == 1, timeout=WAIT_MS)
    assert workspace.editor.problem_lines() == [label_line]

    qtbot.keyClicks(workspace.editor, " Outstanding")
    qtbot.waitUntil(lambda: workspace.errors.count() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: preview_levels(workspace) == ["1 · Not demonstrated", "2 · Outstanding"],
        timeout=WAIT_MS,
    )
    shown = workspace.preview.rubric
    assert shown is not None and shown.version != before.version
    assert cards.built == built + 1  # the one dimension edited, nothing else
    assert workspace.editor.problem_lines() == []
    assert "Not saved yet" in workspace.preview.banner.text()

    with qtbot.waitSignal(workspace.library_changed, timeout=WAIT_MS):
        assert workspace.save()
    assert "label: Outstanding" in (folder / "minimal.yaml").read_text(encoding="utf-8")
    assert not workspace.dirty and not workspace.preview.banner.isVisibleTo(workspace)
    served = rubrics.get("minimal")
    assert served is not None and served.version == shown.version
    (kept,) = rubrics.history(folder / "minimal.yaml")
    assert kept.version == before.version

    dialog = HistoryDialog("minimal.yaml", rubrics.history(folder / "minimal.yaml"),
                           workspace.editor.toPlainText(), workspace)
    qtbot.addWidget(dialog)
    assert "-        label: Strong" in dialog.diff.toPlainText().splitlines()
    dialog.accept_current()
    assert dialog.chosen_text == MINIMAL


def test_a_file_changed_outside_the_app_is_picked_up(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path
) -> None:
    workspace = make_workspace(qtbot, rubrics, watch=True)
    path = folder / "minimal.yaml"
    path.write_text(MINIMAL.replace("Minimal interview", "Renamed elsewhere"), encoding="utf-8")
    qtbot.waitUntil(
        lambda: workspace.preview.title.text() == "Renamed elsewhere", timeout=WAIT_MS
    )
    assert "Renamed elsewhere" in workspace.editor.toPlainText()
    assert not workspace.dirty
    valid = rubrics.get("minimal")
    assert valid is not None and valid.title == "Renamed elsewhere"

    # Broken outside the app: the last valid version stays on offer, and the lead is told.
    with qtbot.waitSignal(workspace.message, timeout=WAIT_MS) as told:
        path.write_text(MINIMAL.replace("duration_minutes: 60", "duration_minutes: 45"))
    assert "keep the last valid version " + valid.version[:8] in told.args[0]
    assert rubrics.get("minimal") == valid
    assert "using " + valid.version[:8] in workspace.files.text_of(path)
    assert workspace.errors.count() == 1 and "add up to 60" in workspace.errors.item_text(0)

    # A new file appears in the list by itself.
    (folder / "third.yaml").write_text(MINIMAL.replace("id: minimal", "id: third"))
    qtbot.waitUntil(lambda: folder / "third.yaml" in workspace.files.paths(), timeout=WAIT_MS)
    assert rubrics.get("third") is not None


def test_a_change_on_disk_does_not_overwrite_unsaved_edits(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path
) -> None:
    workspace = make_workspace(qtbot, rubrics, watch=True)
    before = rubrics.get("minimal")
    assert before is not None
    type_over(qtbot, workspace, line_of(MINIMAL, "area:"), "area: ", "Statistics")
    assert workspace.dirty
    qtbot.waitUntil(lambda: "Not saved yet" in workspace.preview.banner.text(), timeout=WAIT_MS)
    assert before.version[:8] in workspace.preview.banner.text()
    (folder / "minimal.yaml").write_text(MINIMAL.replace("Minimal interview", "Other"))
    qtbot.waitUntil(lambda: workspace.banner.isVisibleTo(workspace), timeout=WAIT_MS)
    text = workspace.banner.label.text()
    assert "changed on disk" in text and "while you were editing" in text
    assert "area: Statistics" in workspace.editor.toPlainText()

    # The heading, the banner and the preview name the same version: the file's new one.
    now = rubrics.get("minimal")
    assert now is not None and now.version != before.version
    for shown in (workspace.file_heading.text(), text, workspace.preview.banner.text()):
        assert now.version[:8] in shown and before.version[:8] not in shown

    # The two texts, line by line.
    dialog = workspace.compare_with_disk()
    assert dialog is not None
    diff = dialog.diff.toPlainText().splitlines()
    assert "-title: Other" in diff and "+title: Minimal interview" in diff
    assert "-area: Probability" in diff and "+area: Statistics" in diff
    dialog.choice_buttons[KEEP].click()
    assert not workspace.banner.isVisibleTo(workspace) and workspace.dirty

    # Loading the file is an edit: Ctrl+Z brings the lead's edits back.
    workspace.banner.show_message("x", topic=DISK_TOPIC)
    workspace._reload_current()
    assert "title: Other" in workspace.editor.toPlainText() and not workspace.dirty
    assert not workspace.banner.isVisibleTo(workspace)
    workspace.editor.undo()
    assert "area: Statistics" in workspace.editor.toPlainText() and workspace.dirty
    assert "title: Minimal interview" in workspace.editor.toPlainText()


def test_an_interview_started_before_an_edit_keeps_its_old_rubric(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path, service: InterviewService
) -> None:
    old = rubrics.get("minimal")
    assert old is not None
    candidate = service.add_candidate("Ada Lovelace", "ada@example.com")
    interview_id = service.create_interview(
        candidate.id, old, "Yan Interviewer", "yan@example.com",
        rubric_text=rubrics.text_of(old),
    ).interview_id

    workspace = make_workspace(qtbot, rubrics, service)
    weight = line_of(MINIMAL, "weight: 1")
    type_over(qtbot, workspace, weight, "weight: ", "2")
    assert workspace.save()
    new = rubrics.get("minimal")
    assert new is not None and new.version != old.version
    later = service.create_interview(
        candidate.id, new, "Yan Interviewer", "yan@example.com", rubric_text=rubrics.text_of(new)
    ).interview_id

    detail = service.get_interview(interview_id)
    assert detail.rubric_version == old.version and detail.rubric == old
    assert detail.rubric.dimensions[0].weight == 1

    # The texts as written: the first line is a comment, kept, and the line numbers are the file's.
    dialog = workspace.compare_with_interview(interview_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.current_interview() == interview_id
    diff = dialog.diff.toPlainText().splitlines()
    assert "-    weight: 1" in diff and "+    weight: 2" in diff
    assert not any("schema_version" in line or "weight: 1.0" in line for line in diff)
    hunk = next(line for line in diff if line.startswith("@@"))
    assert hunk.startswith(f"@@ -{weight - 3},7 +{weight - 3},7 @@")
    assert old.version[:8] in dialog.heading.text()

    # Which interviews used which version: one group per version, newest first.
    tree = dialog.tree
    assert tree.topLevelItemCount() == 2
    newest, oldest = tree.topLevelItem(0), tree.topLevelItem(1)
    assert newest is not None and oldest is not None
    assert newest.text(0).startswith(f"version {new.version[:8]} · the file now")
    assert oldest.text(0).startswith(f"version {old.version[:8]}\n1 interview")
    assert "Ada Lovelace" in oldest.child(0).text(0)
    assert old.version[:8] in oldest.child(0).text(0)  # in the picker too
    dialog.show_interview(later)
    assert "the same text as minimal.yaml in the editor" in dialog.heading.text()
    dialog.close()

    workspace.compare_button.click()  # the button opens on the newest interview of the rubric
    opened = [d for d in workspace.findChildren(InterviewDiffDialog) if d.isVisible()]
    assert len(opened) == 1 and opened[0].current_interview() == later


def test_an_interview_from_before_texts_were_kept_is_compared_by_content(
    qtbot: QtBot, rubrics: RubricWorkspaceService, service: InterviewService
) -> None:
    old = rubrics.get("minimal")
    assert old is not None
    candidate = service.add_candidate("Ada Lovelace", "ada@example.com")
    interview_id = service.create_interview(
        candidate.id, old, "Yan Interviewer", "yan@example.com"
    ).interview_id
    workspace = make_workspace(qtbot, rubrics, service)
    type_over(qtbot, workspace, line_of(MINIMAL, "weight: 1"), "weight: ", "2")
    dialog = workspace.compare_with_interview(interview_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    diff = dialog.diff.toPlainText().splitlines()
    assert "-    weight: 1.0" in diff and "+    weight: 2.0" in diff
    assert "before Scorer kept the rubric file's text" in dialog.heading.text()
    assert "(not saved)" in diff[1]
    dialog.close()

    # Saved: the file's version is one no interview has used yet, and the view says so.
    assert workspace.save()
    saved = rubrics.get("minimal")
    assert saved is not None
    dialog = workspace.compare_with_interview(interview_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    top = dialog.tree.topLevelItem(0)
    assert top is not None and top.text(0) == (
        f"version {saved.version[:8]} · the file now\nno interview has used it yet"
    )
    assert dialog.current_interview() == interview_id


def test_unsaved_changes_are_asked_about_before_switching_files(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    type_over(qtbot, workspace, line_of(MINIMAL, "area:"), "area: ", "Statistics")
    asked: list[str] = []
    answer = CANCEL
    monkeypatch.setattr(workspace, "ask_unsaved", lambda name: asked.append(name) or answer)

    workspace.files.setCurrentRow(1)  # the lead clicks second.yaml
    assert asked == ["minimal.yaml"]
    assert workspace.current_path == folder / "minimal.yaml"
    assert workspace.files.currentRow() == 0 and workspace.dirty

    answer = DISCARD
    workspace.files.setCurrentRow(1)
    assert workspace.current_path == folder / "second.yaml"
    assert not workspace.dirty
    assert (folder / "minimal.yaml").read_text(encoding="utf-8") == MINIMAL


def test_a_new_rubric_starts_from_the_valid_template(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    monkeypatch.setattr(workspace, "ask_new_rubric", lambda: ("probability", "Probability"))
    workspace.editor.setFocus()
    qtbot.keyClick(
        workspace.editor, Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    path = folder / "probability.yaml"
    assert workspace.current_path == path and not path.exists()
    text = workspace.editor.toPlainText()
    assert text.startswith("# A new rubric.")
    # Every placeholder is a problem at its line; the preview shows the rubric as written.
    load = workspace.load
    assert load is not None and not load.ok
    assert workspace.errors.count() == text.count("<<") - 1  # one is in a comment
    assert all("placeholder" in workspace.errors.item_text(r) for r in range(len(load.diagnostics)))
    assert workspace.preview.title.text() == "Probability"
    assert "cannot be saved" in workspace.preview.banner.text()
    assert "• probability.yaml" in workspace.files.text_of(path)

    assert not workspace.save() and not path.exists()
    assert "Not saved" in workspace.banner.label.text() and "placeholder" in (
        workspace.banner.label.text()
    )
    workspace.replace_text(fill_placeholders(text, "Written by the lead"))
    assert workspace.errors.count() == 0
    assert workspace.save()
    assert path.exists() and rubrics.get("probability") is not None
    assert "• " not in workspace.files.text_of(path)


def test_the_rubric_folder_is_chosen_and_remembered(
    qtbot: QtBot, rubrics: RubricWorkspaceService, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "team"
    other.mkdir()
    (other / "team.yaml").write_text(MINIMAL.replace("id: minimal", "id: team"))
    workspace = make_workspace(qtbot, rubrics)
    monkeypatch.setattr(workspace, "ask_folder", lambda: other)
    with qtbot.waitSignal(workspace.library_changed, timeout=WAIT_MS):
        workspace.change_folder()
    assert workspace.files.paths() == [other / "team.yaml"]
    assert workspace.current_path == other / "team.yaml"
    assert str(other) in workspace.folder_label.text()
    again = RubricWorkspaceService.from_settings(tmp_path / "settings.json")
    assert again.folder == other


def test_every_bundled_rubric_previews_on_every_tab_without_errors(
    qtbot: QtBot, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bundled"
    shutil.copytree(bundled_rubrics_dir(), folder)
    rubrics = RubricWorkspaceService(folder, history_root=tmp_path / "history")
    workspace = make_workspace(qtbot, rubrics)
    tabs = workspace.preview.tabs
    for path in workspace.files.paths():
        workspace.files.setCurrentRow(workspace.files.paths().index(path))
        assert workspace.current_path == path and workspace.errors.count() == 0
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
        rubric = workspace.preview.rubric
        assert rubric is not None
        levels = sum(len(d.levels) for d in rubric.dimensions)
        assert len(preview_levels(workspace)) >= levels
        for question in rubric.questions:
            assert question.title in workspace.preview.questions.toPlainText()
    qtbot.wait(10)
    assert capfd.readouterr().err == ""


def test_a_discarded_new_rubric_leaves_no_trace(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    monkeypatch.setattr(workspace, "ask_new_rubric", lambda: ("draft", "Draft"))
    workspace.new_rubric()
    assert folder / "draft.yaml" in workspace.files.paths()
    monkeypatch.setattr(workspace, "ask_unsaved", lambda name: DISCARD)
    monkeypatch.setattr(workspace, "ask_new_rubric", lambda: None)  # then cancels
    workspace.new_rubric()
    assert workspace.files.paths() == [folder / "minimal.yaml", folder / "second.yaml"]
    assert workspace.current_path == folder / "minimal.yaml"
    assert workspace.editor.toPlainText() == MINIMAL and not workspace.dirty
    assert not (folder / "draft.yaml").exists()


def test_the_bundled_rubrics_are_shown_read_only_and_the_default_folder_is_the_leads(
    qtbot: QtBot, tmp_path: Path, scorer_home: Path
) -> None:
    rubrics = RubricWorkspaceService(bundled_rubrics_dir(), history_root=tmp_path / "history")
    workspace = make_workspace(qtbot, rubrics)
    assert workspace.editor.isReadOnly()
    assert not workspace.new_button.isEnabled() and not workspace.save_button.isEnabled()
    assert "read-only" in workspace.folder_status.text()
    assert "read-only" in workspace.file_heading.text()
    before = workspace.editor.toPlainText()
    qtbot.keyClicks(workspace.editor, "typed")
    assert workspace.editor.toPlainText() == before and not workspace.dirty

    with qtbot.waitSignal(workspace.library_changed, timeout=WAIT_MS):
        workspace.use_default_folder()
    assert rubrics.folder == scorer_home / "rubrics" and len(workspace.files.paths()) == 4
    assert "the default, in Scorer's data folder" in workspace.folder_label.text()
    assert not workspace.editor.isReadOnly() and workspace.new_button.isEnabled()
    assert "read-only" not in workspace.folder_status.text()


def test_hostile_files_dropped_in_the_folder_are_read_off_the_ui_thread(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import threading

    from tests.support.hostile_files import alias_bomb, deep_flow_yaml

    workspace = make_workspace(qtbot, rubrics, watch=True)
    threads: list[bool] = []
    scanner = rubrics.scanner

    def recorded() -> object:
        scan = scanner()

        def run() -> object:
            threads.append(threading.current_thread() is threading.main_thread())
            return scan()
        return run

    monkeypatch.setattr(rubrics, "scanner", recorded)
    (folder / "bomb.yaml").write_text(alias_bomb(9))
    (folder / "deep.yaml").write_text(deep_flow_yaml(3000))
    (folder / "zero.yaml").symlink_to("/dev/zero")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")

    def listed() -> bool:
        file = rubrics.file(folder / "zero.yaml")
        return file is not None and rubrics.file(folder / "bomb.yaml") is not None
    qtbot.waitUntil(listed, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: workspace.watcher is not None and not workspace.watcher.busy(),
                    timeout=WAIT_MS)

    assert threads and not any(threads)  # every scan ran on the worker thread
    bomb = rubrics.file(folder / "bomb.yaml")
    zero = rubrics.file(folder / "zero.yaml")
    deep = rubrics.file(folder / "deep.yaml")
    assert bomb is not None and zero is not None and deep is not None
    assert "more than 20,000 values" in bomb.load.diagnostics[0].message
    assert zero.load.diagnostics[0].message == "refused: a device, not a regular file"
    assert "more than 32 levels deep" in deep.load.diagnostics[0].message
    assert rubrics.get("minimal") is not None  # the good file still serves

"""What the workspace's toolbar does: a new rubric, another folder, history, an interview's version.

Each action that would take the editor's file away asks about unsaved edits first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from scorer.domain.errors import ScorerError
from scorer.ui.prose import escape_text
from scorer.ui.rubric_workspace.diff_view import InterviewDiffDialog
from scorer.ui.rubric_workspace.editor_state import EditorState
from scorer.ui.rubric_workspace.history_dialog import HistoryDialog
from scorer.ui.rubric_workspace.new_rubric_dialog import NewRubricDialog


class ToolbarActions(EditorState):
    def new_rubric(self) -> None:
        if not self.confirm_leave():
            return
        answer = self.ask_new_rubric()
        if answer is None:
            return
        rubric_id, title = answer
        try:
            path = self.service.new_rubric_path(rubric_id)
            text = self.service.new_rubric_text(rubric_id, title)
        except ScorerError as exc:
            self.banner.show_message(escape_text(exc.message))
            return
        self._path = path
        self._draft = True
        self._offered = None
        self._last_good = None
        self.banner.clear()
        self._set_text(text)
        self.editor.setReadOnly(False)
        self._keep_draft()  # the id and title typed into the dialog are unsaved work too
        self._refresh_list()
        self.check_now()
        self.editor.jump_to(1, 1)

    def change_folder(self) -> None:
        if not self.confirm_leave():
            return
        folder = self.ask_folder()
        if folder is not None:
            self._apply_folder(folder)

    def use_default_folder(self) -> None:
        """Back to `rubrics/` in the data home (made from the bundled rubrics if missing)."""
        if self.confirm_leave():
            self._apply_folder(None)

    def _apply_folder(self, folder: Path | None) -> None:
        try:
            self.service.change_folder(folder)
        except ScorerError as exc:
            self.banner.show_message(escape_text(exc.message))
            return
        if self.watcher is not None:
            self.watcher.rewatch()
        self._show_first()
        self.offer_drafts()
        self.message.emit(f"Rubric folder: {self.service.folder}")
        self.library_changed.emit()

    def show_history(self) -> None:
        if self._path is None or self._draft:
            return
        dialog = HistoryDialog(
            self._path.name, self.service.history(self._path), self.editor.toPlainText(), self
        )
        if dialog.exec() and dialog.chosen_text is not None:
            self.replace_text(dialog.chosen_text)

    def _on_compare_clicked(self) -> None:
        self.compare_with_interview()  # `clicked` would pass its checked state as the id

    def compare_with_interview(self, interview_id: int | None = None) -> InterviewDiffDialog | None:
        file = self.current_file()
        if self._interviews is None or file is None:
            return None
        current = file.serving
        rubric_id = current.id if current is not None else (
            self._last_good.id if self._last_good is not None else file.path.stem
        )
        load = self.check_now() if self._timer.isActive() or self._load is None else self._load
        editor_rubric = load.rubric if load is not None and load.ok else None
        dialog = InterviewDiffDialog(
            self._interviews, rubric_id, file.name, self.editor.toPlainText(),
            editor_rubric, current, unsaved=self.dirty, parent=self,
        )
        if interview_id is not None:
            dialog.show_interview(interview_id)
        dialog.open()
        return dialog

    # Questions to the lead (tests replace these)

    def ask_new_rubric(self) -> tuple[str, str] | None:
        dialog = NewRubricDialog(self.service, self)
        return dialog.value() if dialog.exec() else None

    def ask_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Choose the rubric folder", str(self.service.folder)
        )
        return Path(chosen) if chosen else None

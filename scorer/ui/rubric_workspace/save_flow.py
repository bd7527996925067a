"""Saving the editor's rubric, and asking about unsaved edits before they would be lost.

A save refuses an invalid rubric, as `scorer rubrics check` does in CI, and
says why. Before the editor's file goes away (another file, a new rubric,
another folder, closing the window) the lead saves, discards or stays.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from scorer.domain.errors import ScorerError
from scorer.io.rubrics.loader import RubricLoad
from scorer.ui.prose import escape_text
from scorer.ui.rubric_workspace.draft_keeper import DraftKeeper
from scorer.ui.rubric_workspace.editor_state import EditorState

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class SaveFlow(EditorState):
    drafts: DraftKeeper

    def save(self) -> bool:
        """Save if the rubric is valid; otherwise refuse, say why, and write nothing."""
        path = self._path
        if path is None or self.editor.isReadOnly():
            return False
        self._timer.stop()
        self._checker.cancel()
        try:
            result = self.service.save(path, self.editor.toPlainText())
        except ScorerError as exc:
            self.banner.show_message(escape_text(exc.message))
            return False
        self._show_load(result.load)
        if not result.saved:
            self._refuse(result.load)
            return False
        self._draft = False
        self.editor.document().setModified(False)
        self.drafts.forget(path)
        self.banner.clear()
        assert result.load.rubric is not None
        kept = " The version it replaced is kept in History." if result.backup else ""
        self.message.emit(
            f"Saved {path.name}: new interviews get version {result.load.rubric.version[:8]}."
            + kept
        )
        self._show_preview()
        self._refresh_list()
        self.library_changed.emit()
        return True

    def _refuse(self, load: RubricLoad) -> None:
        count = len(load.diagnostics)
        first = load.diagnostics[0] if load.diagnostics else None
        reason = (
            f" The first, on line {first.line}: {escape_text(first.message)}." if first else ""
        )
        self.banner.show_message(
            f"<b>Not saved:</b> the rubric has {count} problem{'s' * (count != 1)}.{reason} "
            f"The file is unchanged and new interviews get {self._serving_phrase()}.",
            action=("Go to the problem", self._jump_to_first) if first else None,
        )

    def _jump_to_first(self) -> None:
        if self._load is not None and self._load.diagnostics:
            first = self._load.diagnostics[0]
            self.editor.jump_to(first.line, first.column)

    def confirm_leave(self) -> bool:
        """Before the editor's file goes away: save, discard or stay. True to go on."""
        if not self.dirty or self._path is None:
            return True
        answer = self.ask_unsaved(self._path.name)
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self.drafts.forget(self._path)
            # Back to what is on disk, so the editor never shows text that is neither.
            if self._draft:
                self._show_first()
            else:
                self._show_file(self._path)
            return True
        return False

    def confirm_close(self) -> bool:
        """For the main window's close: True when nothing unsaved is left behind."""
        return self.confirm_leave()

    def ask_unsaved(self, name: str) -> str:
        """Save, discard or cancel (tests replace this question)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"{name} has changes that are not saved.")
        box.setInformativeText("Save them first? An invalid rubric is not saved.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return DISCARD
        return CANCEL

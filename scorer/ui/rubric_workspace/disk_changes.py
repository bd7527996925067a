"""The workspace's answer to rubric files changed, added or removed outside the app.

An untouched editor follows the file on disk; an editor with unsaved edits
keeps them and says the file changed, with a way to load it from disk.
"""

from __future__ import annotations

from scorer.services.rubric_workspace import LibraryChange
from scorer.ui.prose import escape_text
from scorer.ui.rubric_workspace.draft_keeper import DraftKeeper
from scorer.ui.rubric_workspace.editor_state import EditorState


class DiskChanges(EditorState):
    drafts: DraftKeeper

    def reload(self) -> LibraryChange:
        """Reload the folder now (the watcher does this by itself after a change)."""
        if self.watcher is not None:
            return self.watcher.reload()
        change = self.service.reload_all()
        if change:
            self._on_reloaded(change)
        return change

    def _on_reloaded(self, change: LibraryChange) -> None:
        notes = []
        for changed in change.changed:
            file = self.service.file(changed)
            if file is not None and not file.ok:
                notes.append(f"{file.name} changed on disk and has problems: {file.describe()}.")
        path = self._path
        if path is not None and not self._draft and path in change.removed:
            self._draft = True
            self.banner.show_message(
                f"{escape_text(path.name)} was removed from the rubric folder. "
                "Save to write it back, or choose another file.", kind="warn",
            )
        elif path is not None and not self._draft and path in change.changed:
            if self.dirty:
                self.banner.show_message(
                    f"{escape_text(path.name)} changed on disk while you were editing it. "
                    "Saving replaces it (the version on disk is kept in History).",
                    kind="warn", action=("Load the file from disk", self._reload_current),
                )
            else:
                self._reload_current()
        self._refresh_list()
        if self._path is None:
            self._show_first()
        if notes:
            self.message.emit(" ".join(notes))
        self.library_changed.emit()

    def _reload_current(self) -> None:
        if self._path is None:
            return
        line = self.editor.textCursor().blockNumber() + 1
        scroll = self.editor.verticalScrollBar().value()
        if self.dirty:
            self.drafts.forget(self._path)  # the lead chose the file on disk over the edits
        self._show_file(self._path)
        self.editor.jump_to(line, 1)
        self.editor.verticalScrollBar().setValue(scroll)

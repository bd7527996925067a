"""The workspace's answer to rubric files changed, added or removed outside the app.

An untouched editor follows the file on disk. An editor with unsaved edits
keeps them and says the file changed, and what it holds now; the lead can
compare the two texts line by line, keep the edits (saving then replaces the
file, whose version is kept in History), or load the file, which is an edit
like any other: Ctrl+Z brings the edits back.
"""

from __future__ import annotations

from scorer.services.rubrics.workspace import LibraryChange
from scorer.services.text_diff import text_diff
from scorer.ui.prose import escape_text
from scorer.ui.rubric_workspace.draft_keeper import DraftKeeper
from scorer.ui.rubric_workspace.editor_state import EditorState
from scorer.ui.rubric_workspace.text_diff_dialog import TextDiffDialog

KEEP, LOAD = "keep", "load"
DISK_TOPIC = "disk"


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
            self._on_current_changed()
        self._refresh_list()
        if self._path is None:
            self._show_first()
        else:
            self._show_preview()  # what new interviews get may have changed with the file
        if notes:
            self.message.emit(" ".join(notes))
        self.library_changed.emit()

    def _on_current_changed(self) -> None:
        file = self.current_file()
        if file is None or file.text is None or not self.dirty:
            self._reload_current()
            return
        if file.text == self.editor.toPlainText():
            # Saved elsewhere with exactly these edits: nothing is unsaved any more.
            self.editor.document().setModified(False)
            self.drafts.forget(self._path)
            return
        self.banner.show_message(
            f"<b>{escape_text(file.name)} changed on disk</b> while you were editing it; "
            f"the file is now {escape_text(file.describe())}. Your edits are not saved: "
            "saving replaces the file (its version is kept in History).",
            kind="warn", topic=DISK_TOPIC,
            actions=(
                ("Compare…", self.compare_with_disk),
                ("Load the file from disk", self._reload_current),
            ),
        )

    def compare_with_disk(self) -> TextDiffDialog | None:
        """The editor's unsaved text against the file as it is on disk now."""
        file = self.current_file()
        if file is None or file.text is None:
            return None
        name = file.name
        lines = text_diff(
            file.text, self.editor.toPlainText(), f"{name} on disk", f"{name} in the editor",
        )
        dialog = TextDiffDialog(
            f"{name}: the file on disk and your edits",
            f"Lines marked <code>-</code> are in {escape_text(name)} on disk "
            f"({escape_text(file.describe())}); lines marked <code>+</code> are in the editor, "
            "not saved.",
            lines,
            (
                (KEEP, "Keep my edits",
                 "Go on editing; saving replaces the file, whose version is kept in History"),
                (LOAD, "Load the file from disk",
                 "Replaces the editor's text with the file; Ctrl+Z brings your edits back"),
            ),
            parent=self,
        )
        dialog.finished.connect(lambda _result: self._on_compared(dialog.chosen))
        dialog.open()
        return dialog

    def _on_compared(self, chosen: str | None) -> None:
        if chosen == LOAD:
            self._reload_current()
        elif chosen == KEEP and self.banner.topic == DISK_TOPIC:
            self.banner.clear()

    def _reload_current(self) -> None:
        path = self._path
        if path is None:
            return
        file = self.current_file()
        if self.dirty and not self._draft and file is not None and file.text is not None:
            # An edit, so that Ctrl+Z brings the lead's edits back.
            self.replace_text(file.text)
            self.editor.document().setModified(False)
            self.drafts.forget(path)  # the lead chose the file on disk over the edits
            if self.banner.topic == DISK_TOPIC:
                self.banner.clear()
            self._refresh_list()
            self._show_preview()
            self.message.emit(f"Loaded {path.name} from disk; Ctrl+Z brings your edits back.")
            return
        line = self.editor.textCursor().blockNumber() + 1
        scroll = self.editor.verticalScrollBar().value()
        self._show_file(path)
        self.editor.jump_to(line, 1)
        self.editor.verticalScrollBar().setValue(scroll)

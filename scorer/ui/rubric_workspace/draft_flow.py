"""Unsaved edits outlive the app: kept as a draft while the lead types, offered back at start.

While a draft of the file in the editor waits for an answer, the editor is
read-only, so that new typing never overwrites the kept edits: the lead
compares them with the file on disk and restores or discards them.
"""

from __future__ import annotations

from pathlib import Path

from scorer.services.rubrics.workspace import Draft
from scorer.services.text_diff import text_diff
from scorer.ui.prose import escape_text
from scorer.ui.rubric_workspace.draft_keeper import DraftKeeper
from scorer.ui.rubric_workspace.editor_state import EditorState
from scorer.ui.rubric_workspace.text_diff_dialog import TextDiffDialog

RESTORE, DISCARD_DRAFT = "restore", "discard"
DRAFT_TOPIC = "draft"


def _when(draft: Draft) -> str:
    local = draft.saved_at.astimezone()
    return f"{local:%H:%M} on {local.day} {local:%b %Y}"


class DraftFlow(EditorState):
    drafts: DraftKeeper
    _offered: Path | None  # the file whose kept edits wait for an answer

    # Keeping

    def _keep_draft(self) -> None:
        """After each change of the editor's text: keep it, or drop it once it is clean."""
        path = self._path
        if path is None or self.editor.isReadOnly():
            return
        if self.dirty:
            self.drafts.push(path, self.editor.toPlainText(), self._draft)
        else:
            self.drafts.forget(path)

    # Offering

    def offer_drafts(self) -> None:
        """Offer the newest draft of this folder; its file is opened if the editor is free."""
        drafts = [d for d in self.service.drafts() if d.path != self._offered]
        if not drafts or self._offered is not None:
            return
        draft = drafts[0]
        exists = self.service.file(draft.path) is not None
        if exists and draft.path != self._path and not self.dirty:
            self._show_file(draft.path)  # offers its draft
        else:
            self._offer(draft)

    def _offer_draft_of(self, path: Path) -> None:
        draft = self.service.draft(path)
        file = self.service.file(path)
        if draft is None or file is None or file.text is None:
            return
        if draft.text == file.text:
            self.drafts.forget(path)
            return
        self._offer(draft)

    def _offer(self, draft: Draft) -> None:
        name = escape_text(draft.path.name)
        if draft.path == self._path and not self._draft:
            self._offered = draft.path
            self.editor.setReadOnly(True)
            what = f"<b>Unsaved edits to {name}</b> from {_when(draft)} were kept"
            rest = " Compare them with the file on disk, then restore or discard them."
        else:
            self._offered = draft.path
            kind = "a new rubric, never saved" if draft.new_file or not draft.path.exists() else ""
            what = f"<b>Unsaved edits to {name}</b>{f' ({kind})' if kind else ''} from " \
                f"{_when(draft)} were kept"
            rest = " Compare them with the file, then restore or discard them."
        self.banner.show_message(
            f"{what} when Scorer last closed without saving them.{rest}",
            kind="warn", topic=DRAFT_TOPIC,
            actions=(
                ("Compare and restore…", lambda: self.review_draft(draft.path)),
                ("Discard them", lambda: self.discard_kept(draft.path)),
            ),
        )
        self._update_buttons()

    def review_draft(self, path: Path) -> TextDiffDialog | None:
        """The kept edits against the file on disk, with a choice to restore or discard them."""
        draft = self.service.draft(path)
        if draft is None:
            self._clear_offer()
            return None
        disk = self.service.disk_text(path)
        old_label = f"{path.name} on disk" if disk is not None else f"{path.name} (not on disk)"
        lines = text_diff(disk or "", draft.text, old_label, f"unsaved edits from {_when(draft)}")
        name = escape_text(path.name)
        heading = (
            f"Lines marked <code>-</code> are in {name} on disk; lines marked "
            f"<code>+</code> are in the edits kept at {_when(draft)}."
            if disk is not None else
            f"{name} was never saved to the rubric folder: every line below is in the "
            f"edits kept at {_when(draft)}."
        )
        dialog = TextDiffDialog(
            f"Unsaved edits to {path.name}",
            heading,
            lines,
            (
                (RESTORE, "Restore the unsaved edits",
                 "Puts them in the editor, unsaved, as an edit you can undo"),
                (DISCARD_DRAFT, "Discard them", "Keeps the file as it is on disk"),
            ),
            parent=self,
        )
        dialog.finished.connect(lambda _result: self._on_reviewed(path, dialog.chosen))
        dialog.open()
        return dialog

    def _on_reviewed(self, path: Path, chosen: str | None) -> None:
        if chosen == RESTORE:
            self.restore_draft(path)
        elif chosen == DISCARD_DRAFT:
            self.discard_kept(path)

    def restore_draft(self, path: Path) -> bool:
        """Put the kept edits of `path` into the editor, unsaved. True when they are there."""
        draft = self.service.draft(path)
        if draft is None:
            self._clear_offer()
            return False
        if path != self._path:
            if not self.confirm_leave():
                return False
            if self.service.file(path) is not None:
                self._show_file(path, offer=False)
            else:
                self._path, self._draft, self._last_good = path, True, None
                self._set_text("")
        self._offered = None
        self.banner.clear()
        self.editor.setReadOnly(not self._editable())
        self.replace_text(draft.text)
        self._refresh_list()
        self.message.emit(f"Restored the unsaved edits to {path.name}; save to keep them.")
        return True

    def discard_kept(self, path: Path) -> None:
        self.drafts.forget(path)
        self._clear_offer()
        self.offer_drafts()

    def _clear_offer(self) -> None:
        offered, self._offered = self._offered, None
        if self.banner.topic == DRAFT_TOPIC:
            self.banner.clear()
        if offered is not None and offered == self._path:
            self.editor.setReadOnly(not self._editable())
        self._update_buttons()

"""The Rubrics workspace's core: which file the editor holds, its check, and what the panes show.

`EditorState` is the base of the workspace widget: it switches files, checks
the text once the typist pauses, and keeps the file list, heading, problems,
preview and buttons in step. The save flow, the toolbar's actions and the
reaction to changes on disk build on it, and `RubricWorkspace` lays it out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QToolButton, QWidget

from scorer.domain.rubric import Rubric
from scorer.io.rubrics.loader import RubricLoad
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import RubricFile, RubricWorkspaceService
from scorer.ui.prose import escape_text
from scorer.ui.rubric_workspace.background_check import BackgroundCheck
from scorer.ui.rubric_workspace.banner import Banner
from scorer.ui.rubric_workspace.error_list import ErrorList
from scorer.ui.rubric_workspace.file_list import FileList
from scorer.ui.rubric_workspace.folder_watcher import FolderWatcher
from scorer.ui.rubric_workspace.preview import RubricPreview
from scorer.ui.rubric_workspace.yaml_editor import YamlEditor
from scorer.ui.theme import css, tones


def display_path(path: Path) -> str:
    """A path as people write it: under the home folder, with `~`."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(path)


class EditorState(QWidget):
    library_changed = Signal()  # the rubrics offered for new interviews may have changed
    message = Signal(str)  # one line for the status bar

    # Set up by RubricWorkspace.__init__ and its layout.
    service: RubricWorkspaceService
    watcher: FolderWatcher | None
    _interviews: InterviewService | None
    _path: Path | None
    _draft: bool  # the editor holds a file not yet written to the folder
    _offered: Path | None  # the file whose kept unsaved edits wait for an answer
    _load: RubricLoad | None  # the check of the editor's current text
    _last_good: Rubric | None  # the editor text's last valid state
    _checker: BackgroundCheck
    _timer: QTimer
    folder_label: QLabel
    folder_button: QToolButton
    new_button: QPushButton
    save_button: QPushButton
    history_button: QPushButton
    compare_button: QPushButton
    files: FileList
    folder_status: QLabel
    file_heading: QLabel
    banner: Banner
    editor: YamlEditor
    errors: ErrorList
    preview: RubricPreview
    splitter: QSplitter

    def confirm_leave(self) -> bool:
        """Before the editor's file goes away: save, discard or stay. True to go on."""
        raise NotImplementedError  # the save flow answers this

    def _keep_draft(self) -> None:
        """Keep the editor's unsaved text as a draft (the draft flow does this)."""
        raise NotImplementedError

    def offer_drafts(self) -> None:
        """Offer the kept unsaved edits of this folder, if any (the draft flow does this)."""
        raise NotImplementedError

    def _offer_draft_of(self, path: Path) -> None:
        """Offer the kept unsaved edits of `path`, if any (the draft flow does this)."""
        raise NotImplementedError

    # State

    @property
    def current_path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._draft or self.editor.document().isModified()

    @property
    def load(self) -> RubricLoad | None:
        """The check of the editor's text, once it has run."""
        return self._load

    def current_file(self) -> RubricFile | None:
        return self.service.file(self._path) if self._path is not None else None

    def _editable(self) -> bool:
        """The editor's file may be edited: the folder is not the bundled one, the file is
        text, and no kept edits of it wait for an answer."""
        if self.service.read_only or self._path is None:
            return False
        file = self.current_file()
        return (file is None or file.text is not None) and self._offered != self._path

    # Opening files

    def open_file(self, path: Path) -> bool:
        """Show `path` in the editor, after asking about unsaved edits to the current one."""
        if path == self._path:
            return True
        if not self.confirm_leave():
            self.files.select(self._path)
            return False
        self._show_file(path)
        return True

    def _show_file(self, path: Path, offer: bool = True) -> None:
        file = self.service.file(path)
        self._path = path
        self._draft = False
        self._offered = None
        self._last_good = None
        self.banner.clear()
        text = file.text if file is not None and file.text is not None else ""
        self._set_text(text)
        self.editor.setReadOnly(not self._editable())
        if file is not None and file.text is not None:
            self._last_good = file.last_valid
            self._show_load(file.load)  # the file as loaded: no need to check it again
        elif file is not None:
            self._show_load(file.load)
        self._refresh_list()
        if offer:
            self._offer_draft_of(path)

    def _show_first(self) -> None:
        files = self.service.files()
        if files:
            self._show_file(files[0].path)
        else:
            self._show_empty()

    def _show_empty(self) -> None:
        self._path = None
        self._draft = False
        self._offered = None
        self._set_text("")
        self.editor.setReadOnly(True)
        self.errors.show_valid(None)
        self.editor.set_diagnostics([])
        problem = self.service.folder_problem
        self.preview.show_nothing(
            escape_text(problem) if problem else
            "This folder has no rubric files yet. Start one with New rubric."
        )
        self._refresh_list()

    def _set_text(self, text: str) -> None:
        self._timer.stop()
        self._checker.cancel()
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self._load = None

    # Checking as the lead types

    def _on_text_changed(self) -> None:
        self._timer.start()
        self._keep_draft()

    def replace_text(self, text: str) -> None:
        """Replace the editor's text as an edit (undoable, and unsaved until saved)."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.check_now()

    def _on_modified(self, _modified: bool) -> None:
        self._refresh_list()

    def _check_later(self) -> None:
        if self._path is not None:
            self._checker.submit(self.service.checker(self._path), self.editor.toPlainText())

    def check_now(self) -> RubricLoad | None:
        """Check the editor's text at once (a pending delayed check is dropped)."""
        self._timer.stop()
        if self._path is None:
            return None
        return self._checker.check_now(self.service.checker(self._path), self.editor.toPlainText())

    def _on_checked(self, load: RubricLoad) -> None:
        # While a newer check is pending, this one describes text already changed.
        if self._timer.isActive():
            return
        if self._path is not None and load.file == str(self._path):
            self._show_load(load)

    def _show_load(self, load: RubricLoad) -> None:
        self._load = load
        self.editor.set_diagnostics(load.diagnostics)
        if load.ok and load.rubric is not None:
            self._last_good = load.rubric
            self.errors.show_valid(load.rubric.version)
            if self.banner.kind == "alert":
                self.banner.clear()  # a refused save's reason no longer holds
        else:
            self.errors.show_problems(load.diagnostics)
        self._show_preview()
        self._update_buttons()

    def _show_preview(self) -> None:
        load = self._load
        serving = self._serving_phrase()
        if load is not None and load.ok and load.rubric is not None:
            note = None
            if self.dirty:
                note = (
                    f"Not saved yet: new interviews get {serving}, the file as it is on "
                    "disk, until you save."
                )
            self.preview.show_rubric(load.rubric, note)
            return
        count = len(load.diagnostics) if load is not None else 0
        problems = f"{count} problem{'s' * (count != 1)}"
        if load is not None and load.draft is not None:
            # Sound as far as its structure goes: show it as written.
            self.preview.show_rubric(
                load.draft,
                f"The text has {problems}; this is how it reads so far. It cannot be saved "
                f"until they are fixed. New interviews get {serving}.",
            )
            return
        if self._last_good is not None:
            self.preview.show_rubric(
                self._last_good,
                f"The text has {problems}; this is its last valid state. "
                f"New interviews get {serving}.",
            )
        else:
            self.preview.show_nothing(
                f"No preview until the rubric is valid: fix the {problems} listed above. "
                f"New interviews get {serving}."
            )

    def _serving_phrase(self) -> str:
        file = self.current_file()
        serving = file.serving if file is not None else None
        if serving is None:
            return "nothing from this file"
        return f"version {serving.version[:8]}"

    # Refreshing

    def _refresh_list(self) -> None:
        files = self.service.files()
        draft = self._path if self._draft else None
        self.files.set_files(files, self._path, self.dirty, draft)
        folder = self.service.folder
        where = ""
        if self.service.is_default:
            where = " &nbsp;<span style='color:{}'>the default, in Scorer's data folder</span>"
            where = where.format(css(tones(self.palette()).muted))
        elif self.service.read_only:
            where = " &nbsp;<span style='color:{}'>bundled with Scorer, read-only</span>"
            where = where.format(css(tones(self.palette()).muted))
        self.folder_label.setText(
            f"<b>Rubric folder</b> &nbsp;{escape_text(display_path(folder))}{where}"
        )
        self.folder_label.setToolTip(str(folder))
        valid = sum(1 for f in files if f.ok)
        stale = sum(1 for f in files if f.stale)
        status = f"{valid} of {len(files)} files valid"
        if stale:
            status += (
                f"<br><span style='color:{css(tones(self.palette()).warn)}'>{stale} broken, "
                "kept at the last valid version for new interviews</span>"
            )
        if self.service.folder_problem:
            status = escape_text(self.service.folder_problem)
        if self.service.folder_note:
            status += f"<br><br>{escape_text(self.service.folder_note)}"
        self.folder_status.setText(status)
        self.file_heading.setText(self._heading())
        self._update_buttons()

    def _heading(self) -> str:
        """The file's name, whether the editor has unsaved edits, and what the file serves."""
        if self._path is None:
            return ""
        file = self.current_file()
        if self._draft:
            state = "new · not saved yet"
        elif file is None:
            state = ""
        else:
            state = f"on disk: {file.describe()}"
        if self.service.read_only:
            state = f"read-only · {state}"
        unsaved = " • unsaved changes" if self.dirty and not self._draft else ""
        muted = css(tones(self.palette()).muted)
        return (
            f"<b>{escape_text(self._path.name)}</b>{unsaved} &nbsp;"
            f"<span style='color:{muted}'>{escape_text(state)}</span>"
        )

    def _update_buttons(self) -> None:
        has_file = self._path is not None
        self.save_button.setEnabled(has_file and self.dirty and not self.editor.isReadOnly())
        self.history_button.setEnabled(has_file and not self._draft)
        self.new_button.setEnabled(not self.service.read_only)
        self.compare_button.setEnabled(
            has_file and not self._draft and self._interviews is not None
        )

"""The Rubrics workspace: the folder's files, the YAML editor, its problems and a preview.

Typing is checked once the typist pauses, off the UI thread; problems are
listed and marked at their lines, and the preview follows every valid state.
Saving refuses an invalid rubric, as `scorer rubrics check` does in CI, and
says why. Files changed outside the app are reloaded as they change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.domain.rubric import Rubric
from scorer.io.rubric_loader import RubricLoad
from scorer.services.interviews import InterviewService
from scorer.services.rubric_workspace import LibraryChange, RubricFile, RubricWorkspaceService
from scorer.ui.prose import escape_text
from scorer.ui.rubric_workspace.background_check import BackgroundCheck
from scorer.ui.rubric_workspace.banner import Banner
from scorer.ui.rubric_workspace.diff_view import InterviewDiffDialog
from scorer.ui.rubric_workspace.error_list import ErrorList
from scorer.ui.rubric_workspace.file_list import FileList
from scorer.ui.rubric_workspace.folder_watcher import FolderWatcher
from scorer.ui.rubric_workspace.history_dialog import HistoryDialog
from scorer.ui.rubric_workspace.new_rubric_dialog import NewRubricDialog
from scorer.ui.rubric_workspace.preview import RubricPreview
from scorer.ui.rubric_workspace.yaml_editor import YamlEditor
from scorer.ui.theme import css, tones

CHECK_DELAY_MS = 300

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def display_path(path: Path) -> str:
    """A path as people write it: under the home folder, with `~`."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(path)


class RubricWorkspace(QWidget):
    library_changed = Signal()  # the rubrics offered for new interviews may have changed
    message = Signal(str)  # one line for the status bar

    def __init__(
        self,
        service: RubricWorkspaceService,
        interviews: InterviewService | None = None,
        parent: QWidget | None = None,
        *,
        watch: bool = True,
        check_delay_ms: int = CHECK_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._interviews = interviews
        self._path: Path | None = None
        self._draft = False  # the editor holds a file not yet written to the folder
        self._load: RubricLoad | None = None  # the check of the editor's current text
        self._last_good: Rubric | None = None  # the editor text's last valid state

        self.watcher = FolderWatcher(service, parent=self) if watch else None
        if self.watcher is not None:
            self.watcher.reloaded.connect(self._on_reloaded)
        self._checker = BackgroundCheck(self)
        self._checker.checked.connect(self._on_checked)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(check_delay_ms)
        self._timer.timeout.connect(self._check_later)

        self._build()
        self._refresh_list()
        self._show_first()

    # Layout

    def _build(self) -> None:
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QToolButton()
        self.folder_button.setText("Change folder…")
        self.folder_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The '…' already says a choice follows; the indicator would crowd it.
        self.folder_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        menu = QMenu(self.folder_button)
        menu.addAction("Choose a rubric folder…", self.change_folder)
        menu.addAction("Use the bundled rubrics", self.use_bundled_rubrics)
        self.folder_button.setMenu(menu)
        self.new_button = QPushButton("New rubric…")
        self.new_button.setToolTip("Start a rubric from a commented template (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_rubric)
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the rubric if it is valid (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.history_button = QPushButton("History…")
        self.history_button.setToolTip("Earlier versions of this file, kept on every save")
        self.history_button.clicked.connect(self.show_history)
        self.compare_button = QPushButton("Compare with an interview…")
        self.compare_button.setToolTip(
            "The rubric version an interview used against this file as it is now"
        )
        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.compare_button.setVisible(self._interviews is not None)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.folder_button)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.history_button)
        top.addWidget(self.compare_button)
        top.addWidget(self.save_button)

        self.files = FileList()
        self.files.file_chosen.connect(self.open_file)
        self.folder_status = QLabel()
        self.folder_status.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Rubric files</b>"))
        left_layout.addWidget(self.files, 1)
        left_layout.addWidget(self.folder_status)

        self.file_heading = QLabel()
        self.file_heading.setTextFormat(Qt.TextFormat.RichText)
        self.banner = Banner()
        self.editor = YamlEditor()
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.document().modificationChanged.connect(self._on_modified)
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.file_heading)
        center_layout.addWidget(self.banner)
        center_layout.addWidget(self.editor, 1)

        self.errors = ErrorList()
        self.errors.jump_requested.connect(self.editor.jump_to)
        self.preview = RubricPreview()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.errors)
        right_layout.addWidget(self.preview, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in (left, center, right):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setChildrenCollapsible(False)
        # Panes follow the window's width until the lead drags a handle.
        self._user_sized = False
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        for text, keys, slot in (
            ("Save rubric", QKeySequence.StandardKey.Save, self.save),
            ("New rubric", QKeySequence("Ctrl+Shift+N"), self.new_rubric),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            layout = self.layout()
            if layout is not None:
                layout.activate()  # lays the splitter out at the new width first
            self._size_panes()

    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        self._user_sized = True

    def _size_panes(self) -> None:
        """A narrow file list; the editor gets about 80 columns, the preview the rest."""
        total = self.splitter.width() - 2 * self.splitter.handleWidth()
        files = self.fontMetrics().horizontalAdvance("model-parallel.yaml") + 60
        columns = self.editor.fontMetrics().horizontalAdvance("m") * 82
        editor = min(max(total // 2, self.editor.gutter_width() + columns), total - files - 420)
        self.splitter.setSizes([files, editor, total - files - editor])

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

    def _show_file(self, path: Path) -> None:
        file = self.service.file(path)
        self._path = path
        self._draft = False
        self._last_good = None
        self.banner.clear()
        text = file.text if file is not None and file.text is not None else ""
        self._set_text(text)
        self.editor.setReadOnly(file is not None and file.text is None)
        if file is not None and file.text is not None:
            self._last_good = file.last_valid
            self._show_load(file.load)  # the file as loaded: no need to check it again
        elif file is not None:
            self._show_load(file.load)
        self._refresh_list()

    def _show_first(self) -> None:
        files = self.service.files()
        if files:
            self._show_file(files[0].path)
        else:
            self._show_empty()

    def _show_empty(self) -> None:
        self._path = None
        self._draft = False
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
                note = f"Not saved yet: new interviews get {serving} until you save."
            self.preview.show_rubric(load.rubric, note)
            return
        count = len(load.diagnostics) if load is not None else 0
        problems = f"{count} problem{'s' * (count != 1)}"
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

    # Saving

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

    # New rubric, folder, history, interviews

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
        self._last_good = None
        self.banner.clear()
        self.editor.setReadOnly(False)
        self._set_text(text)
        self._refresh_list()
        self.check_now()
        self.editor.jump_to(1, 1)

    def change_folder(self) -> None:
        if not self.confirm_leave():
            return
        folder = self.ask_folder()
        if folder is not None:
            self._apply_folder(folder)

    def use_bundled_rubrics(self) -> None:
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

    def replace_text(self, text: str) -> None:
        """Replace the editor's text as an edit (undoable, and unsaved until saved)."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.check_now()

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
        dialog = InterviewDiffDialog(self._interviews, rubric_id, current, file.name, self)
        if interview_id is not None:
            dialog.show_interview(interview_id)
        dialog.open()
        return dialog

    # Changes on disk

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
        self._show_file(self._path)
        self.editor.jump_to(line, 1)
        self.editor.verticalScrollBar().setValue(scroll)

    # Refreshing

    def _refresh_list(self) -> None:
        files = self.service.files()
        draft = self._path if self._draft else None
        self.files.set_files(files, self._path, self.dirty, draft)
        folder = self.service.folder
        self.folder_label.setText(
            f"<b>Rubric folder</b> &nbsp;{escape_text(display_path(folder))}"
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
        self.compare_button.setEnabled(
            has_file and not self._draft and self._interviews is not None
        )

    # Questions to the lead (tests replace these)

    def ask_unsaved(self, name: str) -> str:
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

    def ask_new_rubric(self) -> tuple[str, str] | None:
        dialog = NewRubricDialog(self.service, self)
        return dialog.value() if dialog.exec() else None

    def ask_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Choose the rubric folder", str(self.service.folder)
        )
        return Path(chosen) if chosen else None

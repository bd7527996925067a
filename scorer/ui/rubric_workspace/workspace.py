"""The Rubrics workspace: the folder's files, the YAML editor, its problems and a preview.

Typing is checked once the typist pauses, off the UI thread; problems are
listed and marked at their lines, and the preview follows every valid state.
Saving refuses an invalid rubric, as `scorer rubrics check` does in CI, and
says why. Files changed outside the app are reloaded as they change.

This module lays the widget out and wires it; what it does lives in its
parts: `editor_state` (the file shown, its check and the panes), `save_flow`
(saving and unsaved edits), `toolbar_actions`, `disk_changes` and `draft_flow`
(unsaved edits kept as drafts, and offered back after a crash).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.debounce import SAVE_DELAY_MS
from scorer.ui.rubric_workspace.background_check import BackgroundCheck
from scorer.ui.rubric_workspace.banner import Banner
from scorer.ui.rubric_workspace.disk_changes import DiskChanges
from scorer.ui.rubric_workspace.draft_flow import DraftFlow
from scorer.ui.rubric_workspace.draft_keeper import DraftKeeper
from scorer.ui.rubric_workspace.editor_state import display_path
from scorer.ui.rubric_workspace.error_list import ErrorList
from scorer.ui.rubric_workspace.file_list import FileList
from scorer.ui.rubric_workspace.find_bar import FindBar
from scorer.ui.rubric_workspace.folder_watcher import FolderWatcher
from scorer.ui.rubric_workspace.preview import RubricPreview
from scorer.ui.rubric_workspace.save_flow import CANCEL, DISCARD, SAVE, SaveFlow
from scorer.ui.rubric_workspace.toolbar_actions import ToolbarActions
from scorer.ui.rubric_workspace.yaml_editor import YamlEditor

__all__ = ["CANCEL", "CHECK_DELAY_MS", "DISCARD", "SAVE", "RubricWorkspace", "display_path"]

CHECK_DELAY_MS = 300


class RubricWorkspace(DiskChanges, ToolbarActions, SaveFlow, DraftFlow):
    """The Rubrics tab; its signals `library_changed` and `message` come from `EditorState`."""

    def __init__(
        self,
        service: RubricWorkspaceService,
        interviews: InterviewService | None = None,
        parent: QWidget | None = None,
        *,
        watch: bool = True,
        check_delay_ms: int = CHECK_DELAY_MS,
        draft_delay_ms: int = SAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._interviews = interviews
        self._path = None
        self._draft = False
        self._offered = None
        self._load = None
        self._last_good = None
        self.drafts = DraftKeeper(service, draft_delay_ms, self)
        self.drafts.failed.connect(self.message)

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
        self.offer_drafts()

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
        menu.addAction("Use the default folder, in Scorer's data folder", self.use_default_folder)
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
        self.find_bar = FindBar(self.editor)
        self.wrap_button = QToolButton()
        self.wrap_button.setText("Wrap lines")
        self.wrap_button.setCheckable(True)
        self.wrap_button.setChecked(self.editor.wraps)
        self.wrap_button.setToolTip("Wrap long lines at the editor's width (Alt+Z)")
        self.wrap_button.toggled.connect(self.editor.set_wrap)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.file_heading, 1)
        heading_row.addWidget(self.wrap_button)
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addLayout(heading_row)
        center_layout.addWidget(self.banner)
        center_layout.addWidget(self.editor, 1)
        center_layout.addWidget(self.find_bar)

        self.errors = ErrorList()
        self.errors.jump_requested.connect(self.editor.jump_to)
        # Once the list has laid its items out at its width.
        self.errors.contents_changed.connect(
            self._fit_problems, Qt.ConnectionType.QueuedConnection
        )
        self.preview = RubricPreview()
        # The problems above the preview, with a handle between them to drag.
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(self.errors)
        self.side.addWidget(self.preview)
        self.side.setChildrenCollapsible(False)
        self.side.setStretchFactor(1, 1)
        self._problems_sized = False
        self.side.splitterMoved.connect(self._on_side_moved)
        right = self.side

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
            ("Find", QKeySequence("Ctrl+F"), lambda: self.find_bar.open_find(False)),
            ("Replace", QKeySequence("Ctrl+H"), lambda: self.find_bar.open_find(True)),
            ("Find next", QKeySequence("F3"), self.find_bar.find_next),
            ("Find previous", QKeySequence("Shift+F3"), self.find_bar.find_previous),
            ("Go to line", QKeySequence("Ctrl+G"), self.go_to_line),
            ("Wrap long lines", QKeySequence("Alt+Z"), self.wrap_button.toggle),
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
        self._fit_problems()

    # Go to line

    def go_to_line(self) -> None:
        line = self.ask_line(self.editor.textCursor().blockNumber() + 1, self.editor.blockCount())
        if line is not None:
            self.editor.go_to_line(line)

    def ask_line(self, current: int, last: int) -> int | None:
        """The line to go to, or None (tests replace this question)."""
        line, ok = QInputDialog.getInt(
            self, "Go to line", f"Line (1 to {last}):", current, 1, max(1, last)
        )
        return line if ok else None

    # The problem list's height

    def _on_side_moved(self, _position: int, _index: int) -> None:
        self._problems_sized = True

    def _fit_problems(self) -> None:
        """Unless the lead dragged the handle: as tall as the problems need, at most half."""
        if self._problems_sized:
            return
        total = sum(self.side.sizes())
        if total <= 0:
            return
        wanted = min(self.errors.wanted_height(), total // 2)
        wanted = max(wanted, self.errors.minimumSizeHint().height())
        self.side.setSizes([wanted, total - wanted])

    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        self._user_sized = True

    def _size_panes(self) -> None:
        """A narrow file list; the editor gets about 80 columns, the preview the rest."""
        total = self.splitter.width() - 2 * self.splitter.handleWidth()
        files = self.fontMetrics().horizontalAdvance("model-parallel.yaml") + 60
        columns = (  # 80 characters and the cursor, the scroll bar and the margins
            self.editor.fontMetrics().horizontalAdvance("m") * 82
            + self.editor.verticalScrollBar().sizeHint().width()
            + 2 * (self.editor.frameWidth() + int(self.editor.document().documentMargin()))
        )
        editor = min(max(total // 2, self.editor.gutter_width() + columns), total - files - 420)
        self.splitter.setSizes([files, editor, total - files - editor])

"""Find and replace in the YAML editor: a bar under it, as in most editors.

Ctrl+F opens it on the find field (with the selected text, if any), Ctrl+H with
the replace field too, one Tab away. Enter finds the next match and Shift+Enter the previous
one, wrapping around the end; every match is tinted and counted. Replacing all
is one edit, undone with one Ctrl+Z. Escape closes the bar and goes back to the
editor, leaving the cursor on the last match.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from scorer.ui.rubric_workspace.yaml_editor import YamlEditor

MAX_MARKED = 2000  # matches tinted at once; more are still found and counted


class FindBar(QWidget):
    def __init__(self, editor: YamlEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.find_field = QLineEdit()
        self.find_field.setPlaceholderText("Find")
        self.find_field.setAccessibleName("Find")
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit()
        self.replace_field.setPlaceholderText("Replace with")
        self.replace_field.setAccessibleName("Replace with")
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("999 of 999  "))
        self.case = QCheckBox("Match case")
        self.previous_button = QToolButton()
        self.previous_button.setText("↑")
        self.previous_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next_button = QToolButton()
        self.next_button.setText("↓")
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Esc)")
        self.replace_button = QPushButton("Replace")
        self.replace_button.setToolTip("Replace this match and go to the next (Enter)")
        self.replace_all_button = QPushButton("Replace all")
        self.replace_all_button.setToolTip("Replace every match; one Ctrl+Z takes it back")
        self.replace_label = QLabel("Replace")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(QLabel("Find"), 0, 0)
        grid.addWidget(self.find_field, 0, 1)
        grid.addWidget(self.count_label, 0, 2)
        grid.addWidget(self.previous_button, 0, 3)
        grid.addWidget(self.next_button, 0, 4)
        grid.addWidget(self.case, 0, 5)
        grid.addWidget(self.close_button, 0, 6)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_field, 1, 1)
        grid.addWidget(self.replace_button, 1, 2, 1, 3)
        grid.addWidget(self.replace_all_button, 1, 5)
        grid.setColumnStretch(1, 1)
        order = (
            self.find_field, self.replace_field, self.replace_button, self.replace_all_button,
            self.previous_button, self.next_button, self.case, self.close_button,
        )
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

        self.find_field.textChanged.connect(self._on_find_changed)
        self.case.toggled.connect(lambda _on: self._on_find_changed())
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.editor.textChanged.connect(self._on_text_changed)
        for field in (self.find_field, self.replace_field):
            field.installEventFilter(self)
        self.setVisible(False)
        self._set_replacing(False)

    # Opening and closing

    def open_find(self, replacing: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # one line of selected text
            self.find_field.setText(selected)
        self._set_replacing(replacing and not self.editor.isReadOnly())
        self.setVisible(True)
        # The find field first, its text selected: type over it, then Tab to the replacement.
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()
        self._mark()

    def close_bar(self) -> None:
        self.setVisible(False)
        self.editor.set_found([])
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_replacing(self, replacing: bool) -> None:
        for widget in (
            self.replace_label, self.replace_field, self.replace_button, self.replace_all_button
        ):
            widget.setVisible(replacing)

    @property
    def replacing(self) -> bool:
        return self.replace_field.isVisibleTo(self)

    # Finding

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def matches(self) -> list[QTextCursor]:
        needle = self.find_field.text()
        if not needle:
            return []
        found: list[QTextCursor] = []
        document = self.editor.document()
        cursor = QTextCursor(document)
        while True:
            cursor = document.find(needle, cursor, self._flags())
            if cursor.isNull():
                return found
            found.append(QTextCursor(cursor))

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        needle = self.find_field.text()
        if not needle:
            return False
        document = self.editor.document()
        start = QTextCursor(self.editor.textCursor())
        if backward and start.hasSelection():
            start.setPosition(start.selectionStart())
        found = document.find(needle, start, self._flags(backward))
        if found.isNull():  # wrap around
            edge = QTextCursor(document)
            if backward:
                edge.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, edge, self._flags(backward))
        if found.isNull():
            self._mark()
            return False
        self.editor.setTextCursor(found)
        self.editor.centerCursor()
        self._mark()
        return True

    def _on_find_changed(self) -> None:
        # As the word is typed, the next match from where the search began is shown.
        cursor = QTextCursor(self.editor.textCursor())
        cursor.setPosition(cursor.selectionStart())
        self.editor.setTextCursor(cursor)
        if not self.find_next():
            self._mark()

    def _on_text_changed(self) -> None:
        if self.isVisible():
            self._mark()

    def _mark(self) -> None:
        found = self.matches()
        self.editor.set_found(found[:MAX_MARKED])
        needle = self.find_field.text()
        if not needle:
            self.count_label.setText("")
            return
        if not found:
            self.count_label.setText("no matches")
            return
        current = self.editor.textCursor()
        index = next(
            (i for i, c in enumerate(found)
             if (c.selectionStart(), c.selectionEnd())
             == (current.selectionStart(), current.selectionEnd())),
            None,
        )
        total = len(found)
        self.count_label.setText(f"{index + 1} of {total}" if index is not None else
                                 f"{total} match{'es' * (total != 1)}")

    # Replacing

    def _on_a_match(self) -> bool:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return False
        selected = cursor.selectedText()
        needle = self.find_field.text()
        if self.case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace_current(self) -> None:
        """Replace the match under the cursor (finding one first if needed), then find the next."""
        if self.editor.isReadOnly() or not self.find_field.text():
            return
        if not self._on_a_match() and not self.find_next():
            return
        self.editor.textCursor().insertText(self.replace_field.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one edit; the number replaced."""
        if self.editor.isReadOnly():
            return 0
        found = self.matches()
        if not found:
            return 0
        replacement = self.replace_field.text()
        edit = QTextCursor(self.editor.document())
        edit.beginEditBlock()
        for match in reversed(found):  # from the end, so earlier positions stay valid
            match.insertText(replacement)
        edit.endEditBlock()
        self._mark()
        self.count_label.setText(f"replaced {len(found)}")
        return len(found)

    # Keys in the fields

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.replace_field:
                    self.replace_current()
                elif shift:
                    self.find_previous()
                else:
                    self.find_next()
                return True
        return super().eventFilter(watched, event)

"""What changed between the rubric an interview used and the file in the editor.

Interviews pin the text of the rubric file they were created from, so the two
texts are compared as written: every line of the diff is a line of the file.
Interviews from before texts were kept pinned the content only; for them the
canonical dumps of the two rubrics are compared, and the dialog says so.

The dialog lists the versions of the rubric that interviews used, newest first,
each with its interviews: which interviews used which version, at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.domain.rubric import Rubric
from scorer.domain.rubric_use import RubricUse
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import rubric_diff
from scorer.services.text_diff import text_diff
from scorer.ui.prose import escape_text
from scorer.ui.theme import tones

_USE = Qt.ItemDataRole.UserRole


def _day(use: RubricUse) -> str:
    held = use.held_at
    return f"{held.day} {held:%b %Y}"


class DiffHighlighter(QSyntaxHighlighter):
    """Added lines green, removed lines red, hunk headers in the accent colour."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        palette_tones = tones()
        self._added = self._line(palette_tones.ok)
        self._removed = self._line(palette_tones.alert)
        self._hunk = QTextCharFormat()
        self._hunk.setForeground(palette_tones.accent)
        self._hunk.setFontItalic(True)
        self._header = QTextCharFormat()
        self._header.setForeground(palette_tones.muted)

    @staticmethod
    def _line(colour: QColor) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(colour)
        fill = QColor(colour)
        fill.setAlpha(34)
        fmt.setBackground(fill)
        return fmt

    def highlightBlock(self, text: str) -> None:
        if text.startswith(("+++", "---")):
            self.setFormat(0, len(text), self._header)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self._added)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self._removed)
        elif text.startswith("@@"):
            self.setFormat(0, len(text), self._hunk)


class DiffText(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName("Differences")
        self.highlighter = DiffHighlighter(self.document())


class InterviewDiffDialog(QDialog):
    """The versions of a rubric that interviews used, and one interview's against the editor."""

    def __init__(
        self,
        interviews: InterviewService,
        rubric_id: str,
        file_name: str,
        editor_text: str,
        editor_rubric: Rubric | None,
        serving: Rubric | None,
        unsaved: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare {file_name} with an interview")
        self.resize(1040, 680)
        self._interviews = interviews
        self._file_name = file_name
        self._editor_text = editor_text
        self._editor_rubric = editor_rubric
        self._editor_label = f"{file_name} in the editor" + (" (not saved)" if unsaved else "")
        try:
            uses = interviews.rubric_uses(rubric_id)
            self._error = ""
        except ScorerError as exc:
            uses, self._error = [], exc.message

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Versions and the interviews that used them")
        self.tree.setRootIsDecorated(True)
        self._fill(uses, serving, editor_rubric)
        self.tree.currentItemChanged.connect(self._on_current)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.diff = DiffText()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setSizes([380, 660])
        splitter.setChildrenCollapsible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Each version of the rubric that interviews used, newest first, with its "
            "interviews. Choose one to see what changed since."
        ))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        first = self._interview_items()
        if first:
            self.tree.setCurrentItem(first[0])
        else:
            self.heading.setText(
                escape_text(self._error) if self._error
                else f"No interview has used the rubric '{escape_text(rubric_id)}' yet."
            )

    # The tree

    def _fill(self, uses: list[RubricUse], serving: Rubric | None, editor: Rubric | None) -> None:
        by_version: dict[str, list[RubricUse]] = {}
        for use in uses:  # newest first, so versions come in order of their latest use
            by_version.setdefault(use.version, []).append(use)
        for version, group in by_version.items():
            marks = []
            if serving is not None and serving.version == version:
                marks.append("the file now")
            if editor is not None and editor.version == version and (
                serving is None or serving.version != version
            ):
                marks.append("the editor's text")
            count = len(group)
            span = _day(group[-1]) if count == 1 else f"{_day(group[-1])} to {_day(group[0])}"
            title = f"version {version[:8]}" + (f" · {', '.join(marks)}" if marks else "")
            top = QTreeWidgetItem([f"{title}\n{count} interview{'s' * (count != 1)}, {span}"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, f"version {version}")
            top.setData(0, _USE, group[0])
            for use in group:
                child = QTreeWidgetItem([
                    f"{use.candidate_name} · {_day(use)}\n"
                    f"{use.interviewer_name} · {use.state.label} · {version[:8]}"
                ])
                child.setData(0, _USE, use)
                child.setToolTip(0, f"interview {use.interview_id}")
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        if serving is not None and serving.version not in by_version:
            unused = QTreeWidgetItem([
                f"version {serving.version[:8]} · the file now\nno interview has used it yet"
            ])
            unused.setFlags(Qt.ItemFlag.ItemIsEnabled)  # nothing to compare: not selectable
            self.tree.insertTopLevelItem(0, unused)

    def _interview_items(self) -> list[QTreeWidgetItem]:
        found = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is not None:
                found += [top.child(row) for row in range(top.childCount())]
        return [item for item in found if item is not None]

    def current_interview(self) -> int | None:
        item = self.tree.currentItem()
        if item is None or item.parent() is None:
            return None
        use: RubricUse = item.data(0, _USE)
        return use.interview_id

    def show_interview(self, interview_id: int) -> None:
        for item in self._interview_items():
            use = item.data(0, _USE)
            if use is not None and use.interview_id == interview_id:
                self.tree.setCurrentItem(item)
                return

    # The diff

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        use: RubricUse | None = item.data(0, _USE) if item is not None else None
        if item is None or use is None:
            return
        if item.parent() is None:
            who = f"Version <b>{use.version[:8]}</b>, as its newest interview pinned it"
        else:
            who = (
                f"{escape_text(use.candidate_name)}'s interview of {_day(use)} used version "
                f"<b>{use.version[:8]}</b>"
            )
        try:
            text = self._interviews.pinned_text(use.interview_id)
            pinned = None if text is not None else (
                self._interviews.get_interview(use.interview_id).rubric
            )
        except ScorerError as exc:
            self.heading.setText(escape_text(exc.message))
            self.diff.clear()
            return
        if text is not None:
            self._show_texts(who, use, text)
        elif pinned is not None:
            self._show_content(who, use, pinned)

    def _show_texts(self, who: str, use: RubricUse, text: str) -> None:
        lines = text_diff(
            text, self._editor_text,
            f"interview {use.interview_id} (version {use.version[:8]})", self._editor_label,
        )
        if not lines:
            self.heading.setText(f"{who}: the same text as {escape_text(self._editor_label)}.")
            self.diff.setPlainText("")
            return
        self.heading.setText(
            f"{who}. Lines marked <code>-</code> were in the rubric file then; lines marked "
            f"<code>+</code> are in {escape_text(self._editor_label)}. Line numbers are the "
            "file's."
        )
        self.diff.setPlainText("\n".join(lines))

    def _show_content(self, who: str, use: RubricUse, pinned: Rubric) -> None:
        note = (
            " This interview was created before Scorer kept the rubric file's text, so the "
            "rubrics' content is compared, written out in a standard form: comments and "
            "layout do not show."
        )
        current = self._editor_rubric
        if current is None:
            self.heading.setText(
                f"{who}.{note} The editor's text is not a valid rubric, so there is nothing "
                "to compare it with."
            )
            self.diff.clear()
            return
        diff = rubric_diff(
            pinned, current, f"interview {use.interview_id} (version {pinned.version[:8]})",
            f"{self._editor_label} (version {current.version[:8]})",
        )
        if diff.identical:
            self.heading.setText(f"{who}, the same content as {escape_text(self._editor_label)}.")
            self.diff.setPlainText("")
            return
        self.heading.setText(
            f"{who}; {escape_text(self._editor_label)} is version <b>{current.version[:8]}</b>."
            f"{note} Lines marked <code>-</code> were in the interview's version; lines marked "
            "<code>+</code> are in the editor's."
        )
        self.diff.setPlainText("\n".join(diff.lines))

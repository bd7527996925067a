"""The rubric as the interviewer will see it, built from the live window's own widgets.

Three tabs follow the interview: the agenda, rules and prep read before the
start; the question bank; the dimensions with every level's anchor in view,
and the recommendation scale. Only the tab in view is brought up to date at
once; the others are when they are shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.rubric import Rubric
from scorer.ui.prose import escape_text
from scorer.ui.questions_panel import question_html
from scorer.ui.rubric_workspace.preview_parts import DimensionCards, OverviewPane
from scorer.ui.theme import css, scaled_font, tones


def _scroll() -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def questions_html(rubric: Rubric) -> str:
    """The question bank grouped by agenda section, in agenda order."""
    sections = {s.id: s for s in rubric.agenda}
    order = [s.id for s in rubric.agenda] + [None]
    parts: list[str] = []
    for section_id in order:
        questions = [q for q in rubric.questions if q.section == section_id]
        if not questions:
            continue
        section = sections.get(section_id) if section_id else None
        heading = (
            f"{escape_text(section.title)} · {section.minutes} min" if section
            else "Questions outside the agenda's sections"
        )
        parts.append(f"<h2 style='margin-top:14px'>{heading}</h2>")
        for question in questions:
            parts.append(question_html(question, section.title if section else None))
            parts.append("<hr>")
    if not parts:
        return "<p><i>This rubric has no questions yet.</i></p>"
    return "".join(parts)


class RubricPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rubric: Rubric | None = None
        self.title = QLabel()
        self.title.setFont(scaled_font(self, 1.4, bold=True))
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        warn = tones(self.palette()).warn
        fill = tones(self.palette()).warn
        fill.setAlpha(40)
        self.banner.setStyleSheet(
            f"QLabel {{ background: {css(fill)}; border: 1px solid {css(warn)};"
            " border-radius: 4px; padding: 4px 6px; }"
        )

        self.overview = _scroll()
        self.questions = QTextBrowser()
        self.questions.setOpenExternalLinks(True)
        self.questions.setAccessibleName("Questions preview")
        self.dimensions = _scroll()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, "Agenda and rules")
        self.tabs.addTab(self.questions, "Questions")
        self.tabs.addTab(self.dimensions, "Dimensions")
        self._overview = OverviewPane()
        self.overview.setWidget(self._overview)
        self._dimension_cards = DimensionCards()
        self.dimensions.setWidget(self._dimension_cards)
        self._stale: set[QWidget] = set()
        self.tabs.currentChanged.connect(self._build_current)

        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {css(tones(self.palette()).muted)};")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.show_nothing("Choose a rubric file to preview it.")

    # What to show

    def show_rubric(self, rubric: Rubric, note: str | None = None) -> None:
        """Show `rubric`; `note` explains when it is not what the editor holds now."""
        self.banner.setText(note or "")
        self.banner.setVisible(bool(note))
        if self.rubric is not None and rubric.version == self.rubric.version:
            return
        self.rubric = rubric
        self.title.setText(escape_text(rubric.title))
        self.meta.setText(
            f"{rubric.competency.value} · {rubric.duration_minutes} min · "
            f"{escape_text(rubric.interviewer_role)} · {escape_text(rubric.area)} · "
            f"version {rubric.version[:8]}"
        )
        self._stale = {self.overview, self.questions, self.dimensions}
        self.stack.setCurrentWidget(self.tabs)
        self._build_current()

    def show_nothing(self, message: str) -> None:
        self.rubric = None
        self.title.setText("")
        self.meta.setText("")
        self.banner.setVisible(False)
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)

    def _build_current(self, _index: int = 0) -> None:
        page = self.tabs.currentWidget()
        rubric = self.rubric
        if rubric is None or page not in self._stale:
            return
        self._stale.discard(page)
        if page is self.overview:
            self._overview.show_rubric(rubric)
        elif page is self.questions:
            position = self.questions.verticalScrollBar().value()
            self.questions.setHtml(questions_html(rubric))
            self.questions.verticalScrollBar().setValue(position)
        elif page is self.dimensions:
            self._dimension_cards.show_rubric(rubric)

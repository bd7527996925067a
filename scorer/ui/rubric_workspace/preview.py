"""The rubric as the interviewer will see it, built from the live window's own widgets.

Three tabs follow the interview: the agenda, rules and prep read before the
start; the question bank; the dimensions with every level's anchor in view,
and the recommendation scale.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.rubric import Dimension, Rubric
from scorer.ui.prose import escape_text, prose_html
from scorer.ui.questions_panel import question_html
from scorer.ui.theme import css, scaled_font, tones
from scorer.ui.widgets.agenda_strip import AgendaStrip, section_kind_name
from scorer.ui.widgets.choice_option import ChoiceOption
from scorer.ui.widgets.rules_view import RulesView


def _scroll() -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def _wrapped(html: str) -> QLabel:
    label = QLabel(html)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


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
        self._replace(self.overview, self._overview(rubric))
        position = self.questions.verticalScrollBar().value()
        self.questions.setHtml(questions_html(rubric))
        self.questions.verticalScrollBar().setValue(position)
        self._replace(self.dimensions, self._dimensions(rubric))
        self.stack.setCurrentWidget(self.tabs)

    def show_nothing(self, message: str) -> None:
        self.rubric = None
        self.title.setText("")
        self.meta.setText("")
        self.banner.setVisible(False)
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)

    def _replace(self, area: QScrollArea, content: QWidget) -> None:
        position = area.verticalScrollBar().value()
        area.setWidget(content)  # deletes the previous content
        # The new content is laid out on the next turn of the event loop.
        QTimer.singleShot(0, area, lambda: area.verticalScrollBar().setValue(position))

    # The tabs

    def _overview(self, rubric: Rubric) -> QWidget:
        content = QWidget()
        column = QVBoxLayout(content)
        if rubric.summary:
            column.addWidget(_wrapped(prose_html(rubric.summary)))

        agenda = QGroupBox("Agenda")
        agenda_layout = QVBoxLayout(agenda)
        agenda_layout.addWidget(AgendaStrip(rubric))
        for section in rubric.agenda:
            agenda_layout.addWidget(_wrapped(
                f"<b>{section.minutes} min</b> · {escape_text(section.title)} "
                f"<i>({section_kind_name(section.kind)})</i>"
                + (f"<br>{escape_text(section.guidance)}" if section.guidance else "")
            ))
        column.addWidget(agenda)

        rules = QGroupBox("Rules for this interview")
        QVBoxLayout(rules).addWidget(RulesView(rubric))
        column.addWidget(rules)

        prep = QGroupBox("Prep checklist")
        prep_layout = QVBoxLayout(prep)
        for item in rubric.prep:
            prep_layout.addWidget(_wrapped(f"☐ {escape_text(item.text)}"))
        if not rubric.prep:
            prep_layout.addWidget(QLabel("This rubric has no prep items."))
        column.addWidget(prep)
        column.addStretch(1)
        return content

    def _dimensions(self, rubric: Rubric) -> QWidget:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 6, 6, 0)
        for dimension in rubric.dimensions:
            column.addWidget(self._dimension(dimension))
        scale = QGroupBox("Recommendation")
        scale_layout = QVBoxLayout(scale)
        scale_layout.setSpacing(2)
        for option in rubric.recommendation:
            verdict = "hire" if option.hire else "no hire"
            choice = ChoiceOption(f"{option.label} ({verdict})", option.meaning)
            choice.set_read_only(True)
            scale_layout.addWidget(choice)
        column.addWidget(scale)
        column.addStretch(1)
        return content

    def _dimension(self, dimension: Dimension) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        muted = css(tones(self.palette()).muted)
        name = _wrapped(f"<b>{escape_text(dimension.name)}</b>")
        name.setFont(scaled_font(self, 1.1))
        weight = QLabel(f"weight {dimension.weight:g}")
        weight.setStyleSheet(f"color: {muted};")
        header = QHBoxLayout()
        header.addWidget(name, 1)
        header.addWidget(weight, 0, Qt.AlignmentFlag.AlignTop)
        assesses = _wrapped(escape_text(dimension.assesses))
        assesses.setStyleSheet(f"color: {muted};")
        layout = QVBoxLayout(card)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(assesses)
        for level in dimension.levels:
            option = ChoiceOption(f"{level.score} · {level.label}", level.anchor)
            option.set_read_only(True)
            layout.addWidget(option)
        return card

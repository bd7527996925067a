"""The preview's widget-built tabs, updated part by part.

Word-wrapped labels and anchored levels take tens of milliseconds to build and
lay out, and the preview follows the lead's typing. So each part is rebuilt
only when its slice of the rubric changed: an edit to one anchor rebuilds one
dimension card, an edit to a question rebuilds nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from scorer.domain.rubric import Dimension, RecommendationOption, Rubric
from scorer.ui.prose import escape_text, prose_html
from scorer.ui.theme import css, scaled_font, tones
from scorer.ui.widgets.agenda_strip import AgendaStrip, section_kind_name
from scorer.ui.widgets.choice_option import ChoiceOption
from scorer.ui.widgets.rules_view import RulesView


def wrapped(html: str) -> QLabel:
    label = QLabel(html)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class _Part(QGroupBox):
    """A titled box whose content is rebuilt only when its key changes."""

    def __init__(self, title: str, build: Callable[[Rubric], QWidget],
                 key: Callable[[Rubric], Hashable]) -> None:
        super().__init__(title)
        self._build = build
        self._key = key
        self._shown: object = None
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)

    def show_rubric(self, rubric: Rubric) -> bool:
        key = self._key(rubric)
        if self._content is not None and key == self._shown:
            return False
        content = self._build(rubric)
        if self._content is not None:
            self._layout.replaceWidget(self._content, content)
            self._content.deleteLater()
        else:
            self._layout.addWidget(content)
        self._content = content
        self._shown = key
        return True


def _agenda(rubric: Rubric) -> QWidget:
    content = QWidget()
    layout = QVBoxLayout(content)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(AgendaStrip(rubric))
    for section in rubric.agenda:
        layout.addWidget(wrapped(
            f"<b>{section.minutes} min</b> · {escape_text(section.title)} "
            f"<i>({section_kind_name(section.kind)})</i>"
            + (f"<br>{escape_text(section.guidance)}" if section.guidance else "")
        ))
    return content


def _prep(rubric: Rubric) -> QWidget:
    content = QWidget()
    layout = QVBoxLayout(content)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in rubric.prep:
        layout.addWidget(wrapped(f"☐ {escape_text(item.text)}"))
    if not rubric.prep:
        layout.addWidget(QLabel("This rubric has no prep items."))
    return content


class OverviewPane(QWidget):
    """What the interviewer reads before the start: summary, agenda, rules, prep."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = wrapped("")
        self.parts = (
            _Part("Agenda", _agenda, lambda r: (r.duration_minutes, tuple(r.agenda))),
            _Part("Rules for this interview", RulesView, lambda r: (r.rules, r.shared_tool)),
            _Part("Prep checklist", _prep, lambda r: tuple(r.prep)),
        )
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        for part in self.parts:
            column.addWidget(part)
        column.addStretch(1)

    def show_rubric(self, rubric: Rubric) -> int:
        """Bring the pane up to date; returns how many parts were rebuilt."""
        html = prose_html(rubric.summary) if rubric.summary else ""
        if self.summary.text() != html:
            self.summary.setText(html)
        self.summary.setVisible(bool(html))
        return sum(part.show_rubric(rubric) for part in self.parts)


class DimensionCards(QWidget):
    """Each dimension as a card with its levels and anchors, then the recommendation scale.

    A card is kept while its dimension is unchanged, so an edit rebuilds one card.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 6, 6, 0)
        self._column.addStretch(1)
        self._cards: list[tuple[Dimension, QWidget]] = []
        self._scale: tuple[tuple[RecommendationOption, ...], QWidget] | None = None
        self.built = 0  # cards built so far; tests check that unchanged ones are kept

    def show_rubric(self, rubric: Rubric) -> None:
        spare = list(self._cards)
        cards: list[tuple[Dimension, QWidget]] = []
        for dimension in rubric.dimensions:
            kept = next((pair for pair in spare if pair[0] == dimension), None)
            if kept is not None:
                spare.remove(kept)
                cards.append(kept)
            else:
                cards.append((dimension, self._card(dimension)))
        retired = [card for _, card in spare]
        options = tuple(rubric.recommendation)
        scale = self._scale
        if scale is None or scale[0] != options:
            if scale is not None:
                retired.append(scale[1])
            scale = (options, self._recommendation(options))
        # Move only what is out of place: a relayout of every card is what costs.
        wanted = [card for _, card in cards] + [scale[1]]
        for index, widget in enumerate(wanted):
            item = self._column.itemAt(index)
            if item is None or item.widget() is not widget:
                self._column.removeWidget(widget)  # no-op for a new widget
                self._column.insertWidget(index, widget)
        for widget in retired:
            self._column.removeWidget(widget)
            widget.deleteLater()
        self._cards = cards
        self._scale = scale

    def _card(self, dimension: Dimension) -> QFrame:
        self.built += 1
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        muted = css(tones(self.palette()).muted)
        name = wrapped(f"<b>{escape_text(dimension.name)}</b>")
        name.setFont(scaled_font(self, 1.1))
        weight = QLabel(f"weight {dimension.weight:g}")
        weight.setStyleSheet(f"color: {muted};")
        header = QHBoxLayout()
        header.addWidget(name, 1)
        header.addWidget(weight, 0, Qt.AlignmentFlag.AlignTop)
        assesses = wrapped(escape_text(dimension.assesses))
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

    @staticmethod
    def _recommendation(options: tuple[RecommendationOption, ...]) -> QGroupBox:
        scale = QGroupBox("Recommendation")
        layout = QVBoxLayout(scale)
        layout.setSpacing(2)
        for option in options:
            verdict = "hire" if option.hire else "no hire"
            choice = ChoiceOption(f"{option.label} ({verdict})", option.meaning)
            choice.set_read_only(True)
            layout.addWidget(choice)
        return scale

"""Every dimension of the rubric, scored at any time; levels chosen by click or Alt+digit.

One dimension is always the current one: Alt+digit scores it from anywhere in the
live view, even while a note has the cursor, and Ctrl+PgUp/PgDown move it.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from scorer.domain.changes import Aspect, Change
from scorer.ui.interview_session import InterviewSession
from scorer.ui.theme import css, tones
from scorer.ui.widgets.dimension_card import DimensionCard

CONFIRMATION_MS = 4000  # how long "Python and OOP → 3 · Solid" stays in view


class RubricPanel(QWidget):
    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.cards: list[DimensionCard] = []
        self.current = 0
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 6, 0)
        for dimension in session.detail.rubric.dimensions:
            card = DimensionCard(
                dimension, partial(self._save_evidence, dimension.id), session.elapsed
            )
            card.score_chosen.connect(self.set_score)
            column.addWidget(card)
            self.cards.append(card)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.confirmation = QLabel()
        self.confirmation.setAccessibleName("Last score set")
        self.confirmation.setStyleSheet(f"color: {css(tones(self.palette()).muted)};")
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.setInterval(CONFIRMATION_MS)
        self._fade.timeout.connect(self.confirmation.clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.scroll_area, 1)
        session.changed.connect(self._on_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._refresh()

    def set_score(self, dimension_id: str, score: int | None) -> None:
        self._session.edit(self._session.service.score_dimension, dimension_id, score)
        self._refresh()  # also puts a refused choice back to what is stored

    def current_card(self) -> DimensionCard | None:
        return self.cards[self.current] if self.cards else None

    def set_current(self, index: int, reveal: bool = True) -> None:
        if not self.cards:
            return
        self.current = index % len(self.cards)
        scoring = self._session.editable
        for position, card in enumerate(self.cards):
            card.set_current(position == self.current, scoring)
        if reveal:
            self.scroll_area.ensureWidgetVisible(self.cards[self.current], 0, 40)

    def score_current(self, score: int) -> None:
        """Alt+digit: score the current dimension and say, quietly, what was set."""
        card = self.current_card()
        if card is None or not self._session.editable:
            return
        dimension = card.dimension
        if dimension.level(score) is None:
            levels = ", ".join(str(level.score) for level in dimension.levels)
            self._confirm(f"{dimension.name} has no level {score}; its levels are {levels}.")
            return
        card.choose(score)
        stored = self._session.detail.score(dimension.id).score
        level = dimension.level(score)
        if stored == score and level is not None:
            self._confirm(f"{dimension.name} → {score} · {level.label}")

    def focus_step(self, delta: int) -> None:
        """Move the current dimension; the cursor follows only if it was in the rubric."""
        if not self.cards:
            return
        focused = QApplication.focusWidget()
        inside = focused is not None and self.isAncestorOf(focused)
        self.set_current(self.current + delta)
        if inside:
            self.cards[self.current].evidence.setFocus()

    def flush(self) -> None:
        for card in self.cards:
            card.evidence.flush()

    def _confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self._fade.start()

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None:
            if isinstance(widget, DimensionCard) and widget in self.cards:
                index = self.cards.index(widget)
                if index != self.current:
                    self.set_current(index)
                return
            widget = widget.parentWidget()

    def _save_evidence(self, dimension_id: str, text: str) -> None:
        self._session.edit(self._session.service.write_evidence, dimension_id, text)

    def _on_changed(self, change: Change) -> None:
        if change.aspect in (Aspect.SCORE, Aspect.SUBMISSION):
            self._refresh()

    def _refresh(self) -> None:
        detail = self._session.detail
        scored = 0
        for card in self.cards:
            score = detail.score(card.dimension.id)
            card.show_score(score.score)
            card.evidence.show_stored(score.evidence)
            card.set_read_only(not self._session.editable)
            scored += score.score is not None
        text = f"<b>Rubric</b> · {scored} of {len(self.cards)} dimensions scored"
        if self._session.editable and self.cards:
            top = max(card.dimension.max_score for card in self.cards)
            text += f" · Alt+1…{top} scores the current one"
        self.summary.setText(text)
        self.set_current(self.current, reveal=False)

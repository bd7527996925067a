"""Every dimension of the rubric, scored at any time; levels chosen by click or Alt+digit."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from scorer.domain.changes import Aspect, Change
from scorer.ui.interview_session import InterviewSession
from scorer.ui.widgets.dimension_card import DimensionCard


class RubricPanel(QWidget):
    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.cards: list[DimensionCard] = []
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        session.changed.connect(self._on_changed)
        self._refresh()

    def set_score(self, dimension_id: str, score: int | None) -> None:
        self._session.edit(self._session.service.score_dimension, dimension_id, score)
        self._refresh()  # also puts a refused choice back to what is stored

    def focused_card(self) -> DimensionCard | None:
        """The dimension holding the keyboard focus, if any."""
        widget = QApplication.focusWidget()
        while widget is not None:
            if isinstance(widget, DimensionCard) and widget in self.cards:
                return widget
            widget = widget.parentWidget()
        return None

    def score_focused(self, score: int) -> None:
        card = self.focused_card()
        if card is not None and self._session.editable:
            card.choose(score)

    def focus_step(self, delta: int) -> None:
        if not self.cards:
            return
        focused = self.focused_card()
        current = self.cards.index(focused) if focused is not None else -1
        card = self.cards[(current + delta) % len(self.cards)]
        self.scroll_area.ensureWidgetVisible(card, 0, 40)
        card.evidence.setFocus()

    def flush(self) -> None:
        for card in self.cards:
            card.evidence.flush()

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
        self.summary.setText(
            f"<b>Rubric</b> · {scored} of {len(self.cards)} dimensions scored"
            " · Alt+1…4 scores the focused dimension"
        )

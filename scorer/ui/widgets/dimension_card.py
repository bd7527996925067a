"""One rubric dimension: its levels with their anchors always in view, and the evidence."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from scorer.domain.rubric import Dimension
from scorer.ui.prose import escape_text
from scorer.ui.theme import css, scaled_font, tones
from scorer.ui.widgets.choice_option import ChoiceOption
from scorer.ui.widgets.note_edit import NoteEdit


class DimensionCard(QFrame):
    """Scores flow out through `score_chosen`; the store's state flows in via `show_score`."""

    score_chosen = Signal(str, object)  # dimension id, score or None

    def __init__(
        self,
        dimension: Dimension,
        save_evidence: Callable[[str], object],
        elapsed: Callable[[], float],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("dimension")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(dimension.name)

        name = QLabel(f"<b>{escape_text(dimension.name)}</b>")
        name.setFont(scaled_font(self, 1.1))
        name.setWordWrap(True)
        weight = QLabel(f"weight {dimension.weight:g}")
        weight.setStyleSheet(f"color: {css(tones(self.palette()).muted)};")
        self.status = QLabel()
        self.marker = QLabel("current")
        self.marker.setToolTip("Alt+digit scores this dimension; Ctrl+PgUp/PgDown moves")
        self.marker.setStyleSheet(f"color: {css(tones(self.palette()).accent)};")
        header = QHBoxLayout()
        header.addWidget(name, 1)
        header.addWidget(self.marker)
        header.addWidget(self.status)
        header.addWidget(weight)
        assesses = QLabel(escape_text(dimension.assesses))
        assesses.setWordWrap(True)
        assesses.setStyleSheet(f"color: {css(tones(self.palette()).muted)};")

        self.group = QButtonGroup(self)
        self.options: dict[int, ChoiceOption] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(assesses)
        for level in dimension.levels:
            option = ChoiceOption(f"{level.score} · {level.label}", level.anchor)
            self.group.addButton(option.radio, level.score)
            self.options[level.score] = option
            layout.addWidget(option)
        self.group.idClicked.connect(self._on_clicked)
        self.evidence = NoteEdit(
            save_evidence, elapsed,
            placeholder="Evidence: what the candidate did or said (Ctrl+T stamps the time)",
            lines=3,
        )
        self.evidence.setAccessibleName(f"Evidence for {dimension.name}")
        layout.addWidget(self.evidence)
        self._score: int | None = None
        self.is_current = False
        self.show_score(None)
        self.set_current(False)

    @property
    def score(self) -> int | None:
        return self._score

    def choose(self, score: int | None) -> None:
        """Choose a level as the user would (keyboard shortcut or click)."""
        if score is not None and score not in self.options:
            return
        self.score_chosen.emit(self.dimension.id, score)

    def show_score(self, score: int | None) -> None:
        self._score = score
        self.group.setExclusive(False)
        for level_score, option in self.options.items():
            option.show_chosen(level_score == score)
        self.group.setExclusive(True)
        palette_tones = tones(self.palette())
        if score is None:
            self.status.setText("not scored")
            self.status.setStyleSheet(f"color: {css(palette_tones.warn)};")
        else:
            level = self.dimension.level(score)
            self.status.setText(f"{score} · {level.label if level else ''}")
            self.status.setStyleSheet(f"color: {css(palette_tones.ok)}; font-weight: bold;")

    def set_current(self, current: bool, scoring: bool = True) -> None:
        """The dimension Alt+digit scores: framed in the accent colour, and marked."""
        self.is_current = current
        self.marker.setVisible(current and scoring)
        palette_tones = tones(self.palette())
        if current and scoring:
            self.setStyleSheet(
                f"QFrame#dimension {{ border: 2px solid {css(palette_tones.accent)};"
                " border-radius: 6px; }"
            )
        else:
            self.setStyleSheet(
                f"QFrame#dimension {{ border: 1px solid {css(palette_tones.muted)};"
                " border-radius: 6px; margin: 1px; }"
            )

    def set_read_only(self, read_only: bool) -> None:
        for option in self.options.values():
            option.set_read_only(read_only)
        self.evidence.setReadOnly(read_only)

    def _on_clicked(self, score: int) -> None:
        # A click on the chosen level clears it, so a slip of the mouse can be undone.
        self.choose(None if score == self._score else score)

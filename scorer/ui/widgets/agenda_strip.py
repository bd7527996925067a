"""The agenda as a strip: the plan in proportion, a 'now' marker, the section being run.

A section that runs past its planned end is drawn amber, then red.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from scorer.domain.agenda import Pace, Position, Span, position, spans
from scorer.domain.rubric import Rubric, SectionKind
from scorer.domain.timer import format_offset
from scorer.ui.theme import tones

_KIND_HUES = {
    SectionKind.CONVERSATION: 210,
    SectionKind.HANDS_ON_NOTEPAD: 280,
    SectionKind.CODING: 160,
}
_KIND_NAMES = {
    SectionKind.CONVERSATION: "conversation",
    SectionKind.HANDS_ON_NOTEPAD: "hands-on notepad",
    SectionKind.CODING: "coding",
}


class AgendaStrip(QWidget):
    def __init__(self, rubric: Rubric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rubric = rubric
        self._spans = spans(rubric)
        self._elapsed = 0.0
        self._section_id: str | None = None
        self._position: Position = position(rubric, 0.0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Agenda")

    def sizeHint(self) -> QSize:
        return QSize(600, self.fontMetrics().height() * 3 + 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    @property
    def current(self) -> Position:
        return self._position

    def set_progress(self, elapsed: float, section_id: str | None) -> None:
        self._elapsed = elapsed
        self._section_id = section_id
        self._position = position(self._rubric, elapsed, section_id)
        self.setToolTip(self.describe())
        self.update()

    def describe(self) -> str:
        where = self._position
        title = where.span.section.title
        if where.pace is Pace.ON_TIME:
            return f"{title}: {format_offset(where.left)} left in this section"
        return f"{title}: running {format_offset(where.over_by)} over its plan"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette_tones = tones(self.palette())
        total = self._spans[-1].end if self._spans else 1.0
        width = self.width() - 2
        bar = QRectF(1, 4, width, self.height() - 12)
        metrics = self.fontMetrics()
        for span in self._spans:
            rect = QRectF(
                bar.left() + width * span.start / total, bar.top(),
                width * span.seconds / total - 3, bar.height(),
            )
            self._paint_section(painter, rect, span, palette_tones.text)
            label = f"{span.section.title} · {span.section.minutes}m"
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width()) - 10)
            painter.setPen(palette_tones.text)
            painter.drawText(
                rect.adjusted(6, 0, -4, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text,
            )
        # The 'now' marker, clamped to the strip once the hour is over.
        x = bar.left() + width * min(self._elapsed, total) / total
        marker = palette_tones.alert if self._elapsed > total else palette_tones.text
        painter.setPen(QPen(marker, 2))
        painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()

    def _paint_section(self, painter: QPainter, rect: QRectF, span: Span, text: QColor) -> None:
        palette_tones = tones(self.palette())
        fill = QColor.fromHsl(_KIND_HUES[span.section.kind], 90, 128, 60)
        current = span.section.id == self._position.span.section.id
        done = self._elapsed >= span.end and not current
        if done:
            fill.setAlpha(30)
        border = QColor(text)
        border.setAlpha(70)
        width = 1.0
        if current:
            pace = self._position.pace
            border = {
                Pace.ON_TIME: palette_tones.accent,
                Pace.OVER: palette_tones.warn,
                Pace.FAR_OVER: palette_tones.alert,
            }[pace]
            width = 3.0
            if pace is not Pace.ON_TIME:
                fill = QColor(border)
                fill.setAlpha(70)
        painter.setPen(QPen(border, width))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        if self._elapsed > span.start and not done:
            # The part of the section already behind us, shaded.
            covered = min(1.0, (self._elapsed - span.start) / span.seconds)
            shade = QColor(text)
            shade.setAlpha(28)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shade)
            painter.drawRoundedRect(
                QRectF(rect.left(), rect.top(), rect.width() * covered, rect.height()), 6, 6
            )


def section_kind_name(kind: SectionKind) -> str:
    return _KIND_NAMES[kind]

"""Before the start: the rules, the prep checklist (ticks are stored) and the agenda."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.changes import Aspect, Change
from scorer.ui.interview_session import InterviewSession
from scorer.ui.prose import escape_text
from scorer.ui.shortcuts import START_KEYS
from scorer.ui.theme import scaled_font
from scorer.ui.widgets.agenda_strip import AgendaStrip, section_kind_name
from scorer.ui.widgets.clickable_label import ClickableLabel
from scorer.ui.widgets.rules_view import RulesView, section_rules_html


class BeforeStartPanel(QWidget):
    start_requested = Signal()

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        rubric = session.detail.rubric

        candidate = escape_text(session.detail.candidate.name)
        title = QLabel(f"{candidate} · {escape_text(rubric.title)}")
        title.setFont(scaled_font(self, 1.6, bold=True))
        title.setWordWrap(True)
        subtitle = QLabel(
            f"{rubric.duration_minutes} minutes · interviewer {session.detail.interviewer.name}"
            + (f" · {rubric.summary}" if rubric.summary else "")
        )
        subtitle.setWordWrap(True)

        rules_box = QGroupBox("Rules for this interview")
        QVBoxLayout(rules_box).addWidget(RulesView(rubric))

        self.checks: dict[str, QCheckBox] = {}
        prep_box = QGroupBox("Prep checklist")
        prep_layout = QVBoxLayout(prep_box)
        for item in rubric.prep:
            box = QCheckBox()
            box.setAccessibleName(item.text)
            box.toggled.connect(partial(self.set_prep, item.id))
            text = ClickableLabel(escape_text(item.text))
            text.setWordWrap(True)
            text.clicked.connect(box.click)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            prep_layout.addLayout(row)
            self.checks[item.id] = box
        if not rubric.prep:
            prep_layout.addWidget(QLabel("This rubric has no prep items."))
        self.prep_status = QLabel()
        prep_layout.addWidget(self.prep_status)

        agenda_box = QGroupBox("Agenda")
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addWidget(AgendaStrip(rubric))
        for section in rubric.agenda:
            line = QLabel(
                f"<b>{section.minutes} min</b> · {escape_text(section.title)} "
                f"<i>({section_kind_name(section.kind)})</i>"
                + (f"<br>{escape_text(section.guidance)}" if section.guidance else "")
                + (f"<br>{rules}" if (rules := section_rules_html(rubric, section.id)) else "")
            )
            line.setWordWrap(True)
            agenda_layout.addWidget(line)

        self.start_button = QPushButton("Start interview")
        self.start_button.setDefault(True)
        self.start_button.setFont(scaled_font(self, 1.2, bold=True))
        self.start_button.setMinimumHeight(self.start_button.sizeHint().height() + 12)
        self.start_button.setToolTip(f"Start the interview clock ({START_KEYS})")
        self.start_button.clicked.connect(self.start_requested)
        for keys in (START_KEYS, "Ctrl+Enter"):  # Enter: the keypad's key
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.start_requested)
        start_hint = QLabel(
            "The clock starts when you press Start (Ctrl+Return); it survives closing the app."
        )
        start_hint.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(rules_box)
        left.addWidget(prep_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(agenda_box, 1, Qt.AlignmentFlag.AlignTop)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(columns, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        # Start stays in view below the scrolling rules, whatever the window height.
        bottom = QHBoxLayout()
        bottom.setContentsMargins(8, 6, 8, 0)
        bottom.addWidget(start_hint, 1)
        bottom.addWidget(self.start_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(bottom)

        session.changed.connect(self._on_changed)
        self._refresh()

    def take_focus(self) -> None:
        """The first prep item, so Space ticks it and Ctrl+Enter starts; never Start itself,
        where a stray Return would start the clock."""
        first = next(iter(self.checks.values()), None)
        (first or self.start_button).setFocus()

    def set_prep(self, item_id: str, ticked: bool) -> None:
        if ticked != (item_id in self._session.detail.prep_ticked):
            self._session.edit(self._session.service.tick_prep_item, item_id, ticked)
        self._refresh()

    def _on_changed(self, change: Change) -> None:
        if change.aspect is Aspect.PREP:
            self._refresh()

    def _refresh(self) -> None:
        ticked = self._session.detail.prep_ticked
        for item_id, box in self.checks.items():
            box.blockSignals(True)
            box.setChecked(item_id in ticked)
            box.setEnabled(self._session.editable)
            box.blockSignals(False)
        total = len(self.checks)
        done = sum(1 for item_id in self.checks if item_id in ticked)
        if total:
            self.prep_status.setText(f"{done} of {total} done")

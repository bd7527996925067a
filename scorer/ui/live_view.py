"""The live interview: clock and agenda on top, questions and notes left, the rubric right."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.agenda import Pace
from scorer.domain.changes import Aspect, Change
from scorer.domain.interview import InterviewState
from scorer.domain.timer import format_offset
from scorer.ui.interview_session import InterviewSession
from scorer.ui.prose import escape_text
from scorer.ui.questions_panel import QuestionsPanel
from scorer.ui.rubric_panel import RubricPanel
from scorer.ui.shortcuts import LIVE_SHORTCUTS
from scorer.ui.theme import css, scaled_font, tones
from scorer.ui.widgets.agenda_strip import AgendaStrip
from scorer.ui.widgets.countdown import Countdown
from scorer.ui.widgets.end_confirm import confirm_end
from scorer.ui.widgets.folding_label import FoldingLabel
from scorer.ui.widgets.note_edit import NoteEdit
from scorer.ui.widgets.rules_view import rules_line
from scorer.ui.widgets.verdict_box import VerdictBox

TICK_MS = 250  # display refresh only; the time itself comes from stored timestamps
RULES_CHANGE_MS = 120_000  # how long a change of rules at a section boundary stays marked


class LiveView(QWidget):
    submit_requested = Signal()
    export_requested = Signal()

    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        detail = session.detail
        rubric = detail.rubric

        title = QLabel(f"{escape_text(detail.candidate.name)} · {escape_text(rubric.title)}")
        title.setFont(scaled_font(self, 1.35, bold=True))
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The version this interview pinned: later edits of the rubric file never change it.
        self._pinned = f"Rubric {rubric.id} · version {detail.rubric_version[:8]}"
        title.setToolTip(self._pinned)
        # One line during the interview, so the prompt and notes get the room; a click
        # unfolds it. It shows the rules of the section the interview is in.
        self.rules_line = FoldingLabel()
        self.rules_line.setAccessibleName("Rules now")
        self._rules_section: str | None = None
        self._rules_changed = QTimer(self)
        self._rules_changed.setSingleShot(True)
        self._rules_changed.setInterval(RULES_CHANGE_MS)
        self._rules_changed.timeout.connect(self._calm_rules_line)
        self._calm_rules_line()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.rules_line)

        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pause or resume the clock (Ctrl+P)")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.end_button = QPushButton("End interview…")
        self.end_button.setToolTip("Stop the clock, after you confirm (Ctrl+Shift+X)")
        self.end_button.clicked.connect(self.end_interview)
        self.submit_button = QPushButton("Check && submit…")
        self.submit_button.setToolTip(
            "Check what the scorecard still needs, then submit it; this ends nothing "
            "(Ctrl+Shift+E)"
        )
        self.submit_button.clicked.connect(self.check_and_submit)
        self.export_button = QPushButton("Export signed PDF…")
        self.export_button.clicked.connect(self.export_requested)
        self.countdown = Countdown(rubric.duration_minutes)

        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addWidget(self.countdown)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setMargin(6)
        self.agenda = AgendaStrip(rubric)
        self.agenda_caption = QLabel()

        self.questions = QuestionsPanel(session)
        self.notes = NoteEdit(
            lambda text: session.edit(session.service.write_general_notes, text),
            session.elapsed,
            placeholder="General notes. Ctrl+T inserts the time, e.g. [23:10].",
        )
        self.notes.setAccessibleName("General notes")
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_heading = QLabel()
        notes_layout.addWidget(self.notes_heading)
        notes_layout.addWidget(self.notes)
        notes_layout.setStretch(1, 1)
        self.verdict = VerdictBox(session)
        # Scrolls rather than squeezes: every recommendation keeps its whole meaning in view.
        self.verdict_scroll = QScrollArea()
        self.verdict_scroll.setWidgetResizable(True)
        self.verdict_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.verdict_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verdict_scroll.setWidget(self.verdict)
        notes_layout.addWidget(self.verdict_scroll, 2)

        self.left = left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.questions)
        left.addWidget(notes_box)
        # The prompt gets the room; notes are typed a line at a time and scroll.
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 1)
        left.setChildrenCollapsible(False)
        self.rubric = RubricPanel(session)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.rubric)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 2)
        main.setChildrenCollapsible(False)
        main.setSizes([700, 520])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.agenda)
        layout.addWidget(self.agenda_caption)
        layout.addWidget(main, 1)

        self._verdict_shown = False
        self._shortcuts: list[QShortcut] = []
        for shortcut in LIVE_SHORTCUTS:
            self._bind(shortcut.keys, getattr(self, shortcut.action))
        for level in range(1, 10):
            self._bind(f"Alt+{level}", lambda n=level: self.rubric.score_current(n))

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh_clock)
        self._tick.start()
        session.changed.connect(self._on_changed)
        self.notes.show_stored(detail.general_notes)
        self._refresh_state()

    # Actions

    def next_question(self) -> None:
        self.questions.step(+1)

    def previous_question(self) -> None:
        self.questions.step(-1)

    def mark_asked(self) -> None:
        self.questions.mark_asked()

    def mark_skipped(self) -> None:
        self.questions.mark_skipped()

    def add_adhoc(self) -> None:
        self.questions.add_adhoc()

    def next_dimension(self) -> None:
        self.rubric.focus_step(+1)

    def previous_dimension(self) -> None:
        self.rubric.focus_step(-1)

    def insert_time(self) -> None:
        focused = QApplication.focusWidget()
        target = focused if isinstance(focused, NoteEdit) else self.notes
        if target.isReadOnly():
            return
        target.setFocus()
        target.insert_time()

    def focus_notes(self) -> None:
        self.notes.setFocus()

    def toggle_pause(self) -> None:
        timer = self.session.detail.timer
        service = self.session.service
        if not self.session.editable:
            return
        if timer.paused:
            self.session.edit(service.resume)
        elif timer.running:
            self.session.edit(service.pause)
        elif timer.ended:
            self.session.edit(service.reopen)

    def check_and_submit(self) -> None:
        """The submit check; it ends nothing, so backing out leaves the interview as it was."""
        if not self.session.editable:
            return
        self.flush()
        self.submit_requested.emit()

    def end_interview(self) -> None:
        """Stop the clock once the interviewer confirms; Ctrl+P resumes it."""
        timer = self.session.detail.timer
        if not self.session.editable or not (timer.running or timer.paused):
            return
        self.flush()
        if confirm_end(self, format_offset(self.session.elapsed())):
            self.session.edit(self.session.service.end)

    def flush(self) -> None:
        """Save every field with typing still pending (before leaving the view)."""
        self.notes.flush()
        self.questions.flush()
        self.rubric.flush()
        self.verdict.flush()

    # Refresh

    def refresh_clock(self) -> None:
        detail = self.session.detail
        elapsed = detail.elapsed(self.session.now())
        if detail.timer.ended:
            self.countdown.set_ended(elapsed)
        else:
            self.countdown.set_elapsed(
                elapsed, running=detail.timer.running, paused=detail.timer.paused
            )
        section = None
        if detail.current_question_id:
            question = detail.rubric.question(detail.current_question_id)
            section = question.section if question else None
        self.agenda.set_progress(elapsed, section)
        where = self.agenda.current
        self._show_rules(where.span.section.id)
        colour = {
            Pace.ON_TIME: tones(self.palette()).text,
            Pace.OVER: tones(self.palette()).warn,
            Pace.FAR_OVER: tones(self.palette()).alert,
        }[where.pace]
        planned = detail.rubric.duration_minutes
        if detail.timer.ended:
            colour = tones(self.palette()).text
            self.agenda_caption.setText(
                f"Ended after {format_offset(elapsed)} of the planned {planned} minutes."
            )
        else:
            self.agenda_caption.setText(self.agenda.describe())
        self.agenda_caption.setStyleSheet(f"color: {css(colour)};")

    def _show_rules(self, section_id: str) -> None:
        """The rules of the section the interview is in; marked for a while when they change."""
        if section_id == self._rules_section:
            return
        rubric = self.session.detail.rubric
        before, self._rules_section = self._rules_section, section_id
        line = rules_line(rubric, section_id)
        changed = before is not None and rubric.rules_in(before) != rubric.rules_in(section_id)
        if changed and not self.session.detail.timer.ended:
            self._style_rules_line(marked=True)
            self.rules_line.set_full_text(f"Rules change here. {line}")
            self._rules_changed.start()
        else:
            self._rules_changed.stop()
            self._calm_rules_line()

    def _style_rules_line(self, marked: bool) -> None:
        # The weight goes in the font, not the style sheet, so the line elides at its width.
        palette_tones = tones(self.palette())
        font = self.rules_line.font()
        font.setBold(marked)
        self.rules_line.setFont(font)
        colour = palette_tones.warn if marked else palette_tones.muted
        self.rules_line.setStyleSheet(f"color: {css(colour)};")

    def _calm_rules_line(self) -> None:
        self._style_rules_line(marked=False)
        if self._rules_section is not None:
            line = rules_line(self.session.detail.rubric, self._rules_section)
            self.rules_line.set_full_text(f"{line} · {self._pinned}")

    def _bind(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    def _on_changed(self, change: Change) -> None:
        if change.aspect is Aspect.GENERAL_NOTES:
            self.notes.show_stored(self.session.detail.general_notes)
        if change.aspect in (Aspect.TIMER, Aspect.SUBMISSION, Aspect.INTERVIEW):
            self._refresh_state()
        self.refresh_clock()

    def _refresh_state(self) -> None:
        detail = self.session.detail
        state = detail.state
        timer = detail.timer
        live = state in (InterviewState.IN_PROGRESS, InterviewState.PAUSED)
        finished = state is InterviewState.FINISHED
        self.pause_button.setText(
            "Resume interview" if finished else "Resume" if timer.paused else "Pause"
        )
        self.pause_button.setToolTip(
            "Restart the clock; the time it stood ended counts as a pause (Ctrl+P)"
            if finished else "Pause or resume the clock (Ctrl+P)"
        )
        self.pause_button.setVisible(live or finished)
        self.end_button.setVisible(live)
        self.submit_button.setVisible(state is not InterviewState.SUBMITTED)
        self.export_button.setVisible(state is InterviewState.SUBMITTED)
        self.notes.setReadOnly(state is InterviewState.SUBMITTED)
        self.notes_heading.setText(
            "<b>General notes</b>"
            + ("" if state is InterviewState.SUBMITTED else " · Ctrl+T inserts the time")
        )
        palette_tones = tones(self.palette())
        if state is InterviewState.SUBMITTED and detail.submitted_at is not None:
            when = detail.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self._banner(f"Submitted {when}. This scorecard is read-only.", palette_tones.ok)
        elif state is InterviewState.FINISHED:
            self._banner(
                "The interview has ended; the scorecard is not submitted yet. "
                "Ctrl+Shift+E checks and submits it; Ctrl+P resumes the interview.",
                palette_tones.warn,
            )
        elif state is InterviewState.PAUSED:
            self._banner("The clock is paused. Ctrl+P resumes it.", palette_tones.warn)
        else:
            self.banner.hide()
        verdict_shown = state in (InterviewState.FINISHED, InterviewState.SUBMITTED)
        if verdict_shown and not self._verdict_shown:
            # After the end the verdict matters more than the question bank: give it the room.
            total = sum(self.left.sizes()) or 600
            self.left.setSizes([total // 3, total - total // 3])
        self.verdict_scroll.setVisible(verdict_shown)
        if timer.ended and self._rules_changed.isActive():
            self._rules_changed.stop()
            self._calm_rules_line()
        self._verdict_shown = verdict_shown
        self.refresh_clock()

    def _banner(self, text: str, colour: object) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"color: {css(colour)}; border: 1px solid {css(colour)}; border-radius: 4px;"  # type: ignore[arg-type]
        )
        self.banner.show()

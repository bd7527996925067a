"""The main window: the interviews (list, or one open interview) and the rubric workspace.

It paints first and gets its services a moment later (`attach`), so the start
screen is up before the store, the rubrics and the heavy libraries are loaded.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
)

from scorer.domain.errors import ScorerError
from scorer.domain.interview_state import InterviewSummary
from scorer.paths import APP_NAME
from scorer.ui.about import about_text
from scorer.ui.shortcuts_dialog import ShortcutsDialog
from scorer.ui.signing_actions import SigningActions
from scorer.ui.start_screen import StartScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from scorer.services.interviews import InterviewService
    from scorer.services.rubrics.workspace import RubricWorkspaceService
    from scorer.services.signing_desk import SigningDesk
    from scorer.ui.interview_page import InterviewPage
    from scorer.ui.rubric_workspace import RubricWorkspace
    from scorer.ui.team_view import TeamView, TeamViewService

LOADING = "Opening the local store and loading the rubrics…"


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: InterviewService | None = None,
        rubrics: RubricWorkspaceService | None = None,
        signing: SigningDesk | None = None,
    ) -> None:
        super().__init__()
        self.service: InterviewService | None = None
        self.rubrics: RubricWorkspaceService | None = None
        self.signing_actions = SigningActions(self)
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        self.setMinimumSize(960, 600)

        self.start_screen = StartScreen()
        self.start_screen.open_requested.connect(self.open_interview)
        self.start_screen.new_requested.connect(self.new_interview)
        self.start_screen.new_button.setEnabled(False)
        self.interview_page: InterviewPage | None = None
        self.interviews = QStackedWidget()
        self.interviews.addWidget(self.start_screen)
        self.rubrics_page: RubricWorkspace | None = None
        self.team_view: TeamView | None = None
        loading = QLabel("Loading the rubrics…")
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.interviews, "Interviews")
        self.tabs.addTab(loading, "Rubrics")
        self.setCentralWidget(self.tabs)
        self._pending_open: int | None = None
        self._needs_services: list[QAction] = []
        self._build_menus()
        self.statusBar().showMessage(LOADING)
        if service is not None and rubrics is not None:
            self.attach(service, rubrics, signing)

    # Services arrive after the first paint

    def show_summaries(self, summaries: list[InterviewSummary], now: datetime) -> None:
        self.start_screen.set_summaries(summaries, now)

    def attach(
        self,
        service: InterviewService,
        rubrics: RubricWorkspaceService,
        signing: SigningDesk | None = None,
        team: TeamViewService | None = None,
        *,
        summaries: list[InterviewSummary] | None = None,
    ) -> None:
        """`summaries`: the list as the service gave it just now, if the caller has it."""
        from scorer.ui.rubric_workspace import RubricWorkspace

        self.service = service
        self.rubrics = rubrics
        self.signing_actions.desk = signing
        if self.statusBar().currentMessage() == LOADING:
            self.statusBar().clearMessage()
        self.rubrics_page = RubricWorkspace(rubrics, service, parent=self)
        self.rubrics_page.message.connect(self.show_status)
        placeholder = self.tabs.widget(1)
        self.tabs.removeTab(1)
        if placeholder is not None:
            placeholder.deleteLater()
        self.tabs.addTab(self.rubrics_page, "Rubrics")
        if team is not None:
            from scorer.ui.team_view import TeamView

            self.team_view = TeamView(team, self)
            self.team_view.message.connect(self.show_status)
            self.tabs.addTab(self.team_view, "Team")
        for action in self._needs_services:
            action.setEnabled(True)
        self.start_screen.new_button.setEnabled(True)
        if summaries is None:
            self.refresh_list()
        else:
            self.start_screen.set_summaries(summaries, service.now())
        if self._pending_open is not None:
            interview_id, self._pending_open = self._pending_open, None
            self.open_interview(interview_id)

    # Navigation

    def refresh_list(self) -> None:
        if self.service is None:
            return
        try:
            summaries = self.service.list_interviews()
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        self.start_screen.set_summaries(summaries, self.service.now())

    def open_interview(self, interview_id: int) -> None:
        if self.service is None:
            self._pending_open = interview_id  # opened as soon as the store is ready
            self.show_status("Opening the local store…")
            return
        from scorer.ui.interview_page import InterviewPage

        self.close_interview()
        try:
            page = InterviewPage(self.service, interview_id)
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        page.back_requested.connect(self.show_list)
        page.export_requested.connect(self.signing_actions.export_interview)
        # Bound methods, not lambdas: a lambda holding `self` could free the window
        # while Qt is still deleting the page.
        page.message.connect(self.show_status)
        self.interview_page = page
        self.interviews.addWidget(page)
        self.interviews.setCurrentWidget(page)
        self.tabs.setCurrentWidget(self.interviews)
        page.take_focus()
        detail = page.session.detail
        self.setWindowTitle(f"{detail.candidate.name} · {detail.rubric.title} — {APP_NAME}")

    def show_list(self) -> None:
        interview_id = self.interview_page.session.interview_id if self.interview_page else None
        self.close_interview()
        self.refresh_list()
        self.interviews.setCurrentWidget(self.start_screen)
        self.setWindowTitle(APP_NAME)
        if interview_id is not None:
            self.start_screen.select_interview(interview_id)
        self.start_screen.tree.setFocus()

    def close_interview(self) -> None:
        page = self.interview_page
        if page is None:
            return
        page.flush()
        self.interviews.removeWidget(page)
        page.deleteLater()
        self.interview_page = None

    def new_interview(self) -> None:
        if self.service is None or self.rubrics is None:
            return
        from scorer.ui.new_interview_dialog import NewInterviewDialog

        desk = self.signing_actions.desk
        me = desk.current_identity() if desk is not None else None
        try:
            dialog = NewInterviewDialog(
                self.rubrics.rubrics(), self.service.list_candidates(),
                self.service.list_interviewers(),
                default_interviewer=(me.name, me.email) if me is not None else None,
                parent=self,
            )
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        while dialog.exec() == QDialog.DialogCode.Accepted:
            value = dialog.value()
            if value is None:
                continue
            try:
                candidate = self.service.add_candidate(value.candidate_name, value.candidate_email)
                change = self.service.create_interview(
                    candidate.id, value.rubric, value.interviewer_name,
                    value.interviewer_email, value.scheduled_for,
                    rubric_text=self.rubrics.text_of(value.rubric),
                )
            except ScorerError as exc:
                dialog.show_error(exc.message)
                continue
            self.open_interview(change.interview_id)
            return

    def merge_scorecards(self) -> None:
        """The panel's merge: signed scorecards in, one verified packet out."""
        from scorer.services.merge import MergeService
        from scorer.ui.merge_dialog import MergeDialog

        try:
            service = MergeService()
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        try:
            MergeDialog(service, self).exec()
        finally:
            service.close()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, message)

    # Menus

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        new = self._action(file_menu, "&New interview…", QKeySequence.StandardKey.New,
                           self.new_interview)
        self._action(file_menu, "&All interviews", QKeySequence("Alt+Left"), self.show_list)
        file_menu.addSeparator()
        identity = self._action(file_menu, "Signing &identity…", None,
                                self.signing_actions.show_identity)
        certificate = self._action(file_menu, "Export my &certificate…", None,
                                   self.signing_actions.export_certificate)
        file_menu.addSeparator()
        self._action(file_menu, "&Merge scorecards into a packet…", QKeySequence("Ctrl+Shift+M"),
                     self.merge_scorecards)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        self._needs_services += [new, identity, certificate]
        for action in self._needs_services:
            action.setEnabled(False)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", QKeySequence("F1"), self.show_shortcuts)
        self._action(help_menu, f"&About {APP_NAME}", None, self.show_about)

    def _action(
        self, menu: QMenu, text: str, keys: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.rubrics_page is not None and not self.rubrics_page.confirm_close():
            event.ignore()
            return
        self.close_interview()  # saves any typing still pending
        if self.team_view is not None:
            self.team_view.shutdown()
        super().closeEvent(event)

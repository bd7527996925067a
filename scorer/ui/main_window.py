"""The main window: the interviews (list, or one open interview) and the rubric library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
)

from scorer import __version__
from scorer.domain.errors import ScorerError
from scorer.paths import APP_NAME
from scorer.ui.interview_page import InterviewPage
from scorer.ui.new_interview_dialog import NewInterviewDialog
from scorer.ui.rubric_library_page import RubricLibraryPage
from scorer.ui.shortcuts_dialog import ShortcutsDialog
from scorer.ui.start_screen import StartScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from scorer.services.interviews import InterviewService
    from scorer.services.rubric_library import RubricLibrary
    from scorer.services.signing_desk import SigningDesk


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: InterviewService,
        library: RubricLibrary,
        signing: SigningDesk | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.library = library
        self.signing = signing
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        self.setMinimumSize(960, 600)

        self.start_screen = StartScreen()
        self.start_screen.open_requested.connect(self.open_interview)
        self.start_screen.new_requested.connect(self.new_interview)
        self.interview_page: InterviewPage | None = None
        self.interviews = QStackedWidget()
        self.interviews.addWidget(self.start_screen)
        self.rubrics_page = RubricLibraryPage(library)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.interviews, "Interviews")
        self.tabs.addTab(self.rubrics_page, "Rubrics")
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.refresh_list()

    # Navigation

    def refresh_list(self) -> None:
        try:
            summaries = self.service.list_interviews()
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        self.start_screen.set_summaries(summaries, self.service.now())

    def open_interview(self, interview_id: int) -> None:
        self.close_interview()
        try:
            page = InterviewPage(self.service, interview_id)
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        page.back_requested.connect(self.show_list)
        page.export_requested.connect(self.export_interview)
        # Bound methods, not lambdas: a lambda holding `self` could free the window
        # while Qt is still deleting the page.
        page.message.connect(self.show_status)
        self.interview_page = page
        self.interviews.addWidget(page)
        self.interviews.setCurrentWidget(page)
        self.tabs.setCurrentWidget(self.interviews)
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
        try:
            dialog = NewInterviewDialog(
                self.library.rubrics, self.service.list_candidates(),
                self.service.list_interviewers(), parent=self,
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
                )
            except ScorerError as exc:
                dialog.show_error(exc.message)
                continue
            self.open_interview(change.interview_id)
            return

    def export_interview(self, interview_id: int) -> None:
        if self.signing is None:
            self.show_error("Signing is not available: the local store is not open.")
            return
        from scorer.ui.export_flow import export_with_dialog

        try:
            detail = self.service.get_interview(interview_id)
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        if self.signing.needs_identity() and not self.ask_for_identity():
            return
        export_with_dialog(self, self.signing, detail)

    def ask_for_identity(self) -> bool:
        """The first-run dialog; True once the user has a signing identity."""
        if self.signing is None:
            return False
        from scorer.ui.identity_dialog import IdentityDialog

        return IdentityDialog(self.signing, self).exec() == QDialog.DialogCode.Accepted

    def show_identity(self) -> None:
        if self.signing is None:
            return
        identity = self.signing.current_identity()
        if identity is None:
            self.ask_for_identity()
            return
        QMessageBox.information(
            self, "Your signing identity",
            f"{identity.name} <{identity.email}>\nCertificate SHA-256 {identity.fingerprint}",
        )

    def export_certificate(self) -> None:
        if self.signing is None or self.signing.current_identity() is None:
            self.show_identity()
            return
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export my certificate", "interviewer.pem", "PEM certificates (*.pem)"
        )
        if chosen:
            try:
                self.signing.export_certificate(Path(chosen))
            except ScorerError as exc:
                self.show_error(exc.message)
                return
            self.show_status(f"Certificate saved to {chosen}; send it to the lead.")

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, message)

    # Menus

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New interview…", QKeySequence.StandardKey.New, self.new_interview)
        self._action(file_menu, "&All interviews", QKeySequence("Alt+Left"), self.show_list)
        file_menu.addSeparator()
        self._action(file_menu, "Signing &identity…", None, self.show_identity)
        self._action(file_menu, "Export my &certificate…", None, self.export_certificate)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", QKeySequence("F1"), self.show_shortcuts)
        self._action(help_menu, f"&About {APP_NAME}", None, self.show_about)

    def _action(
        self, menu: object, text: str, keys: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>Structured technical interviews: "
            "live scoring, signed scorecards, panel merge.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_interview()  # saves any typing still pending
        super().closeEvent(event)

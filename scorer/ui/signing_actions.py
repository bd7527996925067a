"""The window's signing actions: export a scorecard, the signing identity, the certificate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from scorer.domain.errors import ScorerError
from scorer.paths import APP_NAME

if TYPE_CHECKING:
    from scorer.services.signing_desk import SigningDesk


class SigningActions:
    """Kept apart from the window: it knows the signing desk, the window knows navigation."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.desk: SigningDesk | None = None

    def export_interview(self, interview_id: int) -> None:
        service = getattr(self.window, "service", None)
        if self.desk is None or service is None:
            self._error("Signing is not available: the local store is not open.")
            return
        from scorer.ui.export_flow import export_with_dialog

        try:
            detail = service.get_interview(interview_id)
        except ScorerError as exc:
            self._error(exc.message)
            return
        if self.desk.needs_identity() and not self.ask_for_identity():
            return
        export_with_dialog(self.window, self.desk, detail)

    def ask_for_identity(self) -> bool:
        """The first-run dialog; True once the user has a signing identity."""
        if self.desk is None:
            return False
        from scorer.ui.identity_dialog import IdentityDialog

        dialog = IdentityDialog(self.desk, self.window)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_identity(self) -> None:
        if self.desk is None:
            return
        identity = self.desk.current_identity()
        if identity is None:
            self.ask_for_identity()
            return
        QMessageBox.information(
            self.window, "Your signing identity",
            f"{identity.name} <{identity.email}>\nCertificate SHA-256 {identity.fingerprint}",
        )

    def export_certificate(self) -> None:
        if self.desk is None or self.desk.current_identity() is None:
            self.show_identity()
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Export my certificate", "interviewer.pem", "PEM certificates (*.pem)"
        )
        if not chosen:
            return
        try:
            self.desk.export_certificate(Path(chosen))
        except ScorerError as exc:
            self._error(exc.message)
            return
        self.window.statusBar().showMessage(
            f"Certificate saved to {chosen}; send it to the lead.", 10_000
        )

    def _error(self, message: str) -> None:
        QMessageBox.warning(self.window, APP_NAME, message)

"""The window's signing actions: export a scorecard, the signing identity, the certificate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from scorer.domain.errors import ScorerError
from scorer.paths import APP_NAME
from scorer.ui.export_flow import export_with_dialog
from scorer.ui.identity_dialog import IdentityDialog

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
        try:
            detail = service.get_interview(interview_id)
        except ScorerError as exc:
            self._error(exc.message)
            return
        who = detail.interviewer
        if self.desk.needs_identity() and not self.ask_for_identity(who.name, who.email):
            return
        export_with_dialog(self.window, self.desk, detail)

    def ask_for_identity(self, name: str = "", email: str = "") -> bool:
        """The first-run dialog (filled in with `name` and `email`); True once the user has a
        signing identity."""
        if self.desk is None:
            return False
        dialog = IdentityDialog(self.desk, self.window, name=name, email=email)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_identity(self) -> None:
        if self.desk is None:
            return
        identity = self.desk.current_identity()
        if identity is None:
            self.ask_for_identity()
            return
        text = f"{identity.name} <{identity.email}>\nCertificate SHA-256 {identity.fingerprint}"
        retired = self.desk.retired_identities()
        if retired:
            text += "\n\nRetired, still signing the interviews pinned to them:"
            for old in retired:
                when = f", retired {old.retired_at:%Y-%m-%d}" if old.retired_at else ""
                text += (f"\n{old.name} <{old.email}>, certificate {old.fingerprint[:16]}…"
                         f"{when}")
        QMessageBox.information(self.window, "Your signing identity", text)

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
            written = self.desk.export_certificates(Path(chosen))
        except ScorerError as exc:
            self._error(exc.message)
            return
        what = ("Certificate" if len(written) == 1
                else f"{len(written)} certificates (yours and the retired ones that sign cards)")
        self.window.statusBar().showMessage(f"{what} saved to {chosen}; send it to the lead.",
                                            10_000)

    def _error(self, message: str) -> None:
        QMessageBox.warning(self.window, APP_NAME, message)

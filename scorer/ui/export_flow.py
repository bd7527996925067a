"""Export a submitted interview as a signed PDF: pick where, sign, say what happened."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from scorer.domain.errors import ScorerError
from scorer.paths import APP_NAME

if TYPE_CHECKING:
    from scorer.domain.interview import InterviewDetail
    from scorer.services.export import PageSize
    from scorer.services.signing_desk import SigningDesk


def suggested_name(detail: InterviewDetail) -> str:
    def slug(text: str) -> str:
        return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-").lower()

    return f"{slug(detail.candidate.name)}-{detail.rubric.id}-scorecard.pdf"


def default_page_size() -> PageSize:
    """Letter where the locale prints on Letter, A4 elsewhere."""
    country = QLocale.system().territory()
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico}
    return "Letter" if country in letter else "A4"


def export_with_dialog(parent: QWidget, desk: SigningDesk, detail: InterviewDetail) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder or Path.home()) / suggested_name(detail))
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Export signed scorecard", start, "PDF documents (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = desk.export_interview(detail.id, path, default_page_size())
    except ScorerError as exc:
        QMessageBox.warning(parent, APP_NAME, exc.message)
        return None
    finally:
        QApplication.restoreOverrideCursor()
    answer = QMessageBox.information(
        parent, APP_NAME,
        f"Signed scorecard saved to {result.path} ({result.pages} pages), signed by "
        f"{result.signed_by}.\n"
        f"SHA-256 {result.sha256}",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
    )
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
    return result.path

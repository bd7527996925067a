"""Export a submitted interview as a signed PDF: pick where, sign, say what happened."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from scorer.domain.errors import ScorerError
from scorer.paths import APP_NAME
from scorer.services.settings import last_export_folder, remember_export_folder

if TYPE_CHECKING:
    from scorer.domain.interview import InterviewDetail
    from scorer.services.export import PageSize
    from scorer.services.signing_desk import SigningDesk


def suggested_name(detail: InterviewDetail) -> str:
    """Candidate, interview kind and the day it was held: `ada-lovelace-coding-2026-11-26.pdf`."""

    def slug(text: str) -> str:
        return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-").lower()

    held = detail.timer.started_at or detail.submitted_at
    day = held.astimezone().date() if held is not None else date.today()
    return f"{slug(detail.candidate.name)}-{detail.rubric.id}-{day.isoformat()}.pdf"


def start_folder() -> Path:
    """The folder of the last export, else the documents folder, else home."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return last_export_folder() or Path(documents or Path.home())


def default_page_size() -> PageSize:
    """Letter where the locale prints on Letter, A4 elsewhere."""
    country = QLocale.system().territory()
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico}
    return "Letter" if country in letter else "A4"


def export_with_dialog(parent: QWidget, desk: SigningDesk, detail: InterviewDetail) -> Path | None:
    start = str(start_folder() / suggested_name(detail))
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
    remember_export_folder(result.path.parent)
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

"""Export from the submitted view: first-run identity, save dialog, a verified signed PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.services.signing_desk import SigningDesk
from scorer.services.verify import Verdict, load_trust, verify_file
from scorer.storage import Store
from scorer.ui.identity_dialog import IdentityDialog
from scorer.ui.main_window import MainWindow
from tests.support import fixtures
from tests.ui.test_interview_flow import when_modal

memory_keyring = fixtures.memory_keyring


def submitted_interview(service: InterviewService, library: RubricLibrary) -> int:
    coding = library.get("coding")
    assert coding is not None
    candidate = service.add_candidate("Łukasz Øster-Müller", "lukasz@example.com")
    interview_id = service.create_interview(
        candidate.id, coding, "Yan Interviewer", "yan@example.com"
    ).interview_id
    service.start(interview_id)
    for dimension in coding.dimensions:
        service.score_dimension(interview_id, dimension.id, 3)
    service.set_recommendation(interview_id, "yes")
    service.write_summary_note(interview_id, "Solid.")
    service.submit(interview_id)
    return interview_id


def test_export_asks_for_an_identity_then_signs(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary, store: Store,
    rubric_service: RubricWorkspaceService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    memory_keyring: object,
) -> None:
    interview_id = submitted_interview(service, library)
    desk = SigningDesk(store)
    window = MainWindow(service, rubric_service, desk)
    qtbot.addWidget(window)
    window.open_interview(interview_id)
    page = window.interview_page
    assert page is not None and page.live.export_button.isVisibleTo(page)

    target = tmp_path / "card.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[str] = []

    def information(_parent: object, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "information", information)

    def create_identity(app: QApplication) -> None:
        dialog = app.activeModalWidget()
        assert isinstance(dialog, IdentityDialog)
        # Filled in with the interview's interviewer: the identity that may sign it.
        assert (dialog.name.text(), dialog.email.text()) == ("Yan Interviewer",
                                                             "yan@example.com")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    when_modal(create_identity)
    page.live.export_button.click()

    assert target.is_file()
    assert shown and str(target) in shown[0]
    assert "signed by Yan Interviewer <yan@example.com>" in shown[0]
    identity = desk.current_identity()
    assert identity is not None and identity.email == "yan@example.com"
    trust = tmp_path / "interviewers"
    trust.mkdir()
    (trust / "yan.pem").write_bytes(identity.certificate.pem)
    result = verify_file(target, load_trust(trust))
    assert result.verdict is Verdict.OK
    assert result.candidate == "Łukasz Øster-Müller"


def test_an_invalid_identity_is_explained_in_the_dialog(
    qtbot: QtBot, store: Store, memory_keyring: object
) -> None:
    dialog = IdentityDialog(SigningDesk(store))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Yan")
    qtbot.keyClicks(dialog.email, "not-an-email")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog)
    assert "not an email address" in dialog.error.text()
    assert SigningDesk(store).needs_identity()


def test_the_app_refuses_to_sign_someone_elses_interview_and_never_replaces_an_identity(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary, store: Store,
    rubric_service: RubricWorkspaceService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    memory_keyring: object,
) -> None:
    """Yan's interview on Mallory's computer: Mallory's identity must not sign it."""
    interview_id = submitted_interview(service, library)
    desk = SigningDesk(store)
    mallory = desk.create_identity("Mallory Insider", "mallory@example.com")
    # Mallory points Yan's interview at her own certificate in her local store.
    from scorer.storage import signing

    with store.write() as tx:
        signing.pin_certificate(tx.connection, interview_id, mallory.fingerprint, True)
    window = MainWindow(service, rubric_service, desk)
    qtbot.addWidget(window)
    window.open_interview(interview_id)
    page = window.interview_page
    assert page is not None
    target = tmp_path / "forged.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *_a: warnings.append(text))
    page.live.export_button.click()
    assert not target.exists()
    assert warnings == [
        f"Interview {interview_id} was conducted by Yan Interviewer <yan@example.com>, but the "
        "signing identity that would sign it is Mallory Insider <mallory@example.com> "
        f"(certificate {mallory.fingerprint[:16]}…), so it is not signed: a scorecard is "
        "signed only by its own interviewer's identity."]

    # The first-run dialog, shown while an identity exists, refuses instead of replacing it.
    dialog = IdentityDialog(desk)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Yan Interviewer")
    qtbot.keyClicks(dialog.email, "yan@example.com")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog)
    assert "You already have a signing identity, Mallory Insider" in dialog.error.text()
    assert "--replace" in dialog.error.text()
    current = desk.current_identity()
    assert current is not None and current.fingerprint == mallory.fingerprint

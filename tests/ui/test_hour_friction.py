"""The small frictions of an interviewer's hour: dialogs that fit, fields filled in, folders
remembered, and a read-only card without typing hints."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from scorer.domain.interview import InterviewState
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.services.signing_desk import SigningDesk
from scorer.storage import Store
from scorer.ui.identity_dialog import IdentityDialog
from scorer.ui.interview_page import InterviewPage
from scorer.ui.main_window import MainWindow
from scorer.ui.new_interview_dialog import NewInterviewDialog
from scorer.ui.widgets.wrapped_rows import PAD_X, PAD_Y, text_layout
from tests.support import fixtures
from tests.ui.test_export_flow import submitted_interview
from tests.ui.test_interview_flow import when_modal

memory_keyring = fixtures.memory_keyring

LONG_ERROR = (
    "You already have a signing identity, Yan Interviewer <yan@example.com>, whose "
    "certificate signs the interviews pinned to it. Replacing it here would leave them "
    "unverifiable; run `scorer identity create --replace` from a terminal if you mean to "
    "retire it, and send the new certificate to the lead."
)


def fits(label: QWidget) -> bool:
    """Every line of a wrapped label is inside it, and it is inside its window."""
    window = label.window()
    bottom = label.mapTo(window, label.rect().bottomLeft()).y()
    return label.height() >= label.heightForWidth(label.width()) and bottom <= window.height()


def test_the_identity_dialog_grows_with_its_error(
    qtbot: QtBot, store: Store, memory_keyring: object
) -> None:
    dialog = IdentityDialog(SigningDesk(store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.minimumWidth(), dialog.sizeHint().height())
    dialog.show_error(LONG_ERROR)
    QApplication.processEvents()
    assert fits(dialog.error)
    assert all(fits(label) for label in dialog.findChildren(QWidget)
               if label.isVisible() and label.hasHeightForWidth()
               and label.metaObject().className() == "QLabel")


def test_new_interview_fills_in_the_interviewer_from_this_computers_identity(
    qtbot: QtBot, service: InterviewService, rubric_service: RubricWorkspaceService,
    store: Store, memory_keyring: object,
) -> None:
    desk = SigningDesk(store)
    desk.create_identity("Yara Lindholm", "yara@example.com")
    window = MainWindow(service, rubric_service, desk)
    qtbot.addWidget(window)
    seen: list[tuple[str, str]] = []

    def look(app: QApplication) -> None:
        dialog = app.activeModalWidget()
        assert isinstance(dialog, NewInterviewDialog)
        seen.append((dialog.interviewer_name.text(), dialog.interviewer_email.text()))
        dialog.reject()

    when_modal(look)
    window.new_interview()
    assert seen == [("Yara Lindholm", "yara@example.com")]


def test_export_starts_in_documents_then_in_the_last_folder_with_a_telling_name(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary, store: Store,
    rubric_service: RubricWorkspaceService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    memory_keyring: object,
) -> None:
    interview_id = submitted_interview(service, library)
    desk = SigningDesk(store)
    desk.create_identity("Yan Interviewer", "yan@example.com")
    window = MainWindow(service, rubric_service, desk)
    qtbot.addWidget(window)
    offered: list[str] = []
    chosen = tmp_path / "panel" / "card.pdf"
    chosen.parent.mkdir()

    def save_as(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda *a: QMessageBox.StandardButton.Close)
    window.signing_actions.export_interview(interview_id)
    window.signing_actions.export_interview(interview_id)

    detail = service.get_interview(interview_id)
    assert detail.timer.started_at is not None
    day = detail.timer.started_at.astimezone().date().isoformat()
    name = f"łukasz-øster-müller-coding-{day}.pdf"
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    assert offered == [str(Path(documents or Path.home()) / name), str(chosen.parent / name)]


def finished_page(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary, submit: bool
) -> InterviewPage:
    coding = library.get("coding")
    assert coding is not None
    ada = service.add_candidate("Ada Verdict", "ada.verdict@example.com")
    interview_id = service.create_interview(ada.id, coding, "Yan", "yan@x.org").interview_id
    service.start(interview_id)
    service.end(interview_id)
    if submit:
        for dimension in coding.dimensions:
            service.score_dimension(interview_id, dimension.id, 2)
        service.set_recommendation(interview_id, "no")
        service.write_summary_note(interview_id, "Ran out of time on the extension.")
        service.submit(interview_id)
    page = InterviewPage(service, interview_id)
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_after_the_end_every_recommendation_keeps_its_whole_meaning(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary
) -> None:
    page = finished_page(qtbot, service, library, submit=False)
    assert page.session.detail.state is InterviewState.FINISHED
    verdict = page.live.verdict
    QApplication.processEvents()
    for choice in verdict.options.values():
        label = choice.explanation
        assert label.height() >= label.heightForWidth(label.width()), choice.radio.text()


def test_the_read_only_card_shows_no_typing_or_scoring_hints(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary
) -> None:
    page = finished_page(qtbot, service, library, submit=True)
    live = page.live
    assert "Alt+" not in live.rubric.summary.text()
    assert "of 7 dimensions scored" in live.rubric.summary.text()
    assert "Ctrl+T" not in live.notes_heading.text()
    assert not any(card.marker.isVisibleTo(card) for card in live.rubric.cards)
    QApplication.processEvents()
    assert fits(live.verdict.read_only_text)


def test_question_rows_are_as_tall_as_their_lines_at_any_width(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary
) -> None:
    page = finished_page(qtbot, service, library, submit=False)
    view = page.live.questions.list
    model = page.live.questions.model
    for size in ((1600, 900), (1024, 640), (960, 600)):
        page.resize(*size)
        QApplication.processEvents()
        qtbot.wait(20)  # the list lays its rows out again after a resize
        for row in range(model.rowCount()):
            text = model.index(row).data()
            rect = view.visualRect(model.index(row))
            layout, height = text_layout(text, view.font(), rect.width() - 2 * PAD_X)
            assert rect.height() - 2 * PAD_Y == pytest.approx(height, abs=1.5), (size, text)
            shown = "".join(
                text[layout.lineAt(n).textStart():][:layout.lineAt(n).textLength()]
                for n in range(layout.lineCount())
            )
            assert shown == text  # every word drawn, none elided

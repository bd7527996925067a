"""Every interactive widget of the live view, swept through its values, writes no errors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.ui.interview_page import InterviewPage
from tests.services.factories import FakeClock


@pytest.mark.parametrize("rubric_id", ["coding", "model-parallel", "math", "optimisation"])
def test_sweep_every_control(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], rubric_id: str,
) -> None:
    rubric = library.get(rubric_id)
    assert rubric is not None
    candidate = service.add_candidate("Sweep Candidate", "sweep@example.com")
    interview_id = service.create_interview(candidate.id, rubric, "Yan", "yan@x.org").interview_id
    page = InterviewPage(service, interview_id)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    for box in page.before.checks.values():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    page.start()
    live = page.live
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("A question off the bank", True)
    )

    # Every question: select, mark asked, skip, clear, note.
    for row in range(live.questions.model.rowCount()):
        clock.advance(30)
        live.questions.list.setCurrentIndex(live.questions.model.index(row))
        for button in (live.questions.asked_button, live.questions.skip_button,
                       live.questions.clear_button, live.questions.asked_button):
            if button.isEnabled():
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(live.questions.note, f"note {row}")
        live.questions.flush()
    qtbot.mouseClick(live.questions.add_button, Qt.MouseButton.LeftButton)

    # Every level of every dimension, ending on the top level; evidence typed.
    for card in live.rubric.cards:
        for option in card.options.values():
            radio: QRadioButton = option.radio
            qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
        qtbot.keyClicks(card.evidence, "evidence")
        card.evidence.flush()

    # The clock buttons and every shortcut of the live view.
    for _ in range(2):
        qtbot.mouseClick(live.pause_button, Qt.MouseButton.LeftButton)
    for action in ("next_question", "previous_question", "next_dimension", "previous_dimension",
                   "insert_time", "focus_notes", "mark_asked", "mark_skipped"):
        getattr(live, action)()
    qtbot.keyClicks(live.notes, "general")
    live.flush()

    detail = service.get_interview(interview_id)
    for dimension in rubric.dimensions:
        assert detail.score(dimension.id).score == dimension.max_score
        assert detail.score(dimension.id).evidence == "evidence"
    assert detail.prep_ticked == {item.id for item in rubric.prep}
    assert detail.adhoc_questions[-1].text == "A question off the bank"
    assert all(isinstance(b, QPushButton) for b in (live.pause_button, live.submit_button))
    assert page.save_indicator.text().startswith("✓")
    assert capfd.readouterr().err == ""

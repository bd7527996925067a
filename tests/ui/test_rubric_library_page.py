from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from scorer.services.rubric_library import load_library
from scorer.ui.rubric_library_page import RubricLibraryPage

CORPUS = Path(__file__).parent.parent / "io" / "rubric_corpus"


def test_lists_valid_and_invalid_rubrics(qtbot: QtBot, tmp_path: Path) -> None:
    shutil.copy(CORPUS / "valid" / "minimal.yaml", tmp_path / "a.yaml")
    shutil.copy(CORPUS / "malformed" / "empty.yaml", tmp_path / "b.yaml")
    page = RubricLibraryPage(load_library(tmp_path))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    model = page.table.model()
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Minimal interview"
    assert model.index(1, 6).data() == "1 problem"
    assert "Minimal interview" in page.details.toPlainText()
    page.table.selectRow(1)
    assert "the file is empty" in page.details.toPlainText()
    assert page.status.text() == "1 of 2 rubric files valid"

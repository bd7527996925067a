"""The Merge dialog's item models, without views: files, candidates, the files filter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scorer.services.merge.desk import desk
from scorer.services.verify import Verdict
from scorer.ui.merge_candidates_model import CandidatesModel
from scorer.ui.merge_files_filter import MergeFilesFilter
from scorer.ui.merge_model import CHECKING, MergeInputsModel
from tests.support.desk_inputs import checked, details, kinds, unreadable

TIP = Qt.ItemDataRole.ToolTipRole


def test_a_file_with_the_content_of_a_checked_one_joins_its_row(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    model = MergeInputsModel()
    one, two, other = tmp_path / "a" / "21.pdf", tmp_path / "b" / "21.pdf", tmp_path / "22.pdf"
    rows = model.add([one, two, other, one])
    assert len(rows) == 3 and model.pending() == 3
    assert model.index(0, 1).data() == CHECKING
    d = details()
    model.set_checked(rows[0].key, checked(d[0], one, content=b"same"))
    model.set_checked(rows[2].key, checked(d[1], other))
    model.set_checked(rows[1].key, checked(d[0], two, content=b"same"))
    assert model.rowCount() == 2 and model.pending() == 0 and model.copies() == 1
    assert len(model.checked()) == 2
    assert model.index(0, 0).data() == "21.pdf (×2)"
    tip = model.index(0, 0).data(TIP)
    assert f"21.pdf in {tmp_path / 'a'}" in tip and f"21.pdf in {tmp_path / 'b'}" in tip
    assert model.add([two]) == []  # a copy's path is listed too


def test_the_files_filter_puts_problems_first_and_can_show_them_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    model = MergeInputsModel()
    paths = [tmp_path / n for n in ("ok.pdf", "bad.pdf", "waiting.pdf", "junk.pdf")]
    rows = model.add(paths)
    d = details()
    model.set_checked(rows[0].key, checked(d[0], paths[0]))
    model.set_checked(rows[1].key, checked(d[1], paths[1], Verdict.TAMPERED, "changed"))
    model.set_checked(rows[3].key, unreadable(paths[3]))
    view = MergeFilesFilter()
    view.setSourceModel(model)

    def names() -> list[str]:
        return [view.index(n, 0).data() for n in range(view.rowCount())]

    assert names() == ["bad.pdf", "junk.pdf", "waiting.pdf", "ok.pdf"]
    view.set_problems_only(True)
    assert names() == ["bad.pdf", "junk.pdf"]
    view.set_paths({paths[3]})
    assert names() == ["junk.pdf"]
    view.set_problems_only(False)
    view.set_paths(None)
    assert len(names()) == 4


def test_the_candidates_model_shows_each_kind_and_its_files_on_hover(
    qtbot: QtBot, tmp_path: Path
) -> None:
    d = details()
    inputs = [checked(d[0], tmp_path / "a1.pdf"),
              checked(d[1], tmp_path / "a2.pdf", Verdict.UNTRUSTED_SIGNER,
                      "the signer's certificate is not in the trust folder"),
              checked(d[4], tmp_path / "b1.pdf")]
    model = CandidatesModel()
    model.set_desk(desk(inputs, kinds()))
    assert model.rowCount() == 2 and model.columnCount() == 7
    assert model.headerData(3, Qt.Orientation.Horizontal, TIP) == kinds()[1].title
    assert [model.index(0, c).data() for c in range(1, 7)] == [
        "1 of 4", "present", "rejected", "missing", "missing", "1"]
    assert model.index(0, 3).data(TIP).endswith(
        "a2.pdf: UNTRUSTED SIGNER · the signer's certificate is not in the trust folder")
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.number_of(model.row(1).key) == 1

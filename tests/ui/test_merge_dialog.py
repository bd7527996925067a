"""The Merge dialog: add and drop files, watch them verified, build, open the packet."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from scorer.domain.panel import MixedCandidates
from scorer.services import identity
from scorer.services.merge import CheckedInput, MergeService, PacketResult
from scorer.services.merge_pool import WorkerPool
from scorer.services.verify import Verdict, Verification, load_trust, verify_file
from scorer.ui.merge_dialog import MergeDialog
from scorer.ui.merge_model import CHECKING
from tests.support import fixtures
from tests.support.panel_cards import copy_cards, shared_pool, signed_cards

memory_keyring = fixtures.memory_keyring


class FakeService:
    """Answers like MergeService, instantly; `gate` holds the checks back until set."""

    def __init__(self, trust_folder: Path) -> None:
        self.trust_folder = trust_folder
        self.gate = threading.Event()
        self.gate.set()
        self.built: list[tuple[list[CheckedInput], Path]] = []
        self.started = False
        self.problem = ""

    def start_workers(self) -> None:
        self.started = True

    def prepare_build(self) -> None:
        pass

    def trust_problem(self) -> str:
        return self.problem

    def expand(self, inputs: Sequence[Path], skip: Sequence[Path] = ()) -> list[Path]:
        out: list[Path] = []
        for path in inputs:
            out += sorted(path.glob("*.pdf")) if path.is_dir() else [path]
        return out

    def check(self, paths: Sequence[Path],
              on_result: Callable[[int, CheckedInput], None] | None = None
              ) -> list[CheckedInput]:
        self.gate.wait(10)
        out = []
        for index, path in enumerate(paths):
            name = path.stem
            ok = not name.startswith("bad")
            verdict = Verdict.OK if ok else Verdict.TAMPERED
            candidate = name.split("-")[-1].title()
            item = CheckedInput(path, Verification(path, verdict, "" if ok else "changed",
                                                   "Signer", candidate),
                                b"%PDF" if ok else None, "0" * 64, _now())
            out.append(item)
            if on_result is not None:
                on_result(index, item)
        return out

    def candidates(self, checked: Sequence[CheckedInput]) -> list[str]:
        return list(dict.fromkeys(c.candidate for c in checked if c.ok))

    def build_packet(self, checked: Sequence[CheckedInput], target: Path,
                     page_size: str = "A4") -> PacketResult:
        if len(self.candidates(checked)) > 1:
            raise MixedCandidates(self.candidates(checked))
        self.built.append((list(checked), target))
        target.write_bytes(b"%PDF-1.7 packet")
        from scorer.domain.panel import build_panel

        return PacketResult(target, build_panel([]), 9, "0" * 64)


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)


def files(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    out = []
    for name in names:
        path = folder / name
        path.write_bytes(b"%PDF-1.7")
        out.append(path)
    return out


@pytest.fixture
def fake(tmp_path: Path) -> FakeService:
    return FakeService(tmp_path / "trust")


@pytest.fixture
def dialog(qtbot: QtBot, fake: FakeService) -> MergeDialog:
    shown = MergeDialog(fake)
    qtbot.addWidget(shown)
    return shown


def statuses(dialog: MergeDialog) -> list[str]:
    return [r.status for r in dialog.model.rows]


def test_files_are_listed_while_checking_then_with_their_status(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path
) -> None:
    assert fake.started and not dialog.build_button.isEnabled()
    assert "Drop signed scorecards" in dialog.summary.text()
    fake.gate.clear()
    dialog.add_paths(files(tmp_path / "in", "1-ada.pdf", "2-ada.pdf", "bad-ada.pdf"))
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 3, timeout=5000)
    assert statuses(dialog) == [CHECKING] * 3
    assert "Checking 3 of 3 files" in dialog.summary.text()
    assert not dialog.build_button.isEnabled()  # never build while checking
    fake.gate.set()
    qtbot.waitUntil(lambda: CHECKING not in statuses(dialog), timeout=5000)
    assert statuses(dialog) == ["OK", "OK", "TAMPERED"]
    model = dialog.model
    assert model.index(0, 2).data() == "Ada"
    assert model.index(2, 5).data() == "changed"
    assert model.index(2, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=5000)
    assert "2 verified cards for Ada · 1 rejected" in dialog.summary.text()


def test_an_empty_trust_folder_is_said_first(qtbot: QtBot, fake: FakeService) -> None:
    fake.problem = "The trust folder x holds no interviewer certificate"
    dialog = MergeDialog(fake)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == fake.problem


def test_the_same_file_twice_is_listed_once(qtbot: QtBot, dialog: MergeDialog,
                                            tmp_path: Path) -> None:
    given = files(tmp_path / "in", "1-ada.pdf")
    dialog.add_paths(given)
    dialog.add_paths([tmp_path / "in"])
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert len(dialog.model.rows) == 1


def test_dropped_files_and_folders_are_added(qtbot: QtBot, dialog: MergeDialog,
                                             tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    files(folder, "1-ada.pdf", "2-ada.pdf")
    single = files(tmp_path / "other", "3-ada.pdf")[0]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder)), QUrl.fromLocalFile(str(single))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 3 and CHECKING not in statuses(dialog),
                    timeout=5000)
    assert sorted(r.path.name for r in dialog.model.rows) == ["1-ada.pdf", "2-ada.pdf",
                                                              "3-ada.pdf"]


def test_two_candidates_cannot_build_and_the_summary_says_why(
    qtbot: QtBot, dialog: MergeDialog, tmp_path: Path
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-ada.pdf", "2-grace.pdf"))
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    text = dialog.summary.text()
    assert "2 candidates (Ada, Grace)" in text and "--per-candidate" in text
    assert not dialog.build_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert [r.path.name for r in dialog.model.rows] == ["1-ada.pdf"]
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=5000)


def test_build_asks_where_defaulting_to_the_candidate_then_offers_to_open(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-ada.pdf", "2-ada.pdf"))
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=5000)
    asked: list[str] = []
    chosen = tmp_path / "out" / "chosen"

    def save_name(parent: object, caption: str, default: str, filters: str) -> tuple[str, str]:
        asked.append(default)
        chosen.parent.mkdir()
        return str(chosen), filters

    opened: list[QUrl] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.build_button.click()
    qtbot.waitUntil(lambda: dialog.open_button.isVisibleTo(dialog), timeout=5000)
    assert asked == [str(tmp_path / "in" / "ada-packet.pdf")]
    assert fake.built[0][1] == chosen.with_suffix(".pdf")  # .pdf added when left out
    assert "Wrote" in dialog.result_label.text()
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(chosen.with_suffix(".pdf")))]


def test_a_refused_build_is_shown_and_nothing_is_offered(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-ada.pdf"))
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=5000)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    dialog.model.add([tmp_path / "in" / "x-grace.pdf"])  # a late second candidate
    row = dialog.model.rows[-1]
    (checked,) = fake.check([row.path])
    dialog.model.set_checked(row.key, checked)
    dialog.build(tmp_path / "p.pdf")
    qtbot.waitUntil(lambda: "candidates" in dialog.result_label.text(), timeout=5000)
    assert not dialog.open_button.isVisibleTo(dialog)


# -- with the real merge service --------------------------------------------------------------

@pytest.fixture
def pool() -> WorkerPool:
    return shared_pool()


def test_the_real_service_verifies_and_builds_a_signed_packet(
    qtbot: QtBot, tmp_path: Path, pool: WorkerPool, memory_keyring: object,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = signed_cards()
    chair = identity.create("Panel Chair", "chair@example.com")
    trust = tmp_path / "trust"
    shutil.copytree(cards.trust, trust)
    (trust / "chair.pem").write_bytes(chair.certificate.pem)
    name = next(iter(cards.by_candidate))
    folder = tmp_path / "in"
    copy_cards(cards.by_candidate[name], folder)
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 junk")

    service = MergeService(trust, pool=pool)
    dialog = MergeDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.add_paths([folder])
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=60_000)
    assert sorted(statuses(dialog)) == ["OK"] * 4 + ["UNREADABLE"]
    assert f"4 verified cards for {name} · 1 rejected" in dialog.summary.text()
    target = tmp_path / "packet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (str(target), "PDF files (*.pdf)"))
    dialog.build_button.click()
    qtbot.waitUntil(dialog.open_button.isVisible, timeout=60_000)
    result = verify_file(target, load_trust(trust))
    assert result.ok and result.is_packet and result.cards == 4


def test_cards_in_conflict_are_named_apart_from_rejected_inputs(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.domain.panel import CONFLICT_STATUS, RejectedInput, build_panel

    def build_packet(checked: Sequence[CheckedInput], target: Path,
                     page_size: str = "A4") -> PacketResult:
        target.write_bytes(b"%PDF-1.7 packet")
        rejected = (RejectedInput("bad.pdf", "TAMPERED", "changed"),
                    RejectedInput("a.pdf", CONFLICT_STATUS, "two certificates"),
                    RejectedInput("b.pdf", CONFLICT_STATUS, "two certificates"))
        return PacketResult(target, build_panel([], rejected), 9, "0" * 64)

    monkeypatch.setattr(fake, "build_packet", build_packet)
    dialog.add_paths(files(tmp_path / "in", "1-ada.pdf"))
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=5000)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "packet.pdf"), ""))
    dialog.build_button.click()
    qtbot.waitUntil(lambda: "Wrote" in dialog.result_label.text(), timeout=5000)
    assert dialog.result_label.text().endswith(
        "; it lists 1 rejected input and 2 cards not counted because different certificates "
        "claim one interview.")

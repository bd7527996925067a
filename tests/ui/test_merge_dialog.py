"""The Merge dialog: add and drop files, watch them verified, build, open the packet."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from scorer.domain.panel import MixedCandidates
from scorer.services import identity
from scorer.services.merge import CheckedInput, CohortResult, MergeService, PacketResult
from scorer.services.merge.desk import Desk, desk
from scorer.services.merge.pool import WorkerPool
from scorer.services.merge.results import MergeCancelled
from scorer.services.verify import Verdict, load_trust, verify_file
from scorer.ui.merge_dialog import MergeDialog
from scorer.ui.merge_model import CHECKING
from tests.support import fixtures
from tests.support.desk_inputs import checked, details, kinds, unreadable
from tests.support.panel_cards import copy_cards, shared_pool, signed_cards

memory_keyring = fixtures.memory_keyring


class FakeService:
    """Answers like MergeService, instantly, from the sample interviews; `gate` holds the
    checks back until set, `build_gate` the builds.

    A file's name says what it holds: "<kind>-<candidate>.pdf", kind 1 to 4 and
    candidate a, b or c (the sample candidates, in order); "bad-…" is TAMPERED,
    "unsigned-…" UNSIGNED, any other name UNREADABLE. Identical files share a SHA-256.
    """

    def __init__(self, trust_folder: Path) -> None:
        self.trust_folder = trust_folder
        self.gate = threading.Event()
        self.gate.set()
        self.build_gate = threading.Event()
        self.build_gate.set()
        self.desk_gate = threading.Event()  # holds back the desk computed off the GUI thread
        self.desk_gate.set()
        self.built: list[tuple[list[CheckedInput], Path]] = []
        self.built_many: list[tuple[Path, list[str] | None]] = []
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
            item = fake_checked(path)
            out.append(item)
            if on_result is not None:
                on_result(index, item)
        return out

    def desk(self, checked: Sequence[CheckedInput]) -> Desk:
        if threading.current_thread() is not threading.main_thread():
            self.desk_gate.wait(10)
        return desk(checked, kinds())

    def build_packet(self, checked: Sequence[CheckedInput], target: Path,
                     page_size: str = "A4", cancel: threading.Event | None = None
                     ) -> PacketResult:
        self.build_gate.wait(10)
        if cancel is not None and cancel.is_set():
            raise MergeCancelled()
        built = desk(checked, kinds())
        if len(built.candidates) > 1:
            raise MixedCandidates([c.name for c in built.candidates])
        self.built.append((list(checked), target))
        target.write_bytes(b"%PDF-1.7 packet")
        return PacketResult(target, built.candidates[0].panel, 9, "0" * 64)

    def build_per_candidate(
        self, checked: Sequence[CheckedInput], folder: Path, page_size: str = "A4", *,
        only: Collection[str] | None = None, cohort: bool = True,
        on_progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> CohortResult:
        rows = [c for c in desk(checked, kinds()).candidates if only is None or c.key in only]
        report = cohort and only is None and len(rows) > 1
        total = len(rows) + (1 if report else 0)
        folder.mkdir(parents=True, exist_ok=True)
        for done in range(1, total + 1):
            self.build_gate.wait(10)
            if cancel is not None and cancel.is_set():
                raise MergeCancelled()
            if on_progress is not None:
                on_progress(done, total)
        self.built_many.append((folder, None if only is None else list(only)))
        packets = tuple(PacketResult(folder / f"{c.key}.pdf", c.panel, 9, "0" * 64)
                        for c in rows)
        return CohortResult(folder, packets, folder / "cohort-report.pdf" if report else None,
                            None)


def fake_checked(path: Path) -> CheckedInput:
    stem = path.stem
    verdict = Verdict.OK
    for prefix, said in (("bad-", Verdict.TAMPERED), ("unsigned-", Verdict.UNSIGNED)):
        if stem.startswith(prefix):
            stem, verdict = stem.removeprefix(prefix), said
    kind, _, who = stem.partition("-")
    if not kind.isdigit() or who not in "abc" or not who:
        return unreadable(path)
    detail = details()[(ord(who) - ord("a")) * 4 + int(kind) - 1]
    reason = {Verdict.OK: "", Verdict.UNSIGNED: "the scorecard has no signature",
              Verdict.TAMPERED: LONG_REASON}[verdict]
    return checked(detail, path, verdict, reason, content=path.read_bytes())


LONG_REASON = ("the content changed after signing: the signature's digest no longer "
               "matches the bytes it covers, so this card cannot be trusted")


def files(folder: Path, *names: str) -> list[Path]:
    """Files of distinct content (their name)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names:
        path = folder / name
        path.write_bytes(f"%PDF-1.7 {name}".encode())
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


A, B, C = (d.candidate.name for d in details()[::4])


def settled(qtbot: QtBot, dialog: MergeDialog) -> None:
    """Every file checked and the candidates table up to date."""
    qtbot.waitUntil(lambda: not dialog.busy and dialog.model.pending() == 0, timeout=5000)
    qtbot.waitUntil(lambda: dialog.desk_current, timeout=5000)


def shown_files(dialog: MergeDialog) -> list[str]:
    view = dialog.files
    return [view.index(n, 0).data() for n in range(view.rowCount())]


def select_candidates(dialog: MergeDialog, *numbers: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    chosen = dialog.candidates.selectionModel()
    chosen.clearSelection()
    for number in numbers:
        chosen.select(dialog.candidates_model.index(number, 0),
                      QItemSelectionModel.SelectionFlag.Select
                      | QItemSelectionModel.SelectionFlag.Rows)


def test_files_are_listed_while_checking_then_with_their_status(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path
) -> None:
    assert fake.started and not dialog.build_button.isEnabled()
    assert "Drop signed scorecards" in dialog.summary.text()
    fake.gate.clear()
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "2-a.pdf", "bad-3-a.pdf"))
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 3, timeout=5000)
    assert statuses(dialog) == [CHECKING] * 3
    assert "Checking 3 of 3 files" in dialog.summary.text()
    assert not dialog.build_button.isEnabled()  # never build while checking
    fake.gate.set()
    settled(qtbot, dialog)
    assert statuses(dialog) == ["OK", "OK", "TAMPERED"]
    model = dialog.model
    assert model.index(0, 2).data() == A
    assert model.index(2, 5).data() == LONG_REASON  # the whole reason, never cut
    assert model.index(2, 5).data(Qt.ItemDataRole.ToolTipRole) == LONG_REASON
    assert model.index(2, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=5000)
    assert f"2 verified cards for {A} · 1 rejected" in dialog.summary.text()


def test_the_reason_wraps_and_the_details_pane_shows_the_file_in_full(
    qtbot: QtBot, dialog: MergeDialog, tmp_path: Path
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "bad-2-a.pdf"))
    settled(qtbot, dialog)
    assert dialog.table.wordWrap()
    dialog.table.selectRow(0)  # problems first: the rejected file
    text = dialog.details.toPlainText()
    assert "bad-2-a.pdf" in text and f"Folder: {tmp_path / 'in'}" in text
    assert f"Reason: {LONG_REASON}" in text


def test_problems_come_first_and_can_be_shown_alone(
    qtbot: QtBot, dialog: MergeDialog, tmp_path: Path
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "2-a.pdf", "junk.pdf", "3-a.pdf",
                           "bad-4-a.pdf", "1-b.pdf"))
    settled(qtbot, dialog)
    shown = shown_files(dialog)
    assert set(shown[:2]) == {"junk.pdf", "bad-4-a.pdf"}
    assert shown[2:] == ["1-a.pdf", "2-a.pdf", "3-a.pdf", "1-b.pdf"]  # as added
    dialog.problems_only.setChecked(True)
    assert sorted(shown_files(dialog)) == ["bad-4-a.pdf", "junk.pdf"]
    # Both candidates have interviews that are not present: neither is hidden.
    assert not dialog.candidates.isRowHidden(0) and not dialog.candidates.isRowHidden(1)
    dialog.problems_only.setChecked(False)
    assert len(shown_files(dialog)) == 6


def test_cards_are_grouped_by_candidate_with_each_kinds_state(
    qtbot: QtBot, dialog: MergeDialog, tmp_path: Path
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "2-a.pdf", "3-a.pdf", "4-a.pdf",
                           "1-b.pdf", "unsigned-2-b.pdf", "bad-3-b.pdf", "2-c.pdf"))
    settled(qtbot, dialog)
    model = dialog.candidates_model
    assert [model.index(n, 0).data() for n in range(model.rowCount())] == [
        f"{row.name} <{row.email}>" for row in model.rows]
    assert [row.name for row in model.rows] == [A, B, C]
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert headers == ["Candidate", "Interviews", "coding", "math", "model-parallel",
                       "optimisation", "Rejected"]

    def line(number: int) -> list[str]:
        return [model.index(number, c).data() for c in range(1, model.columnCount())]

    assert line(0) == ["4 of 4", "present", "present", "present", "present", ""]
    assert line(1) == ["1 of 4", "present", "not submitted", "rejected", "missing", "2"]
    assert line(2) == ["1 of 4", "missing", "present", "missing", "missing", ""]
    tip = model.index(1, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert f"bad-3-b.pdf: TAMPERED · {LONG_REASON}" in tip
    assert "8 verified cards" not in dialog.summary.text()
    assert "6 verified cards for 3 candidates · 2 with interviews not present · 2 rejected" in (
        dialog.summary.text())
    # A candidate selected: their files only, and their panel in the details pane.
    select_candidates(dialog, 1)
    assert sorted(shown_files(dialog)) == ["1-b.pdf", "bad-3-b.pdf", "unsigned-2-b.pdf"]
    text = dialog.details.toPlainText()
    assert "Interviews that count: 1 of 4" in text and "partial" in text
    assert f"bad-3-b.pdf: TAMPERED · {LONG_REASON}" in text
    select_candidates(dialog)
    assert len(shown_files(dialog)) == 8
    dialog.problems_only.setChecked(True)
    assert dialog.candidates.isRowHidden(0) and not dialog.candidates.isRowHidden(1)
    dialog.candidates.selectAll()  # a hidden candidate is not built
    assert [c.name for c in dialog.chosen()] == [B, C]
    assert dialog.build_button.text() == "&Build 2 packets…"


def test_an_identical_file_is_one_row_and_one_card_with_its_folders_on_hover(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path
) -> None:
    first = files(tmp_path / "one", "1-a.pdf", "2-a.pdf", "3-a.pdf")
    copy = tmp_path / "two" / "1-a.pdf"
    copy.parent.mkdir()
    copy.write_bytes(first[0].read_bytes())
    dialog.add_paths(first)
    dialog.add_paths([copy])
    settled(qtbot, dialog)
    assert len(dialog.model.rows) == 3
    assert f"3 verified cards for {A}" in dialog.summary.text()
    assert "1 identical copy counted once" in dialog.summary.text()
    row = next(n for n, r in enumerate(dialog.model.rows) if r.copies)
    assert dialog.model.index(row, 0).data() == "1-a.pdf (×2)"
    tip = dialog.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert str(tmp_path / "one") in tip and str(tmp_path / "two") in tip
    assert dialog.candidates_model.index(0, 1).data() == "3 of 4"
    # What the dialog said is what the packet is built from.
    dialog.build(tmp_path / "packet.pdf")
    qtbot.waitUntil(lambda: bool(fake.built), timeout=5000)
    assert sorted(c.path for c in fake.built[0][0]) == sorted(first)


def test_an_empty_trust_folder_is_said_first(qtbot: QtBot, fake: FakeService) -> None:
    fake.problem = "The trust folder x holds no interviewer certificate"
    dialog = MergeDialog(fake)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == fake.problem


def test_the_same_file_twice_is_listed_once(qtbot: QtBot, dialog: MergeDialog,
                                            tmp_path: Path) -> None:
    given = files(tmp_path / "in", "1-a.pdf")
    dialog.add_paths(given)
    dialog.add_paths([tmp_path / "in"])
    dialog.add_paths([tmp_path / "in" / ".." / "in" / "1-a.pdf"])
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert len(dialog.model.rows) == 1


def test_dropped_files_and_folders_are_added(qtbot: QtBot, dialog: MergeDialog,
                                             tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    files(folder, "1-a.pdf", "2-a.pdf")
    single = files(tmp_path / "other", "3-a.pdf")[0]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder)), QUrl.fromLocalFile(str(single))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 3 and CHECKING not in statuses(dialog),
                    timeout=5000)
    assert sorted(r.path.name for r in dialog.model.rows) == ["1-a.pdf", "2-a.pdf",
                                                              "3-a.pdf"]


def test_with_several_candidates_the_packet_is_for_the_selected_one(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "1-b.pdf", "bad-2-b.pdf"))
    settled(qtbot, dialog)
    assert not dialog.build_button.isEnabled()  # whose packet?
    assert dialog.build_all_button.isEnabled()
    assert dialog.build_all_button.text() == "Build &all and the cohort report…"
    select_candidates(dialog, 1)
    assert dialog.build_button.isEnabled() and dialog.build_button.text() == "&Build packet…"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "b.pdf"), ""))
    dialog.build_button.click()
    qtbot.waitUntil(lambda: "Wrote" in dialog.result_label.text(), timeout=5000)
    assert sorted(c.path.name for c in fake.built[0][0]) == ["1-b.pdf", "bad-2-b.pdf"]
    assert "it lists 1 rejected input" in dialog.result_label.text()


def test_selected_candidates_and_all_of_them_are_built_into_a_folder(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "1-b.pdf", "1-c.pdf"))
    settled(qtbot, dialog)
    out = tmp_path / "out"
    asked: list[str] = []

    def folder(parent: object, caption: str, default: str) -> str:
        asked.append(caption)
        return str(out)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    select_candidates(dialog, 0, 2)
    assert dialog.build_button.text() == "&Build 2 packets…"
    dialog.build_button.click()
    qtbot.waitUntil(lambda: "Wrote 2 packets" in dialog.result_label.text(), timeout=5000)
    keys = [r.key for r in dialog.candidates_model.rows]
    assert fake.built_many == [(out, [keys[0], keys[2]])]
    assert dialog.open_button.text() == "&Open folder"
    dialog.build_all_button.click()
    qtbot.waitUntil(lambda: len(fake.built_many) == 2 and not dialog.busy, timeout=5000)
    assert fake.built_many[1] == (out, None)
    assert "Wrote 3 packets and the cohort report" in dialog.result_label.text()
    assert dialog.open_button.text() == "&Open cohort report"
    assert asked[1] == "Save every packet and the cohort report in a folder"


def test_a_build_shows_its_progress_and_can_be_cancelled_while_the_dialog_answers(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path
) -> None:
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "1-b.pdf", "1-c.pdf"))
    settled(qtbot, dialog)
    fake.build_gate.clear()
    dialog.build_all(tmp_path / "out")
    assert dialog.building and dialog.cancel_button.isVisibleTo(dialog)
    assert not dialog.build_all_button.isEnabled() and not dialog.clear_button.isEnabled()
    # The dialog answers while the build waits: selecting and filtering still work.
    select_candidates(dialog, 1)
    assert shown_files(dialog) == ["1-b.pdf"]
    fake.build_gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    fake.build_gate.clear()
    dialog.build_all(tmp_path / "out")
    progress = dialog.bar.progress
    assert progress.isVisibleTo(dialog)
    dialog.cancel_button.click()
    assert "Cancelling" in dialog.result_label.text()
    fake.build_gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert dialog.result_label.text() == "The build was cancelled; nothing was written."
    assert not dialog.cancel_button.isVisibleTo(dialog) and not progress.isVisibleTo(dialog)
    assert not dialog.open_button.isVisibleTo(dialog)
    assert len(fake.built_many) == 1
    assert dialog.build_all_button.isEnabled()


def test_build_asks_where_defaulting_to_the_candidate_then_offers_to_open(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.services.merge import default_packet_name

    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "2-a.pdf"))
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
    assert asked == [str(tmp_path / "in" / default_packet_name(A))]
    assert fake.built[0][1] == chosen.with_suffix(".pdf")  # .pdf added when left out
    assert "Wrote" in dialog.result_label.text()
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(chosen.with_suffix(".pdf")))]


def test_a_refused_build_is_shown_and_nothing_is_offered(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.services.merge.results import MergeError

    def refuse(*args: object, **kwargs: object) -> PacketResult:
        raise MergeError("The packet would replace the input x.pdf; choose another output "
                         "file.")

    monkeypatch.setattr(fake, "build_packet", refuse)
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf"))
    settled(qtbot, dialog)
    dialog.build(tmp_path / "p.pdf")
    qtbot.waitUntil(lambda: "would replace" in dialog.result_label.text(), timeout=5000)
    assert not dialog.open_button.isVisibleTo(dialog)
    assert not dialog.cancel_button.isVisibleTo(dialog)
    assert dialog.build_button.isEnabled()


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
                     page_size: str = "A4", cancel: object = None) -> PacketResult:
        target.write_bytes(b"%PDF-1.7 packet")
        rejected = (RejectedInput("bad.pdf", "TAMPERED", "changed"),
                    RejectedInput("a.pdf", CONFLICT_STATUS, "two certificates"),
                    RejectedInput("b.pdf", CONFLICT_STATUS, "two certificates"))
        return PacketResult(target, build_panel([], rejected), 9, "0" * 64)

    monkeypatch.setattr(fake, "build_packet", build_packet)
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf"))
    qtbot.waitUntil(dialog.build_button.isEnabled, timeout=5000)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "packet.pdf"), ""))
    dialog.build_button.click()
    qtbot.waitUntil(lambda: "Wrote" in dialog.result_label.text(), timeout=5000)
    assert dialog.result_label.text().endswith(
        "; it lists 1 rejected input and 2 cards not counted because different certificates "
        "claim one interview.")


def test_the_real_service_builds_every_packet_and_the_cohort_report(
    qtbot: QtBot, tmp_path: Path, pool: WorkerPool, memory_keyring: object
) -> None:
    cards = signed_cards()
    chair = identity.create("Panel Chair", "chair@example.com")
    trust = tmp_path / "trust"
    shutil.copytree(cards.trust, trust)
    (trust / "chair.pem").write_bytes(chair.certificate.pem)
    folder = tmp_path / "in"
    for name, paths in cards.by_candidate.items():
        copy_cards(paths, folder / name.split()[0])
    first = next(iter(cards.by_candidate.values()))[0]
    shutil.copyfile(first, folder / "copy.pdf")  # the same card again

    service = MergeService(trust, pool=pool)
    dialog = MergeDialog(service)
    qtbot.addWidget(dialog)
    dialog.add_paths([folder])
    qtbot.waitUntil(dialog.build_all_button.isEnabled, timeout=60_000)
    assert "8 verified cards for 2 candidates" in dialog.summary.text()
    assert "1 identical copy counted once" in dialog.summary.text()
    shown = [row.counted for row in dialog.candidates_model.rows]
    out = tmp_path / "out"
    dialog.build_all(out)
    qtbot.waitUntil(lambda: "Wrote" in dialog.result_label.text(), timeout=120_000)
    trusted = load_trust(trust)
    report = verify_file(out / "cohort-report.pdf", trusted)
    assert report.ok and report.kind == "cohort" and report.candidates == 2
    packets = sorted(out.glob("*-packet.pdf"))
    assert sorted(verify_file(p, trusted).cards for p in packets) == sorted(shown)


def test_delete_removes_the_selected_files_and_builds_go_to_the_inputs_common_folder(
    qtbot: QtBot, dialog: MergeDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.add_paths([*files(tmp_path / "in" / "a", "1-a.pdf", "2-a.pdf"),
                      *files(tmp_path / "in" / "b", "1-b.pdf")])
    settled(qtbot, dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.table.setFocus()
    dialog.table.selectRow(2)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert sorted(r.path.name for r in dialog.model.rows) == ["1-a.pdf", "2-a.pdf"]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z)  # a key that means nothing here
    assert len(dialog.model.rows) == 2
    dialog.add_paths(files(tmp_path / "in" / "b", "1-b.pdf"))
    settled(qtbot, dialog)
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, caption, default: asked.append(default) or "")
    dialog.build_all_button.click()
    assert asked == [str(tmp_path / "in")]


def test_the_candidates_are_sorted_off_the_gui_thread_and_a_build_uses_the_files_as_they_are(
    qtbot: QtBot, dialog: MergeDialog, fake: FakeService, tmp_path: Path
) -> None:
    fake.desk_gate.clear()
    dialog.add_paths(files(tmp_path / "in", "1-a.pdf", "1-b.pdf"))
    qtbot.waitUntil(lambda: not dialog.busy and dialog.model.pending() == 0, timeout=5000)
    qtbot.waitUntil(lambda: not dialog._desk_timer.isActive(), timeout=5000)
    # The desk is held back in its thread; the dialog answers, and offers no build yet.
    assert not dialog.desk_current and dialog.candidates_model.rowCount() == 0
    assert not dialog.build_all_button.isEnabled()
    dialog.problems_only.setChecked(True)
    dialog.problems_only.setChecked(False)
    dialog.build_all(tmp_path / "out")
    assert dialog.result_label.text().startswith("Building 2 packets and the cohort report")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert fake.built_many == [(tmp_path / "out", None)]
    assert "Wrote 2 packets" in dialog.result_label.text()
    fake.desk_gate.set()
    settled(qtbot, dialog)
    assert dialog.candidates_model.rowCount() == 2

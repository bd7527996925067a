"""Merge: verified scorecards into one signed panel packet.

Add files or a folder, or drop them in; each file is verified as it arrives (in
a worker thread, which hands the files to the merge's checking processes), and
the table shows its status and candidate. Build asks where to write the packet,
builds it in the worker thread, and offers to open it.

The dialog gets its service through the constructor (`MergeService`, or anything
with the same methods) and closes nothing it did not make.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.ui.merge_model import MergeInputsModel
from scorer.ui.theme import css, tones

if TYPE_CHECKING:
    from scorer.services.merge import CheckedInput, PacketResult

log = logging.getLogger(__name__)


class MergeDialogService(Protocol):
    """What the dialog needs from `scorer.services.merge.MergeService`."""

    trust_folder: Path

    def start_workers(self) -> None: ...

    def prepare_build(self) -> None: ...

    def trust_problem(self) -> str: ...

    def expand(self, inputs: Sequence[Path], skip: Sequence[Path] = ()) -> list[Path]: ...

    def check(self, paths: Sequence[Path],
              on_result: Callable[[int, CheckedInput], None] | None = None
              ) -> list[CheckedInput]: ...

    def candidates(self, checked: Sequence[CheckedInput]) -> list[str]: ...

    def build_packet(self, checked: Sequence[CheckedInput], target: Path,
                     page_size: str = "A4") -> PacketResult: ...


class _Relay(QObject):
    """Carries results from the worker thread to the dialog (queued connections)."""

    expanded = Signal(object)  # list[Path]: the files found among what was added
    checked = Signal(int, object)  # row key, CheckedInput
    check_done = Signal()
    built = Signal(object)  # PacketResult
    failed = Signal(str)


class MergeDialog(QDialog):
    def __init__(self, service: MergeDialogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge scorecards into a panel packet")
        self.setMinimumSize(820, 460)
        self.setAcceptDrops(True)
        self._service = service
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="merge")
        self._jobs = 0  # submitted and not finished
        self._building = False
        self._result: PacketResult | None = None
        self._relay = _Relay()
        self._relay.expanded.connect(self._on_expanded)
        self._relay.checked.connect(self._on_checked)
        self._relay.check_done.connect(self._on_job_done)
        self._relay.built.connect(self._on_built)
        self._relay.failed.connect(self._on_failed)

        intro = QLabel(
            "Add one candidate's signed scorecards: files, a folder, or drop them here. "
            f"Each is verified against the trust folder {service.trust_folder}; only "
            "verified cards count, and the packet lists the others."
        )
        intro.setWordWrap(True)
        self.add_files_button = QPushButton("Add files…")
        self.add_folder_button = QPushButton("Add folder…")
        self.remove_button = QPushButton("Remove")
        self.clear_button = QPushButton("Clear")
        self.add_files_button.clicked.connect(self._ask_files)
        self.add_folder_button.clicked.connect(self._ask_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.clear_button.clicked.connect(self._clear)
        tools = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button,
                       self.clear_button):
            tools.addWidget(button)
        tools.addStretch(1)

        self.model = MergeInputsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 118, 130, 170, 120)):
            self.table.setColumnWidth(column, width)
        # Drops land on the dialog, wherever the pointer is.
        self.table.setAcceptDrops(False)
        self.table.viewport().setAcceptDrops(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._refresh())

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.build_button = QPushButton("Build packet…")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self._ask_target)
        self.open_button = QPushButton("Open packet")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open_result)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result_label, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.build_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)
        self._refresh()
        service.start_workers()
        self._submit(self._warm_up)

    def _warm_up(self) -> None:
        try:
            self._service.prepare_build()
        except Exception:  # a real build reports the same problem properly
            log.debug("preparing the build failed", exc_info=True)
        finally:
            self._relay.check_done.emit()

    # -- adding inputs ------------------------------------------------------------------------

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Add files and folders (searched for PDFs, off the UI thread) and verify the new ones."""
        given = list(paths)
        relay = self._relay

        self._submit_guarded(lambda: relay.expanded.emit(self._service.expand(given)),
                             "listing the inputs", "The files could not be listed")

    def _on_expanded(self, files: list[Path]) -> None:
        rows = self.model.add(files)
        if not rows:
            self._refresh()
            return
        keys = [r.key for r in rows]
        targets = [r.path for r in rows]
        relay = self._relay

        def job() -> None:
            try:
                self._service.check(targets, lambda i, c: relay.checked.emit(keys[i], c))
            except ScorerError as exc:
                relay.failed.emit(exc.message)
            except Exception as exc:
                log.exception("checking the inputs failed")
                relay.failed.emit(f"Checking the files failed: {exc.__class__.__name__}: {exc}")
            finally:
                relay.check_done.emit()

        self._submit(job)

    @property
    def busy(self) -> bool:
        """Files are being listed or checked, or the packet built."""
        return self._jobs > 0

    def _submit_guarded(self, work: Callable[[], None], doing: str, failure: str) -> None:
        """Run `work` in the worker thread; any failure reaches the dialog as one sentence."""
        relay = self._relay

        def job() -> None:
            try:
                work()
            except ScorerError as exc:
                relay.failed.emit(exc.message)
            except Exception as exc:
                log.exception("%s failed", doing)
                relay.failed.emit(f"{failure}: {exc.__class__.__name__}: {exc}")
            finally:
                relay.check_done.emit()

        self._submit(job)

    def _submit(self, job: Callable[[], None]) -> None:
        self._jobs += 1
        future: Future[Any] = self._executor.submit(job)
        del future
        self._refresh()

    def _ask_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add signed scorecards", "",
                                                "PDF files (*.pdf);;All files (*)")
        self.add_paths([Path(n) for n in names])

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of signed scorecards")
        if folder:
            self.add_paths([Path(folder)])

    def _remove_selected(self) -> None:
        rows = [index.row() for index in self.table.selectionModel().selectedRows()]
        self.model.remove(rows)
        self._refresh()

    def _clear(self) -> None:
        self.model.clear()
        self._result = None
        self.result_label.clear()
        self.open_button.setVisible(False)
        self._refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # -- building -----------------------------------------------------------------------------

    def candidates(self) -> list[str]:
        return self._service.candidates(self.model.checked())

    def default_target(self) -> Path:
        from scorer.services.merge import default_packet_name

        names = self.candidates()
        rows = self.model.rows
        folder = rows[0].path.parent if rows else Path.home()
        return folder / default_packet_name(names[0] if names else "panel")

    def _ask_target(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the panel packet",
                                                str(self.default_target()),
                                                "PDF files (*.pdf)")
        if chosen:
            target = Path(chosen)
            self.build(target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf"))

    def build(self, target: Path) -> None:
        """Build the packet from the checked inputs at `target`, in the worker thread."""
        checked = self.model.checked()
        relay = self._relay
        self._building = True
        self.result_label.setText(f"Building {target.name}…")
        self.result_label.setStyleSheet("")
        self.open_button.setVisible(False)

        self._submit_guarded(lambda: relay.built.emit(self._service.build_packet(checked, target)),
                             "building the packet", "The packet could not be built")

    def _open_result(self) -> None:
        if self._result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._result.path)))

    # -- results ------------------------------------------------------------------------------

    def _on_checked(self, key: int, checked: CheckedInput) -> None:
        self.model.set_checked(key, checked)
        self._refresh()

    def _on_job_done(self) -> None:
        self._jobs -= 1
        if self._jobs == 0:
            self._building = False
        self._refresh()

    def _on_built(self, result: PacketResult) -> None:
        self._result = result
        t = tones()
        conflicts = result.conflicts
        rejected = len(result.rejected) - conflicts
        listed = [f"{rejected} rejected input{'s' if rejected != 1 else ''}"] if rejected else []
        if conflicts:
            listed.append(f"{conflicts} cards not counted because different certificates "
                          "claim one interview")
        note = f"; it lists {' and '.join(listed)}" if listed else ""
        self.result_label.setText(f"Wrote {result.path}: {result.cards} cards, "
                                  f"{result.pages} pages{note}.")
        self.result_label.setStyleSheet(f"color: {css(t.ok)};")
        self.open_button.setVisible(True)
        self.open_button.setFocus()

    def _on_failed(self, message: str) -> None:
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.result_label.setText(message)
        self.result_label.setStyleSheet(f"color: {css(tones().alert)};")
        self.open_button.setVisible(False)

    def _refresh(self) -> None:
        rows = self.model.rows
        pending = self.model.pending()
        checked = self.model.checked()
        verified = [c for c in checked if c.ok]
        rejected = sum(1 for c in checked if not c.ok and not c.skipped)
        names = self.candidates() if verified else []
        t = tones()
        colour = t.text
        problem = self._service.trust_problem()
        if problem:
            text, colour = problem, t.alert
        elif not rows:
            text = "No files yet. Drop signed scorecards (PDF) or folders here."
            colour = t.muted
        elif pending:
            text = f"Checking {pending} of {len(rows)} file{'s' if len(rows) != 1 else ''}…"
            colour = t.muted
        elif len(names) > 1:
            shown = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
            text = (f"The verified cards are for {len(names)} candidates ({shown}); a packet is "
                    "for one candidate. Remove the others, or merge them with "
                    "`scorer merge --per-candidate`.")
            colour = t.alert
        elif not verified:
            text = "No verified scorecard yet: nothing to merge."
            colour = t.alert
        else:
            text = (f"{len(verified)} verified card{'s' if len(verified) != 1 else ''} for "
                    f"{names[0]}")
            if rejected:
                text += (f" · {rejected} rejected (listed in the packet, not counted)")
                colour = t.warn
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {css(colour)};")
        busy = self._jobs > 0
        self.build_button.setEnabled(bool(verified) and len(names) == 1 and not pending
                                     and not busy)
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows())
                                      and not self._building)
        self.clear_button.setEnabled(bool(rows) and not busy)

    def done(self, result: int) -> None:
        # A check in flight finishes in the background (each file is bounded in time);
        # nothing waits for it here.
        self._executor.shutdown(wait=False, cancel_futures=True)
        for signal in (self._relay.expanded, self._relay.checked, self._relay.check_done,
                       self._relay.built, self._relay.failed):
            signal.disconnect()
        super().done(result)

"""Merge: verified scorecards into signed panel packets, one per candidate, and the cohort report.

Add files or a folder, or drop them in; each file is verified as it arrives (in a
worker thread, which hands the files to the merge's checking processes). The
candidates table shows each candidate's interview kinds as their packet will
(present, missing, not submitted, rejected: the service's desk); the files table
shows every distinct file, problems first, and the details pane one file or one
candidate in full. Build makes the chosen candidate's packet, the selected
candidates' packets, or all of them and the cohort report, in the worker thread
with progress; Cancel stops it before anything is written.

The dialog gets its service through the constructor (`MergeService`, or anything
with the same methods) and closes nothing it did not make.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.services.merge.build import default_packet_name
from scorer.services.merge.results import MergeCancelled
from scorer.ui.merge_build_bar import BuildBar
from scorer.ui.merge_candidates_model import CandidatesModel
from scorer.ui.merge_details import candidate_details, desk_summary, file_details
from scorer.ui.merge_files_filter import MergeFilesFilter
from scorer.ui.merge_model import MergeInputsModel
from scorer.ui.merge_port import MergeDialogService, MergeRelay, desk_of
from scorer.ui.merge_tables import FilesTable, item_table
from scorer.ui.theme import css, tones

if TYPE_CHECKING:
    from scorer.services.merge import CheckedInput, CohortResult, PacketResult
    from scorer.services.merge.desk import CandidateDesk, Desk

log = logging.getLogger(__name__)


class MergeDialog(QDialog):
    def __init__(self, service: MergeDialogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge scorecards into panel packets")
        self.setMinimumSize(900, 560)
        self.setAcceptDrops(True)
        self._service = service
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="merge")
        self._jobs = 0  # submitted and not finished
        self._cancel: threading.Event | None = None  # the build in progress
        self._desk: Desk | None = None
        self._desk_problem = ""
        self._relay = MergeRelay()
        self._relay.expanded.connect(self._on_expanded)
        self._relay.checked.connect(self._on_checked)
        self._relay.check_done.connect(self._on_job_done)
        self._relay.progress.connect(self._on_progress)
        self._relay.built.connect(self._on_built)
        self._relay.built_all.connect(self._on_built_all)
        self._relay.failed.connect(self._on_failed)
        self._desk_timer = QTimer(self)
        self._desk_timer.setSingleShot(True)
        self._desk_timer.setInterval(60)
        self._desk_timer.timeout.connect(self._compute_desk)
        # The desk is computed off the GUI thread: a few milliseconds a card add up.
        self._desk_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="merge-desk")
        self._desk_asked = 0  # changes to the files so far
        self._desk_done = 0  # the change the candidates table shows
        self._relay.desk.connect(self._on_desk)

        intro = QLabel(
            "Add the panel's signed scorecards: files, folders, or drop them here. Each is "
            f"verified against the trust folder {service.trust_folder}; only verified cards "
            "count, and each packet lists the others. Select candidates to build their "
            "packets, or build all of them and the cohort report."
        )
        intro.setWordWrap(True)
        self.add_files_button = QPushButton("Add &files…")
        self.add_folder_button = QPushButton("Add f&older…")
        self.remove_button = QPushButton("&Remove")
        self.clear_button = QPushButton("C&lear")
        self.problems_only = QCheckBox("&Problems only")
        self.problems_only.setToolTip("Show only the rejected files, and the candidates with "
                                      "an interview not present or a rejected file")
        self.add_files_button.clicked.connect(self._ask_files)
        self.add_folder_button.clicked.connect(self._ask_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.clear_button.clicked.connect(self._clear)
        self.problems_only.toggled.connect(self._on_problems_only)
        tools = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button,
                       self.clear_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.problems_only)

        self.candidates_model = CandidatesModel()
        self.candidates = item_table(self.candidates_model)
        self.candidates.setToolTip("Each candidate's interviews as their packet will have "
                                   "them; select some to build their packets")
        self.candidates.selectionModel().selectionChanged.connect(
            lambda *_: self._on_candidates_selected())

        self.model = MergeInputsModel()
        self.files = MergeFilesFilter()
        self.files.setSourceModel(self.model)
        self.table = FilesTable()
        item_table(self.files, self.table)
        self.table.setWordWrap(True)  # the whole reason, on as many lines as it takes
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in enumerate((150, 118, 130, 170, 120)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_file_selected())
        self.table.delete_pressed.connect(self._remove_selected)

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setPlaceholderText("Select a file or a candidate to see it in full.")
        self.details.setTabChangesFocus(True)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.table)
        lower.addWidget(self.details)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.candidates)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = BuildBar()
        self.build_button = self.bar.build_button
        self.build_all_button = self.bar.build_all_button
        self.cancel_button = self.bar.cancel_button
        self.open_button = self.bar.open_button
        self.result_label = self.bar.result_label
        self.build_button.clicked.connect(self._ask_target)
        self.build_all_button.clicked.connect(self._ask_folder_for_all)
        self.cancel_button.clicked.connect(self.cancel_build)
        self.bar.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
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

        def check() -> None:
            self._service.check(targets, lambda i, c: relay.checked.emit(keys[i], c))

        self._submit_guarded(check, "checking the inputs", "Checking the files failed")

    @property
    def busy(self) -> bool:
        """Files are being listed or checked, or packets built."""
        return self._jobs > 0

    @property
    def building(self) -> bool:
        return self._cancel is not None

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
        if self.building:
            return
        rows = [self.files.mapToSource(index).row()
                for index in self.table.selectionModel().selectedRows()]
        self.model.remove(rows)
        self._desk_stale()
        self._refresh()

    def _clear(self) -> None:
        self.model.clear()
        self.bar.clear()
        self._desk_stale()
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

    # -- the desk: candidates, selection, details ---------------------------------------------

    def _desk_stale(self) -> None:
        """The files changed: the candidates follow shortly (debounced, off the GUI thread)."""
        self._desk_asked += 1
        self._desk_timer.start()
        self._refresh()

    @property
    def desk_current(self) -> bool:
        """The candidates table shows the files as they are."""
        return self._desk_done == self._desk_asked

    def _compute_desk(self) -> None:
        generation, checked = self._desk_asked, self.model.checked()
        relay, service = self._relay, self._service

        def job() -> None:
            relay.desk.emit(generation, *desk_of(service, checked))

        self._desk_executor.submit(job)

    def _on_desk(self, generation: int, desk: Desk | None, problem: str) -> None:
        if generation == self._desk_asked:  # else a newer one is on its way
            self._apply_desk(desk, problem)
            self._desk_done = generation
            self._refresh()

    def _settle_desk(self) -> None:
        """The desk as the files are now, before a build uses it."""
        if not self.desk_current:
            self._desk_timer.stop()
            self._apply_desk(*desk_of(self._service, self.model.checked()))
            self._desk_done = self._desk_asked

    def _apply_desk(self, desk: Desk | None, problem: str) -> None:
        selected = set(self.selected_keys())
        self._desk, self._desk_problem = desk, problem
        if desk is not None:
            self.candidates_model.set_desk(desk)
            self._hide_settled_candidates()
            for key in selected:  # the selection survives new files
                number = self.candidates_model.number_of(key)
                if number is not None:
                    self.candidates.selectionModel().select(
                        self.candidates_model.index(number, 0),
                        QItemSelectionModel.SelectionFlag.Select
                        | QItemSelectionModel.SelectionFlag.Rows)
            header = self.candidates.horizontalHeader()
            header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        self._on_candidates_selected()

    def selected_keys(self) -> list[str]:
        rows = sorted(i.row() for i in self.candidates.selectionModel().selectedRows())
        # A row hidden by "Problems only" is not built, even if Select All took it.
        return [self.candidates_model.row(n).key for n in rows
                if n < len(self.candidates_model.rows) and not self.candidates.isRowHidden(n)]

    def chosen(self) -> list[CandidateDesk]:
        """The candidates a build makes packets for: the selected ones, or the only one."""
        rows = self.candidates_model.rows
        keys = self.selected_keys()
        if keys:
            return [r for r in rows if r.key in keys]
        return list(rows) if len(rows) == 1 else []

    def _on_candidates_selected(self) -> None:
        keys = self.selected_keys()
        desk = self._desk
        if keys and desk is not None:
            paths = {p for key in keys for item in (*desk.by_key[key].cards,
                                                   *desk.by_key[key].rejected)
                     for p in self._paths_of(item.path)}
            self.files.set_paths(paths)
        else:
            self.files.set_paths(None)
        if len(keys) == 1 and desk is not None:
            self.details.setPlainText(candidate_details(desk.by_key[keys[0]]))
        elif not self.table.selectionModel().selectedRows():
            self.details.clear()
        self._refresh()

    def _paths_of(self, path: Path) -> list[Path]:
        row = next((r for r in self.model.rows if r.path == path), None)
        return row.paths if row is not None else [path]

    def _on_file_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) == 1:
            row = self.model.row(self.files.mapToSource(rows[0]).row())
            self.details.setPlainText(file_details(row))
        self._refresh()

    def _on_problems_only(self, on: bool) -> None:
        self.files.set_problems_only(on)
        self._hide_settled_candidates()
        self._on_candidates_selected()

    def _hide_settled_candidates(self) -> None:
        only = self.problems_only.isChecked()
        for number, row in enumerate(self.candidates_model.rows):
            self.candidates.setRowHidden(number, only and not row.problems)

    # -- building -----------------------------------------------------------------------------

    def default_target(self) -> Path:
        chosen = self.chosen()
        rows = self.model.rows
        folder = rows[0].path.parent if rows else Path.home()
        return folder / default_packet_name(chosen[0].name if chosen else "panel")

    def _ask_target(self) -> None:
        chosen = self.chosen()
        if len(chosen) > 1:
            folder = QFileDialog.getExistingDirectory(
                self, f"Save {len(chosen)} packets in a folder", str(self._default_folder()))
            if folder:
                self.build_selected(Path(folder))
            return
        picked, _ = QFileDialog.getSaveFileName(self, "Save the panel packet",
                                                str(self.default_target()),
                                                "PDF files (*.pdf)")
        if picked:
            target = Path(picked)
            self.build(target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf"))

    def _ask_folder_for_all(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Save every packet and the cohort report in a folder",
            str(self._default_folder()))
        if folder:
            self.build_all(Path(folder))

    def _default_folder(self) -> Path:
        """The folder every input is under (the inbox the panel's cards were saved in)."""
        folders = {r.path.parent for r in self.model.rows}
        if not folders:
            return Path.home()
        try:
            return Path(os.path.commonpath([str(f) for f in folders]))
        except ValueError:  # on different drives
            return self.model.rows[0].path.parent

    def build(self, target: Path) -> None:
        """The chosen candidate's packet at `target` (with one candidate: every input)."""
        self._settle_desk()
        chosen = self.chosen()
        if len(chosen) == 1:
            one = chosen[0]
            checked: list[CheckedInput] = [*one.cards, *one.rejected]
        else:
            checked = self.model.checked()
        cancel = self._start_build(f"Building {target.name}…")
        relay = self._relay
        self._submit_guarded(
            lambda: relay.built.emit(self._service.build_packet(checked, target,
                                                                cancel=cancel)),
            "building the packet", "The packet could not be built")

    def build_selected(self, folder: Path) -> None:
        """The selected candidates' packets in `folder`, without a cohort report."""
        self._settle_desk()
        keys = [c.key for c in self.chosen()]
        self._build_many(folder, keys, f"Building {len(keys)} packets in {folder}…")

    def build_all(self, folder: Path) -> None:
        """Every candidate's packet in `folder`, and for several the cohort report."""
        self._settle_desk()
        count = len(self.candidates_model.rows)
        what = "packets and the cohort report" if count > 1 else "packet"
        self._build_many(folder, None, f"Building {count} {what} in {folder}…")

    def _build_many(self, folder: Path, only: list[str] | None, text: str) -> None:
        checked = self.model.checked()
        cancel = self._start_build(text)
        relay = self._relay

        def work() -> None:
            result = self._service.build_per_candidate(
                checked, folder, only=only, on_progress=relay.progress.emit, cancel=cancel)
            relay.built_all.emit(result)

        self._submit_guarded(work, "building the packets", "The packets could not be built")

    def _start_build(self, text: str) -> threading.Event:
        self._cancel = threading.Event()
        self.bar.started(text)
        return self._cancel

    def cancel_build(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.bar.cancelling()

    # -- results ------------------------------------------------------------------------------

    def _on_checked(self, key: int, checked: CheckedInput) -> None:
        self.model.set_checked(key, checked)
        self._desk_stale()
        self._refresh()

    def _on_job_done(self) -> None:
        self._jobs -= 1
        if self._jobs == 0 and self._cancel is not None:
            self._cancel = None
            self.bar.stopped()
        self._refresh()

    def _on_progress(self, done: int, total: int) -> None:
        if self._cancel is not None and not self._cancel.is_set():
            self.bar.advanced(done, total)

    def _on_built(self, result: PacketResult) -> None:
        self._cancel = None
        self.bar.wrote_packet(result)
        self._refresh()

    def _on_built_all(self, result: CohortResult) -> None:
        self._cancel = None
        self.bar.wrote_cohort(result)
        self._refresh()

    def _on_failed(self, message: str) -> None:
        cancelled = self._cancel is not None and self._cancel.is_set()
        self._cancel = None
        if cancelled and message == MergeCancelled().message:
            self.bar.show_cancelled(message)
        else:
            self.bar.show_error(message)
        self._refresh()

    def _refresh(self) -> None:
        rows = self.model.rows
        pending = self.model.pending()
        desk = self._desk
        t = tones()
        colour = t.text
        problem = self._service.trust_problem() or self._desk_problem
        candidates = desk.candidates if desk is not None else ()
        if problem:
            text, colour = problem, t.alert
        elif not rows:
            text = "No files yet. Drop signed scorecards (PDF) or folders here."
            colour = t.muted
        elif pending:
            text = f"Checking {pending} of {len(rows)} file{'s' if len(rows) != 1 else ''}…"
            colour = t.muted
        elif desk is None or not candidates:
            text = "No verified scorecard yet: nothing to merge."
            colour = t.alert
        else:
            text, colour = desk_summary(desk, self.model.copies()), t.text
            if desk.rejected or any(c.problems for c in candidates):
                colour = t.warn
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {css(colour)};")
        busy = self._jobs > 0
        ready = (bool(candidates) and not pending and not busy and not problem
                 and self.desk_current)
        chosen = self.chosen()
        self.build_button.setText(f"&Build {len(chosen)} packets…" if len(chosen) > 1
                                  else "&Build packet…")
        self.build_button.setEnabled(ready and bool(chosen))
        self.build_button.setToolTip("" if chosen or not candidates else
                                     "Select the candidates whose packets to build")
        many = len(candidates) > 1
        self.build_all_button.setText("Build &all and the cohort report…" if many
                                      else "Build &all…")
        self.build_all_button.setEnabled(ready)
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows())
                                      and not self.building)
        self.clear_button.setEnabled(bool(rows) and not busy)

    def done(self, result: int) -> None:
        # A check in flight finishes in the background (each file is bounded in time); a
        # build is cancelled. Nothing waits for either here.
        if self._cancel is not None:
            self._cancel.set()
        self._desk_timer.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._desk_executor.shutdown(wait=False, cancel_futures=True)
        for signal in (self._relay.expanded, self._relay.checked, self._relay.check_done,
                       self._relay.progress, self._relay.built, self._relay.built_all,
                       self._relay.failed, self._relay.desk):
            signal.disconnect()
        super().done(result)



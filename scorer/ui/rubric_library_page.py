"""The rubric library: each rubric file with its validity and an outline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scorer.services.rubric_library import RubricLibrary
from scorer.ui.rubric_table_model import RubricTableModel


class RubricLibraryPage(QWidget):
    def __init__(self, library: RubricLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = RubricTableModel(library.loads)

        self.table = QTableView()
        self.table.setModel(self._model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)

        self.details = QPlainTextEdit(readOnly=True)
        folder = str(library.folder) if library.folder else ""
        heading = QLabel(f"<b>Rubric library</b> &nbsp; <span>{folder}</span>")
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([500, 200])

        valid = len(library.rubrics)
        self.status = QLabel(f"{valid} of {len(library.loads)} rubric files valid")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter)
        layout.addWidget(self.status)
        if library.loads:
            self.table.selectRow(0)

    def _on_row_changed(self, current: object, _previous: object) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        load = self._model.load_at(row)
        if load.rubric is None:
            self.details.setPlainText("\n".join(str(d) for d in load.diagnostics))
            return
        rubric = load.rubric
        lines = [f"{rubric.title}  ({rubric.id}, version {rubric.version})", ""]
        lines += [f"Agenda: {s.minutes:>3} min  {s.title}" for s in rubric.agenda]
        lines.append("")
        lines += [f"Dimension: {d.name} (weight {d.weight:g})" for d in rubric.dimensions]
        self.details.setPlainText("\n".join(lines))

"""The interview's rules as the interviewer reads them before and during the call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from scorer.domain.rubric import Rubric, SharedToolKind
from scorer.ui.prose import escape_text

_TOOL_NAMES = {
    SharedToolKind.SSH_INSTANCE: "SSH instance",
    SharedToolKind.SHARED_NOTEPAD: "shared notepad",
}


def rules_rows(rubric: Rubric) -> list[tuple[str, str]]:
    """(heading, html) rows: what the candidate may use, the tool, what never happens."""
    rules = rubric.rules
    tool = rubric.shared_tool
    rows = [
        ("Candidate may use",
         "; ".join(escape_text(x) for x in rules.candidate_may_use) or "nothing: closed book"),
        ("Not allowed", "; ".join(escape_text(x) for x in rules.candidate_may_not_use) or "—"),
        ("Screen share", "the candidate shares their screen" if rules.screen_share else "no"),
        ("Shared tool",
         f"<b>{escape_text(tool.name)}</b> ({_TOOL_NAMES[tool.kind]})"
         + (f"<br>{escape_text(tool.details)}" if tool.details else "")),
        ("Never", "language models, in any interview; a discussion of the candidate's research"),
    ]
    if rules.notes:
        rows.append(("Notes", "<br>".join(f"• {escape_text(n)}" for n in rules.notes)))
    return rows


def rules_line(rubric: Rubric, section_id: str | None = None) -> str:
    """The rules in one line, for the live view's header: those of `section_id` when given."""
    section = rubric.section(section_id)
    rules = rubric.rules_in(section_id)
    may = "; ".join(rules.candidate_may_use) or "nothing (closed book)"
    where = f"{section.title}: " if section is not None else ""
    line = f"{where}Candidate may use: {may}"
    if section is not None and section.rules is not None and rules.candidate_may_not_use:
        line += f" · Not allowed: {'; '.join(rules.candidate_may_not_use)}"
    return line + " · No language models · No research discussion"


def section_rules_html(rubric: Rubric, section_id: str) -> str:
    """A section's own rules, for the agenda before the start; empty when it has none."""
    section = rubric.section(section_id)
    if section is None or section.rules is None:
        return ""
    may = "; ".join(escape_text(x) for x in section.rules.candidate_may_use)
    text = f"Candidate may use: {may}" if may else "Closed book: the candidate may use nothing"
    if section.rules.candidate_may_not_use:
        text += ". Not allowed: " + "; ".join(
            escape_text(x) for x in section.rules.candidate_may_not_use
        )
    return f"<b>Rules in this section:</b> {text}."


class RulesView(QWidget):
    def __init__(self, rubric: Rubric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setColumnStretch(1, 1)
        for row, (heading, html) in enumerate(rules_rows(rubric)):
            key = QLabel(f"<b>{heading}</b>")
            key.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value = QLabel(html)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.setOpenExternalLinks(True)
            grid.addWidget(key, row, 0)
            grid.addWidget(value, row, 1)

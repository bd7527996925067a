"""The keyboard shortcuts of the live view, listed once for binding and for the help overlay."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shortcut:
    keys: str
    action: str  # the LiveView method it calls
    help: str


LIVE_SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("Ctrl+Down", "next_question", "Next question (it becomes the current one)"),
    Shortcut("Ctrl+Up", "previous_question", "Previous question"),
    Shortcut("Ctrl+Return", "mark_asked", "Mark the selected question asked (stamps the time)"),
    Shortcut("Ctrl+Shift+Return", "mark_skipped", "Mark the selected question skipped"),
    Shortcut("Ctrl+Shift+A", "add_adhoc", "Add an ad-hoc question"),
    Shortcut("Ctrl+PgDown", "next_dimension", "Next rubric dimension"),
    Shortcut("Ctrl+PgUp", "previous_dimension", "Previous rubric dimension"),
    Shortcut("Ctrl+T", "insert_time", "Insert the elapsed time, e.g. [23:10], into the note"),
    Shortcut("Ctrl+L", "focus_notes", "Go to the general notes"),
    Shortcut("Ctrl+P", "toggle_pause", "Pause or resume the clock"),
    Shortcut("Ctrl+Shift+E", "end_and_submit", "End the interview and check the scorecard"),
)
SCORE_KEYS = "Alt+{n}"  # Alt+1 … Alt+9: score the focused dimension at level n
SCORE_HELP = ("Alt+1 … Alt+9", "Score the focused dimension at that level")

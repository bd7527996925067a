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
    Shortcut("Ctrl+PgDown", "next_dimension", "Next rubric dimension (the one Alt+digit scores)"),
    Shortcut("Ctrl+PgUp", "previous_dimension", "Previous rubric dimension"),
    Shortcut("Ctrl+T", "insert_time", "Insert the elapsed time, e.g. [23:10], into the note"),
    Shortcut("Ctrl+L", "focus_notes", "Go to the general notes"),
    Shortcut("Ctrl+P", "toggle_pause", "Pause or resume the clock; resumes an ended interview"),
    Shortcut("Ctrl+Shift+E", "check_and_submit",
             "Check the scorecard and submit it (ends nothing)"),
    Shortcut("Ctrl+Shift+X", "end_interview",
             "End the interview: stops the clock, after you confirm"),
)
SCORE_KEYS = "Alt+{n}"  # Alt+1 … Alt+9: score the current dimension at level n
SCORE_HELP = ("Alt+1 … Alt+9", "Score the current dimension at that level, even while typing")
START_KEYS = "Ctrl+Return"
START_HELP = (START_KEYS, "Before the start: start the interview clock")

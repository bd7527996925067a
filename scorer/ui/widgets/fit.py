"""Growing a dialog to its content once a wrapped message appears in it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def grow_to_fit(window: QWidget) -> None:
    """Taller (never narrower) until every wrapped label has the lines it needs."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width()
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height(), window.sizeHint().height())
    if needed > window.height():
        window.resize(width, needed)

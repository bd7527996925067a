"""The About box's text: the version of Scorer, of Python, of the Qt running it and of the
key libraries."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import qVersion

from scorer import __version__
from scorer.paths import APP_NAME
from scorer.versions import runtime_versions


def about_text() -> str:
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;{escape(number)}</td></tr>"
        for name, number in [*runtime_versions(), ("Qt (running)", qVersion())]
    )
    return (f"<b>{APP_NAME} {__version__}</b><br>"
            "Structured technical interviews: live scoring, signed scorecards, panel merge."
            f"<p>Versions:</p><table>{rows}</table>")

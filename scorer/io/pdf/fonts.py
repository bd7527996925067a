"""The scorecard's font: DejaVu Sans, shipped in `resources/fonts/` and embedded (subset).

The standard PDF fonts cover Latin-1 only; DejaVu renders names such as
"Łukasz Øster-Müller" and the arrows and dots the layout uses. Registration
parses the TrueType files once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from scorer.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def font_path(name: str) -> Path:
    return resource(f"fonts/{name}.ttf")


@cache
def register_fonts() -> tuple[str, str]:
    """Register the fonts with reportlab (once) and return (regular, bold) names."""
    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    # <b> in Paragraph markup maps to the bold face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD

"""The visible signature stamp, drawn with reportlab in the scorecard's Unicode font.

pyHanko's own text stamps use a standard PDF font, which cannot show names such
as "Łukasz". So the stamp is drawn here, as a form XObject of the scorecard itself
(named `STAMP_FORM`) referenced from the last page; `signatures.sign` makes it the
appearance of the signature field that covers the reserved box. It shares the document's
embedded font, and nothing has to be imported at signing time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scorer.io.pdf.fonts import BOLD, REGULAR, register_fonts
from scorer.io.pdf.style import ACCENT, BAND, INK, MUTED, PANEL, fit_line, when

STAMP_FORM = "ScorerSignatureStamp"


def draw_stamp(canvas: Any, name: str, email: str, signed_at: datetime, width: float,
               height: float) -> None:
    """Define the stamp form (origin at the box's lower left) and reference it from the page."""
    register_fonts()
    canvas.beginForm(STAMP_FORM, 0, 0, width, height)
    canvas.setFillColor(PANEL)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1)
    canvas.roundRect(0.5, 0.5, width - 1, height - 1, 3, stroke=1, fill=1)
    canvas.setFillColor(ACCENT)
    canvas.rect(0.5, 0.5, 3, height - 1, stroke=0, fill=1)
    inner = width - 14
    canvas.setFillColor(MUTED)
    canvas.setFont(BOLD, 6.2)
    canvas.drawString(10, height - 11, "DIGITALLY SIGNED BY")
    canvas.setFillColor(BAND)
    canvas.setFont(BOLD, 10.5)
    canvas.drawString(10, height - 24, fit_line(name, BOLD, 10.5, inner))
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 7.2)
    canvas.drawString(10, height - 34, fit_line(email, REGULAR, 7.2, inner))
    canvas.setFillColor(MUTED)
    canvas.drawString(10, height - 44, fit_line(f"Date: {when(signed_at)}", REGULAR, 7.2, inner))
    canvas.drawString(10, 6, "PAdES · ECDSA P-256 · SHA-256")
    canvas.endForm()
    # Use the form under an empty clip: it joins the page's resources, where the signer
    # finds it, but only the signature field shows it (no double stamp in viewers).
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(0, 0, 0, 0)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.doForm(STAMP_FORM)
    canvas.restoreState()

"""The visible signature stamp, drawn with reportlab in the scorecard's Unicode font.

pyHanko's own text stamps use a standard PDF font, which cannot show names such
as "Łukasz"; so the stamp is rendered here as a one-page PDF of the stamp's size,
and `pdf_signing` imports that page as the signature field's appearance.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from scorer.io.pdf_fonts import BOLD, REGULAR, register_fonts
from scorer.io.scorecard_pdf_page import _fit
from scorer.io.scorecard_pdf_style import ACCENT, BAND, INK, MUTED, PANEL, when


def render_stamp(name: str, email: str, signed_at: datetime, width: float, height: float) -> bytes:
    register_fonts()
    out = BytesIO()
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1)
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
    canvas.drawString(10, height - 24, _fit(name, BOLD, 10.5, inner))
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 7.2)
    canvas.drawString(10, height - 34, _fit(email, REGULAR, 7.2, inner))
    canvas.setFillColor(MUTED)
    canvas.drawString(10, height - 44, _fit(f"Date: {when(signed_at)}", REGULAR, 7.2, inner))
    canvas.drawString(10, 6, "PAdES · ECDSA P-256 · SHA-256")
    canvas.showPage()
    canvas.save()
    return out.getvalue()

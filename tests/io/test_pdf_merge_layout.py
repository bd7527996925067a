"""The packet's text pieces: no-break spaces hold, a table row keeps one baseline."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate, Table

from scorer.io.pdf.report_page import para, pct
from scorer.io.pdf.style import HIRE


def test_a_percentage_is_never_broken_from_its_sign() -> None:
    block = para(f"Interviews range {pct(0.18)}–{pct(0.51)}, SD 13 points.", "muted")
    for width in range(60, 240, 3):  # wider than the longest unbreakable run
        block.wrap(width, 1000)
        lines = block._lines
        assert all(not line.endswith(("18", "51")) for line in lines), (width, lines)
        assert not any(line.startswith("%") for line in lines), (width, lines)


def test_cells_of_one_row_share_a_baseline() -> None:
    row = [para("Plain", "cell"), para("Hire", "cell_bold", colour=HIRE),
           para("42", "num"), para("Right", "num_bold", colour=HIRE)]
    out = BytesIO()
    SimpleDocTemplate(out).build([Table([row])])
    baselines: dict[str, float] = {}

    def visit(text: str, cm: object, tm: list[float], *_: object) -> None:
        if text.strip():
            baselines[text.strip()] = round(tm[5], 2)

    PdfReader(out).pages[0].extract_text(visitor_text=visit)
    assert set(baselines) == {"Plain", "Hire", "42", "Right"}
    assert len(set(baselines.values())) == 1, baselines

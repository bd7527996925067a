"""A Sketch sets the canvas' state only when a shape needs another one, and always the
state that shape needs: its dash, width, colour and opacity."""

from __future__ import annotations

import re
from io import BytesIO

from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from scorer.io.pdf.fonts import REGULAR, register_fonts
from scorer.io.pdf.sketch import Sketch

RED = colors.Color(1, 0, 0)
BLUE = colors.Color(0, 0, 1)


def _content(sketch: Sketch) -> str:
    register_fonts()
    out = BytesIO()
    canvas = Canvas(out, pageCompression=0)
    sketch.drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    page = PdfReader(BytesIO(out.getvalue())).pages[0]
    return page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]


def test_a_dash_holds_for_its_line_only() -> None:
    sketch = Sketch(100, 100)
    sketch.line(0, 0, 10, 10, RED, 1.2, dash=(3, 2))
    sketch.line(0, 10, 10, 20, RED, 1.2)
    sketch.line(0, 20, 10, 30, RED, 1.2)
    ops = _content(sketch)
    dashed = ops.index("[3 2] 0 d")
    solid = ops.index("[] 0 d")
    lines = [m.start() for m in re.finditer(r" l S", ops)]
    assert dashed < lines[0] < solid < lines[1] < lines[2]
    assert ops.count(" d") == 2  # the third line needs nothing new


def test_colour_width_and_font_are_set_once_while_they_hold() -> None:
    sketch = Sketch(100, 100)
    for n in range(3):
        sketch.line(0, n, 10, n, BLUE, 0.6)
        sketch.string(0, 50 + n, f"label {n}", REGULAR, 7, BLUE)
    ops = _content(sketch)
    assert ops.count("0 0 1 RG") == 1 and ops.count("0 0 1 rg") == 1
    assert ops.count(".6 w") == 1
    assert len(re.findall(r"/F\d+(\+0)? 7 Tf", ops)) == 3  # each string is its own text object


def test_a_translucent_fill_does_not_leak_into_the_next_shape() -> None:
    sketch = Sketch(100, 100)
    sketch.polygon([0, 0, 10, 0, 5, 8], BLUE, 1.0, colors.Color(0, 0, 1, alpha=0.22))
    sketch.rect(20, 20, 5, 5, RED)
    ops = _content(sketch)
    states = [m.start() for m in re.finditer(r"/\w+ gs", ops)]
    assert len(states) == 2  # the polygon's opacity, then back to opaque for the rectangle
    assert states[0] < ops.index("B*") < states[1] < ops.index("re f")

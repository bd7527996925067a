"""The radar chart of a scorecard's dimensions, drawn with reportlab graphics.

A score `s` on a scale `lo..hi` sits at radius `(s - lo + 1) / (hi - lo + 1)`, so
the lowest level is a small ring rather than the centre and every level has its
own labelled ring. When the dimensions use different scales the rings are
labelled in percent of the scale instead.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors

from scorer.io.pdf_fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1f2933")
GRID = colors.HexColor("#c5ccd6")
FILL = colors.HexColor("#2f6fb2")
MUTED = colors.HexColor("#7b8794")


@dataclass(frozen=True, slots=True)
class Axis:
    label: str
    score: int | None
    low: int
    high: int


def radar(axes: Sequence[Axis], width: float, height: float) -> Drawing | None:
    """The chart, or None when fewer than three dimensions make a radar meaningless."""
    if len(axes) < 3:
        return None
    register_fonts()
    drawing = Drawing(width, height)
    cx, cy = width / 2, height / 2 - 2
    radius = min(width * 0.26, height / 2 - 30)
    scales = {(a.low, a.high) for a in axes}
    shared = next(iter(scales)) if len(scales) == 1 else None
    steps = (shared[1] - shared[0] + 1) if shared else 4
    angles = [math.pi / 2 - 2 * math.pi * i / len(axes) for i in range(len(axes))]

    for step in range(1, steps + 1):
        r = radius * step / steps
        ring = [c for a in angles for c in (cx + r * math.cos(a), cy + r * math.sin(a))]
        drawing.add(Polygon(ring, strokeColor=GRID, strokeWidth=0.6, fillColor=None))
        label = str(shared[0] + step - 1) if shared else f"{round(100 * step / steps)} %"
        # Ring labels sit just right of the upward axis, where no data label goes.
        drawing.add(String(cx + 3, cy + r + 1.5, label, fontName=REGULAR, fontSize=6.5,
                           fillColor=MUTED))
    for a in angles:
        drawing.add(Line(cx, cy, cx + radius * math.cos(a), cy + radius * math.sin(a),
                         strokeColor=GRID, strokeWidth=0.6))

    points: list[float] = []
    for axis, a in zip(axes, angles, strict=True):
        r = 0.0
        if axis.score is not None and axis.high >= axis.low:
            r = radius * (axis.score - axis.low + 1) / (axis.high - axis.low + 1)
        points += [cx + r * math.cos(a), cy + r * math.sin(a)]
    drawing.add(Polygon(points, strokeColor=FILL, strokeWidth=1.4,
                        fillColor=colors.Color(FILL.red, FILL.green, FILL.blue, alpha=0.22)))
    for i, axis in enumerate(axes):
        x, y = points[2 * i], points[2 * i + 1]
        scored = axis.score is not None
        drawing.add(Circle(x, y, 2.2, strokeColor=FILL, strokeWidth=1,
                           fillColor=FILL if scored else colors.white))

    for axis, a in zip(axes, angles, strict=True):
        _axis_label(drawing, axis, a, cx, cy, radius + 8)
    return drawing


def _axis_label(drawing: Drawing, axis: Axis, angle: float, cx: float, cy: float,
                r: float) -> None:
    dx, dy = math.cos(angle), math.sin(angle)
    anchor = "middle" if abs(dx) < 0.3 else ("start" if dx > 0 else "end")
    lines = textwrap.wrap(axis.label, 16) or [axis.label]
    score = "not scored" if axis.score is None else f"{axis.score} / {axis.high}"
    size, leading = 7.0, 8.5
    block = len(lines) + 1
    x = cx + r * dx
    # Above the chart the block grows upwards, below it downwards, at the sides centred.
    if dy > 0.3:
        top = cy + r * dy + block * leading - 2
    elif dy < -0.3:
        top = cy + r * dy - 4
    else:
        top = cy + r * dy + block * leading / 2 - 2
    for i, line in enumerate(lines):
        drawing.add(String(x, top - i * leading, line, fontName=REGULAR, fontSize=size,
                           fillColor=INK, textAnchor=anchor))
    drawing.add(String(x, top - len(lines) * leading, score, fontName=BOLD, fontSize=size,
                       fillColor=FILL if axis.score is not None else MUTED, textAnchor=anchor))

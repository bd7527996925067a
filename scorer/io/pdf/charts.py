"""Charts of the panel packet and the cohort report, drawn as `Sketch`es.

- `score_bars`: each interview's weighted score as a bar on 0–100 %, coloured by
  its recommendation, with the overall score as a dashed line.
- `competency_dots`: each shared competency on its level scale, one dot per
  interview, the gap drawn in red when it is two or more levels.
- `distribution_strips`: per interviewer, every card's weighted score as a dot,
  with the mean and one standard deviation either side.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors

from scorer.io.pdf.fonts import BOLD, REGULAR, register_fonts
from scorer.io.pdf.sketch import Sketch
from scorer.io.pdf.style import (
    ACCENT,
    HIRE,
    INK,
    MUTED,
    NEUTRAL,
    NO_HIRE,
    RULE,
    fit_line,
)

GRID = colors.HexColor("#e4e8ee")
TRACK = colors.HexColor("#eef2f6")
WARN = colors.HexColor("#b7791f")


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    sublabel: str
    fraction: float | None
    hire: bool | None  # None: no recommendation


@dataclass(frozen=True, slots=True)
class Dot:
    label: str  # who gave it (short)
    score: int
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class DotRow:
    label: str
    dots: tuple[Dot, ...]
    flagged: bool


@dataclass(frozen=True, slots=True)
class Strip:
    label: str
    scores: tuple[float, ...]
    mean: float | None
    sd: float | None


def _colour(hire: bool | None) -> colors.Color:
    return NEUTRAL if hire is None else (HIRE if hire else NO_HIRE)


def _axis(sketch: Sketch, x0: float, x1: float, y0: float, y1: float, ticks: Sequence[float],
          labels: Sequence[str]) -> None:
    for tick, label in zip(ticks, labels, strict=True):
        x = x0 + (x1 - x0) * tick
        sketch.line(x, y0, x, y1, GRID, 0.6)
        sketch.string(x, y0 - 9, label, REGULAR, 6.5, MUTED, "middle")


def score_bars(bars: Sequence[Bar], overall: float | None, width: float,
               partial: bool = False) -> Sketch:
    register_fonts()
    row, label_w, top_pad, bottom_pad = 23.0, min(width * 0.48, 230.0), 16.0, 16.0
    height = top_pad + bottom_pad + row * max(len(bars), 1)
    sketch = Sketch(width, height)
    x0, x1 = label_w, width - 26
    y_top = height - top_pad
    _axis(sketch, x0, x1, bottom_pad, y_top, [0, 0.25, 0.5, 0.75, 1.0],
          ["0", "25", "50", "75", "100 %"])
    for i, bar in enumerate(bars):
        y = y_top - (i + 1) * row + 6
        sketch.string(0, y + 8, fit_line(bar.label, BOLD, 7.2, label_w - 6), BOLD, 7.2, INK)
        sketch.string(0, y - 1, fit_line(bar.sublabel, REGULAR, 6.8, label_w - 6), REGULAR, 6.8,
                      MUTED)
        sketch.rect(x0, y, x1 - x0, 12, TRACK)
        if bar.fraction is None:
            sketch.string(x0 + 4, y + 3, "not scored", REGULAR, 7, MUTED)
            continue
        w = max(1.5, (x1 - x0) * bar.fraction)
        sketch.rect(x0, y, w, 12, _colour(bar.hire))
        sketch.string(x0 + w + 3, y + 3, f"{round(bar.fraction * 100)} %", BOLD, 7, INK)
    if overall is not None:
        x = x0 + (x1 - x0) * overall
        sketch.line(x, bottom_pad - 2, x, y_top + 4, ACCENT, 1.2, dash=(3, 2))
        label = f"overall {round(overall * 100)} %" + (" (partial)" if partial else "")
        sketch.string(x, y_top + 6, label, BOLD, 7, ACCENT, "middle")
    return sketch


def competency_dots(rows: Sequence[DotRow], width: float) -> Sketch:
    register_fonts()
    row, label_w, top_pad, bottom_pad = 26.0, min(width * 0.36, 190.0), 6.0, 16.0
    height = top_pad + bottom_pad + row * max(len(rows), 1)
    sketch = Sketch(width, height)
    x0, x1 = label_w + 16, width - 12
    y_top = height - top_pad
    scales = {(d.low, d.high) for r in rows for d in r.dots}
    shared = next(iter(scales)) if len(scales) == 1 else None
    if shared is not None:
        low, high = shared
        steps = [(v - low) / ((high - low) or 1) for v in range(low, high + 1)]
        _axis(sketch, x0, x1, bottom_pad, y_top, steps, [str(v) for v in range(low, high + 1)])
    else:
        _axis(sketch, x0, x1, bottom_pad, y_top, [0, 0.5, 1], ["lowest", "middle", "highest"])
    for i, item in enumerate(rows):
        y = y_top - (i + 1) * row + row / 2
        lines = textwrap.wrap(item.label, 44)[:2] or [item.label]
        for n, line in enumerate(lines):
            sketch.string(0, y + 2 - n * 8.5 + (len(lines) - 1) * 4, line, BOLD, 7.2, INK)
        positions = [x0 + (x1 - x0) * ((d.score - d.low) / ((d.high - d.low) or 1))
                     for d in item.dots]
        colour = NO_HIRE if item.flagged else ACCENT
        if positions:
            sketch.line(min(positions), y, max(positions), y, colour,
                        2.2 if item.flagged else 1.2)
        # Interviewers on the same level share one dot and one label.
        groups: dict[int, list[str]] = {}
        for dot, x in zip(item.dots, positions, strict=True):
            groups.setdefault(round(x), []).append(dot.label)
        for x, labels in groups.items():
            sketch.circle(x, y, 3.6, colour, colors.white, 0.8)
            label = ", ".join(labels)
            anchor = "end" if x > x1 - 30 else ("start" if x < x0 + 30 else "middle")
            shift = {"end": 4.0, "start": -4.0, "middle": 0.0}[anchor]
            sketch.string(x + shift, y + 6, fit_line(label, REGULAR, 6.4, 150), REGULAR, 6.4, INK,
                          anchor)
    return sketch


def distribution_strips(strips: Sequence[Strip], width: float) -> Sketch:
    register_fonts()
    row, label_w, top_pad, bottom_pad = 22.0, width * 0.26, 8.0, 16.0
    height = top_pad + bottom_pad + row * max(len(strips), 1)
    sketch = Sketch(width, height)
    x0, x1 = label_w, width - 70
    y_top = height - top_pad
    _axis(sketch, x0, x1, bottom_pad, y_top, [0, 0.25, 0.5, 0.75, 1.0],
          ["0", "25", "50", "75", "100 %"])
    dot_fill = colors.Color(ACCENT.red, ACCENT.green, ACCENT.blue, alpha=0.45)
    for i, strip in enumerate(strips):
        y = y_top - (i + 1) * row + row / 2
        sketch.string(0, y - 2.5, fit_line(strip.label, BOLD, 7.4, label_w - 6), BOLD, 7.4, INK)
        sketch.line(x0, y, x1, y, RULE, 0.5)
        for score in strip.scores:
            sketch.circle(x0 + (x1 - x0) * score, y, 2.6, dot_fill)
        if strip.mean is not None:
            xm = x0 + (x1 - x0) * strip.mean
            if strip.sd:
                lo = x0 + (x1 - x0) * max(0.0, strip.mean - strip.sd)
                hi = x0 + (x1 - x0) * min(1.0, strip.mean + strip.sd)
                sketch.line(lo, y - 6, hi, y - 6, INK, 1)
                sketch.line(lo, y - 8, lo, y - 4, INK, 1)
                sketch.line(hi, y - 8, hi, y - 4, INK, 1)
            sketch.line(xm, y - 7, xm, y + 7, NO_HIRE, 1.6)
            sd = f" ± {round(strip.sd * 100)}" if strip.sd is not None else ""
            sketch.string(x1 + 8, y - 2.5, f"{round(strip.mean * 100)}{sd} %", BOLD, 7, INK)
    return sketch

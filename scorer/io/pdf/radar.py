"""The radar chart of a scorecard's dimensions, drawn as a `Sketch`.

A score `s` on a scale `lo..hi` sits at radius `(s - lo + 1) / (hi - lo + 1)`, so
the lowest level is a small ring rather than the centre and every level has its
own labelled ring. When the dimensions use different scales the rings are
labelled in percent of the scale instead.

Labels. Each dimension's name is wrapped to a measured width and placed outside
the ring, aligned by its axis' angle: to the right of an axis that points right,
to the left of one that points left, centred above and below. `layout` picks the
wrap width that leaves the largest ring with every label inside the drawing and
no two labels touching, and centres the whole figure. When no wrap width does
(many long names), the axes are numbered and the names go in a legend below the
chart. `layout` is plain arithmetic, so the tests check it for any set of names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from scorer.io.pdf.fonts import BOLD, REGULAR, register_fonts
from scorer.io.pdf.sketch import Sketch

INK = colors.HexColor("#1f2933")
GRID = colors.HexColor("#c5ccd6")
FILL = colors.HexColor("#2f6fb2")
MUTED = colors.HexColor("#7b8794")

SIZE = 7.0  # label font size
LEADING = 8.5
MARGIN = 8.0  # kept free inside the drawing's edges (the panel's edge, the text beside it)
GAP = 8.0  # between a ring's tip and its label
SPACING = 3.0  # kept between two labels
# Wrap widths tried, the best ring wins: labels above and below the chart may be wide,
# labels at its sides take width from the ring on both sides, so they are narrower.
WRAP_ABOVE = (170.0, 130.0, 96.0, 76.0, 60.0)
WRAP_BESIDE = (96.0, 80.0, 66.0, 56.0)
UPRIGHT = 0.25  # |cos| of an axis under which its label is centred on it
MIN_RADIUS = 38.0  # below this the chart is too small to read: number the axes instead


@dataclass(frozen=True, slots=True)
class Axis:
    label: str
    score: int | None
    low: int
    high: int

    @property
    def score_text(self) -> str:
        return "not scored" if self.score is None else f"{self.score} / {self.high}"


@dataclass(frozen=True, slots=True)
class Box:
    """One placed label: its lines (the last is the score) and its rectangle."""

    lines: tuple[str, ...]
    x0: float
    y0: float
    x1: float
    y1: float
    anchor: str  # "start", "middle" or "end": how each line is aligned

    def overlaps(self, other: Box, spacing: float = SPACING) -> bool:
        return not (self.x1 + spacing <= other.x0 or other.x1 + spacing <= self.x0
                    or self.y1 + spacing <= other.y0 or other.y1 + spacing <= self.y0)


@dataclass(frozen=True, slots=True)
class Layout:
    width: float
    height: float
    cx: float
    cy: float
    radius: float
    labels: tuple[Box, ...]
    legend: tuple[str, ...] = ()  # numbered mode: one line per legend row, top first

    @property
    def numbered(self) -> bool:
        return bool(self.legend)


# Every label's box is as wide as its widest name line or this, so one layout serves
# every card of a rubric whatever the scores: it is computed once per rubric and size.
SCORE_PLACEHOLDER = "not scored"


@lru_cache(maxsize=4096)
def _width(text: str, bold: bool = False) -> float:
    return float(stringWidth(text, BOLD if bold else REGULAR, SIZE))


@lru_cache(maxsize=1024)
def _wrapped(text: str, width: float) -> tuple[str, ...]:
    return tuple(wrap(text, width))


def wrap(text: str, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` points; a word longer than a line is cut where it must."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while _width(word, bold) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines or [text]


def _angles(count: int) -> list[float]:
    return [math.pi / 2 - 2 * math.pi * i / count for i in range(count)]


def _blocks(lines: Sequence[tuple[str, ...]]) -> list[tuple[float, float]]:
    sizes = []
    for block in lines:
        widths = [_width(line, bold=i == len(block) - 1) for i, line in enumerate(block)]
        sizes.append((max(widths), len(block) * LEADING))
    return sizes


def _place(lines: Sequence[tuple[str, ...]], sizes: Sequence[tuple[float, float]],
           angles: Sequence[float], radius: float) -> list[Box]:
    """Boxes around a centre at (0, 0): each outside its axis' tip, aligned by the angle."""
    boxes = []
    for block, (w, h), a in zip(lines, sizes, angles, strict=True):
        dx, dy = math.cos(a), math.sin(a)
        px, py = (radius + GAP) * dx, (radius + GAP) * dy
        if dx > UPRIGHT:
            anchor, x0 = "start", px
        elif dx < -UPRIGHT:
            anchor, x0 = "end", px - w
        else:
            anchor, x0 = "middle", px - w / 2
        y0 = py - h * (1 - dy) / 2  # above the chart it grows up, below it down
        boxes.append(Box(tuple(block), x0, y0, x0 + w, y0 + h, anchor))
    return boxes


def _extent(boxes: Sequence[Box], radius: float) -> tuple[float, float, float, float]:
    """The bounding box of the ring and the labels, around a centre at (0, 0)."""
    left = min([-radius, *(b.x0 for b in boxes)])
    right = max([radius, *(b.x1 for b in boxes)])
    bottom = min([-radius, *(b.y0 for b in boxes)])
    top = max([radius, *(b.y1 for b in boxes)])
    return left, right, bottom, top


def _fits(boxes: Sequence[Box], radius: float, width: float, height: float) -> bool:
    left, right, bottom, top = _extent(boxes, radius)
    return right - left <= width - 2 * MARGIN and top - bottom <= height - 2 * MARGIN


def _largest_radius(lines: Sequence[tuple[str, ...]], angles: Sequence[float], width: float,
                    height: float, most: float) -> tuple[float, list[Box]] | None:
    """The largest ring (up to `most`) whose labels fit and keep apart, by bisection."""
    sizes = _blocks(lines)

    def ok(radius: float) -> list[Box] | None:
        boxes = _place(lines, sizes, angles, radius)
        return boxes if _fits(boxes, radius, width, height) else None

    low, high = MIN_RADIUS, most
    best = ok(low)
    if best is None:
        return None
    found = ok(high)
    if found is not None:
        low, best = high, found
    else:
        while high - low > 0.5:
            middle = (low + high) / 2
            found = ok(middle)
            if found is None:
                high = middle
            else:
                low, best = middle, found
    # Labels only move apart as the ring grows, so the largest ring that fits is the best try.
    if any(a.overlaps(b) for i, a in enumerate(best) for b in best[i + 1:]):
        return None
    return low, best


def _centred(boxes: Sequence[Box], radius: float, width: float, height: float,
             top_space: float) -> tuple[float, float, tuple[Box, ...]]:
    """Move the figure so that its bounding box is centred in the drawing (above the legend)."""
    left, right, bottom, top = _extent(boxes, radius)
    cx = (width - (right - left)) / 2 - left
    cy = top_space + ((height - top_space) - (top - bottom)) / 2 - bottom
    moved = tuple(Box(b.lines, b.x0 + cx, b.y0 + cy, b.x1 + cx, b.y1 + cy, b.anchor)
                  for b in boxes)
    return cx, cy, moved


def layout(axes: Sequence[Axis], width: float, height: float) -> Layout:
    """Where the ring and every label go in a `width` × `height` drawing."""
    plan = _layout(tuple(a.label for a in axes), width, height)
    labels = tuple(replace(box, lines=(*box.lines[:-1], axis.score_text))
                   for box, axis in zip(plan.labels, axes, strict=True))
    return replace(plan, labels=labels)


@lru_cache(maxsize=32)
def _layout(names: tuple[str, ...], width: float, height: float) -> Layout:
    angles = _angles(len(names))
    most = min(width, height) / 2 - MARGIN
    best: tuple[float, list[Box]] | None = None
    upright = [abs(math.cos(a)) <= UPRIGHT for a in angles]
    for above in WRAP_ABOVE:
        for beside in WRAP_BESIDE:
            lines = [(*_wrapped(name, above if up else beside), SCORE_PLACEHOLDER)
                     for name, up in zip(names, upright, strict=True)]
            found = _largest_radius(lines, angles, width, height, most)
            if found is not None and (best is None or found[0] > best[0] + 0.5):
                best = found
    if best is not None:
        radius, boxes = best
        cx, cy, placed = _centred(boxes, radius, width, height, 0.0)
        return Layout(width, height, cx, cy, radius, placed)
    return _numbered(names, angles, width, height)


def _numbered(names: Sequence[str], angles: Sequence[float], width: float, height: float
              ) -> Layout:
    """Axes numbered 1..n at the tips; the names in a legend under the chart (taller drawing)."""
    legend: list[str] = []
    for number, name in enumerate(names, start=1):
        rows = wrap(f"{number}  {name}", width - 2 * MARGIN)
        legend += [rows[0], *(f"    {row}" for row in rows[1:])]
    legend_height = len(legend) * LEADING + MARGIN
    tips = [(str(number), SCORE_PLACEHOLDER) for number in range(1, len(names) + 1)]
    sizes = _blocks(tips)
    radius = min(width, height) / 2 - MARGIN
    boxes = _place(tips, sizes, angles, radius)
    while radius > 10 and not _fits(boxes, radius, width, height):
        radius -= 1
        boxes = _place(tips, sizes, angles, radius)
    cx, cy, placed = _centred(boxes, radius, width, height + legend_height, legend_height)
    return Layout(width, height + legend_height, cx, cy, radius, placed, tuple(legend))


def radar(axes: Sequence[Axis], width: float, height: float) -> Sketch | None:
    """The chart, or None when fewer than three dimensions make a radar meaningless."""
    if len(axes) < 3:
        return None
    register_fonts()
    plan = layout(axes, width, height)
    sketch = Sketch(plan.width, plan.height)
    cx, cy, radius = plan.cx, plan.cy, plan.radius
    scales = {(a.low, a.high) for a in axes}
    shared = next(iter(scales)) if len(scales) == 1 else None
    steps = (shared[1] - shared[0] + 1) if shared else 4
    angles = _angles(len(axes))

    for step in range(1, steps + 1):
        r = radius * step / steps
        ring = [c for a in angles for c in (cx + r * math.cos(a), cy + r * math.sin(a))]
        sketch.polygon(ring, GRID, 0.6)
    for a in angles:
        sketch.line(cx, cy, cx + radius * math.cos(a), cy + radius * math.sin(a), GRID, 0.6)
    for step in range(1, steps + 1):
        r = radius * step / steps
        label = str(shared[0] + step - 1) if shared else f"{round(100 * step / steps)} %"
        # Ring labels sit just right of the upward axis, under the top label's box (GAP).
        sketch.string(cx + 3, cy + r + 1.5, label, REGULAR, 6.5, MUTED)

    points: list[float] = []
    for axis, a in zip(axes, angles, strict=True):
        r = 0.0
        if axis.score is not None and axis.high >= axis.low:
            r = radius * (axis.score - axis.low + 1) / (axis.high - axis.low + 1)
        points += [cx + r * math.cos(a), cy + r * math.sin(a)]
    sketch.polygon(points, FILL, 1.4, colors.Color(FILL.red, FILL.green, FILL.blue, alpha=0.22))
    for i, axis in enumerate(axes):
        sketch.circle(points[2 * i], points[2 * i + 1], 2.2,
                      FILL if axis.score is not None else colors.white, FILL, 1)

    for axis, box in zip(axes, plan.labels, strict=True):
        _draw_label(sketch, box, scored=axis.score is not None, numbered=plan.numbered)
    for i, line in enumerate(plan.legend):  # at the bottom, first row on top
        baseline = MARGIN / 2 + (len(plan.legend) - 1 - i) * LEADING + 2
        sketch.string(MARGIN, baseline, line, REGULAR, SIZE, INK)
    return sketch


def _draw_label(sketch: Sketch, box: Box, *, scored: bool, numbered: bool) -> None:
    x = {"start": box.x0, "middle": (box.x0 + box.x1) / 2, "end": box.x1}[box.anchor]
    last = len(box.lines) - 1
    for i, line in enumerate(box.lines):
        baseline = box.y1 - (i + 1) * LEADING + 2  # descenders stay inside the box
        is_score = i == last
        sketch.string(x, baseline, line, BOLD if is_score or numbered else REGULAR, SIZE,
                      (FILL if scored else MUTED) if is_score else INK, box.anchor)
